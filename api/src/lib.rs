//! Stride: a GraphQL API for multi-clinic sports-massage franchises.

pub mod access;
pub mod auth;
pub mod booking;
pub mod callback;
pub mod clinic;
pub mod db;
pub mod demo;
pub mod error;
pub mod graphql;
pub mod http;
pub mod intake;
pub mod location;
pub mod memory;
pub mod pricing;
pub mod promotion;
pub mod service;
pub mod settings;
pub mod startup;
pub mod telemetry;
pub mod therapist;
pub mod validate;
