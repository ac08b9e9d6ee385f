//! Durability, on both backends: eight writers at about 200 writes a second (applications,
//! claims of hours, confirmations by the organization), the server killed with SIGKILL in
//! the middle of the stream, started again: every acknowledged write is there, no shift
//! holds more than its places and its counter matches, and the ledger and its public log
//! verify.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::{erikti, free_port, serve_on};

/// One request over its own connection; the status and body, or none when the server
/// did not answer (not acknowledged).
fn send(port: u16, method: &str, path: &str, token: &str, body: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let status = out.get(9..12)?.parse().ok()?;
    let body = out.split_once("\r\n\r\n").map(|(_, b)| b.to_owned())?;
    Some((status, body))
}

fn id_of(body: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    v["id"].as_str().map(str::to_owned)
}

/// What the server acknowledged.
#[derive(Default)]
struct Acked {
    /// (token, shift) of applications answered 201.
    applications: Vec<(String, String)>,
    /// Claims answered 201: their keys.
    claims: Vec<String>,
    /// Confirmations answered 204: the hours keys.
    confirmations: Vec<String>,
}

fn literal(backend: &str, id: &str) -> String {
    match backend {
        "sqlite" => {
            let u = uuid::Uuid::parse_str(id).unwrap();
            let hex: String = u.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
            format!("X'{hex}'")
        }
        _ => format!("'{id}'::uuid"),
    }
}

fn count(url: &str, sql: &str) -> i64 {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let db = store::Db::connect(url, &store::ConnectOptions { max_connections: 1 })
                .await
                .unwrap();
            let n = store::testing::count(&db, sql).await.unwrap();
            db.close().await;
            n
        })
}

fn in_list(backend: &str, ids: &[String]) -> String {
    if ids.is_empty() {
        return "(NULL)".into();
    }
    let v: Vec<String> = ids.iter().map(|i| literal(backend, i)).collect();
    format!("({})", v.join(", "))
}

