//! Time-aware actor linking over normalised text.
//!
//! One pass tokenises the normalised view, maps each token (and its clitic-stripped variants) to
//! a vocabulary id, and walks a token trie for the longest match. A second pass reads the
//! matches in order with a little document state (last person, last president, countries seen)
//! to resolve role descriptions, counterparts, metonyms and ambiguous forms.

use crate::entry::{office_label, Entry};
use crate::kb::Kb;
use mirsad_core::{
    prefetch, Actor, ActorKind, CharOffsets, Document, Entity, EntityLabel, Stage, StageError,
    Token, TokenKind,
};
use mirsad_text::{normalize, normalize_word, NormalizeOptions};
use rustc_hash::{FxHashMap, FxHashSet};

mod collectives;
mod dotted_ali;
mod person_words;
mod short_names;
mod unnamed_forces;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormKind {
    Name,
    Weak,
    /// Nationality adjective; `plural` ones (الروس، الأمريكيون) name the people, hence the state.
    Adjective {
        plural: bool,
    },
}

#[derive(Debug, Clone, Copy)]
struct Target {
    entry: u32,
    kind: FormKind,
}

/// Role words; resolved with a following adjective or country, or from document state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Title {
    Office(&'static str),
    /// رئيس + country (construct state): the office needs the country after it.
    OfficeOf(&'static str),
    /// نظيره: same office as the last person, country from the adjective that follows.
    Counterpart,
    /// وزير خارجيته: this office in the last person's country.
    OwnOffice(&'static str),
    /// الأخير: the last named person.
    Latter,
    /// Fully specified (الأمين العام للأمم المتحدة).
    Fixed(&'static str),
    /// الوزير (الروسي): the last minister named (of that country).
    Minister,
    /// المعارضة، أحزاب المعارضة: a collective actor, this sector of the state named by the
    /// adjective after it, or else of the country the document is about.
    Collective(&'static str),
    /// رئيس الجمهورية: this office of the country named after it, of the last country named
    /// with that office, or else of the country the document is about.
    HomeOffice(&'static str),
}

const TITLES: &[(&str, Title)] = &[
    ("الرئيس", Title::Office("president")),
    // the president-general of a Saudi agency (الرئيس العام لرعاية الشباب) is no head of state:
    // it only resolves with a country written after it, which does not happen
    ("الرئيس العام", Title::OfficeOf("president")),
    ("الرئيسة", Title::Office("president")),
    ("رئيس", Title::OfficeOf("president")),
    ("رئيس الجمهورية", Title::HomeOffice("president")),
    ("رئيس الوزراء", Title::Office("prime_minister")),
    ("رئيسة الوزراء", Title::Office("prime_minister")),
    ("رئيس الحكومة", Title::Office("prime_minister")),
    ("رئيسة الحكومة", Title::Office("prime_minister")),
    ("رئيس وزراء", Title::OfficeOf("prime_minister")),
    ("رئيس حكومة", Title::OfficeOf("prime_minister")),
    ("رئيسة وزراء", Title::OfficeOf("prime_minister")),
    ("رئيسة حكومة", Title::OfficeOf("prime_minister")),
    ("وزير الخارجية", Title::Office("foreign_minister")),
    ("وزيرة الخارجية", Title::Office("foreign_minister")),
    ("وزير خارجية", Title::OfficeOf("foreign_minister")),
    ("وزيرة خارجية", Title::OfficeOf("foreign_minister")),
    ("وزير الدفاع", Title::Office("defence_minister")),
    ("وزيرة الدفاع", Title::Office("defence_minister")),
    ("وزير دفاع", Title::OfficeOf("defence_minister")),
    // other portfolios: a named holder the KB does not know becomes a document-local actor
    // with the adjective's country (وزير الكهرباء المصري محمد شاكر)
    ("وزير الداخلية", Title::Office("interior_minister")),
    ("وزيرة الداخلية", Title::Office("interior_minister")),
    ("وزير المالية", Title::Office("finance_minister")),
    ("وزيرة المالية", Title::Office("finance_minister")),
    ("وزير الاقتصاد", Title::Office("economy_minister")),
    ("وزيرة الاقتصاد", Title::Office("economy_minister")),
    ("وزير النفط", Title::Office("oil_minister")),
    ("وزيرة النفط", Title::Office("oil_minister")),
    ("وزير الطاقة", Title::Office("energy_minister")),
    ("وزيرة الطاقة", Title::Office("energy_minister")),
    ("وزير الكهرباء", Title::Office("electricity_minister")),
    ("وزيرة الكهرباء", Title::Office("electricity_minister")),
    ("وزير التجارة", Title::Office("trade_minister")),
    ("وزيرة التجارة", Title::Office("trade_minister")),
    ("وزير العدل", Title::Office("justice_minister")),
    ("وزيرة العدل", Title::Office("justice_minister")),
    ("وزير الصحة", Title::Office("health_minister")),
    ("وزيرة الصحة", Title::Office("health_minister")),
    ("وزير الإعلام", Title::Office("information_minister")),
    ("وزيرة الإعلام", Title::Office("information_minister")),
    ("الملك", Title::Office("king")),
    ("العاهل", Title::Office("king")),
    ("ملك", Title::OfficeOf("king")),
    ("عاهل", Title::OfficeOf("king")),
    ("أمير", Title::OfficeOf("emir")),
    ("الأمير", Title::Office("emir")),
    ("ولي العهد", Title::Office("crown_prince")),
    // Saudi Arabia 2015-2017: the second in line (محمد بن سلمان), not the crown prince
    ("ولي ولي العهد", Title::Office("deputy_crown_prince")),
    ("ولي عهد", Title::OfficeOf("crown_prince")),
    ("المستشارة", Title::Office("chancellor")),
    ("المستشار", Title::Office("chancellor")),
    ("المرشد الأعلى", Title::Office("supreme_leader")),
    // bare: Iran's when the text is about Iran (the Brotherhood's guide has no such office)
    ("المرشد", Title::HomeOffice("supreme_leader")),
    ("مرشد الثورة", Title::Fixed("supreme_leader")),
    (
        "المرشد الأعلى للثورة الإسلامية",
        Title::Fixed("supreme_leader"),
    ),
    ("نائب الرئيس", Title::Office("vice_president")),
    // no holder is ever known (one per host country): a name after it becomes a person of the
    // sending state, and نظيره after it is an ambassador too
    ("السفير", Title::Office("ambassador")),
    ("السفيرة", Title::Office("ambassador")),
    ("سفير", Title::OfficeOf("ambassador")),
    ("سفيرة", Title::OfficeOf("ambassador")),
    ("المندوب", Title::Office("ambassador")),
    ("المندوبة", Title::Office("ambassador")),
    ("مندوب", Title::OfficeOf("ambassador")),
    ("مندوبة", Title::OfficeOf("ambassador")),
    ("نظيره", Title::Counterpart),
    ("نظيرته", Title::Counterpart),
    ("نظيرها", Title::Counterpart),
    ("نظيريه", Title::Counterpart),
    ("وزير خارجيته", Title::OwnOffice("foreign_minister")),
    ("وزير خارجيتها", Title::OwnOffice("foreign_minister")),
    ("وزير دفاعه", Title::OwnOffice("defence_minister")),
    ("وزير دفاعها", Title::OwnOffice("defence_minister")),
    ("رئيس وزرائه", Title::OwnOffice("prime_minister")),
    ("رئيس وزرائها", Title::OwnOffice("prime_minister")),
    ("الأخير", Title::Latter),
    ("الوزير", Title::Minister),
    ("المعارضة", Title::Collective("OPP")),
    ("أحزاب المعارضة", Title::Collective("OPP")),
    ("قوى المعارضة", Title::Collective("OPP")),
    ("فصائل المعارضة", Title::Collective("OPP")),
    ("الوزيرة", Title::Minister),
    (
        "الأمين العام للأمم المتحدة",
        Title::Fixed("un_secretary_general"),
    ),
    (
        "أمين عام الأمم المتحدة",
        Title::Fixed("un_secretary_general"),
    ),
    (
        "الأمين العام للمنظمة الدولية",
        Title::Fixed("un_secretary_general"),
    ),
    (
        "رئيس بعثة الأمم المتحدة للدعم في ليبيا",
        Title::Fixed("un_envoy_libya"),
    ),
    (
        "رئيسة بعثة الأمم المتحدة للدعم في ليبيا",
        Title::Fixed("un_envoy_libya"),
    ),
    // the Secretary-General's special representative for Iraq heads UNAMI
    (
        "ممثل الأمين العام للأمم المتحدة في العراق",
        Title::Fixed("un_envoy_iraq"),
    ),
    (
        "الممثل الخاص للأمين العام للأمم المتحدة في العراق",
        Title::Fixed("un_envoy_iraq"),
    ),
    (
        "الممثلة الخاصة للأمين العام للأمم المتحدة في العراق",
        Title::Fixed("un_envoy_iraq"),
    ),
    (
        "رئيس بعثة الأمم المتحدة لمساعدة العراق",
        Title::Fixed("un_envoy_iraq"),
    ),
    (
        "رئيسة بعثة الأمم المتحدة لمساعدة العراق",
        Title::Fixed("un_envoy_iraq"),
    ),
    // the UN special coordinator for the Middle East peace process (UNSCO)
    (
        "منسق الأمم المتحدة الخاص لعملية السلام في الشرق الأوسط",
        Title::Fixed("un_envoy_mepp"),
    ),
    (
        "المنسق الخاص للأمم المتحدة لعملية السلام في الشرق الأوسط",
        Title::Fixed("un_envoy_mepp"),
    ),
    (
        "المنسق الأممي الخاص لعملية السلام في الشرق الأوسط",
        Title::Fixed("un_envoy_mepp"),
    ),
    (
        "المنسق الأممي لعملية السلام في الشرق الأوسط",
        Title::Fixed("un_envoy_mepp"),
    ),
    (
        "منسق الأمم المتحدة لعملية السلام في الشرق الأوسط",
        Title::Fixed("un_envoy_mepp"),
    ),
    (
        "الأمين العام لجامعة الدول العربية",
        Title::Fixed("al_secretary_general"),
    ),
    (
        "الأمين العام للجامعة العربية",
        Title::Fixed("al_secretary_general"),
    ),
    (
        "الأمين العام لمجلس التعاون الخليجي",
        Title::Fixed("gcc_secretary_general"),
    ),
    (
        "الأمين العام لمجلس التعاون لدول الخليج العربية",
        Title::Fixed("gcc_secretary_general"),
    ),
    (
        "أمين عام مجلس التعاون الخليجي",
        Title::Fixed("gcc_secretary_general"),
    ),
    (
        "الأمين العام لمنظمة التعاون الإسلامي",
        Title::Fixed("oic_secretary_general"),
    ),
    (
        "أمين عام منظمة التعاون الإسلامي",
        Title::Fixed("oic_secretary_general"),
    ),
    (
        "الأمين العام لمنظمة المؤتمر الإسلامي",
        Title::Fixed("oic_secretary_general"),
    ),
    (
        "الأمين العام لحلف الناتو",
        Title::Fixed("nato_secretary_general"),
    ),
    (
        "الأمين العام لحلف شمال الأطلسي",
        Title::Fixed("nato_secretary_general"),
    ), // the IMF's managing director; the Arabic press also calls the office its presidency or executive directorship
    (
        "المدير العام لصندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    (
        "المديرة العامة لصندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    (
        "مدير عام صندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    (
        "مديرة عام صندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    (
        "مديرة عامة صندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    (
        "مدير صندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    (
        "مديرة صندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    (
        "رئيس صندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    (
        "رئيسة صندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    (
        "المدير التنفيذي لصندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    (
        "المديرة التنفيذية لصندوق النقد الدولي",
        Title::Fixed("imf_managing_director"),
    ),
    ("رئيس البنك الدولي", Title::Fixed("world_bank_president")),
    ("رئيسة البنك الدولي", Title::Fixed("world_bank_president")),
    (
        "رئيس مجموعة البنك الدولي",
        Title::Fixed("world_bank_president"),
    ),
    (
        "رئيسة مجموعة البنك الدولي",
        Title::Fixed("world_bank_president"),
    ),
    (
        "المدير العام للوكالة الدولية للطاقة الذرية",
        Title::Fixed("iaea_director_general"),
    ),
    (
        "مدير عام الوكالة الدولية للطاقة الذرية",
        Title::Fixed("iaea_director_general"),
    ),
    (
        "مدير الوكالة الدولية للطاقة الذرية",
        Title::Fixed("iaea_director_general"),
    ),
    (
        "رئيس الوكالة الدولية للطاقة الذرية",
        Title::Fixed("iaea_director_general"),
    ),
    (
        "المدير العام لمنظمة حظر الأسلحة الكيميائية",
        Title::Fixed("opcw_director_general"),
    ),
    (
        "مدير عام منظمة حظر الأسلحة الكيميائية",
        Title::Fixed("opcw_director_general"),
    ),
    (
        "مدير منظمة حظر الأسلحة الكيميائية",
        Title::Fixed("opcw_director_general"),
    ),
    (
        "رئيس منظمة حظر الأسلحة الكيميائية",
        Title::Fixed("opcw_director_general"),
    ),
    (
        "المدير العام لمنظمة حظر الأسلحة الكيماوية",
        Title::Fixed("opcw_director_general"),
    ),
    (
        "مدير عام منظمة حظر الأسلحة الكيماوية",
        Title::Fixed("opcw_director_general"),
    ),
    (
        "مدير منظمة حظر الأسلحة الكيماوية",
        Title::Fixed("opcw_director_general"),
    ),
    (
        "المدعي العام للمحكمة الجنائية الدولية",
        Title::Fixed("icc_prosecutor"),
    ),
    (
        "المدعية العامة للمحكمة الجنائية الدولية",
        Title::Fixed("icc_prosecutor"),
    ),
    (
        "مدعي عام المحكمة الجنائية الدولية",
        Title::Fixed("icc_prosecutor"),
    ),
    (
        "مدعية عام المحكمة الجنائية الدولية",
        Title::Fixed("icc_prosecutor"),
    ),
    (
        "مدعية عامة المحكمة الجنائية الدولية",
        Title::Fixed("icc_prosecutor"),
    ),
    (
        "المدعي العام في المحكمة الجنائية الدولية",
        Title::Fixed("icc_prosecutor"),
    ),
    (
        "المدعية العامة في المحكمة الجنائية الدولية",
        Title::Fixed("icc_prosecutor"),
    ),
    (
        "مدعي المحكمة الجنائية الدولية",
        Title::Fixed("icc_prosecutor"),
    ),
    (
        "مدعية المحكمة الجنائية الدولية",
        Title::Fixed("icc_prosecutor"),
    ),
    (
        "رئيس مفوضية الاتحاد الأفريقي",
        Title::Fixed("au_commission_chairperson"),
    ),
    (
        "رئيسة مفوضية الاتحاد الأفريقي",
        Title::Fixed("au_commission_chairperson"),
    ),
    (
        "رئيس المفوضية الأفريقية",
        Title::Fixed("au_commission_chairperson"),
    ),
    (
        "رئيسة المفوضية الأفريقية",
        Title::Fixed("au_commission_chairperson"),
    ),
    (
        "رئيس اللجنة الدولية للصليب الأحمر",
        Title::Fixed("icrc_president"),
    ),
    (
        "رئيسة اللجنة الدولية للصليب الأحمر",
        Title::Fixed("icrc_president"),
    ),
    (
        "الأمين العام لمنظمة أوبك",
        Title::Fixed("opec_secretary_general"),
    ),
    ("الأمين العام لأوبك", Title::Fixed("opec_secretary_general")),
    ("أمين عام أوبك", Title::Fixed("opec_secretary_general")),
    (
        "أمين عام منظمة أوبك",
        Title::Fixed("opec_secretary_general"),
    ),
    (
        "الأمين العام لمنظمة الدول المصدرة للنفط",
        Title::Fixed("opec_secretary_general"),
    ),
    (
        "أمين عام منظمة الدول المصدرة للنفط",
        Title::Fixed("opec_secretary_general"),
    ),
    (
        "المفوض السامي للأمم المتحدة لشؤون اللاجئين",
        Title::Fixed("unhcr_high_commissioner"),
    ),
    (
        "المفوض السامي لشؤون اللاجئين",
        Title::Fixed("unhcr_high_commissioner"),
    ),
    (
        "المفوض الأعلى لشؤون اللاجئين",
        Title::Fixed("unhcr_high_commissioner"),
    ),
    (
        "مفوض الأمم المتحدة السامي لشؤون اللاجئين",
        Title::Fixed("unhcr_high_commissioner"),
    ),
    (
        "المفوض الأممي السامي لشؤون اللاجئين",
        Title::Fixed("unhcr_high_commissioner"),
    ),
    (
        "المفوض الأممي لشؤون اللاجئين",
        Title::Fixed("unhcr_high_commissioner"),
    ),
    (
        "مفوض الأمم المتحدة لشؤون اللاجئين",
        Title::Fixed("unhcr_high_commissioner"),
    ),
    (
        "رئيس مفوضية الأمم المتحدة لشؤون اللاجئين",
        Title::Fixed("unhcr_high_commissioner"),
    ),
    (
        "رئيس المفوضية السامية للأمم المتحدة لشؤون اللاجئين",
        Title::Fixed("unhcr_high_commissioner"),
    ),
    (
        "رئيس المفوضية السامية لشؤون اللاجئين",
        Title::Fixed("unhcr_high_commissioner"),
    ),
    (
        "المفوض السامي لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوض الأعلى لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوضة العليا لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوض الأعلى لحقوق الإنسان في الأمم المتحدة",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوضة العليا لحقوق الإنسان في الأمم المتحدة",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوضة السامية لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوض السامي للأمم المتحدة لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوضة السامية للأمم المتحدة لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "مفوض الأمم المتحدة السامي لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "مفوضة الأمم المتحدة السامية لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوض الأممي السامي لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوضة الأممية السامية لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوض الأممي لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المفوضة الأممية لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "مفوض الأمم المتحدة لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "مفوضة الأمم المتحدة لحقوق الإنسان",
        Title::Fixed("un_human_rights_chief"),
    ),
    (
        "المدير العام لمنظمة الصحة العالمية",
        Title::Fixed("who_director_general"),
    ),
    (
        "المديرة العامة لمنظمة الصحة العالمية",
        Title::Fixed("who_director_general"),
    ),
    (
        "مدير عام منظمة الصحة العالمية",
        Title::Fixed("who_director_general"),
    ),
    (
        "مديرة عام منظمة الصحة العالمية",
        Title::Fixed("who_director_general"),
    ),
    (
        "مدير منظمة الصحة العالمية",
        Title::Fixed("who_director_general"),
    ),
    (
        "مديرة منظمة الصحة العالمية",
        Title::Fixed("who_director_general"),
    ),
    (
        "رئيس منظمة الصحة العالمية",
        Title::Fixed("who_director_general"),
    ),
    (
        "رئيسة منظمة الصحة العالمية",
        Title::Fixed("who_director_general"),
    ),
    (
        "المفوض العام للأونروا",
        Title::Fixed("unrwa_commissioner_general"),
    ),
    (
        "المفوضة العامة للأونروا",
        Title::Fixed("unrwa_commissioner_general"),
    ),
    (
        "مفوض عام الأونروا",
        Title::Fixed("unrwa_commissioner_general"),
    ),
    (
        "مفوضة عام الأونروا",
        Title::Fixed("unrwa_commissioner_general"),
    ),
    (
        "المفوض العام لوكالة الأونروا",
        Title::Fixed("unrwa_commissioner_general"),
    ),
    (
        "المفوضة العامة لوكالة الأونروا",
        Title::Fixed("unrwa_commissioner_general"),
    ),
    (
        "المفوض العام لوكالة غوث وتشغيل اللاجئين الفلسطينيين",
        Title::Fixed("unrwa_commissioner_general"),
    ),
    (
        "المفوضة العامة لوكالة غوث وتشغيل اللاجئين الفلسطينيين",
        Title::Fixed("unrwa_commissioner_general"),
    ),
    (
        "المفوض العام لوكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين",
        Title::Fixed("unrwa_commissioner_general"),
    ),
    (
        "المفوضة العامة لوكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين",
        Title::Fixed("unrwa_commissioner_general"),
    ),
    // the emergency relief coordinator heads OCHA; «منسق الشؤون الإنسانية في <بلد>» is a country's resident coordinator, so no bare coordinator title here
    (
        "وكيل الأمين العام للأمم المتحدة للشؤون الإنسانية",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "وكيلة الأمين العام للأمم المتحدة للشؤون الإنسانية",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "وكيل الأمين العام للشؤون الإنسانية",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "وكيلة الأمين العام للشؤون الإنسانية",
        Title::Fixed("un_relief_chief"),
    ),
    ("منسق الإغاثة الطارئة", Title::Fixed("un_relief_chief")),
    ("منسقة الإغاثة الطارئة", Title::Fixed("un_relief_chief")),
    (
        "منسق الأمم المتحدة للإغاثة الطارئة",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "منسقة الأمم المتحدة للإغاثة الطارئة",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "منسق الأمم المتحدة للإغاثة في حالات الطوارئ",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "منسقة الأمم المتحدة للإغاثة في حالات الطوارئ",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "منسق الإغاثة في حالات الطوارئ",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "منسقة الإغاثة في حالات الطوارئ",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "رئيس مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "رئيسة مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية",
        Title::Fixed("un_relief_chief"),
    ),
    (
        "رئيس المفوضية الأوروبية",
        Title::Fixed("eu_commission_president"),
    ),
    (
        "رئيسة المفوضية الأوروبية",
        Title::Fixed("eu_commission_president"),
    ),
    (
        "رئيس المفوضية الأوربية",
        Title::Fixed("eu_commission_president"),
    ),
    (
        "رئيسة المفوضية الأوربية",
        Title::Fixed("eu_commission_president"),
    ),
    ("رئيس المجلس الأوروبي", Title::Fixed("eu_council_president")),
    ("رئيسة المجلس الأوروبي", Title::Fixed("eu_council_president")),
    ("رئيس المجلس الأوربي", Title::Fixed("eu_council_president")),
    ("رئيسة المجلس الأوربي", Title::Fixed("eu_council_president")),
];

/// UN envoys are named "<envoy> إلى <place>" or "<envoy> ل<place>" in many spellings: every
/// envoy phrase with every place form is a fixed title of that place's envoy.
const UN_ENVOY_PHRASES: &[&str] = &[
    "المبعوث الأممي",
    "المبعوث الأممي الخاص",
    "المبعوث الدولي",
    "المبعوث الدولي الخاص",
    "مبعوث الأمم المتحدة",
    "مبعوث الأمم المتحدة الخاص",
    "المبعوث الخاص للأمم المتحدة",
    "المبعوث الخاص للأمين العام للأمم المتحدة",
];
const UN_ENVOY_PLACES: &[(&str, &str)] = &[
    ("سوريا", "un_envoy_syria"),
    ("سورية", "un_envoy_syria"),
    ("اليمن", "un_envoy_yemen"),
    ("ليبيا", "un_envoy_libya"),
    ("العراق", "un_envoy_iraq"),
];

/// The envoy titles of [`UN_ENVOY_PHRASES`] × [`UN_ENVOY_PLACES`], with إلى and with ل (لسوريا,
/// لليمن).
fn un_envoy_titles() -> impl Iterator<Item = (String, Title)> {
    UN_ENVOY_PHRASES.iter().flat_map(|phrase| {
        UN_ENVOY_PLACES.iter().flat_map(move |&(place, office)| {
            let li = match place.strip_prefix("ال") {
                Some(rest) => format!("لل{rest}"),
                None => format!("ل{place}"),
            };
            [format!("{phrase} إلى {place}"), format!("{phrase} {li}")]
                .map(|form| (form, Title::Fixed(office)))
        })
    })
}

/// Head-of-state and head-of-government offices stand in for each other across systems
/// (a king's "counterpart" in a republic is its president).
fn office_family(o: &str) -> &'static [&'static str] {
    match o {
        "president" | "king" | "emir" => &["president", "king", "emir"],
        "prime_minister" | "chancellor" => &["prime_minister", "chancellor"],
        _ => &[],
    }
}

/// Words after which a capital is a place, not a government.
#[rustfmt::skip]
const LOCATIVE: &[&str] = &[
    "في", "من", "الى", "إلى", "عن", "على", "حتى", "نحو", "داخل", "قرب", "بين", "مدينة", "بلدة",
    "محافظة", "ريف", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "حول",
    "العاصمة", "عاصمة", "مطار", "وسط", "ضواحي", "أنحاء", "منطقة", "بمدينة", "لمدينة", "ومدينة",
    "قصف", "سكان", "أهالي", "زيارة", "يزور", "زار",
];

/// Words before a state name that make it a place (normalised forms).
const STATE_AS_PLACE: &[&str] = &[
    "في",
    "داخل",
    "انحاء",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "وسط",
];

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
}

/// Every way of reading a token as (prefix length in bytes, stem) after removing proclitics:
/// conjunction و/ف, then preposition ب/ل/ك. ل+ال contracts to لل in writing (للأمم = ل + الأمم),
/// so that case rebuilds the article (`rebuilt` is then true; the stem lives in `buf`).
/// The bare form itself is not among them.
// Not `mirsad_text::clitics`: this runs for every token on the linker's hot path and needs prefix
// byte lengths with borrowed stems and no allocation, where the general splitter allocates one
// analysis per candidate.
#[inline]
fn clitic_stems(tok: &str, buf: &mut String, mut f: impl FnMut(usize, &str, bool)) {
    use clitic_letters::*;
    // every clitic is one two-byte Arabic letter: test the first bytes directly
    let b = tok.as_bytes();
    if b.len() < 6 {
        // a clitic and a stem of at least two letters: six bytes at least
        return;
    }
    let letter = |i: usize| [b[i], b[i + 1]];
    let c0 = letter(0);
    let conj = c0 == WAW || c0 == FA;
    if !conj && c0 != BA && c0 != LAM && c0 != KAF {
        return;
    }
    // (generic, not a closure over `&mut dyn FnMut`: inlined into each caller's hot loop)
    #[inline(always)]
    fn one(
        tok: &str,
        pre: usize,
        clitic_is_lam: bool,
        buf: &mut String,
        f: &mut impl FnMut(usize, &str, bool),
    ) {
        let rest = &tok[pre..];
        // a stem of one letter is no word
        if rest.len() < 4 {
            return;
        }
        f(pre, rest, false);
        if clitic_is_lam && rest.as_bytes()[..2] == LAM && rest.len() >= 6 {
            buf.clear();
            buf.push_str("ال");
            buf.push_str(&rest[2..]);
            f(pre, buf, true);
        }
    }
    one(tok, 2, c0 == LAM, buf, &mut f);
    if conj && b.len() >= 8 {
        let c1 = letter(2);
        if c1 == BA || c1 == LAM || c1 == KAF {
            one(tok, 4, c1 == LAM, buf, &mut f);
        }
    }
}

/// The proclitic letters in UTF-8.
mod clitic_letters {
    pub(super) const WAW: [u8; 2] = [0xD9, 0x88];
    pub(super) const FA: [u8; 2] = [0xD9, 0x81];
    pub(super) const BA: [u8; 2] = [0xD8, 0xA8];
    pub(super) const LAM: [u8; 2] = [0xD9, 0x84];
    pub(super) const KAF: [u8; 2] = [0xD9, 0x83];
}

/// Whether `tok` may carry a proclitic that [`clitic_stems`] peels: one test of its length and
/// first letter (a single branch in the scan, where separate tests were mispredicted often).
#[inline]
fn may_have_clitic(padded: &[u8], t: Tok) -> bool {
    // و ف ل ك are 0xD9 0x88, 0x81, 0x84, 0x83; ب is 0xD8 0xA8: one bit each among the 128
    // two-byte letters starting 0xD8 or 0xD9, by the low bit of the first byte and the low six
    // of the second
    const CLITIC_LETTERS: [bool; 128] = {
        let mut t = [false; 128];
        t[0x28] = true;
        t[64 + 0x08] = true;
        t[64 + 0x01] = true;
        t[64 + 0x04] = true;
        t[64 + 0x03] = true;
        t
    };
    // the view goes on after every word: two bytes can be read without testing the length
    let b = &padded[t.start..t.start + 2];
    let letter = ((b[0] as usize & 1) << 6) | (b[1] as usize & 0x3F);
    (b[0] & 0xFE == 0xD8) & CLITIC_LETTERS[letter] & (b[1] & 0xC0 == 0x80) & (t.end - t.start >= 6)
}

/// [`clitic_stems`] with the bare form first, collected (off the hot path).
fn clitic_variants(tok: &str) -> Vec<(usize, String)> {
    let mut out = vec![(0, tok.to_string())];
    let mut buf = String::new();
    clitic_stems(tok, &mut buf, |pre, stem, _| {
        out.push((pre, stem.to_string()))
    });
    out
}

/// Index of the knowledge base for linking. Built once; `Send + Sync`.
pub struct Linker {
    kb: Kb,
    vocab: FxHashMap<Box<str>, u32>,
    /// (node, token id) → child node; node 0 is the root.
    trie: FxHashMap<(u32, u32), u32>,
    /// `trie` for the hot path, with each child's `node_flags` (one cache line per step).
    edges: EdgeTable,
    targets: Vec<Vec<Target>>,
    titles: FxHashMap<u32, Title>,
    /// Per trie node: does a name or a title end here, does any path go on (`END`, `INNER`;
    /// the hot loop's tests, without hashing).
    node_flags: Vec<u8>,
    /// Per token id: the root's child node (0: none), a dense table for the first token.
    root: Vec<u32>,
    /// The vocabulary as an open-addressing table over `WordKey::hash`, for the hot path: the
    /// hash of a text word is computed once and also indexes its word filter.
    table: VocabTable,
    /// office → country → [(from, to, entry)]
    offices: FxHashMap<String, FxHashMap<String, Vec<usize>>>,
    state_by_country: FxHashMap<String, usize>,
    by_id: FxHashMap<String, usize>,
    first_names: FxHashSet<String>,
    locative: FxHashSet<String>,
    /// Common words that are never a name on their own (kb/curated/blocked_forms.txt).
    blocked: FxHashSet<String>,
    /// Normalised sector nouns (`SECTOR_HEADS`) → sector.
    sector_heads: FxHashMap<String, &'static str>,
    /// Normalised `STATE_AGENT_NOUNS`.
    agent_nouns: FxHashSet<String>,
    max_len: usize,
}

impl Linker {
    pub fn new(kb: Kb) -> Linker {
        let mut l = Linker {
            vocab: FxHashMap::default(),
            trie: FxHashMap::default(),
            edges: EdgeTable::default(),
            targets: vec![Vec::new()],
            titles: FxHashMap::default(),
            node_flags: Vec::new(),
            root: Vec::new(),
            table: VocabTable::default(),
            offices: FxHashMap::default(),
            state_by_country: FxHashMap::default(),
            by_id: FxHashMap::default(),
            first_names: crate::names::FIRST_NAMES
                .iter()
                .map(|n| normalize_word(n))
                .collect(),
            locative: LOCATIVE.iter().map(|l| normalize_word(l)).collect(),
            blocked: crate::build::Stopwords::embedded_minimal()
                .words()
                .iter()
                .cloned()
                .collect(),
            sector_heads: SECTOR_HEADS
                .iter()
                .flat_map(|(sec, words)| words.iter().map(|w| (normalize_word(w), *sec)))
                .collect(),
            agent_nouns: STATE_AGENT_NOUNS
                .iter()
                .map(|w| normalize_word(w))
                .collect(),
            max_len: 1,
            kb: Kb::default(),
        };
        for (i, e) in kb.entries().iter().enumerate() {
            l.by_id.insert(e.id.clone(), i);
            if e.kind == ActorKind::State && e.sector.is_none() {
                if let Some(c) = &e.country {
                    l.state_by_country.insert(c.clone(), i);
                }
            }
            for r in &e.roles {
                if let Some(o) = &r.office {
                    let v = l
                        .offices
                        .entry(o.clone())
                        .or_default()
                        .entry(r.country.clone().unwrap_or_default())
                        .or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
            let name_is_weak = e
                .weak_aliases_ar
                .iter()
                .any(|w| normalize_word(w) == normalize_word(&e.name_ar));
            let strong: Vec<&str> = std::iter::once(e.name_ar.as_str())
                .filter(|_| !name_is_weak)
                .chain(e.aliases_ar.iter().map(String::as_str))
                .collect();
            for f in strong {
                l.add_form(
                    f,
                    Target {
                        entry: i as u32,
                        kind: FormKind::Name,
                    },
                );
            }
            for f in &e.weak_aliases_ar {
                l.add_form(
                    f,
                    Target {
                        entry: i as u32,
                        kind: FormKind::Weak,
                    },
                );
            }
            for f in &e.adjectives_ar {
                let n = normalize_word(f);
                let plural = n.ends_with("يون")
                    || n.ends_with("يين") && n.starts_with("ال")
                    || !n.ends_with('ي')
                        && !n.ends_with('ه')
                        && !n.ends_with("يات")
                        && !n.ends_with("يان")
                        && !n.ends_with("يين");
                l.add_form(
                    f,
                    Target {
                        entry: i as u32,
                        kind: FormKind::Adjective { plural },
                    },
                );
            }
        }
        for (form, t) in TITLES {
            let node = l.insert_path(form);
            l.titles.insert(node, *t);
        }
        for (form, t) in un_envoy_titles() {
            let node = l.insert_path(&form);
            l.titles.insert(node, t);
        }
        l.node_flags = (0..l.targets.len())
            .map(|n| {
                if !l.targets[n].is_empty() || l.titles.contains_key(&(n as u32)) {
                    END
                } else {
                    0
                }
            })
            .collect();
        for &(parent, _) in l.trie.keys() {
            l.node_flags[parent as usize] |= INNER;
        }
        l.root = vec![0; l.vocab.len() + 1];
        for (&(parent, tok), &child) in &l.trie {
            if parent == 0 {
                l.root[tok as usize] = child;
            }
        }
        let following = l.following_words();
        l.table = VocabTable::new(&l.vocab, &l.root, &l.node_flags, &following);
        l.edges = EdgeTable::new(&l.trie, &l.node_flags);
        l.kb = kb;
        l
    }

    /// The vocabulary ids of the words that follow another word in some form.
    fn following_words(&self) -> FxHashSet<u32> {
        self.trie
            .keys()
            .filter(|&&(parent, _)| parent != 0)
            .map(|&(_, tok)| tok)
            .collect()
    }

    /// The vocabulary id of a normalised word, 0 when no KB form uses it.
    #[inline]
    fn word_id(&self, w: &str) -> u32 {
        self.table.get(w.as_bytes(), word_key(w.as_bytes())).id
    }

    /// [`Linker::word_id`] of the word token `t` of the matching view `v`.
    #[inline]
    fn token_word_id(&self, v: &str, t: Tok) -> u32 {
        let padded = v.as_bytes();
        let k = word_key_at(padded, t.start, t.end - t.start);
        self.table.get(&padded[t.start..t.end], k).id
    }

    /// The root's child node for a vocabulary id (0: none) and its flags.
    fn root_of(&self, id: u32) -> (u32, u8) {
        let node = self.root[id as usize];
        (node, self.node_flags[node as usize])
    }

    fn token_id(&mut self, t: &str) -> u32 {
        let n = self.vocab.len() as u32 + 1;
        *self.vocab.entry(t.into()).or_insert(n)
    }

    fn insert_path(&mut self, form: &str) -> u32 {
        let norm = normalize_word(form);
        let toks: Vec<&str> = tokenize(&norm)
            .into_iter()
            .map(|t| &norm[t.start..t.end])
            .collect();
        self.max_len = self.max_len.max(toks.len());
        let mut node = 0u32;
        for t in toks {
            let id = self.token_id(t);
            let next = self.targets.len() as u32;
            node = *self.trie.entry((node, id)).or_insert_with(|| next);
            if node == next {
                self.targets.push(Vec::new());
            }
        }
        node
    }

    fn add_form(&mut self, form: &str, t: Target) {
        // the block list is the last word, also over curated and imported forms
        let norm = normalize_word(form);
        if self.blocked.contains(&norm) {
            return;
        }
        for f in std::iter::once(norm.clone()).chain(abd_spelling(&norm)) {
            let node = self.insert_path(&f);
            if node == 0 {
                continue;
            }
            let v = &mut self.targets[node as usize];
            if !v.iter().any(|x| x.entry == t.entry) {
                v.push(t);
            }
        }
    }

    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    fn entry(&self, i: usize) -> &Entry {
        &self.kb.entries()[i]
    }

    /// Who held `office` in `country` on `date` (latest holder when the date is unknown).
    pub fn holder(&self, office: &str, country: &str, date: Option<&str>) -> Option<&Entry> {
        self.holder_idx(office, country, date)
            .map(|i| self.entry(i))
    }

    fn holder_idx(&self, office: &str, country: &str, date: Option<&str>) -> Option<usize> {
        let cands = self.offices.get(office)?.get(country)?;
        let mut best: Option<(String, usize)> = None;
        for &i in cands {
            for r in &self.entry(i).roles {
                if r.office.as_deref() != Some(office)
                    || r.country.as_deref().unwrap_or("") != country
                {
                    continue;
                }
                let ok = match date {
                    Some(d) => r.covers(d),
                    None => r.to.is_none(),
                };
                if ok {
                    let key = r.from.clone().unwrap_or_default();
                    if best.as_ref().is_none_or(|b| key > b.0) {
                        best = Some((key, i));
                    }
                }
            }
        }
        best.map(|b| b.1)
    }

    /// Links the actors of one text. `date` is `YYYY-MM-DD` (the document's publication date).
    pub fn link(&self, text: &str, date: Option<&str>) -> (Vec<Entity>, Vec<Actor>) {
        let view = normalize(text, &NormalizeOptions::matching());
        let toks = tokenize(&view.text);
        let mut v = String::with_capacity(view.text.len() + VIEW_PADDING);
        v.push_str(&view.text);
        v.extend(std::iter::repeat_n(' ', VIEW_PADDING));
        let offs = CharOffsets::new(text);
        let ali = dotted_ali::dotted_ali_tokens(&v, &toks, |k| {
            dotted_ali::ends_with_dotted_ya(&text[view.original_range(toks[k].start..toks[k].end)])
        });
        let out = self.links(&v, &toks, date, ali);
        self.materialise(out, date, |_, b0, b1| {
            let orig = view.original_range(b0..b1);
            (
                offs.to_char(orig.start),
                offs.to_char(orig.end),
                text[orig].to_string(),
            )
        })
    }

    /// [`Linker::link`] over the tokens the text layer already made (`TextStage`: code-point
    /// offsets and matching forms), so the text is not normalised and tokenised a second time.
    /// Gives the same links as `link` up to tokenisation differences.
    pub fn link_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        date: Option<&str>,
    ) -> (Vec<Entity>, Vec<Actor>) {
        // the matching view: word forms separated by one space, other tokens kept in the gaps
        // (a name never runs across punctuation)
        // one separator per token at most: no reallocation
        let mut v = String::with_capacity(text.len() + tokens.len() + VIEW_PADDING);
        let mut toks: Vec<Tok> = Vec::with_capacity(tokens.len());
        let mut map: Vec<usize> = Vec::with_capacity(tokens.len());
        let mut ali: Vec<usize> = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let word = matches!(
                t.kind,
                None | Some(TokenKind::Word | TokenKind::Latin | TokenKind::Number)
            );
            let form = if word {
                t.norm.as_deref().unwrap_or(&t.form)
            } else {
                t.form.as_str()
            };
            if form.is_empty() {
                continue;
            }
            if !v.is_empty() {
                v.push(' ');
            }
            let start = v.len();
            v.push_str(form);
            if word {
                // علي with a dotted ya (the name): tested in this loop, a length compare a word
                if form.len() == dotted_ali::ALI.len()
                    && form == dotted_ali::ALI
                    && dotted_ali::ends_with_dotted_ya(&t.form)
                {
                    ali.push(toks.len());
                }
                toks.push(Tok {
                    start,
                    end: v.len(),
                });
                map.push(i);
            }
        }
        v.extend(std::iter::repeat_n(' ', VIEW_PADDING));
        let out = self.links(&v, &toks, date, ali);
        let mut cursor = CharCursor::new(text);
        self.materialise(out, date, |tok, b0, b1| {
            // the word a link starts in is its first token (searched for when it is not)
            let starts_in =
                |k: usize| toks[k].start <= b0 && toks.get(k + 1).is_none_or(|n| n.start > b0);
            let k0 = if tok < toks.len() && starts_in(tok) {
                tok
            } else {
                toks.partition_point(|t| t.start <= b0).saturating_sub(1)
            };
            // the words before k0 end before b0 < b1: the last word is at k0 or after it
            let mut k1 = k0;
            while k1 + 1 < toks.len() && toks[k1].end < b1 {
                k1 += 1;
            }
            let (t0, t1) = (&tokens[map[k0]], &tokens[map[k1]]);
            let prefix = v[toks[k0].start..b0].chars().count();
            let s = t0.start + base_letters_offset(&t0.form, prefix);
            let e = t1.end;
            let (bs, be) = (cursor.byte(s), cursor.byte(e));
            (s, e, text[bs..be].to_string())
        })
    }

    /// Matches and resolves over a matching view `v` and its word tokens.
    /// `v` goes on for `VIEW_PADDING` bytes or more after its last word (see [`word_key_at`]).
    /// `dotted_ali`: the tokens written «علي» with a dotted ya (the name, not the preposition).
    fn links(
        &self,
        v: &str,
        toks: &[Tok],
        date: Option<&str>,
        dotted_ali: Vec<usize>,
    ) -> Vec<Link> {
        debug_assert!(toks.last().is_none_or(|t| t.end + VIEW_PADDING <= v.len()));
        let mut raw = self.raw_matches(v, toks);
        let mut st = DocState {
            date: date.map(str::to_string),
            occupied: vec![false; toks.len()],
            dotted_ali,
            ..DocState::default()
        };
        // The target lists of the matches, their KB entries and the entries' countries are
        // cache misses, each behind the one before: prefetched one level per loop over all
        // matches, so that the misses of a level overlap instead of following one another.
        let entry_nodes = || {
            raw.iter().filter_map(|m| match m.kind {
                RawKind::Entry(node) => Some(node as usize),
                RawKind::Title(_) => None,
            })
        };
        for node in entry_nodes() {
            prefetch(&self.targets[node]);
        }
        for node in entry_nodes() {
            if let Some(t) = self.targets[node].first() {
                prefetch(t);
            }
        }
        for node in entry_nodes() {
            for t in &self.targets[node] {
                let e = self.entry(t.entry as usize);
                prefetch(&e.kind);
                prefetch(&e.country);
            }
        }
        for node in entry_nodes() {
            for t in &self.targets[node] {
                if let Some(b) = self.entry(t.entry as usize).country.as_deref() {
                    if let Some(first) = b.as_bytes().first() {
                        prefetch(first);
                    }
                }
            }
        }
        // a pre-pass over strong names so ambiguity and weak forms can use the whole document
        for m in &raw {
            if let RawKind::Entry(node) = m.kind {
                let ts = &self.targets[node as usize];
                // nationality adjectives are context too (العاصمة الأردنية عمان)
                if let Some(t) = ts
                    .iter()
                    .find(|t| matches!(t.kind, FormKind::Adjective { .. }))
                {
                    if let Some(c) = &self.entry(t.entry as usize).country {
                        *st.country_count.entry(c.as_str()).or_default() += 1;
                    }
                }
                if ts.len() == 1 && matches!(ts[0].kind, FormKind::Name) {
                    let e = self.entry(ts[0].entry as usize);
                    if let Some(c) = &e.country {
                        *st.country_count.entry(c.as_str()).or_default() += 1;
                    }
                    st.strong_seen.insert(ts[0].entry as usize);
                }
            }
        }
        let mut out: Vec<Link> = Vec::with_capacity(raw.len());
        let mut i = 0;
        raw.sort_by_key(|m| m.tok);
        while i < raw.len() {
            let consumed = self.resolve(&raw, i, toks, v, date, &mut st, &mut out);
            i += consumed.max(1);
        }
        self.coreference(v, toks, &mut out, &mut st);
        self.link_unnamed_forces(v, toks, &mut out, &st);
        out.sort_by_key(|o| o.tok);
        out
    }

    /// Entities and actors from resolved links; `span` maps a view byte range (and the word
    /// token it starts in) to the original code-point range and text.
    fn materialise(
        &self,
        out: Vec<Link>,
        date: Option<&str>,
        mut span: impl FnMut(usize, usize, usize) -> (usize, usize, String),
    ) -> (Vec<Entity>, Vec<Actor>) {
        let mut actors: Vec<Actor> = Vec::new();
        // KB entry → its actor's position: ids are unique in the KB, so the entry finds the
        // actor without comparing id strings
        let mut kb_actors: Vec<(usize, usize)> = Vec::new();
        let mut entities = Vec::with_capacity(out.len());
        for Link {
            tok,
            b0,
            b1,
            label,
            to,
            ..
        } in out
        {
            let (s, e, surface) = span(tok, b0, b1);
            // the actor is built once per document (actor_of formats the role)
            let known = match &to {
                LinkedTo::Kb(idx) => kb_actors.iter().find(|(i, _)| i == idx).map(|&(_, k)| k),
                LinkedTo::Local(a) => actors.iter().position(|x| x.id == a.id),
            };
            if let (None, LinkedTo::Kb(idx)) = (known, &to) {
                kb_actors.push((*idx, actors.len()));
            }
            let id = match known {
                Some(k) => {
                    *actors[k].mentions.get_or_insert(0) += 1;
                    actors[k].id.clone()
                }
                None => {
                    let mut a = match to {
                        LinkedTo::Kb(idx) => self.actor_of(idx, date),
                        LinkedTo::Local(a) => a,
                    };
                    a.mentions = Some(1);
                    let id = a.id.clone();
                    actors.push(a);
                    id
                }
            };
            entities.push(Entity {
                start: s,
                end: e,
                text: surface,
                label,
                actor_id: Some(id),
                confidence: None,
            });
        }
        (entities, actors)
    }

    /// The one place (or state) a single written word names, read with or without its
    /// proclitics, for a word another stage already knows to be a place: the scan leaves a
    /// one-word weak form behind a clitic alone (فاتن is not ف + اتن), but بجازان that the NER
    /// tags LOC is ب + جازان. Returns the number of proclitic letters and the actor.
    pub fn place_named(&self, word: &str, date: Option<&str>) -> Option<(usize, Actor)> {
        let norm = normalize_word(word);
        if norm.contains(' ') {
            return None;
        }
        let mut found: Option<(usize, usize)> = None;
        let mut ambiguous = false;
        let mut consider = |pre_bytes: usize, stem: &str| {
            if ambiguous || self.blocked.contains(stem) || stem.chars().count() < 3 {
                return;
            }
            let id = self.word_id(stem);
            if id == 0 {
                return;
            }
            let (node, _) = self.root_of(id);
            let mut places = self.targets[node as usize]
                .iter()
                .map(|t| t.entry as usize)
                .filter(|&i| {
                    let e = self.entry(i);
                    e.kind == ActorKind::Location
                        || e.kind == ActorKind::State && e.sector.is_none()
                });
            let Some(first) = places.next() else {
                return;
            };
            if places.any(|i| i != first) {
                ambiguous = true;
                return;
            }
            // a three-letter stem behind a clitic only as a state (بمصر): GeoNames gives
            // places short names that are also words and names (روم for Rome: ف + روم is Fromm)
            if pre_bytes > 0
                && stem.chars().count() == 3
                && self.entry(first).kind != ActorKind::State
            {
                return;
            }
            let letters = norm[..pre_bytes].chars().count();
            match found {
                None => found = Some((letters, first)),
                Some((_, other)) if other != first => ambiguous = true,
                Some(_) => {}
            }
        };
        consider(0, &norm);
        let mut buf = String::new();
        clitic_stems(&norm, &mut buf, |pre, stem, rebuilt| {
            // لل + stem: the article was folded into the preposition
            if !rebuilt {
                consider(pre, stem)
            }
        });
        if ambiguous {
            return None;
        }
        let (letters, idx) = found?;
        Some((letters, self.actor_of(idx, date)))
    }

    fn actor_of(&self, idx: usize, date: Option<&str>) -> Actor {
        let e = self.entry(idx);
        let role = e.role_at(date);
        let role_str = role.and_then(|r| {
            let office = r.office.as_deref()?;
            let label = office_label(office);
            Some(
                match r
                    .country
                    .as_deref()
                    .and_then(|c| self.state_by_country.get(c))
                {
                    Some(&si) if !office.starts_with("un_") => {
                        format!("{label} of {}", self.entry(si).name)
                    }
                    _ => label.to_string(),
                },
            )
        });
        Actor {
            id: e.id.clone(),
            name: e.name.clone(),
            name_ar: Some(e.name_ar.clone()),
            kind: e.kind,
            country: e
                .country
                .clone()
                .or_else(|| role.and_then(|r| r.country.clone())),
            sector: e
                .sector
                .clone()
                .or_else(|| role.and_then(|r| r.sector.clone())),
            role: role_str,
            wikidata: e.wikidata.clone(),
            in_kb: Some(true),
            mentions: None,
        }
    }

    /// The longest name or title starting at token `i` read as `stem` (the root's child `node`
    /// for it, 0 when none, with that node's `flags`, after `pre` bytes of proclitics); kept in
    /// `best` when longer (or as long with a shorter prefix).
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn longest_from(
        &self,
        i: usize,
        pre: usize,
        (mut node, mut flags): (u32, u8),
        stem: &str,
        v: &str,
        toks: &[Tok],
        ids: &mut [u32],
        best: &mut Option<(usize, u32, usize)>,
    ) {
        if node == 0 {
            return;
        }
        let mut j = i;
        let mut last = None;
        loop {
            if flags & END != 0 {
                last = Some((j, node));
            }
            if flags & INNER == 0 || j + 1 >= toks.len() || j + 1 - i >= self.max_len {
                break;
            }
            // a name never runs across punctuation (the view's usual gap is one space)
            let gap = &v[toks[j].end..toks[j + 1].start];
            if gap != " " && gap.chars().any(|c| !c.is_whitespace()) {
                break;
            }
            if ids[j + 1] == UNKNOWN_ID {
                // the word filter let it through (its slot was prefetched): look it up now
                ids[j + 1] = self.token_word_id(v, toks[j + 1]);
            }
            if ids[j + 1] == 0 {
                break;
            }
            match self.edges.child(node, ids[j + 1]) {
                Some(edge) => {
                    (node, flags) = (edge.child, edge.flags);
                    j += 1;
                }
                None => break,
            }
        }
        let Some((j, node)) = last else {
            return;
        };
        // و/ف/ب/ل in front of a short or weak form is more often part of another word
        // (ولاية is not و + لاية, فاتن is not ف + اتن): only strong names of four or
        // more letters, or multi-word names, match through a clitic
        // و/ف/ب/ل + ال… is always clitic + definite noun (والمملكة، للأسد)
        if pre > 0 && j == i && !(stem.starts_with("ال") && stem.chars().count() >= 4) {
            // three-letter state names take clitics too (لمصر، ومصر، بقطر)
            let long = stem.chars().count() >= 4
                || self.targets[node as usize].iter().any(|t| {
                    let e = self.entry(t.entry as usize);
                    matches!(t.kind, FormKind::Name)
                        && e.kind == ActorKind::State
                        && e.sector.is_none()
                });
            let strong = self.targets[node as usize]
                .iter()
                .any(|t| !matches!(t.kind, FormKind::Weak));
            if !long || !strong && !self.titles.contains_key(&node) {
                return;
            }
        }
        if best.is_none_or(|b| j > b.0 || j == b.0 && pre < b.2) {
            *best = Some((j, node, pre));
        }
    }

    /// Whether one of the stems [`clitic_stems`] reads in word `t` (which [`may_have_clitic`])
    /// may start a name or title, by the word filter, prefetching the slots of those that may.
    /// A stem that rebuilds the article (لل = ل + ال) counts as one that may: the scan makes its
    /// key. Written out for the pass over every word, where the callbacks cost more than this.
    #[inline]
    fn clitic_stem_may_start(&self, padded: &[u8], t: Tok) -> bool {
        use clitic_letters::*;
        let n = t.end - t.start;
        let letter = |i: usize| [padded[t.start + i], padded[t.start + i + 1]];
        let (c0, c1) = (letter(0), letter(2));
        let stem = word_key_at(padded, t.start + 2, n - 2);
        let mut may = self.table.may_start(stem.hash);
        self.table.prefetch_slot(stem.hash, may);
        may |= c0 == LAM && c1 == LAM;
        if (c0 == WAW || c0 == FA) && n >= 8 && (c1 == BA || c1 == LAM || c1 == KAF) {
            let stem = word_key_at(padded, t.start + 4, n - 4);
            let may2 = self.table.may_start(stem.hash);
            self.table.prefetch_slot(stem.hash, may2);
            may |= may2 | (c1 == LAM && letter(4) == LAM);
        }
        may
    }

    /// Longest trie match at every token start (first token may carry proclitics), greedy,
    /// non-overlapping.
    fn raw_matches(&self, v: &str, toks: &[Tok]) -> Vec<Raw> {
        let padded = v.as_bytes();
        // The table reads of the scan are cache misses; they are made ahead of it in passes,
        // each after the one whose results it needs, so that the misses of a pass overlap
        // (a branch on a missed load, mispredicted, threw away the loads issued after it):
        // 1. every word's filter bits, and a prefetch of its vocabulary slot when the filter
        //    lets it through as a first word (and the same for each of its stems after
        //    proclitics: a word is marked `MAY_HAVE_CLITIC` only when one of them passes);
        // 2. the slots of those words (ids and trie roots), and a prefetch of the slot of the
        //    word after each root that goes on, when that word may follow;
        // 3. those following words' ids, and a prefetch of the trie edge along each.
        // Words that never follow another get id 0 up front (a walk stops at them); following
        // words further on are looked up lazily, when a walk reaches them.
        let mut ids: Vec<u32> = vec![0; toks.len()];
        let mut roots: Vec<(u32, u8)> = vec![(0, 0); toks.len()];
        // per token: `MAY_START`, `MAY_FOLLOW`, `MAY_HAVE_CLITIC`
        let mut word_bits: Vec<u8> = vec![0; toks.len()];
        // the words that may start a name or title, bare or after a proclitic, in order
        let mut candidates: Vec<u32> = vec![0; toks.len()];
        let mut n_candidates = 0;
        let mut buf = String::new();
        // the key of a stem of word `t` after `pre` bytes of proclitics (`rebuilt`: in `stem`)
        let stem_key = |t: Tok, pre: usize, stem: &str, rebuilt: bool| {
            if rebuilt {
                word_key(stem.as_bytes())
            } else {
                word_key_at(padded, t.start + pre, stem.len())
            }
        };
        for (k, t) in toks.iter().enumerate() {
            let key = word_key_at(padded, t.start, t.end - t.start);
            let mut bits = self.table.filter(key.hash) as u8;
            self.table
                .prefetch_slot(key.hash, bits & MAY_START as u8 != 0);
            // the stems after proclitics, which the scan looks up as first words
            if may_have_clitic(padded, *t) && self.clitic_stem_may_start(padded, *t) {
                bits |= MAY_HAVE_CLITIC;
            }
            word_bits[k] = bits;
            // a word in a form gets its id when a pass or a walk needs it (0: in none)
            ids[k] = if bits as u64 & (MAY_START | MAY_FOLLOW) != 0 {
                UNKNOWN_ID
            } else {
                0
            };
            // the later passes visit only these words (about a quarter): appended without a
            // branch, so that the pass over every word has none on the filter's answer
            candidates[n_candidates] = k as u32;
            n_candidates += (bits & (MAY_START as u8 | MAY_HAVE_CLITIC) != 0) as usize;
        }
        let candidates = &candidates[..n_candidates];
        // roots that go on, followed by a word that may follow
        let mut inner: Vec<usize> = Vec::new();
        for &k in candidates {
            let k = k as usize;
            let t = toks[k];
            let bits = word_bits[k] as u64;
            if bits & MAY_START != 0 {
                let key = word_key_at(padded, t.start, t.end - t.start);
                let slot = self.table.get(&padded[t.start..t.end], key);
                ids[k] = slot.id;
                roots[k] = (slot.root, slot.root_flags);
                if slot.root_flags & INNER != 0
                    && word_bits
                        .get(k + 1)
                        .is_some_and(|&b| b as u64 & MAY_FOLLOW != 0)
                {
                    let next = toks[k + 1];
                    let key = word_key_at(padded, next.start, next.end - next.start);
                    self.table.prefetch_slot(key.hash, true);
                    inner.push(k);
                }
            }
        }
        for k in inner {
            if ids[k + 1] == UNKNOWN_ID {
                ids[k + 1] = self.token_word_id(v, toks[k + 1]);
            }
            if ids[k + 1] != 0 {
                self.edges.prefetch(roots[k].0, ids[k + 1]);
            }
        }
        // about one word in ten starts a name or title
        let mut out = Vec::with_capacity(toks.len() / 8);
        // the first word not taken by a match yet
        let mut free = 0;
        for &i in candidates {
            let i = i as usize;
            if i < free {
                continue;
            }
            // (a word the filter let through by mistake neither starts a name nor carries a
            // proclitic: one branch for both)
            let starts = roots[i].0 != 0;
            let clitic = word_bits[i] & MAY_HAVE_CLITIC != 0;
            if !(starts | clitic) {
                continue;
            }
            let t = &v[toks[i].start..toks[i].end];
            let mut best: Option<(usize, u32, usize)> = None; // (end tok, node, prefix)
            if starts {
                self.longest_from(i, 0, roots[i], t, v, toks, &mut ids, &mut best);
            }
            if clitic {
                clitic_stems(t, &mut buf, |pre, stem, rebuilt| {
                    let k = stem_key(toks[i], pre, stem, rebuilt);
                    if self.table.may_start(k.hash) {
                        let slot = self.table.get(stem.as_bytes(), k);
                        let root = (slot.root, slot.root_flags);
                        self.longest_from(i, pre, root, stem, v, toks, &mut ids, &mut best);
                    }
                });
            }
            if best.is_none() {
                // pronoun-suffixed role words (نظيره، وزير خارجيته) are stored whole; a plain
                // suffixed name (حكومته) is not a link
                continue;
            }
            let (j, node, pre) = best.unwrap();
            let kind = match self.titles.get(&node) {
                Some(t) if self.targets[node as usize].is_empty() => RawKind::Title(*t),
                _ => RawKind::Entry(node),
            };
            out.push(Raw {
                tok: i,
                end_tok: j,
                b0: toks[i].start + pre,
                b1: toks[j].end,
                prefix: pre,
                kind,
            });
            free = j + 1;
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve<'s>(
        &'s self,
        raw: &[Raw],
        i: usize,
        toks: &[Tok],
        v: &str,
        date: Option<&str>,
        st: &mut DocState<'s>,
        out: &mut Vec<Link>,
    ) -> usize {
        let m = &raw[i];
        match &m.kind {
            RawKind::Title(t) => self.resolve_title(*t, raw, i, toks, v, date, st, out),
            RawKind::Entry(node) => {
                let ts = &self.targets[*node as usize];
                let Some((idx, kind)) = self.choose(ts, m, toks, v, st) else {
                    return 1;
                };
                let e = self.entry(idx);
                if let FormKind::Adjective { plural } = kind {
                    // جنود أمريكيون، رجال شرطة عراقيون: a sector noun qualified by the adjective
                    // is that state's sector (the definite forms are KB names already)
                    if let Some((head, sector)) = self.sector_head(m, toks, v, out) {
                        let sector_actor = e
                            .country
                            .as_ref()
                            .and_then(|c| self.by_id.get(&format!("{c}_{sector}")));
                        if let Some(&sa) = sector_actor {
                            let label = label_of(self.entry(sa));
                            self.push(out, st, (head.0, head.1, m.b1), label, sa);
                            return 1;
                        }
                    }
                    // الحراك السعودي، الانتهاكات الإسرائيلية، الجانبين المصري والروسي: the
                    // adjective names the state acting (as the guidelines code it)
                    if !plural && self.state_agent(m, toks, v, out) {
                        self.push(out, st, (m.tok, m.b0, m.b1), EntityLabel::GPE, idx);
                        return 1;
                    }
                    if !plural {
                        return 1;
                    }
                    // الروس، الأمريكيون: the state
                    self.push(out, st, (m.tok, m.b0, m.b1), EntityLabel::GPE, idx);
                    return 1;
                }
                // a capital that acts is its government
                if let Some(gov) = &e.metonym_of {
                    if self.acting(m, toks, v) {
                        if let Some(&g) = self.by_id.get(gov) {
                            self.push(out, st, (m.tok, m.b0, m.b1), EntityLabel::GPE, g);
                            return 1;
                        }
                    }
                }
                let mut label = label_of(e);
                // في سوريا، بسوريا، شمال سوريا: the state only locates (LOC, still linked)
                if e.kind == ActorKind::State && e.sector.is_none() && self.place_cue(m, toks, v) {
                    label = EntityLabel::LOC;
                }
                self.push(out, st, (m.tok, m.b0, m.b1), label, idx);
                1
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_title<'s>(
        &'s self,
        t: Title,
        raw: &[Raw],
        i: usize,
        toks: &[Tok],
        v: &str,
        date: Option<&str>,
        st: &mut DocState<'s>,
        out: &mut Vec<Link>,
    ) -> usize {
        let m = &raw[i];
        let next = raw
            .get(i + 1)
            .filter(|n| n.tok == m.end_tok + 1 && n.prefix == 0);
        // the country that qualifies the title: an adjective (الرئيس الروسي) or, for construct
        // forms, a state name (رئيس روسيا)
        let mut country: Option<(String, &Raw)> = None;
        let mut t = t;
        if let Some(n) = next {
            if let RawKind::Entry(node) = n.kind {
                for tg in &self.targets[node as usize] {
                    let e = self.entry(tg.entry as usize);
                    // رئيس مجلس نواب الشعب، رئيس البرلمان التونسي: the parliament's speaker (the
                    // parliament is a mention too)
                    let parliament = t == Title::OfficeOf("president")
                        && e.kind == ActorKind::State
                        && e.sector.as_deref() == Some("LEG")
                        && (matches!(tg.kind, FormKind::Name)
                            || st.linked.contains(&(tg.entry as usize))
                            || st.strong_seen.contains(&(tg.entry as usize)));
                    if parliament {
                        if let Some(c) = e.country.clone() {
                            t = Title::OfficeOf("parliament_speaker");
                            self.push(
                                out,
                                st,
                                (n.tok, n.b0, n.b1),
                                EntityLabel::ORG,
                                tg.entry as usize,
                            );
                            country = Some((c, n));
                            break;
                        }
                    }
                    let fits = match (t, tg.kind) {
                        (Title::OfficeOf(_), FormKind::Name) => {
                            e.kind == ActorKind::State && e.sector.is_none()
                        }
                        (Title::OfficeOf(_), _) => false,
                        (_, FormKind::Adjective { .. }) => true,
                        _ => false,
                    };
                    if fits {
                        country = e.country.clone().map(|c| (c, n));
                        break;
                    }
                }
            }
        }
        let mut span_end_tok = m.end_tok;
        let mut b1 = m.b1;
        let mut consumed = 1;
        if let Some((_, n)) = &country {
            span_end_tok = n.end_tok;
            b1 = n.b1;
            consumed = 2;
        }
        let word = |k: usize| toks.get(k).map(|t| &v[t.start..t.end]);
        // السفير السعودي (الدائم) لدى مصر / في القاهرة: the host is part of the description, and
        // a host that is the UN makes the office the UN ambassador's
        if matches!(
            t,
            Title::Office("ambassador") | Title::OfficeOf("ambassador")
        ) && country.is_some()
        {
            let mut k = span_end_tok + 1;
            if word(k).is_some_and(|w| w == "الدايم" || w == "الدايمه") {
                k += 1;
            }
            let host = word(k)
                .filter(|w| ["لدي", "في", "الي"].contains(w))
                .and_then(|_| raw.get(i + consumed))
                .filter(|p| p.tok == k + 1 && p.prefix == 0);
            // (المملكة: the kingdom the document is about, as anywhere else)
            let host_entry = host.and_then(|p| match p.kind {
                RawKind::Entry(node) => self
                    .choose(&self.targets[node as usize], p, toks, v, st)
                    .map(|(e, _)| (p, e))
                    .filter(|&(_, e)| {
                        matches!(
                            self.entry(e).kind,
                            ActorKind::State | ActorKind::Location | ActorKind::Igo
                        )
                    }),
                _ => None,
            });
            if let Some((p, e)) = host_entry {
                self.push(out, st, (p.tok, p.b0, p.b1), label_of(self.entry(e)), e);
                if self.entry(e).id == "IGO_UN" {
                    t = Title::Office("un_ambassador");
                }
                span_end_tok = p.end_tok;
                consumed += 1;
            }
            // سفير جمهورية مصر العربية: no holder will take the title's span, so the sending
            // state stays a mention of its own (a nationality adjective was none before either)
            if let (Title::OfficeOf("ambassador"), Some((_, n))) = (t, &country) {
                if let RawKind::Entry(node) = n.kind {
                    let ts = &self.targets[node as usize];
                    if let Some((e, _)) = self.choose(ts, n, toks, v, st) {
                        self.push(out, st, (n.tok, n.b0, n.b1), label_of(self.entry(e)), e);
                        b1 = m.b1;
                    }
                }
            }
        }
        // وزيرة الخارجية الأمريكية السابقة: a former holder, not the one at the date
        let former = word(span_end_tok + 1).is_some_and(|w| FORMER.contains(&w));
        if former {
            span_end_tok += 1;
        }
        // نائب وزير الخارجية الروسي: someone else's title; مستشفى الملك خالد: a name of a place
        let before = (m.prefix == 0 && m.tok > 0)
            .then(|| word(m.tok - 1))
            .flatten()
            .map(|w| {
                w.strip_prefix('و')
                    .or_else(|| w.strip_prefix('ف'))
                    .unwrap_or(w)
            });
        let deputy = before.is_some_and(|w| DEPUTY.contains(&w));
        let named_after = before.is_some_and(|w| {
            clitic_variants(w)
                .iter()
                .any(|(_, x)| NAMED_AFTER.contains(&x.as_str()))
        });
        if named_after {
            return consumed;
        }
        if let Title::Collective(sector) = t {
            // هذه المعارضة للاتفاق: the verbal noun "opposition to", not the opposition
            // لهذه المعارضة: the demonstrative behind a preposition too
            let verbal_noun = before
                .is_some_and(|w| DEMONSTRATIVES.contains(&w.strip_prefix(['ل', 'ب']).unwrap_or(w)))
                || country.is_none()
                    && word(m.end_tok + 1).is_some_and(|w| w.starts_with('ل'))
                    && v[toks[m.end_tok].end..toks[m.end_tok + 1].start]
                        .chars()
                        .all(char::is_whitespace);
            if verbal_noun {
                return consumed;
            }
            let after_fi = country
                .is_none()
                .then(|| {
                    self.state_after_fi(raw, i, toks, v)
                        .or_else(|| self.last_sector_country(out, sector))
                })
                .flatten();
            let c = match (&country, &after_fi) {
                (Some((c, _)), _) | (None, Some(c)) => Some(c.as_str()),
                (None, None) => st.main_country(),
            };
            let actor = c.and_then(|c| self.by_id.get(&format!("{c}_{sector}")));
            if let Some(&idx) = actor {
                let label = label_of(self.entry(idx));
                self.push(out, st, (m.tok, m.b0, b1), label, idx);
            }
            return consumed;
        }
        // الأمين العام للأمم المتحدة: the organisation inside the title is a mention too
        if let Title::Fixed(_) = t {
            if let Some((k, b0, b1, idx)) = self.nested_org(m, toks, v) {
                self.push(out, st, (k, b0, b1), EntityLabel::ORG, idx);
            }
        }
        let office_country: Option<(&str, String)> = match t {
            _ if former || deputy => None,
            Title::Office(o) => match &country {
                Some((c, _)) => Some((o, c.clone())),
                // bare الرئيس: the last president of the document
                None => st.last_office.get(o).map(|c| (o, c.clone())),
            },
            Title::HomeOffice(o) => match &country {
                Some((c, _)) => Some((o, c.clone())),
                None => st
                    .last_office
                    .get(o)
                    .map(String::as_str)
                    .or_else(|| st.main_country())
                    .map(|c| (o, c.to_string())),
            },
            Title::OfficeOf(o) => country.as_ref().map(|(c, _)| (o, c.clone())),
            Title::Fixed(o) => Some((o, String::new())),
            Title::Counterpart => match (&st.last_person_office, &country) {
                (Some((o, _)), Some((c, _))) => Some((leak(o), c.clone())),
                _ => None,
            },
            Title::OwnOffice(o) => st.last_person_office.as_ref().map(|(_, c)| (o, c.clone())),
            Title::Latter | Title::Minister | Title::Collective(_) => None,
        };
        // a name right after the description names the person (الرئيس الروسي فلاديمير بوتين)
        let after = raw
            .get(i + consumed)
            .filter(|n| n.tok == span_end_tok + 1 && n.prefix == 0);
        if let Some(n) = after {
            if let RawKind::Entry(node) = n.kind {
                if let Some(tg) = self.targets[node as usize].iter().find(|tg| {
                    self.entry(tg.entry as usize).kind == ActorKind::Person
                        && matches!(tg.kind, FormKind::Name | FormKind::Weak)
                }) {
                    let idx = tg.entry as usize;
                    self.push(out, st, (n.tok, n.b0, n.b1), EntityLabel::PER, idx);
                    // مندوب سوريا بشار الجعفري: the office the person holds (the UN
                    // ambassador's) says more than the generic one of the title
                    let own_office = is_ambassador_title(&office_country)
                        && self.entry(idx).role_at(date).is_some();
                    if let Some((o, c)) = office_country.as_ref().filter(|_| !own_office) {
                        st.note_office(o, c);
                    }
                    return consumed + 1;
                }
            }
        }
        if matches!(t, Title::Latter) {
            // الأخير is mostly an adjective (الأسبوع الأخير); it names a person as the subject
            // of a reporting verb (وقال الأخير)
            let prev = (m.tok > 0).then(|| &v[toks[m.tok - 1].start..toks[m.tok - 1].end]);
            let after_verb = prev.is_some_and(|p| {
                let p = p
                    .strip_prefix('و')
                    .or_else(|| p.strip_prefix('ف'))
                    .unwrap_or(p);
                REPORTING_VERBS.contains(&p)
            });
            if !after_verb {
                return 1;
            }
            if let Some(p) = st.last_person.clone() {
                out.push(Link {
                    tok: m.tok,
                    b0: m.b0,
                    b1: m.b1,
                    label: EntityLabel::PER,
                    to: p.clone(),
                    by_name: false,
                });
                st.occupied[m.tok] = true;
            }
            return 1;
        }
        // unknown person introduced by a description: a document-local actor
        let name_toks = self.name_after(
            span_end_tok,
            toks,
            v,
            &country.is_some(),
            raw,
            &st.dotted_ali,
        );
        // نظيره الألماني فرانك فالتر: the counterpart's name, when it is theirs
        if let (Some(&a), Some(&b), Title::Counterpart, Some((o, c))) =
            (name_toks.first(), name_toks.last(), t, &office_country)
        {
            let (b0, b1n) = (toks[a].start, toks[b].end);
            let holder = std::iter::once(*o)
                .chain(office_family(o).iter().copied())
                .find_map(|f| self.holder_idx(f, c, date))
                .filter(|&h| self.name_agrees(h, &v[b0..b1n]));
            if let Some(h) = holder {
                self.push(out, st, (a, b0, b1n), EntityLabel::PER, h);
                st.note_office(o, c);
                return consumed;
            }
        }
        if !name_toks.is_empty() && !matches!(t, Title::Counterpart | Title::OwnOffice(_)) {
            let (a, b) = (name_toks[0], *name_toks.last().unwrap());
            let b0 = toks[a].start;
            let b1n = toks[b].end;
            // the office holder only when the written name agrees with one of theirs: a
            // different name is a different person (or a KB gap), kept document-local
            let holder = office_country
                .as_ref()
                .and_then(|(o, c)| self.holder_idx(o, c, date))
                .filter(|&h| self.name_agrees(h, &v[b0..b1n]));
            if let Some(h) = holder {
                self.push(out, st, (a, b0, b1n), EntityLabel::PER, h);
            } else {
                let name = &v[b0..b1n];
                let country = office_country
                    .as_ref()
                    .map(|(_, c)| c.clone())
                    .filter(|c| !c.is_empty());
                let local = Actor {
                    id: format!("local:{}", name.replace(' ', "_")),
                    name: mirsad_text::translit::transliterate(name),
                    name_ar: Some(name.to_string()),
                    kind: ActorKind::Person,
                    country,
                    sector: Some("GOV".into()),
                    role: office_country.as_ref().map(|(o, c)| {
                        match self.state_by_country.get(c.as_str()) {
                            Some(&si) => format!("{} of {}", office_label(o), self.entry(si).name),
                            None => office_label(o).to_string(),
                        }
                    }),
                    wikidata: None,
                    in_kb: Some(false),
                    mentions: None,
                };
                let to = LinkedTo::Local(local);
                st.last_person = Some(to.clone());
                // so that نظيره after a named holder the KB lacks has an office to mirror
                if let Some((o, c)) = &office_country {
                    st.last_person_office = Some((o.to_string(), c.clone()));
                }
                out.push(Link {
                    tok: a,
                    b0,
                    b1: b1n,
                    label: EntityLabel::PER,
                    to,
                    by_name: true,
                });
                for k in a..=b {
                    st.occupied[k] = true;
                }
            }
            if let Some((o, c)) = &office_country {
                st.note_office(o, c);
            }
            return consumed;
        }
        // اللواء كامل الوزير: after a given name الوزير is a family name
        let surname =
            before.is_some_and(|w| self.given_name_at(w, m.tok.wrapping_sub(1), &st.dotted_ali));
        // الوزير المنتدب لدى وزير الداخلية: a junior minister, someone else than the last one
        let junior = word(span_end_tok + 1).is_some_and(|w| w == "المنتدب" || w == "المنتدبه");
        if t == Title::Minister {
            if let Some((idx, c)) = st.last_minister.clone().filter(|_| !surname && !junior) {
                if country.as_ref().is_none_or(|(a, _)| *a == c) && !former && !deputy {
                    self.push(out, st, (m.tok, m.b0, b1), EntityLabel::PER, idx);
                    if let Some(l) = out.last_mut() {
                        l.by_name = false;
                    }
                }
            }
            return consumed;
        }
        // the description alone names the office holder
        if let Some((o, c)) = office_country {
            if matches!(t, Title::Office(_) | Title::OfficeOf(_)) && !c.is_empty() {
                // وزير المالية القطري ... نظيره الجزائري: the counterpart is of the office just
                // described, whether or not the KB knows who held it
                st.last_person_office = Some((o.to_string(), c.clone()));
            }
            let mut holder = self.holder_idx(o, &c, date);
            if holder.is_none() && matches!(t, Title::Counterpart) {
                holder = office_family(o)
                    .iter()
                    .find_map(|f| self.holder_idx(f, &c, date));
            }
            if let Some(h) = holder {
                // bare الرئيس only counts when a president of that country was named before
                self.push(out, st, (m.tok, m.b0, b1), EntityLabel::PER, h);
                if let Some(l) = out.last_mut() {
                    l.by_name = false;
                }
                st.note_office(o, &c);
            } else if matches!(t, Title::Counterpart) && !c.is_empty() {
                // نظيره السوداني, a holder the KB lacks: still someone, a document-local official
                // of that state (a role of the event that mentions them)
                let role = match self.state_by_country.get(c.as_str()) {
                    Some(&si) => format!("{} of {}", office_label(o), self.entry(si).name),
                    None => office_label(o).to_string(),
                };
                let local = Actor {
                    id: format!("local:{o}_{}", c.to_lowercase()),
                    name: role.clone(),
                    name_ar: Some(v[m.b0..b1].to_string()),
                    kind: ActorKind::Person,
                    country: Some(c.clone()),
                    sector: Some("GOV".into()),
                    role: Some(role),
                    wikidata: None,
                    in_kb: Some(false),
                    mentions: None,
                };
                out.push(Link {
                    tok: m.tok,
                    b0: m.b0,
                    b1,
                    label: EntityLabel::PER,
                    to: LinkedTo::Local(local),
                    by_name: false,
                });
                st.occupied[m.tok] = true;
            }
        }
        consumed
    }

    /// Tokens after a title that look like a person's name not in the KB: up to three tokens, not
    /// stop words, not already linked; without a country the first must be a known first name.
    fn name_after(
        &self,
        end_tok: usize,
        toks: &[Tok],
        v: &str,
        has_country: &bool,
        raw: &[Raw],
        dotted_ali: &[usize],
    ) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut k = end_tok + 1;
        while k < toks.len() && out.len() < 4 {
            if v[toks[k - 1].end..toks[k].start]
                .chars()
                .any(|c| !c.is_whitespace())
            {
                break;
            }
            let w = &v[toks[k].start..toks[k].end];
            let inside = raw
                .binary_search_by(|r| {
                    if r.end_tok < k {
                        std::cmp::Ordering::Less
                    } else if r.tok > k {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok();
            let the_name_ali = w == dotted_ali::ALI && dotted_ali.binary_search(&k).is_ok();
            if inside
                || NOT_NAME.contains(&w) && !the_name_ali
                || self.blocked.contains(w)
                || w.chars().count() < 2
                || w.bytes().all(|b| b.is_ascii_digit())
            {
                break;
            }
            let known = self.first_names.contains(w);
            // a word ending in ة (folded to ه) is a noun (مناسبة، خلاله), not a foreign name;
            // مؤكدا، مضيفا are adverbial participles; بإنشاء is a preposition and a noun
            let n = w.chars().count();
            let first_known = out
                .first()
                .is_some_and(|&f| self.first_names.contains(&v[toks[f].start..toks[f].end]));
            let wordlike = !known
                // تتناول، يبحث: an imperfect verb, the sentence goes on
                && (out.is_empty() && (w.starts_with('ت') || w.starts_with('ي')) && n >= 4
                    || w.ends_with('ه')
                    || w.starts_with('م') && w.ends_with('ا') && n >= 5
                    || ["با", "لا", "كا", "لل"].iter().any(|p| w.starts_with(p)) && n >= 5
                    || !out.is_empty() && w.starts_with("ال") && !first_known
                    || !out.is_empty() && self.clitic_word(w));
            if out.is_empty() && (wordlike || !known && (!*has_country || w.starts_with("ال"))) {
                break;
            }
            if !out.is_empty() && (wordlike || w.starts_with('و') && !known) {
                break;
            }
            // بن starts no name; a short unknown word behind a clitic (بأم، بما) is not a name
            if out.is_empty() && ["بن", "ابن", "بنت"].contains(&w) {
                break;
            }
            if !known
                && n <= 3
                && !COMPOUND.contains(&w)
                && w.starts_with(['ب', 'ل', 'ك', 'و', 'ف'])
            {
                break;
            }
            // past two words a name goes on only through a compound (بن، عبد) or a family name
            // after known given names (محمد أنور السادات); otherwise the sentence has resumed
            // (خالد الفيصل مستشار، جمال عبد الناصر تأميم)
            if out.len() >= 2 {
                let prev = &v[toks[k - 1].start..toks[k - 1].end];
                let all_known = out
                    .iter()
                    .all(|&o| self.first_names.contains(&v[toks[o].start..toks[o].end]));
                let goes_on = COMPOUND.contains(&prev)
                    || COMPOUND.contains(&w)
                    || known
                    || all_known && w.starts_with("ال");
                if !goes_on {
                    break;
                }
            }
            out.push(k);
            k += 1;
        }
        // بن / عبد / أبو cannot end a name
        while out
            .last()
            .is_some_and(|&l| COMPOUND.contains(&&v[toks[l].start..toks[l].end]))
        {
            out.pop();
        }
        // one unknown word is more likely a word than a name
        if out.len() == 1
            && !self
                .first_names
                .contains(&v[toks[out[0]].start..toks[out[0]].end])
        {
            out.clear();
        }
        // a name that is only given names (فهد بن) needs a family name
        if out.len() == 1 {
            out.clear();
        }
        out
    }

    /// A token that is a clitic plus a KB word (بجازان): part of the sentence, not of a name.
    fn clitic_word(&self, w: &str) -> bool {
        clitic_variants(w)
            .iter()
            .skip(1)
            .any(|(_, stem)| stem.chars().count() >= 3 && self.vocab.contains_key(stem.as_str()))
    }

    /// Whether a written name shares a word (of three letters or more) with the actor's forms.
    fn name_agrees(&self, idx: usize, written: &str) -> bool {
        let mine: FxHashSet<String> = self
            .entry(idx)
            .forms()
            .flat_map(|f| {
                normalize_word(f)
                    .split(' ')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        written
            .split(' ')
            .any(|w| w.chars().count() >= 3 && mine.contains(w))
    }

    /// Picks the entry a matched form names, using document context for ambiguous and weak forms.
    fn choose(
        &self,
        ts: &[Target],
        m: &Raw,
        toks: &[Tok],
        v: &str,
        st: &DocState<'_>,
    ) -> Option<(usize, FormKind)> {
        let cue = self.locative_cue(m, toks, v);
        let one_word = m.tok == m.end_tok;
        // the word before, when it is a given name (بشار الجعفري): a person's context; the
        // name matched must then be a form of the person with that given name
        let given_before = (m.prefix == 0 && m.tok > 0)
            .then(|| &v[toks[m.tok - 1].start..toks[m.tok - 1].end])
            .filter(|w| self.given_name_at(w, m.tok - 1, &st.dotted_ali));
        // a one-word place named like a given name (بشار، عادل): only after a locative cue, and
        // never when a name follows it (بشار الجعفري is a person, not Béchar)
        let given_name_form = one_word && self.first_names.contains(&v[m.b0..m.b1]);
        let mut best: Option<(i64, usize, FormKind)> = None;
        for t in ts {
            let idx = t.entry as usize;
            let e = self.entry(idx);
            if e.kind == ActorKind::Location && given_name_form && !cue {
                continue;
            }
            // a surname after a different given name is someone else (بشار الجعفري is not
            // إبراهيم الجعفري): the entry must have a form with that given name
            if let Some(g) = given_before {
                if e.kind == ActorKind::Person {
                    // (ولد الشيخ after سيدي محمد is not Ismail Ould Cheikh Ahmed either)
                    let with_given = format!("{g} {}", &v[m.b0..m.b1]);
                    let has = e.forms().any(|f| normalize_word(f).contains(&with_given));
                    if !has {
                        continue;
                    }
                }
            }
            let country_ctx = e
                .country
                .as_ref()
                .map(|c| st.country_count.get(c.as_str()).copied().unwrap_or(0) as i64)
                .unwrap_or(0);
            let mut score = match t.kind {
                FormKind::Name => 100,
                FormKind::Adjective { .. } => 90,
                FormKind::Weak => {
                    // a weak form links after a strong mention of the same actor; a place also
                    // after a locative cue; a person's short name (الأسد) also in a document
                    // about the person's country
                    let ok = st.strong_seen.contains(&idx)
                        || st.linked.contains(&idx)
                        || e.kind == ActorKind::Location && cue
                        || e.kind == ActorKind::Person && country_ctx > 0
                        // المملكة: the kingdom the document is about
                        || e.kind == ActorKind::State && e.sector.is_none() && country_ctx > 0
                        // الحزب الجمهوري: a party's short name in a document about its country
                        || e.kind == ActorKind::Organization && country_ctx >= 2;
                    if !ok {
                        continue;
                    }
                    60
                }
            };
            score += 10 * country_ctx.min(5);
            if st.linked.contains(&idx) {
                score += 30;
            }
            // a place after في is a place; a state or government elsewhere
            if e.kind == ActorKind::Location && cue {
                score += 15;
            }
            if e.kind == ActorKind::State && e.sector.is_none() && !cue {
                score += 5;
            }
            if best.is_none_or(|b| score > b.0) {
                best = Some((score, idx, t.kind));
            }
        }
        best.map(|b| (b.1, b.2))
    }

    /// An organisation named inside a title (للأمم المتحدة in الأمين العام للأمم المتحدة), as
    /// (first token, view byte range, entry).
    fn nested_org(&self, m: &Raw, toks: &[Tok], v: &str) -> Option<(usize, usize, usize, usize)> {
        let mut ids = vec![UNKNOWN_ID; toks.len()];
        let mut buf = String::new();
        for k in m.tok + 1..=m.end_tok {
            let t = &v[toks[k].start..toks[k].end];
            let mut best = None;
            let root = self.root_of(self.word_id(t));
            self.longest_from(k, 0, root, t, v, toks, &mut ids, &mut best);
            clitic_stems(t, &mut buf, |pre, stem, _| {
                let root = self.root_of(self.word_id(stem));
                self.longest_from(k, pre, root, stem, v, toks, &mut ids, &mut best);
            });
            let Some((j, node, pre)) = best else {
                continue;
            };
            if j > m.end_tok {
                continue;
            }
            let org = self.targets[node as usize].iter().find(|tg| {
                matches!(tg.kind, FormKind::Name)
                    && matches!(
                        self.entry(tg.entry as usize).kind,
                        ActorKind::Igo | ActorKind::Organization
                    )
            });
            if let Some(tg) = org {
                return Some((k, toks[k].start + pre, toks[j].end, tg.entry as usize));
            }
        }
        None
    }

    /// A singular nationality adjective that qualifies an action or stance of a state (a noun
    /// of `STATE_AGENT_NOUNS` just before), or is coordinated with such an adjective (والروسي
    /// right after a linked المصري).
    fn state_agent(&self, m: &Raw, toks: &[Tok], v: &str, out: &[Link]) -> bool {
        if m.tok == 0
            || v[toks[m.tok - 1].end..toks[m.tok].start]
                .chars()
                .any(|c| !c.is_whitespace())
        {
            return false;
        }
        if m.prefix > 0 {
            let p = &v[toks[m.tok].start..toks[m.tok].start + m.prefix];
            return p == "و"
                && out.last().is_some_and(|l| {
                    l.tok + 1 == m.tok
                        && l.label == EntityLabel::GPE
                        && matches!(l.to, LinkedTo::Kb(i) if self.entry(i).kind == ActorKind::State)
                });
        }
        let prev = &v[toks[m.tok - 1].start..toks[m.tok - 1].end];
        let prev = prev
            .strip_prefix('و')
            .filter(|p| p.starts_with("ال"))
            .unwrap_or(prev);
        self.agent_nouns.contains(prev)
    }

    /// The sector noun (one or two words, proclitics allowed) right before a nationality
    /// adjective, as (first token, view byte start) and sector, unless already linked.
    fn sector_head(
        &self,
        m: &Raw,
        toks: &[Tok],
        v: &str,
        out: &[Link],
    ) -> Option<((usize, usize), &'static str)> {
        if m.prefix > 0 || m.tok == 0 {
            return None;
        }
        let free_from = out
            .last()
            .map_or(0, |l| toks.partition_point(|t| t.start < l.b1));
        let joined = |a: usize, b: usize| {
            v[toks[a].end..toks[b].start]
                .chars()
                .all(char::is_whitespace)
        };
        let word = |k: usize| &v[toks[k].start..toks[k].end];
        if !joined(m.tok - 1, m.tok) || m.tok - 1 < free_from {
            return None;
        }
        // the word itself, then its clitic readings in `clitic_stems` order (no allocation for
        // the one-word heads, which are most)
        let lookup = |first: usize, rest: &str| -> Option<((usize, usize), &'static str)> {
            let mut key = String::new();
            let mut get = |stem: &str| {
                if rest.is_empty() {
                    self.sector_heads.get(stem).copied()
                } else {
                    key.clear();
                    key.push_str(stem);
                    key.push(' ');
                    key.push_str(rest);
                    self.sector_heads.get(key.as_str()).copied()
                }
            };
            let w = word(first);
            if let Some(sec) = get(w) {
                return Some(((first, toks[first].start), sec));
            }
            let mut found = None;
            let mut buf = String::new();
            clitic_stems(w, &mut buf, |pre, stem, _| {
                if found.is_none() {
                    found = get(stem).map(|sec| ((first, toks[first].start + pre), sec));
                }
            });
            found
        };
        if m.tok >= 2 && m.tok - 2 >= free_from && joined(m.tok - 2, m.tok - 1) {
            if let Some(h) = lookup(m.tok - 2, word(m.tok - 1)) {
                return Some(h);
            }
        }
        lookup(m.tok - 1, "")
    }

    /// A state name used as a place: after في or ب, or a word of position (داخل، شمال، وسط).
    fn place_cue(&self, m: &Raw, toks: &[Tok], v: &str) -> bool {
        if m.prefix > 0 {
            let p = &v[toks[m.tok].start..toks[m.tok].start + m.prefix];
            return p.ends_with('ب');
        }
        if m.tok == 0 {
            return false;
        }
        let prev = &v[toks[m.tok - 1].start..toks[m.tok - 1].end];
        let prev = prev
            .strip_prefix('و')
            .filter(|p| p.chars().count() >= 2)
            .unwrap_or(prev);
        STATE_AS_PLACE.contains(&prev)
    }

    fn locative_cue(&self, m: &Raw, toks: &[Tok], v: &str) -> bool {
        if m.prefix > 0 {
            let p = &v[toks[m.tok].start..toks[m.tok].start + m.prefix];
            if p.ends_with('ب') {
                return true;
            }
        }
        if m.tok == 0 {
            return false;
        }
        let prev = &v[toks[m.tok - 1].start..toks[m.tok - 1].end];
        let prev = prev
            .strip_prefix('و')
            .filter(|p| p.chars().count() >= 2)
            .unwrap_or(prev);
        if self.locative.contains(prev) {
            return true;
        }
        // العاصمة الأردنية عمان: a locative noun qualified by an adjective
        m.tok >= 2 && prev.starts_with("ال") && {
            let pp = &v[toks[m.tok - 2].start..toks[m.tok - 2].end];
            ["العاصمه", "مدينه", "بلده", "محافظه"].contains(&pp)
        }
    }

    /// A capital acts when a verb governs it: a feminine verb just before (أعلنت موسكو، ترفض
    /// موسكو) or right after (موسكو تتهم), with no preposition in front.
    fn acting(&self, m: &Raw, toks: &[Tok], v: &str) -> bool {
        if m.prefix > 0 || self.locative_cue(m, toks, v) {
            let p = &v[toks[m.tok].start..toks[m.tok].start + m.prefix];
            if m.prefix > 0 && (p.contains('ب') || p.contains('ل') || p.contains('ك')) {
                return false;
            }
            if m.prefix == 0 {
                return false;
            }
        }
        let verbish = |w: &str| {
            let w = w
                .strip_prefix('و')
                .or_else(|| w.strip_prefix('ف'))
                .unwrap_or(w);
            let n = w.chars().count();
            n >= 3
                && !NON_VERBS.contains(&w)
                && (w.ends_with('ت') && !w.ends_with("ات")
                    || w.starts_with('ت') && n >= 4
                    || w.starts_with("ست"))
        };
        if m.tok > 0 {
            let prev = &v[toks[m.tok - 1].start..toks[m.tok - 1].end];
            if verbish(prev) && !v[toks[m.tok - 1].end..toks[m.tok].start].contains([',', '.', ':'])
            {
                return true;
            }
        }
        if let Some(n) = toks.get(m.end_tok + 1) {
            let w = &v[n.start..n.end];
            // موسكو تتهم، موسكو انتقدت
            if (w.starts_with('ت') && w.chars().count() >= 4 || verbish(w))
                && !NON_VERBS.contains(&w)
                && !v[toks[m.end_tok].end..n.start].contains([',', '.'])
            {
                return true;
            }
        }
        false
    }

    fn push<'s>(
        &'s self,
        out: &mut Vec<Link>,
        st: &mut DocState<'s>,
        span: (usize, usize, usize),
        label: EntityLabel,
        idx: usize,
    ) {
        let tok = span.0;
        let e = self.entry(idx);
        if e.kind == ActorKind::Person {
            st.last_person = Some(LinkedTo::Kb(idx));
            if let Some(r) = e.role_at(st.date.as_deref()).or_else(|| e.role_at(None)) {
                if let (Some(o), Some(c)) = (&r.office, &r.country) {
                    if o.ends_with("_minister") && o != "prime_minister" {
                        st.last_minister = Some((idx, c.clone()));
                    }
                    st.last_person_office = Some((o.clone(), c.clone()));
                }
            }
        }
        if let Some(c) = &e.country {
            *st.country_count.entry(c.as_str()).or_default() += 1;
        }
        st.linked.insert(idx);
        st.occupied[tok] = true;
        out.push(Link {
            tok: span.0,
            b0: span.1,
            b1: span.2,
            label,
            to: LinkedTo::Kb(idx),
            by_name: true,
        });
    }

    /// Short names after a full name in the same document (الأسد after بشار الأسد), for KB and
    /// local persons alike.
    fn coreference<'s>(
        &'s self,
        v: &str,
        toks: &[Tok],
        out: &mut Vec<Link>,
        st: &mut DocState<'s>,
    ) {
        let mut short: FxHashMap<String, (usize, LinkedTo)> = FxHashMap::default();
        let mut covered = vec![false; toks.len()];
        for o in out.iter() {
            for (k, t) in toks.iter().enumerate().skip(o.tok) {
                if t.start >= o.b1 {
                    break;
                }
                covered[k] = true;
            }
        }
        for o in out.iter() {
            if o.label != EntityLabel::PER || !o.by_name {
                continue;
            }
            let name = &v[o.b0..o.b1];
            let parts: Vec<&str> = name.split(' ').collect();
            if parts.len() < 2 {
                continue;
            }
            let last = parts[parts.len() - 1];
            // عبد الله, أبو مازن, بن سلمان: the last word is half of a compound, not a surname
            let compound = [
                "عبد",
                "ابو",
                "بن",
                "ابن",
                "ال",
                "الملا",
                "الشيخ",
                "الامير",
                "الملك",
                "السيد",
                "الحاج",
            ]
            .contains(&parts[parts.len() - 2]);
            if last.chars().count() >= 3
                && !compound
                && !NOT_NAME.contains(&last)
                && !self.first_names.contains(last)
                && !self.blocked.contains(last)
            {
                short
                    .entry(last.to_string())
                    .or_insert((o.tok, o.to.clone()));
            }
        }
        if short.is_empty() {
            return;
        }
        self.prefer_named_in_full(v, toks, out, &short);
        // a token can only be a short name (with proclitics) if it ends like one: test its last
        // byte before any hashing (this loop visits every token of the document)
        let mut last_bytes = [false; 256];
        for k in short.keys() {
            last_bytes[*k.as_bytes().last().unwrap() as usize] = true;
        }
        let mut buf = String::new();
        for (k, t) in toks.iter().enumerate() {
            let w = &v[t.start..t.end];
            if !last_bytes[*w.as_bytes().last().unwrap() as usize] || covered[k] || st.occupied[k] {
                continue;
            }
            let mut hit = short.get(w).map(|x| (0, x));
            // موال لصالح "loyal to Saleh" is the name again
            let loyal = k > 0 && {
                let p = &v[toks[k - 1].start..toks[k - 1].end];
                let p = p.strip_prefix(['و', 'ف']).unwrap_or(p);
                p.starts_with("موال") || p.starts_with("الموال")
            };
            if hit.is_none() && (loyal || !FIXED_EXPRESSIONS.contains(&w)) {
                clitic_stems(w, &mut buf, |pre, stem, rebuilt| {
                    if hit.is_none() && !rebuilt {
                        hit = short.get(stem).map(|x| (pre, x));
                    }
                });
            }
            if let Some((pre, (first, to))) = hit {
                if *first < k {
                    out.push(Link {
                        tok: k,
                        b0: t.start + pre,
                        b1: t.end,
                        label: EntityLabel::PER,
                        to: to.clone(),
                        by_name: false,
                    });
                    st.occupied[k] = true;
                }
            }
        }
    }
}

/// Words that read as a proclitic and a short name but are fixed expressions: لصالح is "in
/// favour of", not "to Saleh" (عقيلة صالح، علي عبد الله صالح).
const FIXED_EXPRESSIONS: &[&str] = &["لصالح", "ولصالح", "لصالحه", "لصالحها"];

fn leak(s: &str) -> &'static str {
    // offices are a closed vocabulary: map back to the static keys of the title table (and the
    // offices only the KB's roles name) instead of leaking memory
    const ROLE_ONLY: &[&str] = &[
        "eu_foreign_policy_chief",
        "eu_commission_president",
        "spokesperson",
        "foreign_ministry_spokesperson",
        "leader",
        "parliament_speaker",
        "presidential_council_chairman",
        "ntc_chairman",
        "un_ambassador",
    ];
    TITLES
        .iter()
        .filter_map(|(_, t)| match *t {
            Title::Office(o)
            | Title::OfficeOf(o)
            | Title::OwnOffice(o)
            | Title::Fixed(o)
            | Title::HomeOffice(o) => Some(o),
            _ => None,
        })
        .chain(UN_ENVOY_PLACES.iter().map(|&(_, o)| o))
        .chain(ROLE_ONLY.iter().copied())
        .find(|k| *k == s)
        .unwrap_or("president")
}

fn label_of(e: &Entry) -> EntityLabel {
    match e.kind {
        ActorKind::Person => EntityLabel::PER,
        ActorKind::State if e.sector.is_none() => EntityLabel::GPE,
        ActorKind::Location => EntityLabel::LOC,
        ActorKind::EthnicGroup | ActorKind::Other => EntityLabel::MISC,
        _ => EntityLabel::ORG,
    }
}

/// Nouns (indefinite and definite, singular and plural) that a following nationality adjective
/// turns into a state's sector: جنود أمريكيون → USA_MIL, متظاهرون فلسطينيون → PSE_CVL.
#[rustfmt::skip]
const SECTOR_HEADS: &[(&str, &[&str])] = &[
    // (one official, a diplomat, an ambassador is a person: not the state's sector)
    ("GOV", &["مسؤولون", "مسؤولين", "المسؤولون", "المسؤولين", "دبلوماسيون", "دبلوماسيين",
              "حكومة", "سلطات", "وزارة", "الوزارة", "وفد", "الوفد", "سفارة", "قنصلية"]),
    ("MIL", &["جندي", "جنديا", "جنود", "جنودا", "الجندي", "قوات", "جيش", "عسكري", "عسكريا",
              "عسكريون", "عسكريين", "ضابط", "ضابطا", "ضباط", "الضابط", "طائرات", "طائرة",
              "مقاتلات", "الطائرة", "الطائرات", "قاذفات", "القاذفات", "سفن حربية",
              "طائرات حربية", "الجيش", "القوات", "حراس الأمن", "العسكري"]),
    ("COP", &["شرطة", "شرطي", "شرطيا", "الشرطي", "رجال شرطة", "رجال الشرطة", "عناصر الشرطة",
              "أفراد الشرطة", "رجال أمن", "رجال الأمن", "قوات أمن", "عناصر أمن", "عناصر الأمن",
              "قوات الأمن", "الشرطة"]),
    ("SPY", &["مخابرات", "استخبارات", "جهاز المخابرات", "أجهزة المخابرات"]),
    ("CVL", &["مدني", "مدنيا", "مدنيون", "مدنيين", "المدني", "مواطن", "مواطنا", "مواطنون",
              "مواطنين", "المواطن", "متظاهرون", "متظاهرين", "محتجون", "محتجين", "المحتجون",
              "المحتجين", "متظاهر", "محتج", "سكان", "السكان", "شبان", "شباب", "أطفال", "نساء",
              "رعايا", "سياح", "سائح", "حجاج", "الأطفال", "النساء", "الشباب", "الشبان"]),
    ("REB", &["مسلحون", "مسلحين", "مسلح", "مسلحا", "متمردون", "متمردين", "المتمردين",
              "المتمردون", "المسلحون", "المسلحين", "مقاتلون", "مقاتلين", "المقاتلين", "المقاتلون",
              "ثوار", "الثوار"]),
    ("OPP", &["معارضون", "معارضين", "معارض", "معارضا", "المعارض", "معارضة"]),
    ("LEG", &["نائب", "نواب", "برلمان", "برلماني", "برلمانيون", "برلمانيين", "مشرعون",
              "مشرعين", "النائب", "البرلمانيين"]),
    ("JUD", &["قاض", "قاضي", "قضاة", "القاضي"]),
    ("MED", &["صحفي", "صحفيا", "صحفيون", "صحفيين", "صحافي", "صحافيون", "صحافيين", "الصحفي",
              "إعلام", "وسائل إعلام", "صحيفة", "صحف", "قناة", "وكالة أنباء", "تلفزيون", "الصحف",
              "الصحافة", "وسائل الإعلام", "التلفزيون", "الصحفيين", "الصحفيون"]),
    ("REF", &["لاجئ", "لاجئا", "لاجئون", "لاجئين", "نازحون", "نازحين", "مهاجرون", "مهاجرين",
              "المهاجرين", "المهاجرون"]),
    ("LAB", &["عامل", "عمال", "عاملا", "العامل", "نقابات", "نقابة"]),
    ("EDU", &["طالب", "طالبا", "طلاب", "طلبة", "الطلبة", "الطالب"]),
    ("BUS", &["شركة", "شركات", "رجال أعمال", "مستثمرون", "مستثمرين", "تجار", "التجار"]),
];

/// Definite nouns of a state's action or stance: a nationality adjective after them names the
/// state (الموقف الروسي، الغارات الأمريكية، النوايا الإسرائيلية).
#[rustfmt::skip]
const STATE_AGENT_NOUNS: &[&str] = &[
    "الجانب", "الجانبين", "الجانبان", "الطرف", "الطرفين", "الطرفان", "الموقف", "المواقف",
    "الحراك", "التحرك", "النوايا", "النية", "الاختراق", "الانتهاكات", "الاعتداءات", "العدوان",
    "القرار", "الرد", "التدخل", "الدور", "الدعم", "السياسة", "السياسات", "المبادرة",
    "المقترح", "الاقتراح", "الغارات", "الضربات", "القصف", "الهجمات", "الهجوم", "التصعيد",
    "الحصار", "الانسحاب", "التهديدات", "المطالب", "الشروط", "الرفض", "الجهود", "الاحتلال",
    "الاستيطان", "الممارسات", "الجرائم", "الإجراءات", "الخطة", "الرؤية", "الوساطة",
    "التصريحات", "الاتهامات", "العقوبات", "الحملة", "العملية", "العمليات", "المساعي",
];

/// Verbs after which الأخير is the last person named.
#[rustfmt::skip]
const REPORTING_VERBS: &[&str] = &[
    "قال", "اكد", "اضاف", "اشار", "اوضح", "اعتبر", "راي", "شدد", "لفت", "دعا", "طالب", "رد",
    "نفي", "كشف", "اعلن", "اعرب", "بحث", "التقي", "استقبل", "وصل", "غادر", "كان", "اكد", "تابع",
    "ختم", "ذكر", "صرح", "زار", "يري", "يقول", "يعتبر", "قام", "عبر",
];

/// Words after a title that make it a former office (not the holder at the date).
const FORMER: &[&str] = &["السابق", "السابقه", "الاسبق", "الاسبقه", "الراحل", "الراحله"];

/// Words before a title that make it someone else's (نائب وزير الخارجية).
#[rustfmt::skip]
const DEPUTY: &[&str] = &[
    "نايب", "مساعد", "مستشار", "سفير", "المتحدث", "الناطق", "وكيل", "مبعوث", "ممثل", "مدير",
    "مكتب", "زوجه", "نجل", "ابن", "شقيق", "حرم",
];

/// Nouns whose name is a title and a person (مستشفى الملك خالد، مركز الأمير سلطان).
#[rustfmt::skip]
const NAMED_AFTER: &[&str] = &[
    "مستشفي", "جامعه", "مدينه", "شارع", "طريق", "مطار", "مركز", "جايزه", "قاعده", "مجمع", "ميناء",
    "كليه", "معهد", "موسسه", "برنامج", "مسجد", "جامع", "قصر", "حي", "ملعب", "استاد", "مدرسه",
    "صندوق", "مكتبه", "جسر", "مشروع", "كرسي", "قاعه", "منحه", "وقف", "جمعيه", "ستاد", "حديقه",
];

/// The first half of a compound name (عبد الله، أبو مازن، بن سلمان).
const DEMONSTRATIVES: &[&str] = &["هذه", "هذا", "تلك", "ذلك"];

const COMPOUND: &[&str] = &["عبد", "ابو", "بن", "ابن", "ال", "ام", "بنت"];

/// Words that end a name or never start one.
#[rustfmt::skip]
const NOT_NAME: &[&str] = &[
    "في", "من", "الي", "علي", "عن", "ان", "قال", "قالت", "اكد", "اكدت", "اعلن", "اعلنت",
    "خلال", "الذي", "التي", "مع", "بعد", "قبل", "امس", "اليوم", "يوم", "الاحد", "الاثنين",
    "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "انه", "انها", "حيث", "كما", "لكن",
    "او", "ثم", "هذا", "هذه", "ذلك", "تلك", "وقال", "وقالت", "واكد", "واضاف", "اضاف", "بان",
    "التقي", "يلتقي", "السابق", "السابقه", "الحالي", "الجديد", "المنتخب", "المكلف", "بالوكاله",
    "ايضا", "لدي", "عبر", "دعا", "دعت", "طالب", "حذر", "تحدث", "بحث", "زار", "يزور", "وصل",
    "استقبل", "اجري", "قايلا", "يويد", "يدعم", "يرفض", "يطالب", "يري", "تري", "يوكد", "اكدا",
    "بوضوح", "نفسه", "شخصيا", "بنفسه", "الذين", "بين", "عقب", "اثر", "منذ",
    "عام", "عاما", "سنه", "العام", "بما", "لما", "مما", "كما", "عندما", "حين", "حيث", "الذي", "التي", "بعد", "قبل", "مستشار", "خادم", "امير", "وزير", "رئيس", "نايب", "سفير", "قايد",
    "سوف", "اثناء", "ضمن",
    // particles and the copula start a predicate, not a name (نائب الرئيس العراقي قد سدد)
    "قد", "وقد", "فقد", "لقد", "لم", "ولم", "لن", "ولن", "لا", "ولا", "كان", "كانت", "وكان",
    "وكانت", "هو", "هي", "وهو", "وهي",
];

/// Words ending in ت / starting with ت that are not verbs (بيت، وقت، تحت، تلك).
#[rustfmt::skip]
const NON_VERBS: &[&str] = &[
    "بيت", "وقت", "تحت", "تلك", "ذات", "بنت", "تجاه", "تقريبا", "تحديدا", "تماما", "تونس",
    "تركيا", "توقيت", "تصريحات", "تقارير", "تقرير", "تصريح", "تطورات", "تعليقات", "الوقت",
];

/// One linked mention: first token, view byte range, label, target.
struct Link {
    tok: usize,
    b0: usize,
    b1: usize,
    label: EntityLabel,
    to: LinkedTo,
    /// Linked by a written name (not a description): its last word may be used as a short name.
    by_name: bool,
}

#[derive(Debug, Clone)]
enum LinkedTo {
    Kb(usize),
    Local(Actor),
}

#[derive(Debug)]
enum RawKind {
    /// A trie node with targets (`Linker::targets`)
    Entry(u32),
    Title(Title),
}

fn is_ambassador_title(office_country: &Option<(&str, String)>) -> bool {
    office_country
        .as_ref()
        .is_some_and(|(o, _)| *o == "ambassador")
}

/// The other spelling of a name with a compound in عبد (عبد العزيز / عبدالعزيز, عبد اللهيان /
/// عبداللهيان): the Gulf press mostly writes it as one word, the dictionaries mostly as two.
/// `form` is normalised; `None` when it has no such compound.
fn abd_spelling(form: &str) -> Option<String> {
    let words: Vec<&str> = form.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 1);
    let mut changed = false;
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        let rest = w.strip_prefix("عبد").filter(|r| r.chars().count() >= 3);
        if w == "عبد" && k + 1 < words.len() {
            out.push(format!("عبد{}", words[k + 1]));
            k += 2;
            changed = true;
            continue;
        }
        if let Some(r) = rest {
            out.push("عبد".to_string());
            out.push(r.to_string());
            changed = true;
        } else {
            out.push(w.to_string());
        }
        k += 1;
    }
    changed.then(|| out.join(" "))
}

#[derive(Debug)]
struct Raw {
    tok: usize,
    end_tok: usize,
    b0: usize,
    b1: usize,
    prefix: usize,
    kind: RawKind,
}

#[derive(Default)]
struct DocState<'k> {
    date: Option<String>,
    last_person: Option<LinkedTo>,
    last_person_office: Option<(String, String)>,
    /// The last minister (not a prime minister) linked, with their country: الوزير.
    last_minister: Option<(usize, String)>,
    last_office: FxHashMap<&'static str, String>,
    country_count: FxHashMap<&'k str, u32>,
    strong_seen: FxHashSet<usize>,
    linked: FxHashSet<usize>,
    /// Per token: part of a link already.
    occupied: Vec<bool>,
    /// Tokens written «علي» with a dotted ya: the name Ali (`dotted_ali`).
    dotted_ali: Vec<usize>,
}

impl DocState<'_> {
    /// A person was just named by an office description: bare titles (الرئيس) and counterparts
    /// (نظيره) follow that office, not whatever other office the person also holds.
    fn note_office(&mut self, office: &'static str, country: &str) {
        self.last_office.insert(office, country.to_string());
        if !country.is_empty() {
            self.last_person_office = Some((office.to_string(), country.to_string()));
        }
    }
}

/// Letters and digits, with a fast path for ASCII and the Arabic block: the generic Unicode
/// table lookup was a third of the linking time.
impl DocState<'_> {
    /// The country the document is about: named most often (names and nationality adjectives,
    /// at least three times), the first code on a tie.
    fn main_country(&self) -> Option<&str> {
        self.country_count
            .iter()
            .filter(|(_, &n)| n >= 3)
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| *c)
    }

    /// [`DocState::main_country`] when no other country is named as often.
    fn clear_country(&self) -> Option<&str> {
        let c = self.main_country()?;
        let n = self.country_count[c];
        (self.country_count.values().filter(|&&m| m == n).count() == 1).then_some(c)
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x0621..=0x063A | 0x0641..=0x064A | 0x0660..=0x0669 | 0x066E..=0x06D3 | 0x06D5 => true,
        0x0600..=0x06FF => false,
        _ => c.is_alphanumeric(),
    }
}

/// Word tokens of a normalised text: runs of letters and digits.
fn tokenize(v: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(v.len() / 6);
    let mut start: Option<usize> = None;
    for (i, c) in v.char_indices() {
        let word = is_word_char(c);
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Tok { start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Tok {
            start: s,
            end: v.len(),
        });
    }
    out
}

/// A word as the hot path sees it: a fast hash of its bytes, and its first 16 bytes (zero past
/// its end) that, with the length, are the word itself for most Arabic words, so that a table
/// slot can hold the word and be compared without reading the word list.
#[derive(Clone, Copy)]
struct WordKey {
    hash: u64,
    x: u64,
    y: u64,
    len: u32,
}

/// [`WordKey`] of a word's bytes (building the tables, rebuilt clitic stems): the word is
/// copied into a zero-padded buffer first, so that it gives the same key as [`word_key_at`].
fn word_key(b: &[u8]) -> WordKey {
    let mut head = [0u8; 2 * KEY_LOAD];
    let k = b.len().min(2 * KEY_LOAD);
    head[..k].copy_from_slice(&b[..k]);
    WordKey::of_head(&head, b)
}

/// Bytes read by each of the two loads of [`word_key_at`].
const KEY_LOAD: usize = 8;

/// [`WordKey`] of the `n`-byte word at `s` in `padded`, which holds at least 16 bytes from `s`
/// (a word of the view, followed by more of the view or by `VIEW_PADDING`). The hot path's key
/// of every text token: two 8-byte loads masked to the word's length, with no branch on the
/// length (Arabic words of 2 to 8 letters made the length tests of byte-exact loads a
/// mispredicted branch for about one word in three).
#[inline]
fn word_key_at(padded: &[u8], s: usize, n: usize) -> WordKey {
    let head: &[u8; 2 * KEY_LOAD] = padded[s..s + 2 * KEY_LOAD].try_into().unwrap();
    WordKey::of_head(head, &padded[s..s + n])
}

const KEY_MUL: u64 = 0x9E37_79B9_7F4A_7C15;

impl WordKey {
    /// The key of word `w` whose first 16 bytes (or all of it, then anything) are `head`.
    #[inline]
    fn of_head(head: &[u8; 2 * KEY_LOAD], w: &[u8]) -> WordKey {
        let n = w.len();
        let a = u64::from_le_bytes(head[..KEY_LOAD].try_into().unwrap());
        let b = u64::from_le_bytes(head[KEY_LOAD..].try_into().unwrap());
        // the low `k` bytes of a load, for k = 0..=8: a table, not a branch on the length
        const LOW_BYTES: [u64; KEY_LOAD + 1] = {
            let mut m = [0u64; KEY_LOAD + 1];
            let mut k = 1;
            while k <= KEY_LOAD {
                m[k] = u64::MAX >> (64 - 8 * k);
                k += 1;
            }
            m
        };
        let x = a & LOW_BYTES[n.min(KEY_LOAD)];
        let y = b & LOW_BYTES[n.saturating_sub(KEY_LOAD).min(KEY_LOAD)];
        let mut h = (n as u64 ^ x).wrapping_mul(KEY_MUL);
        h = (h.rotate_left(23) ^ y).wrapping_mul(KEY_MUL);
        let key = WordKey {
            hash: h,
            x,
            y,
            len: n as u32,
        };
        if n > 2 * KEY_LOAD {
            key.extend_to(w)
        } else {
            key.finished()
        }
    }

    /// Mixes in the bytes after the first 16 of a longer word `w`, then finishes the hash.
    #[inline]
    fn extend_to(mut self, w: &[u8]) -> WordKey {
        let n = w.len();
        let load8 = |i: usize| u64::from_le_bytes(w[i..i + 8].try_into().unwrap());
        let mut i = 2 * KEY_LOAD;
        while i < n {
            let at = i.min(n - KEY_LOAD);
            self.hash = (self.hash.rotate_left(23) ^ load8(at)).wrapping_mul(KEY_MUL);
            i += KEY_LOAD;
        }
        self.finished()
    }

    #[inline]
    fn finished(mut self) -> WordKey {
        self.hash ^= self.hash >> 29;
        self
    }
}

/// Bytes after the matching view's last word, so that [`word_key_at`] may read 16 bytes from any
/// word of it.
const VIEW_PADDING: usize = 2 * KEY_LOAD;

/// Blocks of the word filter (one `u64` each, 32 KiB in all): it is read for every token, so
/// it is kept small enough to stay in the L1 cache beside the view.
const FILTER_BLOCKS: usize = 1 << 12;
/// Word filter bits: the word may start a name or title; it may follow another word in one.
const MAY_START: u64 = 1;
const MAY_FOLLOW: u64 = 2;

/// `raw_matches`, per token beside the filter bits: [`may_have_clitic`], and the filter lets
/// one of its stems through as a first word.
const MAY_HAVE_CLITIC: u8 = 4;

/// `Linker::node_flags`: a name or title ends at the node; the node has children.
const END: u8 = 1;
const INNER: u8 = 2;

/// `raw_matches`: a token whose vocabulary id was not looked up yet.
const UNKNOWN_ID: u32 = u32::MAX;

/// Words longer than this are compared against the word list; shorter ones within their slot.
const INLINE_BYTES: u32 = 16;

/// One vocabulary word in [`VocabTable`], with what the scan needs next (the trie node it
/// starts and that node's flags), all within one 32-byte-aligned slot: a lookup costs one cache
/// miss where a slot array, an id → span array and the word arena cost three.
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct VocabSlot {
    /// `WordKey::x`, `WordKey::y`, `WordKey::len`
    x: u64,
    y: u64,
    len: u32,
    /// 0: empty slot
    id: u32,
    /// The root's child node for this word (0: none) and its `node_flags`.
    root: u32,
    root_flags: u8,
}

const NO_WORD: VocabSlot = VocabSlot {
    x: 0,
    y: 0,
    len: 0,
    id: 0,
    root: 0,
    root_flags: 0,
};

/// The vocabulary for the hot path: open addressing over `WordKey::hash`, each slot holding the
/// word (up to 16 bytes; longer words are checked against `arena`); and a filter over the hash
/// (`MAY_START`, `MAY_FOLLOW`: every word that starts a name or title, every word that follows
/// another in one; both halves of one `u64`, see [`VocabTable::filter_entry`]), so that the
/// many words of a text that are neither cost one hash and one load.
#[derive(Default)]
struct VocabTable {
    slots: Vec<VocabSlot>,
    /// id → (start, end) in `arena`
    spans: Vec<(u32, u32)>,
    arena: String,
    filter: Vec<u64>,
}

impl VocabTable {
    fn new(
        vocab: &FxHashMap<Box<str>, u32>,
        root: &[u32],
        node_flags: &[u8],
        following: &FxHashSet<u32>,
    ) -> VocabTable {
        let cap = (vocab.len() * 2 + 2).next_power_of_two();
        let mut t = VocabTable {
            slots: vec![VocabSlot::default(); cap],
            spans: vec![(0, 0); vocab.len() + 1],
            arena: String::new(),
            filter: vec![0; FILTER_BLOCKS],
        };
        // ids in order, so the arena does not depend on the hash map's iteration order
        let mut words: Vec<(&str, u32)> = vocab.iter().map(|(w, &id)| (&**w, id)).collect();
        words.sort_by_key(|x| x.1);
        for (w, id) in words {
            let k = word_key(w.as_bytes());
            let start = t.arena.len() as u32;
            t.arena.push_str(w);
            t.spans[id as usize] = (start, t.arena.len() as u32);
            let mut i = k.hash as usize & (cap - 1);
            while t.slots[i].id != 0 {
                i = (i + 1) & (cap - 1);
            }
            let node = root.get(id as usize).copied().unwrap_or(0);
            t.slots[i] = VocabSlot {
                x: k.x,
                y: k.y,
                len: k.len,
                id,
                root: node,
                root_flags: if node == 0 {
                    0
                } else {
                    node_flags[node as usize]
                },
            };
            let (block, mask) = Self::filter_entry(k.hash);
            if node != 0 {
                t.filter[block] |= mask;
            }
            if following.contains(&id) {
                t.filter[block] |= mask << 32;
            }
        }
        t
    }

    /// The filter block of a hash and its two bits among the block's 32 (a blocked Bloom
    /// filter: the starting words in the low half of each block, the following words in the
    /// high half). Two bits per word in 32 KiB pass fewer words that are neither than one bit
    /// per word in the 64 KiB table before, whose size made it an L1 miss for most tokens.
    /// Neither the block nor the bits use the hash's low bits, which index the slots.
    #[inline]
    fn filter_entry(h: u64) -> (usize, u64) {
        let block = (h >> 52) as usize & (FILTER_BLOCKS - 1);
        let mask = (1u64 << ((h >> 20) & 31)) | (1u64 << ((h >> 25) & 31));
        (block, mask)
    }

    /// `MAY_START` and `MAY_FOLLOW` for a word with this hash (no false negatives).
    #[inline]
    fn filter(&self, h: u64) -> u64 {
        let (block, mask) = Self::filter_entry(h);
        let w = self.filter[block];
        let start = ((w & mask) == mask) as u64;
        let follow = (((w >> 32) & mask) == mask) as u64;
        (start * MAY_START) | (follow * MAY_FOLLOW)
    }

    /// Whether a word with this hash may start a name or title (no false negatives).
    #[inline]
    fn may_start(&self, h: u64) -> bool {
        self.filter(h) & MAY_START != 0
    }

    /// Starts loading the first slot a lookup of `hash` reads, when `wanted` (chosen without a
    /// branch: slot 0 stands in otherwise, a line already read).
    #[inline]
    fn prefetch_slot(&self, hash: u64, wanted: bool) {
        if !self.slots.is_empty() {
            let i = hash as usize & (self.slots.len() - 1) & (wanted as usize).wrapping_neg();
            prefetch(&self.slots[i]);
        }
    }

    /// The slot of word `w` (key `k`); an empty slot (id 0) when it is not in the vocabulary.
    #[inline]
    fn get(&self, w: &[u8], k: WordKey) -> &VocabSlot {
        if self.slots.is_empty() {
            return &NO_WORD;
        }
        let mask = self.slots.len() - 1;
        let mut i = k.hash as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.id == 0 {
                return &NO_WORD;
            }
            if slot.x == k.x && slot.y == k.y && slot.len == k.len {
                if k.len <= INLINE_BYTES {
                    return slot;
                }
                let (s, e) = self.spans[slot.id as usize];
                if &self.arena.as_bytes()[s as usize..e as usize] == w {
                    return slot;
                }
            }
            i = (i + 1) & mask;
        }
    }
}

