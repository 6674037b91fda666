//! Hand-built analysed documents for tests, examples, the schemathesis script and benchmarks
//! (the analysis stages fill these layers in production; the store must not depend on them).

use mirsad_core::{
    Actor, ActorKind, ActorRef, Document, Event, EventType, Factuality, Location, Metadata, Span,
};

pub fn actor_ref(id: &str, name: &str, country: &str) -> ActorRef {
    ActorRef {
        id: id.into(),
        name: name.into(),
        country: Some(country.into()),
        kind: Some("state".into()),
    }
}

pub fn actor(id: &str, name: &str, country: &str) -> Actor {
    Actor {
        id: id.into(),
        name: name.into(),
        name_ar: None,
        kind: ActorKind::State,
        country: Some(country.into()),
        sector: Some("government".into()),
        role: Some("government".into()),
        wikidata: None,
        in_kb: Some(true),
        mentions: Some(2),
    }
}

#[allow(clippy::too_many_arguments)]
/// An event whose trigger is the first occurrence of `trigger` in `text`.
pub fn event(
    text: &str,
    trigger: &str,
    t: EventType,
    actors: Vec<ActorRef>,
    recipients: Vec<ActorRef>,
    fact: Factuality,
    date: Option<&str>,
    cluster: Option<&str>,
) -> Event {
    let byte = text.find(trigger).unwrap_or(0);
    let start = text[..byte].chars().count();
    let end = start + trigger.chars().count();
    Event {
        id: None,
        event_type: t,
        mode: None,
        cameo: None,
        quad: Some(t.quad()),
        actor: actors,
        recipient: recipients,
        date: date.map(str::to_string),
        date_source: None,
        location: Some(Location {
            name: "Riyadh".into(),
            name_ar: Some("الرياض".into()),
            country: Some("SAU".into()),
            lat: Some(24.7),
            lon: Some(46.7),
            geonames: None,
        }),
        factuality: fact,
        historical: None,
        trigger: Span::with_text(start, end, trigger),
        evidence: Span::new(0, text.chars().count()),
        confidence: 0.9,
        cluster: cluster.map(str::to_string),
    }
}

pub fn doc(id: &str, title: &str, text: &str, source: &str, published: &str) -> Document {
    let mut d = Document::new(
        Metadata {
            id: id.into(),
            title: Some(title.into()),
            url: Some(format!("https://example.invalid/{id}")),
            source: Some(source.into()),
            published: Some(published.into()),
        },
        text.into(),
        "ar",
    );
    d.sentences = vec![Span::new(0, text.chars().count())];
    d
}

/// A small corpus: Saudi–Yemen cooperation and conflict, a negated threat, a near-duplicate
/// wire copy, an exact duplicate, and an unrelated sports story.
pub fn sample_docs() -> Vec<Document> {
    let sa = || actor_ref("SAU", "Saudi Arabia", "SAU");
    let ye = || actor_ref("YEM", "Yemen", "YEM");
    let ir = || actor_ref("IRN", "Iran", "IRN");
    let t1 = "أعلنت المملكة العربية السعودية اليوم عن تقديم مساعدات إنسانية عاجلة إلى اليمن تشمل الغذاء والدواء، وقال المتحدث باسم مركز الملك سلمان للإغاثة إن القوافل وصلت إلى مدينة عدن صباح الاثنين وسط ترحيب من السلطات المحلية والمنظمات الدولية العاملة هناك.";
    let mut d1 = doc(
        "d1",
        "السعودية تقدم مساعدات إنسانية لليمن",
        t1,
        "spa",
        "2015-07-21T10:00:00Z",
    );
    d1.actors = vec![
        actor("SAU", "Saudi Arabia", "SAU"),
        actor("YEM", "Yemen", "YEM"),
    ];
    d1.events = vec![event(
        t1,
        "تقديم مساعدات",
        EventType::Aid,
        vec![sa()],
        vec![ye()],
        Factuality::Asserted,
        Some("2015-07-20"),
        Some("c-aid"),
    )];
    let t2 = "اتهمت الحكومة اليمنية إيران بدعم الميليشيات المسلحة وتهريب الأسلحة عبر البحر، وهددت إيران في المقابل بالرد على أي عقوبات جديدة، فيما نفت طهران أنها أرسلت سفنا عسكرية إلى المنطقة خلال الأسابيع الماضية بحسب بيان رسمي.";
    let mut d2 = doc(
        "d2",
        "اليمن يتهم إيران بتهريب الأسلحة",
        t2,
        "alriyadh",
        "2015-07-22",
    );
    d2.actors = vec![actor("YEM", "Yemen", "YEM"), actor("IRN", "Iran", "IRN")];
    d2.events = vec![
        event(
            t2,
            "اتهمت",
            EventType::Accuse,
            vec![ye()],
            vec![ir()],
            Factuality::Asserted,
            None,
            None,
        ),
        event(
            t2,
            "وهددت",
            EventType::Threaten,
            vec![ir()],
            vec![ye()],
            Factuality::Reported,
            None,
            None,
        ),
        event(
            t2,
            "أرسلت سفنا",
            EventType::Mobilize,
            vec![ir()],
            vec![],
            Factuality::Negated,
            None,
            None,
        ),
    ];
    // near-duplicate of d1 (another outlet's copy with one sentence appended)
    let t3 = format!("{t1} وأكدت المصادر استمرار الدعم.");
    let mut d3 = doc(
        "d3",
        "مساعدات سعودية عاجلة لليمن",
        &t3,
        "okaz",
        "2015-07-21T12:00:00Z",
    );
    d3.actors = d1.actors.clone();
    d3.events = vec![event(
        &t3,
        "تقديم مساعدات",
        EventType::Aid,
        vec![sa()],
        vec![ye()],
        Factuality::Asserted,
        Some("2015-07-20"),
        Some("c-aid"),
    )];
    // exact duplicate of d2's text under another id
    let mut d4 = doc("d4", "إعادة نشر", t2, "alyaum", "2015-07-23");
    d4.events = d2.events.clone();
    let t5 = "فاز فريق الهلال على النصر بهدفين مقابل هدف في المباراة التي أقيمت مساء أمس على ملعب الملك فهد الدولي في الرياض بحضور جماهيري كبير، وتصدر الهلال ترتيب الدوري السعودي للمحترفين بعد هذا الفوز الثمين.";
    let d5 = doc("d5", "الهلال يفوز على النصر", t5, "arreyadi", "2015-08-02");
    let t6 = "وقعت المملكة العربية السعودية واليمن اتفاقية للتعاون الاقتصادي في الرياض تشمل مشاريع للبنية التحتية والطاقة، وأكد وزير الخارجية أن الاتفاقية تعزز العلاقات الثنائية بين البلدين الشقيقين في المرحلة المقبلة.";
    let mut d6 = doc(
        "d6",
        "اتفاقية تعاون اقتصادي بين السعودية واليمن",
        t6,
        "spa",
        "2015-08-03",
    );
    d6.actors = vec![
        actor("SAU", "Saudi Arabia", "SAU"),
        actor("YEM", "Yemen", "YEM"),
    ];
    d6.events = vec![event(
        t6,
        "وقعت",
        EventType::Agree,
        vec![sa()],
        vec![ye()],
        Factuality::Asserted,
        Some("2015-08-03"),
        Some("c-agree"),
    )];
    vec![d1, d2, d3, d4, d5, d6]
}

