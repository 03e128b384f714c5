use async_graphql::Enum;

/// A day of the week; stored as ISO 8601 numbers (1 = Monday … 7 = Sunday).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    pub fn iso_number(self) -> i32 {
        self as i32 + 1
    }

    pub fn from_iso_number(number: i32) -> Option<Self> {
        let index = usize::try_from(number.checked_sub(1)?).ok()?;
        Self::ALL.get(index).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::Weekday;

    #[test]
    fn iso_numbers_round_trip_and_reject_the_rest() {
        for day in Weekday::ALL {
            assert_eq!(Weekday::from_iso_number(day.iso_number()), Some(day));
        }
        assert_eq!(Weekday::Monday.iso_number(), 1);
        assert_eq!(Weekday::Sunday.iso_number(), 7);
        for bad in [0, 8, -1, i32::MIN, i32::MAX] {
            assert_eq!(Weekday::from_iso_number(bad), None);
        }
    }
}
