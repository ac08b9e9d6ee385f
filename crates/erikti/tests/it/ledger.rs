//! The ledger tried as a database administrator with bad intentions would, on both
//! backends: each way of altering the stored data behind the application's back is caught
//! by `erikti ledger verify --checkpoint` (a checkpoint kept outside) and by a running
//! server within a minute (its metrics raise the alarm); a witness that saw a checkpoint
//! catches the deletions and the rollback even when the operator rebuilds the log and
//! signs it again.

use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::{BIN, erikti, free_port, get, keys_dir, serve_on};

/// A database of one backend.
#[derive(Clone)]
struct Target {
    backend: &'static str,
    /// The admin URL (PostgreSQL) or the folder (SQLite).
    base: String,
}

impl Target {
    fn all() -> Vec<Target> {
        let dir = std::env::temp_dir().join(format!("erikti-ledger-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut v = vec![Target {
            backend: "sqlite",
            base: dir.display().to_string(),
        }];
        match store::testing::pg_url() {
            Some(admin) => v.push(Target {
                backend: "postgres",
                base: admin,
            }),
            None => store::testing::note_skip("the ledger tampering table on PostgreSQL"),
        }
        v
    }

    fn url(&self, name: &str) -> String {
        match self.backend {
            "sqlite" => format!("sqlite://{}/{name}.db", self.base),
            _ => {
                let root = self
                    .base
                    .rsplit_once('/')
                    .map(|(b, _)| b.to_owned())
                    .unwrap();
                format!("{root}/{}", self.pg_name(name))
            }
        }
    }

    fn pg_name(&self, name: &str) -> String {
        format!("erikti_ledger_{}_{name}", std::process::id())
    }

    fn psql(&self, sql: &str) {
        let ok = Command::new("psql")
            .arg(&self.base)
            .arg("-qc")
            .arg(sql)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "psql: {sql}");
    }

    /// A copy of the database `from` named `to`.
    fn copy(&self, from: &str, to: &str) {
        match self.backend {
            "sqlite" => {
                for suffix in ["", "-wal", "-shm"] {
                    let src = format!("{}/{from}.db{suffix}", self.base);
                    if std::path::Path::new(&src).exists() {
                        std::fs::copy(&src, format!("{}/{to}.db{suffix}", self.base)).unwrap();
                    }
                }
            }
            _ => {
                self.psql(&format!("DROP DATABASE IF EXISTS {}", self.pg_name(to)));
                self.psql(&format!(
                    "CREATE DATABASE {} TEMPLATE {}",
                    self.pg_name(to),
                    self.pg_name(from)
                ));
            }
        }
    }

    fn create(&self, name: &str) {
        if self.backend == "postgres" {
            self.psql(&format!("DROP DATABASE IF EXISTS {}", self.pg_name(name)));
            self.psql(&format!("CREATE DATABASE {}", self.pg_name(name)));
        }
    }

    fn uuid(&self, id: uuid::Uuid) -> String {
        match self.backend {
            "sqlite" => self.blob(id.as_bytes()),
            _ => format!("'{id}'::uuid"),
        }
    }

    fn blob(&self, bytes: &[u8]) -> String {
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        match self.backend {
            "sqlite" => format!("X'{hex}'"),
            _ => format!("'\\x{hex}'::bytea"),
        }
    }
}

