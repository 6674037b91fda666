//! The word lists. Keys are written in ordinary spelling and folded with the tagger's
//! normaliser when the table is built, so hamza, alef-maqsura and taa-marbuta variants all match.
//!
//! Month names: Unicode CLDR 48 `ca-gregorian` wide month names for `ar` (Egypt/Gulf),
//! `ar-SY`/`ar-IQ` (Levant), `ar-DZ`/`ar-TN` (Algeria/Tunisia), `ar-MA` and `ar-MR`
//! (Morocco/Mauritania), and `ca-islamic` for the Hijri months, curated by hand here with common
//! press spellings CLDR lacks (يونيه، يوليه، إبريل).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Unambiguous: fires alone (يناير، أيار، جانفي).
    Strong,
    /// Also an ordinary word (مارس "practised", نيسان the carmaker): needs a preposition, a day,
    /// a year or a modifier next to it.
    Weak,
    /// Mostly an ordinary word or name (ماي، آب "father", Hijri months that are first names):
    /// needs a day number, a year, "شهر" or a combined form.
    Rare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// يوم، عام (also accusative يوما، عاما)
    Sing,
    /// يومين، عامين
    Dual,
    /// أيام، سنوات
    Plural,
    /// اليوم... never: the definite singulars العام، الشهر، الأسبوع، السنة
    Def,
    /// الأيام، الأسابيع، السنوات
    DefPlural,
    /// اليومين، العامين
    DefDual,
}

use self::Unit as U;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Past,
    Next,
    Current,
    /// الأخيرة: "the last N" (durations only)
    Last,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pod {
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
    Dawn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    GMonth(u8, Strength),
    /// كانون / تشرين: the month is decided by the next word.
    GPrefix(u8),
    HMonth(u8, Strength),
    /// ربيع / جمادى / ذو: the month is decided by the next word.
    HPrefix(u8),
    Weekday(u8),
    /// جمعة، خميس without the article (كل يوم جمعة)
    WeekdayBare(u8),
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Unit(Unit, Form),
    Card(u16),
    DefCard(u16),
    Ord(u8),
    OrdTens(u8),
    HourOrd(u8),
    Mod(Dir),
    PartOfDay(Pod),
    AmPm(Pod),
    Position,
    SetAdv(Unit),
    Kull,
    Decade(u8),
    Century,
    Hour,
    Half,
    Quarter,
    This,
    Few,
    Trigger,
}

