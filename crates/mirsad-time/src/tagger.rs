//! The tagger: one pass over the normalised text, a hash lookup per word, and pattern parsers
//! that run only at words the lexicon knows (or at digits).
//!
//! String literals compared against token text below are written in the *normalised* spelling
//! (أإآ→ا، ى→ي، ة→ه، ؤ→و، ئ→ي), because that is what the tokens hold.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, Duration, NaiveDate};
use mirsad_core::{CharOffsets, Timex, TimexType};
use mirsad_text::normalize::{normalize, NormalizeOptions};

use crate::hijri;
use crate::lexicon::{self, Dir, Form, Lex, Pod, Strength, Unit};

fn norm_opts() -> NormalizeOptions {
    NormalizeOptions {
        teh_marbuta: true,
        hamza_seats: true,
        alef_maksura: true,
        digits: true,
        punctuation: true,
        ascii_lowercase: true,
    }
}

/// FxHash (the rustc hasher): keys are short Arabic words looked up once per token, where
/// SipHash's DoS resistance buys nothing and costs a third of the scan.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            h = (h.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<V> = HashMap<String, V, BuildHasherDefault<FxHasher>>;

/// Detects temporal expressions in Arabic text and normalises them to TIMEX3 values.
///
/// Built once (the word tables become hash maps); `tag` takes `&self` and keeps all per-call
/// state on the stack, so one tagger serves every worker thread.
pub struct TimeTagger {
    lex: FxMap<Lex>,
    /// bit n set when some key is n bytes long: most words are skipped without hashing
    key_lens: u128,
    aam_heads: HashSet<String>,
    yawm_block: HashSet<String>,
    yawm_block_prev: HashSet<String>,
    greenwich: HashSet<String>,
    opts: NormalizeOptions,
}

impl Default for TimeTagger {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Tok<'t> {
    s: usize,
    e: usize,
    kind: Kind,
    /// bytes of proclitic (و، ف، ب، ل، ك) left out of a span that starts here
    pre: usize,
    /// the word without its proclitic when that form is in the lexicon, else the whole token
    base: &'t str,
    /// the whole token with a leading و/ف removed (for context words such as في، سوف)
    bare: &'t str,
    lex: Option<Lex>,
}

#[derive(Debug, Clone)]
struct Out {
    a: usize,
    b: usize,
    typ: TimexType,
    value: String,
    hijri: bool,
    /// a clock time whose day is not known yet: a neighbouring day date may supply it
    clock_unanchored: bool,
}

type Cand = (usize, Vec<Out>);

/// The parts of an explicit calendar date, kept so a range's first half can borrow them.
#[derive(Debug, Clone, Copy)]
struct DateParts {
    month: u32,
    day: Option<u32>,
    /// Gregorian year (for a Hijri date: the Hijri year)
    year: Option<i32>,
    hijri: bool,
}

const SENT_PUNCT: &[char] = &['.', '!', '?', '\n', ';'];
const CLAUSE_PUNCT: &[char] = &['.', '!', '?', '\n', ';', ',', ':'];

fn fmt_date(y: Option<i32>, m: Option<u32>, d: Option<u32>) -> String {
    let ys = match y {
        Some(y) => format!("{y:04}"),
        None => "XXXX".to_string(),
    };
    match (m, d) {
        (Some(m), Some(d)) => format!("{ys}-{m:02}-{d:02}"),
        (None, Some(d)) => format!("{ys}-XX-{d:02}"),
        (Some(m), None) => format!("{ys}-{m:02}"),
        (None, None) => ys,
    }
}

fn fmt_day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

fn shift_month(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// Year for a month named without one. With a modifier: the previous/next occurrence strictly
/// before/after the publication month, or the publication year for الجاري. Bare: the occurrence
/// nearest the publication month (within six months), because news mostly reports the recent
/// past or the near future.
/// The year of month `m` (and day, when written) relative to publication. With الماضي/المقبل a
/// date in the publication month lies on the side its day says: "27 أغسطس المقبل" written on
/// 1 August is this 27 August, not next year's.
fn resolve_month_year(
    m: u32,
    day: Option<u32>,
    dir: Option<Dir>,
    pub_date: (i32, u32, u32),
) -> i32 {
    let (py, pm, pd) = pub_date;
    let same_month_day = (m == pm).then_some(day).flatten();
    match dir {
        Some(Dir::Past) => {
            if m < pm || same_month_day.is_some_and(|d| d < pd) {
                py
            } else {
                py - 1
            }
        }
        Some(Dir::Next) => {
            if m > pm || same_month_day.is_some_and(|d| d > pd) {
                py
            } else {
                py + 1
            }
        }
        Some(Dir::Current) | Some(Dir::Last) => py,
        None => {
            let delta = m as i32 - pm as i32;
            if delta > 6 {
                py - 1
            } else if delta < -6 {
                py + 1
            } else {
                py
            }
        }
    }
}

fn pod_suffix(p: Pod) -> &'static str {
    match p {
        Pod::Morning | Pod::Dawn => "TMO",
        Pod::Noon => "T12:00",
        Pod::Afternoon => "TAF",
        Pod::Evening => "TEV",
        Pod::Night => "TNI",
    }
}

/// A duration amount in quarter units, as an ISO 8601 duration.
fn fmt_duration(q: u32, u: Unit) -> String {
    let whole = q % 4 == 0;
    let n = q / 4;
    match u {
        Unit::Minute if whole => format!("PT{n}M"),
        Unit::Minute => format!("PT{}S", q * 15),
        Unit::Hour if whole => format!("PT{n}H"),
        Unit::Hour => format!("PT{}M", q * 15),
        Unit::Day if whole => format!("P{n}D"),
        Unit::Day => format!("PT{}H", q * 6),
        Unit::Week if whole => format!("P{n}W"),
        Unit::Week => format!("P{}D", q * 7 / 4),
        Unit::Month if whole => format!("P{n}M"),
        Unit::Month => format!("P{}.{}M", n, (q % 4) * 25),
        Unit::Year if whole => format!("P{n}Y"),
        Unit::Year => format!("P{}M", q * 3),
        Unit::Decade => format!("P{}Y", q * 10 / 4),
        Unit::Century => format!("P{}Y", q * 25),
    }
}

fn unit_letter(u: Unit) -> &'static str {
    match u {
        Unit::Minute => "TXM",
        Unit::Hour => "TXH",
        Unit::Day => "XD",
        Unit::Week => "XW",
        Unit::Month => "XM",
        Unit::Year | Unit::Decade | Unit::Century => "XY",
    }
}

fn is_future_verb(w: &str) -> bool {
    const NOUNS: &[&str] = &[
        "سيا", "سيط", "سيد", "سيو", "سين", "سيف", "سير", "سيس", "سيم", "سته", "ستين", "ستون",
        "ستا", "ستر", "ستو", "سنه", "سنو", "سني", "سنت", "سنغ", "سنا", "سند", "سنب",
    ];
    (w.starts_with("سي") || w.starts_with("ست") || w.starts_with("سن"))
        && w.chars().count() >= 5
        && !NOUNS.iter().any(|p| w.starts_with(p))
}

impl TimeTagger {
    pub fn new() -> Self {
        let opts = norm_opts();
        let k = |w: &str| normalize(w, &opts).text;
        let mut lex = FxMap::default();
        for (w, l) in lexicon::entries() {
            lex.entry(k(w)).or_insert(l);
        }
        let key_lens = lex
            .keys()
            .filter(|k| k.len() < 128)
            .fold(0u128, |acc, k| acc | (1u128 << k.len()));
        TimeTagger {
            lex,
            key_lens,
            aam_heads: lexicon::AAM_ADJ_HEADS.iter().map(|w| k(w)).collect(),
            yawm_block: lexicon::YAWM_BLOCK_NEXT.iter().map(|w| k(w)).collect(),
            yawm_block_prev: lexicon::YAWM_BLOCK_PREV.iter().map(|w| k(w)).collect(),
            greenwich: lexicon::GREENWICH.iter().map(|w| k(w)).collect(),
            opts,
        }
    }

    /// Finds the temporal expressions of `text`. Values that depend on the publication date stay
    /// underspecified (`XXXX-…`) when `published` is `None`.
    pub fn tag(&self, text: &str, published: Option<NaiveDate>) -> Vec<Timex> {
        let norm = normalize(text, &self.opts);
        let toks = self.tokenize(&norm.text);
        let scan = Scan {
            t: self,
            toks: &toks,
            pubd: published,
        };
        let outs = scan.run();
        if outs.is_empty() {
            return Vec::new();
        }
        let offsets = CharOffsets::new(text);
        outs.into_iter()
            .map(|o| {
                let vs = toks[o.a].s + toks[o.a].pre;
                let ve = toks[o.b].e;
                let r = norm.original_range(vs..ve);
                Timex {
                    start: offsets.to_char(r.start),
                    end: offsets.to_char(r.end),
                    text: text[r].to_string(),
                    timex_type: o.typ,
                    value: o.value,
                    calendar: Some(if o.hijri { "hijri" } else { "gregorian" }.to_string()),
                }
            })
            .collect()
    }

