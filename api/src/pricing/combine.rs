//! Choosing the allowed combination of eligible promotions with the largest discount.
//!
//! An exact search: every set in which each pair combines is tried (depth-first, only
//! ever extending sets that are still allowed), so the result is the true optimum of the
//! searched promotions. At most `MAX_SEARCHED` promotions are searched, which bounds the
//! work at 2^16 sets.

use super::Promotion;

/// The most eligible promotions searched. Past this, only the `MAX_SEARCHED` with the
/// largest standalone discounts are kept (ties: smaller id first); the others can still
/// get a verdict but are never applied.
pub const MAX_SEARCHED: usize = 16;

/// An eligible promotion and its standalone discount (`0..=list price`).
pub(super) struct Candidate<'a> {
    pub promotion: &'a Promotion,
    pub worth: i64,
}

/// The chosen set, as indices into `candidates` (which must be sorted by id).
///
/// The total of a set is the sum of its standalone discounts capped at the list price.
/// The largest total wins; ties go to the set with fewer promotions, then to the one
/// whose sorted id list is lexicographically smallest. None of this depends on the
/// order the promotions were given in.
pub(super) fn best(candidates: &[Candidate<'_>], list_minor: i64) -> Vec<usize> {
    let searched = searched(candidates);
    let compatible = searched
        .iter()
        .map(|&i| {
            searched.iter().enumerate().fold(0u32, |mask, (bit, &j)| {
                let combines = candidates[i].promotion.combines(candidates[j].promotion);
                if combines { mask | 1 << bit } else { mask }
            })
        })
        .collect();
    let mut search = Search {
        worth: searched.iter().map(|&i| candidates[i].worth).collect(),
        compatible,
        cap: i128::from(list_minor.max(0)),
        best: Best::default(),
    };
    search.extend(0, 0, 0);
    let best = search.best.mask;
    searched
        .into_iter()
        .enumerate()
        .filter(|&(bit, _)| best & (1 << bit) != 0)
        .map(|(_, i)| i)
        .collect()
}

/// Indices of the candidates to search, ascending (so ascending by id).
fn searched(candidates: &[Candidate<'_>]) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..candidates.len()).collect();
    if indices.len() > MAX_SEARCHED {
        indices.sort_by_key(|&i| {
            (
                std::cmp::Reverse(candidates[i].worth),
                candidates[i].promotion.id,
            )
        });
        indices.truncate(MAX_SEARCHED);
        indices.sort_unstable();
    }
    indices
}

/// A set as a bit mask over the searched promotions (bit `k` is the `k`-th smallest id).
#[derive(Default)]
struct Best {
    mask: u32,
    total: i128,
    count: u32,
}

impl Best {
    /// Whether `other` beats `self` under the documented order.
    fn beaten_by(&self, other: &Best) -> bool {
        if other.total != self.total {
            return other.total > self.total;
        }
        if other.count != self.count {
            return other.count < self.count;
        }
        // Equal sizes: the sorted id lists first differ at the smallest id in exactly one
        // of the two sets, and the set holding it is the lexicographically smaller list.
        let differ = other.mask ^ self.mask;
        differ != 0 && other.mask & (1 << differ.trailing_zeros()) != 0
    }
}

struct Search {
    worth: Vec<i64>,
    /// `compatible[k]` has bit `j` set when promotions `k` and `j` combine.
    compatible: Vec<u32>,
    cap: i128,
    best: Best,
}

impl Search {
    /// Scores `mask` (an allowed set), then tries adding each later promotion that
    /// combines with all of it.
    fn extend(&mut self, from: usize, mask: u32, sum: i128) {
        let here = Best {
            mask,
            total: sum.min(self.cap),
            count: mask.count_ones(),
        };
        if self.best.beaten_by(&here) {
            self.best = here;
        }
        for next in from..self.worth.len() {
            if self.compatible[next] & mask == mask {
                let sum = sum + i128::from(self.worth[next]);
                self.extend(next + 1, mask | 1 << next, sum);
            }
        }
    }
}
