//! Averaged multiclass perceptron over hashed features. A feature's weights are kept sparse (only
//! the classes it was ever updated for) because the perceptron touches two classes per update and
//! a dense row per feature would be mostly zeros.

use mirsad_core::prefetch;
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Copy)]
struct Slot {
    class: u16,
    weight: f32,
    /// Σ time·Δweight, for the averaging trick of Daumé (2006): average = weight − acc / time.
    acc: f64,
}

#[derive(Debug, Default)]
pub struct TrainingWeights {
    rows: FxHashMap<u64, Vec<Slot>>,
    time: u64,
}

impl TrainingWeights {
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for feature in features {
            if let Some(row) = self.rows.get(feature) {
                for slot in row {
                    scores[usize::from(slot.class)] += slot.weight;
                }
            }
        }
    }

    /// Counts one training decision (the clock of the averaging).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    pub fn update(&mut self, features: &[u64], good: usize, bad: usize) {
        let time = self.time as f64;
        for &feature in features {
            let row = self.rows.entry(feature).or_default();
            for (class, delta) in [(good, 1.0f32), (bad, -1.0f32)] {
                let class = class as u16;
                match row.iter_mut().find(|slot| slot.class == class) {
                    Some(slot) => {
                        slot.weight += delta;
                        slot.acc += time * f64::from(delta);
                    }
                    None => row.push(Slot {
                        class,
                        weight: delta,
                        acc: time * f64::from(delta),
                    }),
                }
            }
        }
    }

    /// The averaged weights, without entries whose average is (near) zero.
    pub fn averaged(&self) -> Weights {
        let time = self.time.max(1) as f64;
        let mut keys: Vec<u64> = self.rows.keys().copied().collect();
        // Sorted so that the saved model is byte-identical from one run to the next.
        keys.sort_unstable();
        let mut weights = Weights::default();
        for key in keys {
            let mut entries: Vec<(u16, f32)> = self.rows[&key]
                .iter()
                .map(|slot| {
                    (
                        slot.class,
                        (f64::from(slot.weight) - slot.acc / time) as f32,
                    )
                })
                .filter(|&(_, w)| w.abs() >= 1e-3)
                .collect();
            entries.sort_unstable_by_key(|&(class, _)| class);
            weights.push_row(key, &entries);
        }
        weights
    }
}

/// One open-addressing slot: a feature hash and where its row lies in `entries`.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Slot16 {
    key: u64,
    start: u32,
    /// 0 marks an empty slot (rows are never empty).
    len: u32,
}

/// Frozen weights. Parsing is bound by memory latency (a hundred random lookups per transition),
/// so the table is open addressing on the already well-mixed feature hash, one 16-byte slot per
/// lookup, and [`Weights::score`] prefetches all slots and then all rows before reading them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Weights {
    slots: Vec<Slot16>,
    /// Feature hashes in insertion order (the order rows are saved in).
    keys: Vec<u64>,
    /// (class, weight) pairs of all rows, each row contiguous.
    entries: Vec<(u16, f32)>,
}

impl Weights {
    pub fn push_row(&mut self, key: u64, entries: &[(u16, f32)]) {
        if entries.is_empty() {
            return;
        }
        if 2 * (self.keys.len() + 1) > self.slots.len() {
            self.grow();
        }
        let slot = Slot16 {
            key,
            start: self.entries.len() as u32,
            len: entries.len() as u32,
        };
        self.entries.extend_from_slice(entries);
        if self.insert(slot) {
            self.keys.push(key);
        }
    }

    /// Places `slot`, replacing the row of the same key if any; true when the key is new.
    fn insert(&mut self, slot: Slot16) -> bool {
        let mask = self.slots.len() - 1;
        let mut index = slot.key as usize & mask;
        loop {
            let current = &mut self.slots[index];
            if current.len == 0 || current.key == slot.key {
                let new = current.len == 0;
                *current = slot;
                return new;
            }
            index = (index + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let capacity = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![Slot16::default(); capacity]);
        for slot in old.into_iter().filter(|slot| slot.len > 0) {
            self.insert(slot);
        }
    }

    #[inline]
    fn find(&self, key: u64) -> Option<Slot16> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut index = key as usize & mask;
        loop {
            let slot = self.slots[index];
            if slot.len == 0 {
                return None;
            }
            if slot.key == key {
                return Some(slot);
            }
            index = (index + 1) & mask;
        }
    }

    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        if self.slots.is_empty() {
            return;
        }
        let mask = self.slots.len() - 1;
        const CHUNK: usize = 128;
        let mut rows = [(0u32, 0u32); CHUNK];
        for chunk in features.chunks(CHUNK) {
            for &feature in chunk {
                prefetch(&self.slots[feature as usize & mask]);
            }
            let mut found = 0;
            for &feature in chunk {
                if let Some(slot) = self.find(feature) {
                    prefetch(&self.entries[slot.start as usize]);
                    rows[found] = (slot.start, slot.len);
                    found += 1;
                }
            }
            for &(start, len) in &rows[..found] {
                for &(class, weight) in &self.entries[start as usize..(start + len) as usize] {
                    scores[usize::from(class)] += weight;
                }
            }
        }
    }

    pub fn feature_count(&self) -> usize {
        self.keys.len()
    }

    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Rows in insertion order: (key, (class, weight) entries).
    pub fn rows(&self) -> impl Iterator<Item = (u64, &[(u16, f32)])> {
        self.keys.iter().map(|&key| {
            let slot = self.find(key).expect("every key has a slot");
            (
                key,
                &self.entries[slot.start as usize..(slot.start + slot.len) as usize],
            )
        })
    }

    /// The same weights without entries smaller than `min_weight` in magnitude.
    pub fn pruned(&self, min_weight: f32) -> Weights {
        let mut pruned = Weights::default();
        let mut kept = Vec::new();
        for (key, entries) in self.rows() {
            kept.clear();
            kept.extend(entries.iter().filter(|(_, w)| w.abs() >= min_weight));
            pruned.push_row(key, &kept);
        }
        pruned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_addressing_finds_every_row_through_collisions_and_growth() {
        let mut weights = Weights::default();
        // Keys that share their low bits collide in the table and must probe.
        let keys: Vec<u64> = (0..5000u64).map(|i| (i << 40) | (i % 7)).collect();
        for (i, &key) in keys.iter().enumerate() {
            weights.push_row(key, &[((i % 5) as u16, i as f32), (9, 1.0)]);
        }
        assert_eq!(weights.feature_count(), keys.len());
        let mut scores = vec![0f32; 10];
        weights.score(&[keys[4321], keys[17], 12345], &mut scores);
        assert_eq!(scores[4321 % 5], 4321.0);
        assert_eq!(scores[17 % 5], 17.0);
        assert_eq!(scores[9], 2.0);
        let rows: Vec<u64> = weights.rows().map(|(key, _)| key).collect();
        assert_eq!(rows, keys, "rows come back in insertion order");
        let pruned = weights.pruned(100.0);
        assert_eq!(pruned.feature_count(), keys.len() - 100);
    }
}
