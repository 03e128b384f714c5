//! Identity: accounts, password hashing, the first platform admin.

pub mod admin;
pub mod demo_secret;
pub mod email;
pub mod password;
