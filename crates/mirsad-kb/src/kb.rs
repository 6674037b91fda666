//! The knowledge base: loading, lookup, maintenance and validation.

use crate::entry::{dedup_keep_order, Entry};
use mirsad_core::ActorKind;
use mirsad_text::normalize_word;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

/// The KB files compiled into the binary so the tool works without a data directory.
pub(crate) const EMBEDDED_GENERATED: &[(&str, &[u8])] = &[(
    "generated/actors.jsonl",
    include_bytes!("../../../kb/generated/actors.jsonl"),
)];
pub(crate) const EMBEDDED_CURATED: &[(&str, &[u8])] = &[
    (
        "curated/states.jsonl",
        include_bytes!("../../../kb/curated/states.jsonl"),
    ),
    (
        "curated/organizations.jsonl",
        include_bytes!("../../../kb/curated/organizations.jsonl"),
    ),
    (
        "curated/persons.jsonl",
        include_bytes!("../../../kb/curated/persons.jsonl"),
    ),
    (
        "curated/igo_heads.jsonl",
        include_bytes!("../../../kb/curated/igo_heads.jsonl"),
    ),
    (
        "curated/world_leaders.jsonl",
        include_bytes!("../../../kb/curated/world_leaders.jsonl"),
    ),
    (
        "curated/ministers.jsonl",
        include_bytes!("../../../kb/curated/ministers.jsonl"),
    ),
];
pub(crate) const EMBEDDED_AMBIGUOUS_OK: &str = include_str!("../../../kb/curated/ambiguous_ok.txt");

#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("{file}:{line}: {message}")]
    Parse {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A problem `validate` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub id: String,
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{s}: {}: {}", self.id, self.message)
    }
}

/// The actor knowledge base.
#[derive(Debug, Clone, Default)]
pub struct Kb {
    entries: Vec<Entry>,
    by_id: FxHashMap<String, usize>,
    /// Normalised forms that may name two actors without a validation warning (the linker
    /// disambiguates them by context): عمان, طرابلس, ...
    ambiguous_ok: FxHashSet<String>,
    /// Ids seen more than once while loading (kept for `validate`).
    duplicate_ids: Vec<String>,
}

