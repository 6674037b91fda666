//! Averaged multiclass perceptron over hashed features. A feature's weights are kept sparse (only
//! the classes it was ever updated for) because the perceptron touches two classes per update and
//! a dense row per feature would be mostly zeros.

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

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Weights {
    /// Feature hash → (first entry, entry count).
    index: FxHashMap<u64, (u32, u32)>,
    keys: Vec<u64>,
    /// (class, weight) pairs of all rows, each row contiguous: one cache line per feature.
    entries: Vec<(u16, f32)>,
}

impl Weights {
    pub fn push_row(&mut self, key: u64, entries: &[(u16, f32)]) {
        if entries.is_empty() {
            return;
        }
        let start = self.entries.len() as u32;
        self.entries.extend_from_slice(entries);
        self.index.insert(key, (start, entries.len() as u32));
        self.keys.push(key);
    }

    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for feature in features {
            if let Some(&(start, len)) = self.index.get(feature) {
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
        self.keys.iter().map(|key| {
            let (start, len) = self.index[key];
            (*key, &self.entries[start as usize..(start + len) as usize])
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
