use sea_orm_migration::prelude::*;

use crate::util::{create_indexes, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Clinic {
    Table,
    Name,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Therapist {
    Table,
    ClinicId,
    Name,
    Id,
}

/// Lists page by (name, id): these indexes let a page be read in order from where its
/// cursor points instead of sorting the whole list. (Locations and services already have
/// unique (clinic, name) indexes.)
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_indexes(
            manager,
            vec![
                index(Clinic::Table, (Clinic::Name, Clinic::Id)),
                index(
                    Therapist::Table,
                    (Therapist::ClinicId, Therapist::Name, Therapist::Id),
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, name) in [
            (Clinic::Table.into_iden(), "idx_clinic_name_id"),
            (
                Therapist::Table.into_iden(),
                "idx_therapist_clinic_id_name_id",
            ),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