pub(crate) fn parse_jsonl(file: &str, bytes: &[u8]) -> Result<Vec<Entry>, KbError> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let e: Entry = serde_json::from_str(line).map_err(|e| KbError::Parse {
            file: file.to_string(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(e);
    }
    Ok(out)
}

pub(crate) fn parse_list(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

impl Kb {
    /// The KB compiled into the binary.
    pub fn embedded() -> Kb {
        let mut generated = Vec::new();
        for (name, bytes) in EMBEDDED_GENERATED {
            generated.extend(parse_jsonl(name, bytes).expect("embedded KB parses"));
        }
        let mut curated = Vec::new();
        for (name, bytes) in EMBEDDED_CURATED {
            curated.extend(parse_jsonl(name, bytes).expect("embedded KB parses"));
        }
        Kb::from_layers(generated, curated, EMBEDDED_AMBIGUOUS_OK)
    }

    /// Loads `dir/generated/*.jsonl` then `dir/curated/*.jsonl` (curated entries override
    /// generated ones with the same id).
    pub fn load_dir(dir: &Path) -> Result<Kb, KbError> {
        let generated = read_jsonl_dir(&dir.join("generated"))?;
        let curated = read_jsonl_dir(&dir.join("curated"))?;
        let ok_path = dir.join("curated").join("ambiguous_ok.txt");
        let ok = std::fs::read_to_string(&ok_path).unwrap_or_default();
        Ok(Kb::from_layers(generated, curated, &ok))
    }

    /// Builds a KB from plain entries (tests, tools).
    pub fn from_entries(entries: Vec<Entry>) -> Kb {
        Kb::from_layers(entries, Vec::new(), "")
    }

    fn from_layers(generated: Vec<Entry>, curated: Vec<Entry>, ambiguous_ok: &str) -> Kb {
        let mut kb = Kb {
            ambiguous_ok: parse_list(ambiguous_ok).map(normalize_word).collect(),
            ..Kb::default()
        };
        for e in generated {
            kb.insert_new(e);
        }
        for c in curated {
            if c.removed {
                kb.remove(&c.id);
                continue;
            }
            match kb.by_id.get(&c.id) {
                Some(&i) => kb.entries[i].merge_from(&c),
                None => kb.insert_new(c),
            }
        }
        kb
    }

    fn insert_new(&mut self, e: Entry) {
        if self.by_id.contains_key(&e.id) {
            self.duplicate_ids.push(e.id.clone());
            return;
        }
        self.by_id.insert(e.id.clone(), self.entries.len());
        self.entries.push(e);
    }

    fn remove(&mut self, id: &str) {
        if let Some(i) = self.by_id.remove(id) {
            self.entries.remove(i);
            self.reindex();
        }
    }

    fn reindex(&mut self) {
        self.by_id = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn show(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Entries with a form equal to `name` after normalisation, then entries with a form that
    /// contains it as whole words; each with the form that matched.
    pub fn find(&self, name: &str) -> Vec<(&Entry, String)> {
        let q = normalize_word(name.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let padded = format!(" {q} ");
        let mut exact = Vec::new();
        let mut partial = Vec::new();
        for e in &self.entries {
            let mut got_exact = None;
            let mut got_partial = None;
            for f in e.forms() {
                let n = normalize_word(f);
                if n == q {
                    got_exact = Some(f.to_string());
                    break;
                }
                if got_partial.is_none() && format!(" {n} ").contains(&padded) {
                    got_partial = Some(f.to_string());
                }
            }
            if let Some(f) = got_exact {
                exact.push((e, f));
            } else if let Some(f) = got_partial {
                partial.push((e, f));
            }
        }
        exact.extend(partial);
        exact
    }

    /// Number of distinct (actor, normalised Arabic form) pairs: what matching can see.
    pub fn name_form_count(&self) -> usize {
        self.entries
            .iter()
            .map(|e| {
                e.forms()
                    .map(normalize_word)
                    .collect::<FxHashSet<_>>()
                    .len()
            })
            .sum()
    }

    pub fn count_by_kind(&self) -> Vec<(ActorKind, usize)> {
        let mut m: Vec<(ActorKind, usize)> = Vec::new();
        for e in &self.entries {
            match m.iter_mut().find(|(k, _)| *k == e.kind) {
                Some((_, n)) => *n += 1,
                None => m.push((e.kind, 1)),
            }
        }
        m.sort_by_key(|x| std::cmp::Reverse(x.1));
        m
    }

    /// Adds entries: new ids are inserted, known ids merged (the incoming entry's fields win,
    /// lists are unioned). Returns (added, merged).
    pub fn merge(&mut self, incoming: Vec<Entry>) -> (usize, usize) {
        let (mut added, mut merged) = (0, 0);
        for e in incoming {
            match self.by_id.get(&e.id) {
                Some(&i) => {
                    self.entries[i].merge_from(&e);
                    merged += 1;
                }
                None => {
                    self.insert_new(e);
                    added += 1;
                }
            }
        }
        (added, merged)
    }

    /// Imports a UniversalPetrarch-format actor dictionary; entries whose name matches an actor
    /// already in the KB are merged into it (forms and dated roles), others are added.
    /// Returns (added, merged).
    pub fn import_petrarch(&mut self, path: &Path) -> Result<(usize, usize), KbError> {
        let incoming = self.petrarch_entries(path)?;
        Ok(self.merge(incoming))
    }

    /// The entries a PETRARCH dictionary would add or extend (under the ids of existing actors
    /// where a form matches), without changing the KB: what `import` merges, for review.
    pub fn petrarch_entries(&self, path: &Path) -> Result<Vec<Entry>, KbError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| KbError::Io(path.display().to_string(), e))?;
        let stop = crate::build::Stopwords::embedded_minimal();
        let mut log = Vec::new();
        let raw = crate::build::parse_petrarch(&text);
        let mut existing: FxHashMap<String, String> = FxHashMap::default();
        for e in &self.entries {
            for f in e.forms() {
                existing
                    .entry(normalize_word(f))
                    .or_insert_with(|| e.id.clone());
            }
        }
        let curated_ids = self
            .entries
            .iter()
            .filter(|e| e.source.starts_with("curated"))
            .map(|e| e.id.clone())
            .collect();
        Ok(crate::build::convert_petrarch(
            raw,
            &existing,
            &curated_ids,
            &stop,
            &mut log,
        ))
    }

    /// Checks the KB for errors (that break linking or contradict themselves) and warnings
    /// (forms two actors share without being whitelisted as known ambiguities).
    pub fn validate(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        let err = |id: &str, m: String| Issue {
            severity: Severity::Error,
            id: id.to_string(),
            message: m,
        };
        for id in &self.duplicate_ids {
            out.push(err(id, "duplicate id".into()));
        }
        let countries: FxHashSet<&str> = self
            .entries
            .iter()
            .filter(|e| e.kind == ActorKind::State)
            .filter_map(|e| e.country.as_deref())
            .collect();
        let mut form_owner: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, e) in self.entries.iter().enumerate() {
            if e.id.trim().is_empty() {
                out.push(err(&e.id, "empty id".into()));
            }
            if e.name.trim().is_empty() || e.name_ar.trim().is_empty() {
                out.push(err(&e.id, "empty name or name_ar".into()));
            }
            if e.forms().any(|f| normalize_word(f).trim().is_empty()) {
                out.push(err(&e.id, "empty Arabic form".into()));
            }
            let mut codes: Vec<&str> = e.country.iter().map(String::as_str).collect();
            codes.extend(e.roles.iter().filter_map(|r| r.country.as_deref()));
            for c in codes {
                if !countries.contains(c) {
                    out.push(err(&e.id, format!("unknown country code {c}")));
                }
            }
            for r in &e.roles {
                for d in [&r.from, &r.to].into_iter().flatten() {
                    if !valid_date(d) {
                        out.push(err(&e.id, format!("malformed date {d}")));
                    }
                }
                if let (Some(f), Some(t)) = (&r.from, &r.to) {
                    if f > t {
                        out.push(err(&e.id, format!("role from {f} after to {t}")));
                    }
                }
            }
            if let Some(m) = &e.metonym_of {
                if !self.by_id.contains_key(m) {
                    out.push(err(&e.id, format!("metonym_of unknown id {m}")));
                }
            }
            let mut own: Vec<String> = e
                .forms()
                .filter(|f| !e.adjectives_ar.iter().any(|a| a == f))
                .filter(|f| !e.weak_aliases_ar.iter().any(|a| a == f))
                .map(normalize_word)
                .collect();
            own.sort();
            own.dedup();
            for f in own {
                form_owner.entry(f).or_default().push(i);
            }
        }
        // one office in one country must not have two holders at once
        let mut terms: FxHashMap<(String, String), Vec<Term>> = FxHashMap::default();
        for e in &self.entries {
            for r in &e.roles {
                if let (Some(o), Some(f)) = (&r.office, &r.from) {
                    let c = r.country.clone().unwrap_or_default();
                    let t = r.to.clone().unwrap_or_else(|| "9999".into());
                    terms
                        .entry((o.clone(), c))
                        .or_default()
                        .push((f.clone(), t, e.id.clone()));
                }
            }
        }
        let mut keys: Vec<_> = terms.keys().cloned().collect();
        keys.sort();
        for k in keys {
            let mut v = terms[&k].clone();
            v.sort();
            for w in v.windows(2) {
                // a handover on the same day is not an overlap
                if w[1].0 < w[0].1 && w[0].2 != w[1].2 {
                    out.push(err(
                        &w[1].2,
                        format!(
                            "{} of {} from {} overlaps {} (to {})",
                            k.0, k.1, w[1].0, w[0].2, w[0].1
                        ),
                    ));
                }
            }
        }
        let mut shared: Vec<(String, Vec<usize>)> = form_owner
            .into_iter()
            .filter(|(f, v)| v.len() > 1 && !self.ambiguous_ok.contains(f))
            .collect();
        shared.sort();
        for (f, v) in shared {
            let ids: Vec<&str> = v.iter().map(|&i| self.entries[i].id.as_str()).collect();
            out.push(Issue {
                severity: Severity::Warning,
                id: ids[0].to_string(),
                message: format!("form {f} shared by {} (ambiguous)", ids.join(", ")),
            });
        }
        out
    }

    /// Writes all entries, sorted by id, as JSON Lines.
    pub fn to_jsonl(&self) -> String {
        entries_to_jsonl(&self.entries)
    }
}

pub(crate) fn entries_to_jsonl(entries: &[Entry]) -> String {
    let mut v: Vec<&Entry> = entries.iter().collect();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    let mut s = String::new();
    for e in v {
        s.push_str(&serde_json::to_string(e).expect("entry serialises"));
        s.push('\n');
    }
    s
}

/// (from, to, holder id) of one term of office.
type Term = (String, String, String);

fn valid_date(d: &str) -> bool {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

fn read_jsonl_dir(dir: &Path) -> Result<Vec<Entry>, KbError> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    let mut paths: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    paths.sort();
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|e| KbError::Io(p.display().to_string(), e))?;
        out.extend(parse_jsonl(&p.display().to_string(), &bytes)?);
    }
    Ok(out)
}

