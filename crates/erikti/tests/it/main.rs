//! The binary as an operator uses it: --help, migrate, admin create, demo-data, serve on
//! SQLite and PostgreSQL, graceful shutdown on SIGTERM with a request in flight.

mod backup;
mod durability;
mod layers;
mod ledger;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_erikti");

fn erikti(db_url: &str) -> Command {
    let mut c = Command::new(BIN);
    c.env("ERIKTI_DATABASE_URL", db_url)
        .env("ERIKTI_ARGON__M_KIB", "64")
        .env("ERIKTI_ARGON__T", "1")
        .env("ERIKTI_LOG", "warn")
        .env("ERIKTI_KEYS_DIR", keys_dir());
    c
}

fn keys_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("erikti-cli-keys-{}", std::process::id()))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

fn wait_ready(port: u16, child: &mut Child) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if get(port, "/readyz").is_some_and(|r| r.starts_with("HTTP/1.1 200")) {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the server exited early"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the server did not become ready");
}

/// `erikti serve` on `url` at `port`, with a scheduler pass every second when `fast`,
/// once it answers /readyz.
fn serve_on(url: &str, port: u16, fast: bool) -> Child {
    let mut c = erikti(url);
    c.arg("serve")
        .env("ERIKTI_BIND", format!("127.0.0.1:{port}"));
    if fast {
        c.env("ERIKTI_OPPORTUNITIES__SCHEDULER_SECONDS", "1");
    }
    let mut child = c.spawn().unwrap();
    wait_ready(port, &mut child);
    child
}

fn urls() -> Vec<(String, Option<String>)> {
    urls_named("cli")
}

/// A fresh database of each backend for one test: a SQLite file and, when PostgreSQL is
/// configured, a database of its own (named after `tag`).
fn urls_named(tag: &str) -> Vec<(String, Option<String>)> {
    let dir = std::env::temp_dir().join(format!("erikti-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut v = vec![(format!("sqlite://{}/{tag}.db", dir.display()), None)];
    if let Some(admin) = store::testing::pg_url() {
        let name = format!("erikti_{tag}_{}", std::process::id());
        let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap();
        let status = Command::new("psql")
            .arg(&admin)
            .arg("-qc")
            .arg(format!("DROP DATABASE IF EXISTS {name}; "))
            .status();
        let created = Command::new("psql")
            .arg(&admin)
            .arg("-qc")
            .arg(format!("CREATE DATABASE {name}"))
            .status();
        assert!(
            status.is_ok() && created.is_ok_and(|s| s.success()),
            "psql creates the test database"
        );
        v.push((format!("{base}/{name}"), Some(name)));
    }
    v
}

#[test]
fn every_subcommand_explains_itself() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["admin", "create", "--help"],
        vec!["demo-data", "--help"],
        vec!["ledger", "verify", "--help"],
        vec!["certificate", "verify", "--help"],
        vec!["keys", "rotate", "--help"],
        vec!["backup", "--help"],
        vec!["restore", "--help"],
        vec!["move", "--help"],
    ] {
        let out = Command::new(BIN).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Usage:"), "{args:?}: {text}");
    }
    let top = String::from_utf8_lossy(&Command::new(BIN).arg("--help").output().unwrap().stdout)
        .to_string();
    for sub in [
        "serve",
        "migrate",
        "admin",
        "demo-data",
        "backup",
        "restore",
        "move",
    ] {
        assert!(top.contains(sub), "{sub} in --help");
    }
}

