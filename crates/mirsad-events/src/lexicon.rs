//! The trigger lexicon: lemmas and multi-word patterns, expanded once into a hash map of
//! normalised surface forms so that the scan over a document is one hash lookup per token.
//!
//! Entries are stored as lemmas (perfect/imperfect stems, verbal nouns, plurals), never as lists of
//! inflected strings: [`crate::morph`] generates the inflections. The map holds inflected forms
//! without proclitics; proclitics (و ف ب ل ك ال س and their combinations) are stripped at lookup
//! time, which keeps the map small and lets the clitic decide which forms may follow it (ال never
//! precedes a verb, س only precedes an imperfect).

use crate::morph::{self, FormKind};
use mirsad_core::EventType;
use mirsad_text::normalize_word;
use std::collections::{HashMap, HashSet};

/// The curated lexicon, committed in the crate.
pub const CURATED_TSV: &str = include_str!("../lexicon/curated.tsv");
/// Verb entries converted from UniversalPetrarch's Arabic dictionary (see [`crate::upetrarch`]).
pub const UPETRARCH_TSV: &str = include_str!("../lexicon/upetrarch_verbs.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Verb,
    Noun,
    MultiWord,
}

/// One token of a multi-word pattern after the first.
#[derive(Debug, Clone)]
pub enum PatTok {
    /// Any of these words (compared on their clitic-free core).
    Words(Vec<String>),
    /// Up to this many arbitrary words.
    Gap(usize),
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub event_type: EventType,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub pos: Pos,
    /// The lemma as written in the lexicon file (for display and debugging).
    pub lemma: String,
    /// How reliably this trigger alone signals the event type (0..1). Triggers below
    /// [`WEAK`] are only kept when a role is filled.
    pub strength: f32,
    /// For verbal nouns: the genitive after the noun is the patient (اعتقال الناشط), not the agent.
    pub genitive_patient: bool,
    /// A noun naming the participants of an event (متظاهرون): the event is what they do, so it
    /// counts only as the subject of a verb of the type's activity (تجمع المتظاهرون).
    pub participant: bool,
    /// A noun naming an instrument (سيارة مفخخة): an event only when the clause says it was
    /// used (انفجرت، فجر), not when it was found, seized or talked about.
    pub instrument: bool,
    /// A circumstantial participle after a clause (، متهما واشنطن بـ، داعية المجتمع الدولي إلى):
    /// its subject is the clause's, the name after it its object.
    pub circumstantial: bool,
    /// A verb whose bare perfect 3ms form is also a common noun (هاتف a phone, طالب a student):
    /// that form is the verb only with its subject named, or (`hnb`) with its بـ complement.
    pub noun_homograph: Option<Homograph>,
    /// Remaining tokens of a multi-word pattern.
    pub rest: Vec<PatTok>,
    /// Where the entry came from (`curated`, `upetrarch`).
    pub source: &'static str,
}

/// Below this strength a trigger needs a filled role to become an event.
pub const WEAK: f32 = 0.6;

#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub entry: u32,
    pub kind: FormKind,
    /// Feminine agreement (3fs perfect -ت, imperfect ت-): states and organisations are feminine.
    pub fem: bool,
    /// The form carries a pronoun suffix (انسحابه، اعتقلته).
    pub enclitic: bool,
}

/// What a verb whose perfect 3ms form is also a noun needs to be read as the verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Homograph {
    /// A named subject (هاتف الرئيس نظيره; not هاتف ذكي).
    NeedsSubject,
    /// A named subject or a بـ complement in its clause (طالب سكان الحي بإصلاح الطريق; not طالب
    /// في الجامعة).
    NeedsSubjectOrComplement,
}

/// Statistics for reports.
#[derive(Debug, Clone, Default)]
pub struct LexiconStats {
    pub lemmas_by_type: HashMap<EventType, usize>,
    pub patterns_by_type: HashMap<EventType, usize>,
    pub forms_by_type: HashMap<EventType, usize>,
    pub surface_forms: usize,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    map: HashMap<String, Vec<Hit>>,
    /// (form, entry) of the bare jussives of weak verbs: that verb only after a jussive particle.
    bare_jussives: HashSet<(String, u32)>,
}

/// Surface forms that the generator may produce but that are far more often another word
/// (هنا "here" from هنأ, فجر "dawn", قبل "before", بين "between").
const STOP_FORMS: &[&str] = &[
    "هنا", "فجر", "فجرا", "قبل", "بين", "ان", "انه", "امن", "عمل", "تحدي", "نسق", "ثمن", "عارض",
    "دعم",
];