/// Drops duplicate aliases and the name from the alias lists (used by the generator).
pub(crate) fn tidy(e: &mut Entry) {
    dedup_keep_order(&mut e.aliases_ar);
    dedup_keep_order(&mut e.weak_aliases_ar);
    dedup_keep_order(&mut e.adjectives_ar);
    let name = normalize_word(&e.name_ar);
    e.aliases_ar.retain(|a| normalize_word(a) != name);
    // the name itself may be weak (a city called like a common word): it stays in the weak list
    let strong: FxHashSet<String> = e.aliases_ar.iter().map(|a| normalize_word(a)).collect();
    e.weak_aliases_ar
        .retain(|a| !strong.contains(&normalize_word(a)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Role;

    fn entry(id: &str, kind: ActorKind, name_ar: &str) -> Entry {
        Entry {
            id: id.into(),
            name: id.into(),
            name_ar: name_ar.into(),
            aliases_ar: vec![],
            weak_aliases_ar: vec![],
            adjectives_ar: vec![],
            kind,
            country: None,
            sector: None,
            wikidata: None,
            roles: vec![],
            metonym_of: None,
            removed: false,
            source: "test".into(),
        }
    }

    fn state(iso: &str, name_ar: &str) -> Entry {
        let mut e = entry(iso, ActorKind::State, name_ar);
        e.country = Some(iso.into());
        e
    }

    fn role(office: &str, country: &str, from: &str, to: Option<&str>) -> Role {
        Role {
            office: Some(office.into()),
            country: Some(country.into()),
            sector: Some("GOV".into()),
            from: Some(from.into()),
            to: to.map(Into::into),
        }
    }

    fn errors(kb: &Kb) -> Vec<String> {
        kb.validate()
            .into_iter()
            .filter(|i| i.severity == Severity::Error)
            .map(|i| i.message)
            .collect()
    }

    #[test]
    fn validate_flags_each_kind_of_error() {
        let mut a = entry("P_A", ActorKind::Person, "أحمد علي");
        a.roles = vec![role("president", "SYR", "2010-01-01", Some("2015-01-01"))];
        let mut b = entry("P_B", ActorKind::Person, "باسم عمر");
        // overlaps A's term
        b.roles = vec![role("president", "SYR", "2014-06-01", None)];
        let mut c = entry("P_C", ActorKind::Person, "");
        c.roles = vec![role("king", "XXX", "2020-01-01", Some("2019-01-01"))];
        let dup = entry("P_A", ActorKind::Person, "أحمد");
        let kb = Kb::from_entries(vec![state("SYR", "سوريا"), a, b, c, dup]);
        let errs = errors(&kb);
        let has = |s: &str| errs.iter().any(|e| e.contains(s));
        assert!(has("duplicate id"), "{errs:?}");
        assert!(has("overlaps P_A"), "{errs:?}");
        assert!(has("unknown country code XXX"), "{errs:?}");
        assert!(has("after to"), "{errs:?}");
        assert!(has("empty name"), "{errs:?}");
    }

    #[test]
    fn consecutive_terms_are_not_an_overlap() {
        let mut a = entry("P_A", ActorKind::Person, "أحمد علي");
        a.roles = vec![role("president", "SYR", "2010-01-01", Some("2015-01-01"))];
        let mut b = entry("P_B", ActorKind::Person, "باسم عمر");
        b.roles = vec![role("president", "SYR", "2015-01-01", None)];
        let kb = Kb::from_entries(vec![state("SYR", "سوريا"), a, b]);
        assert!(errors(&kb).is_empty(), "{:?}", errors(&kb));
    }

    #[test]
    fn shared_alias_is_a_warning_unless_whitelisted() {
        let mut city = entry("LOC_AMMAN", ActorKind::Location, "عمّان");
        city.country = Some("JOR".into());
        let mut oman = state("OMN", "سلطنة عمان");
        oman.aliases_ar = vec!["عمان".into()];
        let entries = vec![state("JOR", "الأردن"), oman, city];
        let kb = Kb::from_entries(entries.clone());
        let w: Vec<Issue> = kb
            .validate()
            .into_iter()
            .filter(|i| i.severity == Severity::Warning)
            .collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.contains("LOC_AMMAN") && w[0].message.contains("OMN"));
        let kb = Kb::from_layers(entries, vec![], "عمان # Amman or Oman\n");
        assert!(kb.validate().is_empty());
    }

    #[test]
    fn curated_entries_override_and_extend_generated_ones() {
        let mut g = state("RUS", "روسيا");
        g.aliases_ar = vec!["روسيا الاتحادية".into()];
        g.name = "Russian Federation".into();
        let mut c = state("RUS", "روسيا");
        c.name = "Russia".into();
        c.aliases_ar = vec!["الاتحاد الروسي".into()];
        c.wikidata = Some("Q159".into());
        let mut removed = entry("X_JUNK", ActorKind::Other, "كلمة");
        removed.removed = true;
        let kb = Kb::from_layers(
            vec![g, entry("X_JUNK", ActorKind::Other, "كلمة")],
            vec![c, removed],
            "",
        );
        let r = kb.show("RUS").unwrap();
        assert_eq!(r.name, "Russia");
        assert_eq!(r.wikidata.as_deref(), Some("Q159"));
        assert!(r.aliases_ar.contains(&"روسيا الاتحادية".to_string()));
        assert!(r.aliases_ar.contains(&"الاتحاد الروسي".to_string()));
        assert!(kb.show("X_JUNK").is_none());
    }

    #[test]
    fn find_matches_normalised_forms_then_substrings() {
        let mut p = entry("P_PUTIN", ActorKind::Person, "فلاديمير بوتين");
        p.aliases_ar = vec!["بوتن".into()];
        let kb = Kb::from_entries(vec![p, state("RUS", "روسيا")]);
        let hits = kb.find("بوتِــين");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].0.id, "P_PUTIN");
        assert_eq!(kb.find("بوتن")[0].1, "بوتن");
        assert!(kb.find("غير موجود").is_empty());
    }

    #[test]
    fn roles_cover_dates_and_partial_dates() {
        let r = role("president", "USA", "2009-01-20", Some("2017-01-20"));
        assert!(r.covers("2015-06-01"));
        assert!(!r.covers("2017-02-01"));
        let open = role("president", "USA", "2021", None);
        assert!(open.covers("2021-03-01") && open.covers("2030-01-01"));
        assert!(!open.covers("2020-12-31"));
    }
}
