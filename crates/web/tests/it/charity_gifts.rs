//! Gifts in kind and the closing report over HTTP, on both databases: a treasurer's gift
//! with its photo and handover act from the manage page (a photo that is not an image is
//! refused next to its field in kk, ru and en, and nothing is kept), the gift on the public
//! page with its thumbnail and its value marked as an estimate (never money raised), the
//! act for the organization only; the closing report published from the manage page with
//! the figures of the log at its checkpoint; and its reminders, each sent once even when
//! two passes of the scheduler meet.

use reqwest::Method;
use serde_json::json;

use crate::attendance::{login, mails_to, token, verified_org};
use crate::charity::{
    active_collection, admin_token, appoint_treasurer, collection, collection_body, public_page,
    settings,
};
use crate::{Resp, on_every_backend_with};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01 a photo";
const PDF: &[u8] = b"%PDF-1.7\n% handover act no. 14, signed by both\n";

/// A multipart body of text fields and files (field, file name, bytes); (content type, body).
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "erikti-gift-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (field, name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn a_gift_in_kind_and_the_closing_report_on_the_pages() {
    on_every_backend_with(settings, |app| async move {
        let b = app.backend;
        let c = app.client();
        let owner = token(&app, "owner@gifts.kz").await;
        let org = verified_org(&app, &owner).await;
        let admin = admin_token(&app, "admin@att.kz").await;
        let col = active_collection(&app, &org, &owner, &admin, None).await;
        let page = login(&app, "owner@gifts.kz").await;
        let manage = format!("/collections/{col}/manage");
        let m = page.get(&manage).await;
        assert!(
            m.body.contains("id=\"gift-form\"")
                && m.body.contains("enctype=\"multipart/form-data\""),
            "{b}: {}",
            m.body
        );
        assert!(
            m.body.contains("name=\"photos\"") && m.body.contains(" multiple"),
            "{b}"
        );
        assert!(
            !m.body.contains("id=\"step-report\""),
            "{b}: no report while collecting"
        );
        let csrf = crate::csrf_of(&m.body);
        let gift = |lang: &'static str, photo: &'static [u8]| {
            let page = &page;
            let csrf = csrf.clone();
            let col = col.clone();
            async move {
                let (ct, body) = multipart(
                    &[
                        ("_csrf", &csrf),
                        ("items", "Зимние куртки для детей"),
                        ("quantity", "12"),
                        ("unit", "piece"),
                        ("condition", "new"),
                        ("estimate", "180 000"),
                        ("date", "2026-05-04"),
                        ("donor_name", "ИП Сейтказиев"),
                        ("public_name", ""),
                    ],
                    &[("photos", "coat.png", photo), ("act", "act-14.pdf", PDF)],
                );
                crate::read(
                    page.http
                        .post(format!("{}/collections/{col}/in-kind", page.base))
                        .header("accept-language", lang)
                        .header("content-type", ct)
                        .body(body)
                        .send()
                        .await
                        .unwrap(),
                )
                .await
            }
        };

        // A photo that is not an image: said next to the field in the page's language, what
        // was typed kept, nothing recorded.
        for (lang, message) in [
            ("kk", "PNG, JPEG немесе WebP суретін пайдаланыңыз."),
            ("ru", "Используйте изображение PNG, JPEG или WebP."),
            ("en", "Use a PNG, JPEG or WebP image."),
        ] {
            let r = gift(lang, b"%PDF-1.4\n% a document, not a photo\n").await;
            assert_eq!(r.status, 422, "{b} {lang}: {}", r.body);
            assert!(r.body.contains(&format!("lang=\"{lang}\"")), "{b} {lang}");
            assert!(
                r.body.contains("id=\"gift-photos-error\""),
                "{b} {lang}: {}",
                r.body
            );
            assert!(r.body.contains(message), "{b} {lang}: {}", r.body);
            assert!(r.body.contains("aria-invalid=\"true\""), "{b} {lang}");
            assert!(
                r.body.contains("value=\"Зимние куртки для детей\""),
                "{b} {lang}: kept"
            );
        }
        let r = gift("ru", b"<html><script>alert(1)</script></html>").await;
        assert_eq!(r.status, 422, "{b}: a page is no photo either");
        let shown = collection(&app, &col).await;
        assert_eq!(
            shown["donations"].as_i64(),
            Some(0),
            "{b}: nothing recorded: {shown}"
        );
        let gifts = c
            .send(
                Method::GET,
                &format!("/api/v1/collections/{col}/in-kind"),
                None,
                None,
            )
            .await
            .json();
        assert_eq!(gifts.as_array().map(Vec::len), Some(0), "{b}: {gifts}");

        // The gift with its photo and act.
        let r = gift("ru", PNG).await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        assert_eq!(r.location(), manage, "{b}");
        let gifts = c
            .send(
                Method::GET,
                &format!("/api/v1/collections/{col}/in-kind"),
                None,
                None,
            )
            .await
            .json();
        let g = &gifts[0];
        assert_eq!(
            (
                g["estimate_tiyn"].as_i64(),
                g["quantity"].as_str(),
                g["unit"].as_str()
            ),
            (Some(18_000_000), Some("12"), Some("piece")),
            "{b}: {gifts}"
        );
        assert!(
            g["act_url"].is_null() && g["donor_name"].is_null() && g["shown_as"].is_null(),
            "{b}: the act and the donor are not public: {g}"
        );
        let gid = g["id"].as_str().unwrap().to_owned();
        let private = c
            .send(
                Method::GET,
                &format!("/api/v1/collections/{col}/in-kind"),
                None,
                Some(&owner),
            )
            .await
            .json();
        assert_eq!(private[0]["donor_name"], "ИП Сейтказиев", "{b}: {private}");
        assert_eq!(
            private[0]["act_url"],
            format!("/api/v1/donations/{gid}/act"),
            "{b}"
        );
        // The photo for everyone, the act for the organization only.
        let photo = app
            .client()
            .http
            .get(format!("{}/donations/{gid}/photos/0", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(photo.status(), 200, "{b}");
        assert_eq!(photo.headers()["content-type"], "image/png", "{b}");
        assert_eq!(photo.bytes().await.unwrap().as_ref(), PNG, "{b}");
        assert_eq!(
            app.client()
                .get(&format!("/donations/{gid}/photos/1"))
                .await
                .status,
            404,
            "{b}"
        );
        assert_eq!(
            app.client()
                .get(&format!("/donations/{gid}/act"))
                .await
                .status,
            404,
            "{b}: not public"
        );
        let stranger = token(&app, "stranger@gifts.kz").await;
        assert_eq!(
            c.send(
                Method::GET,
                &format!("/api/v1/donations/{gid}/act"),
                None,
                Some(&stranger)
            )
            .await
            .status,
            404,
            "{b}"
        );
        let act = page
            .http
            .get(format!("{}/donations/{gid}/act", page.base))
            .send()
            .await
            .unwrap();
        assert_eq!(act.status(), 200, "{b}");
        assert_eq!(act.bytes().await.unwrap().as_ref(), PDF, "{b}");
        let m = page.get(&manage).await;
        assert!(
            m.body.contains(&format!("href=\"/donations/{gid}/act\""))
                && m.body.contains("ИП Сейтказиев"),
            "{b}"
        );

        // Closed, the report waits for the gift to be in a signed checkpoint.
        let csrf = crate::csrf_of(&m.body);
        let r = page
            .submit(
                &format!("/collections/{col}/step"),
                &[("_csrf", &csrf), ("step", "close")],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let report = json!({"remainder_use": "kept_for_purpose", "remainder_text": "Остатка нет."});
        let r = c
            .post_json(
                &format!("/api/v1/collections/{col}/report"),
                &report,
                Some(&owner),
            )
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (409, Some("report_entries_pending")),
            "{b}: {}",
            r.body
        );
        app::transparency::checkpoint(&app.state).await.unwrap();

        // The public page: the gift with its thumbnail, its value an estimate apart from money.
        let p: Resp = public_page(&app, &col, "ru").await;
        assert_eq!(p.status, 200, "{b}: {}", p.body);
        assert!(
            p.body.contains("id=\"gifts\"") && p.body.contains("Зимние куртки для детей"),
            "{b}: {}",
            p.body
        );
        assert!(
            p.body.contains("12 шт.") && p.body.contains("Новое"),
            "{b}: {}",
            p.body
        );
        assert!(
            p.body
                .contains(&format!("<img src=\"/donations/{gid}/photos/0\"")),
            "{b}: the thumbnail"
        );
        assert!(
            p.body
                .contains("180\u{a0}000\u{a0}₸ <span class=\"badge\">оценочная стоимость</span>"),
            "{b}: an estimate: {}",
            p.body
        );
        assert!(
            p.body.contains("id=\"raised\">0\u{a0}₸"),
            "{b}: goods are not money raised: {}",
            p.body
        );
        assert!(
            p.body.contains("id=\"in-kind\">180\u{a0}000\u{a0}₸"),
            "{b}: {}",
            p.body
        );
        assert!(
            p.body.contains("Аноним") && !p.body.contains("Сейтказиев"),
            "{b}: the donor as she chose"
        );
        assert!(!p.body.contains("/act\""), "{b}: no act on the public page");

        // The closing report from the manage page: what to fix beside the field, then published.
        let m = page.get(&manage).await;
        assert!(
            m.body.contains("id=\"step-report\"") && m.body.contains("name=\"remainder_use\""),
            "{b}: {}",
            m.body
        );
        let csrf = crate::csrf_of(&m.body);
        let r = crate::read(
            page.http
                .post(format!("{}/collections/{col}/report", page.base))
                .header("accept-language", "en")
                .form(&[
                    ("_csrf", csrf.as_str()),
                    ("remainder_use", ""),
                    ("remainder_text", "Given to the «Warm winter» collection."),
                ])
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, 422, "{b}: {}", r.body);
        assert!(
            r.body.contains("id=\"remainder_use-error\"") && r.body.contains("Warm winter"),
            "{b}: {}",
            r.body
        );
        let r = page
            .submit(
                &format!("/collections/{col}/report"),
                &[
                    ("_csrf", &csrf),
                    ("remainder_use", "moved_to_collection"),
                    ("remainder_text", "Остаток передан в сбор «Тёплая зима»."),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        assert_eq!(r.location(), format!("/collections/{col}"), "{b}");
        for (lang, choice) in [
            ("kk", "Басқа жинауға аударылды"),
            ("ru", "Передан в другой сбор"),
            ("en", "Moved to another collection"),
        ] {
            let p = public_page(&app, &col, lang).await;
            assert!(
                p.body.contains("id=\"closing-report\"") && p.body.contains(choice),
                "{b} {lang}: {}",
                p.body
            );
            assert!(
                p.body.contains("Остаток передан в сбор «Тёплая зима»."),
                "{b} {lang}"
            );
            assert!(
                p.body.contains("id=\"report-raised\">0\u{a0}₸")
                    || p.body.contains("id=\"report-raised\">0"),
                "{b} {lang}"
            );
            assert!(
                p.body.contains("id=\"report-in-kind\">180"),
                "{b} {lang}: {}",
                p.body
            );
            assert!(p.body.contains("id=\"report-checkpoint\""), "{b} {lang}");
            assert!(!p.body.contains("id=\"report-overdue\""), "{b} {lang}");
        }
        let rep = c
            .send(
                Method::GET,
                &format!("/api/v1/collections/{col}/report"),
                None,
                None,
            )
            .await
            .json();
        assert_eq!(
            (
                rep["remainder_use"].as_str(),
                rep["raised_tiyn"].as_i64(),
                rep["in_kind_estimate_tiyn"].as_i64(),
                rep["donations"].as_i64()
            ),
            (
                Some("moved_to_collection"),
                Some(0),
                Some(18_000_000),
                Some(1)
            ),
            "{b}: {rep}"
        );
        let trail = c
            .send(
                Method::GET,
                &format!("/api/v1/collections/{col}/trail"),
                None,
                None,
            )
            .await
            .json();
        assert_eq!(
            rep["checkpoint_size"], trail["tree_size"],
            "{b}: computed at the checkpoint: {trail}"
        );
        assert_eq!(
            trail["totals"]["in_kind_received"].as_i64(),
            Some(18_000_000),
            "{b}"
        );
        let shown = collection(&app, &col).await;
        assert_eq!(
            (shown["status"].as_str(), shown["raised_tiyn"].as_i64()),
            (Some("reported"), Some(0)),
            "{b}"
        );
    })
    .await;
}

#[tokio::test]
async fn closing_report_reminders_go_once_to_the_owner_and_treasurers() {
    on_every_backend_with(settings, |app| async move {
        let b = app.backend;
        let owner = token(&app, "owner@remind.kz").await;
        let org = verified_org(&app, &owner).await;
        let admin = admin_token(&app, "admin@att.kz").await;
        // A treasurer, appointed by the owner.
        appoint_treasurer(&app, &org, &owner, "treasurer@remind.kz").await;

        // It ended 25 days ago: its report is due in five days.
        let today = app::today();
        let ended = today - chrono::Days::new(25);
        let mut body = collection_body("KZ86125KZT5004100100", "500 000");
        body["start_date"] = json!((ended - chrono::Days::new(30)).to_string());
        body["end_date"] = json!(ended.to_string());
        let col = active_collection(&app, &org, &owner, &admin, Some(body)).await;
        let (one, two) = tokio::join!(app::jobs::tick(&app.state), app::jobs::tick(&app.state));
        one.unwrap();
        two.unwrap();
        app::jobs::tick(&app.state).await.unwrap();
        for who in ["owner@remind.kz", "treasurer@remind.kz"] {
            let mails = mails_to(&app, who).await;
            let due: Vec<_> = mails
                .iter()
                .filter(|m| m.kind == "collection_report_due_soon")
                .collect();
            assert_eq!(due.len(), 1, "{b}: {who}: once: {mails:?}");
            assert!(
                due[0]
                    .body_text
                    .contains(&format!("/collections/{col}/manage")),
                "{b}: {}",
                due[0].body_text
            );
            assert!(
                !mails.iter().any(|m| m.kind == "collection_report_overdue"),
                "{b}: not overdue yet"
            );
        }
        assert!(
            !mails_to(&app, "admin@att.kz")
                .await
                .iter()
                .any(|m| m.kind.starts_with("collection_report")),
            "{b}: the front-office is not reminded"
        );
        let p = app.client().get(&format!("/collections/{col}")).await;
        assert!(!p.body.contains("id=\"report-overdue\""), "{b}");
    })
    .await;
}
