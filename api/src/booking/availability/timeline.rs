//! Busy time as sorted, merged spans, asked about in start order by a cursor that only
//! moves forward, so checking every candidate costs one pass over the spans.

use super::Span;
use super::calendar::{ceil_secs, floor_secs};

pub(super) struct Timeline {
    /// Disjoint, non-touching `[start, end)` seconds, ascending.
    spans: Vec<(i64, i64)>,
    /// Spans before this index end at or before every start asked about so far.
    next: usize,
}

impl Timeline {
    /// Keeps only spans that reach into `[from, to)`, the only ones any query can touch.
    pub(super) fn new(spans: &[Span], from: i64, to: i64) -> Self {
        let mut sorted: Vec<(i64, i64)> = spans
            .iter()
            .filter(|s| s.start < s.end)
            // Outward rounding keeps overlap tests with whole-second queries exact.
            .map(|s| (floor_secs(s.start), ceil_secs(s.end)))
            .filter(|&(start, end)| end > from && start < to)
            .collect();
        sorted.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(sorted.len());
        for (start, end) in sorted {
            match merged.last_mut() {
                // Touching spans merge too: a non-empty query overlaps the union iff it
                // overlaps one of them.
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        Self {
            spans: merged,
            next: 0,
        }
    }

    /// Whether `[start, end)` overlaps a span; `start` must not decrease between calls.
    pub(super) fn overlaps(&mut self, start: i64, end: i64) -> bool {
        while self.spans.get(self.next).is_some_and(|&(_, e)| e <= start) {
            self.next += 1;
        }
        self.spans.get(self.next).is_some_and(|&(s, _)| s < end)
    }
}
