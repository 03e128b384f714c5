use sea_orm_migration::{prelude::*, schema::*};

use crate::m20270101_000001_create_identity::AppUser;
use crate::m20270101_000002_create_clinic_and_location::{Clinic, Location};
use crate::m20270101_000003_create_therapist::Therapist;
use crate::util::{create_indexes, drop_tables, fk, index, one_of, text_empty, tstz, tstz_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum RoleGrant {
    Table,
    Id,
    UserId,
    Role,
    ClinicId,
    LocationId,
    TherapistId,
    GrantedByUserId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CallbackRequest {
    Table,
    Id,
    ClinicId,
    LocationId,
    Name,
    Phone,
    PreferredTime,
    Message,
    Status,
    ResolvedByUserId,
    ResolvedAt,
    CreatedAt,
    UpdatedAt,
}

/// Which scope columns each role must (true) or must not (false) set:
/// (role, clinic_id, location_id, therapist_id).
const ROLE_SCOPES: [(&str, bool, bool, bool); 5] = [
    ("platform_admin", false, false, false),
    ("client", false, false, false),
    ("franchise_admin", true, false, false),
    ("location_manager", true, true, false),
    ("therapist", true, false, true),
];

fn null_if(col: RoleGrant, set: bool) -> Expr {
    if set {
        Expr::col(col).is_not_null()
    } else {
        Expr::col(col).is_null()
    }
}

/// OR over the roles of `role = X AND <scope columns as required>`.
fn scope_check() -> Expr {
    ROLE_SCOPES
        .iter()
        .map(|&(role, clinic, location, therapist)| {
            Expr::col(RoleGrant::Role)
                .eq(role)
                .and(null_if(RoleGrant::ClinicId, clinic))
                .and(null_if(RoleGrant::LocationId, location))
                .and(null_if(RoleGrant::TherapistId, therapist))
        })
        .reduce(|acc, e| acc.or(e))
        .expect("ROLE_SCOPES is not empty")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        use RoleGrant as G;
        manager
            .create_table(
                Table::create()
                    .table(G::Table)
                    .col(pk_uuid(G::Id))
                    .col(uuid(G::UserId))
                    .col(text(G::Role).check(one_of(G::Role, &ROLE_SCOPES.map(|r| r.0))))
                    .col(uuid_null(G::ClinicId))
                    .col(uuid_null(G::LocationId))
                    .col(uuid_null(G::TherapistId))
                    .col(uuid_null(G::GrantedByUserId))
                    .col(tstz(G::CreatedAt))
                    .check(("ck_role_grant_scope", scope_check()))
                    .foreign_key(&mut fk(G::Table, G::UserId, AppUser::Table, Cascade))
                    .foreign_key(&mut fk(G::Table, G::ClinicId, Clinic::Table, Cascade))
                    .foreign_key(&mut fk(G::Table, G::LocationId, Location::Table, Cascade))
                    .foreign_key(&mut fk(G::Table, G::TherapistId, Therapist::Table, Cascade))
                    .foreign_key(&mut fk(
                        G::Table,
                        G::GrantedByUserId,
                        AppUser::Table,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        use CallbackRequest as CR;
        manager
            .create_table(
                Table::create()
                    .table(CR::Table)
                    .col(pk_uuid(CR::Id))
                    .col(uuid(CR::ClinicId))
                    .col(uuid_null(CR::LocationId))
                    .col(text(CR::Name))
                    .col(text(CR::Phone))
                    .col(text_empty(CR::PreferredTime))
                    .col(text_empty(CR::Message))
                    .col(text(CR::Status).check(one_of(CR::Status, &["open", "resolved"])))
                    .col(uuid_null(CR::ResolvedByUserId))
                    .col(tstz_null(CR::ResolvedAt))
                    .col(tstz(CR::CreatedAt))
                    .col(tstz(CR::UpdatedAt))
                    .foreign_key(&mut fk(CR::Table, CR::ClinicId, Clinic::Table, Restrict))
                    .foreign_key(&mut fk(
                        CR::Table,
                        CR::LocationId,
                        Location::Table,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        CR::Table,
                        CR::ResolvedByUserId,
                        AppUser::Table,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;

        create_indexes(
            manager,
            vec![
                index(G::Table, G::UserId),
                index(G::Table, G::ClinicId),
                index(G::Table, G::LocationId),
                index(G::Table, G::TherapistId),
                index(CR::Table, (CR::ClinicId, CR::Status, CR::CreatedAt)),
                index(CR::Table, CR::LocationId),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                CallbackRequest::Table.into_iden(),
                RoleGrant::Table.into_iden(),
            ],
        )
        .await
    }
}
