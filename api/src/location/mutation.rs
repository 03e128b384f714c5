//! The location admin API: profile, opening hours, closures and rooms.

use async_graphql::{Context, ID, InputObject, Object};
use entity::room;
use sea_orm::TransactionTrait;

use super::{Closure, Location, Room, Weekday, rules};
use crate::{
    auth::{
        guard::SignedIn,
        policy::{Action, require},
        principal::principal,
    },
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::db,
        scalars::{Date, LocalTime},
    },
    validate::{self, Interval},
};

#[derive(InputObject)]
pub struct AddressInput {
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2, e.g. `GB`.
    pub country_code: String,
}

impl TryFrom<AddressInput> for rules::Address {
    type Error = ApiError;

    fn try_from(input: AddressInput) -> ApiResult<Self> {
        Ok(Self {
            line1: validate::text("address.line1", &input.line1, 1, 200)?,
            line2: validate::optional_text("address.line2", input.line2.as_deref(), 200)?,
            city: validate::text("address.city", &input.city, 1, 100)?,
            region: validate::optional_text("address.region", input.region.as_deref(), 100)?,
            postal_code: validate::text("address.postalCode", &input.postal_code, 1, 20)?,
            country_code: validate::country_code("address.countryCode", &input.country_code)?,
        })
    }
}

#[derive(InputObject)]
pub struct CreateLocationInput {
    pub clinic_id: ID,
    pub name: String,
    pub address: AddressInput,
    /// IANA time zone, e.g. `Europe/London`.
    pub time_zone: String,
    pub phone: Option<String>,
}

/// Only the fields given change.
#[derive(InputObject)]
pub struct UpdateLocationInput {
    pub name: Option<String>,
    pub address: Option<AddressInput>,
    pub time_zone: Option<String>,
    pub phone: Option<String>,
}

#[derive(InputObject)]
pub struct OpeningHoursInput {
    pub weekday: Weekday,
    pub opens_at: LocalTime,
    pub closes_at: LocalTime,
}

#[derive(InputObject)]
pub struct AddClosureInput {
    pub location_id: ID,
    pub starts_on: Date,
    /// Inclusive; the same as `startsOn` for a single day.
    pub ends_on: Date,
    pub reason: String,
}

#[derive(Default)]
pub struct LocationMutation;

