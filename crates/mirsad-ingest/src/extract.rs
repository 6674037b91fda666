//! Main-text and metadata extraction from news HTML.
//!
//! The approach is Readability-style scoring, adapted to Arabic pages:
//!
//! * subtrees that are never article text (scripts, navigation, form controls, and elements whose
//!   class/id tokens say `nav`, `menu`, `share`, `related`, `comment`, `widget`, `ad`, …) are cut
//!   before anything is measured, unless they also carry a content hint (`article`, `content`,
//!   `entry`, `story`, `articleBody`, …);
//! * every paragraph-like block (its own inline text, not its nested blocks) earns a score from
//!   its length, its commas (Latin and Arabic) and its share of Arabic letters, discounted by its
//!   link density; the score flows to the block itself, its parent and (halved) grandparent;
//! * the best container wins after class/id and `<article>`/`itemprop=articleBody` bonuses, and
//!   qualifying siblings are merged back, because many CMSs split one article over several
//!   sibling `div`s;
//! * the winner is rendered block by block, one paragraph per line, dropping link-list blocks.
//!
//! Every walk over the DOM is iterative, so arbitrarily deep documents cannot overflow the stack.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use crate::dates::{date_from_url, normalize_date};

/// What was found in one HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Main text, one paragraph per line.
    pub text: String,
    pub title: Option<String>,
    /// ISO date (`YYYY-MM-DD`, or a full ISO timestamp when the page gave one).
    pub published: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, `og:url`), else the URL the page was fetched from.
    pub url: Option<String>,
    /// `og:site_name`, used as the source when nothing better is known.
    pub site_name: Option<String>,
    /// The page's `<html lang>`; informative only (pages lie about it).
    pub lang_attr: Option<String>,
}

/// Tags whose subtrees never hold article text. `form` is deliberately absent: ASP.NET sites wrap
/// the whole page in one.
const DROP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "math",
    "button",
    "select",
    "option",
    "textarea",
    "input",
    "nav",
    "footer",
    "aside",
    "head",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
    "dialog",
    "menu",
    "label",
    "figcaption",
    "link",
    "meta",
    "title",
];

/// Tags that start a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "figure",
    "address",
    "center",
    "hr",
    "br",
    "body",
    "html",
    "details",
    "summary",
    "caption",
];

/// class/id tokens that mark boilerplate containers.
const NEG_TOKENS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "mainmenu",
    "submenu",
    "footer",
    "foot",
    "share",
    "sharing",
    "shares",
    "social",
    "socials",
    "related",
    "relatedposts",
    "comment",
    "comments",
    "sidebar",
    "side",
    "widget",
    "widgets",
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "tags",
    "tag",
    "tagcloud",
    "popup",
    "modal",
    "cookie",
    "cookies",
    "newsletter",
    "subscribe",
    "promo",
    "sponsor",
    "sponsored",
    "outbrain",
    "taboola",
    "toolbar",
    "pagination",
    "pager",
    "rss",
    "popular",
    "mostread",
    "most",
    "trending",
    "topbar",
    "masthead",
    "copyright",
    "login",
    "signup",
    "search",
    "print",
    "dfp",
    "gpt",
    "disqus",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "breaking",
    "ticker",
    "marquee",
    "author",
    "byline",
    "meta",
    "caption",
    "more",
    "readmore",
    "also",
    "recommended",
    "video",
    "gallery",
    "slider",
    "carousel",
    "weather",
    "prayer",
    "header",
];

/// Prefixes that mark boilerplate even inside longer tokens (`sharebar`, `commentlist`, …).
const NEG_PREFIXES: &[&str] = &[
    "share",
    "social",
    "comment",
    "related",
    "sidebar",
    "widget",
    "advert",
    "footer",
    "breadcrumb",
    "newsletter",
    "sponsor",
    "outbrain",
    "taboola",
    "navbar",
    "menu",
    "banner",
    "popular",
];

