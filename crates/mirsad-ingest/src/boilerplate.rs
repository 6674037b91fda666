//! Boilerplate removal on extracted text.
//!
//! Two complementary mechanisms, because neither is enough alone:
//!
//! * [`filter_lines`]: rules for lines that are boilerplate wherever they appear: copyright
//!   notices, "follow us"/subscribe/share prompts, hosting credits, "اقرأ أيضا" teasers, bare site
//!   names, and JavaScript that scrapers leak into text (`googletag.cmd.push(...)`, `adsbygoogle`,
//!   `document.write`). Leaked code is cut out *inside* lines too, since scrapers often glue it to
//!   the first paragraph.
//! * [`BoilerplateTracker`]: learns, per source, lines that recur in several distinct documents
//!   (site slogans, bylines, footers in a language the rules do not know) and drops them from
//!   later documents.
//!
//! Limitation: the tracker only knows what it has seen, so the first `threshold` documents of
//! each source keep their repeated lines; in a streaming design that is the price of not
//! buffering. Memory is bounded by an LRU-ish window per source and a cap on sources.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Longest line the rules treat as a possible prompt/notice; longer lines are real prose even
/// when they contain a trigger word (e.g. "شارك" also means "took part").
const SHORT_LINE: usize = 80;

const CODE_TRIGGERS: &[&str] = &[
    "googletag.",
    "(adsbygoogle",
    "adsbygoogle",
    "document.write",
    "(function",
    "function(",
    "function (",
    "window.",
    "var ",
    "jQuery(",
    "$(document)",
    "_gaq.",
    "fbq(",
    "dataLayer.",
    "ga(",
];

/// Prompts/notices matched at the start of a short line (lower-cased comparison).
const PROMPT_PREFIXES: &[&str] = &[
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "إقرأ أيضا",
    "إقرأ أيضاً",
    "اقرأ ايضا",
    "اقرا ايضا",
    "إقرأ ايضا",
    "اقرأ المزيد",
    "طالع أيضا",
    "طالع أيضاً",
    "شاهد أيضا",
    "شاهد أيضاً",
    "اقرأ كذلك",
    "للمزيد",
    "تابعونا",
    "تابعنا",
    "تابعوا",
    "اشترك",
    "اشتركوا",
    "شارك",
    "شاركها",
    "شارك المقال",
    "شارك الخبر",
    "شارك هذا",
    "أضف تعليق",
    "اضف تعليق",
    "إضافة تعليق",
    "التعليقات",
    "كلمات دلالية",
    "الكلمات المفتاحية",
    "الوسوم",
    "وسوم",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "اخبار ذات صلة",
    "مقالات ذات صلة",
    "حمل تطبيق",
    "حمّل تطبيق",
    "للاشتراك",
    "follow us",
    "follow on",
    "subscribe",
    "share this",
    "share on",
    "read more",
    "read also",
    "related:",
    "tags:",
    "powered by",
    "hosted by",
    "designed by",
    "developed by",
    "all rights",
    "copyright",
    "advertisement",
];

/// Comment-policy disclaimers printed above comment sections; long, but never article text.
const COMMENT_POLICY: &[&str] = &[
    "الآراء الواردة أدناه",
    "لا تعبر عن رأي الموقع",
    "لا تعبر بالضرورة عن رأي",
    "التعليقات قبل نشرها",
    "إرشادات الاستخدام",
    "شروط التعليق",
];

/// Fragments that make a (short) line boilerplate wherever they appear in it.
const NOTICE_PARTS: &[&str] = &[
    "جميع الحقوق محفوظة",
    "كل الحقوق محفوظة",
    "الحقوق محفوظة",
    "©",
    "all rights reserved",
    "feedly",
    "powered by",
    "wordpress",
    "تصميم وتطوير",
    "تصميم و تطوير",
    "اشترك في النشرة",
    "النشرة البريدية",
    "تابعونا على",
    "تابعنا على",
    "تابعوا",
    "عبر فيسبوك",
    "على فيسبوك",
    "على تويتر",
    "على تيليجرام",
    "على واتساب",
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "whatsapp",
    "telegram",
];

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}')
}