#[Object]
impl LocationMutation {
    /// Franchise admins of the clinic.
    #[graphql(guard = "SignedIn")]
    async fn create_location(
        &self,
        ctx: &Context<'_>,
        input: CreateLocationInput,
    ) -> ApiResult<Location> {
        let db = db(ctx)?;
        let clinic =
            crate::clinic::rules::find(db, id::require(Kind::Clinic, &input.clinic_id, "clinic")?)
                .await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: clinic.id,
            },
        )?;
        let profile = rules::Profile {
            name: validate::text("name", &input.name, 1, 100)?,
            address: input.address.try_into()?,
            time_zone: validate::time_zone("timeZone", &input.time_zone)?,
            phone: validate::phone("phone", input.phone.as_deref())?,
        };
        Ok(Location(rules::create(db, clinic.id, profile).await?))
    }

    /// Franchise admins of the clinic.
    #[graphql(guard = "SignedIn")]
    async fn update_location(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateLocationInput,
    ) -> ApiResult<Location> {
        let db = db(ctx)?;
        let location = rules::find(db, id::require(Kind::Location, &id, "location")?).await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: location.clinic_id,
            },
        )?;
        let mut profile = rules::Profile::of(&location);
        if let Some(name) = input.name {
            profile.name = validate::text("name", &name, 1, 100)?;
        }
        if let Some(address) = input.address {
            profile.address = address.try_into()?;
        }
        if let Some(zone) = input.time_zone {
            profile.time_zone = validate::time_zone("timeZone", &zone)?;
        }
        if input.phone.is_some() {
            profile.phone = validate::phone("phone", input.phone.as_deref())?;
        }
        Ok(Location(rules::update(db, location, profile).await?))
    }

    /// Replaces the weekly opening hours. Franchise admins and the location's managers.
    #[graphql(guard = "SignedIn")]
    async fn set_opening_hours(
        &self,
        ctx: &Context<'_>,
        location_id: ID,
        hours: Vec<OpeningHoursInput>,
    ) -> ApiResult<Location> {
        let db = db(ctx)?;
        let location =
            rules::find(db, id::require(Kind::Location, &location_id, "location")?).await?;
        require(
            principal(ctx),
            Action::ManageLocationHours {
                clinic_id: location.clinic_id,
                location_id: location.id,
            },
        )?;
        let hours = validate::intervals(
            "hours",
            hours
                .into_iter()
                .map(|h| Interval {
                    weekday: h.weekday,
                    starts_at: h.opens_at.0,
                    ends_at: h.closes_at.0,
                })
                .collect(),
        )?;
        let txn = db.begin().await?;
        rules::set_opening_hours(&txn, location.id, &hours).await?;
        txn.commit().await?;
        Ok(Location(location))
    }

    /// Franchise admins and the location's managers.
    #[graphql(guard = "SignedIn")]
    async fn add_closure(&self, ctx: &Context<'_>, input: AddClosureInput) -> ApiResult<Closure> {
        let db = db(ctx)?;
        let location = rules::find(
            db,
            id::require(Kind::Location, &input.location_id, "location")?,
        )
        .await?;
        require(
            principal(ctx),
            Action::ManageLocationHours {
                clinic_id: location.clinic_id,
                location_id: location.id,
            },
        )?;
        if input.ends_on < input.starts_on {
            return Err(ApiError::validation(
                "endsOn",
                "must not be before startsOn",
            ));
        }
        if (input.ends_on.0 - input.starts_on.0).num_days() > 366 {
            return Err(ApiError::validation(
                "endsOn",
                "a closure lasts at most a year",
            ));
        }
        let reason = validate::text("reason", &input.reason, 0, 200)?;
        Ok(Closure(
            rules::add_closure(db, location.id, input.starts_on.0, input.ends_on.0, reason).await?,
        ))
    }

    /// Franchise admins and the location's managers. Returns the removed closure's ID.
    #[graphql(guard = "SignedIn")]
    async fn remove_closure(&self, ctx: &Context<'_>, id: ID) -> ApiResult<ID> {
        let db = db(ctx)?;
        let closure_id = id::require(Kind::Closure, &id, "closure")?;
        let (closure, location) = rules::find_closure(db, closure_id).await?;
        require(
            principal(ctx),
            Action::ManageLocationHours {
                clinic_id: location.clinic_id,
                location_id: location.id,
            },
        )?;
        rules::remove_closure(db, closure).await?;
        Ok(id)
    }

    /// Franchise admins of the clinic.
    #[graphql(guard = "SignedIn")]
    async fn create_room(
        &self,
        ctx: &Context<'_>,
        location_id: ID,
        name: String,
    ) -> ApiResult<Room> {
        let db = db(ctx)?;
        let location =
            rules::find(db, id::require(Kind::Location, &location_id, "location")?).await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: location.clinic_id,
            },
        )?;
        let name = validate::text("name", &name, 1, 60)?;
        Ok(Room(rules::create_room(db, location.id, name).await?))
    }

    /// Franchise admins of the clinic; names are unique within the location (CONFLICT).
    #[graphql(guard = "SignedIn")]
    async fn rename_room(&self, ctx: &Context<'_>, id: ID, name: String) -> ApiResult<Room> {
        let room = room_to_manage(ctx, &id).await?;
        let name = validate::text("name", &name, 1, 60)?;
        Ok(Room(rules::rename_room(db(ctx)?, room, name).await?))
    }

    /// Franchise admins of the clinic; a room with bookings cannot be removed (CONFLICT).
    #[graphql(guard = "SignedIn")]
    async fn remove_room(&self, ctx: &Context<'_>, id: ID) -> ApiResult<ID> {
        let room = room_to_manage(ctx, &id).await?;
        rules::remove_room(db(ctx)?, room).await?;
        Ok(id)
    }
}

/// The room an ID names, once the caller is known to administer its clinic.
async fn room_to_manage(ctx: &Context<'_>, id: &ID) -> ApiResult<room::Model> {
    let room_id = id::require(Kind::Room, id, "room")?;
    let (room, location) = rules::find_room(db(ctx)?, room_id).await?;
    require(
        principal(ctx),
        Action::ManageClinic {
            clinic_id: location.clinic_id,
        },
    )?;
    Ok(room)
}
