//! Charity in figures over HTTP, on both databases: an organization's annual charity
//! report (page in three languages, PDF, XLSX, CSV, API) adds up to its collection's proven
//! totals; a region's year by month for its front-office and the country's year by region
//! for the national admin, refused to anyone else.

use reqwest::Method;
use serde_json::json;

use crate::attendance::{id, token, verified_org};
use crate::charity::{active_collection, admin_token};
use crate::{on_every_backend_with, test_settings};

#[tokio::test]
async fn annual_report_and_aggregates_add_up_to_the_log() {
    on_every_backend_with(test_settings, |app| async move {
        let b = app.backend;
        let c = app.client();
        let owner = token(&app, "owner@figures.kz").await;
        let org = verified_org(&app, &owner).await;
        let admin_page = app.admin("chief@figures.kz").await;
        let admin = admin_token(&app, "chief@figures.kz").await;
        let body = json!({
            "purpose_ru": "Тёплые вещи", "beneficiary": "low_income", "target": "1 000 000",
            "start_date": "2026-03-01", "end_date": "2026-12-31", "iban": "KZ86125KZT5004100100",
            "bank_name": "Halyk Bank", "holder_bin": domain::bin_with_check_digit("12054001234").unwrap()
        });
        let col = active_collection(&app, &org, &owner, &admin, Some(body)).await;
        // Two transfers in March and April, another gift in April; one of them refunded.
        let donations = format!("/api/v1/collections/{col}/donations");
        let mut ids = Vec::new();
        for (amount, channel, date, doc) in [
            ("100 000", "bank_transfer", "2026-03-10", "PP-1"),
            ("50 000", "bank_transfer", "2026-04-02", "PP-2"),
            ("7 500,50", "other", "2026-04-20", "ACT-3"),
        ] {
            let r = c.post_json(&donations, &json!({"amount": amount, "channel": channel, "date": date, "document": doc, "donor_name": "ТОО Береке"}), Some(&owner)).await;
            assert_eq!(r.status, 201, "{b}: {}", r.body);
            ids.push(id(&r.json()));
        }
        let r = c.post_json(&format!("/api/v1/donations/{}/reverse", ids[1]), &json!({"reason": "ошибочный платёж"}), Some(&owner)).await;
        assert!(r.status < 300, "{b}: {}", r.body);
        // Before any checkpoint nothing is proven, so no figure is shown.
        let early = c.send(Method::GET, &format!("/api/v1/organizations/{org}/charity?year=2026"), None, None).await;
        assert_eq!(early.status, 200, "{b}: {}", early.body);
        assert_eq!(early.json()["figures"]["received_total"], 0, "{b}: {}", early.body);
        app::transparency::checkpoint(&app.state).await.unwrap();

        let annual = c.send(Method::GET, &format!("/api/v1/organizations/{org}/charity?year=2026"), None, None).await.json();
        let f = &annual["figures"];
        assert_eq!(f["received_total"], 15_750_050, "{b}: {annual}");
        assert_eq!(f["reversed"], 5_000_000, "{b}");
        assert_eq!(f["opening"], 0, "{b}");
        assert_eq!(f["closing"], 10_750_050, "{b}");
        assert_eq!(f["received"][0]["channel"], "bank_transfer", "{b}: {annual}");
        assert_eq!((f["received"][0]["donations"].as_i64(), f["received"][1]["channel"].as_str()), (Some(2), Some("other")), "{b}");
        assert!(annual["checkpoint"]["size"].as_u64().unwrap() >= 4, "{b}");
        // The same as the collection's totals proven by the log.
        let shown = c.send(Method::GET, &format!("/api/v1/collections/{col}"), None, None).await.json();
        assert_eq!(shown["proven"]["remainder"], f["closing"], "{b}: {shown}");
        // The next year carries the balance in.
        let next = c.send(Method::GET, &format!("/api/v1/organizations/{org}/charity?year=2027"), None, None).await.json();
        assert_eq!((next["figures"]["opening"].as_i64(), next["figures"]["received_total"].as_i64()), (Some(10_750_050), Some(0)), "{b}: {next}");
        for year in ["1999", "2100", "many"] {
            let r = c.send(Method::GET, &format!("/api/v1/organizations/{org}/charity?year={year}"), None, None).await;
            assert!(r.status == 404 || r.status == 400, "{b}: {year}: {}", r.status);
        }

        // The page, in three languages, for anyone; files for download.
        let anyone = app.client();
        for (lang, words) in [("kk", "Ақшалай түсті"), ("ru", "Поступило деньгами"), ("en", "Received in money")] {
            let p = anyone.get_with(&format!("/organizations/{org}/charity?year=2026"), "accept-language", lang).await;
            assert_eq!(p.status, 200, "{b}: {lang}: {}", p.body);
            assert!(p.body.contains(words) && p.body.contains("id=\"line-closing\""), "{b}: {lang}");
            assert!(p.body.contains(&format!("/collections/{col}")), "{b}: its collections listed");
            assert!(!p.body.contains("Береке"), "{b}: no donor on the report");
        }
        let p = anyone.get_with(&format!("/organizations/{org}/charity?year=2026"), "accept-language", "en").await;
        assert!(p.body.contains("107,500.50"), "{b}: the closing balance in tenge: {}", p.body);
        let (status, xlsx) = anyone.get_bytes(&format!("/organizations/{org}/charity/2026.xlsx")).await;
        assert!(status == 200 && xlsx.starts_with(b"PK"), "{b}: {status}");
        let (status, csv) = anyone.get_bytes(&format!("/organizations/{org}/charity/2026.csv")).await;
        let csv = String::from_utf8_lossy(&csv).to_string();
        assert!(status == 200 && csv.contains("107500.50"), "{b}: {csv}");
        let (status, pdf) = anyone.get_bytes(&format!("/organizations/{org}/charity/2026.pdf")).await;
        assert!(status == 200 && pdf.starts_with(b"%PDF"), "{b}: {status}");
        if let Some(text) = crate::pdf_text(&pdf) {
            assert!(text.contains("2026"), "{b}: {text}");
        }
        assert_eq!(anyone.get(&format!("/organizations/{org}/charity/2026.doc")).await.status, 404, "{b}");

        // The region's months and the country's regions: staff only.
        let region = c.send(Method::GET, "/api/v1/front-office/KZ-55/charity?year=2026", None, Some(&admin)).await;
        assert_eq!(region.status, 200, "{b}: {}", region.body);
        let months: Vec<String> = region.json()["parts"].as_array().unwrap().iter().map(|p| p["key"].as_str().unwrap().to_owned()).collect();
        // The refund counts on the day of the gift it takes back.
        assert_eq!(months, ["2026-03-01", "2026-04-01"], "{b}");
        assert_eq!(region.json()["parts"][1]["figures"]["opening"], 10_000_000, "{b}: April starts with March's money");
        assert_eq!(region.json()["total"]["closing"], 10_750_050, "{b}");
        let nation = c.send(Method::GET, "/api/v1/charity?year=2026", None, Some(&admin)).await.json();
        assert_eq!(nation["parts"][0]["key"], "KZ-55", "{b}: {nation}");
        assert_eq!(nation["total"]["closing"], 10_750_050, "{b}");
        assert_eq!(c.send(Method::GET, "/api/v1/charity", None, Some(&owner)).await.status, 403, "{b}");
        assert_eq!(c.send(Method::GET, "/api/v1/front-office/KZ-55/charity", None, Some(&owner)).await.status, 403, "{b}");
        assert_eq!(c.send(Method::GET, "/api/v1/charity", None, None).await.status, 401, "{b}");
        for (path, marker) in [("/front-office/KZ-55/charity?year=2026", "id=\"parts\""), ("/admin/charity?year=2026", "/front-office/KZ-55/charity?year=2026")] {
            let p = admin_page.get_with(path, "accept-language", "ru").await;
            assert_eq!(p.status, 200, "{b}: {path}: {}", p.body);
            assert!(p.body.contains(marker) && p.body.contains("lang=\"ru\""), "{b}: {path}");
        }
        let front = admin_page.get("/front-office/KZ-55").await;
        assert!(front.body.contains("id=\"charity-figures-link\""), "{b}: linked from the front-office");
        assert_ne!(anyone.get("/admin/charity").await.status, 200, "{b}");
    })
    .await;
}

