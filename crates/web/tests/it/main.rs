//! Web tests over real HTTP against a server on port 0, on SQLite and (when configured)
//! PostgreSQL. One test binary for the crate.

mod answers;
mod api;
mod attendance;
mod book;
mod browser;
mod charity;
mod charity_figures;
mod charity_gifts;
mod events;
mod help;
mod i18n;
mod imports;
mod journeys;
mod layers;
mod orgs;
mod payments;
mod queries;
mod security;
mod statements;
mod validation;

use std::net::SocketAddr;
use std::time::Duration;

use app::{ArgonCost, RateLimits};
use store::testing::TestDb;
use web::{AppState, Settings};

/// A running server and a cookie-keeping client.
pub struct App {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The server's state (for direct store access in assertions).
    pub state: AppState,
    /// Backend name.
    pub backend: &'static str,
    stop: tokio::sync::watch::Sender<bool>,
}

/// Settings for tests: cheap password hashing, fast outbox.
pub fn test_settings() -> Settings {
    Settings {
        argon: ArgonCost {
            m_kib: 64,
            t: 1,
            p: 1,
        },
        outbox_poll: Duration::from_millis(50),
        counters_ttl: Duration::ZERO,
        page_cache_ttl: Duration::ZERO,
        keys_dir: std::env::temp_dir().join(format!("erikti-test-keys-{}", std::process::id())),
        rate_limits: RateLimits {
            signup_per_ip_hour: 1000,
            login_per_ip_minute: 1000,
            login_per_account_15min: 5,
            mail_per_address_hour: 100,
        },
        ..Settings::default()
    }
}

