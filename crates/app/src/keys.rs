//! The platform's Ed25519 signing keys: kept outside the database, in a folder of their own
//! (`keys_dir`, default `data/keys`), made on first start, rotated by adding a newer one
//! (`erikti keys rotate`). The newest key signs; every key's public half stays published at
//! `/.well-known/erikti-keys.json`, so what an older key signed still verifies.
//!
//! A key file is `ledger-<UTC timestamp>.key` holding the 32 secret bytes in hex (mode 0600
//! on Unix). The secret never leaves this module except to sign.

use std::path::{Path, PathBuf};

use domain::ledger::{Key, VerifyingKey};
use serde::Serialize;

/// A published public key.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicKey {
    /// Identifier (first 8 bytes of the SHA-256 of the public key, hex).
    pub id: String,
    /// Always `Ed25519`.
    pub alg: &'static str,
    /// The public key, hex (32 bytes).
    pub public_key: String,
    /// Made at (UTC, from the file name).
    pub created: String,
    /// Signs new records now.
    pub active: bool,
}

/// The keys of this server.
#[derive(Debug, Clone)]
pub struct KeyRing {
    active: Key,
    published: Vec<(PublicKey, VerifyingKey)>,
}

fn key_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ledger-") && n.ends_with(".key"))
        })
        .collect();
    files.sort();
    Ok(files)
}

fn read_key(path: &Path) -> std::io::Result<Key> {
    let text = std::fs::read_to_string(path)?;
    let bytes = hex::decode(text.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok());
    match bytes {
        Some(secret) => Ok(Key::from_secret(&secret)),
        None => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{}: not a key (64 hex digits expected)", path.display()),
        )),
    }
}

/// Writes a new key into `dir`; returns its path.
pub fn generate(dir: &Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let mut secret = [0u8; 32];
    rand::fill(&mut secret);
    // Microseconds in the name: two keys made in one second still sort by age.
    let name = format!(
        "ledger-{}.key",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%6fZ")
    );
    let path = dir.join(&name);
    // Written whole under another name, then renamed: a reader never sees half a key.
    let partial = dir.join(format!(".{name}.partial"));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    use std::io::Write;
    let mut file = opts.open(&partial)?;
    file.write_all(format!("{}\n", hex::encode(secret)).as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&partial, &path)?;
    Ok(path)
}