/// class/id tokens that mark article containers.
const POS_TOKENS: &[&str] = &[
    "article",
    "articlebody",
    "content",
    "entry",
    "entrycontent",
    "post",
    "postcontent",
    "story",
    "text",
    "body",
    "main",
    "news",
    "detail",
    "details",
    "newsdetails",
    "articletext",
    "articlecontent",
    "storybody",
    "maincontent",
    "itemfulltext",
    "fulltext",
    "single",
    "blog",
    "newsbody",
    "contentbody",
    "txt",
    "paragraph",
];

fn tokens(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_ascii_lowercase())
}

/// +1 content hint, -1 boilerplate hint, 0 neither (or both, content wins over a single
/// boilerplate token such as `article-sidebar-free`).
fn class_hint(el: &scraper::node::Element) -> i32 {
    let mut neg = 0;
    let mut pos = 0;
    let mut hay = String::new();
    if let Some(c) = el.attr("class") {
        hay.push_str(c);
        hay.push(' ');
    }
    if let Some(i) = el.attr("id") {
        hay.push_str(i);
    }
    if hay.len() > 500 {
        hay.truncate(hay.floor_char_boundary_compat(500));
    }
    // Joined forms (`article-body` -> `articlebody`) as well as single tokens.
    let toks: Vec<String> = tokens(&hay).collect();
    let mut joined: Vec<String> = Vec::new();
    for w in toks.windows(2) {
        joined.push(format!("{}{}", w[0], w[1]));
    }
    for t in toks.iter().chain(joined.iter()) {
        if POS_TOKENS.contains(&t.as_str()) {
            pos += 1;
        }
        if NEG_TOKENS.contains(&t.as_str()) || NEG_PREFIXES.iter().any(|p| t.starts_with(p)) {
            neg += 1;
        }
    }
    if let Some(ip) = el.attr("itemprop") {
        if ip.eq_ignore_ascii_case("articleBody") || ip.eq_ignore_ascii_case("text") {
            pos += 2;
        }
    }
    match (pos > 0, neg > 0) {
        (true, false) => 1,
        (false, true) => -1,
        (true, true) if pos > neg => 1,
        (true, true) if neg > pos => -1,
        _ => 0,
    }
}

trait FloorCompat {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}
impl FloorCompat for String {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        if i >= self.len() {
            return self.len();
        }
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    chars: u32,
    link_chars: u32,
    arabic: u32,
    /// Own inline text of a block (not in nested blocks).
    own_chars: u32,
    own_link: u32,
    own_commas: u32,
    own_arabic: u32,
    score: f64,
    excluded: bool,
    block: bool,
    hint: i32,
}

fn elem_name<'a>(n: &NodeRef<'a, Node>) -> Option<&'a str> {
    match n.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn drop_element(e: &scraper::node::Element, hint: i32) -> bool {
    let name = e.name();
    if DROP_TAGS.contains(&name) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = e.attr("role") {
        if matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "search"
        ) {
            return true;
        }
    }
    // Never drop the document skeleton on a hint.
    if matches!(name, "html" | "body" | "main") || name == "article" {
        return false;
    }
    hint < 0
}

/// Extract main text and metadata. `page_url` (e.g. the WARC target URI) helps date and URL
/// fallbacks.
pub fn extract_html(html: &str, page_url: Option<&str>) -> Extracted {
    let html = cap_depth(html, MAX_DEPTH);
    let doc = Html::parse_document(&html);
    let mut out = Extracted::default();
    meta(&doc, page_url, &mut out);
    out.text = main_text(&doc);
    if out.published.is_none() {
        out.published = page_url.and_then(date_from_url);
    }
    if out.published.is_none() {
        out.published = date_in_text_elements(&doc);
    }
    out
}

/// Deepest element nesting handed to the HTML parser.
const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command",
];
/// Elements the parser closes implicitly; they do not nest in practice, so they are not counted.
const AUTO_CLOSED: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp",
];
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "noscript",
    "iframe",
    "plaintext",
];