/// Cut leaked JavaScript out of a line. Only spans that parse as balanced code (brackets and
/// quotes) are removed; anything ambiguous is left alone so prose is never truncated.
pub fn strip_inline_code(line: &str) -> String {
    let mut s = line.to_string();
    // Bounded passes: each pass removes one span.
    for _ in 0..64 {
        let Some((a, b)) = find_code_span(&s) else {
            break;
        };
        let mut t = String::with_capacity(s.len());
        t.push_str(s[..a].trim_end());
        if !t.is_empty() && b < s.len() {
            t.push(' ');
        }
        t.push_str(s[b..].trim_start());
        s = t;
    }
    s
}

fn find_code_span(s: &str) -> Option<(usize, usize)> {
    let lower = s.to_ascii_lowercase();
    let mut best: Option<(usize, usize)> = None;
    for trig in CODE_TRIGGERS {
        let tl = trig.to_ascii_lowercase();
        let mut from = 0;
        while let Some(pos) = lower[from..].find(&tl) {
            let start = from + pos;
            from = start + tl.len();
            // Word boundary before "var ", "ga(", "window." so "convar " or "omega(" don't count.
            if start > 0 && trig.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                let prev = s[..start].chars().next_back();
                if prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
            }
            if let Some(end) = code_end(s, start) {
                if best.is_none_or(|(a, _)| start < a) {
                    best = Some((start, end));
                }
                break;
            }
        }
    }
    best
}

/// End of a balanced code span starting at `start`, or `None` if it does not look like code.
fn code_end(s: &str, start: usize) -> Option<usize> {
    let mut depth: i32 = 0;
    let mut opened = false;
    let mut quote: Option<char> = None;
    let mut escape = false;
    let mut arabic_outside = 0;
    for (i, c) in s[start..].char_indices() {
        if i > 4000 {
            return None;
        }
        if let Some(q) = quote {
            if escape {
                escape = false;
            } else if c == '\\' {
                escape = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '(' | '{' | '[' => {
                depth += 1;
                opened = true;
            }
            ')' | '}' | ']' => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            ';' if depth == 0 => return Some(start + i + 1),
            c if is_arabic_letter(c) => {
                arabic_outside += 1;
                if arabic_outside > 3 {
                    return None;
                }
            }
            _ => {}
        }
        if opened && depth == 0 && matches!(c, ')' | '}' | ']') {
            // Chained calls (`.push(...)`) and a trailing `;` belong to the statement.
            let rest = &s[start + i + c.len_utf8()..];
            let trimmed = rest.trim_start();
            if trimmed.starts_with('.')
                || trimmed.starts_with(')')
                || trimmed.starts_with(';')
                || trimmed.starts_with('(')
            {
                continue;
            }
            return Some(start + i + c.len_utf8());
        }
    }
    None
}

/// Does the line look like code rather than prose (after inline stripping)?
fn mostly_code(line: &str) -> bool {
    let n = line.chars().count();
    if n == 0 {
        return false;
    }
    let arabic = line.chars().filter(|&c| is_arabic_letter(c)).count();
    let sym = line
        .chars()
        .filter(|c| matches!(c, '{' | '}' | '(' | ')' | ';' | '=' | '<' | '>' | '[' | ']'))
        .count();
    arabic * 4 < n && sym * 12 >= n
}

/// A bare domain / site banner such as `AHDATH.INFO` or `www.example.com`.
fn is_site_banner(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    (4..=40).contains(&n)
        && t.contains('.')
        && !t.contains(' ')
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | ':'))
        && t.chars().any(|c| c.is_ascii_alphabetic())
}