/// One trie edge in [`EdgeTable`]: parent node and word id, the child and its `node_flags`.
#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct Edge {
    parent: u32,
    word: u32,
    /// 0: empty slot (node 0, the root, is never a child)
    child: u32,
    flags: u8,
}

/// `Linker::trie` as one open-addressing array of 16-byte edges: a step of a trie walk reads one
/// cache line (the hash map's control bytes and buckets were two misses, the child's flags a
/// third).
#[derive(Default)]
struct EdgeTable {
    slots: Vec<Edge>,
}

impl EdgeTable {
    fn new(trie: &FxHashMap<(u32, u32), u32>, node_flags: &[u8]) -> EdgeTable {
        let cap = (trie.len() * 2 + 2).next_power_of_two();
        let mut slots = vec![Edge::default(); cap];
        // in a fixed order, so the layout does not depend on the hash map's iteration order
        let mut edges: Vec<(&(u32, u32), &u32)> = trie.iter().collect();
        edges.sort_unstable();
        for (&(parent, word), &child) in edges {
            let mut i = Self::slot_of(parent, word) & (cap - 1);
            while slots[i].child != 0 {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = Edge {
                parent,
                word,
                child,
                flags: node_flags[child as usize],
            };
        }
        EdgeTable { slots }
    }

    #[inline]
    fn slot_of(parent: u32, word: u32) -> usize {
        let h = ((parent as u64) << 32 | word as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 32) as usize
    }

    /// Starts loading the first slot a lookup of this edge reads.
    #[inline]
    fn prefetch(&self, parent: u32, word: u32) {
        if !self.slots.is_empty() {
            prefetch(&self.slots[Self::slot_of(parent, word) & (self.slots.len() - 1)]);
        }
    }

    /// The edge from `parent` along word id `word`, if any.
    #[inline]
    fn child(&self, parent: u32, word: u32) -> Option<&Edge> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::slot_of(parent, word) & mask;
        loop {
            let e = &self.slots[i];
            if e.child == 0 {
                return None;
            }
            if e.parent == parent && e.word == word {
                return Some(e);
            }
            i = (i + 1) & mask;
        }
    }
}

