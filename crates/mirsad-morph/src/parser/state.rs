//! The arc-hybrid transition system (Kuhlmann et al. 2011) with the artificial root at the bottom
//! of the stack, and its exact dynamic oracle for projective trees (Goldberg & Nivre 2013).
//!
//! Nodes are 0 (root) and 1..=n (words in order). Actions are encoded as one class index:
//! 0 = SHIFT, 1 + 2·l = LEFT with label l (b0 becomes the head of s0), 2 + 2·l = RIGHT with
//! label l (s1 becomes the head of s0). The root may take a dependent only once the buffer is
//! empty and that dependent is the last word on the stack, so every terminal configuration is a
//! single-rooted tree covering every word.

pub const SHIFT: usize = 0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Shift,
    Left,
    Right,
}

pub fn class_move(class: usize) -> Move {
    match class {
        SHIFT => Move::Shift,
        c if c % 2 == 1 => Move::Left,
        _ => Move::Right,
    }
}

pub fn class_label(class: usize) -> usize {
    (class - 1) / 2
}

pub fn left_class(label: usize) -> usize {
    1 + 2 * label
}

pub fn right_class(label: usize) -> usize {
    2 + 2 * label
}

pub const NONE: usize = usize::MAX;

/// Per-node structure the features look at: the two outermost dependents on each side, how many
/// dependents on each side, and the set of labels on each side (as a bit mask).
#[derive(Debug, Clone, Copy)]
pub struct NodeInfo {
    pub leftmost: [usize; 2],
    pub rightmost: [usize; 2],
    pub left_count: u32,
    pub right_count: u32,
    pub left_labels: u64,
    pub right_labels: u64,
}

