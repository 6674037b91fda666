//! Hijri ↔ Gregorian conversion.
//!
//! Saudi and Gulf news date by the Umm al-Qura calendar, so 1356–1500 AH use its official month
//! lengths (table generated from `hijridate`, see `ummalqura.rs`). Outside that range the
//! arithmetical (tabular, civil epoch) Islamic calendar is used: it can differ from the observed
//! calendar by a day or two, which is the best any offline converter can do for those years.

use chrono::{Datelike, Duration, NaiveDate};
use std::sync::OnceLock;

use crate::ummalqura::{EPOCH, FIRST_YEAR, MONTH_LENS};

const LAST_YEAR: i32 = FIRST_YEAR + MONTH_LENS.len() as i32 - 1;

/// Start of every Umm al-Qura month in the table, plus the start of the month after the last.
fn table() -> &'static [NaiveDate] {
    static T: OnceLock<Vec<NaiveDate>> = OnceLock::new();
    T.get_or_init(|| {
        let mut d = NaiveDate::from_ymd_opt(EPOCH.0, EPOCH.1, EPOCH.2).expect("valid epoch");
        let mut out = Vec::with_capacity(MONTH_LENS.len() * 12 + 1);
        for packed in MONTH_LENS {
            for m in 0..12 {
                out.push(d);
                d += Duration::days(28 + ((packed >> (2 * m)) & 3) as i64);
            }
        }
        out.push(d);
        out
    })
}

fn from_jdn(jdn: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jdn - 1_721_425).ok()?)
}

/// Tabular calendar: Julian day number of the first day of month `m` of year `y`.
fn tabular_month_start_jdn(y: i32, m: u32) -> i64 {
    let (y, m) = (y as i64, m as i64);
    (295 * (m - 1) + 9) / 10 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + 1_948_440
}

/// Gregorian date of the first day of Hijri month `m` (1–12) of year `y`.
pub fn month_start(y: i32, m: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) || !(1..=9999).contains(&y) {
        return None;
    }
    if (FIRST_YEAR..=LAST_YEAR).contains(&y) {
        return Some(table()[((y - FIRST_YEAR) * 12 + m as i32 - 1) as usize]);
    }
    from_jdn(tabular_month_start_jdn(y, m))
}

/// Number of days in a Hijri month.
pub fn month_len(y: i32, m: u32) -> Option<u32> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&y) && (1..=12).contains(&m) {
        let i = ((y - FIRST_YEAR) * 12 + m as i32 - 1) as usize;
        return Some((table()[i + 1] - table()[i]).num_days() as u32);
    }
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let a = month_start(y, m)?;
    let b = month_start(ny, nm)?;
    Some(((b - a).num_days()).clamp(29, 30) as u32)
}

/// Gregorian date of a Hijri date; `None` for impossible days (31 Ramadan).
pub fn to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if d == 0 || d > month_len(y, m)? {
        return None;
    }
    Some(month_start(y, m)? + Duration::days(d as i64 - 1))
}

/// Hijri (year, month, day) of a Gregorian date.
pub fn from_gregorian(g: NaiveDate) -> Option<(i32, u32, u32)> {
    // estimate the year from the mean Hijri year length, then walk month by month
    let days_since_epoch = g.num_days_from_ce() as i64 - 227_015; // 622-07-16 (Julian) is day 227015
    let mut y = (days_since_epoch * 30 / 10631) as i32; // one year early at most
    y = y.max(1);
    let mut m = 1u32;
    for _ in 0..40 {
        let start = month_start(y, m)?;
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let next = month_start(ny, nm)?;
        if g < start {
            // estimate overshot: step back a year
            y -= 1;
            m = 1;
            continue;
        }
        if g < next {
            return Some((y, m, (g - start).num_days() as u32 + 1));
        }
        y = ny;
        m = nm;
    }
    None
}

/// The Gregorian (year, month) that holds the middle day of a Hijri month: the month where most
/// of the Hijri month falls (on a 15/15 split, the later one).
pub fn month_to_gregorian_month(y: i32, m: u32) -> Option<(i32, u32)> {
    let start = month_start(y, m)?;
    let mid = start + Duration::days(month_len(y, m)? as i64 / 2);
    Some((mid.year(), mid.month()))
}

/// The Gregorian year that holds most of a Hijri year (its middle day).
pub fn year_to_gregorian_year(y: i32) -> Option<i32> {
    let a = month_start(y, 1)?;
    let b = month_start(y + 1, 1)?;
    Some((a + (b - a) / 2).year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn umm_al_qura_known_dates() {
        // values from hijridate (Umm al-Qura)
        assert_eq!(to_gregorian(1439, 9, 15), Some(d(2018, 5, 30)));
        assert_eq!(to_gregorian(1439, 9, 1), Some(d(2018, 5, 16)));
        assert_eq!(to_gregorian(1436, 10, 1), Some(d(2015, 7, 17)));
        assert_eq!(to_gregorian(1445, 10, 1), Some(d(2024, 4, 10)));
        assert_eq!(to_gregorian(1356, 1, 1), Some(d(1937, 3, 14)));
        assert_eq!(to_gregorian(1439, 9, 31), None);
    }

    #[test]
    fn round_trip_and_months() {
        assert_eq!(from_gregorian(d(2018, 5, 17)), Some((1439, 9, 2)));
        assert_eq!(from_gregorian(d(2016, 1, 10)), Some((1437, 3, 30)));
        assert_eq!(from_gregorian(d(2024, 4, 2)), Some((1445, 9, 23)));
        assert_eq!(month_to_gregorian_month(1439, 9), Some((2018, 5)));
        assert_eq!(month_to_gregorian_month(1436, 10), Some((2015, 8)));
        assert_eq!(year_to_gregorian_year(1439), Some(2018));
        assert_eq!(year_to_gregorian_year(1400), Some(1980));
    }

    #[test]
    fn tabular_outside_table() {
        // 1 Muharram 1 AH = 16 July 622 Julian = 19 July 622 proleptic Gregorian
        assert_eq!(month_start(1, 1), Some(d(622, 7, 19)));
        // tabular 1 Muharram 1300 = 1882-11-12 (tabular civil calendar)
        assert_eq!(month_start(1300, 1), Some(d(1882, 11, 12)));
        let g = to_gregorian(1300, 5, 10).unwrap();
        assert_eq!(from_gregorian(g), Some((1300, 5, 10)));
    }
}
