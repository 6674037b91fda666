//! Where the KB lacks people: role descriptions in `mirsad analyze` output and what the person
//! after them was linked to, counted per pattern, and the most frequent names after them that
//! no KB actor holds.
//!
//! ```text
//! mirsad analyze -q -j 2 ../shared/data/news/saudinewsnet/json/2015-07-23.json -o snn.jsonl
//! cargo run -p mirsad-kb --example mine_gaps -- snn.jsonl [more.jsonl…] [--names 60]
//! ```
//!
//! Each description (`وزير الخارجية`, `السفير`, `المتحدث باسم`, …, longest match at a word start,
//! after an optional و/ف) is one occurrence, classed by the first person entity that overlaps it
//! or starts within the next 60 characters (code points, the output's offsets):
//! `kb` a KB person, `local` a document-local person (`in_kb: false`), `ner` a PER entity the
//! linker left alone, `none` no person there. A `local` or `ner` name is a gap; the names list
//! counts them over all patterns (a name that is a KB actor elsewhere in the corpus is still
//! listed: it was not found here).
use std::collections::HashMap;
use std::io::BufRead;

/// (family, description) — the family is what the table counts.
const PATTERNS: &[(&str, &str)] = &[
    ("foreign minister", "وزير الخارجية"),
    ("foreign minister", "وزيرة الخارجية"),
    ("foreign minister", "وزير خارجية"),
    ("foreign minister", "وزيرة خارجية"),
    ("defence minister", "وزير الدفاع"),
    ("defence minister", "وزيرة الدفاع"),
    ("defence minister", "وزير دفاع"),
    ("interior minister", "وزير الداخلية"),
    ("other minister", "وزير"),
    ("other minister", "وزيرة"),
    ("prime minister", "رئيس الوزراء"),
    ("prime minister", "رئيس وزراء"),
    ("prime minister", "رئيس الحكومة"),
    ("prime minister", "رئيسة الوزراء"),
    ("president", "الرئيس"),
    ("president", "رئيس الجمهورية"),
    ("monarch / crown prince", "الملك"),
    ("monarch / crown prince", "العاهل"),
    ("monarch / crown prince", "ولي العهد"),
    ("monarch / crown prince", "أمير"),
    ("spokesperson", "المتحدث باسم"),
    ("spokesperson", "المتحدثة باسم"),
    ("spokesperson", "الناطق باسم"),
    ("spokesperson", "الناطقة باسم"),
    ("spokesperson", "المتحدث الرسمي"),
    ("spokesperson", "الناطق الرسمي"),
    ("ambassador", "السفير"),
    ("ambassador", "السفيرة"),
    ("ambassador", "سفير"),
    ("ambassador", "سفيرة"),
    ("UN / permanent representative", "المندوب"),
    ("UN / permanent representative", "مندوب"),
    ("envoy", "المبعوث"),
    ("envoy", "مبعوث"),
    ("envoy", "المبعوثة"),
    ("chief of staff", "رئيس هيئة الأركان"),
    ("chief of staff", "رئيس أركان"),
    ("chief of staff", "رئيس الأركان"),
    ("secretary-general", "الأمين العام"),
    ("secretary-general", "أمين عام"),
    ("speaker", "رئيس البرلمان"),
    ("speaker", "رئيس مجلس النواب"),
    ("speaker", "رئيس مجلس الشورى"),
];

/// The matching view: no diacritics or tatweel, alef seats, ى and ة folded.
fn fold(c: char) -> Option<char> {
    if mirsad_text::normalize::is_tashkeel(c) || c == '\u{640}' {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        _ => c,
    })
}

fn folded(s: &str) -> Vec<char> {
    s.chars().filter_map(fold).collect()
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    occurrences: usize,
    kb: usize,
    local: usize,
    ner: usize,
    none: usize,
}

