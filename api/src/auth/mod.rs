//! Identity and access: accounts, passwords, tokens, throttles, the caller's principal and
//! the one policy module every authorization decision goes through.

pub mod account;
pub mod account_mutation;
pub mod admin;
pub mod demo_secret;
pub mod email;
pub mod graphql;
pub mod guard;
pub mod password;
pub mod policy;
pub mod principal;
pub mod refresh;
pub mod sessions;
pub mod throttle;
pub mod tokens;
