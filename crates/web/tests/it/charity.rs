//! Charitable collections over HTTP, on both databases: a verified organization opens a
//! collection, the front-office registers it, a payment provider's signed notifications
//! record card donations exactly once (forged ones nothing), a treasurer enters a bank
//! transfer once, an expense needs a second person and the money, and the public totals
//! come from the money trail proven at a signed checkpoint.

use reqwest::Method;
use serde_json::{Value, json};

use crate::attendance::{id, login, token, verified_org};
use crate::{PASSWORD, Resp, on_every_backend_with, test_settings};

const SECRET: &str = "whsec-erikti-test-2026";

/// Test settings with the payment `provider`, its shared `secret` and its hosted page.
pub(crate) fn payment_settings(provider: &str, secret: &str, checkout: &str) -> web::Settings {
    web::Settings {
        payments: app::PaymentSettings {
            provider: provider.into(),
            secret: Some(secret.into()),
            checkout_url: Some(checkout.into()),
        },
        ..test_settings()
    }
}

pub(crate) fn settings() -> web::Settings {
    payment_settings("generic", SECRET, "https://pay.example.kz/checkout")
}

/// Posts a notification of the generic format signed with `secret` (as the provider does).
pub(crate) async fn notify(app: &crate::App, body: &Value, secret: &str) -> Resp {
    let bytes = serde_json::to_vec(body).unwrap();
    let sig = domain::charity::webhook::sign(secret.as_bytes(), &bytes);
    let r = app
        .client()
        .http
        .post(format!("{}/api/v1/payments/generic/notify", app.base))
        .header("content-type", "application/json")
        .header("X-Erikti-Signature", format!("sha256={sig}"))
        .body(bytes)
        .send()
        .await
        .unwrap();
    crate::read(r).await
}

fn paid(event: &str, payment: &str, collection: &str, tiyn: i64) -> Value {
    json!({
        "id": event, "type": "payment.succeeded", "payment_id": payment,
        "collection_id": collection, "amount": tiyn, "currency": "KZT",
        "donor_name": "Айгүл Серікова", "donor_email": "aigul@example.kz",
        "public_name": "Айгүл", "occurred_at": "2026-05-03T10:00:00+05:00"
    })
}

pub(crate) fn collection_body(iban: &str, target: &str) -> Value {
    json!({
        "purpose_ru": "Лекарства для детей с диабетом", "purpose_kk": "Қант диабеті бар балаларға дәрі",
        "beneficiary": "children", "target": target, "start_date": "2026-05-01", "end_date": "2026-12-31",
        "iban": iban, "bank_name": "Halyk Bank", "holder_bin": domain::bin_with_check_digit("12054001234").unwrap(),
        "boxes": [{"number": 1, "location": "ТРЦ Мега, 1 этаж"}]
    })
}

