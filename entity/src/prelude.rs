//! `use entity::prelude::*;` brings every entity in as `<Table>` plus the enums.

pub use crate::enums::{
    BookingStatus, CallbackStatus, CredentialKind, Modality, PressurePreference, PromotionKind,
    Role,
};

pub use crate::app_user::Entity as AppUser;
pub use crate::auth_throttle::Entity as AuthThrottle;
pub use crate::booking::Entity as Booking;
pub use crate::callback_request::Entity as CallbackRequest;
pub use crate::client_intake::Entity as ClientIntake;
pub use crate::clinic::Entity as Clinic;
pub use crate::location::Entity as Location;
pub use crate::location_closure::Entity as LocationClosure;
pub use crate::opening_hours::Entity as OpeningHours;
pub use crate::promotion::Entity as Promotion;
pub use crate::promotion_location::Entity as PromotionLocation;
pub use crate::promotion_redemption::Entity as PromotionRedemption;
pub use crate::promotion_service::Entity as PromotionService;
pub use crate::refresh_token::Entity as RefreshToken;
pub use crate::role_grant::Entity as RoleGrant;
pub use crate::room::Entity as Room;
pub use crate::service::Entity as Service;
pub use crate::service_price_override::Entity as ServicePriceOverride;
pub use crate::service_variant::Entity as ServiceVariant;
pub use crate::therapist::Entity as Therapist;
pub use crate::therapist_location::Entity as TherapistLocation;
pub use crate::therapist_schedule::Entity as TherapistSchedule;
pub use crate::therapist_specialty::Entity as TherapistSpecialty;
pub use crate::therapist_time_off::Entity as TherapistTimeOff;