impl Default for NodeInfo {
    fn default() -> Self {
        NodeInfo {
            leftmost: [NONE; 2],
            rightmost: [NONE; 2],
            left_count: 0,
            right_count: 0,
            left_labels: 0,
            right_labels: 0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct State {
    pub stack: Vec<usize>,
    /// The first buffer node; the buffer is `buffer..=words`.
    pub buffer: usize,
    pub words: usize,
    pub heads: Vec<usize>,
    pub labels: Vec<usize>,
    pub nodes: Vec<NodeInfo>,
}

impl State {
    pub fn new(words: usize) -> State {
        State {
            stack: vec![0],
            buffer: 1,
            words,
            heads: vec![NONE; words + 1],
            labels: vec![NONE; words + 1],
            nodes: vec![NodeInfo::default(); words + 1],
        }
    }

    pub fn is_terminal(&self) -> bool {
        self.buffer > self.words && self.stack.len() == 1
    }

    pub fn buffer_empty(&self) -> bool {
        self.buffer > self.words
    }

    /// The i-th stack node from the top (0 = s0), or NONE.
    pub fn stack_at(&self, i: usize) -> usize {
        if i < self.stack.len() {
            self.stack[self.stack.len() - 1 - i]
        } else {
            NONE
        }
    }

    /// The i-th buffer node (0 = b0), or NONE.
    pub fn buffer_at(&self, i: usize) -> usize {
        let node = self.buffer + i;
        if node <= self.words {
            node
        } else {
            NONE
        }
    }

    /// Whether `class` may be applied; `root_label` is the label reserved for the root arc.
    pub fn is_legal(&self, class: usize, root_label: usize) -> bool {
        match class_move(class) {
            Move::Shift => !self.buffer_empty(),
            Move::Left => {
                self.stack.len() >= 2 && !self.buffer_empty() && class_label(class) != root_label
            }
            Move::Right => {
                if self.stack.len() < 2 {
                    return false;
                }
                let to_root = self.stack_at(1) == 0;
                if to_root {
                    self.buffer_empty() && class_label(class) == root_label
                } else {
                    class_label(class) != root_label
                }
            }
        }
    }

    pub fn apply(&mut self, class: usize) {
        match class_move(class) {
            Move::Shift => {
                self.stack.push(self.buffer);
                self.buffer += 1;
            }
            Move::Left => {
                let dependent = self.stack.pop().expect("LEFT needs a stack node");
                self.add_arc(self.buffer, dependent, class_label(class));
            }
            Move::Right => {
                let dependent = self.stack.pop().expect("RIGHT needs two stack nodes");
                let head = *self.stack.last().expect("RIGHT needs two stack nodes");
                self.add_arc(head, dependent, class_label(class));
            }
        }
    }

    fn add_arc(&mut self, head: usize, dependent: usize, label: usize) {
        self.heads[dependent] = head;
        self.labels[dependent] = label;
        let bit = 1u64 << (label % 64);
        let info = &mut self.nodes[head];
        if dependent < head {
            info.left_count += 1;
            info.left_labels |= bit;
            insert_outermost(&mut info.leftmost, dependent, |a, b| a < b);
        } else {
            info.right_count += 1;
            info.right_labels |= bit;
            insert_outermost(&mut info.rightmost, dependent, |a, b| a > b);
        }
    }

    /// Unlabelled costs of SHIFT, LEFT and RIGHT against the gold heads: how many gold arcs each
    /// makes unreachable. Exact for projective gold trees; a lower bound otherwise.
    pub fn move_costs(&self, gold_heads: &[usize]) -> [u32; 3] {
        let s0 = self.stack_at(0);
        let s1 = self.stack_at(1);
        let b0 = self.buffer_at(0);
        let in_buffer = |node: usize| node != NONE && node != 0 && node >= self.buffer;
        let buffer_dependents = |head: usize| -> u32 {
            (self.buffer..=self.words)
                .filter(|&d| gold_heads[d] == head)
                .count() as u32
        };
        let mut shift = 0;
        if b0 != NONE {
            let head = gold_heads[b0];
            if head != s0 && self.stack.contains(&head) {
                shift += 1;
            }
            shift += self.stack.iter().filter(|&&d| gold_heads[d] == b0).count() as u32;
        }
        let mut left = 0;
        let mut right = 0;
        if s0 != NONE && s0 != 0 {
            let head = gold_heads[s0];
            let lost_dependents = buffer_dependents(s0);
            left = lost_dependents;
            if head != b0 && (head == s1 || in_buffer(head)) {
                left += 1;
            }
            right = lost_dependents;
            if in_buffer(head) {
                right += 1;
            }
        }
        [shift, left, right]
    }
}

fn insert_outermost(slots: &mut [usize; 2], node: usize, outer: impl Fn(usize, usize) -> bool) {
    if slots[0] == NONE || outer(node, slots[0]) {
        slots[1] = slots[0];
        slots[0] = node;
    } else if slots[1] == NONE || outer(node, slots[1]) {
        slots[1] = node;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_oracle(gold_heads: &[usize]) -> Vec<usize> {
        let words = gold_heads.len() - 1;
        let root_label = 0;
        let mut state = State::new(words);
        while !state.is_terminal() {
            let costs = state.move_costs(gold_heads);
            let class = [
                SHIFT,
                left_class(1),
                right_class(1),
                right_class(root_label),
            ]
            .into_iter()
            .find(|&c| {
                state.is_legal(c, root_label)
                    && costs[match class_move(c) {
                        Move::Shift => 0,
                        Move::Left => 1,
                        Move::Right => 2,
                    }] == 0
            })
            .expect("a projective tree always has a zero-cost move");
            state.apply(class);
        }
        state.heads
    }

    #[test]
    fn zero_cost_moves_rebuild_projective_trees() {
        // heads indexed by node; index 0 is the root's placeholder.
        for gold in [
            vec![NONE, 0],
            vec![NONE, 2, 0, 2],
            vec![NONE, 3, 3, 0, 5, 3, 5],
            vec![NONE, 0, 1, 2, 3, 4],
            vec![NONE, 5, 1, 2, 3, 0],
        ] {
            let heads = run_oracle(&gold);
            assert_eq!(heads[1..], gold[1..]);
        }
    }
}