/// `n` synthetic but realistic-length documents (about 250 words each) with two events each,
/// for benchmarks and the crash test. Texts differ enough not to be near-duplicates.
pub fn synthetic_docs(n: usize, seed: u64) -> Vec<Document> {
    const WORDS: [&str; 48] = [
        "الحكومة",
        "وزير",
        "الخارجية",
        "اجتماع",
        "الرياض",
        "القاهرة",
        "بغداد",
        "دمشق",
        "اليمن",
        "مجلس",
        "الأمن",
        "الدولي",
        "اتفاقية",
        "التعاون",
        "الاقتصادي",
        "النفط",
        "الأسعار",
        "السوق",
        "المواطنين",
        "الصحة",
        "المستشفى",
        "التعليم",
        "المدارس",
        "الطلاب",
        "الانتخابات",
        "البلدية",
        "المرشحين",
        "الهجوم",
        "الإرهابي",
        "القوات",
        "الحدود",
        "المساعدات",
        "الإنسانية",
        "اللاجئين",
        "المفاوضات",
        "السلام",
        "العقوبات",
        "الاحتجاجات",
        "الشرطة",
        "المحكمة",
        "القرار",
        "المشروع",
        "التنمية",
        "الاستثمار",
        "الشركات",
        "البنك",
        "المركزي",
        "الميزانية",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let actors = [
        ("SAU", "Saudi Arabia"),
        ("YEM", "Yemen"),
        ("IRN", "Iran"),
        ("EGY", "Egypt"),
        ("SYR", "Syria"),
        ("RUS", "Russia"),
    ];
    (0..n)
        .map(|i| {
            let mut text = String::new();
            for j in 0..250 {
                if j > 0 {
                    text.push(if j % 17 == 0 { '،' } else { ' ' });
                    if j % 17 == 0 {
                        text.push(' ');
                    }
                }
                text.push_str(WORDS[(next() % WORDS.len() as u64) as usize]);
            }
            text.push('.');
            let day = 1 + (i % 28);
            let month = 1 + (i / 28) % 12;
            let published = format!("2015-{month:02}-{day:02}");
            let mut d = doc(
                &format!("syn-{seed}-{i}"),
                &format!("خبر رقم {i}"),
                &text,
                ["spa", "okaz", "alriyadh"][i % 3],
                &published,
            );
            let (a, b) = (actors[(next() % 6) as usize], actors[(next() % 6) as usize]);
            let t = EventType::ALL[(next() % 16) as usize];
            let first = WORDS
                .iter()
                .find(|w| text.contains(*w))
                .unwrap_or(&"الحكومة");
            d.actors = vec![actor(a.0, a.1, a.0), actor(b.0, b.1, b.0)];
            d.events = vec![
                event(
                    &text,
                    first,
                    t,
                    vec![actor_ref(a.0, a.1, a.0)],
                    vec![actor_ref(b.0, b.1, b.0)],
                    Factuality::Asserted,
                    Some(&published),
                    Some(&format!("c{}", i % 50)),
                ),
                event(
                    &text,
                    first,
                    EventType::Consult,
                    vec![actor_ref(b.0, b.1, b.0)],
                    vec![actor_ref(a.0, a.1, a.0)],
                    Factuality::Reported,
                    None,
                    None,
                ),
            ];
            d
        })
        .collect()
}
