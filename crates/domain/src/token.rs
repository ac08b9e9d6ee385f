//! Secret tokens (sessions, API tokens, e-mail confirmation and reset links): only their
//! SHA-256 is stored, so a leaked table cannot be replayed.

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of a token, as kept in the database.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(
            token_hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
