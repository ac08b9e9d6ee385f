//! Backups, restores and the move to PostgreSQL, as an operator runs them: a backup while
//! the server serves, restored into an empty database with an empty keys folder, checks
//! as `erikti ledger verify` and the public certificate check; a database restored without
//! its keys folder refuses to start; SQLite moved into PostgreSQL holds the same rows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

use super::{erikti, free_port, get, wait_ready};

/// Every command of a test names the log alike (the checkpoints' origin).
const PUBLIC_URL: &str = "http://erikti.test";

/// A fresh folder of this test process.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("erikti-bk-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A new, empty PostgreSQL database (URL, name), when PostgreSQL is there.
fn pg_database(tag: &str) -> Option<(String, String)> {
    let admin = store::testing::pg_url()?;
    let name = format!("erikti_bk_{}_{tag}", std::process::id());
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap();
    for sql in [
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("CREATE DATABASE {name}"),
    ] {
        let ok = Command::new("psql")
            .env("PGOPTIONS", "--client-min-messages=warning")
            .arg(&admin)
            .args(["-qc", &sql])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "psql: {sql}");
    }
    Some((format!("{base}/{name}"), name))
}

fn drop_pg(name: &str) {
    if let Some(admin) = store::testing::pg_url() {
        let _ = Command::new("psql")
            .arg(&admin)
            .args([
                "-qc",
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            ])
            .status();
    }
}

/// `erikti ARGS` on the database `url` with the keys folder `keys`.
fn run(url: &str, keys: &Path, args: &[&str]) -> Output {
    erikti(url)
        .env("ERIKTI_KEYS_DIR", keys)
        .env("ERIKTI_PUBLIC_URL", PUBLIC_URL)
        .env("RUST_BACKTRACE", "0")
        .args(args)
        .output()
        .unwrap()
}

/// The standard output of a command that must succeed.
fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The error output of a command that must fail.
fn refused(out: Output, what: &str) -> String {
    assert!(
        !out.status.success(),
        "{what} should fail: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Rows of every table, read through the store.
fn counts(url: &str) -> BTreeMap<String, u64> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db = store::Db::connect(url, &store::ConnectOptions { max_connections: 1 })
            .await
            .unwrap();
        let c = store::transfer::state(&db).await.unwrap().counts;
        db.close().await;
        c
    })
}

/// Demo data and a volunteer's certificate; its code.
fn data_with_certificate(url: &str, keys: &Path) -> String {
    let out = ok(
        run(url, keys, &["demo-data", "--volunteers", "20"]),
        "demo-data",
    );
    assert!(out.contains("20 volunteers"), "{out}");
    let out = ok(
        run(url, keys, &["bench-book-prepare", "--entries", "5"]),
        "a certificate",
    );
    out.lines()
        .find_map(|l| l.strip_prefix("code "))
        .expect("the certificate's code")
        .to_owned()
}

fn serve(url: &str, keys: &Path) -> (Child, u16) {
    let port = free_port();
    let mut child = erikti(url)
        .arg("serve")
        .env("ERIKTI_KEYS_DIR", keys)
        .env("ERIKTI_PUBLIC_URL", PUBLIC_URL)
        .env("ERIKTI_BIND", format!("127.0.0.1:{port}"))
        .spawn()
        .unwrap();
    wait_ready(port, &mut child);
    (child, port)
}

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the server stops"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// What `GET /api/v1/certificates/{code}` answers.
fn certificate_check(port: u16, code: &str) -> serde_json::Value {
    let answer = get(port, &format!("/api/v1/certificates/{code}")).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b).unwrap();
    serde_json::from_str(body).unwrap()
}

fn assert_certificate_holds(port: u16, code: &str, what: &str) {
    let c = certificate_check(port, code);
    assert_eq!(c["signature_valid"], true, "{what}: {c}");
    assert_eq!(c["log_status"], "recorded", "{what}: {c}");
    assert_eq!(c["revoked"], false, "{what}: {c}");
}

/// A place for a database: a SQLite file in `dir`, or a new PostgreSQL database.
fn place(backend: &str, dir: &Path, tag: &str) -> (String, Option<String>) {
    if backend == "postgres" {
        let (url, name) = pg_database(tag).unwrap();
        (url, Some(name))
    } else {
        (format!("sqlite://{}/{tag}.db", dir.display()), None)
    }
}