/// A bearer token of an existing account with the test password (the front-office made by
/// `verified_org`, or a staff member made by `App::admin`).
pub(crate) async fn admin_token(app: &crate::App, email: &str) -> String {
    app.client()
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": email, "password": PASSWORD}),
            None,
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A collection of `org` opened by `owner` with `body` (by default `collection_body` for
/// 1,000,000 ₸), submitted, registered by its front-office `admin` and activated: its id.
pub(crate) async fn active_collection(
    app: &crate::App,
    org: &str,
    owner: &str,
    admin: &str,
    body: Option<Value>,
) -> String {
    let b = app.backend;
    let c = app.client();
    let body = body.unwrap_or_else(|| collection_body("KZ86125KZT5004100100", "1 000 000"));
    let r = c
        .post_json(
            &format!("/api/v1/organizations/{org}/collections"),
            &body,
            Some(owner),
        )
        .await;
    assert_eq!(r.status, 201, "{b}: {}", r.body);
    let col = id(&r.json());
    let steps = format!("/api/v1/collections/{col}/steps");
    for (step, who) in [
        (json!({"step": "submit"}), owner),
        (
            json!({"step": "register", "number": "KZ-55/2026/71"}),
            admin,
        ),
        (json!({"step": "activate"}), owner),
    ] {
        let r = c.post_json(&steps, &step, Some(who)).await;
        assert_eq!(r.status, 200, "{b}: {step}: {}", r.body);
    }
    col
}

/// `email` invited to `org` by its `owner`, joined and appointed a treasurer: her bearer
/// token.
pub(crate) async fn appoint_treasurer(
    app: &crate::App,
    org: &str,
    owner: &str,
    email: &str,
) -> String {
    let b = app.backend;
    let c = app.client();
    let r = c
        .post_json(
            &format!("/api/v1/organizations/{org}/invitations"),
            &json!({"email": email}),
            Some(owner),
        )
        .await;
    assert_eq!(r.status, 202, "{b}: {}", r.body);
    let treasurer = token(app, email).await;
    let link = app.mailed_link(email, "/invitations/accept?token=").await;
    let t = link.split("token=").nth(1).unwrap();
    assert_eq!(
        c.post_json(
            "/api/v1/invitations/accept",
            &json!({"token": t}),
            Some(&treasurer)
        )
        .await
        .status,
        200,
        "{b}"
    );
    let tid = c
        .send(Method::GET, "/api/v1/me", None, Some(&treasurer))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        c.send(
            Method::PUT,
            &format!("/api/v1/organizations/{org}/treasurers/{tid}"),
            None,
            Some(owner)
        )
        .await
        .status,
        204,
        "{b}"
    );
    treasurer
}

/// A collection as the API shows it to anyone.
pub(crate) async fn collection(app: &crate::App, col: &str) -> Value {
    app.client()
        .send(
            Method::GET,
            &format!("/api/v1/collections/{col}"),
            None,
            None,
        )
        .await
        .json()
}

/// A collection's public page, asked for in `lang`.
pub(crate) async fn public_page(app: &crate::App, col: &str, lang: &str) -> Resp {
    crate::read(
        app.client()
            .http
            .get(format!("{}/collections/{col}", app.base))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn money_in_and_out_of_a_collection_adds_up_and_is_proven() {
    on_every_backend_with(settings, |app| async move {
        let b = app.backend;
        let c = app.client();
        let owner = token(&app, "owner@charity.kz").await;
        let org = verified_org(&app, &owner).await;
        let admin = admin_token(&app, "admin@att.kz").await;
        let open = format!("/api/v1/organizations/{org}/collections");

        // Bad input: a field-level code for each, and nothing stored.
        for (iban, target, field, code) in [
            ("KZ86125KZT5004100100", "-5", "target", "amount_not_positive"),
            ("KZ86125KZT5004100100", "0", "target", "amount_not_positive"),
            ("KZ86125KZT5004100100", "100,005", "target", "amount_fractional_tiyn"),
            ("KZ87125KZT5004100100", "1000000", "iban", "iban_checksum"),
            ("4400 4301 2345 6789", "1000000", "iban", "account_is_card"),
        ] {
            let r = c.post_json(&open, &collection_body(iban, target), Some(&owner)).await;
            assert_eq!(r.status, 422, "{b}: {iban} {target}: {}", r.body);
            assert_eq!(r.json()["error"]["fields"][field]["code"], code, "{b}: {}", r.body);
        }
        let mine = c.send(Method::GET, &open, None, Some(&owner)).await.json();
        assert_eq!(mine.as_array().map(Vec::len), Some(0), "{b}: {mine}");

        let col = id(&c.post_json(&open, &collection_body("KZ86 125K ZT50 0410 0100", "1 000 000"), Some(&owner)).await.json());
        let steps = format!("/api/v1/collections/{col}/steps");
        // A draft is not public; donations wait for the collection to be active.
        assert_eq!(c.send(Method::GET, &format!("/api/v1/collections/{col}"), None, None).await.status, 404, "{b}");
        assert_eq!(c.post_json(&steps, &json!({"step": "submit"}), Some(&owner)).await.json()["status"], "submitted", "{b}");
        let r = c.post_json(&steps, &json!({"step": "register", "number": "KZ-55/17"}), Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str()), (409, Some("collection_forbidden")), "{b}: {}", r.body);
        let queue = c.send(Method::GET, "/api/v1/front-office/KZ-55/collections", None, Some(&admin)).await.json();
        assert_eq!(queue[0]["id"], col, "{b}: {queue}");
        let r = c.post_json(&steps, &json!({"step": "register", "number": " "}), Some(&admin)).await;
        assert_eq!(r.status, 422, "{b}: a registration has its number");
        assert_eq!(c.post_json(&steps, &json!({"step": "register", "number": "KZ-55/17"}), Some(&admin)).await.json()["status"], "registered", "{b}");
        let early = notify(&app, &paid("evt_0", "pay_0", &col, 100_000), SECRET).await;
        assert_eq!((early.status, early.json()["error"]["code"].as_str()), (409, Some("collection_not_active")), "{b}: {}", early.body);
        assert_eq!(c.post_json(&steps, &json!({"step": "activate"}), Some(&owner)).await.json()["status"], "active", "{b}");

        // The provider's notifications: forged ones change nothing, 50 deliveries of one
        // payment at once record it once, a refund before its payment waits.
        let forged = notify(&app, &paid("evt_1", "pay_1", &col, 500_000), "not-the-secret").await;
        assert_eq!((forged.status, forged.json()["error"]["code"].as_str()), (401, Some("signature_invalid")), "{b}");
        let deliveries: Vec<_> = (0..50)
            .map(|_| {
                let base = app.base.clone();
                let body = serde_json::to_vec(&paid("evt_1", "pay_1", &col, 500_000)).unwrap();
                let sig = domain::charity::webhook::sign(SECRET.as_bytes(), &body);
                tokio::spawn(async move {
                    let r = reqwest::Client::new()
                        .post(format!("{base}/api/v1/payments/generic/notify"))
                        .header("X-Erikti-Signature", sig)
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
        assert_eq!(outcomes.iter().filter(|o| *o == "recorded").count(), 1, "{b}: {outcomes:?}");
        let early_refund = json!({"id": "evt_r2", "type": "payment.refunded", "payment_id": "pay_2", "collection_id": col, "amount": 20_000, "currency": "KZT", "occurred_at": "2026-05-03T11:00:00+05:00"});
        let r = notify(&app, &early_refund, SECRET).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str()), (409, Some("payment_unknown")), "{b}: {}", r.body);
        assert_eq!(notify(&app, &paid("evt_2", "pay_2", &col, 20_000), SECRET).await.json()["outcome"], "recorded", "{b}");
        assert_eq!(notify(&app, &early_refund, SECRET).await.json()["outcome"], "refunded", "{b}: delivered again, it reverses");
        assert_eq!(notify(&app, &early_refund, SECRET).await.json()["outcome"], "duplicate", "{b}");

        // The treasurer enters a bank transfer once per bank document.
        let transfer = json!({"amount": "150 000", "channel": "bank_transfer", "date": "2026-05-04", "document": "PP-000017", "donor_name": "ТОО Береке", "public_name": "ТОО «Береке»"});
        let donations = format!("/api/v1/collections/{col}/donations");
        let first = c.post_json(&donations, &transfer, Some(&owner)).await;
        assert_eq!(first.status, 201, "{b}: {}", first.body);
        let again = c.post_json(&donations, &transfer, Some(&owner)).await;
        assert_eq!((again.status, again.json()["duplicate"].as_bool()), (200, Some(true)), "{b}: {}", again.body);
        assert_eq!(again.json()["id"], first.json()["id"], "{b}");
        let volunteer = token(&app, "stranger@charity.kz").await;
        assert_eq!(c.post_json(&donations, &transfer, Some(&volunteer)).await.status, 403, "{b}: only the organization's money people");

        // Donors are public by the name they chose; their identity only for the organization.
        let public = c.send(Method::GET, &donations, None, None).await;
        assert!(!public.body.contains("aigul@example.kz") && !public.body.contains("Серікова"), "{b}: {}", public.body);
        assert!(public.body.contains("\"shown_as\":\"Айгүл\""), "{b}: {}", public.body);
        let private = c.send(Method::GET, &donations, None, Some(&owner)).await;
        assert!(private.body.contains("aigul@example.kz"), "{b}");

        // An expense: a treasurer (a member the owner appoints) submits it with its receipt;
        // she cannot approve her own; the owner approves it; over the balance is refused.
        let treasurer = appoint_treasurer(&app, &org, &owner, "treasurer@charity.kz").await;

        let expenses = format!("/api/v1/collections/{col}/expenses");
        let submit = |amount: &'static str, file: &'static [u8], name: &'static str| {
            let c = app.client();
            let expenses = expenses.clone();
            let treasurer = treasurer.clone();
            async move {
                let (ct, body) = crate::multipart(&[("category", "medical"), ("amount", amount), ("description", "Инсулин, 40 шприц-ручек"), ("spent_on", "2026-05-05"), ("payee_organization", "Аптека №1")], "receipt", file, name, "application/octet-stream");
                crate::read(c.http.post(format!("{}{expenses}", c.base)).bearer_auth(&treasurer).header("content-type", ct).body(body).send().await.unwrap()).await
            }
        };
        let r = submit("100 000", b"MZ\x90\x00 not a receipt", "receipt.exe").await;
        assert_eq!((r.status, r.json()["error"]["fields"]["receipt"]["code"].as_str()), (422, Some("receipt_not_document")), "{b}: {}", r.body);
        let e = id(&submit("100 000", b"%PDF-1.4\n% receipt\n", "receipt.pdf").await.json());
        let r = c.post_json(&format!("/api/v1/expenses/{e}/approve"), &json!({}), Some(&treasurer)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str()), (403, Some("expense_four_eyes")), "{b}: {}", r.body);
        assert_eq!(c.post_json(&format!("/api/v1/expenses/{e}/approve"), &json!({}), Some(&owner)).await.status, 204, "{b}");
        let big = id(&submit("1 000 000", b"%PDF-1.4\n% big\n", "big.pdf").await.json());
        let r = c.post_json(&format!("/api/v1/expenses/{big}/approve"), &json!({}), Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str()), (409, Some("expense_over_balance")), "{b}: {}", r.body);
        let public = c.send(Method::GET, &expenses, None, None).await.json();
        assert_eq!(public.as_array().map(Vec::len), Some(1), "{b}: only approved expenses are public: {public}");
        let receipt = c.send(Method::GET, &format!("/api/v1/expenses/{e}/receipt"), None, None).await;
        assert!(receipt.status == 200 && receipt.body.starts_with("%PDF"), "{b}");

        // The totals a stranger sees come from the trail at a signed checkpoint.
        app::transparency::checkpoint(&app.state).await.unwrap();
        let shown = c.send(Method::GET, &format!("/api/v1/collections/{col}"), None, None).await.json();
        let proven = &shown["proven"];
        // Raised 5,000 ₸ + 200 ₸ (refunded) + 150,000 ₸; spent 100,000 ₸ (in tiyn).
        assert_eq!((proven["raised"].as_i64(), proven["reversed"].as_i64(), proven["spent"].as_i64(), proven["remainder"].as_i64()), (Some(15_520_000), Some(20_000), Some(10_000_000), Some(5_500_000)), "{b}: {shown}");
        assert_eq!((shown["remainder_tiyn"].as_i64(), proven["donations"].as_i64()), (Some(5_500_000), Some(2)), "{b}: the counters agree");
        assert!(proven["checkpoint"].as_u64().unwrap() >= 5, "{b}");
        let trail = c.send(Method::GET, &format!("/api/v1/collections/{col}/trail?proofs=true"), None, None).await.json();
        assert_eq!(trail["entries"].as_array().map(Vec::len), Some(5), "{b}: {trail}");
        assert!(trail["checkpoint"].as_str().unwrap().contains('\u{2014}'), "{b}: a signed note");
        assert!(!trail.to_string().contains("Серікова"), "{b}: no personal data in the trail");
        // Each entry proves itself against the checkpoint's root.
        let note = trail["checkpoint"].as_str().unwrap();
        let size: u64 = note.lines().nth(1).unwrap().parse().unwrap();
        let root = note.lines().nth(2).unwrap();
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        for e in trail["entries"].as_array().unwrap() {
            let leaf = domain::tlog::leaf_hash(&b64.decode(e["entry"].as_str().unwrap()).unwrap());
            let proof: Vec<domain::tlog::Hash> = e["proof"].as_array().unwrap().iter().map(|h| domain::tlog::hash_from_b64(h.as_str().unwrap()).unwrap()).collect();
            assert!(domain::tlog::check_inclusion(&proof, size, domain::tlog::hash_from_b64(root).unwrap(), e["leaf"].as_u64().unwrap(), leaf).is_ok(), "{b}: {e}");
        }

        // The card donor got her receipt: its public check names no one, its PDF names her.
        let mail = crate::attendance::mails_to(&app, "aigul@example.kz").await;
        let receipt_mail = mail.iter().find(|m| m.kind == "donation_receipt").unwrap_or_else(|| panic!("{b}: no receipt mailed"));
        let code = receipt_mail.body_text.split("/receipts/").nth(1).unwrap().split_whitespace().next().unwrap().trim_end_matches(".pdf").to_owned();
        assert_eq!(mail.iter().filter(|m| m.kind == "donation_receipt").count(), 2, "{b}: one per payment, none for duplicates");
        let check = c.send(Method::GET, &format!("/api/v1/receipts/{code}"), None, None).await;
        assert_eq!(check.status, 200, "{b}: {}", check.body);
        assert!(!check.body.contains("Серікова") && check.json()["leaf"].is_u64(), "{b}: {}", check.body);
        let page = app.client().get(&format!("/receipts/{code}")).await;
        assert!(page.status == 200 && page.body.contains("id=\"receipt-status\""), "{b}");
        let pdf = app.client().http.get(format!("{}/receipts/{code}.pdf", app.base)).send().await.unwrap().bytes().await.unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{b}");
        if let Some(text) = crate::pdf_text(&pdf) {
            assert!(text.contains("Айгүл Серікова") && text.contains(&code), "{b}: {text}");
        }
        assert_eq!(c.send(Method::GET, "/api/v1/receipts/NOPE-NOPE-NOPE", None, None).await.status, 404, "{b}");

        // Closing and the report.
        assert_eq!(c.post_json(&steps, &json!({"step": "close"}), Some(&owner)).await.json()["status"], "closed", "{b}");
        let late = notify(&app, &paid("evt_9", "pay_9", &col, 10_000), SECRET).await;
        assert_eq!((late.status, late.json()["error"]["code"].as_str()), (409, Some("collection_not_active")), "{b}");
        let r = c.post_json(&steps, &json!({"step": "report", "report": "Собрано 155 000 ₸, потрачено 100 000 ₸ на инсулин; остаток 55 000 ₸ передан в фонд «Дети»."}), Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["fields"]["remainder_use"]["code"].as_str()), (422, Some("required")), "{b}: the report says what happens to the remainder: {}", r.body);
        let r = c.post_json(&steps, &json!({"step": "report", "remainder_use": "moved_to_collection", "report": "Собрано 155 000 ₸, потрачено 100 000 ₸ на инсулин; остаток 55 000 ₸ передан в фонд «Дети»."}), Some(&owner)).await;
        assert_eq!(r.json()["status"], "reported", "{b}: {}", r.body);
        let shown = c.send(Method::GET, &format!("/api/v1/collections/{col}"), None, None).await.json();
        assert!(shown["report"].as_str().unwrap().contains("инсулин"), "{b}");
    })
    .await;
}

