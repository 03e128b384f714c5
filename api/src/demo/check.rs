//! Consistency checks on a clinic's static data (no dates relative to today): the loader
//! refuses data that the schema or the booking rules would reject.

use chrono::{NaiveTime, Weekday};
use sea_orm::DbErr;

use super::spec::{ClinicSpec, Discount, Interval, LocationSpec, ServiceSpec, TherapistSpec};
use super::time::{clock, date, instant, invalid};

/// The item of `items` whose `name(item)` is `wanted`.
pub fn named<'a, T>(
    items: &'a [T],
    wanted: &str,
    name: impl Fn(&T) -> &str,
    what: &str,
) -> Result<&'a T, DbErr> {
    items
        .iter()
        .find(|item| name(item) == wanted)
        .ok_or_else(|| invalid(format!("no {what} named {wanted:?}")))
}

pub fn location<'a>(clinic: &'a ClinicSpec, name: &str) -> Result<&'a LocationSpec, DbErr> {
    named(clinic.locations, name, |l| l.name, "location")
}

pub fn therapist<'a>(clinic: &'a ClinicSpec, name: &str) -> Result<&'a TherapistSpec, DbErr> {
    named(clinic.therapists, name, |t| t.name, "therapist")
}

pub fn service<'a>(clinic: &'a ClinicSpec, name: &str) -> Result<&'a ServiceSpec, DbErr> {
    named(clinic.services, name, |s| s.name, "service")
}

fn variant_price(service: &ServiceSpec, minutes: i32) -> Result<i64, DbErr> {
    service
        .variants
        .iter()
        .find(|(m, _)| *m == minutes)
        .map(|(_, price)| *price)
        .ok_or_else(|| invalid(format!("{} has no {minutes}-minute variant", service.name)))
}

/// Whether `[from, to]` lies inside one of the intervals of `day`.
fn within(
    intervals: impl IntoIterator<Item = Interval>,
    day: Weekday,
    from: NaiveTime,
    to: NaiveTime,
) -> Result<bool, DbErr> {
    for (days, opens, closes) in intervals {
        if days.contains(&day) && clock(opens)? <= from && to <= clock(closes)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn interval_ok(what: &str, (days, from, to): Interval) -> Result<(), DbErr> {
    if days.is_empty() || clock(from)? >= clock(to)? {
        return Err(invalid(format!("{what}: {days:?} {from}-{to} is empty")));
    }
    Ok(())
}

pub fn catalogue(clinic: &ClinicSpec) -> Result<(), DbErr> {
    super::time::zone(clinic.time_zone)?;
    for location in clinic.locations {
        for &hours in location.hours {
            interval_ok(location.name, hours)?;
        }
        for (first, last, _) in location.closures {
            if date(first)? > date(last)? {
                return Err(invalid(format!(
                    "{}: closure {first}..{last}",
                    location.name
                )));
            }
        }
    }
    for therapist in clinic.therapists {
        if !(0..=240).contains(&therapist.buffer_minutes) {
            return Err(invalid(format!("{}: buffer out of range", therapist.name)));
        }
        for &(place, days, from, to) in therapist.shifts {
            interval_ok(therapist.name, (days, from, to))?;
            let hours = location(clinic, place)?.hours;
            for &day in days {
                if !within(hours.iter().copied(), day, clock(from)?, clock(to)?)? {
                    let shift = format!("{day} {from}-{to} at {place}");
                    let name = therapist.name;
                    return Err(invalid(format!("{name}: {shift} is outside opening hours")));
                }
            }
        }
    }
    for service in clinic.services {
        let minutes_ok = service
            .variants
            .iter()
            .all(|(m, p)| (5..=480).contains(m) && *p >= 0);
        if !(0..=120).contains(&service.cleanup_buffer_minutes) || !minutes_ok {
            return Err(invalid(format!(
                "{}: buffer or variant out of range",
                service.name
            )));
        }
    }
    for o in clinic.price_overrides {
        variant_price(service(clinic, o.service)?, o.minutes)?;
        location(clinic, o.location)?;
    }
    for promotion in clinic.promotions {
        let discount_ok = match promotion.discount {
            Discount::Percent(p) => (1..=100).contains(&p),
            Discount::Fixed(amount) => amount > 0,
        };
        let code_ok = promotion.code.is_none_or(|c| c == c.to_uppercase());
        if !discount_ok || !code_ok || instant(promotion.starts_at)? >= instant(promotion.ends_at)?
        {
            return Err(invalid(format!(
                "promotion {:?} is malformed",
                promotion.name
            )));
        }
        for name in promotion.services {
            service(clinic, name)?;
        }
        for name in promotion.locations {
            location(clinic, name)?;
        }
    }
    Ok(())
}