#[test]
fn a_backup_made_while_serving_restores_into_an_empty_database_on_each_backend() {
    let mut backends = vec!["sqlite"];
    if store::testing::pg_url().is_some() {
        backends.push("postgres");
    }
    for backend in backends {
        let dir = scratch(backend);
        let keys = dir.join("keys-source");
        let (source, source_pg) = place(backend, &dir, "source");
        let code = data_with_certificate(&source, &keys);

        // The backup, while the server serves and another volunteer's hours are confirmed
        // one by one into the ledger.
        let (server, port) = serve(&source, &keys);
        assert_certificate_holds(port, &code, "before the backup");
        let writing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let writer = {
            let (source, keys, writing) = (source.clone(), keys.clone(), writing.clone());
            std::thread::spawn(move || {
                let mut entries = 0;
                while writing.load(std::sync::atomic::Ordering::Relaxed) && entries < 400 {
                    entries += 20;
                    let n = entries.to_string();
                    let args = [
                        "bench-book-prepare",
                        "--email",
                        "writer@example.kz",
                        "--entries",
                        &n,
                    ];
                    ok(run(&source, &keys, &args), "writing beside the backup");
                }
                entries
            })
        };
        std::thread::sleep(Duration::from_millis(300));
        let backup = dir.join("backup");
        let started = Instant::now();
        let out = ok(
            run(&source, &keys, &["backup", backup.to_str().unwrap()]),
            "backup",
        );
        writing.store(false, std::sync::atomic::Ordering::Relaxed);
        let written = writer.join().unwrap();
        eprintln!("{backend}: {written} entries written beside the backup");
        eprintln!(
            "{backend}: backup in {:.2} s: {out}",
            started.elapsed().as_secs_f64()
        );
        assert!(out.contains("backup of the"), "{out}");
        let again = refused(
            run(&source, &keys, &["backup", backup.to_str().unwrap()]),
            "a backup over another",
        );
        assert!(again.contains("is not empty"), "{again}");
        stop(server);

        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(backup.join("manifest.json")).unwrap())
                .unwrap();
        assert_eq!(manifest["backend"], backend);
        assert_eq!(manifest["erikti_version"], env!("CARGO_PKG_VERSION"));
        let note = manifest["checkpoint"]["note"].as_str().unwrap().to_owned();
        assert!(note.starts_with("erikti.test/ledger\n"), "{note}");
        assert!(manifest["tables"]["users"].as_u64().unwrap() >= 20);
        assert!(manifest["tables"]["certificates"].as_u64().unwrap() >= 1);
        let key_id = manifest["keys"][0]["id"].as_str().unwrap().to_owned();
        let backed_up: BTreeMap<String, u64> =
            serde_json::from_value(manifest["tables"].clone()).unwrap();
        assert_eq!(
            manifest["checkpoint"]["size"].as_u64(),
            Some(backed_up["ledger_entries"] + backed_up["money_entries"]),
            "{backend}: the manifest's checkpoint covers every entry of the copy"
        );
        assert!(
            std::fs::read_dir(backup.join("keys")).unwrap().count() >= 1,
            "the keys are in the backup"
        );

        // Into the other kind of database: refused before anything is written.
        let other = if backend == "sqlite" {
            "postgres://nowhere.invalid/erikti".to_owned()
        } else {
            format!("sqlite://{}/other.db", dir.display())
        };
        let err = refused(
            run(
                &other,
                &dir.join("keys-other"),
                &["restore", backup.to_str().unwrap()],
            ),
            "a restore into the other backend",
        );
        assert!(
            err.contains(&format!("a backup of a {backend} database")),
            "{err}"
        );
        assert!(
            !dir.join("keys-other").exists(),
            "no key written on a refusal"
        );

        // Restored into an empty database, with an empty keys folder.
        // (One a start has migrated counts as empty: its tables are replaced.)
        let (target, target_pg) = place(backend, &dir, "restored");
        ok(
            run(&target, &dir.join("keys-first-start"), &["migrate"]),
            "a first start on the empty database",
        );
        let target_keys = dir.join("keys-restored");
        let started = Instant::now();
        let out = ok(
            run(
                &target,
                &target_keys,
                &["restore", backup.to_str().unwrap()],
            ),
            "restore",
        );
        eprintln!(
            "{backend}: restore in {:.2} s: {out}",
            started.elapsed().as_secs_f64()
        );
        assert!(out.contains("rows as the manifest says"), "{out}");
        assert_eq!(counts(&target), backed_up, "{backend}: rows of every table");
        let note_file = dir.join("checkpoint.note");
        std::fs::write(&note_file, &note).unwrap();
        let out = ok(
            run(
                &target,
                &target_keys,
                &[
                    "ledger",
                    "verify",
                    "--checkpoint",
                    note_file.to_str().unwrap(),
                ],
            ),
            "ledger verify on the restored database",
        );
        assert!(out.contains("all intact"), "{out}");
        let twice = refused(
            run(
                &target,
                &target_keys,
                &["restore", backup.to_str().unwrap()],
            ),
            "a restore into a database with data",
        );
        assert!(twice.contains("already holds data"), "{twice}");
        let (server, port) = serve(&target, &target_keys);
        assert_certificate_holds(port, &code, "on the restored database");
        stop(server);

        // A backup folder without its keys is refused, naming the key.
        let keyless = dir.join("backup-without-keys");
        std::fs::create_dir_all(&keyless).unwrap();
        for f in [
            "manifest.json",
            manifest["database"]["file"].as_str().unwrap(),
        ] {
            std::fs::copy(backup.join(f), keyless.join(f)).unwrap();
        }
        let (bare, bare_pg) = place(backend, &dir, "bare");
        let bare_keys = dir.join("keys-bare");
        let err = refused(
            run(&bare, &bare_keys, &["restore", keyless.to_str().unwrap()]),
            "a restore without the keys",
        );
        assert!(err.contains(&key_id), "{err}");

        // The database restored by hand without the keys folder: no start.
        restore_by_hand(backend, &backup, &bare);
        for command in ["migrate", "serve"] {
            let err = refused(run(&bare, &bare_keys, &[command]), command);
            assert!(
                err.contains(&key_id) && err.contains("Refusing to start"),
                "{command}: {err}"
            );
        }
        let made = std::fs::read_dir(&bare_keys).map_or(0, |d| d.count());
        assert_eq!(made, 0, "no new key beside records signed by a missing one");

        if let Some(name) = &source_pg {
            // Without pg_dump: a clear message naming the package.
            let empty = dir.join("no-programs");
            std::fs::create_dir_all(&empty).unwrap();
            let out = erikti(&source)
                .env("ERIKTI_KEYS_DIR", &keys)
                .env("ERIKTI_PUBLIC_URL", PUBLIC_URL)
                .env("PATH", &empty)
                .args(["backup", dir.join("backup-2").to_str().unwrap()])
                .output()
                .unwrap();
            let err = refused(out, "a backup without pg_dump");
            assert!(
                err.contains("pg_dump is not on PATH") && err.contains("postgresql-client"),
                "{err}"
            );
            drop_pg(name);
        }
        for name in [target_pg, bare_pg].into_iter().flatten() {
            drop_pg(&name);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Restores the database of a backup the way an operator might without erikti: the file
/// copied, or `pg_restore`; the keys folder left behind.
fn restore_by_hand(backend: &str, backup: &Path, url: &str) {
    if backend == "postgres" {
        let ok = Command::new("pg_restore")
            .args(["--no-owner", "--dbname", url])
            .arg(backup.join("database.dump"))
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "pg_restore");
    } else {
        let path = url.strip_prefix("sqlite://").unwrap();
        std::fs::copy(backup.join("database.sqlite"), path).unwrap();
    }
}

#[test]
fn sqlite_moves_into_postgres_with_every_row_and_the_ledger_intact() {
    let Some((target, name)) = pg_database("moved") else {
        store::testing::note_skip(
            "erikti move SQLite → PostgreSQL (set ERIKTI_TEST_PG_URL to run it)",
        );
        return;
    };
    let dir = scratch("move");
    let keys = dir.join("keys");
    let source = format!("sqlite://{}/source.db", dir.display());
    let code = data_with_certificate(&source, &keys);

    let refused_url = refused(
        run(&source, &keys, &["move", "--to", "sqlite://elsewhere.db"]),
        "a move into SQLite",
    );
    assert!(refused_url.contains("PostgreSQL URL"), "{refused_url}");

    let started = Instant::now();
    let out = ok(run(&source, &keys, &["move", "--to", &target]), "move");
    eprintln!("move in {:.2} s: {out}", started.elapsed().as_secs_f64());
    assert!(out.contains("every table holds the same rows"), "{out}");
    let (from, to) = (counts(&source), counts(&target));
    let skip = store::transfer::MIGRATIONS_TABLE;
    let without = |c: &BTreeMap<String, u64>| {
        c.iter()
            .filter(|(t, _)| *t != skip)
            .map(|(t, n)| (t.clone(), *n))
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(without(&from), without(&to), "rows of every table");
    assert!(to["ledger_entries"] > 0 && to["users"] >= 20);

    let out = ok(
        run(&target, &keys, &["ledger", "verify"]),
        "ledger verify on PostgreSQL",
    );
    assert!(out.contains("all intact"), "{out}");
    let (server, port) = serve(&target, &keys);
    assert_certificate_holds(port, &code, "on the moved database");
    stop(server);

    let again = refused(
        run(&source, &keys, &["move", "--to", &target]),
        "a move into a database with data",
    );
    assert!(again.contains("already holds data"), "{again}");
    drop_pg(&name);
    let _ = std::fs::remove_dir_all(&dir);
}
