//! Hand-built documents with the layers the KB and time stages will fill.
#![allow(dead_code)]

use mirsad_core::{Actor, ActorKind, Document, Entity, EntityLabel, Metadata, Timex, TimexType};

/// (id, English name, kind, country, sector)
pub type ActorRow = (
    &'static str,
    &'static str,
    ActorKind,
    Option<&'static str>,
    Option<&'static str>,
);

pub const ACTORS: &[ActorRow] = &[
    ("RUS", "Russia", ActorKind::State, Some("RUS"), Some("GOV")),
    ("TUR", "Turkey", ActorKind::State, Some("TUR"), Some("GOV")),
    ("IRN", "Iran", ActorKind::State, Some("IRN"), Some("GOV")),
    (
        "USA",
        "United States",
        ActorKind::State,
        Some("USA"),
        Some("GOV"),
    ),
    (
        "SAU",
        "Saudi Arabia",
        ActorKind::State,
        Some("SAU"),
        Some("GOV"),
    ),
    ("EGY", "Egypt", ActorKind::State, Some("EGY"), Some("GOV")),
    (
        "Q-GUTERRES",
        "António Guterres",
        ActorKind::Person,
        None,
        Some("IGO"),
    ),
    (
        "TUN_COP",
        "Tunisia (police)",
        ActorKind::State,
        Some("TUN"),
        Some("COP"),
    ),
    (
        "TUR-MIL",
        "Turkish armed forces",
        ActorKind::State,
        Some("TUR"),
        Some("MIL"),
    ),
    (
        "SYR-MIL",
        "Syrian army",
        ActorKind::State,
        Some("SYR"),
        Some("MIL"),
    ),
    (
        "SYR-OPP",
        "Syrian opposition",
        ActorKind::Opposition,
        Some("SYR"),
        Some("OPP"),
    ),
    (
        "KURD",
        "Kurdish forces",
        ActorKind::ArmedGroup,
        None,
        Some("REB"),
    ),
    (
        "Q-KHAMENEI",
        "Ali Khamenei",
        ActorKind::Person,
        Some("IRN"),
        Some("GOV"),
    ),
    (
        "Q-SISI",
        "Abdel Fattah el-Sisi",
        ActorKind::Person,
        Some("EGY"),
        Some("GOV"),
    ),
    (
        "Q-PUTIN",
        "Vladimir Putin",
        ActorKind::Person,
        Some("RUS"),
        Some("GOV"),
    ),
    (
        "Q-ERDOGAN",
        "Recep Tayyip Erdogan",
        ActorKind::Person,
        Some("TUR"),
        Some("GOV"),
    ),
    (
        "Q-OBAMA",
        "Barack Obama",
        ActorKind::Person,
        Some("USA"),
        Some("GOV"),
    ),
    (
        "Q-LAVROV",
        "Sergey Lavrov",
        ActorKind::Person,
        Some("RUS"),
        Some("GOV"),
    ),
    ("L-ASTANA", "Astana", ActorKind::Location, Some("KAZ"), None),
    (
        "L-DAMASCUS",
        "Damascus",
        ActorKind::Location,
        Some("SYR"),
        None,
    ),
    ("L-RIYADH", "Riyadh", ActorKind::Location, Some("SAU"), None),
    ("L-ANKARA", "Ankara", ActorKind::Location, Some("TUR"), None),
    ("L-AMMAN", "Amman", ActorKind::Location, Some("JOR"), None),
    (
        "SYR-GOV",
        "Government of Syria",
        ActorKind::State,
        Some("SYR"),
        Some("GOV"),
    ),
    ("UN", "United Nations", ActorKind::Igo, None, None),
    (
        "HAMAS",
        "Hamas",
        ActorKind::ArmedGroup,
        Some("PSE"),
        Some("REB"),
    ),
    (
        "local:jor-trade",
        "Trade Minister of Jordan",
        ActorKind::Person,
        Some("JOR"),
        Some("GOV"),
    ),
    (
        "local:irq-trade",
        "Trade Minister of Iraq",
        ActorKind::Person,
        Some("IRQ"),
        Some("GOV"),
    ),
    (
        "Q-SHOUKRY",
        "Sameh Shoukry",
        ActorKind::Person,
        Some("EGY"),
        Some("GOV"),
    ),
    (
        "Q-SAFADI",
        "Ayman Safadi",
        ActorKind::Person,
        Some("JOR"),
        Some("GOV"),
    ),
    ("L-IDLIB", "Idlib", ActorKind::Location, Some("SYR"), None),
];

/// The government actor of a seat of power, as the KB's `metonym_of` would give it.
pub fn government(id: &str, name: &str, country: &str) -> Actor {
    Actor {
        id: id.to_string(),
        name: name.to_string(),
        name_ar: None,
        kind: ActorKind::State,
        country: Some(country.to_string()),
        sector: Some("GOV".into()),
        role: None,
        wikidata: None,
        in_kb: Some(true),
        mentions: None,
    }
}

/// Builds a document; `ents` are (surface, actor id, label), found in order in the text.
pub fn doc(text: &str, ents: &[(&str, &str, EntityLabel)]) -> Document {
    let mut d = Document::new(
        Metadata {
            id: "t1".into(),
            published: Some("2015-10-05T08:00:00Z".into()),
            ..Default::default()
        },
        text.to_string(),
        "ar",
    );
    let mut from = 0usize; // byte offset
    for (surface, id, label) in ents {
        let at = from
            + text[from..]
                .find(surface)
                .unwrap_or_else(|| panic!("{surface}"));
        let start = text[..at].chars().count();
        let end = start + surface.chars().count();
        from = at + surface.len();
        d.entities.push(Entity {
            start,
            end,
            text: surface.to_string(),
            label: *label,
            actor_id: Some(id.to_string()),
            confidence: None,
        });
        if !d.actors.iter().any(|a| a.id == *id) {
            let (_, name, kind, country, sector) = ACTORS
                .iter()
                .find(|a| a.0 == *id)
                .unwrap_or_else(|| panic!("actor {id}"));
            d.actors.push(Actor {
                id: id.to_string(),
                name: name.to_string(),
                name_ar: None,
                kind: *kind,
                country: country.map(str::to_string),
                sector: sector.map(str::to_string),
                role: None,
                wikidata: None,
                in_kb: Some(true),
                mentions: None,
            });
        }
    }
    d
}

/// Adds a name as the NER stage leaves one the KB does not know: no actor.
pub fn unlinked_name(d: &mut Document, surface: &str, label: EntityLabel) {
    let at = d.text.find(surface).expect("name surface");
    let start = d.text[..at].chars().count();
    d.entities.push(Entity {
        start,
        end: start + surface.chars().count(),
        text: surface.to_string(),
        label,
        actor_id: None,
        confidence: Some(0.9),
    });
    d.entities.sort_by_key(|e| (e.start, e.end));
}

/// Adds a DATE timex over `surface`.
pub fn timex(d: &mut Document, surface: &str, value: &str) {
    let at = d.text.find(surface).expect("timex surface");
    let start = d.text[..at].chars().count();
    d.timexes.push(Timex {
        start,
        end: start + surface.chars().count(),
        text: surface.to_string(),
        timex_type: TimexType::DATE,
        value: value.to_string(),
        calendar: None,
    });
}

pub fn ids(v: &[mirsad_core::ActorRef]) -> Vec<&str> {
    v.iter().map(|a| a.id.as_str()).collect()
}
