//! Opaque global IDs: base64url of `<kind>:<uuid>`. Clients never build them; the kind
//! prefix lets `node(id)` find the table and stops an ID of one kind being used as another.

use async_graphql::ID;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use uuid::Uuid;

use crate::error::ApiError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Clinic,
    Location,
    Room,
    Therapist,
    Service,
    ServiceVariant,
    Promotion,
    Booking,
    User,
    CallbackRequest,
    RoleGrant,
    Closure,
    TimeOff,
    BookingSeries,
}

impl Kind {
    const ALL: [Kind; 14] = [
        Kind::Clinic,
        Kind::Location,
        Kind::Room,
        Kind::Therapist,
        Kind::Service,
        Kind::ServiceVariant,
        Kind::Promotion,
        Kind::Booking,
        Kind::User,
        Kind::CallbackRequest,
        Kind::RoleGrant,
        Kind::Closure,
        Kind::TimeOff,
        Kind::BookingSeries,
    ];

    fn prefix(self) -> &'static str {
        match self {
            Kind::Clinic => "Clinic",
            Kind::Location => "Location",
            Kind::Room => "Room",
            Kind::Therapist => "Therapist",
            Kind::Service => "Service",
            Kind::ServiceVariant => "ServiceVariant",
            Kind::Promotion => "Promotion",
            Kind::Booking => "Booking",
            Kind::User => "User",
            Kind::CallbackRequest => "CallbackRequest",
            Kind::RoleGrant => "RoleGrant",
            Kind::Closure => "Closure",
            Kind::TimeOff => "TimeOff",
            Kind::BookingSeries => "BookingSeries",
        }
    }
}

pub fn encode(kind: Kind, id: Uuid) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{}", kind.prefix(), id)))
}

/// Any well-formed global ID, whatever its kind.
pub fn decode_any(id: &str) -> Option<(Kind, Uuid)> {
    let bytes = URL_SAFE_NO_PAD.decode(id).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let (prefix, uuid) = text.split_once(':')?;
    let kind = Kind::ALL.into_iter().find(|k| k.prefix() == prefix)?;
    Some((kind, Uuid::parse_str(uuid).ok()?))
}

/// An ID that must be of `kind`; `None` when malformed or of another kind.
pub fn decode(kind: Kind, id: &str) -> Option<Uuid> {
    match decode_any(id) {
        Some((found, uuid)) if found == kind => Some(uuid),
        _ => None,
    }
}

/// For arguments that must name an existing thing: a malformed ID is as unknown as a
/// missing one, so both answer NOT_FOUND.
pub fn require(kind: Kind, id: &ID, what: &'static str) -> Result<Uuid, ApiError> {
    decode(kind, id).ok_or(ApiError::not_found(what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_for_every_kind() {
        for kind in Kind::ALL {
            let uuid = Uuid::new_v4();
            let id = encode(kind, uuid);
            assert_eq!(decode(kind, &id), Some(uuid));
            assert_eq!(decode_any(&id), Some((kind, uuid)));
        }
    }

    #[test]
    fn an_id_of_another_kind_is_rejected() {
        let id = encode(Kind::Clinic, Uuid::new_v4());
        assert_eq!(decode(Kind::Location, &id), None);
    }

    #[test]
    fn garbage_is_rejected_without_panicking() {
        for raw in [
            "",
            "!!!",
            "Q2xpbmlj",
            "Q2xpbmljOm5vdC1hLXV1aWQ",
            "\u{1F600}",
        ] {
            assert_eq!(decode_any(raw), None, "{raw}");
        }
    }
}
