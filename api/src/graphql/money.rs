use async_graphql::SimpleObject;

/// An amount in the currency's minor units (pence, cents); never a float.
#[derive(Clone, Debug, PartialEq, Eq, SimpleObject)]
pub struct Money {
    pub amount_minor: i64,
    /// ISO 4217 code, e.g. `GBP`.
    pub currency: String,
}

impl Money {
    pub fn new(amount_minor: i64, currency: impl Into<String>) -> Self {
        Self {
            amount_minor,
            currency: currency.into(),
        }
    }
}
