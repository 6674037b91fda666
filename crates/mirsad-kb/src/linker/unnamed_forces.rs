//! Security forces named without their state: `قوات الأمن`، `الشرطة`، `رجال الأمن`.
//!
//! The article here is the article of a known referent: in a report about one country, "the
//! police" are that country's police, as `القوات الروسية` are Russia's (the guidelines code a
//! state's institution as the state with its sector). So a definite security-force noun with no
//! nationality of its own is linked to the police and security forces (`COP`) of the country
//! the document is clearly about, and left alone when no country stands out.

use super::{clitic_stems, label_of, DocState, Link, LinkedTo, Linker, Tok};

/// Definite security-force nouns, as the matching view writes them (ة → ه, أ → ا).
#[rustfmt::skip]
const HEADS: &[&[&str]] = &[
    &["قوات", "الامن"], &["رجال", "الامن"], &["عناصر", "الامن"], &["اعوان", "الامن"],
    &["افراد", "الامن"], &["قوات", "الشرطه"], &["رجال", "الشرطه"], &["عناصر", "الشرطه"],
    &["اعوان", "الشرطه"], &["افراد", "الشرطه"], &["الوحدات", "الامنيه"],
    &["الاجهزه", "الامنيه"], &["القوات", "الامنيه"], &["الشرطه"],
];

/// The last three letters (six bytes, in the low bytes of a `u64`) of every head's first word:
/// a word ending otherwise starts no head, bare or behind proclitics (which only come before;
/// the rebuilt article of للشرطة leaves the end alone), so most words are passed over without
/// comparing them with the heads. (Two letters let through every plural in ـات and ـان.)
const FIRST_WORD_TAILS: [u64; HEADS.len()] = {
    let mut tails = [0u64; HEADS.len()];
    let mut i = 0;
    while i < HEADS.len() {
        let b = HEADS[i][0].as_bytes();
        let n = b.len();
        let mut t = 0u64;
        let mut j = 0;
        while j < TAIL_BYTES {
            t |= (b[n - TAIL_BYTES + j] as u64) << (8 * j);
            j += 1;
        }
        tails[i] = t;
        i += 1;
    }
    tails
};

const TAIL_BYTES: usize = 6;

/// Whether the word may be, or end in, the first word of a head.
fn may_start_a_head(w: &str) -> bool {
    let b = w.as_bytes();
    // (the shortest first word, قوات or رجال, has eight bytes)
    b.len() >= 8 && {
        let last8 = u64::from_le_bytes(b[b.len() - 8..].try_into().unwrap());
        FIRST_WORD_TAILS.contains(&(last8 >> (8 * (8 - TAIL_BYTES))))
    }
}

/// Words after the head that make the forces someone else's than the country's.
const FOREIGN: &[&str] = &[
    "الدوليه",
    "الدولي",
    "الاجنبيه",
    "الامميه",
    "الاوروبيه",
    "الاوروبي",
    "المشتركه",
];

impl Linker {
    /// Links the unlinked definite security-force nouns of the document (see the module).
    pub(super) fn link_unnamed_forces(
        &self,
        v: &str,
        toks: &[Tok],
        out: &mut Vec<Link>,
        st: &DocState<'_>,
    ) {
        let Some(country) = st.clear_country() else {
            return;
        };
        let Some(&forces) = self.by_id.get(&format!("{country}_COP")) else {
            return;
        };
        let label = label_of(self.entry(forces));
        let word = |k: usize| &v[toks[k].start..toks[k].end];
        let joined = |a: usize| {
            v[toks[a].end..toks[a + 1].start]
                .chars()
                .all(char::is_whitespace)
        };
        let mut found = Vec::new();
        let mut buf = String::new();
        let mut k = 0;
        while k < toks.len() {
            if !may_start_a_head(word(k)) {
                k += 1;
                continue;
            }
            // the first word bare or after its proclitics (وقوات، لقوات، للشرطة)
            let mut hit: Option<(usize, usize)> = None;
            let mut try_head = |pre: usize, first: &str| {
                if hit.is_some() {
                    return;
                }
                for head in HEADS {
                    let n = head.len();
                    let fits = head[0] == first
                        && k + n <= toks.len()
                        && (1..n).all(|j| joined(k + j - 1) && word(k + j) == head[j]);
                    if fits {
                        hit = Some((pre, n));
                        return;
                    }
                }
            };
            try_head(0, word(k));
            clitic_stems(word(k), &mut buf, |pre, stem, _| try_head(pre, stem));
            let Some((pre, n)) = hit else {
                k += 1;
                continue;
            };
            let (b0, b1) = (toks[k].start + pre, toks[k + n - 1].end);
            let foreign = k + n < toks.len() && FOREIGN.contains(&word(k + n));
            let taken = out.iter().any(|l| l.b0 < b1 && b0 < l.b1);
            if !foreign && !taken {
                found.push(Link {
                    tok: k,
                    b0,
                    b1,
                    label,
                    to: LinkedTo::Kb(forces),
                    by_name: false,
                });
            }
            k += n;
        }
        out.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_filter_passes_every_head_and_its_clitic_forms() {
        for head in HEADS {
            for pre in ["", "و", "ف", "ب", "ل", "وب", "ول"] {
                let w = format!("{pre}{}", head[0]);
                assert!(may_start_a_head(&w), "{w}");
            }
        }
        // (للشرطه: the stem is rebuilt with the article, and still ends as الشرطه does)
        assert!(may_start_a_head("للشرطه"));
        for w in ["قال", "الرئيس", "الحكومه", "وزير", "في", "السوريه"]
        {
            assert!(!may_start_a_head(w), "{w}");
        }
    }
}
