//! One actor of the knowledge base, as stored in `kb/**/*.jsonl` (one JSON object a line).

use mirsad_core::ActorKind;
use serde::{Deserialize, Serialize};

/// A dated role. Dates are `YYYY-MM-DD` (or `YYYY`, `YYYY-MM`); `to: null` means "still holds it".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// Office key (`president`, `prime_minister`, `foreign_minister`, ...); null for the undated
    /// country/sector codes that UniversalPetrarch gives without an office.
    #[serde(default)]
    pub office: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// Heads of state and government outrank crown princes and vice presidents, who outrank the
/// other offices.
fn office_rank(r: &Role) -> u8 {
    match r.office.as_deref() {
        Some(
            "president" | "king" | "emir" | "supreme_leader" | "prime_minister" | "chancellor",
        ) => 2,
        Some("crown_prince" | "deputy_crown_prince" | "vice_president") => 1,
        _ => 0,
    }
}

impl Role {
    /// Whether the role was held on `date` (`YYYY-MM-DD`). Partial dates compare as prefixes,
    /// so a role ending `2017` still covers `2017-06-01`.
    pub fn covers(&self, date: &str) -> bool {
        let after_start = match &self.from {
            Some(f) => date >= f.as_str() || date.starts_with(f.as_str()),
            None => true,
        };
        let before_end = match &self.to {
            Some(t) => date <= t.as_str() || date.starts_with(t.as_str()),
            None => true,
        };
        after_start && before_end
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A knowledge-base actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    /// Canonical English name.
    pub name: String,
    pub name_ar: String,
    /// Other Arabic spellings, transliterations and short forms that name this actor unambiguously.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases_ar: Vec<String>,
    /// Forms that also mean something else (a common word, a surname shared by many, a city name
    /// that is a noun): linked only with context — a prior strong mention of the actor, its
    /// country in the document, or for places a locative cue (في، مدينة، ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weak_aliases_ar: Vec<String>,
    /// Nationality adjectives in every gender and number (states only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjectives_ar: Vec<String>,
    pub kind: ActorKind,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub wikidata: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// For capitals: the government id the city stands for when it acts (أعلنت موسكو).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metonym_of: Option<String>,
    /// Curated entries may set this to drop a generated entry with the same id.
    #[serde(default, skip_serializing_if = "is_false")]
    pub removed: bool,
    pub source: String,
}

impl Entry {
    /// All Arabic name forms (name, strong and weak aliases, adjectives), in file order.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name_ar.as_str())
            .chain(self.aliases_ar.iter().map(String::as_str))
            .chain(self.weak_aliases_ar.iter().map(String::as_str))
            .chain(self.adjectives_ar.iter().map(String::as_str))
    }

    /// The role held on `date`, preferring one with an office; without a date the latest role.
    pub fn role_at(&self, date: Option<&str>) -> Option<&Role> {
        match date {
            // a prime minister who also holds the foreign ministry (Netanyahu 2015-2019) is
            // named and counterparted as prime minister: the higher office, then the later one
            Some(d) => self
                .roles
                .iter()
                .filter(|r| r.covers(d))
                .max_by_key(|r| (r.office.is_some(), office_rank(r), r.from.clone())),
            None => self
                .roles
                .iter()
                .max_by_key(|r| (r.to.is_none(), r.to.clone(), r.office.is_some())),
        }
    }