/// Why a line is boilerplate, or `None` when it is content.
pub fn line_rule(line: &str) -> Option<&'static str> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    let n = t.chars().count();
    let lower = t.to_lowercase();
    if mostly_code(t) {
        return Some("code");
    }
    if is_site_banner(t) {
        return Some("site banner");
    }
    if n <= 300 {
        for p in [
            "اقرأ أيضا",
            "اقرأ أيضاً",
            "إقرأ أيضا",
            "إقرأ أيضاً",
            "اقرأ ايضا",
            "طالع أيضا",
            "شاهد أيضا",
        ] {
            if lower.starts_with(p) {
                return Some("read-also teaser");
            }
        }
    }
    if n <= 500 && COMMENT_POLICY.iter().any(|p| t.contains(p)) {
        return Some("comment policy");
    }
    if n <= SHORT_LINE {
        for p in PROMPT_PREFIXES {
            if lower.starts_with(p) {
                // "شارك" as a verb starts real sentences; a prompt is short.
                let words = t.split_whitespace().count();
                if words <= 4 {
                    return Some("prompt");
                }
            }
        }
    }
    if n <= 200 {
        for p in NOTICE_PARTS {
            if lower.contains(p) {
                // Social-network names are notices only in short lines.
                let social = matches!(
                    *p,
                    "facebook"
                        | "twitter"
                        | "instagram"
                        | "youtube"
                        | "whatsapp"
                        | "telegram"
                        | "تابعوا"
                );
                if !social || n <= 60 {
                    return Some("notice");
                }
            }
        }
    }
    None
}