/// html5ever checks scopes by walking the stack of open elements, which makes absurdly deep
/// documents quadratic (40,000 nested `div`s take seconds). Real pages nest a few dozen levels,
/// so tags beyond `max` levels are removed (their text stays) by a linear pre-scan. Returns the
/// input untouched in the common case.
fn cap_depth(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    // Pass 1: is there anything to do?
    if scan_depth(b, max, None) <= max {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = Vec::with_capacity(b.len());
    scan_depth(b, max, Some(&mut out));
    // Only whole tags were removed, at ASCII boundaries, so the result is valid UTF-8.
    std::borrow::Cow::Owned(
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// Approximate tag-nesting scan. Returns the maximum depth seen; with `out`, copies the input
/// minus start tags opened beyond `max` and their matching end tags.
fn scan_depth(b: &[u8], max: usize, mut out: Option<&mut Vec<u8>>) -> usize {
    let mut depth = 0usize;
    let mut excess = 0usize;
    let mut max_seen = 0usize;
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if b[i..].starts_with(b"<!--") {
            i = find_from(b, i + 4, b"-->")
                .map(|j| j + 3)
                .unwrap_or(b.len());
            continue;
        }
        let close = b.get(i + 1) == Some(&b'/');
        let name_start = i + 1 + close as usize;
        let mut j = name_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        if j == name_start || !b[name_start].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let name = String::from_utf8_lossy(&b[name_start..j]).to_ascii_lowercase();
        // End of the tag, honouring quoted attribute values.
        let mut k = j;
        let mut quote = 0u8;
        while k < b.len() {
            let c = b[k];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                quote = c;
            } else if c == b'>' {
                break;
            }
            k += 1;
        }
        let end = (k + 1).min(b.len());
        let self_closing = k > 0 && k <= b.len() && b.get(k.wrapping_sub(1)) == Some(&b'/');
        let mut drop = false;
        if !close && RAW_TEXT.contains(&name.as_str()) {
            // Skip raw text up to the matching end tag.
            let close_tag = format!("</{name}");
            let lower_end = find_ci(b, end, close_tag.as_bytes()).unwrap_or(b.len());
            i = lower_end;
            continue;
        }
        if VOID.contains(&name.as_str()) || self_closing || AUTO_CLOSED.contains(&name.as_str()) {
            // Not counted.
        } else if close {
            if excess > 0 {
                excess -= 1;
                drop = true;
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if depth >= max {
            excess += 1;
            max_seen = max_seen.max(depth + excess);
            drop = true;
        } else {
            depth += 1;
            max_seen = max_seen.max(depth);
        }
        if drop {
            if let Some(o) = out.as_deref_mut() {
                o.extend_from_slice(&b[copied..i]);
                o.push(b' ');
                copied = end;
            }
        }
        i = end;
    }
    if let Some(o) = out {
        o.extend_from_slice(&b[copied.min(b.len())..]);
    }
    max_seen
}

fn find_from(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

fn collapse_ws(s: &str, out: &mut String) {
    let mut prev_space = out.is_empty() || out.ends_with(' ');
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
            if !prev_space {
                out.push(' ');
                prev_space = true;
            }
        } else {
            out.push(c);
            prev_space = false;
        }
    }
}

fn main_text(doc: &Html) -> String {
    let root = doc.tree.root();
    let mut stats: HashMap<NodeId, Stats> = HashMap::new();
    // Pass 1: exclusion, per-element text stats, own-text stats of blocks.
    let mut excluded_depth = 0usize;
    let mut link_depth = 0usize;
    let mut block_stack: Vec<NodeId> = Vec::new();
    let mut elem_stack: Vec<NodeId> = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    if excluded_depth > 0 {
                        excluded_depth += 1;
                        continue;
                    }
                    let hint = class_hint(e);
                    let name = e.name();
                    if drop_element(e, hint) {
                        excluded_depth = 1;
                        stats.insert(
                            n.id(),
                            Stats {
                                excluded: true,
                                ..Default::default()
                            },
                        );
                        continue;
                    }
                    let block = BLOCK_TAGS.contains(&name);
                    stats.insert(
                        n.id(),
                        Stats {
                            block,
                            hint,
                            ..Default::default()
                        },
                    );
                    elem_stack.push(n.id());
                    if block {
                        block_stack.push(n.id());
                    }
                    if name == "a" {
                        link_depth += 1;
                    }
                }
                Node::Text(t) if excluded_depth == 0 => {
                    let mut chars = 0u32;
                    let mut arabic = 0u32;
                    let mut commas = 0u32;
                    for c in t.chars() {
                        if !c.is_whitespace() {
                            chars += 1;
                            if is_arabic(c) {
                                arabic += 1;
                            }
                            if matches!(c, ',' | '،' | '؛' | ';') {
                                commas += 1;
                            }
                        }
                    }
                    let linked = if link_depth > 0 { chars } else { 0 };
                    for id in &elem_stack {
                        if let Some(s) = stats.get_mut(id) {
                            s.chars += chars;
                            s.link_chars += linked;
                            s.arabic += arabic;
                        }
                    }
                    if let Some(s) = block_stack.last().and_then(|id| stats.get_mut(id)) {
                        s.own_chars += chars;
                        s.own_link += linked;
                        s.own_commas += commas;
                        s.own_arabic += arabic;
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if excluded_depth > 0 {
                        excluded_depth -= 1;
                        continue;
                    }
                    if elem_stack.last() == Some(&n.id()) {
                        elem_stack.pop();
                    }
                    if block_stack.last() == Some(&n.id()) {
                        block_stack.pop();
                    }
                    if e.name() == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                }
            }
        }
    }

    // Pass 2: score blocks and propagate.
    let mut adds: Vec<(NodeId, f64)> = Vec::new();
    for (id, s) in stats.iter() {
        if s.excluded || !s.block || s.own_chars < 25 {
            continue;
        }
        let ld = s.own_link as f64 / s.own_chars.max(1) as f64;
        if ld > 0.5 {
            continue;
        }
        let arabic_share = s.own_arabic as f64 / s.own_chars.max(1) as f64;
        let mut score = 1.0 + s.own_commas.min(30) as f64 + (s.own_chars as f64 / 100.0).min(3.0);
        score *= 1.0 - ld;
        score *= 0.5 + arabic_share.min(1.0) * 0.5;
        let Some(node) = doc.tree.get(*id) else {
            continue;
        };
        adds.push((*id, score));
        let mut cur = node.parent();
        let mut factor = 1.0;
        for _ in 0..2 {
            let Some(p) = cur else { break };
            if matches!(p.value(), Node::Element(_)) {
                adds.push((p.id(), score * factor));
            }
            factor /= 2.0;
            cur = p.parent();
        }
    }
    for (id, sc) in adds {
        if let Some(s) = stats.get_mut(&id) {
            s.score += sc;
        }
    }

    // Pass 3: pick the best container, in document order so ties prefer the deeper node.
    let mut best: Option<(NodeId, f64)> = None;
    let final_score = |n: &NodeRef<Node>, s: &Stats| -> f64 {
        let ld = s.link_chars as f64 / s.chars.max(1) as f64;
        let mut v = s.score * (1.0 - ld);
        v += s.hint as f64 * 10.0;
        if let Node::Element(e) = n.value() {
            if e.name() == "article" {
                v += 8.0;
            }
            if e.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
            {
                v += 25.0;
            }
        }
        v
    };
    for n in root.descendants() {
        let Some(s) = stats.get(&n.id()) else {
            continue;
        };
        if s.excluded || s.score <= 0.0 {
            continue;
        }
        let v = final_score(&n, s);
        if best.is_none_or(|(_, b)| v >= b) {
            best = Some((n.id(), v));
        }
    }

    let mut selected: Vec<NodeId> = Vec::new();
    match best.and_then(|(id, v)| doc.tree.get(id).map(|n| (n, v))) {
        Some((top, top_score)) => {
            let threshold = (top_score * 0.2).max(10.0);
            if let Some(parent) = top.parent() {
                for sib in parent.children() {
                    if sib.id() == top.id() {
                        selected.push(sib.id());
                        continue;
                    }
                    let Some(s) = stats.get(&sib.id()) else {
                        continue;
                    };
                    if s.excluded {
                        continue;
                    }
                    let ld = s.link_chars as f64 / s.chars.max(1) as f64;
                    let v = final_score(&sib, s);
                    let is_p = elem_name(&sib) == Some("p");
                    if (v >= threshold && ld < 0.3) || (is_p && s.chars > 80 && ld < 0.25) {
                        selected.push(sib.id());
                    }
                }
            } else {
                selected.push(top.id());
            }
        }
        None => selected.push(root.id()),
    }

    let mut paras: Vec<String> = Vec::new();
    for id in selected {
        if let Some(n) = doc.tree.get(id) {
            render(n, &stats, &mut paras);
        }
    }
    paras.join("\n")
}

