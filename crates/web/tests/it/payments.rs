//! Card donations through a real provider's format and a donor's own list, over HTTP on
//! both databases: Halyk Bank ePay's `postLink` notifications (authenticated by the
//! `secret_hash` made for their invoice) record a payment once however often delivered,
//! forged ones nothing, and a refund reverses it; a donor who paid signed in finds the
//! donation, with its receipt, on her page in each language — and nobody else does.

use reqwest::Method;
use serde_json::{Value, json};

use crate::attendance::{login, token, verified_org};
use crate::charity::{admin_token, collection, collection_body, notify, payment_settings};
use crate::{Resp, on_every_backend_with};

const SECRET: &str = "halyk-shared-secret-2026";

fn halyk() -> web::Settings {
    payment_settings("halyk", SECRET, "https://pay.example.kz/halyk")
}

fn generic() -> web::Settings {
    payment_settings("generic", SECRET, "https://pay.example.kz/checkout")
}

/// An active collection of a verified organization of `owner@{domain}`.
async fn active_collection(app: &crate::App, domain: &str) -> String {
    let owner = token(app, &format!("owner@{domain}")).await;
    let org = verified_org(app, &owner).await;
    let admin = admin_token(app, "admin@att.kz").await;
    let mut body = collection_body("KZ86125KZT5004100100", "1 000 000");
    body["purpose_en"] = json!("Medicine for children with diabetes");
    crate::charity::active_collection(app, &org, &owner, &admin, Some(body)).await
}