#[tokio::test]
async fn the_pages_of_a_collection_in_three_languages() {
    on_every_backend_with(settings, |app| async move {
        let b = app.backend;
        let api = app.client();
        let owner = token(&app, "owner@pages.kz").await;
        let org = verified_org(&app, &owner).await;
        let page = login(&app, "owner@pages.kz").await;

        // The form: a wrong check digit is said next to the field, in the page's language.
        let form = crate::read(
            page.http
                .get(format!("{}/organizations/{org}/collections/new", page.base))
                .header("accept-language", "ru")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(form.status, 200, "{b}: {}", form.body);
        let csrf = crate::csrf_of(&form.body);
        let fields = |iban: &'static str| {
            vec![
                ("_csrf", csrf.clone()),
                ("purpose_ru", "Тёплая одежда для детского дома".to_owned()),
                ("beneficiary", "children".to_owned()),
                ("target", "500 000".to_owned()),
                ("start_date", "2026-05-01".to_owned()),
                ("end_date", "2026-12-31".to_owned()),
                ("iban", iban.to_owned()),
                ("bank_name", "Kaspi Bank".to_owned()),
                (
                    "holder_bin",
                    domain::bin_with_check_digit("12054001234").unwrap(),
                ),
                ("box_location", "Школа №5, вестибюль".to_owned()),
            ]
        };
        let as_refs = |v: &Vec<(&'static str, String)>| {
            v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
        };
        let bad = as_refs(&fields("KZ87125KZT5004100100"));
        let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = crate::read(
            page.http
                .post(format!("{}/organizations/{org}/collections", page.base))
                .header("accept-language", "ru")
                .form(&bad)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, 422, "{b}: {}", r.body);
        assert!(r.body.contains("lang=\"ru\""), "{b}: in Russian");
        assert!(
            r.body.contains("id=\"iban-error\"") && r.body.contains("aria-invalid=\"true\""),
            "{b}: {}",
            r.body
        );
        assert!(
            r.body.contains("Тёплая одежда"),
            "{b}: what was typed is kept"
        );
        let good = as_refs(&fields("KZ86125KZT5004100100"));
        let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = page
            .submit(&format!("/organizations/{org}/collections"), &good)
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let manage = r.location().to_owned();
        let col = manage
            .trim_start_matches("/collections/")
            .trim_end_matches("/manage")
            .to_owned();

        // The steps are buttons on the manage page; the front-office registers on its own.
        let m = page.get(&manage).await;
        assert!(m.body.contains("id=\"step-submit\""), "{b}: {}", m.body);
        let csrf = crate::csrf_of(&m.body);
        let r = page
            .submit(
                &format!("/collections/{col}/step"),
                &[("_csrf", &csrf), ("step", "submit")],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let admin = login(&app, "admin@att.kz").await;
        let queue = admin.get("/front-office/KZ-55/collections").await;
        assert!(queue.body.contains(&col), "{b}: {}", queue.body);
        let m = admin.get(&manage).await;
        assert!(
            m.body.contains("id=\"step-register\"") && !m.body.contains("id=\"step-submit\""),
            "{b}"
        );
        let csrf = crate::csrf_of(&m.body);
        assert_eq!(
            admin
                .submit(
                    &format!("/collections/{col}/step"),
                    &[
                        ("_csrf", &csrf),
                        ("step", "register"),
                        ("number", "KZ-55/2026/44")
                    ]
                )
                .await
                .status,
            303,
            "{b}"
        );
        let m = page.get(&manage).await;
        let csrf = crate::csrf_of(&m.body);
        assert_eq!(
            page.submit(
                &format!("/collections/{col}/step"),
                &[("_csrf", &csrf), ("step", "activate")]
            )
            .await
            .status,
            303,
            "{b}"
        );

        // A donation entered on the page, then the public page in each language.
        let m = page.get(&manage).await;
        assert!(m.body.contains("id=\"donation-form\""), "{b}");
        let csrf = crate::csrf_of(&m.body);
        let r = page
            .submit(
                &format!("/collections/{col}/donation"),
                &[
                    ("_csrf", &csrf),
                    ("channel", "bank_transfer"),
                    ("amount", "25 000"),
                    ("date", "2026-05-02"),
                    ("document", "PP-1"),
                    ("donor_name", "Сауле Нурланова"),
                    ("public_name", ""),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let r = page
            .submit(
                &format!("/collections/{col}/donation"),
                &[
                    ("_csrf", &csrf),
                    ("channel", "bank_transfer"),
                    ("amount", "-3"),
                    ("date", "2026-05-02"),
                    ("document", "PP-2"),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{b}: a negative amount is refused in words");
        app::transparency::checkpoint(&app.state).await.unwrap();
        for (lang, anonymous, raised) in [
            ("kk", "Аноним", "25\u{a0}000\u{a0}₸"),
            ("ru", "Аноним", "25\u{a0}000\u{a0}₸"),
            ("en", "Anonymous", "25,000\u{a0}₸"),
        ] {
            let p = public_page(&app, &col, lang).await;
            assert_eq!(p.status, 200, "{b} {lang}: {}", p.body);
            assert!(
                p.body.contains(anonymous) && !p.body.contains("Нурланова"),
                "{b} {lang}: the donor is not public"
            );
            assert!(
                p.body.contains(&format!("id=\"raised\">{raised}")),
                "{b} {lang}: {}",
                p.body
            );
            assert!(
                p.body.contains("<svg role=\"img\""),
                "{b} {lang}: the QR code"
            );
            assert!(
                p.body.contains("id=\"give-title\""),
                "{b} {lang}: giving by card is offered"
            );
            assert!(p.body.contains("id=\"proven\""), "{b} {lang}");
        }
        let dir = app.client().get("/collections?region=KZ-55").await;
        assert!(dir.body.contains(&col), "{b}: {}", dir.body);

        // Anyone may report a concern; it waits in the region's front-office list until handled.
        let visitor = app.client();
        let p = visitor.get(&format!("/collections/{col}")).await;
        let csrf = crate::csrf_of(&p.body);
        let r = visitor
            .submit(
                &format!("/collections/{col}/concern"),
                &[("_csrf", &csrf), ("text", " ")],
            )
            .await;
        assert_eq!(r.status, 422, "{b}: a concern says what");
        let r = visitor
            .submit(
                &format!("/collections/{col}/concern"),
                &[
                    ("_csrf", &csrf),
                    ("text", "На коробке нет номера"),
                    ("contact", "+7 701 000 0000"),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{b}: {}", r.body);
        let queue = admin.get("/front-office/KZ-55/collections").await;
        assert!(
            queue.body.contains("На коробке нет номера"),
            "{b}: {}",
            queue.body
        );
        let id = queue
            .body
            .split("/concerns/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let csrf = crate::csrf_of(&queue.body);
        assert_eq!(
            admin
                .submit(&format!("/concerns/{id}/close"), &[("_csrf", &csrf)])
                .await
                .status,
            303,
            "{b}"
        );
        assert!(
            !admin
                .get("/front-office/KZ-55/collections")
                .await
                .body
                .contains("На коробке нет номера"),
            "{b}"
        );
        let own = crate::csrf_of(&page.get(&manage).await.body);
        assert_eq!(
            page.submit(&format!("/concerns/{id}/close"), &[("_csrf", &own)])
                .await
                .status,
            403,
            "{b}: only the front-office"
        );
        let _ = api;
    })
    .await;
}