/// Code points of `form` up to and including its first `letters` base letters and the marks
/// (diacritics, tatweel) that follow them: where a stem starts after a clitic prefix.
/// A mark that is no base letter of a word: tashkeel, superscript alef, tatweel.
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

pub(crate) fn base_letters_offset(form: &str, letters: usize) -> usize {
    if letters == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, c) in form.chars().enumerate() {
        if is_mark(c) {
            continue;
        }
        if seen == letters {
            return i;
        }
        seen += 1;
    }
    form.chars().count()
}

/// Code point → byte offset, walking forward from the last answer (entities come in order).
struct CharCursor<'a> {
    text: &'a str,
    byte: usize,
    chr: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            byte: 0,
            chr: 0,
        }
    }

    fn byte(&mut self, chr: usize) -> usize {
        // a mention nested in the one before (the UN inside its secretary-general's title)
        // starts a little behind: step back rather than start over
        let b = self.text.as_bytes();
        while self.chr > chr {
            self.byte -= 1;
            while b[self.byte] & 0xC0 == 0x80 {
                self.byte -= 1;
            }
            self.chr -= 1;
        }
        // count code points by their first bytes (not UTF-8 continuation bytes, 0b10xxxxxx),
        // and take a block when all the code points starting in it come before the target:
        // 64 bytes at a time, one flag per byte summed across eight words (no popcount in the
        // baseline x86-64 target), then eight bytes at a time
        const LOW: u64 = 0x0101_0101_0101_0101;
        let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap());
        while self.byte + 64 <= b.len() {
            let mut flags = 0u64;
            for k in 0..8 {
                let w = word(self.byte + 8 * k);
                flags += ((w & !(w << 1)) >> 7) & LOW;
            }
            let starts = 64 - (flags.wrapping_mul(LOW) >> 56) as usize;
            if self.chr + starts > chr {
                break;
            }
            self.byte += 64;
            self.chr += starts;
            while self.byte < b.len() && b[self.byte] & 0xC0 == 0x80 {
                self.byte += 1;
            }
        }
        while self.byte + 8 <= b.len() {
            let w = word(self.byte);
            // continuation bytes are 0b10xxxxxx: bit 7 set, bit 6 clear
            let starts = 8 - (w & !(w << 1) & 0x8080_8080_8080_8080).count_ones() as usize;
            if self.chr + starts > chr {
                break;
            }
            self.byte += 8;
            self.chr += starts;
            // finish the code point that started in those eight bytes
            while self.byte < b.len() && b[self.byte] & 0xC0 == 0x80 {
                self.byte += 1;
            }
        }
        while self.chr < chr && self.byte < b.len() {
            self.byte += 1;
            while self.byte < b.len() && b[self.byte] & 0xC0 == 0x80 {
                self.byte += 1;
            }
            self.chr += 1;
        }
        self.byte
    }
}