    fn get(&self, w: &str) -> Option<Lex> {
        if w.len() >= 128 || self.key_lens & (1u128 << w.len()) == 0 {
            return None;
        }
        self.lex.get(w).copied()
    }

    fn lookup<'t>(&self, w: &'t str) -> (Option<Lex>, usize, &'t str) {
        if let Some(l) = self.get(w) {
            return (Some(l), 0, w);
        }
        if w.len() > 40 {
            return (None, 0, w);
        }
        // proclitics: one or two of و ف ب ل ك (each 2 bytes in UTF-8)
        let mut rest = w;
        let mut pre = 0;
        for _ in 0..2 {
            let Some(c) = rest.chars().next() else { break };
            if !matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') || rest.len() <= 4 {
                break;
            }
            rest = &rest[2..];
            pre += 2;
            if let Some(l) = self.get(rest) {
                return (Some(l), pre, rest);
            }
            if rest.starts_with('ل') && rest.len() > 4 && c == 'ل' {
                // لل + noun = ل + ال + noun: look the definite form up, keep the whole token
                let def = format!("ا{rest}");
                if let Some(l) = self.get(&def) {
                    return (Some(l), 0, w);
                }
            }
        }
        (None, 0, w)
    }

    fn tokenize<'t>(&self, t: &'t str) -> Vec<Tok<'t>> {
        let mut toks = Vec::with_capacity(t.len() / 8);
        let b = t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                let s = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                toks.push(Tok {
                    s,
                    e: i,
                    kind: Kind::Num,
                    pre: 0,
                    base: &t[s..i],
                    bare: &t[s..i],
                    lex: None,
                });
                continue;
            }
            if c == b'\n' {
                toks.push(Tok {
                    s: i,
                    e: i + 1,
                    kind: Kind::Punct,
                    pre: 0,
                    base: "\n",
                    bare: "\n",
                    lex: None,
                });
                i += 1;
                continue;
            }
            if c.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let ch = t[i..].chars().next().unwrap_or(' ');
            let is_letter = |ch: char| {
                ch.is_ascii_alphabetic()
                    || ('\u{0621}'..='\u{064A}').contains(&ch)
                    || ('\u{066E}'..='\u{06D3}').contains(&ch)
            };
            if is_letter(ch) {
                let s = i;
                while i < b.len() {
                    let Some(ch) = t[i..].chars().next() else {
                        break;
                    };
                    if !is_letter(ch) {
                        break;
                    }
                    i += ch.len_utf8();
                }
                let w = &t[s..i];
                let (lex, pre, base) = self.lookup(w);
                let bare = if (w.starts_with('و') || w.starts_with('ف')) && w.len() > 4 {
                    &w[2..]
                } else {
                    w
                };
                toks.push(Tok {
                    s,
                    e: i,
                    kind: Kind::Word,
                    pre,
                    base,
                    bare,
                    lex,
                });
                continue;
            }
            let l = ch.len_utf8();
            if ch.is_whitespace() {
                i += l;
                continue;
            }
            toks.push(Tok {
                s: i,
                e: i + l,
                kind: Kind::Punct,
                pre: 0,
                base: &t[i..i + l],
                bare: &t[i..i + l],
                lex: None,
            });
            i += l;
        }
        toks
    }
}

struct Scan<'a, 't> {
    t: &'a TimeTagger,
    toks: &'a [Tok<'t>],
    pubd: Option<NaiveDate>,
}