/// Render a subtree as paragraphs, skipping excluded subtrees and link lists.
fn render(top: NodeRef<Node>, stats: &HashMap<NodeId, Stats>, paras: &mut Vec<String>) {
    let mut buf = String::new();
    let mut buf_link = 0usize;
    let mut link_depth = 0usize;
    let mut skip_depth = 0usize;
    let flush = |buf: &mut String, buf_link: &mut usize, paras: &mut Vec<String>| {
        let t = buf.trim();
        if !t.is_empty() {
            let n = t.chars().filter(|c| !c.is_whitespace()).count();
            let ld = *buf_link as f64 / n.max(1) as f64;
            // Link lists (menus, "read also" lists) and lone links are navigation, not text.
            if ld < 0.5 {
                paras.push(t.to_string());
            }
        }
        buf.clear();
        *buf_link = 0;
    };
    for edge in top.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    if skip_depth > 0 {
                        skip_depth += 1;
                        continue;
                    }
                    let name = e.name();
                    let excluded = stats.get(&n.id()).is_none_or(|s| s.excluded);
                    if excluded || name == "h1" {
                        skip_depth = 1;
                        continue;
                    }
                    if BLOCK_TAGS.contains(&name) {
                        flush(&mut buf, &mut buf_link, paras);
                    }
                    if name == "a" {
                        link_depth += 1;
                    }
                    if name == "img" {
                        buf.push(' ');
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    let before = buf.len();
                    collapse_ws(t, &mut buf);
                    if link_depth > 0 {
                        buf_link += buf[before..].chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    let name = e.name();
                    if name == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if BLOCK_TAGS.contains(&name) {
                        flush(&mut buf, &mut buf_link, paras);
                    }
                }
            }
        }
    }
    flush(&mut buf, &mut buf_link, paras);
}

