//! «علي» (the name Ali) and «على» (the preposition "on") fold to one matching form, so the
//! name is in `NOT_NAME` and a person named Ali after a title (`السفير … علي عواض عسيري`) was
//! never read. The original text still tells them apart: the name ends in a dotted ya. The few
//! tokens that match the folded form are looked up in the original once per document.

use super::Tok;

/// The folded form shared by the name and the preposition.
pub(super) const ALI: &str = "علي";

/// Word tokens of the view `v` that read `علي` and that `written_with_dotted_ya` says are
/// written with a dotted ya in the original, in order. Tokens of another byte length are
/// passed over without comparing them.
pub(super) fn dotted_ali_tokens(
    v: &str,
    toks: &[Tok],
    written_with_dotted_ya: impl Fn(usize) -> bool,
) -> Vec<usize> {
    toks.iter()
        .enumerate()
        .filter(|(_, t)| t.end - t.start == ALI.len() && &v[t.start..t.end] == ALI)
        .map(|(k, _)| k)
        .filter(|&k| written_with_dotted_ya(k))
        .collect()
}

/// Whether an original word's last letter (diacritics and tatweel skipped) is the dotted ya.
pub(super) fn ends_with_dotted_ya(word: &str) -> bool {
    word.chars().rev().find(|&c| !super::is_mark(c)) == Some('ي')
}

impl super::Linker {
    /// Whether the word `w` at token `k` is a given name: the folded علي only when written with
    /// the dotted ya (the preposition على before a name is no given name of the person:
    /// `يجب على باراك أوباما` is Obama, not some Ali Obama).
    pub(super) fn given_name_at(&self, w: &str, k: usize, dotted: &[usize]) -> bool {
        self.first_names.contains(w) && (w != ALI || dotted.binary_search(&k).is_ok())
    }
}
