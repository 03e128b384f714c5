//! Creating clinics (platform admins) and editing their profile (their franchise admins).

use async_graphql::{Context, ID, InputObject, Object};
use sea_orm::TransactionTrait;

use super::{
    Clinic,
    rules::{self, BookingSettings, ClinicChanges, FirstAdmin, NewAccount},
};
use crate::{
    auth::{
        email,
        graphql::auth_context,
        guard::SignedIn,
        password,
        policy::{Action, require},
        principal::principal,
    },
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::db,
    },
    validate,
};

/// The clinic's first franchise admin: an existing account by email, or a new one (then
/// `name` and `password` are required).
#[derive(InputObject)]
pub struct FirstAdminInput {
    pub email: String,
    pub name: Option<String>,
    pub password: Option<String>,
}

/// A new account needs both a name and a password; with either missing, the email must
/// name an existing account.
impl TryFrom<FirstAdminInput> for FirstAdmin {
    type Error = ApiError;

    fn try_from(input: FirstAdminInput) -> ApiResult<Self> {
        let email = email::normalise(&input.email)
            .map_err(|_| ApiError::validation("firstAdmin.email", "enter a valid email address"))?;
        let new_account = match (input.name, input.password) {
            (Some(name), Some(password)) => {
                password::validate("password", &password).map_err(|_| {
                    ApiError::validation(
                        "firstAdmin.password",
                        "the password needs 10 to 128 characters",
                    )
                })?;
                Some(NewAccount {
                    name: validate::text("firstAdmin.name", &name, 1, 100)?,
                    password,
                })
            }
            _ => None,
        };
        Ok(FirstAdmin { email, new_account })
    }
}

#[derive(InputObject)]
pub struct CreateClinicInput {
    pub name: String,
    /// Derived from the name when left out.
    pub slug: Option<String>,
    #[graphql(default)]
    pub description: String,
    /// ISO 4217 code of the clinic's prices, e.g. `GBP`.
    pub currency: String,
    #[graphql(default = 1440)]
    pub cancellation_cutoff_minutes: i32,
    /// How long before a start it can still be booked, 0 to 10080 minutes.
    #[graphql(default = 120)]
    pub booking_lead_minutes: i32,
    /// Start times fall on this grid of local minutes: 5, 10, 15, 20, 30 or 60.
    #[graphql(default = 15)]
    pub slot_step_minutes: i32,
    /// How far ahead a start can be booked, 1 to 365 days.
    #[graphql(default = 90)]
    pub booking_horizon_days: i32,
    pub first_admin: FirstAdminInput,
}

/// Only the fields given change. The currency is fixed once prices exist in it.
#[derive(InputObject)]
pub struct UpdateClinicInput {
    pub name: Option<String>,
    pub description: Option<String>,
    pub cancellation_cutoff_minutes: Option<i32>,
    pub booking_lead_minutes: Option<i32>,
    pub slot_step_minutes: Option<i32>,
    pub booking_horizon_days: Option<i32>,
}

const MAX_CUTOFF_MINUTES: i32 = 7 * 24 * 60;
const SLOT_STEPS: [i32; 6] = [5, 10, 15, 20, 30, 60];

/// The settings as given, each checked; `None` keeps the current value.
fn booking_settings(
    current: BookingSettings,
    cutoff: Option<i32>,
    lead: Option<i32>,
    step: Option<i32>,
    horizon: Option<i32>,
) -> ApiResult<BookingSettings> {
    let step = step.unwrap_or(current.slot_step_minutes);
    if !SLOT_STEPS.contains(&step) {
        return Err(ApiError::validation(
            "slotStepMinutes",
            "the slot step must be 5, 10, 15, 20, 30 or 60 minutes",
        ));
    }
    Ok(BookingSettings {
        cancellation_cutoff_minutes: validate::in_range(
            "cancellationCutoffMinutes",
            cutoff.unwrap_or(current.cancellation_cutoff_minutes),
            0..=MAX_CUTOFF_MINUTES,
        )?,
        lead_minutes: validate::in_range(
            "bookingLeadMinutes",
            lead.unwrap_or(current.lead_minutes),
            0..=MAX_CUTOFF_MINUTES,
        )?,
        slot_step_minutes: step,
        horizon_days: validate::in_range(
            "bookingHorizonDays",
            horizon.unwrap_or(current.horizon_days),
            1..=365,
        )?,
    })
}

#[derive(Default)]
pub struct ClinicMutation;

#[Object]
impl ClinicMutation {
    /// Platform admins.
    #[graphql(guard = "SignedIn")]
    async fn create_clinic(
        &self,
        ctx: &Context<'_>,
        input: CreateClinicInput,
    ) -> ApiResult<Clinic> {
        let principal = principal(ctx);
        require(principal, Action::CreateClinic)?;
        let name = validate::text("name", &input.name, 1, 100)?;
        let slug = match input.slug {
            Some(slug) => validate::slug("slug", &slug)?,
            None => validate::slug("name", &validate::slugify(&name))?,
        };
        let profile = rules::NewClinic {
            name,
            slug,
            description: validate::text("description", &input.description, 0, 2000)?,
            currency: validate::currency("currency", &input.currency)?,
            booking: booking_settings(
                BookingSettings {
                    cancellation_cutoff_minutes: input.cancellation_cutoff_minutes,
                    lead_minutes: input.booking_lead_minutes,
                    slot_step_minutes: input.slot_step_minutes,
                    horizon_days: input.booking_horizon_days,
                },
                None,
                None,
                None,
                None,
            )?,
        };
        let admin = FirstAdmin::try_from(input.first_admin)?;
        let passwords = &auth_context(ctx)?.passwords;
        let db = db(ctx)?;
        let granted_by = principal.user_id()?;
        let account = rules::admin_account(db, admin, passwords).await?;
        let txn = db.begin().await?;
        let clinic = rules::create(&txn, profile, account, granted_by).await?;
        txn.commit().await?;
        Ok(Clinic(clinic))
    }

    /// Franchise admins of the clinic.
    #[graphql(guard = "SignedIn")]
    async fn update_clinic(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateClinicInput,
    ) -> ApiResult<Clinic> {
        let db = db(ctx)?;
        let clinic = rules::find(db, id::require(Kind::Clinic, &id, "clinic")?).await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: clinic.id,
            },
        )?;
        let name = input
            .name
            .map(|n| validate::text("name", &n, 1, 100))
            .transpose()?;
        let description = input
            .description
            .map(|d| validate::text("description", &d, 0, 2000))
            .transpose()?;
        let booking = booking_settings(
            BookingSettings::of(&clinic),
            input.cancellation_cutoff_minutes,
            input.booking_lead_minutes,
            input.slot_step_minutes,
            input.booking_horizon_days,
        )?;
        let changes = ClinicChanges {
            name,
            description,
            booking: Some(booking),
        };
        Ok(Clinic(rules::update(db, clinic, changes).await?))
    }
}
