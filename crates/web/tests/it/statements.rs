//! The bank statement import over HTTP, on both databases: a treasurer uploads her
//! account's statement in Windows-1251 through the pages, sees the columns recognised and
//! what recording would do, records it (each transfer to its collection once), assigns the
//! transfer that named no collection by hand; the malformed row is refused in words in
//! every language, and the API answers with stable codes.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use crate::attendance::{id, login, token, verified_org};
use crate::charity::{active_collection, admin_token, appoint_treasurer, collection, public_page};
use crate::{Resp, on_every_backend};

/// Text in Windows-1251, as older bank software writes it (ASCII and Russian letters).
fn cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c as u8,
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            '№' => 0xB9,
            other => panic!("{other} is not in this test's Windows-1251"),
        })
        .collect()
}

/// How askama writes text into a page.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Posts a statement from a signed-in page client (with the list page's CSRF token).
async fn upload_page(c: &crate::Client, org: &str, name: &str, file: &[u8]) -> Resp {
    let page = c.get(&format!("/organizations/{org}/statements")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = crate::csrf_of(&page.body);
    let (ct, body) = crate::multipart(&[("_csrf", &csrf)], "file", file, name, "text/csv");
    crate::read(
        c.http
            .post(format!("{}/organizations/{org}/statements", c.base))
            .header("content-type", ct)
            .body(body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn api_upload(app: &crate::App, bearer: &str, org: &str, file: &[u8]) -> Resp {
    let (ct, body) = crate::multipart(&[], "file", file, "statement.csv", "text/csv");
    crate::read(
        app.client()
            .http
            .post(format!(
                "{}/api/v1/organizations/{org}/statements",
                app.base
            ))
            .bearer_auth(bearer)
            .header("content-type", ct)
            .body(body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Waits until a statement is recorded; its final state.
async fn recorded(app: &crate::App, bearer: &str, org: &str, id: &str) -> Value {
    for _ in 0..200 {
        let r = app
            .client()
            .send(
                Method::GET,
                &format!("/api/v1/organizations/{org}/statements/{id}"),
                None,
                Some(bearer),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        if r.json()["status"] == "applied" {
            return r.json();
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the statement was not recorded in 5 s");
}

/// The raised amount on a collection's public page, in `lang`, at a new checkpoint.
async fn raised(app: &crate::App, col: &str, lang: &str) -> String {
    app::transparency::checkpoint(&app.state).await.unwrap();
    let p = public_page(app, col, lang).await;
    assert_eq!(p.status, 200, "{}", p.body);
    p.body
        .split("id=\"raised\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_treasurer_imports_her_bank_statement() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let owner = token(&app, "owner@vypiska.kz").await;
        let org = verified_org(&app, &owner).await;
        let admin = admin_token(&app, "admin@att.kz").await;
        let col = active_collection(&app, &org, &owner, &admin, None).await;

        // The owner appoints a treasurer among the members.
        let treasurer = appoint_treasurer(&app, &org, &owner, "treasurer@vypiska.kz").await;

        // The collection shows the reference donors write in a transfer's purpose.
        let shown = collection(&app, &col).await;
        let reference = shown["transfer_reference"].as_str().unwrap().to_owned();
        assert!(reference.starts_with("ERK-"), "{b}: {shown}");
        let page = login(&app, "treasurer@vypiska.kz").await;
        let manage = page.get(&format!("/collections/{col}/manage")).await;
        assert!(
            manage.body.contains(&reference) && manage.body.contains("id=\"statements-link\""),
            "{b}: {}",
            manage.body
        );

        // Her bank's export: Windows-1251, a line above the header, a debit, a transfer
        // naming no collection and a row whose cells do not line up with the header.
        let csv = format!(
            "Выписка по счёту KZ86125KZT5004100100;;;;;\r\n\
             Референс;Дата;Дебет;Кредит;Плательщик;Назначение платежа\r\n\
             TX-001;03.05.2026;;150 000,00;ТОО Береке;Благотворительный взнос {reference}\r\n\
             TX-002;04.05.2026;;25 000,50;Иванов Иван;Помощь детям, сбор {}\r\n\
             TX-003;05.05.2026;;10 000,00;Петров Пётр;Пожертвование\r\n\
             TX-004;05.05.2026;;5 000,00;Сидоров;Помощь;лишняя ячейка\r\n\
             TX-005;06.05.2026;3 000,00;;;Комиссия банка\r\n",
            reference.to_lowercase().replace("erk", "ерк")
        );
        let file = cp1251(&csv);
        assert!(std::str::from_utf8(&file).is_err(), "not UTF-8");
        let r = upload_page(&page, &org, "vypiska.csv", &file).await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let at = r.location().to_owned();

        // The preview: columns recognised, nothing recorded yet, the bad row in every language.
        for lang in ["kk", "ru", "en"] {
            let p = page.get_with(&at, "accept-language", lang).await;
            assert_eq!(p.status, 200, "{b} {lang}: {}", p.body);
            assert!(p.body.contains(&format!("lang=\"{lang}\"")), "{b} {lang}");
            assert!(
                p.body.contains("data-status=\"preview\"") && p.body.contains("windows-1251"),
                "{b} {lang}"
            );
            assert!(
                p.body
                    .contains("<option value=\"0\" selected>1. Референс</option>"),
                "{b} {lang}: {}",
                p.body
            );
            assert!(
                p.body
                    .contains("<option value=\"3\" selected>4. Кредит</option>"),
                "{b} {lang}"
            );
            for (count, n) in [
                ("count-donations", 2),
                ("count-waiting", 1),
                ("count-debits", 1),
                ("count-refused", 1),
            ] {
                assert!(
                    p.body.contains(&format!("id=\"{count}\">{n}<")),
                    "{b} {lang}: {count}"
                );
            }
            let unreadable = app::i18n::t(
                domain::Lang::parse(lang).unwrap(),
                "statement_row_unreadable",
            );
            let card = p
                .body
                .split("data-line=\"6\"")
                .nth(1)
                .unwrap_or_else(|| panic!("{b} {lang}: no card for line 6"));
            assert!(
                card.split("</li>")
                    .next()
                    .unwrap()
                    .contains(&escaped(&unreadable)),
                "{b} {lang}: {card}"
            );
            assert!(p.body.contains("data-transaction=\"TX-002\""), "{b} {lang}");
        }
        assert_eq!(
            raised(&app, &col, "ru").await,
            "0\u{a0}₸",
            "{b}: nothing recorded by a preview"
        );

        // A required column left out is said next to its field; the columns stay as they were.
        let p = page.get(&at).await;
        let csrf = crate::csrf_of(&p.body);
        let mapping = format!("{at}/mapping");
        let fields = |tx: &'static str| {
            vec![
                ("_csrf", csrf.clone()),
                ("header", "2".into()),
                ("transaction_id", tx.into()),
                ("date", "1".into()),
                ("debit", "2".into()),
                ("credit", "3".into()),
                ("payer", "4".into()),
                ("purpose", "5".into()),
                ("account", String::new()),
            ]
        };
        let bad: Vec<(&str, String)> = fields("");
        let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = page.submit(&mapping, &bad).await;
        assert_eq!(r.status, 422, "{b}: {}", r.body);
        assert!(
            r.body.contains("id=\"map-transaction_id-error\""),
            "{b}: {}",
            r.body
        );
        let good: Vec<(&str, String)> = fields("0");
        let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(page.submit(&mapping, &good).await.status, 303, "{b}");

        // Recording: in the background, with a progress bar that reloads itself.
        let r = page
            .submit(&format!("{at}/apply"), &[("_csrf", &csrf)])
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let mut done = String::new();
        for _ in 0..200 {
            let p = page.get(&at).await;
            if p.body.contains("data-status=\"applying\"") {
                assert!(
                    p.body.contains("<progress id=\"statement-progress\"")
                        && p.body.contains("http-equiv=\"refresh\""),
                    "{b}"
                );
            }
            if p.body.contains("data-status=\"applied\"") {
                done = p.body;
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        assert!(
            done.contains("id=\"count-recorded\">2<") && done.contains("id=\"count-unmatched\">1<"),
            "{b}: {done}"
        );
        for (lang, amount) in [
            ("ru", "175\u{a0}000,50\u{a0}₸"),
            ("en", "175,000.50\u{a0}₸"),
        ] {
            assert_eq!(raised(&app, &col, lang).await, amount, "{b} {lang}");
        }

        // The transfer that named no collection waits; assigned by hand, it is recorded once.
        let w = page
            .get(&format!("/organizations/{org}/statements/waiting"))
            .await;
        assert!(
            w.body.contains("data-transaction=\"TX-003\"")
                && !w.body.contains("data-transaction=\"TX-001\""),
            "{b}: {}",
            w.body
        );
        let csrf = crate::csrf_of(&w.body);
        let waiting = format!("/organizations/{org}/statements/waiting");
        let r = page
            .submit(
                &waiting,
                &[
                    ("_csrf", &csrf),
                    ("transaction", "TX-003"),
                    ("collection", "not-a-collection"),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{b}: {}", r.body);
        assert!(r.body.contains("id=\"assign-0-error\""), "{b}: {}", r.body);
        let r = page
            .submit(
                &waiting,
                &[
                    ("_csrf", &csrf),
                    ("transaction", "TX-003"),
                    ("collection", &col),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        assert!(
            page.get(&waiting)
                .await
                .body
                .contains("id=\"waiting-empty\""),
            "{b}"
        );
        assert_eq!(
            raised(&app, &col, "ru").await,
            "185\u{a0}000,50\u{a0}₸",
            "{b}"
        );
        let again = c
            .post_json(
                &format!("/api/v1/organizations/{org}/statements/waiting"),
                &json!({"transaction_id": "TX-003", "collection_id": col}),
                Some(&treasurer),
            )
            .await;
        assert_eq!(
            (again.status, again.json()["error"]["code"].as_str()),
            (409, Some("statement_row_assigned")),
            "{b}: {}",
            again.body
        );

        // The same statement uploaded again through the API: everything is known, nothing
        // is recorded twice.
        let r = api_upload(&app, &treasurer, &org, &file).await;
        assert_eq!(r.status, 201, "{b}: {}", r.body);
        let s = r.json();
        assert_eq!(
            (s["encoding"].as_str(), s["mapping"]["header_line"].as_u64()),
            (Some("windows-1251"), Some(2)),
            "{b}: {s}"
        );
        assert_eq!(
            s["outlook"],
            json!({"donations": 0, "waiting": 0, "known": 3}),
            "{b}: {s}"
        );
        let bad_row = s["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["line"] == 6)
            .unwrap_or_else(|| panic!("{b}: {s}"));
        assert_eq!(bad_row["code"], "statement_row_unreadable", "{b}");
        let again = id(&s);
        let apply = format!("/api/v1/organizations/{org}/statements/{again}/apply");
        assert_eq!(
            c.post_json(&apply, &json!({}), Some(&treasurer))
                .await
                .status,
            202,
            "{b}"
        );
        let done = recorded(&app, &treasurer, &org, &again).await;
        assert_eq!(
            (
                done["recorded_rows"].as_i64(),
                done["duplicate_rows"].as_i64(),
                done["waiting_rows"].as_i64()
            ),
            (Some(0), Some(3), Some(0)),
            "{b}: {done}"
        );
        let r = c.post_json(&apply, &json!({}), Some(&treasurer)).await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (409, Some("statement_not_preview")),
            "{b}: {}",
            r.body
        );
        assert_eq!(
            raised(&app, &col, "ru").await,
            "185\u{a0}000,50\u{a0}₸",
            "{b}: once"
        );
        let donations = c
            .send(
                Method::GET,
                &format!("/api/v1/collections/{col}/donations"),
                None,
                None,
            )
            .await
            .json();
        assert_eq!(
            donations.as_array().map(Vec::len),
            Some(3),
            "{b}: {donations}"
        );
        assert!(
            !donations.to_string().contains("Береке"),
            "{b}: the payer is not public"
        );

        // Stable codes: an unreadable file, a column the file does not have, a stranger.
        let r = api_upload(
            &app,
            &treasurer,
            &org,
            b"PK\x03\x04\x00\x00 not a statement",
        )
        .await;
        assert_eq!(
            (
                r.status,
                r.json()["error"]["fields"]["file"]["code"].as_str()
            ),
            (422, Some("statement_unreadable")),
            "{b}: {}",
            r.body
        );
        let r = api_upload(
            &app,
            &treasurer,
            &org,
            &cp1251("Референс;Дата;Кредит\r\nA-1;01.05.2026;100\r\n"),
        )
        .await;
        let fresh = id(&r.json());
        let remap = format!("/api/v1/organizations/{org}/statements/{fresh}/mapping");
        let r = c
            .send(
                Method::PUT,
                &remap,
                Some(&json!({"header_line": 1, "transaction_id": 0, "date": 1, "credit": 9})),
                Some(&treasurer),
            )
            .await;
        assert_eq!(
            (
                r.status,
                r.json()["error"]["fields"]["credit"]["code"].as_str()
            ),
            (422, Some("choice_unknown")),
            "{b}: {}",
            r.body
        );
        let r = c
            .send(
                Method::PUT,
                &remap,
                Some(&json!({"header_line": 1, "transaction_id": 0, "date": 1, "credit": 2})),
                Some(&treasurer),
            )
            .await;
        assert_eq!(
            (r.status, r.json()["outlook"]["waiting"].as_i64()),
            (200, Some(1)),
            "{b}: {}",
            r.body
        );
        let discard = format!("/api/v1/organizations/{org}/statements/{fresh}/discard");
        assert_eq!(
            c.post_json(&discard, &json!({}), Some(&treasurer))
                .await
                .status,
            204,
            "{b}"
        );
        let stranger = token(&app, "stranger@vypiska.kz").await;
        let r = api_upload(&app, &stranger, &org, &file).await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (403, Some("forbidden")),
            "{b}: {}",
            r.body
        );
        let r = c
            .send(
                Method::GET,
                &format!(
                    "/api/v1/organizations/{org}/statements/{}",
                    uuid::Uuid::now_v7()
                ),
                None,
                Some(&treasurer),
            )
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (404, Some("not_found")),
            "{b}"
        );
        let list = c
            .send(
                Method::GET,
                &format!("/api/v1/organizations/{org}/statements"),
                None,
                Some(&treasurer),
            )
            .await
            .json();
        assert_eq!(list.as_array().map(Vec::len), Some(3), "{b}: {list}");
        let page_list = page.get(&format!("/organizations/{org}/statements")).await;
        assert!(page_list.body.contains("vypiska.csv"), "{b}");
    })
    .await;
}
