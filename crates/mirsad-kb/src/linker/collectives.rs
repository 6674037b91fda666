//! The opposition of a state named after `في`: `حزب العدالة والتنمية الحاكم والمعارضة في تركيا`
//! is Turkey's opposition, whatever country the rest of the text is about. A nationality
//! adjective (`المعارضة السورية`) is read by the title resolution before this is asked. A
//! bare `المعارضة` after a named opposition is that opposition again.

use super::{Link, LinkedTo, Linker, Raw, RawKind, Tok};
use mirsad_core::ActorKind;

impl Linker {
    /// The country of a state named right after `في` that follows the collective `m` (the raw
    /// match at `i`): the next raw match must start at the word after `في`, with no proclitic.
    pub(super) fn state_after_fi(
        &self,
        raw: &[Raw],
        i: usize,
        toks: &[Tok],
        v: &str,
    ) -> Option<String> {
        let m = &raw[i];
        let fi = toks.get(m.end_tok + 1)?;
        if &v[fi.start..fi.end] != "في"
            || !v[toks[m.end_tok].end..fi.start]
                .chars()
                .all(char::is_whitespace)
        {
            return None;
        }
        let n = raw[i + 1..]
            .iter()
            .take_while(|n| n.tok <= m.end_tok + 2)
            .find(|n| n.tok == m.end_tok + 2 && n.prefix == 0)?;
        let RawKind::Entry(node) = n.kind else {
            return None;
        };
        let mut states = self.targets[node as usize]
            .iter()
            .map(|t| self.entry(t.entry as usize))
            .filter(|e| e.kind == ActorKind::State && e.sector.is_none());
        let state = states.next()?;
        if states.next().is_some() {
            return None;
        }
        state.country.clone()
    }
}

impl Linker {
    /// The country of the last link to a sector actor of `sector` (`المعارضة السورية` before a
    /// bare `المعارضة`): the opposition the text already named is the one it goes on about, even
    /// where another country (the host of the talks) is named more often.
    pub(super) fn last_sector_country(&self, out: &[Link], sector: &str) -> Option<String> {
        out.iter().rev().find_map(|o| match o.to {
            LinkedTo::Kb(idx) => {
                let e = self.entry(idx);
                (e.sector.as_deref() == Some(sector))
                    .then(|| e.country.clone())
                    .flatten()
            }
            LinkedTo::Local(_) => None,
        })
    }
}