/// Proclitic strings and which form kinds may follow them. Longest first.
const PROCLITICS: &[(&str, u8)] = &[
    ("وبال", NOUN),
    ("فبال", NOUN),
    ("وكال", NOUN),
    ("وال", NOUN),
    ("فال", NOUN),
    ("بال", NOUN),
    ("كال", NOUN),
    ("ولل", NOUN),
    ("فلل", NOUN),
    ("لل", NOUN),
    ("ال", NOUN),
    ("وس", IMPERF),
    ("فس", IMPERF),
    ("ول", IMPERF | NOUN),
    ("فل", IMPERF | NOUN),
    ("وب", NOUN),
    ("فب", NOUN),
    ("س", IMPERF),
    ("و", ALL),
    ("ف", ALL),
    ("ب", NOUN),
    ("ل", IMPERF | NOUN),
    ("ك", NOUN),
];
const PERF: u8 = 1;
const IMPERF: u8 = 2;
const NOUN: u8 = 4;
const ALL: u8 = PERF | IMPERF | NOUN;

fn kind_bit(k: FormKind) -> u8 {
    match k {
        FormKind::Perfect => PERF,
        FormKind::Imperfect => IMPERF,
        FormKind::Noun => NOUN,
    }
}

/// A successful lookup: the hits and the proclitic that was stripped ("" if none).
#[derive(Debug, Clone)]
pub struct Lookup<'a> {
    pub hits: Vec<Hit>,
    pub proclitic: &'a str,
}

