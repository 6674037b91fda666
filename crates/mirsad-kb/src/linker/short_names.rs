//! A surname the KB gives to someone else: after `هاينز فيشر` (Heinz Fischer) the text's
//! `فيشر` is him again, not the KB's other Fischer (Joschka), whom the text never names in
//! full. Coreference keeps the person the document introduced.

use super::{EntityLabel, Link, LinkedTo, Linker, Tok};
use rustc_hash::FxHashMap;

impl Linker {
    /// Relinks one-word KB person links whose word is the short name of another person named
    /// in full earlier (`short`: last word → first token and target), unless the KB person is
    /// also named in full somewhere in the document. Visits the links only, not the words.
    pub(super) fn prefer_named_in_full(
        &self,
        v: &str,
        toks: &[Tok],
        out: &mut [Link],
        short: &FxHashMap<String, (usize, LinkedTo)>,
    ) {
        let named_in_full = |idx: usize, out: &[Link]| {
            out.iter().any(|o| {
                o.by_name
                    && matches!(o.to, LinkedTo::Kb(i) if i == idx)
                    && v[o.b0..o.b1].contains(' ')
            })
        };
        for k in 0..out.len() {
            let o = &out[k];
            let LinkedTo::Kb(idx) = o.to else { continue };
            if o.label != EntityLabel::PER || o.b1 > toks[o.tok].end {
                continue;
            }
            let Some((first, to)) = short.get(&v[o.b0..o.b1]) else {
                continue;
            };
            let same = matches!(to, LinkedTo::Kb(i) if *i == idx);
            if same || *first >= o.tok || named_in_full(idx, out) {
                continue;
            }
            out[k].to = to.clone();
        }
    }
}
