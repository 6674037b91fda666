//! Exact and near-duplicate fingerprints.
//!
//! News wires are republished verbatim (exact duplicates: same normalised text) and lightly
//! edited (near-duplicates: a changed headline, a trailing "source:" line). Exact duplicates are
//! not stored at all; near-duplicates are stored, linked to their original (`near_dup_of`) and
//! left out of event statistics so one wire story is not counted once per outlet.

use mirsad_text::{normalize_into, NormalizeOptions};
use sha2::{Digest, Sha256};

/// Shingle width (words) for MinHash.
const SHINGLE: usize = 3;
/// Fewer shingles than this: too short to fingerprint reliably, no near-dup check.
pub const MIN_SHINGLES: usize = 12;

/// Normalised words (mirsad matching normalisation), the unit of both fingerprints.
pub fn words(text: &str) -> Vec<String> {
    let mut norm = String::new();
    normalize_into(text, &NormalizeOptions::matching(), &mut norm);
    norm.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Content hash: sha256 over the normalised words. Short texts (under 20 words: captions, empty
/// scrapes) include the title, so distinct short items with one boilerplate body stay distinct.
pub fn content_hash(title: Option<&str>, text: &str) -> String {
    let w = words(text);
    let mut h = Sha256::new();
    if w.len() < 20 {
        for t in words(title.unwrap_or("")) {
            h.update(t.as_bytes());
            h.update(b" ");
        }
        h.update(b"\n");
    }
    for t in &w {
        h.update(t.as_bytes());
        h.update(b" ");
    }
    let d = h.finalize();
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn fnv64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in data {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Number of MinHash permutations, and LSH bands of `ROWS` rows each.
pub const PERMUTATIONS: usize = 64;
const ROWS: usize = 4;
pub const BANDS: usize = PERMUTATIONS / ROWS;
/// Estimated Jaccard similarity of shingle sets at or above which two texts are near-duplicates.
pub const MIN_JACCARD: f64 = 0.7;

/// MinHash signature (64 × u32) over word 3-shingles; `None` when the text is too short.
///
/// Why MinHash rather than SimHash: news items are short (100–400 words) and a wire copy
/// typically differs by an appended line; SimHash moves many bits for such edits on short texts,
/// while MinHash estimates the shingle Jaccard directly and LSH banding (16 bands × 4 rows,
/// S-curve midpoint ≈ 0.5) finds candidates with one indexed lookup per band.
pub fn minhash(text: &str) -> Option<Vec<u32>> {
    let w = words(text);
    if w.len() < SHINGLE + MIN_SHINGLES - 1 {
        return None;
    }
    let mut sig = vec![u32::MAX; PERMUTATIONS];
    for sh in w.windows(SHINGLE) {
        let base = fnv64(sh.join(" ").as_bytes());
        for (i, m) in sig.iter_mut().enumerate() {
            let h = mix(base ^ (0x9e3779b97f4a7c15u64.wrapping_mul(i as u64 + 1))) as u32;
            if h < *m {
                *m = h;
            }
        }
    }
    Some(sig)
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58476d1ce4e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d049bb133111eb);
    h ^ (h >> 31)
}

/// LSH band keys: `(band, hash of the band's rows)`.
pub fn bands(sig: &[u32]) -> Vec<(i64, i64)> {
    sig.chunks(ROWS)
        .enumerate()
        .map(|(b, rows)| {
            let mut h = 0u64;
            for r in rows {
                h = mix(h ^ *r as u64);
            }
            (b as i64, h as i64)
        })
        .collect()
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

pub fn to_blob(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub fn from_blob(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_duplicates_are_similar_and_others_not() {
        let a = "أعلنت وزارة الصحة السعودية اليوم عن تسجيل حالات جديدة من فيروس كورونا في مدينة الرياض وقالت الوزارة إن المصابين يتلقون العلاج في المستشفيات وإن الوضع الصحي مستقر وتحت السيطرة الكاملة";
        let b = format!("{a} وفق ما ذكرت وكالة الأنباء");
        let c = "فاز فريق الهلال على النصر بهدفين مقابل هدف في المباراة التي أقيمت مساء أمس على ملعب الملك فهد الدولي بحضور جماهيري كبير من مشجعي الفريقين في العاصمة";
        let (ha, hb, hc) = (
            minhash(a).unwrap(),
            minhash(&b).unwrap(),
            minhash(c).unwrap(),
        );
        assert!(
            similarity(&ha, &hb) >= MIN_JACCARD,
            "{}",
            similarity(&ha, &hb)
        );
        assert!(similarity(&ha, &hc) < 0.2);
        let shared = bands(&ha)
            .iter()
            .zip(bands(&hb))
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared > 0);
        assert_eq!(from_blob(&to_blob(&ha)), ha);
        assert_eq!(minhash("قصير جدا"), None);
        // diacritics and alef forms do not change the content hash
        assert_eq!(
            content_hash(None, "إعلان الوزارة"),
            content_hash(None, "اِعلان الوزارة")
        );
    }
}