/// Apply the rules to every line: strip leaked code, drop boilerplate lines.
/// Returns the cleaned text and the removed lines (for warnings and evaluation).
pub fn filter_lines(text: &str) -> (String, Vec<String>) {
    let mut kept: Vec<String> = Vec::new();
    let mut removed = Vec::new();
    for line in text.lines() {
        let stripped = if CODE_TRIGGERS
            .iter()
            .any(|t| line.contains(t.trim_end_matches('.')))
            || line.to_ascii_lowercase().contains("function")
        {
            let s = strip_inline_code(line);
            if s.len() != line.len() {
                removed.push(format!("code: {}", truncate(line, 80)));
            }
            s
        } else {
            line.to_string()
        };
        let t = stripped.trim();
        if t.is_empty() {
            continue;
        }
        match line_rule(t) {
            Some(why) => removed.push(format!("{why}: {}", truncate(t, 80))),
            None => kept.push(t.to_string()),
        }
    }
    (kept.join("\n"), removed)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

fn hash<T: Hash + ?Sized>(t: &T) -> u64 {
    let mut h = DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

fn norm_line(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shortest line the tracker considers.
const MIN_TRACKED: usize = 10;

struct LineState {
    /// Distinct documents (by content hash) the line was seen in, capped at the threshold:
    /// exact duplicate articles must not make their own sentences look like boilerplate.
    docs: Vec<u64>,
    last_seen: u64,
}

struct SourceState {
    lines: HashMap<u64, LineState>,
    last_used: u64,
}

/// Cross-document repeated-line detector, per source.
pub struct BoilerplateTracker {
    threshold: usize,
    max_lines: usize,
    max_sources: usize,
    tick: u64,
    sources: HashMap<String, SourceState>,
}

impl BoilerplateTracker {
    /// `threshold`: a line seen in this many distinct earlier documents of a source is
    /// boilerplate. `max_lines`: lines remembered per source (least recently seen are forgotten).
    pub fn new(threshold: usize, max_lines: usize) -> Self {
        BoilerplateTracker {
            threshold: threshold.max(1),
            max_lines: max_lines.max(16),
            max_sources: 1024,
            tick: 0,
            sources: HashMap::new(),
        }
    }

    /// Remove learned boilerplate from `text` and learn from it. Returns cleaned text and removed
    /// lines. Lines shorter than 10 or longer than 300 characters are never treated as
    /// repeated boilerplate.
    pub fn process(&mut self, source: &str, text: &str) -> (String, Vec<String>) {
        self.tick += 1;
        let tick = self.tick;
        if !self.sources.contains_key(source) && self.sources.len() >= self.max_sources {
            if let Some(oldest) = self
                .sources
                .iter()
                .min_by_key(|(_, s)| s.last_used)
                .map(|(k, _)| k.clone())
            {
                self.sources.remove(&oldest);
            }
        }
        let st = self
            .sources
            .entry(source.to_string())
            .or_insert_with(|| SourceState {
                lines: HashMap::new(),
                last_used: tick,
            });
        st.last_used = tick;
        let doc_hash = hash(text);
        let mut kept = Vec::new();
        let mut removed = Vec::new();
        for line in text.lines() {
            let norm = norm_line(line);
            if norm.is_empty() {
                continue;
            }
            let n = norm.chars().count();
            // Long lines are prose; very short ones are mostly datelines and bylines ("سلا",
            // "و م ع", "خاص") that carry information even when they repeat.
            if !(MIN_TRACKED..=300).contains(&n) {
                kept.push(line.trim().to_string());
                continue;
            }
            let key = hash(&norm);
            let ls = st.lines.entry(key).or_insert_with(|| LineState {
                docs: Vec::new(),
                last_seen: tick,
            });
            ls.last_seen = tick;
            if ls.docs.len() >= self.threshold {
                removed.push(format!("repeated: {}", truncate(&norm, 80)));
            } else {
                if !ls.docs.contains(&doc_hash) {
                    ls.docs.push(doc_hash);
                }
                kept.push(line.trim().to_string());
            }
        }
        if st.lines.len() > self.max_lines {
            // Forget the least recently seen quarter; amortised O(1) per line.
            let mut ages: Vec<u64> = st.lines.values().map(|l| l.last_seen).collect();
            let cut_idx = ages.len() / 4;
            ages.select_nth_unstable(cut_idx);
            let cutoff = ages[cut_idx];
            st.lines.retain(|_, l| l.last_seen > cutoff);
        }
        (kept.join("\n"), removed)
    }
}

impl Default for BoilerplateTracker {
    fn default() -> Self {
        BoilerplateTracker::new(3, 50_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_leaked_ad_code() {
        let t = "googletag.cmd.push(function() { googletag.display('div-gpt-ad-1546942376253-0'); });    تمكنت دورية من إلقاء القبض على متهم. م.م        googletag.cmd.push(function() { googletag.display('div-gpt-ad-1546942685971-0'); });";
        let (out, removed) = filter_lines(t);
        assert_eq!(out, "تمكنت دورية من إلقاء القبض على متهم. م.م");
        assert!(!removed.is_empty());
        let t2 = "(adsbygoogle = window.adsbygoogle || []).push({});\nنص الخبر هنا";
        assert_eq!(filter_lines(t2).0, "نص الخبر هنا");
    }

    #[test]
    fn rules() {
        assert!(line_rule("جميع الحقوق محفوظة © 2020").is_some());
        assert!(line_rule("اقرأ أيضا: الحكومة تعلن عن إجراءات جديدة").is_some());
        assert!(line_rule("تابعونا على فيسبوك").is_some());
        assert!(line_rule("AHDATH.INFO").is_some());
        assert!(line_rule("Follow us in feedly").is_some());
        assert!(line_rule("شارك").is_some());
        assert!(
            line_rule("شارك وزير الخارجية في اجتماع القمة العربية الذي عقد في القاهرة أمس")
                .is_none()
        );
        assert!(line_rule("قالت الوزارة إن عدد الإصابات ارتفع").is_none());
        assert!(line_rule("var x = {a: 1}; function(){ return 2; }").is_some());
    }

    #[test]
    fn tracker_learns_repeats_not_duplicates() {
        let mut t = BoilerplateTracker::new(2, 100);
        let doc = |i: usize| format!("موقع الأخبار الأول\nخبر رقم {i} عن موضوع مختلف");
        assert_eq!(t.process("s", &doc(1)).1.len(), 0);
        assert_eq!(t.process("s", &doc(2)).1.len(), 0);
        let (out, rem) = t.process("s", &doc(3));
        assert_eq!(rem.len(), 1);
        assert_eq!(out, "خبر رقم 3 عن موضوع مختلف");
        // Other sources are unaffected.
        assert_eq!(t.process("other", &doc(4)).1.len(), 0);
        // Exact duplicates do not count as distinct documents.
        let mut t = BoilerplateTracker::new(2, 100);
        for _ in 0..5 {
            assert!(t.process("s", "نفس النص\nسطر ثان").1.is_empty());
        }
    }

    #[test]
    fn tracker_memory_is_bounded() {
        let mut t = BoilerplateTracker::new(2, 100);
        for i in 0..10_000 {
            t.process("s", &format!("سطر {i}\nسطر آخر {i}"));
        }
        assert!(t.sources["s"].lines.len() <= 101);
    }
}
