//! Location rules: plain functions over a connection, called by the resolvers once the
//! caller is authorized and the input validated. Those that write more than one row run
//! on the caller's transaction.

use chrono::{NaiveDate, Utc};
use entity::{location, location_closure, opening_hours, room};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, Set,
};
use uuid::Uuid;

use crate::{
    error::{ApiError, ApiResult, conflict_if_in_use},
    validate::Interval,
};

pub async fn find(db: &impl ConnectionTrait, location_id: Uuid) -> ApiResult<location::Model> {
    location::Entity::find_by_id(location_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("location"))
}

/// A validated postal address.
pub struct Address {
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: String,
    pub country_code: String,
}

/// A location's validated profile.
pub struct Profile {
    pub name: String,
    pub address: Address,
    pub time_zone: String,
    pub phone: Option<String>,
}

impl Profile {
    pub fn of(location: &location::Model) -> Self {
        Self {
            name: location.name.clone(),
            address: Address {
                line1: location.address_line1.clone(),
                line2: location.address_line2.clone(),
                city: location.city.clone(),
                region: location.region.clone(),
                postal_code: location.postal_code.clone(),
                country_code: location.country_code.clone(),
            },
            time_zone: location.time_zone.clone(),
            phone: location.phone.clone(),
        }
    }

    fn apply(self, model: &mut location::ActiveModel) {
        model.name = Set(self.name);
        model.address_line1 = Set(self.address.line1);
        model.address_line2 = Set(self.address.line2);
        model.city = Set(self.address.city);
        model.region = Set(self.address.region);
        model.postal_code = Set(self.address.postal_code);
        model.country_code = Set(self.address.country_code);
        model.time_zone = Set(self.time_zone);
        model.phone = Set(self.phone);
        model.updated_at = Set(Utc::now());
    }
}

pub async fn create(
    db: &impl ConnectionTrait,
    clinic_id: Uuid,
    profile: Profile,
) -> ApiResult<location::Model> {
    let mut model = location::ActiveModel {
        id: Set(Uuid::new_v4()),
        clinic_id: Set(clinic_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    profile.apply(&mut model);
    Ok(model.insert(db).await?)
}

pub async fn update(
    db: &impl ConnectionTrait,
    location: location::Model,
    profile: Profile,
) -> ApiResult<location::Model> {
    let mut model: location::ActiveModel = location.into();
    profile.apply(&mut model);
    Ok(model.update(db).await?)
}

/// Replaces all opening hours at once. Run it inside the caller's transaction, so readers
/// never see half a week.
pub async fn set_opening_hours(
    db: &impl ConnectionTrait,
    location_id: Uuid,
    hours: &[Interval],
) -> ApiResult<()> {
    let now = Utc::now();
    opening_hours::Entity::delete_many()
        .filter(opening_hours::Column::LocationId.eq(location_id))
        .exec(db)
        .await?;
    for interval in hours {
        opening_hours::ActiveModel {
            id: Set(Uuid::new_v4()),
            location_id: Set(location_id),
            weekday: Set(interval.weekday.iso_number()),
            opens_at: Set(interval.starts_at),
            closes_at: Set(interval.ends_at),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub async fn add_closure(
    db: &impl ConnectionTrait,
    location_id: Uuid,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    reason: String,
) -> ApiResult<location_closure::Model> {
    Ok(location_closure::ActiveModel {
        id: Set(Uuid::new_v4()),
        location_id: Set(location_id),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        reason: Set(reason),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?)
}

pub async fn find_closure(
    db: &impl ConnectionTrait,
    closure_id: Uuid,
) -> ApiResult<(location_closure::Model, location::Model)> {
    let closure = location_closure::Entity::find_by_id(closure_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("closure"))?;
    let location = location::Entity::find_by_id(closure.location_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("closure"))?;
    Ok((closure, location))
}

pub async fn remove_closure(
    db: &impl ConnectionTrait,
    closure: location_closure::Model,
) -> ApiResult<()> {
    closure.delete(db).await?;
    Ok(())
}

pub async fn create_room(
    db: &impl ConnectionTrait,
    location_id: Uuid,
    name: String,
) -> ApiResult<room::Model> {
    let now = Utc::now();
    Ok(room::ActiveModel {
        id: Set(Uuid::new_v4()),
        location_id: Set(location_id),
        name: Set(name),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?)
}

pub async fn rename_room(
    db: &impl ConnectionTrait,
    room: room::Model,
    name: String,
) -> ApiResult<room::Model> {
    let mut row: room::ActiveModel = room.into();
    row.name = Set(name);
    row.updated_at = Set(Utc::now());
    Ok(row.update(db).await?)
}

pub async fn find_room(
    db: &impl ConnectionTrait,
    room_id: Uuid,
) -> ApiResult<(room::Model, location::Model)> {
    let room = room::Entity::find_by_id(room_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("room"))?;
    let location = location::Entity::find_by_id(room.location_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("room"))?;
    Ok((room, location))
}

pub async fn remove_room(db: &impl ConnectionTrait, room: room::Model) -> ApiResult<()> {
    room.delete(db)
        .await
        .map_err(|e| conflict_if_in_use(e, "the room has bookings; it cannot be removed"))?;
    Ok(())
}