fn attr_lower(e: &scraper::node::Element, name: &str) -> Option<String> {
    e.attr(name).map(|v| v.trim().to_ascii_lowercase())
}

/// Meta names/properties that carry the publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "publish_date",
    "publish-date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "article.published",
    "originalpublicationdate",
    "release_date",
    "cxenseparse:recs:publishtime",
    "date",
    "dc.date",
    "dcterms.date",
    "created",
];

fn meta(doc: &Html, page_url: Option<&str>, out: &mut Extracted) {
    let mut og_title = None;
    let mut title_tag = None;
    let mut h1 = None;
    let mut canonical = None;
    let mut og_url = None;
    let mut date_meta: Vec<(usize, String)> = Vec::new();
    let mut jsonld_date: Option<String> = None;
    let mut time_date: Option<String> = None;
    let mut itemprop_date: Option<String> = None;
    for n in doc.tree.root().descendants() {
        let Node::Element(e) = n.value() else {
            continue;
        };
        match e.name() {
            "html" if out.lang_attr.is_none() => {
                out.lang_attr = e.attr("lang").map(|s| s.trim().to_string());
            }
            "meta" => {
                let key = attr_lower(e, "property")
                    .or_else(|| attr_lower(e, "name"))
                    .or_else(|| attr_lower(e, "itemprop"))
                    .or_else(|| attr_lower(e, "http-equiv"));
                let Some(key) = key else { continue };
                let content = e
                    .attr("content")
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default();
                if content.is_empty() {
                    continue;
                }
                match key.as_str() {
                    "og:title" | "twitter:title" if og_title.is_none() => og_title = Some(content),
                    "og:url" if og_url.is_none() => og_url = Some(content),
                    "og:site_name" if out.site_name.is_none() => out.site_name = Some(content),
                    k => {
                        if let Some(rank) = DATE_META.iter().position(|d| *d == k) {
                            date_meta.push((rank, content));
                        }
                    }
                }
            }
            "link" => {
                let rel = attr_lower(e, "rel").unwrap_or_default();
                if rel.split_whitespace().any(|r| r == "canonical") && canonical.is_none() {
                    canonical = e
                        .attr("href")
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty());
                }
            }
            "title" if title_tag.is_none() => {
                let t = text_of(n, 1000);
                if !t.is_empty() {
                    title_tag = Some(t);
                }
            }
            "h1" if h1.is_none() => {
                let t = text_of(n, 1000);
                if t.chars().count() >= 5 {
                    h1 = Some(t);
                }
            }
            "script" => {
                let ty = attr_lower(e, "type").unwrap_or_default();
                if ty == "application/ld+json" && jsonld_date.is_none() {
                    let raw: String = n
                        .children()
                        .filter_map(|c| match c.value() {
                            Node::Text(t) => Some(&**t),
                            _ => None,
                        })
                        .collect();
                    jsonld_date = jsonld_published(&raw);
                }
            }
            "time" if time_date.is_none() => {
                let v = e
                    .attr("datetime")
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| text_of(n, 200));
                time_date = normalize_date(&v);
            }
            _ => {}
        }
        if itemprop_date.is_none()
            && e.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            && e.name() != "meta"
        {
            let v = e
                .attr("content")
                .or_else(|| e.attr("datetime"))
                .map(|s| s.to_string())
                .unwrap_or_else(|| text_of(n, 200));
            itemprop_date = normalize_date(&v);
        }
    }
    date_meta.sort_by_key(|(r, _)| *r);
    out.published = jsonld_date
        .or_else(|| date_meta.iter().find_map(|(_, v)| normalize_date(v)))
        .or(itemprop_date)
        .or(time_date);

    let site = out.site_name.clone();
    out.title = og_title
        .map(|t| strip_site(&t, site.as_deref()))
        .or(h1)
        .or_else(|| title_tag.map(|t| strip_site(&t, site.as_deref())))
        .filter(|t| !t.is_empty());

    let base = page_url.map(str::to_string);
    out.url = canonical
        .or(og_url)
        .map(|u| absolutize(&u, base.as_deref()))
        .filter(|u| u.starts_with("http"))
        .or(base);
}