impl KeyRing {
    /// Loads the keys of `dir`, making the first one when there is none.
    ///
    /// Servers (or tests) starting at once on one folder make one key between them: the one
    /// that creates the folder's lock file makes it; the others wait for it (a lock left by
    /// a crash is taken over after 5 s).
    pub fn load_or_create(dir: &Path) -> std::io::Result<KeyRing> {
        std::fs::create_dir_all(dir)?;
        let lock = dir.join(".first-key.lock");
        let mut waited = 0;
        while key_files(dir)?.is_empty() {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock)
            {
                Ok(_) => {
                    let made = if key_files(dir)?.is_empty() {
                        generate(dir).map(Some)
                    } else {
                        Ok(None)
                    };
                    let _ = std::fs::remove_file(&lock);
                    if let Some(path) = made? {
                        tracing::info!(path = %path.display(), "made the platform's signing key");
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if waited >= 100 {
                        let _ = std::fs::remove_file(&lock);
                    }
                    waited += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(e) => return Err(e),
            }
        }
        Self::load(dir)
    }

    /// Loads the keys of `dir` (at least one).
    pub fn load(dir: &Path) -> std::io::Result<KeyRing> {
        let files = key_files(dir)?;
        let mut published = Vec::new();
        let mut active = None;
        for (i, path) in files.iter().enumerate() {
            let key = read_key(path)?;
            let created = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.strip_prefix("ledger-"))
                .unwrap_or("")
                .to_owned();
            let is_active = i + 1 == files.len();
            published.push((
                PublicKey {
                    id: key.id.clone(),
                    alg: "Ed25519",
                    public_key: hex::encode(key.public().as_bytes()),
                    created,
                    active: is_active,
                },
                key.public(),
            ));
            if is_active {
                active = Some(key);
            }
        }
        let active = active.ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{}: no signing key", dir.display()),
            )
        })?;
        Ok(KeyRing { active, published })
    }

    /// The keys of `dir` for a database whose records name the keys `used`: every one of
    /// them must be in the folder (a restored database without its keys folder would
    /// otherwise get a new key, and every earlier certificate would show as invalid). The
    /// first key is made only for a database that holds no signed record yet.
    pub fn for_database(dir: &Path, used: &[String]) -> Result<KeyRing, String> {
        if used.is_empty() {
            return Self::load_or_create(dir)
                .map_err(|e| format!("the signing keys in {}: {e}", dir.display()));
        }
        let known: Vec<String> = match Self::load(dir) {
            Ok(ring) => ring.published().into_iter().map(|p| p.id).collect(),
            Err(_) => Vec::new(),
        };
        let missing: Vec<&str> = used
            .iter()
            .filter(|id| !known.contains(id))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            return Self::load(dir)
                .map_err(|e| format!("the signing keys in {}: {e}", dir.display()));
        }
        Err(format!(
            "the database holds records signed by key {} that the keys folder {} does not have. \
             Refusing to start: a new key would make every earlier certificate look invalid. \
             Restore the keys folder from the backup of this database (`erikti backup` writes it \
             as keys/ next to the data) into {}, or point ERIKTI_KEYS_DIR at it.",
            missing.join(", "),
            dir.display(),
            dir.display()
        ))
    }

    /// The key that signs now.
    pub fn active(&self) -> &Key {
        &self.active
    }

    /// Every published public key, oldest first.
    pub fn published(&self) -> Vec<PublicKey> {
        self.published.iter().map(|(p, _)| p.clone()).collect()
    }

    /// The public key named `id`, if published.
    pub fn public(&self, id: &str) -> Option<VerifyingKey> {
        self.published
            .iter()
            .find(|(p, _)| p.id == id)
            .map(|(_, k)| *k)
    }
}

/// Public keys from a published key set (`/.well-known/erikti-keys.json`), for offline checks.
pub fn parse_published(json: &str) -> Result<Vec<(String, VerifyingKey)>, String> {
    #[derive(serde::Deserialize)]
    struct Set {
        keys: Vec<Item>,
    }
    #[derive(serde::Deserialize)]
    struct Item {
        id: String,
        public_key: String,
    }
    let set: Set = serde_json::from_str(json).map_err(|e| format!("key set: {e}"))?;
    set.keys
        .into_iter()
        .map(|k| {
            let bytes = hex::decode(&k.public_key)
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| format!("key {}: not 32 bytes of hex", k.id))?;
            let public = VerifyingKey::from_bytes(&bytes)
                .map_err(|_| format!("key {}: not an Ed25519 public key", k.id))?;
            Ok((k.id, public))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_made_once_rotated_and_all_published() {
        let dir = std::env::temp_dir().join(format!("erikti-keys-{}", uuid::Uuid::now_v7()));
        let first = KeyRing::load_or_create(&dir).unwrap();
        let again = KeyRing::load_or_create(&dir).unwrap();
        assert_eq!(first.active().id, again.active().id, "made once");
        generate(&dir).unwrap();
        let rotated = KeyRing::load(&dir).unwrap();
        assert_ne!(rotated.active().id, first.active().id);
        let published = rotated.published();
        assert_eq!(published.len(), 2);
        assert!(!published[0].active && published[1].active);
        assert!(rotated.public(&first.active().id).is_some());
        let json = serde_json::json!({ "keys": published }).to_string();
        let parsed = parse_published(&json).unwrap();
        assert_eq!(parsed.len(), 2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for f in key_files(&dir).unwrap() {
                let mode = std::fs::metadata(f).unwrap().permissions().mode();
                assert_eq!(
                    mode & 0o077,
                    0,
                    "secret keys are readable by their owner only"
                );
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
