use async_graphql::Enum;

/// A massage modality or technique; services have one, therapists specialise in several.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[graphql(remote = "entity::enums::Modality")]
pub enum Modality {
    /// Light, fast strokes to warm up; 2–5 days before a race.
    PreEvent,
    /// Slower, deeper, calming; 24–72 hours after a race.
    PostEvent,
    /// Regular sessions every 1–4 weeks during training.
    Maintenance,
    Sports,
    DeepTissue,
    Swedish,
    Thai,
    ThaiSports,
    HotStone,
    MyofascialRelease,
    AssistedStretching,
    DeepTransverseFriction,
    ActiveRelease,
    TriggerPoint,
}
