//! Inserts a clinic's offer: services with their variants and price overrides, and
//! promotions with their service / location scopes.

use chrono::{DateTime, Utc};
use entity::enums::{PromotionKind, WindowBasis};
use entity::{
    promotion, promotion_location, promotion_service, service, service_price_override,
    service_variant,
};
use sea_orm::{DatabaseTransaction, DbErr, Set};
use uuid::Uuid;

use super::spec::{ClinicSpec, Discount};
use super::time::instant;
use super::{Ids, id, put};

pub async fn insert(
    txn: &DatabaseTransaction,
    spec: &ClinicSpec,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    services(txn, spec, ids, now).await?;
    promotions(txn, spec, ids, now).await
}

async fn services(
    txn: &DatabaseTransaction,
    spec: &ClinicSpec,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for s in spec.services {
        let service_id = Uuid::new_v4();
        ids.services.insert(s.name, service_id);
        put(
            txn,
            service::ActiveModel {
                id: Set(service_id),
                clinic_id: Set(ids.clinic),
                name: Set(s.name.to_owned()),
                description: Set(s.description.to_owned()),
                modality: Set(s.modality),
                cleanup_buffer_minutes: Set(s.cleanup_buffer_minutes),
                archived_at: Set(s.archived.then_some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            },
        )
        .await?;
        for &(minutes, price) in s.variants {
            let variant_id = Uuid::new_v4();
            ids.variants.insert((s.name, minutes), variant_id);
            put(
                txn,
                service_variant::ActiveModel {
                    id: Set(variant_id),
                    service_id: Set(service_id),
                    duration_minutes: Set(minutes),
                    price_minor: Set(price),
                    currency: Set(spec.currency.to_owned()),
                    created_at: Set(now),
                    updated_at: Set(now),
                },
            )
            .await?;
        }
    }
    for o in spec.price_overrides {
        put(
            txn,
            service_price_override::ActiveModel {
                id: Set(Uuid::new_v4()),
                service_variant_id: Set(id(&ids.variants, &(o.service, o.minutes))?),
                location_id: Set(id(&ids.locations, &o.location)?),
                price_minor: Set(o.price_minor),
                currency: Set(spec.currency.to_owned()),
                created_at: Set(now),
                updated_at: Set(now),
            },
        )
        .await?;
    }
    Ok(())
}

async fn promotions(
    txn: &DatabaseTransaction,
    spec: &ClinicSpec,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for p in spec.promotions {
        let promotion_id = Uuid::new_v4();
        ids.promotions.insert(p.name, promotion_id);
        let (kind, percent_off, amount_off_minor, currency) = match p.discount {
            Discount::Percent(percent) => (PromotionKind::Percent, Some(percent), None, None),
            Discount::Fixed(amount) => (
                PromotionKind::Fixed,
                None,
                Some(amount),
                Some(spec.currency.to_owned()),
            ),
        };
        put(
            txn,
            promotion::ActiveModel {
                id: Set(promotion_id),
                clinic_id: Set(ids.clinic),
                name: Set(p.name.to_owned()),
                description: Set(p.description.to_owned()),
                kind: Set(kind),
                percent_off: Set(percent_off),
                amount_off_minor: Set(amount_off_minor),
                currency: Set(currency),
                code: Set(p.code.map(str::to_owned)),
                automatic: Set(p.code.is_none()),
                first_visit_only: Set(p.first_visit_only),
                starts_at: Set(instant(p.starts_at)?),
                ends_at: Set(instant(p.ends_at)?),
                max_redemptions: Set(p.max_redemptions),
                max_redemptions_per_client: Set(p.max_redemptions_per_client),
                min_spend_minor: Set(p.min_spend_minor),
                window_basis: Set(WindowBasis::Appointment),
                combines_with_code: Set(p.combines),
                combines_with_automatic: Set(p.combines),
                redemption_count: Set(0),
                ended_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            },
        )
        .await?;
        for name in p.services {
            let service_id = Set(id(&ids.services, name)?);
            let promotion_id = Set(promotion_id);
            put(
                txn,
                promotion_service::ActiveModel {
                    promotion_id,
                    service_id,
                },
            )
            .await?;
        }
        for name in p.locations {
            let location_id = Set(id(&ids.locations, name)?);
            let promotion_id = Set(promotion_id);
            put(
                txn,
                promotion_location::ActiveModel {
                    promotion_id,
                    location_id,
                },
            )
            .await?;
        }
    }
    Ok(())
}