fn absolutize(u: &str, base: Option<&str>) -> String {
    if u.starts_with("//") {
        return format!("https:{u}");
    }
    if u.starts_with('/') {
        if let Some(b) = base {
            if let Some(i) = b.find("://") {
                let host_end = b[i + 3..].find('/').map(|j| i + 3 + j).unwrap_or(b.len());
                return format!("{}{}", &b[..host_end], u);
            }
        }
    }
    u.to_string()
}

/// Text content of a node (iterative), whitespace-collapsed, at most `max` chars.
fn text_of(n: NodeRef<Node>, max: usize) -> String {
    let mut s = String::new();
    for d in n.descendants() {
        if let Node::Text(t) = d.value() {
            collapse_ws(t, &mut s);
            if s.len() > max * 4 {
                break;
            }
        }
    }
    let t = s.trim();
    t.chars().take(max).collect()
}

/// Drop a trailing (or leading) site name: `Title | Site`, `Site - Title`.
fn strip_site(t: &str, site: Option<&str>) -> String {
    let t = t.trim();
    for sep in [
        " | ", " - ", " – ", " — ", " :: ", " « ", " » ", " || ", " ـ ",
    ] {
        if let Some((a, b)) = t.rsplit_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            let is_site =
                |x: &str| site.is_some_and(|s| !s.is_empty() && (x.contains(s) || s.contains(x)));
            if is_site(b) || (b.chars().count() * 3 < a.chars().count() && b.chars().count() <= 30)
            {
                return a.to_string();
            }
            if is_site(a) {
                return b.to_string();
            }
        }
    }
    t.to_string()
}

