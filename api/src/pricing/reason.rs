//! Why a considered promotion was not applied: one machine-readable reason each.

/// The first failed rule, in the order checked (see the module docs): the window, then
/// scope, spend, first visit and limits, then the combination choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// The matched instant is before `valid_from`.
    NotStarted,
    /// The matched instant is at or after `valid_to`.
    Ended,
    /// Another service or location, or the booking is in another currency.
    OutOfScope,
    /// The list price is below the minimum.
    MinSpend,
    /// The client has visited this clinic before.
    FirstVisitOnly,
    /// This client has used it as often as allowed.
    ClientLimit,
    /// All its redemptions are used up.
    Exhausted,
    /// Eligible, but it clashes with the applied set, and it is worth more on its own than
    /// every applied promotion it clashes with: it lost only because those stack.
    DoesNotCombine,
    /// Eligible, but beaten: it could have been added and would have added nothing, or an
    /// applied promotion it clashes with is worth at least as much on its own.
    BetterOffer,
}

impl Reason {
    /// The stable name for API clients, e.g. `"MIN_SPEND"`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::NotStarted => "NOT_STARTED",
            Reason::Ended => "ENDED",
            Reason::OutOfScope => "OUT_OF_SCOPE",
            Reason::MinSpend => "MIN_SPEND",
            Reason::FirstVisitOnly => "FIRST_VISIT_ONLY",
            Reason::ClientLimit => "CLIENT_LIMIT",
            Reason::Exhausted => "EXHAUSTED",
            Reason::DoesNotCombine => "DOES_NOT_COMBINE",
            Reason::BetterOffer => "BETTER_OFFER",
        }
    }
}