impl<'a, 't> Scan<'a, 't> {
    fn run(&self) -> Vec<Out> {
        let mut outs: Vec<Out> = Vec::new();
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            let t = &self.toks[i];
            let trigger = match t.kind {
                Kind::Num => true,
                Kind::Word => t.lex.is_some(),
                Kind::Punct => false,
            };
            if trigger {
                if let Some((end, os)) = self.parse_at(i) {
                    if !os.is_empty() {
                        outs.extend(os);
                        i = end.max(i + 1);
                        continue;
                    }
                }
            }
            i += 1;
        }
        self.attach_clock_times(&mut outs);
        outs
    }

    /// A clock time next to a day date ("أمس الساعة الخامسة مساء") takes that day.
    fn attach_clock_times(&self, outs: &mut [Out]) {
        for k in 0..outs.len() {
            if !outs[k].clock_unanchored {
                continue;
            }
            let mut day: Option<String> = None;
            let candidates = [k.checked_sub(1), Some(k + 1)];
            for c in candidates.into_iter().flatten() {
                let Some(o) = outs.get(c) else { continue };
                let full_day = o.typ == TimexType::DATE
                    && o.value.len() == 10
                    && o.value.as_bytes()[4] == b'-'
                    && o.value[..4].bytes().all(|b| b.is_ascii_digit());
                if !full_day {
                    continue;
                }
                let (lo, hi) = if c < k {
                    (o.b, outs[k].a)
                } else {
                    (outs[k].b, o.a)
                };
                if hi <= lo + 3 && !(lo + 1..hi).any(|j| self.is_punct_in(j, SENT_PUNCT)) {
                    day = Some(o.value.clone());
                    break;
                }
            }
            if let Some(d) = day {
                let rest = outs[k].value["XXXX-XX-XX".len()..].to_string();
                outs[k].value = format!("{d}{rest}");
            }
        }
    }

    // ---- token helpers ----

    fn lex(&self, i: usize) -> Option<Lex> {
        self.toks.get(i).and_then(|t| t.lex)
    }
    fn base(&self, i: usize) -> &'t str {
        self.toks.get(i).map(|t| t.base).unwrap_or("")
    }
    fn bare(&self, i: usize) -> &'t str {
        self.toks.get(i).map(|t| t.bare).unwrap_or("")
    }
    fn raw(&self, i: usize) -> &'t str {
        self.toks
            .get(i)
            .map(|t| if t.pre > 0 { t.bare } else { t.base })
            .unwrap_or("")
    }
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num || t.base.len() > 6 {
            return None;
        }
        Some((t.base.parse().ok()?, t.base.len()))
    }
    fn punct(&self, i: usize) -> Option<char> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Punct {
            return None;
        }
        t.base.chars().next()
    }
    fn is_punct_in(&self, i: usize, set: &[char]) -> bool {
        self.punct(i).is_some_and(|c| set.contains(&c))
    }
    fn adjacent(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.e == b.s,
            _ => false,
        }
    }
    fn is_yawm(&self, i: usize) -> bool {
        self.base(i) == "يوم"
    }
    fn mod_at(&self, i: usize) -> Option<Dir> {
        match self.lex(i) {
            Some(Lex::Mod(d)) => Some(d),
            _ => None,
        }
    }
    fn dir_at(&self, i: usize) -> Option<Dir> {
        self.mod_at(i).filter(|d| *d != Dir::Last)
    }
    fn prev_bare(&self, i: usize) -> &'t str {
        if i == 0 {
            ""
        } else {
            self.bare(i - 1)
        }
    }
    fn pub_ym(&self) -> Option<(i32, u32)> {
        self.pubd.map(|p| (p.year(), p.month()))
    }

    fn out(&self, a: usize, b: usize, typ: TimexType, value: String) -> Out {
        Out {
            a,
            b,
            typ,
            value,
            hijri: false,
            clock_unanchored: false,
        }
    }

    // ---- dispatcher ----

    fn parse_at(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        let mut consider = |c: Option<Cand>| {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|b| c.0 > b.0) {
                    best = Some(c);
                }
            }
        };
        let one = |r: Option<(usize, Out)>| r.map(|(e, o)| (e, vec![o]));
        let tok = &self.toks[i];
        if tok.kind == Kind::Num {
            consider(one(self.parse_numeric(i)));
            consider(one(self.parse_date(i).map(|(e, o, _)| (e, o))));
            consider(one(self.parse_year(i)));
            consider(one(self.parse_duration(i)));
            consider(one(self.parse_clock(i)));
            return best;
        }
        match tok.lex? {
            Lex::GMonth(..) | Lex::GPrefix(_) | Lex::HMonth(..) | Lex::HPrefix(_) => {
                consider(one(self.parse_date(i).map(|(e, o, _)| (e, o))));
            }
            Lex::Ord(_) | Lex::OrdTens(_) => {
                consider(one(self.parse_date(i).map(|(e, o, _)| (e, o))));
            }
            Lex::Weekday(_) => {
                consider(one(self.parse_weekday(i)));
                consider(one(self.parse_date(i).map(|(e, o, _)| (e, o))));
            }
            Lex::Today => {
                consider(one(self.parse_date(i).map(|(e, o, _)| (e, o))));
                consider(one(self.parse_weekday(i)));
                consider(one(self.parse_relative(i)));
            }
            Lex::Yesterday | Lex::Tomorrow => {
                consider(one(self.parse_date(i).map(|(e, o, _)| (e, o))));
                consider(one(self.parse_weekday(i)));
                consider(one(self.parse_relative(i)));
            }
            Lex::Tonight | Lex::Now => {
                consider(one(self.parse_relative(i)));
            }
            Lex::Unit(..) => {
                if self.is_yawm(i) {
                    consider(one(self.parse_weekday(i)));
                    consider(one(self.parse_date(i).map(|(e, o, _)| (e, o))));
                    consider(one(self.parse_relative(i)));
                }
                consider(one(self.parse_unitrel(i)));
                consider(one(self.parse_year(i)));
                consider(one(self.parse_duration(i)));
            }
            Lex::Card(_) | Lex::DefCard(_) | Lex::Half | Lex::Quarter | Lex::Few => {
                consider(one(self.parse_duration(i)));
            }
            Lex::PartOfDay(_) => consider(one(self.parse_pod(i))),
            Lex::Position => consider(one(self.parse_position(i))),
            Lex::SetAdv(_) | Lex::Kull => consider(one(self.parse_set(i))),
            Lex::Decade(_) => consider(one(self.parse_decade(i))),
            Lex::Century => consider(one(self.parse_century(i))),
            Lex::Hour => consider(one(self.parse_clock(i))),
            Lex::This => consider(one(self.parse_unitrel(i))),
            Lex::Trigger => match tok.base {
                "من" | "بين" => consider(self.parse_range(i)),
                "قبل" | "منذ" | "بعد" => {
                    consider(one(self.parse_ago(i)));
                    consider(one(self.parse_relative(i)));
                }
                "اول" | "الوقت" => consider(one(self.parse_relative(i))),
                "عامي" | "سنتي" => consider(one(self.parse_year(i))),
                "شهر" => consider(one(self.parse_date(i).map(|(e, o, _)| (e, o)))),
                _ => {}
            },
            Lex::Mod(_) | Lex::AmPm(_) | Lex::HourOrd(_) | Lex::WeekdayBare(_) => {}
        }
        best
    }

    // ---- months and explicit dates ----

    /// A month name (one or two words), with an optional second name in the combined
    /// Levantine/MSA form: آذار/مارس، نيسان (أبريل).
    fn parse_month(&self, i: usize) -> Option<(usize, u32, bool, Strength)> {
        let (mut end, m, hijri, mut strength) = self.month_word(i)?;
        let open = self.punct(end);
        if let Some((e2, m2, false, _)) = self.month_word(end) {
            // يناير كانون الثاني، مايو أيار: news agencies write both names side by side
            if !hijri && m2 == m {
                return Some((e2, m, hijri, Strength::Strong));
            }
        }
        if matches!(open, Some('/') | Some('(') | Some('-')) {
            if let Some((e2, m2, false, _)) = self.month_word(end + 1) {
                let close_ok = open != Some('(') || self.punct(e2) == Some(')');
                if !hijri && close_ok && m2 == m {
                    end = if open == Some('(') { e2 + 1 } else { e2 };
                    strength = Strength::Strong;
                }
            }
        }
        Some((end, m, hijri, strength))
    }

    fn month_word(&self, i: usize) -> Option<(usize, u32, bool, Strength)> {
        match self.lex(i)? {
            Lex::GMonth(m, s) => Some((i + 1, m as u32, false, s)),
            Lex::GPrefix(p) => {
                let m = match (p, self.base(i + 1)) {
                    (0, "الثاني" | "ثان" | "ثاني") => 1,
                    (0, "الاول" | "اول") => 12,
                    (1, "الاول" | "اول") => 10,
                    (1, "الثاني" | "ثان" | "ثاني") => 11,
                    _ => return None,
                };
                Some((i + 2, m, false, Strength::Strong))
            }
            Lex::HMonth(m, s) => Some((i + 1, m as u32, true, s)),
            Lex::HPrefix(p) => {
                let m = match (p, self.base(i + 1)) {
                    (0, "الاول") => 3,
                    (0, "الاخر" | "الاخره" | "الثاني") => 4,
                    (1, "الاولي" | "الاول") => 5,
                    (1, "الاخره" | "الاخر" | "الثانيه" | "الثاني") => 6,
                    (2, "القعده") => 11,
                    (2, "الحجه") => 12,
                    _ => return None,
                };
                Some((i + 2, m, true, Strength::Weak))
            }
            _ => None,
        }
    }

    /// A 4-digit year with an optional era marker (هـ / م, هجري / ميلادي).
    fn parse_year_num(&self, i: usize) -> Option<(usize, i32, Option<char>)> {
        let (y, digits) = self.num(i)?;
        if digits != 4 || self.adjacent_sep(i) {
            return None;
        }
        let marker = match self.base(i + 1) {
            "ه" | "هجري" | "هجريه" | "للهجره" => Some('h'),
            "م" | "ميلادي" | "ميلاديه" | "للميلاد" => Some('m'),
            _ => None,
        };
        let end = if marker.is_some() { i + 2 } else { i + 1 };
        Some((end, y as i32, marker))
    }

    /// True when the number is glued to a date separator (part of 17/5/2018, not a year).
    fn adjacent_sep(&self, i: usize) -> bool {
        let sep = |c: Option<char>| matches!(c, Some('/') | Some('-') | Some('.'));
        let after = self.adjacent(i) && sep(self.punct(i + 1)) && self.num(i + 2).is_some();
        let before = i >= 2 && self.adjacent(i - 1) && sep(self.punct(i - 1)) && {
            self.num(i - 2).is_some()
        };
        after || before
    }

    fn is_prep_before(&self, i: usize) -> bool {
        matches!(
            self.prev_bare(i),
            "في" | "منذ"
                | "حتي"
                | "خلال"
                | "من"
                | "الي"
                | "بين"
                | "قبل"
                | "بعد"
                | "بحلول"
                | "مطلع"
                | "منتصف"
                | "نهايه"
                | "اواخر"
                | "اوائل"
                | "بدايه"
                | "شهر"
                | "اواسط"
        )
    }

    /// Explicit dates: [يوم] [weekday [الموافق]] [day] month [year [هـ|م] | من العام المقبل]
    /// [الماضي|المقبل|الجاري], and numeric dates after يوم / a weekday.
    fn parse_date(&self, i: usize) -> Option<(usize, Out, DateParts)> {
        let mut k = i;
        let mut lead = false;
        if self.is_yawm(k) {
            k += 1;
            lead = true;
        }
        // اليوم الخميس 21 فبراير 2019: the explicit date wins over both
        if matches!(
            self.lex(k),
            Some(Lex::Today | Lex::Yesterday | Lex::Tomorrow)
        ) && matches!(self.lex(k + 1), Some(Lex::Weekday(_)))
        {
            k += 1;
        }
        if let Some(Lex::Weekday(_)) = self.lex(k) {
            k += 1;
            lead = true;
            if self.base(k) == "الموافق" {
                k += 1;
            }
        }
        if lead {
            if let Some((e, mut o)) = self.parse_numeric(k) {
                o.a = i;
                return Some((
                    e,
                    o,
                    DateParts {
                        month: 0,
                        day: None,
                        year: None,
                        hijri: false,
                    },
                ));
            }
        }
        let shahr = self.base(k) == "شهر";
        if shahr {
            k += 1;
        }
        let mut day = None;
        if !shahr {
            if let Some((n, digits)) = self.num(k) {
                if digits <= 2 && (1..=31).contains(&n) && !self.adjacent_sep(k) {
                    day = Some(n);
                    k += 1;
                }
            } else if let Some((e, n)) = self.parse_ordinal(k) {
                if self.base(e) == "من" && n <= 31 {
                    day = Some(n);
                    k = e + 1;
                } else {
                    return None;
                }
            }
        }
        if let (Some(d), Some(Lex::Unit(Unit::Month, Form::Def))) = (day, self.lex(k)) {
            // 12 الشهر الجاري، 5 من الشهر المقبل
            return self.day_of_relative_month(i, k, d);
        }
        if let (Some(d), "من", Some(Lex::Unit(Unit::Month, Form::Def))) =
            (day, self.base(k), self.lex(k + 1))
        {
            return self.day_of_relative_month(i, k + 1, d);
        }
        let (me, month, hijri, strength) = self.parse_month(k)?;
        let combined = me > k + 1
            && !matches!(self.lex(k), Some(Lex::GPrefix(_) | Lex::HPrefix(_)))
            || me > k + 2;
        k = me;
        let mut year: Option<i32> = None;
        let mut marker = None;
        let mut year_dir: Option<Dir> = None;
        if let Some((e, y, mk)) = self.parse_year_num(k) {
            year = Some(y);
            marker = mk;
            k = e;
        } else if matches!(self.base(k), "من" | "عام" | "سنه") {
            let mut j = if self.base(k) == "من" { k + 1 } else { k };
            let this = self.lex(j) == Some(Lex::This);
            if this {
                j += 1;
            }
            let is_year_word = matches!(self.lex(j), Some(Lex::Unit(Unit::Year, Form::Def)))
                || matches!(self.base(j), "عام" | "سنه");
            if is_year_word {
                if this {
                    year_dir = Some(Dir::Current);
                    k = j + 1;
                } else if let Some(d) = self.dir_at(j + 1) {
                    year_dir = Some(d);
                    k = j + 2;
                } else if let Some((e, y, mk)) = self.parse_year_num(j + 1) {
                    year = Some(y);
                    marker = mk;
                    k = e;
                }
            }
        }
        let mut dir = None;
        if year.is_none() && year_dir.is_none() {
            if let Some(d) = self.dir_at(k) {
                dir = Some(d);
                k += 1;
            }
        }
        let ctx = day.is_some() || year.is_some() || year_dir.is_some() || shahr || combined;
        // «فبراير» in quotes is the Moroccan news site, not the month
        let quoted = |c: Option<char>| matches!(c, Some('«' | '»' | '"' | '“' | '”'));
        if !ctx && dir.is_none() && i > 0 && quoted(self.punct(i - 1)) && quoted(self.punct(k)) {
            return None;
        }
        let ok = match strength {
            Strength::Strong => true,
            Strength::Weak => ctx || dir.is_some() || self.is_prep_before(i),
            Strength::Rare => ctx || (dir.is_some() && !hijri),
        };
        if !ok {
            return None;
        }
        let _ = marker;
        let (value, parts) = if hijri {
            let hy = match (year, year_dir, self.pubd) {
                (Some(y), _, _) if y > 1600 => {
                    // a Gregorian year given with a Hijri month: the Hijri year current then
                    hijri::from_gregorian(NaiveDate::from_ymd_opt(y, 7, 1)?).map(|h| h.0)
                }
                (Some(y), _, _) => Some(y),
                (None, Some(d), Some(p)) => {
                    let (py, _, _) = hijri::from_gregorian(p)?;
                    Some(match d {
                        Dir::Past => py - 1,
                        Dir::Next => py + 1,
                        _ => py,
                    })
                }
                (None, None, Some(p)) => {
                    let hijri_pub = hijri::from_gregorian(p)?;
                    Some(resolve_month_year(month, day, dir, hijri_pub))
                }
                _ => None,
            };
            let value = match (hy, day) {
                (Some(hy), Some(d)) => fmt_day(hijri::to_gregorian(hy, month, d)?),
                (Some(hy), None) => {
                    let (gy, gm) = hijri::month_to_gregorian_month(hy, month)?;
                    fmt_date(Some(gy), Some(gm), None)
                }
                (None, Some(_)) => "XXXX-XX-XX".to_string(),
                (None, None) => "XXXX-XX".to_string(),
            };
            (
                value,
                DateParts {
                    month,
                    day,
                    year: hy,
                    hijri: true,
                },
            )
        } else {
            let y = match (year, year_dir, self.pub_ym()) {
                (Some(y), _, _) => Some(y),
                (None, Some(d), Some((py, _))) => Some(match d {
                    Dir::Past => py - 1,
                    Dir::Next => py + 1,
                    _ => py,
                }),
                (None, None, Some(_)) => self
                    .pubd
                    .map(|p| resolve_month_year(month, day, dir, (p.year(), p.month(), p.day()))),
                _ => None,
            };
            if let (Some(y), Some(d)) = (y, day) {
                NaiveDate::from_ymd_opt(y, month, d)?;
            }
            (
                fmt_date(y, Some(month), day),
                DateParts {
                    month,
                    day,
                    year: y,
                    hijri: false,
                },
            )
        };
        let mut o = self.out(i, k - 1, TimexType::DATE, value);
        o.hijri = hijri;
        Some((k, o, parts))
    }

    fn day_of_relative_month(
        &self,
        i: usize,
        k: usize,
        day: u32,
    ) -> Option<(usize, Out, DateParts)> {
        // "قتل 20 الشهر الماضي" counts people: a bare number needs a date-like word before it
        let day_idx = if self.base(k - 1) == "من" {
            k - 2
        } else {
            k - 1
        };
        if day_idx == i
            && !matches!(
                self.prev_bare(i),
                "في" | "يوم" | "منذ" | "حتي" | "بتاريخ" | "الي" | "ال"
            )
        {
            return None;
        }
        let dir = self.dir_at(k + 1)?;
        let (y, m) = match self.pub_ym() {
            Some((py, pm)) => {
                let off = match dir {
                    Dir::Past => -1,
                    Dir::Next => 1,
                    _ => 0,
                };
                let (y, m) = shift_month(py, pm, off);
                NaiveDate::from_ymd_opt(y, m, day)?;
                (Some(y), Some(m))
            }
            None => (None, None),
        };
        let o = self.out(i, k + 1, TimexType::DATE, fmt_date(y, m, Some(day)));
        let parts = DateParts {
            month: m.unwrap_or(0),
            day: Some(day),
            year: y,
            hijri: false,
        };
        Some((k + 2, o, parts))
    }

    /// Ordinal words 1–31 (الأول، الخامس عشر، الرابع والعشرين، الحادي والثلاثين).
    fn parse_ordinal(&self, k: usize) -> Option<(usize, u32)> {
        match self.lex(k)? {
            Lex::Ord(u) => {
                let u = u as u32;
                if self.base(k + 1) == "عشر" && u < 10 {
                    return Some((k + 2, 10 + u));
                }
                if let Some(Lex::OrdTens(t)) = self.lex(k + 1) {
                    if self.toks[k + 1].pre > 0 && u < 10 {
                        return Some((k + 2, t as u32 + u));
                    }
                }
                if matches!(self.base(k), "الحادي" | "الواحد") {
                    return None;
                }
                Some((k + 1, u))
            }
            Lex::OrdTens(t) => Some((k + 1, t as u32)),
            _ => None,
        }
    }

    /// 17/5/2018, 2018-05-17, 17.5.2018, 15/9/1439هـ.
    fn parse_numeric(&self, k: usize) -> Option<(usize, Out)> {
        let (a, da) = self.num(k)?;
        let sep = self.punct(k + 1)?;
        if !matches!(sep, '/' | '-' | '.') || self.punct(k + 3) != Some(sep) {
            return None;
        }
        let (b, _) = self.num(k + 2)?;
        let (c, dc) = self.num(k + 4)?;
        let glued = self.adjacent(k)
            && self.adjacent(k + 1)
            && self.adjacent(k + 2)
            && self.adjacent(k + 3);
        // "14 / 10 / 1436هـ": official Saudi style spaces the slashes
        if !glued && sep != '/' {
            return None;
        }
        let (y, m, d) = if da == 4 {
            (a as i32, b, c)
        } else if dc == 4 && da <= 2 {
            (c as i32, b, a)
        } else {
            return None;
        };
        let mut end = k + 5;
        let marker = match self.base(end) {
            "ه" | "هجري" | "هجريه" => Some('h'),
            "م" | "ميلادي" | "ميلاديه" => Some('m'),
            _ => None,
        };
        if marker.is_some() {
            end += 1;
        }
        if !(1..=12).contains(&m) {
            return None;
        }
        let hijri = marker == Some('h') || (marker.is_none() && (1300..=1500).contains(&y));
        let date = if hijri {
            hijri::to_gregorian(y, m, d)?
        } else {
            NaiveDate::from_ymd_opt(y, m, d)?
        };
        let mut o = self.out(k, end - 1, TimexType::DATE, fmt_day(date));
        o.hijri = hijri;
        Some((end, o))
    }

    // ---- weekdays and relative days ----

    /// A future-tense cue before `i` in the same clause: سوف، من المقرر، يعتزم، سـ + verb.
    fn future_cue(&self, i: usize) -> bool {
        let lo = i.saturating_sub(8);
        for j in (lo..i).rev() {
            if self.is_punct_in(j, CLAUSE_PUNCT) {
                break;
            }
            let w = self.bare(j);
            if matches!(
                w,
                "سوف"
                    | "المقرر"
                    | "المزمع"
                    | "يعتزم"
                    | "تعتزم"
                    | "يعتزمون"
                    | "المرتقب"
                    | "يرتقب"
                    | "يزمع"
                    | "تزمع"
                    | "مقرر"
                    | "مرتقب"
                    | "المنتظر"
            ) || is_future_verb(w)
            {
                return true;
            }
        }
        false
    }

    /// The weekday `wd` (ISO 1–7) relative to the publication date. Default: the latest such day
    /// not after publication (news reports what happened); strictly later with a future cue or
    /// المقبل; strictly earlier with الماضي.
    fn resolve_weekday(&self, wd: u8, dir: Option<Dir>, at: usize) -> String {
        let Some(p) = self.pubd else {
            return format!("XXXX-WXX-{wd}");
        };
        let pw = p.weekday().number_from_monday() as i64;
        let wd = wd as i64;
        let future = match dir {
            Some(Dir::Next) => true,
            Some(Dir::Past) => false,
            _ => self.future_cue(at),
        };
        let date = if future {
            let mut d = (wd - pw).rem_euclid(7);
            if d == 0 {
                d = 7;
            }
            p + Duration::days(d)
        } else {
            let mut d = (pw - wd).rem_euclid(7);
            if d == 0 && dir == Some(Dir::Past) {
                d = 7;
            }
            p - Duration::days(d)
        };
        fmt_day(date)
    }

    fn parse_weekday(&self, i: usize) -> Option<(usize, Out)> {
        let mut k = i;
        if self.is_yawm(k) {
            k += 1;
        }
        // اليوم الخميس، أمس (الثلاثاء)، غدا الجمعة: the weekday wins when both are written, and
        // the deictic word only says which side of publication it lies on
        let mut deixis: Option<Dir> = None;
        let mut paren = false;
        if let Some(l @ (Lex::Today | Lex::Yesterday | Lex::Tomorrow)) = self.lex(k) {
            let (j, p) = match self.punct(k + 1) {
                Some('(') => (k + 2, true),
                Some(',') => (k + 2, false), // اليوم، الأربعاء
                _ => (k + 1, false),
            };
            if matches!(self.lex(j), Some(Lex::Weekday(_))) {
                deixis = match l {
                    Lex::Yesterday => Some(Dir::Past),
                    Lex::Tomorrow => Some(Dir::Next),
                    _ => None,
                };
                paren = p;
                k = j;
            }
        }
        let Some(Lex::Weekday(wd)) = self.lex(k) else {
            return None;
        };
        k += 1;
        if paren {
            if self.punct(k) != Some(')') {
                return None;
            }
            k += 1;
        }
        if self.base(k) == "عشر" || self.base(k) == "عشره" {
            return None; // الأحد عشر: eleven
        }
        let dir = match self.mod_at(k) {
            Some(d @ (Dir::Past | Dir::Next)) if !paren => {
                k += 1;
                Some(d)
            }
            _ => deixis,
        };
        let v = self.resolve_weekday(wd, dir, i);
        Some((k, self.out(i, k - 1, TimexType::DATE, v)))
    }

    fn day_offset(&self, days: i64) -> String {
        match self.pubd {
            Some(p) => fmt_day(p + Duration::days(days)),
            None => "XXXX-XX-XX".to_string(),
        }
    }

    fn parse_relative(&self, i: usize) -> Option<(usize, Out)> {
        let lex = self.lex(i)?;
        let d = TimexType::DATE;
        match lex {
            Lex::Today => {
                if self.yawm_block_next(i + 1) {
                    return None;
                }
                let prev = self.prev_bare(i);
                let prev_no_l = prev.strip_prefix('ل').unwrap_or(prev);
                // في هذا اليوم looks back at a day already named; لهذا اليوم (for today) is today
                if prev == "هذا" {
                    return None;
                }
                if self.t.yawm_block_prev.contains(prev)
                    || self.t.yawm_block_prev.contains(prev_no_l)
                {
                    return None;
                }
                // 9.5 مليون برميل في اليوم، ثلاث مرات في اليوم: "per day" after a quantity
                if prev == "في"
                    && (i.saturating_sub(4)..i - 1).any(|j| {
                        self.num(j).is_some()
                            || matches!(self.lex(j), Some(Lex::Card(_)))
                            || matches!(self.bare(j), "مرات" | "مره" | "مرتين")
                    })
                {
                    return None;
                }
                if matches!(self.prev_bare(i), "حتي" | "الي" | "لغايه") {
                    return Some((i + 1, self.out(i, i, d, "PRESENT_REF".into())));
                }
                Some((i + 1, self.out(i, i, d, self.day_offset(0))))
            }
            Lex::Yesterday => {
                if self.base(i + 1) == "الاول" {
                    return Some((i + 2, self.out(i, i + 1, d, self.day_offset(-2))));
                }
                Some((i + 1, self.out(i, i, d, self.day_offset(-1))))
            }
            Lex::Tomorrow => {
                if self.base(i) != "غدا" {
                    return None;
                }
                // ولذا غدا منذ صغره كبيرا: the verb "became"
                if matches!(
                    self.prev_bare(i),
                    "قد" | "لذا"
                        | "ثم"
                        | "لقد"
                        | "الذي"
                        | "التي"
                        | "بعدما"
                        | "حتي"
                        | "لذلك"
                ) {
                    return None;
                }
                Some((i + 1, self.out(i, i, d, self.day_offset(1))))
            }
            Lex::Tonight => {
                if self.mod_at(i + 1) == Some(Dir::Past) {
                    let v = format!("{}TNI", self.day_offset(-1));
                    return Some((i + 2, self.out(i, i + 1, TimexType::TIME, v)));
                }
                let v = format!("{}TNI", self.day_offset(0));
                Some((i + 1, self.out(i, i, TimexType::TIME, v)))
            }
            Lex::Now => Some((i + 1, self.out(i, i, d, "PRESENT_REF".into()))),
            _ if self.is_yawm(i) => match self.lex(i + 1) {
                Some(Lex::Yesterday) => Some((i + 2, self.out(i, i + 1, d, self.day_offset(-1)))),
                Some(Lex::Tomorrow) if self.base(i + 1) != "غدا" => {
                    Some((i + 2, self.out(i, i + 1, d, self.day_offset(1))))
                }
                _ => None,
            },
            Lex::Trigger => match self.base(i) {
                "اول" => {
                    if self.base(i + 1) == "امس" {
                        Some((i + 2, self.out(i, i + 1, d, self.day_offset(-2))))
                    } else if self.base(i + 1) == "من" && self.base(i + 2) == "امس" {
                        Some((i + 3, self.out(i, i + 2, d, self.day_offset(-2))))
                    } else {
                        None
                    }
                }
                "بعد" if self.base(i + 1) == "غد" => {
                    Some((i + 2, self.out(i, i + 1, d, self.day_offset(2))))
                }
                "الوقت" if matches!(self.base(i + 1), "الحالي" | "الراهن") => {
                    Some((i + 2, self.out(i, i + 1, d, "PRESENT_REF".into())))
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn yawm_block_next(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && self.t.yawm_block.contains(t.base))
    }

    /// صباح/مساء/ظهر/عصر/فجر/ليلة + اليوم/أمس/الغد/weekday/date → TIME with a part of day.
    fn parse_pod(&self, i: usize) -> Option<(usize, Out)> {
        let Some(Lex::PartOfDay(p)) = self.lex(i) else {
            return None;
        };
        let (end, day) = self.day_ref(i + 1)?;
        let v = format!("{day}{}", pod_suffix(p));
        Some((end, self.out(i, end - 1, TimexType::TIME, v)))
    }

    /// A reference to one day after a part-of-day word or "من": اليوم، أمس، الغد، [يوم] weekday,
    /// or an explicit date.
    fn day_ref(&self, j: usize) -> Option<(usize, String)> {
        if let Some((e, o)) = self.parse_weekday(j) {
            if !matches!(self.lex(j), Some(Lex::Weekday(_))) || self.parse_date(j).is_none() {
                return Some((e, o.value));
            }
        }
        match self.lex(j) {
            Some(Lex::Today) => Some((j + 1, self.day_offset(0))),
            Some(Lex::Yesterday) => Some((j + 1, self.day_offset(-1))),
            Some(Lex::Tomorrow) => Some((j + 1, self.day_offset(1))),
            _ if self.is_yawm(j) && self.lex(j + 1) == Some(Lex::Yesterday) => {
                Some((j + 2, self.day_offset(-1)))
            }
            _ if self.is_yawm(j) && self.lex(j + 1) == Some(Lex::Tomorrow) => {
                Some((j + 2, self.day_offset(1)))
            }
            Some(Lex::Weekday(_)) | Some(Lex::Unit(Unit::Day, Form::Sing)) => {
                if let Some((e, o, p)) = self.parse_date(j) {
                    if p.day.is_some() || p.month == 0 {
                        return Some((e, o.value));
                    }
                }
                let (e, o) = self.parse_weekday(j)?;
                Some((e, o.value))
            }
            _ => {
                let (e, o, p) = self.parse_date(j)?;
                p.day?;
                Some((e, o.value))
            }
        }
    }

    /// الساعة الثامنة صباحا، الساعة 14:30 بتوقيت غرينتش، الساعة الثانية من فجر اليوم.
    fn parse_clock(&self, i: usize) -> Option<(usize, Out)> {
        let mut j;
        let mut h: u32;
        let mut mi: u32 = 0;
        if self.lex(i) == Some(Lex::Hour) {
            j = i + 1;
            if let Some((n, _)) = self.num(j) {
                if n > 24 {
                    return None;
                }
                h = n;
                j += 1;
                if matches!(self.punct(j), Some(':') | Some('.') | Some(','))
                    && self.adjacent(j - 1)
                {
                    let (m, dm) = self.num(j + 1)?;
                    if dm != 2 || m > 59 {
                        return None;
                    }
                    mi = m;
                    j += 2;
                }
            } else if let Some(Lex::HourOrd(n)) = self.lex(j) {
                h = n as u32;
                j += 1;
                if matches!(self.base(j), "عشره" | "عشر") && h <= 2 {
                    h += 10;
                    j += 1;
                }
            } else {
                return None;
            }
        } else {
            // bare 14:30 needs an am/pm word or a time zone after it
            let (n, _) = self.num(i)?;
            if n > 23 || self.punct(i + 1) != Some(':') || !self.adjacent(i) {
                return None;
            }
            let (m, dm) = self.num(i + 2)?;
            if dm != 2 || m > 59 || !self.adjacent(i + 1) {
                return None;
            }
            h = n;
            mi = m;
            j = i + 3;
            let cue = matches!(
                self.lex(j),
                Some(Lex::AmPm(_)) | Some(Lex::PartOfDay(Pod::Evening))
            ) || matches!(self.base(j), "بتوقيت" | "بالتوقيت");
            if !cue {
                return None;
            }
        }
        match self.raw(j) {
            "والنصف" => {
                mi = 30;
                j += 1;
            }
            "والربع" => {
                mi = 15;
                j += 1;
            }
            "والثلث" => {
                mi = 20;
                j += 1;
            }
            "الا" if matches!(self.base(j + 1), "ربعا" | "ربع") => {
                h = (h + 23) % 24;
                mi = 45;
                j += 2;
            }
            _ => {}
        }
        let mut day: Option<String> = None;
        let mut pod: Option<Pod> = None;
        if self.base(j) == "من" {
            if let Some(Lex::PartOfDay(p)) = self.lex(j + 1) {
                if let Some((e, d)) = self.day_ref(j + 2) {
                    day = Some(d);
                    pod = Some(p);
                    j = e;
                }
            } else if let Some((e, o, p)) = self.parse_date(j + 1) {
                // الساعة 11,02 من التاسع من آب 1945
                if p.day.is_some() && o.value.len() == 10 {
                    day = Some(o.value);
                    j = e;
                }
            }
        }
        if let Some(Lex::AmPm(p)) | Some(Lex::PartOfDay(p @ Pod::Evening)) = self.lex(j) {
            pod = Some(p);
            j += 1;
        }
        let mut zulu = false;
        if self.base(j) == "بتوقيت" {
            zulu = self
                .toks
                .get(j + 1)
                .is_some_and(|t| self.t.greenwich.contains(t.base));
            j += 2;
        } else if self.base(j) == "بالتوقيت" && self.base(j + 1) == "المحلي" {
            j += 2;
        }
        match pod {
            Some(Pod::Morning | Pod::Dawn) if h == 12 => h = 0,
            Some(Pod::Afternoon | Pod::Evening) if h < 12 => h += 12,
            Some(Pod::Night) if (6..12).contains(&h) => h += 12,
            Some(Pod::Night) if h == 12 => h = 0,
            Some(Pod::Noon) if h <= 5 => h += 12,
            _ => {}
        }
        if h == 24 {
            h = 0;
        }
        let unanchored = day.is_none();
        let d = day.unwrap_or_else(|| "XXXX-XX-XX".to_string());
        let v = format!("{d}T{h:02}:{mi:02}{}", if zulu { "Z" } else { "" });
        let mut o = self.out(i, j - 1, TimexType::TIME, v);
        o.clock_unanchored = unanchored;
        Some((j, o))
    }

    // ---- weeks, months, years relative to publication ----

    fn unit_rel_value(&self, u: Unit, d: Dir) -> Option<String> {
        let off: i32 = match d {
            Dir::Past => -1,
            Dir::Next => 1,
            _ => 0,
        };
        Some(match (u, self.pubd) {
            (Unit::Year, Some(p)) => format!("{:04}", p.year() + off),
            (Unit::Year, None) => "XXXX".into(),
            (Unit::Month, Some(p)) => {
                let (y, m) = shift_month(p.year(), p.month(), off);
                fmt_date(Some(y), Some(m), None)
            }
            (Unit::Month, None) => "XXXX-XX".into(),
            (Unit::Week, Some(p)) => fmt_week(p + Duration::days(7 * off as i64)),
            (Unit::Week, None) => "XXXX-WXX".into(),
            _ => return None,
        })
    }

    /// العام الماضي، الشهر المقبل، الأسبوع الجاري، هذا العام، العام 2015.
    fn parse_unitrel(&self, i: usize) -> Option<(usize, Out)> {
        let (k, this) = if self.lex(i) == Some(Lex::This) {
            (i + 1, true)
        } else {
            (i, false)
        };
        let Some(Lex::Unit(u, Form::Def)) = self.lex(k) else {
            return None;
        };
        if !matches!(u, Unit::Year | Unit::Month | Unit::Week) {
            return None;
        }
        if u == Unit::Year && !this && self.t.aam_heads.contains(self.prev_bare(k)) {
            return None;
        }
        if this {
            let v = self.unit_rel_value(u, Dir::Current)?;
            return Some((k + 1, self.out(i, k, TimexType::DATE, v)));
        }
        if let Some(d) = self.dir_at(k + 1) {
            let v = self.unit_rel_value(u, d)?;
            return Some((k + 2, self.out(i, k + 1, TimexType::DATE, v)));
        }
        None
    }

    /// مطلع/منتصف/نهاية/أواخر/أوائل + a month, a year or a relative period. TIMEX3 would put
    /// START/MID/END in a `mod` attribute the document model does not have, so the value is the
    /// whole period and the span keeps the modifier word.
    fn parse_position(&self, i: usize) -> Option<(usize, Out)> {
        let j = i + 1;
        let weekend = self.base(i) == "نهايه";
        let mut inner: Option<(usize, Out)> = None;
        let consider = |inner: &mut Option<(usize, Out)>, c: Option<(usize, Out)>| {
            if let Some(c) = c {
                if inner.as_ref().is_none_or(|b| c.0 > b.0) {
                    *inner = Some(c);
                }
            }
        };
        consider(&mut inner, self.parse_unitrel(j));
        consider(&mut inner, self.parse_date(j).map(|(e, o, _)| (e, o)));
        consider(&mut inner, self.parse_year(j));
        consider(&mut inner, self.parse_century(j));
        if inner.is_none() {
            // للشهر (ل + ال) is "for the month", not a time
            let plain_def = self.base(j).starts_with("ال");
            if let (true, Some(Lex::Unit(u @ (Unit::Year | Unit::Month | Unit::Week), Form::Def))) =
                (plain_def, self.lex(j))
            {
                let v = self.unit_rel_value(u, Dir::Current)?;
                inner = Some((j + 1, self.out(j, j, TimexType::DATE, v)));
            }
        }
        let (end, o) = inner?;
        let mut v = o.value;
        if weekend && matches!(self.lex(j), Some(Lex::Unit(Unit::Week, Form::Def))) {
            v.push_str("-WE");
        }
        let mut out = self.out(i, end - 1, TimexType::DATE, v);
        out.hijri = o.hijri;
        Some((end, out))
    }

    /// عام 2011، العام 2015، سنة 1990، عام 1400 هـ، 2010م, and a bare year after في/منذ/حتى.
    fn parse_year(&self, i: usize) -> Option<(usize, Out)> {
        let word = match self.lex(i) {
            Some(Lex::Unit(Unit::Year, Form::Def)) => {
                self.base(i) == "العام" || self.base(i) == "السنه"
            }
            Some(Lex::Unit(Unit::Year, Form::Sing)) => matches!(self.base(i), "عام" | "سنه"),
            Some(Lex::Trigger) => matches!(self.base(i), "عامي" | "سنتي"),
            _ => false,
        };
        let (start, (end, y, marker)) = if word {
            if self.t.aam_heads.contains(self.prev_bare(i)) {
                return None;
            }
            (i, self.parse_year_num(i + 1)?)
        } else {
            let (end, y, marker) = self.parse_year_num(i)?;
            if marker.is_none() {
                let plausible = (1900..=2100).contains(&y);
                let prep = matches!(
                    self.prev_bare(i),
                    "في" | "منذ"
                        | "حتي"
                        | "خلال"
                        | "بحلول"
                        | "قبل"
                        | "بعد"
                        | "مطلع"
                        | "منتصف"
                        | "نهايه"
                        | "اواخر"
                        | "اوائل"
                        | "بدايه"
                );
                let unit_after = matches!(self.lex(end), Some(Lex::Unit(..)));
                if !(plausible && prep) || unit_after {
                    return None;
                }
            }
            (i, (end, y, marker))
        };
        // عام 1435 in a 2015 Saudi paper is a Hijri year even without هـ
        let near_hijri_now = marker.is_none()
            && (1300..=1500).contains(&y)
            && self
                .pubd
                .and_then(hijri::from_gregorian)
                .is_some_and(|(hy, _, _)| (hy - y).abs() <= 10);
        let (value, hijri) = if marker == Some('h') || near_hijri_now {
            (format!("{:04}", hijri::year_to_gregorian_year(y)?), true)
        } else {
            if !(1000..=2200).contains(&y) {
                return None;
            }
            (format!("{y:04}"), false)
        };
        let mut o = self.out(start, end - 1, TimexType::DATE, value);
        o.hijri = hijri;
        Some((end, o))
    }

    /// ستينيات القرن الماضي → 196, التسعينيات → 199 (the 20th century unless the text says
    /// otherwise).
    fn parse_decade(&self, i: usize) -> Option<(usize, Out)> {
        let Some(Lex::Decade(n)) = self.lex(i) else {
            return None;
        };
        let mut cent = 19;
        let mut end = i + 1;
        if self.lex(end) == Some(Lex::Century) {
            if let Some((e, o)) = self.parse_century(end) {
                if let Ok(c) = o.value.parse::<i32>() {
                    cent = c;
                }
                end = e;
            }
        }
        // في السبعينات من العمر: an age, not a decade
        if self.base(end) == "من" && self.bare(end + 1).contains("عمر") {
            return None;
        }
        let v = format!("{cent}{n}");
        Some((end, self.out(i, end - 1, TimexType::DATE, v)))
    }

    /// القرن العشرين → 19, القرن الحادي والعشرين → 20, القرن الماضي → relative.
    fn parse_century(&self, i: usize) -> Option<(usize, Out)> {
        if self.lex(i) != Some(Lex::Century) {
            return None;
        }
        let j = i + 1;
        let (end, n): (usize, i32) = if let Some((e, n)) = self.parse_ordinal(j) {
            (e, n as i32)
        } else if let Some(d) = self.dir_at(j) {
            let Some(p) = self.pubd else {
                return Some((j + 1, self.out(i, j, TimexType::DATE, "XX".into())));
            };
            let cur = (p.year() - 1) / 100 + 1;
            let n = match d {
                Dir::Past => cur - 1,
                Dir::Next => cur + 1,
                _ => cur,
            };
            (j + 1, n)
        } else if self.base(j) == "ال" {
            let (n, _) = self.num(j + 1)?;
            (j + 2, n as i32)
        } else if let Some((n, d)) = self.num(j) {
            if d > 2 {
                return None;
            }
            (j + 1, n as i32)
        } else {
            return None;
        };
        if !(1..=30).contains(&n) {
            return None;
        }
        Some((
            end,
            self.out(i, end - 1, TimexType::DATE, format!("{:02}", n - 1)),
        ))
    }

    // ---- durations, ago, sets ----

    /// A cardinal: digits, or number words (خمسة، أحد عشر، خمسة وعشرين، عشرين).
    fn parse_number(&self, i: usize) -> Option<(usize, u32)> {
        if let Some((n, digits)) = self.num(i) {
            if digits > 4 || self.adjacent_sep(i) || self.punct(i + 1) == Some(':') {
                return None;
            }
            return Some((i + 1, n));
        }
        let Some(Lex::Card(n)) = self.lex(i) else {
            return None;
        };
        if self.toks[i].pre > 0 {
            return None;
        }
        let n = n as u32;
        if n < 10 && matches!(self.base(i + 1), "عشر" | "عشره") {
            return Some((i + 2, n + 10));
        }
        if n < 10 {
            if let Some(Lex::Card(t)) = self.lex(i + 1) {
                if self.toks[i + 1].pre > 0 && (20..=90).contains(&t) && t % 10 == 0 {
                    return Some((i + 2, n + t as u32));
                }
            }
        }
        if matches!(
            self.base(i),
            "احد" | "احدي" | "اثنا" | "اثني" | "اثنتا" | "اثنتي"
        ) {
            return None;
        }
        Some((i + 1, n))
    }

    /// Returns (end, quarter units, unit).
    fn duration_core(&self, i: usize) -> Option<(usize, u32, Unit)> {
        let half_after = |e: usize| -> bool { self.raw(e) == "ونصف" };
        match self.lex(i) {
            Some(Lex::Unit(u, Form::Dual)) => {
                if half_after(i + 1) {
                    return Some((i + 2, 10, u));
                }
                Some((i + 1, 8, u))
            }
            Some(Lex::Half | Lex::Quarter) if self.raw(i) != "ونصف" => {
                let q = if self.lex(i) == Some(Lex::Half) { 2 } else { 1 };
                match self.lex(i + 1) {
                    Some(Lex::Unit(u, Form::Sing)) => Some((i + 2, q, u)),
                    _ => None,
                }
            }
            Some(Lex::Unit(u, Form::Sing)) if half_after(i + 1) => Some((i + 2, 6, u)),
            _ => {
                let (e, n) = self.parse_number(i)?;
                let Some(Lex::Unit(u, Form::Sing | Form::Plural)) = self.lex(e) else {
                    return None;
                };
                if n == 0 || n > 10_000 {
                    return None;
                }
                if half_after(e + 1) {
                    return Some((e + 2, n * 4 + 2, u));
                }
                Some((e + 1, n * 4, u))
            }
        }
    }

    fn parse_duration(&self, i: usize) -> Option<(usize, Out)> {
        let dur = TimexType::DURATION;
        match self.lex(i) {
            Some(Lex::Few) => {
                if let Some(Lex::Unit(u, Form::Plural)) = self.lex(i + 1) {
                    let v = format!("P{}", unit_letter(u));
                    return Some((i + 2, self.out(i, i + 1, dur, v)));
                }
                return None;
            }
            Some(Lex::Unit(u, f @ (Form::DefPlural | Form::DefDual))) => {
                // الأيام الثلاثة الماضية، اليومين الماضيين، السنوات الأخيرة
                let mut k = i + 1;
                let mut n = if f == Form::DefDual { Some(2) } else { None };
                if let Some(Lex::DefCard(c)) = self.lex(k) {
                    n = Some(c as u32);
                    k += 1;
                }
                self.mod_at(k).filter(|d| *d != Dir::Current)?;
                let v = match n {
                    Some(n) => fmt_duration(n * 4, u),
                    None => format!("P{}", unit_letter(u)),
                };
                return Some((k + 1, self.out(i, k, dur, v)));
            }
            Some(Lex::Unit(u, Form::Sing)) if self.raw(i + 1) != "ونصف" => {
                // لمدة أسبوع: a bare singular only after a "for the length of" word
                if matches!(self.prev_bare(i), "لمده" | "مده" | "طيله" | "طوال")
                    && !matches!(u, Unit::Decade | Unit::Century)
                    && self.base(i) != "يوما"
                {
                    return Some((i + 1, self.out(i, i, dur, fmt_duration(4, u))));
                }
                return None;
            }
            _ => {}
        }
        let (end, q, u) = self.duration_core(i)?;
        Some((end, self.out(i, end - 1, dur, fmt_duration(q, u))))
    }

    /// قبل يومين، منذ ثلاثة أشهر، بعد أسبوع: a date that far from publication, at the
    /// granularity of the unit.
    fn parse_ago(&self, i: usize) -> Option<(usize, Out)> {
        let sign: i64 = match self.base(i) {
            "قبل" | "منذ" => -1,
            // in past narrative "بعد عام" counts from the last event, not from publication
            "بعد" if self.future_cue(i) => 1,
            _ => return None,
        };
        let mut j = i + 1;
        // قبل نحو عامين، منذ أكثر من عقدين، منذ ما يقارب 30 عاما: hedges do not change the date
        match self.bare(j) {
            "نحو" | "حوالي" | "قرابه" | "زهاء" | "مايقارب" => j += 1,
            "اكثر" | "اقل" if self.base(j + 1) == "من" => j += 2,
            "ما" if matches!(self.bare(j + 1), "يقارب" | "يزيد") => {
                j += if self.base(j + 2) == "علي" { 3 } else { 2 }
            }
            _ => {}
        }
        let (end, q, u) = match self.lex(j) {
            // منذ عام 1404هـ is a year, not "a year ago"
            Some(Lex::Unit(_, Form::Sing)) if self.num(j + 1).is_some() => return None,
            Some(Lex::Unit(u, Form::Sing)) if self.raw(j + 1) != "ونصف" => {
                if self.base(j) == "يوم" && sign < 0 {
                    // قبل يوم من … / منذ يوم تأسيسها: too often not "a day ago"
                    return None;
                }
                (j + 1, 4, u)
            }
            _ => self.duration_core(j)?,
        };
        if self.base(end) == "من" || self.base(end) == "علي" {
            return None; // قبل ثلاثة أيام من الانتخابات: relative to another event
        }
        let v = match (u, self.pubd) {
            (Unit::Minute | Unit::Hour, _) => return None,
            (Unit::Day, Some(p)) => fmt_day(p + Duration::days(sign * (q as i64) / 4)),
            (Unit::Week, Some(p)) => fmt_week(p + Duration::days(sign * 7 * (q as i64) / 4)),
            (Unit::Month, Some(p)) => {
                let (y, m) = shift_month(p.year(), p.month(), (sign as i32) * (q as i32) / 4);
                fmt_date(Some(y), Some(m), None)
            }
            (Unit::Year, Some(p)) if q % 4 == 0 => {
                format!("{:04}", p.year() + (sign as i32) * (q as i32) / 4)
            }
            (Unit::Year, Some(p)) => {
                let (y, m) = shift_month(p.year(), p.month(), (sign as i32) * (q as i32) * 3);
                fmt_date(Some(y), Some(m), None)
            }
            (Unit::Decade, Some(p)) => {
                format!(
                    "{:03}",
                    (p.year() + (sign as i32) * (q as i32) * 10 / 4) / 10
                )
            }
            (Unit::Century, _) => return None,
            (Unit::Day, None) => "XXXX-XX-XX".into(),
            (Unit::Week, None) => "XXXX-WXX".into(),
            (Unit::Month, None) => "XXXX-XX".into(),
            (Unit::Year, None) => "XXXX".into(),
            (Unit::Decade, None) => "XXX".into(),
        };
        Some((end, self.out(i, end - 1, TimexType::DATE, v)))
    }

    fn parse_set(&self, i: usize) -> Option<(usize, Out)> {
        let set = TimexType::SET;
        match self.lex(i)? {
            Lex::SetAdv(u) => Some((i + 1, self.out(i, i, set, fmt_duration(4, u)))),
            Lex::Kull => {
                let j = i + 1;
                if self.base(j) == "يوم" {
                    if let Some(Lex::WeekdayBare(d) | Lex::Weekday(d)) = self.lex(j + 1) {
                        return Some((j + 2, self.out(i, j + 1, set, format!("XXXX-WXX-{d}"))));
                    }
                }
                if let Some(Lex::WeekdayBare(d)) = self.lex(j) {
                    return Some((j + 1, self.out(i, j, set, format!("XXXX-WXX-{d}"))));
                }
                if let Some(Lex::Unit(u, Form::Sing)) = self.lex(j) {
                    if self.base(j) != "يوما" && self.raw(j + 1) != "ونصف" {
                        return Some((j + 1, self.out(i, j, set, fmt_duration(4, u))));
                    }
                }
                let (end, q, u) = self.duration_core(j)?;
                Some((end, self.out(i, end - 1, set, fmt_duration(q, u))))
            }
            _ => None,
        }
    }

    // ---- ranges ----

    fn is_connector(&self, i: usize) -> bool {
        matches!(self.raw(i), "الي" | "حتي" | "و" | "لغايه") || self.punct(i) == Some('-')
    }

    /// من 10 إلى 12 مارس، بين 3 و5 ديسمبر، بين عامي 2011 و2015، من يناير إلى مارس 2016:
    /// two DATE timexes; the first borrows what it lacks (month, year) from the second.
    fn parse_range(&self, i: usize) -> Option<Cand> {
        let j = i + 1;
        // day range
        if let Some((d1, digits)) = self.num(j) {
            if digits <= 2 && (1..=31).contains(&d1) && self.is_connector(j + 1) {
                if let Some((e, o2, p)) = self.parse_date(j + 2) {
                    p.day?;
                    if p.month == 0 {
                        return None;
                    }
                    let v1 = if p.hijri {
                        match p.year {
                            Some(hy) => fmt_day(hijri::to_gregorian(hy, p.month, d1)?),
                            None => "XXXX-XX-XX".into(),
                        }
                    } else {
                        if let Some(y) = p.year {
                            NaiveDate::from_ymd_opt(y, p.month, d1)?;
                        }
                        fmt_date(p.year, Some(p.month), Some(d1))
                    };
                    let mut o1 = self.out(j, j, TimexType::DATE, v1);
                    o1.hijri = p.hijri;
                    return Some((e, vec![o1, o2]));
                }
            }
        }
        // month range
        if let Some((me, m1, false, _)) = self.parse_month(j) {
            if self.is_connector(me) {
                if let Some((e, o2, p)) = self.parse_date(me + 1) {
                    if p.day.is_none() && !p.hijri && p.month != 0 {
                        let o1 =
                            self.out(j, me - 1, TimexType::DATE, fmt_date(p.year, Some(m1), None));
                        return Some((e, vec![o1, o2]));
                    }
                }
            }
        }
        // year range
        let year_at = |k: usize| -> Option<(usize, Out)> {
            if let Some((e, y, mk)) = self.parse_year_num(k) {
                if mk == Some('h') || !(1000..=2200).contains(&y) {
                    return None;
                }
                return Some((e, self.out(k, e - 1, TimexType::DATE, format!("{y:04}"))));
            }
            if matches!(
                self.base(k),
                "عام" | "العام" | "عامي" | "سنه" | "السنه" | "سنتي"
            ) {
                let (e, y, mk) = self.parse_year_num(k + 1)?;
                if mk == Some('h') {
                    return None;
                }
                return Some((e, self.out(k, e - 1, TimexType::DATE, format!("{y:04}"))));
            }
            None
        };
        let (e1, o1) = year_at(j)?;
        if !self.is_connector(e1) {
            return None;
        }
        let (e2, o2) = year_at(e1 + 1)?;
        Some((e2, vec![o1, o2]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    fn vals(text: &str, p: &str) -> Vec<(String, String)> {
        TimeTagger::new()
            .tag(text, d(p))
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect()
    }

    #[test]
    fn offsets_are_code_points_of_the_original() {
        let text = "قُتِلَ جنديان أمسِ في هجوم";
        let t = TimeTagger::new().tag(text, d("2018-05-17"));
        assert_eq!(t.len(), 1);
        let chars: Vec<char> = text.chars().collect();
        let s: String = chars[t[0].start..t[0].end].iter().collect();
        assert_eq!(s, t[0].text);
        assert_eq!(t[0].text, "أمسِ");
        assert_eq!(t[0].value, "2018-05-16");
    }

    #[test]
    fn a_day_in_the_publication_month_lies_on_the_side_its_day_says() {
        assert_eq!(
            vals("تعقد القمة في 27 أغسطس المقبل", "2015-08-01"),
            vec![("27 أغسطس المقبل".into(), "2015-08-27".into())]
        );
        assert_eq!(
            vals("تعقد القمة في 1 أغسطس المقبل", "2015-08-10"),
            vec![("1 أغسطس المقبل".into(), "2016-08-01".into())]
        );
        assert_eq!(
            vals("عقدت القمة في 3 أغسطس الماضي", "2015-08-10"),
            vec![("3 أغسطس الماضي".into(), "2015-08-03".into())]
        );
        assert_eq!(
            vals("عقدت القمة في 20 أغسطس الماضي", "2015-08-10"),
            vec![("20 أغسطس الماضي".into(), "2014-08-20".into())]
        );
    }

    #[test]
    fn weekday_beats_today() {
        // published on a Friday, "اليوم الخميس" is the Thursday
        assert_eq!(
            vals("قال الوزير اليوم الخميس إن", "2018-05-18"),
            vec![("اليوم الخميس".into(), "2018-05-17".into())]
        );
    }

    #[test]
    fn aam_as_adjective_never_fires() {
        for s in [
            "قال الأمين العام الحالي للمنظمة",
            "أكد المدعي العام أن التحقيق",
            "توجهات الرأي العام المقبلة",
            "المؤتمر العام المقبل للحزب",
        ] {
            assert!(vals(s, "2018-05-17").is_empty(), "{s}");
        }
    }

    #[test]
    fn rare_month_names_need_context() {
        assert!(vals("قال ماي إن الحكومة", "2018-05-17").is_empty());
        assert!(vals("فقد الأب في الحرب وقال آب", "2018-05-17").is_empty());
        assert_eq!(vals("في 4 ماي 2019", "2018-05-17")[0].1, "2019-05-04");
    }

    #[test]
    fn hijri_with_markers() {
        let t = TimeTagger::new().tag("في 15 رمضان 1439 هـ", d("2018-05-17"));
        assert_eq!(t[0].value, "2018-05-30");
        assert_eq!(t[0].calendar.as_deref(), Some("hijri"));
        assert_eq!(t[0].text, "15 رمضان 1439 هـ");
    }

    #[test]
    fn patterns_seen_in_real_news() {
        let p = "2015-08-09"; // a Sunday
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("عين اليوم – الرياض أعلنت", &[]),
            ("ولذا غدا منذ صغره كبيرا", &[]),
            ("صدرت قبل نحو عامين", &[("قبل نحو عامين", "2013")]),
            (
                "عند الساعة 11,02 من التاسع من آب 1945",
                &[("الساعة 11,02 من التاسع من آب 1945", "1945-08-09T11:02")],
            ),
            ("في 12 الشهر الجاري", &[("12 الشهر الجاري", "2015-08-12")]),
            ("قتل 20 الشهر الماضي", &[("الشهر الماضي", "2015-07")]),
            (
                "أجرت الصحيفة يوم أمس (السبت) حوارا",
                &[("يوم أمس (السبت)", "2015-08-08")],
            ),
            (
                "في يناير كانون الثاني عام 2017",
                &[("يناير كانون الثاني عام 2017", "2017-01")],
            ),
            (
                "يوم الخميس 14 / 10 / 1436هـ",
                &[("يوم الخميس 14 / 10 / 1436هـ", "2015-07-30")],
            ),
            ("وهو في السبعينات من العمر", &[]),
            ("أطلق عام 1435 في المنافذ", &[("عام 1435", "2014")]),
            ("9.5 مليون برميل في اليوم", &[]),
            ("في هذا اليوم ألقى الرئيس خطابا", &[]),
            (
                "أصدر الاتحاد اليوم، الأربعاء برقية",
                &[("اليوم، الأربعاء", "2015-08-05")],
            ),
            ("في تصريح لـ «فبراير» إن", &[]),
            (
                "اليوم الخميس 21 فبراير 2019، في",
                &[("اليوم الخميس 21 فبراير 2019", "2019-02-21")],
            ),
            ("متوفى منذ عام 1404هـ، حيث", &[("عام 1404هـ", "1984")]),
            (
                "في 16 صفر سنة 1355هـ",
                &[("16 صفر سنة 1355هـ", "1936-05-08")],
            ),
        ];
        for (text, want) in cases {
            let got = vals(text, p);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