/// The pipeline stage: fills `doc.entities` and `doc.actors`.
pub struct KbStage {
    linker: std::sync::Arc<Linker>,
}

impl KbStage {
    pub fn new(linker: std::sync::Arc<Linker>) -> KbStage {
        KbStage { linker }
    }

    /// A stage over the embedded KB.
    pub fn embedded() -> KbStage {
        KbStage::new(std::sync::Arc::new(Linker::new(Kb::embedded())))
    }
}

impl Stage for KbStage {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let date = doc.published_date().map(str::to_string);
        // reuse the text layer's tokens and matching forms when TextStage ran first
        let (entities, actors) = match &doc.tokens {
            Some(tokens) if !tokens.is_empty() => {
                self.linker.link_tokens(&doc.text, tokens, date.as_deref())
            }
            _ => self.linker.link(&doc.text, date.as_deref()),
        };
        doc.entities.retain(|e| e.actor_id.is_none());
        doc.entities.extend(entities);
        doc.entities.sort_by_key(|e| (e.start, e.end));
        doc.actors = actors;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variants(t: &str) -> Vec<(usize, String)> {
        clitic_variants(t)
    }

    #[test]
    fn clitics_are_peeled_in_order() {
        let v = variants("وبموسكو");
        assert!(v.contains(&(2, "بموسكو".into())));
        assert!(v.contains(&(4, "موسكو".into())));
        // لل = ل + ال: the article comes back
        let v = variants("للأمم");
        assert!(v.contains(&(2, "الأمم".into())), "{v:?}");
        let v = variants("والروس");
        assert!(v.contains(&(2, "الروس".into())));
        // no clitic letter, no variants; a bare letter is not a word
        assert_eq!(variants("موسكو").len(), 1);
        assert_eq!(variants("وك").len(), 1);
    }