#[test]
fn migrate_admin_demo_data_serve_and_graceful_shutdown_on_each_database() {
    for (url, pg_name) in urls() {
        let backend = if pg_name.is_some() {
            "postgres"
        } else {
            "sqlite"
        };
        let out = erikti(&url).arg("migrate").output().unwrap();
        assert!(
            out.status.success(),
            "{backend} migrate: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut admin = erikti(&url)
            .args([
                "admin",
                "create",
                "--email",
                "root@example.kz",
                "--role",
                "national_admin",
                "--password-stdin",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        admin
            .stdin
            .take()
            .unwrap()
            .write_all(b"Tulpar-Kokshetau-2026\n")
            .unwrap();
        let out = admin.wait_with_output().unwrap();
        assert!(out.status.success(), "{backend} admin create");
        assert!(String::from_utf8_lossy(&out.stdout).contains("national_admin"));
        // Without a password: a reset link is printed.
        let out = erikti(&url)
            .args([
                "admin",
                "create",
                "--email",
                "second@example.kz",
                "--role",
                "regional_coordinator",
                "--region",
                "KZ-55",
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("/password/reset?token="));
        let bad = erikti(&url)
            .args([
                "admin",
                "create",
                "--email",
                "x@example.kz",
                "--role",
                "regional_coordinator",
            ])
            .output()
            .unwrap();
        assert!(
            !bad.status.success(),
            "a regional coordinator needs a region"
        );
        let out = erikti(&url)
            .args(["demo-data", "--volunteers", "40"])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("40 volunteers"));

        let port = free_port();
        let mut server = serve_on(&url, port, false);
        let home = get(port, "/").unwrap();
        assert!(home.contains("<html lang=\"kk\">"), "{backend}");
        // A request in flight: headers sent, body not yet complete.
        let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
        slow.set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let (first, rest) = ("{\"email\":\"a@b.kz\",", "\"password\":\"wrong-one-1\"}");
        write!(
            slow,
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{first}",
            first.len() + rest.len()
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(200));
        let term = Command::new("kill")
            .args(["-TERM", &server.id().to_string()])
            .status()
            .unwrap();
        assert!(term.success());
        std::thread::sleep(Duration::from_millis(200));
        write!(slow, "{rest}").unwrap();
        let mut answer = String::new();
        let _ = slow.read_to_string(&mut answer);
        assert!(
            answer.starts_with("HTTP/1.1 401"),
            "{backend}: the in-flight request is answered: {answer:?}"
        );
        let start = Instant::now();
        loop {
            if let Some(status) = server.try_wait().unwrap() {
                assert!(status.success(), "{backend}: clean exit after SIGTERM");
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{backend}: exits within 10 s of SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        if let (Some(name), Some(admin)) = (pg_name, store::testing::pg_url()) {
            let _ = Command::new("psql")
                .arg(&admin)
                .arg("-qc")
                .arg(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .status();
        }
    }
}

/// A certificate checked offline with nothing but the published key set: valid as issued,
/// refused once a fact is edited; keys rotate and stay published.
#[test]
fn certificates_verify_offline_and_keys_rotate() {
    let dir = std::env::temp_dir().join(format!("erikti-cert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let keys = dir.join("keys");
    let show = |arg: &str| {
        let out = Command::new(BIN)
            .args(["keys", arg])
            .env("ERIKTI_KEYS_DIR", &keys)
            .env("ERIKTI_LOG", "warn")
            .env(
                "ERIKTI_DATABASE_URL",
                format!("sqlite://{}/k.db", dir.display()),
            )
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let first = show("show");
    let set: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(set["keys"].as_array().unwrap().len(), 1);
    // Sign as the server does, with the key file it made.
    let file = std::fs::read_dir(&keys)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let secret: [u8; 32] = hex_bytes(std::fs::read_to_string(&file).unwrap().trim());
    let key = domain::ledger::Key::from_secret(&secret);
    let statement = domain::certificate::Statement {
        version: 1,
        code: "ABCD-EFGH-JKMN".into(),
        issuer: "http://127.0.0.1:8080".into(),
        holder: "Әлия Сәрсенбаева".into(),
        holder_id: uuid::Uuid::now_v7(),
        lang: "kk".into(),
        from: None,
        to: None,
        organization: None,
        total_minutes: 1_500,
        by_direction: vec![],
        by_organization: vec![],
        first_day: None,
        last_day: None,
        ledger_seq: 3,
        ledger_hash: "00".repeat(32),
        issued_at: chrono::Utc::now(),
        log: None,
    };
    let signed = domain::certificate::sign(statement, &key);
    let cert = dir.join("certificate.json");
    let set_file = dir.join("erikti-keys.json");
    std::fs::write(&cert, serde_json::to_string_pretty(&signed).unwrap()).unwrap();
    std::fs::write(&set_file, &first).unwrap();
    let verify = |path: &std::path::Path| {
        Command::new(BIN)
            .args(["certificate", "verify"])
            .arg(path)
            .arg("--keys")
            .arg(&set_file)
            .output()
            .unwrap()
    };
    let ok = verify(&cert);
    let text = String::from_utf8_lossy(&ok.stdout).to_string();
    assert!(
        ok.status.success() && text.starts_with("VALID") && text.contains("Әлия"),
        "{text}"
    );
    let edited = dir.join("edited.json");
    std::fs::write(
        &edited,
        std::fs::read_to_string(&cert)
            .unwrap()
            .replace("1500", "15000"),
    )
    .unwrap();
    let bad = verify(&edited);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).starts_with("INVALID"));
    // Rotation: a second key signs from now on, the first stays published.
    let rotated: serde_json::Value = serde_json::from_str(
        show("rotate")
            .split_once('\n')
            .map(|(_, json)| json)
            .unwrap(),
    )
    .unwrap();
    let ids: Vec<&str> = rotated["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], key.id);
    assert_eq!(rotated["keys"][1]["active"], true);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn hex_bytes(s: &str) -> [u8; 32] {
    let v: Vec<u8> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect();
    v.try_into().unwrap()
}
