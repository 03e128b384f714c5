//! Weekly intervals (opening hours, therapist schedules): each must end after it starts,
//! and intervals of one weekday must not overlap.

use chrono::NaiveTime;

use crate::{
    error::{ApiError, ApiResult},
    location::Weekday,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub weekday: Weekday,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
}

/// The intervals sorted by weekday and start, or the first problem found.
pub fn intervals(field: &str, mut items: Vec<Interval>) -> ApiResult<Vec<Interval>> {
    const MAX_A_DAY: usize = 12;
    if Weekday::ALL
        .iter()
        .any(|day| items.iter().filter(|i| i.weekday == *day).count() > MAX_A_DAY)
    {
        return Err(ApiError::validation(
            field,
            format!("at most {MAX_A_DAY} intervals a day"),
        ));
    }
    if let Some(bad) = items.iter().find(|i| i.ends_at <= i.starts_at) {
        return Err(ApiError::validation(
            field,
            format!("an interval on {:?} ends before it starts", bad.weekday),
        ));
    }
    items.sort_by_key(|i| (i.weekday, i.starts_at));
    if let Some(pair) = items
        .windows(2)
        .find(|w| w[0].weekday == w[1].weekday && w[1].starts_at < w[0].ends_at)
    {
        return Err(ApiError::validation(
            field,
            format!("intervals on {:?} overlap", pair[0].weekday),
        ));
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid")
    }

    fn iv(weekday: Weekday, s: (u32, u32), e: (u32, u32)) -> Interval {
        Interval {
            weekday,
            starts_at: at(s.0, s.1),
            ends_at: at(e.0, e.1),
        }
    }

    #[test]
    fn touching_intervals_are_fine_and_come_back_sorted() {
        let result = intervals(
            "hours",
            vec![
                iv(Weekday::Monday, (13, 0), (18, 0)),
                iv(Weekday::Monday, (9, 0), (13, 0)),
            ],
        )
        .expect("valid");
        assert_eq!(result[0].starts_at, at(9, 0));
    }

    #[test]
    fn overlaps_and_backwards_intervals_are_rejected() {
        assert!(
            intervals(
                "h",
                vec![
                    iv(Weekday::Monday, (9, 0), (13, 0)),
                    iv(Weekday::Monday, (12, 59), (14, 0))
                ]
            )
            .is_err()
        );
        assert!(intervals("h", vec![iv(Weekday::Monday, (9, 0), (9, 0))]).is_err());
        assert!(intervals("h", vec![iv(Weekday::Monday, (10, 0), (9, 0))]).is_err());
        // The same hours on different days do not overlap.
        assert!(
            intervals(
                "h",
                vec![
                    iv(Weekday::Monday, (9, 0), (13, 0)),
                    iv(Weekday::Tuesday, (9, 0), (13, 0))
                ]
            )
            .is_ok()
        );
    }

    #[test]
    fn any_set_that_passes_is_sorted_and_disjoint() {
        // Exhaustive over pairs of intervals on a coarse grid.
        let hours = [8, 9, 10, 12, 13];
        for &a in &hours {
            for &b in &hours {
                for &c in &hours {
                    for &d in &hours {
                        let items = vec![
                            iv(Weekday::Friday, (a, 0), (b, 0)),
                            iv(Weekday::Friday, (c, 0), (d, 0)),
                        ];
                        if let Ok(sorted) = intervals("h", items) {
                            assert!(sorted[0].ends_at <= sorted[1].starts_at);
                            assert!(sorted.iter().all(|i| i.starts_at < i.ends_at));
                        } else {
                            let disjoint = b <= c || d <= a;
                            assert!(a >= b || c >= d || !disjoint, "{a}-{b} {c}-{d}");
                        }
                    }
                }
            }
        }
    }
}
