//! The analysis of one document, field for field as `shared/schema/analysis.schema.json` defines it.
//! Optional fields that a stage has not filled are omitted from the JSON, except the nullable
//! metadata fields that the schema lists, which serialise as `null`.

use serde::{Deserialize, Serialize};

/// A span of the document text, in code points, end-exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end,
            text: None,
        }
    }
    pub fn with_text(start: usize, end: usize, text: impl Into<String>) -> Self {
        Span {
            start,
            end,
            text: Some(text.into()),
        }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// What a token is, as the tokenizer saw it. An optional extension field of the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    Word,
    Latin,
    Number,
    Punct,
    Symbol,
    Url,
    Email,
    Hashtag,
    Mention,
    Date,
}

/// A token or syntactic word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub form: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub norm: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TokenKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lemma: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upos: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feats: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprel: Option<String>,
}

impl Token {
    pub fn new(start: usize, end: usize, form: impl Into<String>, kind: TokenKind) -> Self {
        Token {
            start,
            end,
            form: form.into(),
            norm: None,
            kind: Some(kind),
            lemma: None,
            upos: None,
            feats: None,
            head: None,
            deprel: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityLabel {
    PER,
    ORG,
    LOC,
    GPE,
    MISC,
}

/// An entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: EntityLabel,
    /// Id of the linked entry in `actors`; serialised as `null` when unlinked.
    #[serde(default)]
    pub actor_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Person,
    State,
    Organization,
    ArmedGroup,
    Igo,
    Opposition,
    EthnicGroup,
    Location,
    Other,
}

/// A distinct actor linked in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_ar: Option<String>,
    pub kind: ActorKind,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub wikidata: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_kb: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions: Option<u32>,
}

/// A reference to an actor from an event or quote.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// The 16 PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The PLOVER quad class of this type.
    pub fn quad(self) -> Quad {
        use EventType::*;
        match self {
            Agree | Consult | Support | Concede => Quad::VerbalCooperation,
            Cooperate | Aid | Retreat => Quad::MaterialCooperation,
            Request | Accuse | Reject | Threaten => Quad::VerbalConflict,
            Protest | Sanction | Mobilize | Coerce | Assault => Quad::MaterialConflict,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quad {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factuality {
    Asserted,
    Negated,
    Future,
    Hypothetical,
    Reported,
}

impl Factuality {
    /// Only asserted and reported events count as facts in counts and graphs.
    pub fn is_fact(self) -> bool {
        matches!(self, Factuality::Asserted | Factuality::Reported)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    Timex,
    Published,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_ar: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub event_type: EventType,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub cameo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quad: Option<Quad>,
    pub actor: Vec<ActorRef>,
    pub recipient: Vec<ActorRef>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<DateSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    pub factuality: Factuality,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub historical: Option<bool>,
    pub trigger: Span,
    pub evidence: Span,
    pub confidence: f32,
    /// Cross-article cluster this event belongs to (extension field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimexType {
    DATE,
    TIME,
    DURATION,
    SET,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub timex_type: TimexType,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<ActorRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
}

/// Metadata known about a document before analysis (from the reader).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
}

/// One analysed document: the output contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub language: String,
    pub text: String,
    #[serde(default)]
    pub warnings: Vec<String>,
    #[serde(default)]
    pub sentences: Vec<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<Token>>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub timexes: Vec<Timex>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

impl Document {
    pub fn new(meta: Metadata, text: String, language: impl Into<String>) -> Self {
        Document {
            id: meta.id,
            title: meta.title,
            url: meta.url,
            source: meta.source,
            published: meta.published,
            language: language.into(),
            text,
            warnings: Vec::new(),
            sentences: Vec::new(),
            tokens: None,
            entities: Vec::new(),
            actors: Vec::new(),
            events: Vec::new(),
            timexes: Vec::new(),
            quotes: Vec::new(),
        }
    }

    /// The publication date as `YYYY-MM-DD`, when `published` starts with one.
    pub fn published_date(&self) -> Option<&str> {
        let p = self.published.as_deref()?;
        let d = p.get(..10)?;
        let b = d.as_bytes();
        let ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        ok.then_some(d)
    }

    /// The text of a code-point span. Slow path (O(n)); stages should keep a [`crate::CharOffsets`].
    pub fn slice_chars(&self, start: usize, end: usize) -> String {
        self.text
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_required_fields_and_nulls() {
        let doc = Document::new(
            Metadata {
                id: "d1".into(),
                ..Default::default()
            },
            "نص".into(),
            "ar",
        );
        let v: serde_json::Value = serde_json::to_value(&doc).unwrap();
        for key in [
            "id",
            "text",
            "language",
            "sentences",
            "entities",
            "actors",
            "events",
            "timexes",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert!(v["title"].is_null());
        assert!(v["published"].is_null());
        assert!(v.get("tokens").is_none());
    }

    #[test]
    fn event_type_serialises_as_plover_name() {
        let s = serde_json::to_string(&EventType::Assault).unwrap();
        assert_eq!(s, "\"ASSAULT\"");
        assert_eq!(EventType::parse("consult"), Some(EventType::Consult));
        assert_eq!(EventType::Sanction.quad(), Quad::MaterialConflict);
        let q = serde_json::to_string(&Quad::VerbalCooperation).unwrap();
        assert_eq!(q, "\"verbal_cooperation\"");
        let k = serde_json::to_string(&ActorKind::ArmedGroup).unwrap();
        assert_eq!(k, "\"armed_group\"");
    }

    #[test]
    fn published_date_prefix() {
        let mut doc = Document::new(Metadata::default(), String::new(), "ar");
        doc.published = Some("2018-05-17T10:00:00Z".into());
        assert_eq!(doc.published_date(), Some("2018-05-17"));
        doc.published = Some("17/5/2018".into());
        assert_eq!(doc.published_date(), None);
    }
}
