//! String-valued enums stored as TEXT. The database holds the
//! `string_value`s; CHECK constraints in the migrations mirror these lists
//! (except `Modality`, which is expected to grow and is left unchecked).

use sea_orm::entity::prelude::*;

/// Massage modality offered by a service / practised by a therapist.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Modality {
    #[sea_orm(string_value = "pre_event")]
    PreEvent,
    #[sea_orm(string_value = "post_event")]
    PostEvent,
    #[sea_orm(string_value = "maintenance")]
    Maintenance,
    #[sea_orm(string_value = "sports")]
    Sports,
    #[sea_orm(string_value = "deep_tissue")]
    DeepTissue,
    #[sea_orm(string_value = "swedish")]
    Swedish,
    #[sea_orm(string_value = "thai")]
    Thai,
    #[sea_orm(string_value = "thai_sports")]
    ThaiSports,
    #[sea_orm(string_value = "hot_stone")]
    HotStone,
    #[sea_orm(string_value = "myofascial_release")]
    MyofascialRelease,
    #[sea_orm(string_value = "assisted_stretching")]
    AssistedStretching,
    #[sea_orm(string_value = "deep_transverse_friction")]
    DeepTransverseFriction,
    #[sea_orm(string_value = "active_release")]
    ActiveRelease,
    #[sea_orm(string_value = "trigger_point")]
    TriggerPoint,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum CredentialKind {
    #[sea_orm(string_value = "licence")]
    Licence,
    #[sea_orm(string_value = "certification")]
    Certification,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum PromotionKind {
    #[sea_orm(string_value = "percent")]
    Percent,
    #[sea_orm(string_value = "fixed")]
    Fixed,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum BookingStatus {
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "confirmed")]
    Confirmed,
    #[sea_orm(string_value = "completed")]
    Completed,
    #[sea_orm(string_value = "cancelled_by_client")]
    CancelledByClient,
    #[sea_orm(string_value = "cancelled_by_clinic")]
    CancelledByClinic,
    #[sea_orm(string_value = "no_show")]
    NoShow,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Role {
    #[sea_orm(string_value = "platform_admin")]
    PlatformAdmin,
    #[sea_orm(string_value = "franchise_admin")]
    FranchiseAdmin,
    #[sea_orm(string_value = "location_manager")]
    LocationManager,
    #[sea_orm(string_value = "therapist")]
    Therapist,
    #[sea_orm(string_value = "client")]
    Client,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum CallbackStatus {
    #[sea_orm(string_value = "open")]
    Open,
    #[sea_orm(string_value = "resolved")]
    Resolved,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum PressurePreference {
    #[sea_orm(string_value = "light")]
    Light,
    #[sea_orm(string_value = "medium")]
    Medium,
    #[sea_orm(string_value = "firm")]
    Firm,
    #[sea_orm(string_value = "deep")]
    Deep,
}

/// What a promotion's validity window is matched against.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum WindowBasis {
    #[sea_orm(string_value = "appointment")]
    Appointment,
    #[sea_orm(string_value = "booking")]
    Booking,
}

/// What gave a promotion's redemption back.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ReleasedBy {
    #[sea_orm(string_value = "cancellation")]
    Cancellation,
    /// The booking moved and was priced again without it.
    #[sea_orm(string_value = "reschedule")]
    Reschedule,
}