fn run(url: &str, args: &[&str]) -> (bool, String) {
    let out = erikti(url).args(args).output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

async fn connect(url: &str) -> store::Db {
    store::Db::connect(url, &store::ConnectOptions { max_connections: 2 })
        .await
        .unwrap()
}

/// Serves `url` with a scheduler pass every second.
fn serve(url: &str) -> (Child, u16) {
    let port = free_port();
    (serve_on(url, port, true), port)
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Alters the database as the case says; what it did, in words.
async fn tamper(t: &Target, url: &str, case: &str) {
    let db = connect(url).await;
    let sql = |s: String| {
        let db = db.clone();
        async move {
            store::testing::tamper_ledger(&db, &s).await.unwrap();
        }
    };
    match case {
        "minutes changed, hashes recomputed" => {
            let (_, s) = store::ledger::log::entries(&db, 2, 3)
                .await
                .unwrap()
                .remove(0);
            let mut e = s.entry.clone();
            e.minutes += 600;
            sql(format!(
                "UPDATE ledger_entries SET minutes = minutes + 600, hash = {} WHERE leaf_index = 2",
                t.blob(&e.hash())
            ))
            .await;
        }
        "a middle row deleted" => {
            sql(
                "DELETE FROM ledger_entries WHERE leaf_index = (SELECT leaf_index FROM ledger_entries \
                 ORDER BY leaf_index LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM ledger_entries))"
                    .into(),
            )
            .await;
        }
        "the last row deleted" => {
            sql(
                "DELETE FROM ledger_entries WHERE leaf_index = (SELECT MAX(leaf_index) FROM ledger_entries)"
                    .into(),
            )
            .await;
        }
        "a whole chain and its head deleted" => {
            sql("DELETE FROM ledger_entries WHERE volunteer_id = (SELECT volunteer_id FROM ledger_entries WHERE leaf_index = 5)".into()).await;
            sql("DELETE FROM ledger_heads WHERE volunteer_id NOT IN (SELECT volunteer_id FROM ledger_entries)".into()).await;
        }
        "a rollback to an older signed head" => {
            // A chain of two or more: its newest entry removed, the head before it put back,
            // signed with the platform's own key.
            let (volunteer, seq): (uuid::Uuid, i64) = store::testing::query_pair(
                &db,
                "SELECT volunteer_id, seq FROM ledger_heads WHERE seq >= 2 ORDER BY volunteer_id LIMIT 1",
            )
            .await
            .unwrap();
            let (chain, _) = store::ledger::chain(&db, volunteer).await.unwrap();
            let before = &chain[usize::try_from(seq).unwrap() - 2];
            let ring = app::keys::KeyRing::load(&keys_dir()).unwrap();
            let head = ring.active().sign_head(volunteer, seq - 1, before.hash);
            let v = t.uuid(volunteer);
            sql(format!(
                "DELETE FROM ledger_entries WHERE volunteer_id = {v} AND seq = {seq}"
            ))
            .await;
            sql(format!(
                "UPDATE ledger_heads SET seq = {}, hash = {}, signature = {} WHERE volunteer_id = {v}",
                seq - 1,
                t.blob(&head.hash),
                t.blob(&head.signature)
            ))
            .await;
        }
        "two chains swapped" => {
            sql("UPDATE ledger_entries SET leaf_index = -1 WHERE leaf_index = 1".into()).await;
            sql("UPDATE ledger_entries SET leaf_index = 1 WHERE leaf_index = 2".into()).await;
            sql("UPDATE ledger_entries SET leaf_index = 2 WHERE leaf_index = -1".into()).await;
        }
        "a confirmed hours row edited" => {
            sql("UPDATE hours_entries SET minutes = minutes + 600 WHERE id = (SELECT hours_id FROM ledger_entries WHERE leaf_index = 3)".into()).await;
        }
        "a certificate document edited" => {
            sql("UPDATE certificates SET document = REPLACE(document, '\"total_minutes\": ', '\"total_minutes\": 9')".into()).await;
        }
        "a checkpoint re-signed with another key" => {
            let kept = store::ledger::log::latest(&db).await.unwrap().unwrap();
            let c = domain::tlog::Checkpoint {
                origin: "127.0.0.1:8080/ledger".into(),
                size: kept.size,
                root: kept.root,
            };
            let other = domain::ledger::Key::from_secret(&[42; 32]);
            sql(format!(
                "UPDATE log_checkpoints SET note = '{}', key_id = '{}' WHERE size = {}",
                c.sign(&other),
                other.id,
                kept.size
            ))
            .await;
        }
        other => panic!("unknown case {other}"),
    }
    db.close().await;
}

/// The operator covers the tracks: the log rebuilt from what is left and signed again.
async fn rebuild(url: &str) {
    let db = connect(url).await;
    store::testing::renumber_log_leaves(&db).await.unwrap();
    for s in [
        "DELETE FROM log_tiles",
        "DELETE FROM log_tree",
        "DELETE FROM log_checkpoints",
    ] {
        store::testing::tamper_ledger(&db, s).await.unwrap();
    }
    db.close().await;
}

const CASES: [&str; 9] = [
    "minutes changed, hashes recomputed",
    "a middle row deleted",
    "the last row deleted",
    "a whole chain and its head deleted",
    "a rollback to an older signed head",
    "two chains swapped",
    "a confirmed hours row edited",
    "a certificate document edited",
    "a checkpoint re-signed with another key",
];

const DELETIONS: [&str; 4] = [
    "a middle row deleted",
    "the last row deleted",
    "a whole chain and its head deleted",
    "a rollback to an older signed head",
];

#[test]
fn tampering_is_caught_by_verify_the_running_server_and_a_witness() {
    for t in Target::all() {
        let b = t.backend;
        let dir = std::env::temp_dir().join(format!("erikti-witness-{}-{b}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // The genuine database: a dataset, a certificate, a signed checkpoint.
        t.create("base");
        let base = t.url("base");
        let (ok, out) = run(&base, &["demo-data", "--volunteers", "30"]);
        assert!(ok, "{b}: {out}");
        let (ok, out) = run(&base, &["bench-book-prepare", "--entries", "4"]);
        assert!(ok, "{b}: {out}");
        let (ok, note) = run(&base, &["ledger", "checkpoint"]);
        assert!(ok && note.contains("127.0.0.1:8080/ledger"), "{b}: {note}");
        let (ok, out) = run(&base, &["ledger", "verify"]);
        assert!(ok && out.contains("all intact"), "{b}: {out}");
        // A witness sees it, through the server.
        let (server, port) = serve(&base);
        let state = dir.join("witness.json");
        let url = format!("http://127.0.0.1:{port}");
        let w = |state: &std::path::Path, url: &str| {
            let out = Command::new(BIN)
                .args(["ledger", "witness", "--url", url, "--state"])
                .arg(state)
                .output()
                .unwrap();
            (
                out.status.success(),
                String::from_utf8_lossy(&out.stdout).to_string(),
            )
        };
        let (ok, out) = w(&state, &url);
        assert!(ok && out.contains("first checkpoint"), "{b}: {out}");
        let (ok, out) = w(&state, &url);
        assert!(ok && out.contains("consistent"), "{b}: {out}");
        stop(server);
        let seen: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
        let kept = dir.join("checkpoint.txt");
        std::fs::write(&kept, seen["note"].as_str().unwrap()).unwrap();

        let handles: Vec<_> = CASES
            .iter()
            .enumerate()
            .map(|(i, case)| {
                let (t, kept, state, dir) = (t.clone(), kept.clone(), state.clone(), dir.clone());
                std::thread::spawn(move || {
                    let name = format!("case{i}");
                    t.copy("base", &name);
                    let url = t.url(&name);
                    // Altered while the server runs: it raises the alarm within a minute.
                    let (server, port) = serve(&url);
                    let started = Instant::now();
                    while !get(port, "/metrics").is_some_and(|m| {
                        m.contains("erikti_ledger_verified_size")
                            && !m.contains("erikti_ledger_verified_size 0")
                    }) {
                        assert!(
                            started.elapsed() < Duration::from_secs(30),
                            "{b}: {case}: the first check never ended"
                        );
                        std::thread::sleep(Duration::from_millis(100));
                    }
                    block_on(tamper(&t, &url, case));
                    let started = Instant::now();
                    let mut metrics = String::new();
                    while started.elapsed() < Duration::from_secs(60) {
                        metrics = get(port, "/metrics").unwrap_or_default();
                        if metrics.contains("erikti_ledger_tamper_alarm 1") {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(200));
                    }
                    stop(server);
                    assert!(
                        metrics.contains("erikti_ledger_tamper_alarm 1"),
                        "{b}: {case}: no alarm within a minute"
                    );
                    // And `ledger verify` against the checkpoint a witness kept (a checkpoint
                    // signed by an unknown key stops every command before it starts).
                    let (ok, out) = run(
                        &url,
                        &["ledger", "verify", "--checkpoint", kept.to_str().unwrap()],
                    );
                    assert!(
                        !ok && (out.contains("BROKEN") || out.contains("does not have")),
                        "{b}: {case} passed `ledger verify --checkpoint`: {out}"
                    );
                    if DELETIONS.contains(case) {
                        // The operator rebuilds the log from what is left and signs it: the
                        // witness that saw the earlier checkpoint is not fooled.
                        block_on(rebuild(&url));
                        let (ok, out) = run(&url, &["ledger", "checkpoint"]);
                        assert!(ok, "{b}: {case}: {out}");
                        let (server, port) = serve(&url);
                        let mine = dir.join(format!("witness-{i}.json"));
                        std::fs::copy(&state, &mine).unwrap();
                        let (ok, out) = w(&mine, &format!("http://127.0.0.1:{port}"));
                        stop(server);
                        assert!(
                            !ok && out.contains("INCONSISTENT"),
                            "{b}: {case}: the witness saw nothing: {out}"
                        );
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        // Without its keys folder, the database refuses to start.
        let (ok, out) = {
            let out = Command::new(BIN)
                .arg("migrate")
                .env("ERIKTI_DATABASE_URL", &base)
                .env("ERIKTI_KEYS_DIR", dir.join("no-keys"))
                .env("ERIKTI_LOG", "warn")
                .output()
                .unwrap();
            (
                out.status.success(),
                String::from_utf8_lossy(&out.stderr).to_string(),
            )
        };
        assert!(
            !ok && out.contains("does not have") && out.contains("Restore the keys folder"),
            "{b}: {out}"
        );
        assert!(
            !dir.join("no-keys").exists()
                || std::fs::read_dir(dir.join("no-keys"))
                    .unwrap()
                    .next()
                    .is_none(),
            "{b}: no key was made"
        );
        let _ = std::fs::remove_dir_all(&dir);
        if b == "postgres" {
            for name in std::iter::once("base".to_owned())
                .chain((0..CASES.len()).map(|i| format!("case{i}")))
            {
                t.psql(&format!("DROP DATABASE IF EXISTS {}", t.pg_name(&name)));
            }
        }
    }
}