pub fn entries() -> Vec<(&'static str, Lex)> {
    use Dir::*;
    use Form::*;
    use Lex::*;
    use Strength::*;
    let mut v: Vec<(&'static str, Lex)> = Vec::with_capacity(400);
    let months: &[(&str, u8, Strength)] = &[
        ("يناير", 1, Strong),
        ("جانفي", 1, Strong),
        ("فبراير", 2, Strong),
        ("شباط", 2, Strong),
        ("فيفري", 2, Strong),
        ("مارس", 3, Weak),
        ("آذار", 3, Strong),
        ("أبريل", 4, Strong),
        ("إبريل", 4, Strong),
        ("ابريل", 4, Strong),
        ("نيسان", 4, Weak),
        ("أفريل", 4, Strong),
        ("مايو", 5, Strong),
        ("أيار", 5, Strong),
        ("ماي", 5, Rare),
        ("يونيو", 6, Strong),
        ("يونيه", 6, Strong),
        ("حزيران", 6, Strong),
        ("جوان", 6, Rare),
        ("يوليو", 7, Strong),
        ("يوليه", 7, Strong),
        ("يوليوز", 7, Strong),
        ("تموز", 7, Strong),
        ("جويلية", 7, Strong),
        ("أغسطس", 8, Strong),
        ("أغشت", 8, Strong),
        ("آب", 8, Rare),
        ("أوت", 8, Weak),
        ("غشت", 8, Strong),
        ("سبتمبر", 9, Strong),
        ("أيلول", 9, Strong),
        ("شتنبر", 9, Strong),
        ("شتمبر", 9, Strong),
        ("أكتوبر", 10, Strong),
        ("نوفمبر", 11, Strong),
        ("نونبر", 11, Strong),
        ("ديسمبر", 12, Strong),
        ("دجنبر", 12, Strong),
        ("دجمبر", 12, Strong),
    ];
    for &(w, m, s) in months {
        v.push((w, GMonth(m, s)));
    }
    v.push(("كانون", GPrefix(0)));
    v.push(("تشرين", GPrefix(1)));
    for &(w, m, s) in &[
        ("محرم", 1, Rare),
        ("صفر", 2, Rare),
        ("رجب", 7, Rare),
        ("شعبان", 8, Rare),
        ("رمضان", 9, Rare),
        ("شوال", 10, Rare),
    ] {
        v.push((w, HMonth(m, s)));
    }
    v.push(("ربيع", HPrefix(0)));
    v.push(("جمادى", HPrefix(1)));
    v.push(("ذو", HPrefix(2)));
    v.push(("ذي", HPrefix(2)));
    for &(w, d) in &[
        ("الاثنين", 1),
        ("الإثنين", 1),
        ("الثلاثاء", 2),
        ("الأربعاء", 3),
        ("الخميس", 4),
        ("الجمعة", 5),
        ("السبت", 6),
        ("الأحد", 7),
    ] {
        v.push((w, Weekday(d)));
    }
    for &(w, d) in &[
        ("اثنين", 1),
        ("ثلاثاء", 2),
        ("أربعاء", 3),
        ("خميس", 4),
        ("جمعة", 5),
        ("سبت", 6),
    ] {
        v.push((w, WeekdayBare(d)));
    }
    v.push(("اليوم", Today));
    v.push(("أمس", Yesterday));
    v.push(("الأمس", Yesterday));
    v.push(("غدا", Tomorrow));
    v.push(("الغد", Tomorrow));
    v.push(("غد", Tomorrow));
    v.push(("الليلة", Tonight));
    v.push(("الآن", Now));
    v.push(("حاليا", Now));
    let units: &[(&str, U, Form)] = &[
        ("دقيقة", U::Minute, Sing),
        ("دقائق", U::Minute, Plural),
        ("دقيقتين", U::Minute, Dual),
        ("دقيقتان", U::Minute, Dual),
        ("ساعة", U::Hour, Sing),
        ("ساعات", U::Hour, Plural),
        ("ساعتين", U::Hour, Dual),
        ("ساعتان", U::Hour, Dual),
        ("الساعات", U::Hour, DefPlural),
        ("يوم", U::Day, Sing),
        ("يوما", U::Day, Sing),
        ("أيام", U::Day, Plural),
        ("يومين", U::Day, Dual),
        ("يومان", U::Day, Dual),
        ("الأيام", U::Day, DefPlural),
        ("اليومين", U::Day, DefDual),
        ("أسبوع", U::Week, Sing),
        ("أسبوعا", U::Week, Sing),
        ("أسابيع", U::Week, Plural),
        ("أسبوعين", U::Week, Dual),
        ("أسبوعان", U::Week, Dual),
        ("الأسبوع", U::Week, Def),
        ("الأسابيع", U::Week, DefPlural),
        ("الأسبوعين", U::Week, DefDual),
        ("شهر", U::Month, Sing),
        ("شهرا", U::Month, Sing),
        ("أشهر", U::Month, Plural),
        ("شهور", U::Month, Plural),
        ("شهرين", U::Month, Dual),
        ("شهران", U::Month, Dual),
        ("الشهر", U::Month, Def),
        ("الأشهر", U::Month, DefPlural),
        ("الشهور", U::Month, DefPlural),
        ("الشهرين", U::Month, DefDual),
        ("عام", U::Year, Sing),
        ("عاما", U::Year, Sing),
        ("أعوام", U::Year, Plural),
        ("عامين", U::Year, Dual),
        ("عامان", U::Year, Dual),
        ("العام", U::Year, Def),
        ("الأعوام", U::Year, DefPlural),
        ("العامين", U::Year, DefDual),
        ("سنة", U::Year, Sing),
        ("سنوات", U::Year, Plural),
        ("سنين", U::Year, Plural),
        ("سنتين", U::Year, Dual),
        ("سنتان", U::Year, Dual),
        ("السنة", U::Year, Def),
        ("السنوات", U::Year, DefPlural),
        ("السنتين", U::Year, DefDual),
        ("عقد", U::Decade, Sing),
        ("عقود", U::Decade, Plural),
        ("عقدين", U::Decade, Dual),
        ("العقود", U::Decade, DefPlural),
        ("العقدين", U::Decade, DefDual),
        ("قرن", U::Century, Sing),
        ("قرون", U::Century, Plural),
        ("قرنين", U::Century, Dual),
    ];
    for &(w, u, f) in units {
        v.push((w, Unit(u, f)));
    }
    let cards: &[(&str, u16)] = &[
        ("واحد", 1),
        ("واحدة", 1),
        ("واحدا", 1),
        ("اثنين", 2),
        ("اثنان", 2),
        ("اثنتين", 2),
        ("ثلاث", 3),
        ("ثلاثة", 3),
        ("أربع", 4),
        ("أربعة", 4),
        ("خمس", 5),
        ("خمسة", 5),
        ("ست", 6),
        ("ستة", 6),
        ("سبع", 7),
        ("سبعة", 7),
        ("ثماني", 8),
        ("ثمانية", 8),
        ("ثمان", 8),
        ("تسع", 9),
        ("تسعة", 9),
        ("عشر", 10),
        ("عشرة", 10),
        ("أحد", 1),
        ("إحدى", 1),
        ("اثنا", 2),
        ("اثني", 2),
        ("اثنتا", 2),
        ("اثنتي", 2),
        ("عشرين", 20),
        ("عشرون", 20),
        ("ثلاثين", 30),
        ("ثلاثون", 30),
        ("أربعين", 40),
        ("أربعون", 40),
        ("خمسين", 50),
        ("خمسون", 50),
        ("ستين", 60),
        ("ستون", 60),
        ("سبعين", 70),
        ("سبعون", 70),
        ("ثمانين", 80),
        ("ثمانون", 80),
        ("تسعين", 90),
        ("تسعون", 90),
        ("مئة", 100),
        ("مائة", 100),
    ];
    for &(w, n) in cards {
        v.push((w, Card(n)));
    }
    for &(w, n) in &[
        ("الثلاثة", 3),
        ("الأربعة", 4),
        ("الخمسة", 5),
        ("الستة", 6),
        ("السبعة", 7),
        ("الثمانية", 8),
        ("التسعة", 9),
        ("العشرة", 10),
        ("الثلاث", 3),
        ("الأربع", 4),
        ("الخمس", 5),
        ("الست", 6),
        ("السبع", 7),
        ("العشر", 10),
    ] {
        v.push((w, DefCard(n)));
    }
    for &(w, n) in &[
        ("الأول", 1),
        ("الحادي", 1),
        ("الواحد", 1),
        ("الثاني", 2),
        ("الثالث", 3),
        ("الرابع", 4),
        ("الخامس", 5),
        ("السادس", 6),
        ("السابع", 7),
        ("الثامن", 8),
        ("التاسع", 9),
        ("العاشر", 10),
    ] {
        v.push((w, Ord(n)));
    }
    v.push(("العشرين", OrdTens(20)));
    v.push(("الثلاثين", OrdTens(30)));
    for &(w, n) in &[
        ("الواحدة", 1),
        ("الحادية", 1),
        ("الثانية", 2),
        ("الثالثة", 3),
        ("الرابعة", 4),
        ("الخامسة", 5),
        ("السادسة", 6),
        ("السابعة", 7),
        ("الثامنة", 8),
        ("التاسعة", 9),
        ("العاشرة", 10),
    ] {
        v.push((w, HourOrd(n)));
    }
    for &(w, d) in &[
        ("الماضي", Past),
        ("الماضية", Past),
        ("المنصرم", Past),
        ("المنصرمة", Past),
        ("الفائت", Past),
        ("الفائتة", Past),
        ("السابق", Past),
        ("السابقة", Past),
        ("المقبل", Next),
        ("المقبلة", Next),
        ("القادم", Next),
        ("القادمة", Next),
        ("المقبلين", Next),
        ("القادمين", Next),
        ("الجاري", Current),
        ("الجارية", Current),
        ("الحالي", Current),
        ("الحالية", Current),
        ("الماضيين", Last),
        ("الأخير", Last),
        ("الأخيرة", Last),
        ("الأخيرين", Last),
        ("المنصرمين", Last),
    ] {
        v.push((w, Mod(d)));
    }
    for &(w, p) in &[
        ("صباح", Pod::Morning),
        ("مساء", Pod::Evening),
        ("ظهر", Pod::Noon),
        ("عصر", Pod::Afternoon),
        ("فجر", Pod::Dawn),
        ("ليلة", Pod::Night),
        ("ليل", Pod::Night),
    ] {
        v.push((w, PartOfDay(p)));
    }
    for &(w, p) in &[
        ("صباحا", Pod::Morning),
        ("مساءا", Pod::Evening),
        ("ظهرا", Pod::Noon),
        ("عصرا", Pod::Afternoon),
        ("ليلا", Pod::Night),
        ("فجرا", Pod::Dawn),
    ] {
        // مساء alone is a PartOfDay; the clock parser accepts it as an am/pm word too
        v.push((w, AmPm(p)));
    }
    for w in [
        "مطلع",
        "بداية",
        "أوائل",
        "منتصف",
        "أواسط",
        "نهاية",
        "أواخر",
        "بدء",
        "ختام",
    ] {
        v.push((w, Position));
    }
    v.push(("يوميا", SetAdv(U::Day)));
    v.push(("أسبوعيا", SetAdv(U::Week)));
    v.push(("شهريا", SetAdv(U::Month)));
    v.push(("سنويا", SetAdv(U::Year)));
    v.push(("كل", Kull));
    for &(stem, n) in &[
        ("عشرين", 2),
        ("ثلاثين", 3),
        ("أربعين", 4),
        ("خمسين", 5),
        ("ستين", 6),
        ("سبعين", 7),
        ("ثمانين", 8),
        ("تسعين", 9),
    ] {
        // ستينيات، ستينات، الستينيات، الستينات
        for (pre, suf) in [("", "يات"), ("", "ات"), ("ال", "يات"), ("ال", "ات")] {
            let w: &'static str = Box::leak(format!("{pre}{stem}{suf}").into_boxed_str());
            v.push((w, Decade(n)));
        }
    }
    v.push(("القرن", Century));
    v.push(("الساعة", Hour));
    v.push(("نصف", Half));
    v.push(("ونصف", Half));
    v.push(("ربع", Quarter));
    v.push(("هذا", This));
    v.push(("هذه", This));
    v.push(("عدة", Few));
    v.push(("بضعة", Few));
    v.push(("بضع", Few));
    // words that start a pattern without being temporal themselves
    for w in [
        "من",
        "بين",
        "منذ",
        "قبل",
        "بعد",
        "أول",
        "في",
        "حتى",
        "خلال",
        "تمام",
        "لمدة",
        "مدة",
        "طيلة",
        "طوال",
        "عامي",
        "سنتي",
        "الوقت",
        "شهر",
    ] {
        v.push((w, Trigger));
    }
    v
}

/// Heads that take العام as the adjective "general/public": "الأمين العام المقبل" is a person.
pub const AAM_ADJ_HEADS: &[&str] = &[
    "الأمين",
    "المدعي",
    "النائب",
    "المدير",
    "المفتش",
    "المراقب",
    "المحامي",
    "الرأي",
    "القطاع",
    "الشأن",
    "النظام",
    "المال",
    "الإضراب",
    "العفو",
    "الأمن",
    "المنسق",
    "القائد",
    "المرشد",
    "المقرر",
    "الممثل",
    "الاتجاه",
    "الإطار",
    "الطابع",
    "الهيكل",
    "الصالح",
    "المستوى",
    "الوضع",
    "المشهد",
    "المؤتمر",
    "الادعاء",
    "الحق",
    "النفع",
    "التعليم",
    "الإنفاق",
    "الدين",
    "الذوق",
    "المزاج",
    "الشعور",
    "المناخ",
    "الموقف",
    "المفوض",
    "المحقق",
    "الأمانة",
    "الاتحاد",
    "المجمع",
];

/// Words after اليوم that make it "the day" of something, not today.
pub const YAWM_BLOCK_NEXT: &[&str] = &[
    "الأول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
    "الأخير",
    "الوطني",
    "العالمي",
    "الدولي",
    "التالي",
    "السابق",
    "الموعود",
    "المفتوح",
    "الدراسي",
    "الواحد",
    "الكامل",
    "العربي",
    "الذي",
    "التي",
    "المشهود",
    "الأسود",
    "الختامي",
    "التأسيسي",
    "ذاته",
    "نفسه",
    "ال",
];

/// Words before اليوم that make it part of a name (عين اليوم and صحيفة اليوم are newspapers,
/// روسيا اليوم a channel) or "today's …" in the generic sense (شباب اليوم).
pub const YAWM_BLOCK_PREV: &[&str] = &[
    "عين",
    "صحيفة",
    "جريدة",
    "روسيا",
    "المصري",
    "شباب",
    "عالم",
    "مجلة",
    "ذلك",
    "نفس",
    "ذات",
    "ذاك",
    "ذلكم",
    "أخبار",
    "إنسان",
];

/// Greenwich spellings (بتوقيت غرينتش → a Z suffix).
pub const GREENWICH: &[&str] = &["غرينتش", "غرينيتش", "جرينتش", "جرينيتش", "غرنيتش", "غرينيش"];
