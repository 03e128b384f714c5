//! Inserts a clinic with its locations (hours, closures, rooms) and therapists (specialties,
//! locations, weekly schedules, time off). Ids are recorded by name for what follows.

use chrono::{DateTime, Utc};
use entity::{
    clinic, location, location_closure, opening_hours, room, therapist, therapist_location,
    therapist_schedule, therapist_specialty, therapist_time_off,
};
use sea_orm::{DatabaseTransaction, DbErr, Set};
use uuid::Uuid;

use super::plan::Plan;
use super::spec::ClinicSpec;
use super::time::{clock, date, weekday_number};
use super::{Ids, id, put};

pub async fn insert(
    txn: &DatabaseTransaction,
    spec: &'static ClinicSpec,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<Ids, DbErr> {
    let mut ids = Ids {
        clinic: Uuid::new_v4(),
        ..Ids::default()
    };
    put(
        txn,
        clinic::ActiveModel {
            id: Set(ids.clinic),
            name: Set(spec.name.to_owned()),
            slug: Set(spec.slug.to_owned()),
            description: Set(spec.description.to_owned()),
            currency: Set(spec.currency.to_owned()),
            cancellation_cutoff_minutes: Set(spec.cancellation_cutoff_minutes),
            booking_horizon_days: Set(spec.booking_horizon_days),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    locations(txn, spec, &mut ids, now).await?;
    therapists(txn, spec, plan, &mut ids, now).await?;
    Ok(ids)
}

async fn locations(
    txn: &DatabaseTransaction,
    spec: &ClinicSpec,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for l in spec.locations {
        let location_id = Uuid::new_v4();
        ids.locations.insert(l.name, location_id);
        put(
            txn,
            location::ActiveModel {
                id: Set(location_id),
                clinic_id: Set(ids.clinic),
                name: Set(l.name.to_owned()),
                address_line1: Set(l.address_line1.to_owned()),
                address_line2: Set(l.address_line2.map(str::to_owned)),
                city: Set(l.city.to_owned()),
                region: Set(l.region.map(str::to_owned)),
                postal_code: Set(l.postal_code.to_owned()),
                country_code: Set(l.country_code.to_owned()),
                time_zone: Set(spec.time_zone.to_owned()),
                phone: Set(l.phone.map(str::to_owned)),
                created_at: Set(now),
                updated_at: Set(now),
            },
        )
        .await?;
        for &(days, opens, closes) in l.hours {
            for &day in days {
                put(
                    txn,
                    opening_hours::ActiveModel {
                        id: Set(Uuid::new_v4()),
                        location_id: Set(location_id),
                        weekday: Set(weekday_number(day)),
                        opens_at: Set(clock(opens)?),
                        closes_at: Set(clock(closes)?),
                        created_at: Set(now),
                    },
                )
                .await?;
            }
        }
        for &(first, last, reason) in l.closures {
            put(
                txn,
                location_closure::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    location_id: Set(location_id),
                    starts_on: Set(date(first)?),
                    ends_on: Set(date(last)?),
                    reason: Set(reason.to_owned()),
                    created_at: Set(now),
                },
            )
            .await?;
        }
        for &name in l.rooms {
            let room_id = Uuid::new_v4();
            ids.rooms.insert((l.name, name), room_id);
            put(
                txn,
                room::ActiveModel {
                    id: Set(room_id),
                    location_id: Set(location_id),
                    name: Set(name.to_owned()),
                    created_at: Set(now),
                    updated_at: Set(now),
                },
            )
            .await?;
        }
    }
    Ok(())
}

async fn therapists(
    txn: &DatabaseTransaction,
    spec: &ClinicSpec,
    plan: &Plan,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for (t, time_off) in spec.therapists.iter().zip(&plan.time_off) {
        let therapist_id = Uuid::new_v4();
        ids.therapists.insert(t.name, therapist_id);
        put(
            txn,
            therapist::ActiveModel {
                id: Set(therapist_id),
                clinic_id: Set(ids.clinic),
                user_id: Set(None),
                name: Set(t.name.to_owned()),
                bio: Set(t.bio.to_owned()),
                credential_kind: Set(t.credential_kind),
                credential_body: Set(t.credential_body.to_owned()),
                credential_number: Set(t.credential_number.to_owned()),
                buffer_minutes: Set(t.buffer_minutes),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
            },
        )
        .await?;
        for &modality in t.specialties {
            let therapist_id = Set(therapist_id);
            put(
                txn,
                therapist_specialty::ActiveModel {
                    therapist_id,
                    modality: Set(modality),
                },
            )
            .await?;
        }
        let mut places: Vec<&str> = t.shifts.iter().map(|s| s.0).collect();
        places.sort_unstable();
        places.dedup();
        for place in places {
            let location_id = Set(id(&ids.locations, &place)?);
            let therapist_id = Set(therapist_id);
            put(
                txn,
                therapist_location::ActiveModel {
                    therapist_id,
                    location_id,
                },
            )
            .await?;
        }
        for &(place, days, from, to) in t.shifts {
            for &day in days {
                put(
                    txn,
                    therapist_schedule::ActiveModel {
                        id: Set(Uuid::new_v4()),
                        therapist_id: Set(therapist_id),
                        location_id: Set(id(&ids.locations, &place)?),
                        weekday: Set(weekday_number(day)),
                        starts_at: Set(clock(from)?),
                        ends_at: Set(clock(to)?),
                        created_at: Set(now),
                    },
                )
                .await?;
            }
        }
        if let (Some(off), Some((starts_at, ends_at))) = (&t.time_off, time_off) {
            put(
                txn,
                therapist_time_off::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    therapist_id: Set(therapist_id),
                    starts_at: Set(*starts_at),
                    ends_at: Set(*ends_at),
                    reason: Set(off.reason.to_owned()),
                    created_at: Set(now),
                },
            )
            .await?;
        }
    }
    Ok(())
}