/// A collection's public page is kept for anonymous visitors like an event's, and each
/// visitor's copy carries her own CSRF token: her "report a concern" goes through.
#[tokio::test]
async fn a_kept_collection_page_carries_each_visitors_own_token() {
    on_every_backend_with(
        || web::Settings {
            page_cache_ttl: std::time::Duration::from_secs(600),
            ..test_settings()
        },
        |app| async move {
            let b = app.backend;
            let c = app.client();
            let owner = token(&app, "owner@kept.kz").await;
            let org = verified_org(&app, &owner).await;
            let admin = app.admin("chief@kept.kz").await;
            drop(admin);
            let admin = admin_token(&app, "chief@kept.kz").await;
            let col = active_collection(&app, &org, &owner, &admin, None).await;
            let path = format!("/collections/{col}");
            let first = app.client();
            first.get(&path).await;
            let kept = first.get(&path).await;
            assert!(!app.state.page_cache.is_empty(), "{b}: the page is kept");
            let her = app.client();
            her.get("/").await;
            let page = her.get(&path).await;
            let token = crate::csrf_of(&page.body);
            assert_ne!(token, crate::csrf_of(&kept.body), "{b}: her own token");
            let r = crate::read(
                her.http
                    .post(format!("{}{path}/concern", her.base))
                    .form(&[
                        ("_csrf", token.as_str()),
                        ("text", "Сбор идёт на личную карту?"),
                        ("contact", ""),
                    ])
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert!(
                r.status == 303 || r.status == 200,
                "{b}: {} {}",
                r.status,
                r.body
            );
            let queue = c
                .send(
                    Method::GET,
                    "/api/v1/front-office/KZ-55/collections",
                    None,
                    Some(&admin),
                )
                .await;
            assert_eq!(queue.status, 200, "{b}");
            // A write moved the generation: the next anonymous page is rendered again.
            assert_eq!(first.get(&path).await.status, 200, "{b}");
        },
    )
    .await;
}
