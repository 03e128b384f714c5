//! Emails are compared case-insensitively: they are stored trimmed and lower-cased.

use crate::error::ApiError;

const MAX_LENGTH: usize = 254;

pub fn normalise(raw: &str) -> Result<String, ApiError> {
    let email = raw.trim().to_lowercase();
    let invalid = || ApiError::validation("email", "enter a valid email address");
    if email.len() > MAX_LENGTH || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid());
    }
    let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@');
    if local.is_empty() || !domain_ok {
        return Err(invalid());
    }
    Ok(email)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            normalise("  Ana.Runner@Example.COM ").as_deref(),
            Ok("ana.runner@example.com")
        );
    }

    #[test]
    fn malformed_emails_are_rejected() {
        for bad in [
            "",
            "ana",
            "@example.com",
            "ana@",
            "ana@example",
            "ana@.com",
            "a b@example.com",
            "ana@ex..com",
            "a@b@c.com",
        ] {
            assert!(normalise(bad).is_err(), "{bad}");
        }
    }
}
