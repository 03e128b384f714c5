use async_graphql::{Enum, ID, Object};
use chrono::{DateTime, Utc};
use entity::callback_request;

use crate::graphql::id::{self, Kind};

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::CallbackStatus")]
pub enum CallbackStatus {
    Open,
    Resolved,
}

/// Someone asking the clinic to call them back.
pub struct CallbackRequest(pub callback_request::Model);

#[Object]
impl CallbackRequest {
    pub async fn id(&self) -> ID {
        id::encode(Kind::CallbackRequest, self.0.id)
    }

    async fn status(&self) -> CallbackStatus {
        self.0.status.into()
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn phone(&self) -> &str {
        &self.0.phone
    }

    /// Free text, e.g. "weekday mornings".
    async fn preferred_time(&self) -> &str {
        &self.0.preferred_time
    }

    async fn message(&self) -> &str {
        &self.0.message
    }

    /// The location asked about, if any.
    async fn location_id(&self) -> Option<ID> {
        self.0.location_id.map(|l| id::encode(Kind::Location, l))
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn resolved_at(&self) -> Option<DateTime<Utc>> {
        self.0.resolved_at
    }
}