#[test]
fn every_acknowledged_write_survives_a_kill_9() {
    for (url, pg_name) in crate::urls_named("durability") {
        let backend = if pg_name.is_some() {
            "postgres"
        } else {
            "sqlite"
        };
        let dir =
            std::env::temp_dir().join(format!("erikti-durable-{}-{backend}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lines_file = dir.join("lines");
        let out = erikti(&url)
            .args([
                "bench-burst-prepare",
                "--shifts",
                "60",
                "--capacity",
                "4",
                "--volunteers",
                "400",
                "--out",
            ])
            .arg(&lines_file)
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{backend}: {printed} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let field = |name: &str| {
            printed
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{name} ")))
                .unwrap()
                .to_owned()
        };
        let (org, owner) = (field("organization"), field("owner"));
        let work: Vec<(String, String)> = std::fs::read_to_string(&lines_file)
            .unwrap()
            .lines()
            .map(|l| {
                let (t, s) = l.split_once(' ').unwrap();
                (t.to_owned(), s.to_owned())
            })
            .collect();

        let port = free_port();
        let mut server = serve_on(&url, port, true);
        let acked = Arc::new(Mutex::new(Acked::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..8)
            .map(|w| {
                let (acked, stop, org, owner) = (acked.clone(), stop.clone(), org.clone(), owner.clone());
                let mine: Vec<(String, String)> = work.iter().skip(w).step_by(8).cloned().collect();
                std::thread::spawn(move || {
                    // About 28 writes a second each: over 200 for the eight.
                    let pace = Duration::from_millis(35);
                    for (token, shift) in mine {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let t = Instant::now();
                        match send(port, "POST", &format!("/api/v1/shifts/{shift}/applications"), &token, "{}") {
                            Some((201, _)) => acked.lock().unwrap().applications.push((token.clone(), shift.clone())),
                            Some(_) => {}
                            None => return,
                        }
                        std::thread::sleep(pace.saturating_sub(t.elapsed()));
                        let t = Instant::now();
                        let claim = format!(
                            "{{\"organization_id\":\"{org}\",\"minutes\":\"90\",\"date\":\"2026-11-20\",\"description\":\"Марафон\"}}"
                        );
                        let hours = match send(port, "POST", "/api/v1/me/hours", &token, &claim) {
                            Some((201, body)) => {
                                let id = id_of(&body).unwrap();
                                acked.lock().unwrap().claims.push(id.clone());
                                id
                            }
                            Some((status, body)) => panic!("claim: {status} {body}"),
                            None => return,
                        };
                        std::thread::sleep(pace.saturating_sub(t.elapsed()));
                        let t = Instant::now();
                        match send(port, "POST", &format!("/api/v1/hours/{hours}/confirm"), &owner, "") {
                            Some((204, _)) => acked.lock().unwrap().confirmations.push(hours),
                            Some((status, body)) => panic!("confirm: {status} {body}"),
                            None => return,
                        }
                        std::thread::sleep(pace.saturating_sub(t.elapsed()));
                    }
                })
            })
            .collect();
        // Mid-stream (some 600 writes in, whatever the machine's load): SIGKILL.
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            let a = acked.lock().unwrap();
            if a.applications.len() + a.claims.len() + a.confirmations.len() >= 600 {
                break;
            }
            drop(a);
            std::thread::sleep(Duration::from_millis(50));
        }
        let streamed = started.elapsed();
        server.kill().unwrap();
        server.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        for w in writers {
            w.join().unwrap();
        }
        let acked = std::mem::take(&mut *acked.lock().unwrap());
        let writes = acked.applications.len() + acked.claims.len() + acked.confirmations.len();
        assert!(
            writes > 300,
            "{backend}: only {writes} writes before the kill"
        );
        eprintln!(
            "{backend}: {} applications, {} claims, {} confirmations acknowledged before SIGKILL ({:.0} writes/s)",
            acked.applications.len(),
            acked.claims.len(),
            acked.confirmations.len(),
            writes as f64 / streamed.as_secs_f64()
        );

        // Started again: everything acknowledged is there.
        let mut server = serve_on(&url, port, false);
        for (token, shift) in &acked.applications {
            let (status, body) = send(port, "GET", "/api/v1/me/applications", token, "").unwrap();
            assert!(
                status == 200 && body.contains(shift.as_str()),
                "{backend}: an acknowledged application to {shift} is gone: {body}"
            );
        }
        let _ = server.kill();
        let _ = server.wait();
        assert_eq!(
            count(
                &url,
                &format!(
                    "SELECT COUNT(*) FROM hours_entries WHERE id IN {}",
                    in_list(backend, &acked.claims)
                )
            ),
            acked.claims.len() as i64,
            "{backend}: acknowledged claims"
        );
        let confirmed = in_list(backend, &acked.confirmations);
        assert_eq!(
            count(
                &url,
                &format!(
                    "SELECT COUNT(*) FROM hours_entries WHERE status = 'confirmed' AND id IN {confirmed}"
                )
            ),
            acked.confirmations.len() as i64,
            "{backend}: acknowledged confirmations"
        );
        assert_eq!(
            count(
                &url,
                &format!(
                    "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'confirm' AND hours_id IN {confirmed}"
                )
            ),
            acked.confirmations.len() as i64,
            "{backend}: each acknowledged confirmation in the ledger"
        );
        assert_eq!(
            count(
                &url,
                "SELECT COUNT(*) FROM shifts s WHERE s.accepted_count > s.capacity OR s.accepted_count <> \
                 (SELECT COUNT(*) FROM applications a WHERE a.shift_id = s.id \
                  AND a.status IN ('accepted', 'checked_in', 'completed', 'no_show'))"
            ),
            0,
            "{backend}: places and counters"
        );
        let out = erikti(&url)
            .args(["ledger", "checkpoint"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{backend}");
        let out = erikti(&url).args(["ledger", "verify"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("all intact"),
            "{backend}: {text}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