impl App {
    /// Starts a server over `db`.
    pub async fn spawn(db: store::Db, backend: &'static str, settings: Settings) -> App {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let base = format!("http://{addr}");
        let public_url = if settings.public_url.starts_with("https://") {
            settings.public_url.clone()
        } else {
            base.clone()
        };
        let settings = Settings {
            public_url,
            ..settings
        };
        let state = AppState::new(db, settings);
        let (stop, rx) = tokio::sync::watch::channel(false);
        tokio::spawn(app::mail::run_outbox(state.app.clone(), rx.clone()));
        let app = web::app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let mut rx2 = rx;
        tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = rx2.changed().await;
                })
                .await
                .unwrap();
        });
        App {
            base,
            state,
            backend,
            stop,
        }
    }

    /// A new browser-like client (own cookies, no automatic redirects).
    pub fn client(&self) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: self.base.clone(),
        }
    }

    /// The newest outbox link to `to` containing `path`.
    pub async fn mailed_link(&self, to: &str, path: &str) -> String {
        for _ in 0..50 {
            let msgs = store::outbox::recent(&self.state.db, Some(to), 10)
                .await
                .unwrap();
            if let Some(link) = msgs.iter().find_map(|m| {
                m.body_text
                    .split_whitespace()
                    .find(|w| w.contains(path))
                    .map(str::to_owned)
            }) {
                return link;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("no e-mail to {to} with {path}");
    }

    /// Creates a confirmed volunteer with a password; returns a signed-in client.
    pub async fn volunteer(&self, email: &str) -> Client {
        let c = self.client();
        let r = c
            .post_form(
                "/signup",
                &[
                    ("name", "Айгерім Сейітова"),
                    ("email", email),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let link = self.mailed_link(email, "/confirm?token=").await;
        let r = c.get(link.trim_start_matches(&self.base)).await;
        assert_eq!(r.status, 200);
        let r = c
            .post_form("/login", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(r.status, 303, "log-in redirects: {}", r.body);
        c
    }

    /// Creates a national admin; returns a signed-in client.
    pub async fn admin(&self, email: &str) -> Client {
        app::accounts::create_staff(&self.state, email, "national_admin", None, Some(PASSWORD))
            .await
            .unwrap();
        let c = self.client();
        let r = c
            .post_form("/login", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(r.status, 303);
        c
    }

    /// Stops the server.
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }
}

/// A password that passes the policy.
pub const PASSWORD: &str = "Tulpar-Kokshetau-2026";

/// A response, read.
#[derive(Debug)]
pub struct Resp {
    /// Status.
    pub status: u16,
    /// Headers.
    pub headers: reqwest::header::HeaderMap,
    /// Body text.
    pub body: String,
}

impl Resp {
    /// `Location` header.
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    /// Parsed JSON body.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// A client with cookies that reads CSRF tokens from pages like a browser.
pub struct Client {
    /// The HTTP client.
    pub http: reqwest::Client,
    /// Base URL.
    pub base: String,
}

pub(crate) async fn read(r: reqwest::Response) -> Resp {
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let body = r.text().await.unwrap_or_default();
    Resp {
        status,
        headers,
        body,
    }
}

/// The value of the hidden `_csrf` input in a page.
pub fn csrf_of(html: &str) -> String {
    try_csrf_of(html).expect("page has a CSRF field")
}

/// The CSRF token of a page, if it has a form.
pub fn try_csrf_of(html: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = html.find(marker)? + marker.len();
    html[start..].split('"').next().map(str::to_owned)
}

/// The text of a PDF (`pdftotext` from Debian's poppler-utils); None when the tool is
/// A multipart body: text fields and one file; (content type, body).
pub fn multipart(
    fields: &[(&str, &str)],
    file_field: &str,
    file: &[u8],
    filename: &str,
    content_type: &str,
) -> (String, Vec<u8>) {
    let boundary = "erikti-test-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// missing outside CI (under `CI=true` a missing tool fails the test).
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("erikti-pdf-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).to_string()),
        other => {
            assert!(
                std::env::var("CI").is_err(),
                "pdftotext is required under CI=true: {other:?}"
            );
            None
        }
    }
}

impl Client {
    /// GET a path, the body as bytes: (status, body).
    pub async fn get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.bytes().await.unwrap_or_default().to_vec())
    }
    /// GET a path.
    pub async fn get(&self, path: &str) -> Resp {
        read(
            self.http
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .unwrap(),
        )
        .await
    }
    /// GET with a header.
    pub async fn get_with(&self, path: &str, name: &str, value: &str) -> Resp {
        read(
            self.http
                .get(format!("{}{path}", self.base))
                .header(name, value)
                .send()
                .await
                .unwrap(),
        )
        .await
    }
    /// Loads the page that holds the form (for its CSRF token) and posts the form.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let form_page = match path {
            "/logout" | "/profile/email" | "/profile/tokens" => "/profile".to_owned(),
            p if p.starts_with("/profile/tokens/") => "/profile".to_owned(),
            p => p.to_owned(),
        };
        let page = self.get(&form_page).await;
        let token = csrf_of(&page.body);
        let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        read(
            self.http
                .post(format!("{}{path}", self.base))
                .form(&all)
                .send()
                .await
                .unwrap(),
        )
        .await
    }
    /// Posts exactly these fields (the caller brings the `_csrf` of the page it read).
    pub async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        read(
            self.http
                .post(format!("{}{path}", self.base))
                .form(fields)
                .send()
                .await
                .unwrap(),
        )
        .await
    }
    /// POST JSON.
    pub async fn post_json(
        &self,
        path: &str,
        body: &serde_json::Value,
        bearer: Option<&str>,
    ) -> Resp {
        let mut req = self.http.post(format!("{}{path}", self.base)).json(body);
        if let Some(t) = bearer {
            req = req.bearer_auth(t);
        }
        read(req.send().await.unwrap()).await
    }
    /// POST JSON; the status of the answer.
    pub async fn post_status(
        &self,
        path: &str,
        body: &serde_json::Value,
        bearer: Option<&str>,
    ) -> u16 {
        self.post_json(path, body, bearer).await.status
    }
    /// A request with a method, JSON body and bearer.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
        bearer: Option<&str>,
    ) -> Resp {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(b) = body {
            req = req.json(b);
        }
        if let Some(t) = bearer {
            req = req.bearer_auth(t);
        }
        read(req.send().await.unwrap()).await
    }
}

/// Runs `f` against a fresh server on every backend.
pub async fn on_every_backend<F, Fut>(f: F)
where
    F: Fn(App) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    on_every_backend_with(test_settings, f).await;
}

/// Same, with settings.
pub async fn on_every_backend_with<S, F, Fut>(settings: S, f: F)
where
    S: Fn() -> Settings,
    F: Fn(App) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for t in TestDb::all().await {
        eprintln!("-- backend: {}", t.name);
        let app = App::spawn(t.db.clone(), t.name, settings()).await;
        f(app).await;
        t.drop_db().await;
    }
}