impl Lexicon {
    /// The built-in lexicon: curated entries plus the UniversalPetrarch-derived verbs.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        lex.load_tsv(CURATED_TSV, "curated")
            .expect("curated lexicon parses");
        // UniversalPetrarch's single verbs are left out: their codes come from loose synonym
        // blocks (وصل → THREATEN, اعتبر → ACCUSE); its verb + object patterns are specific
        // enough to keep as weak triggers that need a role.
        lex.load_tsv_filtered(UPETRARCH_TSV, "upetrarch", |pos| pos == Pos::MultiWord)
            .expect("upetrarch lexicon parses");
        lex
    }

    /// Like [`Lexicon::load_tsv`], keeping only entries whose part of speech passes `keep`.
    pub fn load_tsv_filtered(
        &mut self,
        tsv: &str,
        source: &'static str,
        keep: impl Fn(Pos) -> bool,
    ) -> Result<(), String> {
        let kept: String = tsv
            .lines()
            .filter(|l| {
                let pos = match l.split('\t').nth(3) {
                    Some("v") => Pos::Verb,
                    Some("n") => Pos::Noun,
                    Some("mw") => Pos::MultiWord,
                    _ => return true,
                };
                keep(pos)
            })
            .map(|l| format!("{l}\n"))
            .collect();
        self.load_tsv(&kept, source)
    }

    /// Only the curated entries (for comparisons in evaluation).
    pub fn curated_only() -> Lexicon {
        let mut lex = Lexicon::default();
        lex.load_tsv(CURATED_TSV, "curated")
            .expect("curated lexicon parses");
        lex
    }

    /// Parses a lexicon file (format in `lexicon/curated.tsv`'s header) and adds its entries.
    pub fn load_tsv(&mut self, tsv: &str, source: &'static str) -> Result<(), String> {
        for (n, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 9 {
                return Err(format!("line {}: expected 10 columns", n + 1));
            }
            let event_type = EventType::parse(f[0])
                .ok_or_else(|| format!("line {}: unknown type {}", n + 1, f[0]))?;
            let opt = |s: &str| (s != "-" && !s.is_empty()).then(|| s.to_string());
            let pos = match f[3] {
                "v" => Pos::Verb,
                "n" => Pos::Noun,
                "mw" => Pos::MultiWord,
                p => return Err(format!("line {}: unknown pos {p}", n + 1)),
            };
            let strength: f32 = f[7]
                .parse()
                .map_err(|_| format!("line {}: bad strength", n + 1))?;
            let base = Entry {
                event_type,
                mode: opt(f[1]),
                cameo: opt(f[2]),
                pos,
                lemma: f[4].to_string(),
                strength,
                genitive_patient: f[8].split(',').any(|x| x == "gp"),
                participant: f[8].split(',').any(|x| x == "pt"),
                instrument: f[8].split(',').any(|x| x == "inst"),
                circumstantial: f[8].split(',').any(|x| x == "cp"),
                noun_homograph: f[8].split(',').find_map(|x| match x {
                    "hn" => Some(Homograph::NeedsSubject),
                    "hnb" => Some(Homograph::NeedsSubjectOrComplement),
                    _ => None,
                }),
                rest: Vec::new(),
                source,
            };
            match pos {
                Pos::Verb => {
                    let id = self.push(base.clone());
                    for (form, kind, fem, encl) in morph::verb_forms(f[4], f[5]) {
                        self.add_form(form, id, kind, fem, encl);
                    }
                    self.add_bare_jussives(f[5], id);
                    if let Some(m) = opt(f[6]) {
                        for masdar in m.split(',') {
                            let mut e = base.clone();
                            e.pos = Pos::Noun;
                            e.lemma = masdar.to_string();
                            let id = self.push(e);
                            for (form, encl) in morph::noun_forms(masdar, &[]) {
                                self.add_form(form, id, FormKind::Noun, false, encl);
                            }
                        }
                    }
                }
                Pos::Noun => {
                    let id = self.push(base);
                    let plurals: Vec<&str> = match opt(f[5]) {
                        Some(_) => f[5].split(',').collect(),
                        None => Vec::new(),
                    };
                    for (form, encl) in morph::noun_forms(f[4], &plurals) {
                        self.add_form(form, id, FormKind::Noun, false, encl);
                    }
                }
                Pos::MultiWord => {
                    let mut toks = f[4].split_whitespace();
                    let first = toks
                        .next()
                        .ok_or_else(|| format!("line {}: empty", n + 1))?;
                    let mut e = base;
                    for t in toks {
                        if t == "*" {
                            e.rest.push(PatTok::Gap(3));
                        } else {
                            e.rest
                                .push(PatTok::Words(t.split('|').map(word_core_key).collect()));
                        }
                    }
                    let id = self.push(e);
                    if let Some(v) = first.strip_prefix('~') {
                        let (p, i) = v.split_once('/').unwrap_or((v, "-"));
                        for (form, kind, fem, encl) in morph::verb_forms(p, i) {
                            self.add_form(form, id, kind, fem, encl);
                        }
                        // the verbal noun of a light verb is usually its perfect stem (فرض، نشر)
                        self.add_form(normalize_word(p), id, FormKind::Noun, false, false);
                    } else {
                        for alt in first.split('|') {
                            self.add_form(normalize_word(alt), id, FormKind::Noun, false, false);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn push(&mut self, e: Entry) -> u32 {
        self.entries.push(e);
        (self.entries.len() - 1) as u32
    }

    fn add_bare_jussives(&mut self, imperf: &str, entry: u32) {
        for form in morph::bare_jussives(imperf) {
            self.bare_jussives.insert((form, entry));
        }
    }

    /// Whether `form` (without proclitics) is only a bare jussive of `entry`'s verb.
    pub fn is_bare_jussive(&self, form: &str, entry: u32) -> bool {
        !self.bare_jussives.is_empty() && self.bare_jussives.contains(&(form.to_string(), entry))
    }

    fn add_form(&mut self, form: String, entry: u32, kind: FormKind, fem: bool, enclitic: bool) {
        let e = &self.entries[entry as usize];
        // bare stop forms are refused for single-word triggers; patterns check the next words
        if e.pos != Pos::MultiWord && STOP_FORMS.contains(&form.as_str()) {
            return;
        }
        if form.chars().count() < 2 {
            return;
        }
        let v = self.map.entry(form).or_default();
        if !v.iter().any(|h| h.entry == entry && h.kind == kind) {
            v.push(Hit {
                entry,
                kind,
                fem,
                enclitic,
            });
        }
    }

    /// Looks a normalised token up: the exact form first, then with proclitics stripped.
    pub fn lookup(&self, tok: &str) -> Option<Lookup<'static>> {
        if let Some(h) = self.map.get(tok) {
            return Some(Lookup {
                hits: h.clone(),
                proclitic: "",
            });
        }
        for &(p, allowed) in PROCLITICS {
            if let Some(rest) = tok.strip_prefix(p) {
                if rest.chars().count() < 2 {
                    continue;
                }
                if let Some(h) = self.map.get(rest) {
                    let hits: Vec<Hit> = h
                        .iter()
                        .copied()
                        .filter(|h| kind_bit(h.kind) & allowed != 0)
                        .collect();
                    if !hits.is_empty() {
                        return Some(Lookup { hits, proclitic: p });
                    }
                }
            }
        }
        None
    }

    pub fn surface_forms(&self) -> usize {
        self.map.len()
    }

    pub fn stats(&self) -> LexiconStats {
        let mut s = LexiconStats {
            surface_forms: self.map.len(),
            ..Default::default()
        };
        for e in &self.entries {
            match e.pos {
                Pos::MultiWord => *s.patterns_by_type.entry(e.event_type).or_default() += 1,
                _ => *s.lemmas_by_type.entry(e.event_type).or_default() += 1,
            }
        }
        for hits in self.map.values() {
            let mut seen: Vec<EventType> = Vec::new();
            for h in hits {
                let t = self.entries[h.entry as usize].event_type;
                if !seen.contains(&t) {
                    seen.push(t);
                    *s.forms_by_type.entry(t).or_default() += 1;
                }
            }
        }
        s
    }
}

/// The key a pattern word is compared on: normalised, without the article on long words.
pub fn word_core_key(w: &str) -> String {
    let n = normalize_word(w);
    match n.strip_prefix("ال") {
        Some(r) if r.chars().count() >= 3 => r.to_string(),
        _ => n,
    }
}

/// Does a normalised text token match a pattern word key (ignoring proclitics, the article and
/// accusative tanween alef)?
pub fn word_matches(tok: &str, key: &str) -> bool {
    const PRE: &[&str] = &["", "وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف"];
    for p in PRE {
        if let Some(r) = tok.strip_prefix(p) {
            if r == key {
                return true;
            }
            if let Some(r2) = r.strip_suffix('ا') {
                if r2 == key {
                    return true;
                }
            }
        }
    }
    false
}