/// The hosted page's address for a card donation by the holder of `bearer`.
async fn checkout(app: &crate::App, col: &str, bearer: &str, lang: &str) -> reqwest::Url {
    let r = crate::read(
        app.client()
            .http
            .post(format!("{}/api/v1/collections/{col}/checkout", app.base))
            .bearer_auth(bearer)
            .header("accept-language", lang)
            .json(&json!({"amount": "5 000", "donor_name": "Айгүл Серікова", "donor_email": "aigul@example.kz"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    reqwest::Url::parse(r.json()["url"].as_str().unwrap()).unwrap()
}

fn param(u: &reqwest::Url, name: &str) -> Option<String> {
    u.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// A `postLink` as Halyk posts it for `invoice` (amount in tenge), with the `secret_hash`
/// the payment page obtained its token with (under `secret`).
fn post_link(invoice: &str, account: &str, tenge: Value, secret: &str) -> Value {
    json!({
        "accountId": account, "amount": tenge, "approvalCode": "178644", "cardId": "",
        "cardMask": "440563...5096", "cardType": "VISA", "code": "ok", "currency": "KZT",
        "dateTime": "2026-05-03T10:00:00.402131+05:00", "description": "Лекарства",
        "email": "aigul@example.kz", "id": format!("tx-{invoice}"), "invoiceId": invoice,
        "ip": "10.0.0.1", "ipCity": "Almaty", "ipLatitude": 43.25, "ipLongitude": 76.95,
        "issuer": "HALYK BANK", "language": "rus", "name": "AIGUL SERIKOVA", "phone": "",
        "reason": "success", "reasonCode": 0, "reference": "227078813195",
        "secret_hash": domain::charity::halyk::secret_hash(secret.as_bytes(), invoice, account),
        "secure": "yes", "secureDetails": "", "terminal": "67e34d63-102f-4bd1-898e-370781d0074d"
    })
}

/// Posts a body to the notification address of `provider`, unsigned (as Halyk does).
async fn post(app: &crate::App, provider: &str, body: &Value) -> Resp {
    crate::read(
        app.client()
            .http
            .post(format!("{}/api/v1/payments/{provider}/notify", app.base))
            .header("content-type", "application/json")
            .body(serde_json::to_vec(body).unwrap())
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn halyk_notifications_record_once_refuse_forgeries_and_reverse_refunds() {
    on_every_backend_with(halyk, |app| async move {
        let b = app.backend;
        let col = active_collection(&app, "halyk.kz").await;
        let donor = token(&app, "donor@halyk.kz").await;

        // The hosted page's parameters: tenge, Halyk's language code, where to post; never
        // the secret_hash, which only the page's server side sends to Halyk.
        let u = checkout(&app, &col, &donor, "en").await;
        assert!(
            u.as_str().starts_with("https://pay.example.kz/halyk?"),
            "{b}: {u}"
        );
        let invoice = param(&u, "invoiceId").unwrap();
        assert!(
            invoice.len() == 15 && invoice.bytes().all(|c| c.is_ascii_digit()),
            "{b}: {u}"
        );
        assert_eq!(param(&u, "amount").as_deref(), Some("5000"), "{b}");
        assert_eq!(param(&u, "currency").as_deref(), Some("KZT"), "{b}");
        assert_eq!(param(&u, "language").as_deref(), Some("eng"), "{b}");
        assert_eq!(
            param(&u, "description").as_deref(),
            Some("Medicine for children with diabetes"),
            "{b}"
        );
        assert_eq!(
            param(&u, "postLink"),
            Some(format!("{}/api/v1/payments/halyk/notify", app.base)),
            "{b}"
        );
        assert_eq!(param(&u, "secret_hash"), None, "{b}: {u}");
        let account = param(&u, "accountId").unwrap();
        assert!(account.starts_with(&col.replace('-', "")), "{b}: {account}");

        // Halyk delivers the postLink, several times at once: recorded once.
        let paid = post_link(&invoice, &account, json!(5000), SECRET);
        let deliveries: Vec<_> = (0..20)
            .map(|_| {
                let (base, body) = (app.base.clone(), serde_json::to_vec(&paid).unwrap());
                tokio::spawn(async move {
                    let r = reqwest::Client::new()
                        .post(format!("{base}/api/v1/payments/halyk/notify"))
                        .header("content-type", "application/json")
                        .body(body)
                        .send()
                        .await
                        .unwrap();
                    (r.status().as_u16(), r.json::<Value>().await.unwrap())
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for d in deliveries {
            let (status, body) = d.await.unwrap();
            assert_eq!(status, 200, "{b}: {body}");
            outcomes.push(body["outcome"].as_str().unwrap().to_owned());
        }
        assert_eq!(
            outcomes.iter().filter(|o| *o == "recorded").count(),
            1,
            "{b}: {outcomes:?}"
        );
        assert_eq!(
            outcomes.iter().filter(|o| *o == "duplicate").count(),
            19,
            "{b}: {outcomes:?}"
        );
        assert_eq!(
            post(&app, "halyk", &paid).await.json()["outcome"],
            "duplicate",
            "{b}"
        );

        // Forgeries: a secret_hash under another secret, none, one for another account, or
        // the right body at another provider's address: 401, and nothing recorded.
        // Another invoice: the same but its last digit.
        let last = invoice.as_bytes()[14] - b'0';
        let other = format!("{}{}", &invoice[..14], (last + 1) % 10);
        let mut forged = vec![
            post_link(&other, &account, json!(900_000), "not-the-secret"),
            post_link(&other, &col.replace('-', ""), json!(900_000), SECRET),
        ];
        forged[1]["secret_hash"] =
            domain::charity::halyk::secret_hash(SECRET.as_bytes(), &other, "another-account")
                .into();
        let mut bare = post_link(&other, &account, json!(900_000), SECRET);
        bare.as_object_mut().unwrap().remove("secret_hash");
        forged.push(bare);
        for f in &forged {
            let r = post(&app, "halyk", f).await;
            assert_eq!(
                (r.status, r.json()["error"]["code"].as_str()),
                (401, Some("signature_invalid")),
                "{b}: {f}"
            );
        }
        let r = post(
            &app,
            "generic",
            &post_link(&other, &account, json!(900_000), SECRET),
        )
        .await;
        assert_eq!(r.status, 401, "{b}: only the configured provider's address");
        let r = crate::read(
            app.client()
                .http
                .post(format!("{}/api/v1/payments/halyk/notify", app.base))
                .body("not json")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, 401, "{b}: {}", r.body);
        let shown = collection(&app, &col).await;
        assert_eq!(
            (shown["raised_tiyn"].as_i64(), shown["donations"].as_i64()),
            (Some(500_000), Some(1)),
            "{b}: {shown}"
        );

        // An authentic notification Halyk's way that is not a payment: refused, unrecorded.
        let mut failed = post_link(&other, &account, json!(1000), SECRET);
        failed["code"] = "error".into();
        let r = post(&app, "halyk", &failed).await;
        assert_eq!(r.status, 422, "{b}: {}", r.body);
        assert_eq!(
            r.json()["error"]["fields"]["body"]["code"],
            "choice_unknown",
            "{b}: {}",
            r.body
        );

        // A refund, reported with Halyk's status of the transaction: reversed once.
        let mut refund = paid.clone();
        let m = refund.as_object_mut().unwrap();
        m.remove("code");
        m.insert("statusName".into(), "REFUND".into());
        m.insert("dateTime".into(), "2026-05-04T09:00:00+05:00".into());
        let mut early = refund.clone();
        early["invoiceId"] = other.clone().into();
        early["secret_hash"] =
            domain::charity::halyk::secret_hash(SECRET.as_bytes(), &other, &account).into();
        let r = post(&app, "halyk", &early).await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (409, Some("payment_unknown")),
            "{b}: {}",
            r.body
        );
        assert_eq!(
            post(&app, "halyk", &refund).await.json()["outcome"],
            "refunded",
            "{b}"
        );
        assert_eq!(
            post(&app, "halyk", &refund).await.json()["outcome"],
            "duplicate",
            "{b}"
        );
        let shown = collection(&app, &col).await;
        assert_eq!(shown["raised_tiyn"].as_i64(), Some(0), "{b}: {shown}");
        let list = app
            .client()
            .send(
                Method::GET,
                &format!("/api/v1/collections/{col}/donations"),
                None,
                None,
            )
            .await
            .json();
        assert_eq!(list.as_array().map(Vec::len), Some(1), "{b}: {list}");
        assert_eq!(
            (list[0]["reversed"].as_bool(), list[0]["channel"].as_str()),
            (Some(true), Some("card")),
            "{b}: {list}"
        );
        assert!(
            list[0]["shown_as"].is_null() && !list.to_string().contains("SERIKOVA"),
            "{b}: anonymous in public: {list}"
        );

        // Paid while signed in: hers, and marked refunded.
        let mine = app
            .client()
            .send(Method::GET, "/api/v1/me/donations", None, Some(&donor))
            .await
            .json();
        assert_eq!(mine.as_array().map(Vec::len), Some(1), "{b}: {mine}");
        assert_eq!(mine[0]["reversed"].as_bool(), Some(true), "{b}: {mine}");
        let page = login(&app, "donor@halyk.kz")
            .await
            .get_with("/me/donations", "accept-language", "ru")
            .await;
        assert!(
            page.body.contains("data-reversed=\"true\"") && page.body.contains("Возвращено"),
            "{b}: {}",
            page.body
        );
    })
    .await;
}

#[tokio::test]
async fn a_donor_finds_her_donations_and_receipts_on_her_profile() {
    on_every_backend_with(generic, |app| async move {
        let b = app.backend;
        let col = active_collection(&app, "giving.kz").await;
        let donor = token(&app, "aigul@giving.kz").await;
        let someone = token(&app, "other@giving.kz").await;

        // Before giving: the profile links to her list, which says there is nothing yet.
        let page = login(&app, "aigul@giving.kz").await;
        let profile = page.get("/profile").await;
        assert!(
            profile.body.contains("href=\"/me/donations\""),
            "{b}: {}",
            profile.body
        );
        let empty = page
            .get_with("/me/donations", "accept-language", "en")
            .await;
        assert_eq!(empty.status, 200, "{b}: {}", empty.body);
        assert!(
            empty.body.contains("id=\"my-donations-none\""),
            "{b}: {}",
            empty.body
        );

        // She gives by card while signed in: the provider returns her account's reference.
        let u = checkout(&app, &col, &donor, "kk").await;
        let reference = param(&u, "account").unwrap_or_else(|| panic!("{b}: {u}"));
        let payment = param(&u, "payment_id").unwrap();
        let paid = json!({
            "id": "evt_g1", "type": "payment.succeeded", "payment_id": payment,
            "collection_id": col, "amount": 500_000, "currency": "KZT",
            "donor_name": "Айгүл Серікова", "donor_email": "aigul@example.kz",
            "public_name": "Айгүл", "account": reference,
            "occurred_at": "2026-05-03T10:00:00+05:00"
        });
        assert_eq!(
            notify(&app, &paid, SECRET).await.json()["outcome"],
            "recorded",
            "{b}"
        );
        // A donation whose reference was not made for its account is nobody's.
        let other_user = app
            .client()
            .send(Method::GET, "/api/v1/me", None, Some(&someone))
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .replace('-', "");
        let stolen = format!("{other_user}{}", &reference[32..]);
        let forged = json!({
            "id": "evt_g2", "type": "payment.succeeded", "payment_id": "pay_g2",
            "collection_id": col, "amount": 100_000, "currency": "KZT",
            "account": stolen, "occurred_at": "2026-05-03T11:00:00+05:00"
        });
        assert_eq!(
            notify(&app, &forged, SECRET).await.json()["outcome"],
            "recorded",
            "{b}: the money is recorded"
        );

        let mine = app
            .client()
            .send(Method::GET, "/api/v1/me/donations", None, Some(&donor))
            .await
            .json();
        assert_eq!(mine.as_array().map(Vec::len), Some(1), "{b}: {mine}");
        let code = mine[0]["receipt_code"].as_str().unwrap().to_owned();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 5, 3).unwrap();
        for (lang, amount, channel, purpose, title) in [
            (
                "kk",
                "5\u{a0}000\u{a0}₸",
                "Картамен төлеу",
                "Қант диабеті бар балаларға дәрі",
                "Менің қайырмалдықтарым",
            ),
            (
                "ru",
                "5\u{a0}000\u{a0}₸",
                "Оплата картой",
                "Лекарства для детей с диабетом",
                "Мои пожертвования",
            ),
            (
                "en",
                "5,000\u{a0}₸",
                "Card payment",
                "Medicine for children with diabetes",
                "My donations",
            ),
        ] {
            let p = page
                .get_with("/me/donations", "accept-language", lang)
                .await;
            assert_eq!(p.status, 200, "{b} {lang}: {}", p.body);
            assert!(
                p.body.contains(&format!("lang=\"{lang}\"")) && p.body.contains(title),
                "{b} {lang}"
            );
            assert!(
                p.body
                    .contains(&format!("<a href=\"/collections/{col}\">{purpose}</a>")),
                "{b} {lang}: {}",
                p.body
            );
            assert!(
                p.body.contains(&format!("class=\"amount\">{amount}<")),
                "{b} {lang}: {}",
                p.body
            );
            assert!(p.body.contains(channel), "{b} {lang}");
            let lang_code = domain::Lang::parse(lang).unwrap();
            assert!(
                p.body.contains(&domain::format_date(date, lang_code)),
                "{b} {lang}: {}",
                p.body
            );
            assert!(
                p.body.contains(&format!("href=\"/receipts/{code}\""))
                    && p.body.contains(&format!("href=\"/receipts/{code}.pdf\"")),
                "{b} {lang}"
            );
            assert_eq!(
                p.body.matches("data-receipt=").count(),
                1,
                "{b} {lang}: only hers"
            );
            assert!(!p.body.contains("data-reversed"), "{b} {lang}");
        }
        // Her receipt links work.
        let check = page.get(&format!("/receipts/{code}")).await;
        assert!(
            check.status == 200 && check.body.contains(&code),
            "{b}: {}",
            check.body
        );
        let (status, pdf) = page.get_bytes(&format!("/receipts/{code}.pdf")).await;
        assert!(status == 200 && pdf.starts_with(b"%PDF"), "{b}");

        // Nobody else sees it: another donor's list is empty, a stranger is asked to log in.
        let other = login(&app, "other@giving.kz")
            .await
            .get("/me/donations")
            .await;
        assert!(
            other.status == 200
                && other.body.contains("id=\"my-donations-none\"")
                && !other.body.contains(&code),
            "{b}: {}",
            other.body
        );
        let anonymous = app.client().get("/me/donations").await;
        assert_ne!(anonymous.status, 200, "{b}");
        assert!(!anonymous.body.contains(&code), "{b}");

        // Refunded: the card says so.
        let refund = json!({
            "id": "evt_g1r", "type": "payment.refunded", "payment_id": payment,
            "collection_id": col, "amount": 500_000, "currency": "KZT",
            "occurred_at": "2026-05-04T10:00:00+05:00"
        });
        assert_eq!(
            notify(&app, &refund, SECRET).await.json()["outcome"],
            "refunded",
            "{b}"
        );
        let p = page
            .get_with("/me/donations", "accept-language", "kk")
            .await;
        assert!(
            p.body.contains("data-reversed=\"true\"") && p.body.contains("Қайтарылды"),
            "{b}: {}",
            p.body
        );
    })
    .await;
}