    #[test]
    fn the_word_filter_passes_every_starting_and_following_word() {
        let l = Linker::new(Kb::embedded());
        let following = l.following_words();
        let (mut starting, mut passed_other) = (0, 0);
        for (w, &id) in &l.vocab {
            let bits = l.table.filter(word_key(w.as_bytes()).hash);
            if l.root[id as usize] != 0 {
                starting += 1;
                assert!(bits & MAY_START != 0, "{w} starts a form");
            } else {
                passed_other += (bits & MAY_START != 0) as usize;
            }
            if following.contains(&id) {
                assert!(bits & MAY_FOLLOW != 0, "{w} follows in a form");
            }
        }
        // the vocabulary's other words are a sample of what the filter should stop
        let others = l.vocab.len() - starting;
        assert!(starting > 1000 && others > 1000, "{starting} {others}");
        assert!(
            passed_other * 20 < others,
            "{passed_other} of {others} words that start nothing pass as first words"
        );
    }

    #[test]
    fn char_cursor_finds_the_byte_of_every_code_point() {
        // Arabic (2 bytes), ASCII, a 3-byte and a 4-byte character, long enough for whole
        // 64-byte blocks
        let text = "قال الرئيس الروسي، فلاديمير بوتين (Putin) إن … 🙂 موسكو ".repeat(5);
        let starts: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        // forward in steps of every size, and back a little (nested mentions)
        for step in [1, 3, 7, 31, 64, 130] {
            let mut cursor = CharCursor::new(&text);
            let mut c = 0;
            while c < starts.len() {
                assert_eq!(cursor.byte(c), starts[c], "char {c}, step {step}");
                if c >= 2 {
                    assert_eq!(cursor.byte(c - 2), starts[c - 2], "back to {}", c - 2);
                }
                c += step;
            }
        }
    }

    #[test]
    fn tokenizer_splits_on_punctuation_and_keeps_digits() {
        let v = "قال، الرئيس 2015 abc";
        let t: Vec<&str> = tokenize(v).iter().map(|t| &v[t.start..t.end]).collect();
        assert_eq!(t, vec!["قال", "الرئيس", "2015", "abc"]);
    }
}