/// The first `datePublished` (else `dateCreated`) anywhere in a JSON-LD block.
fn jsonld_published(raw: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(raw.trim()).ok()?;
    for key in ["datePublished", "dateCreated", "uploadDate"] {
        let mut stack = vec![&v];
        while let Some(x) = stack.pop() {
            match x {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::String(s)) = m.get(key) {
                        if let Some(d) = normalize_date(s) {
                            return Some(d);
                        }
                    }
                    stack.extend(m.values());
                }
                serde_json::Value::Array(a) => stack.extend(a.iter()),
                _ => {}
            }
        }
    }
    None
}

/// Last resort: a date written in an element whose class/id says date/time/publish.
fn date_in_text_elements(doc: &Html) -> Option<String> {
    for n in doc.tree.root().descendants() {
        let Node::Element(e) = n.value() else {
            continue;
        };
        let mut hay = String::new();
        if let Some(c) = e.attr("class") {
            hay.push_str(c);
        }
        if let Some(i) = e.attr("id") {
            hay.push(' ');
            hay.push_str(i);
        }
        let dateish = tokens(&hay).any(|t| {
            t == "dat"
                || t.starts_with("date")
                || t.starts_with("time")
                || t.ends_with("date")
                || t.contains("publish")
                || t.contains("created")
                || t.contains("posted")
        });
        if dateish {
            let t = text_of(n, 200);
            if t.chars().count() <= 120 {
                if let Some(d) = normalize_date(&t) {
                    return Some(d);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_article_over_boilerplate() {
        let html = r#"<html lang="ar"><head><title>عنوان الخبر | الموقع</title>
        <meta property="article:published_time" content="2020-03-17T10:00:00+02:00">
        <link rel="canonical" href="https://ex.com/a/1"></head><body>
        <nav><a href="/">الرئيسية</a> <a href="/x">سياسة</a></nav>
        <div class="main-content"><h1>عنوان الخبر</h1>
        <p>قالت وزارة الصحة اليوم، في بيان رسمي، إن عدد الإصابات ارتفع إلى ثلاثين حالة جديدة في البلاد.</p>
        <p>وأضافت الوزارة أن الحالات الجديدة تخضع للعزل الصحي، وأن فرق الرصد تتابع المخالطين.</p>
        <div class="share-buttons">شارك على فيسبوك تويتر</div></div>
        <div class="related"><a href="/1">خبر آخر طويل جدا جدا جدا عن موضوع آخر</a></div>
        <footer>جميع الحقوق محفوظة</footer></body></html>"#;
        let x = extract_html(html, None);
        assert_eq!(x.published.as_deref(), Some("2020-03-17T10:00:00+02:00"));
        assert_eq!(x.url.as_deref(), Some("https://ex.com/a/1"));
        assert_eq!(x.title.as_deref(), Some("عنوان الخبر"));
        let lines: Vec<&str> = x.text.lines().collect();
        assert_eq!(lines.len(), 2, "{}", x.text);
        assert!(lines[0].starts_with("قالت وزارة"));
    }

    #[test]
    fn empty_and_garbage() {
        assert_eq!(extract_html("", None).text, "");
        let _ = extract_html("<<<>>>\u{0}<p", None);
        let _ = extract_html("<script>document.write('x')</script>", None);
    }

    #[test]
    fn depth_cap_keeps_text_and_shallow_pages() {
        let shallow = "<div><p>a<script>if (a<b) {}</script></div>";
        assert!(matches!(
            cap_depth(shallow, 4),
            std::borrow::Cow::Borrowed(_)
        ));
        let deep = "<div><div><div>x</div></div></div>";
        let capped = cap_depth(deep, 2);
        assert_eq!(capped, "<div><div> x </div></div>");
        let quoted = "<div title='>'><div>y</div></div>";
        assert_eq!(cap_depth(quoted, 1), "<div title='>'> y </div>");
    }

    #[test]
    fn deep_nesting_no_overflow() {
        let mut s = String::new();
        for _ in 0..10_000 {
            s.push_str("<div>");
        }
        s.push_str("<p>نص عربي طويل بما يكفي ليكون فقرة حقيقية في هذه الصفحة العميقة جدا.</p>");
        let x = extract_html(&s, None);
        assert!(x.text.contains("نص عربي"));
    }
}