    /// Merges a curated override into a generated entry: scalar fields present in `o` win, lists
    /// are unioned (curated first) so hand edits never lose generated spellings.
    pub fn merge_from(&mut self, o: &Entry) {
        self.name = o.name.clone();
        if !o.name_ar.is_empty() {
            if self.name_ar != o.name_ar && !self.name_ar.is_empty() {
                let old = std::mem::take(&mut self.name_ar);
                self.aliases_ar.push(old);
            }
            self.name_ar = o.name_ar.clone();
        }
        union_front(&mut self.aliases_ar, &o.aliases_ar);
        union_front(&mut self.weak_aliases_ar, &o.weak_aliases_ar);
        union_front(&mut self.adjectives_ar, &o.adjectives_ar);
        self.kind = o.kind;
        if o.country.is_some() {
            self.country = o.country.clone();
        }
        if o.sector.is_some() {
            self.sector = o.sector.clone();
        }
        if o.wikidata.is_some() {
            self.wikidata = o.wikidata.clone();
        }
        if o.metonym_of.is_some() {
            self.metonym_of = o.metonym_of.clone();
        }
        for r in &o.roles {
            if !self.roles.contains(r) {
                self.roles.push(r.clone());
            }
        }
        if !self.source.split('+').any(|s| s == o.source) {
            self.source = format!("{}+{}", o.source, self.source);
        }
        // a form promoted to strong or demoted to weak by the curator must not stay in both
        // compared normalised: الاسد from the dictionary is the curator's الأسد
        let key = mirsad_text::normalize_word;
        let weak: Vec<String> = o.weak_aliases_ar.iter().map(|w| key(w)).collect();
        self.aliases_ar.retain(|a| !weak.contains(&key(a)));
        let strong: Vec<String> = std::iter::once(&o.name_ar)
            .chain(o.aliases_ar.iter())
            .map(|f| key(f))
            .filter(|f| !weak.contains(f))
            .collect();
        self.weak_aliases_ar.retain(|w| !strong.contains(&key(w)));
        let name = self.name_ar.clone();
        self.aliases_ar.retain(|a| *a != name);
        dedup_keep_order(&mut self.aliases_ar);
    }
}

fn union_front(dst: &mut Vec<String>, src: &[String]) {
    let mut out: Vec<String> = src.to_vec();
    out.append(dst);
    dedup_keep_order(&mut out);
    *dst = out;
}

pub(crate) fn dedup_keep_order(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
}

/// Human-readable office names, for `Actor::role`.
pub fn office_label(office: &str) -> &str {
    match office {
        "president" => "President",
        "prime_minister" => "Prime Minister",
        "foreign_minister" => "Foreign Minister",
        "defence_minister" => "Defence Minister",
        "interior_minister" => "Interior Minister",
        "finance_minister" => "Finance Minister",
        "economy_minister" => "Economy Minister",
        "oil_minister" => "Oil Minister",
        "energy_minister" => "Energy Minister",
        "electricity_minister" => "Electricity Minister",
        "trade_minister" => "Trade Minister",
        "justice_minister" => "Justice Minister",
        "health_minister" => "Health Minister",
        "information_minister" => "Information Minister",
        "king" => "King",
        "emir" => "Emir",
        "crown_prince" => "Crown Prince",
        "deputy_crown_prince" => "Deputy Crown Prince",
        "supreme_leader" => "Supreme Leader",
        "chancellor" => "Chancellor",
        "vice_president" => "Vice President",
        "un_secretary_general" => "UN Secretary-General",
        "un_envoy_syria" => "UN Special Envoy for Syria",
        "un_envoy_yemen" => "UN Special Envoy for Yemen",
        "un_envoy_libya" => "UN Special Envoy for Libya",
        "al_secretary_general" => "Arab League Secretary-General",
        "nato_secretary_general" => "NATO Secretary-General",
        "eu_foreign_policy_chief" => "EU High Representative",
        "eu_commission_president" => "President of the European Commission",
        "eu_council_president" => "President of the European Council",
        "imf_managing_director" => "IMF Managing Director",
        "world_bank_president" => "World Bank President",
        "iaea_director_general" => "IAEA Director General",
        "opcw_director_general" => "OPCW Director-General",
        "icc_prosecutor" => "ICC Prosecutor",
        "au_commission_chairperson" => "Chairperson of the African Union Commission",
        "icrc_president" => "ICRC President",
        "opec_secretary_general" => "OPEC Secretary General",
        "unhcr_high_commissioner" => "UN High Commissioner for Refugees",
        "un_human_rights_chief" => "UN High Commissioner for Human Rights",
        "who_director_general" => "WHO Director-General",
        "unrwa_commissioner_general" => "UNRWA Commissioner-General",
        "un_relief_chief" => "UN Emergency Relief Coordinator",
        "leader" => "Leader",
        "parliament_speaker" => "Speaker of Parliament",
        "spokesperson" => "Spokesperson",
        "ambassador" => "Ambassador",
        "un_ambassador" => "Ambassador to the UN",
        other => other,
    }
}
