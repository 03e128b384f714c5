//! A demo installation needs no configuration, yet its tokens must survive a restart:
//! the first demo run makes a random signing secret and keeps it beside the database.

use std::{fs, io, io::Write, path::Path};

use base64::{Engine, engine::general_purpose::STANDARD_NO_PAD};

use crate::settings::Secret;

pub const FILE_NAME: &str = ".stride-jwt-secret";

pub fn load_or_create(path: &Path) -> io::Result<Secret> {
    load_or_create_random(path, 48, 43).map(Secret::new)
}

/// The random text kept in `path` (base64 of `bytes` random bytes), made and written with
/// owner-only permissions when the file is missing or holds fewer than `min_chars`.
pub fn load_or_create_random(path: &Path, bytes: usize, min_chars: usize) -> io::Result<String> {
    if let Ok(existing) = fs::read_to_string(path) {
        let existing = existing.trim();
        if existing.len() >= min_chars {
            return Ok(existing.to_owned());
        }
    }
    let mut random = vec![0u8; bytes];
    getrandom::fill(&mut random).map_err(io::Error::other)?;
    let text = STANDARD_NO_PAD.encode(random);
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_made_once_and_kept() {
        let dir = std::env::temp_dir().join(format!("stride-secret-{}", uuid::Uuid::new_v4()));
        fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(FILE_NAME);
        let first = load_or_create(&path).expect("created");
        let second = load_or_create(&path).expect("loaded");
        assert_eq!(first, second);
        assert!(first.expose().len() >= 64);
        fs::remove_dir_all(dir).expect("cleanup");
    }
}