fn main() {
    let mut files = Vec::new();
    let mut show = 60usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--names" {
            show = args.next().and_then(|n| n.parse().ok()).unwrap_or(show);
        } else {
            files.push(a);
        }
    }
    if files.is_empty() {
        eprintln!("usage: mine_gaps ANALYSIS.jsonl… [--names N]");
        std::process::exit(2);
    }
    let patterns: Vec<(&str, Vec<char>)> = PATTERNS.iter().map(|(f, p)| (*f, folded(p))).collect();
    let mut per_family: Vec<(&str, Counts)> = Vec::new();
    let mut gaps: HashMap<String, (usize, HashMap<&str, usize>)> = HashMap::new();
    let mut docs = 0usize;
    for f in &files {
        let file = std::fs::File::open(f).unwrap_or_else(|e| {
            eprintln!("{f}: {e}");
            std::process::exit(1)
        });
        for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.unwrap_or_else(|e| {
                eprintln!("{f}:line {}: {e}", n + 1);
                std::process::exit(1)
            });
            let Ok(doc) = serde_json::from_str::<serde_json::Value>(&line) else {
                eprintln!("{f}:line {}: not JSON, skipped", n + 1);
                continue;
            };
            docs += 1;
            mine_doc(&doc, &patterns, &mut per_family, &mut gaps);
        }
    }
    println!("{docs} documents");
    println!(
        "| description | occurrences | kb person | local person | NER PER, unlinked | no person |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let mut total = Counts::default();
    for (fam, c) in &per_family {
        println!(
            "| {fam} | {} | {} | {} | {} | {} |",
            c.occurrences, c.kb, c.local, c.ner, c.none
        );
        total.occurrences += c.occurrences;
        total.kb += c.kb;
        total.local += c.local;
        total.ner += c.ner;
        total.none += c.none;
    }
    println!(
        "| all | {} | {} | {} | {} | {} |",
        total.occurrences, total.kb, total.local, total.ner, total.none
    );
    let mut names: Vec<_> = gaps.into_iter().collect();
    names.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    println!("\nmost frequent names after a description that no KB actor holds:");
    for (name, (n, fams)) in names.iter().take(show) {
        let mut fams: Vec<_> = fams.iter().collect();
        fams.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let fams: Vec<String> = fams.iter().map(|(f, k)| format!("{f} {k}")).collect();
        println!("{n:5}  {name}  ({})", fams.join(", "));
    }
}

fn mine_doc<'p>(
    doc: &serde_json::Value,
    patterns: &'p [(&'p str, Vec<char>)],
    per_family: &mut Vec<(&'p str, Counts)>,
    gaps: &mut HashMap<String, (usize, HashMap<&'p str, usize>)>,
) {
    let text: Vec<char> = doc["text"].as_str().unwrap_or("").chars().collect();
    // the folded view, each char with its code-point offset in the text
    let view: Vec<(char, usize)> = text
        .iter()
        .enumerate()
        .filter_map(|(i, &c)| fold(c).map(|f| (f, i)))
        .collect();
    let in_kb: HashMap<&str, bool> = doc["actors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["kind"] == "person")
        .filter_map(|a| Some((a["id"].as_str()?, a["in_kb"].as_bool().unwrap_or(true))))
        .collect();
    let persons: Vec<(usize, usize, &str, Option<bool>)> = doc["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let (s, t) = (e["start"].as_u64()? as usize, e["end"].as_u64()? as usize);
            let linked = e["actor_id"].as_str().and_then(|id| in_kb.get(id).copied());
            let unlinked_per = e["label"] == "PER" && e["actor_id"].is_null();
            (linked.is_some() || unlinked_per).then_some((s, t, e["text"].as_str()?, linked))
        })
        .collect();
    let mut i = 0;
    while i < view.len() {
        let at_word_start = |k: usize| k == 0 || !is_letter(view[k - 1].0);
        // a description starts a word, or follows a conjunction (وزير، فالسفير)
        let starts = at_word_start(i)
            || i >= 1 && matches!(view[i - 1].0, 'و' | 'ف') && at_word_start(i - 1);
        let start = starts.then_some(i);
        let best = start.and_then(|i| {
            patterns
                .iter()
                .filter(|(_, p)| {
                    view.len() >= i + p.len()
                        && view[i..i + p.len()]
                            .iter()
                            .map(|x| x.0)
                            .eq(p.iter().copied())
                        && view.get(i + p.len()).is_none_or(|x| !is_letter(x.0))
                })
                .max_by_key(|(_, p)| p.len())
        });
        let Some((fam, p)) = best else {
            i += 1;
            continue;
        };
        let t0 = view[i].1;
        let t1 = view[i + p.len() - 1].1 + 1;
        let hit = persons
            .iter()
            .filter(|(s, e, _, _)| *e > t0 && *s < t1 + 60)
            .min_by_key(|(s, _, _, _)| *s);
        let slot = match per_family.iter().position(|(f, _)| f == fam) {
            Some(k) => k,
            None => {
                per_family.push((fam, Counts::default()));
                per_family.len() - 1
            }
        };
        let c = &mut per_family[slot].1;
        c.occurrences += 1;
        match hit {
            Some((_, _, _, Some(true))) => c.kb += 1,
            Some((_, _, name, linked)) => {
                if linked.is_some() {
                    c.local += 1;
                } else {
                    c.ner += 1;
                }
                let g = gaps.entry(name.to_string()).or_default();
                g.0 += 1;
                *g.1.entry(fam).or_default() += 1;
            }
            None => c.none += 1,
        }
        i += p.len();
    }
}
