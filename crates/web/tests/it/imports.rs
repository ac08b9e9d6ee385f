//! Paper records imported by a regional front-office, over HTTP on both databases: the
//! preview lists every bad row with its line and imports nothing; confirming imports the
//! valid rows into the matching books (by IIN or e-mail) or holds them until the volunteer
//! signs up; scope, repeated confirmation, XLSX through the API, pages in three languages.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use crate::attendance::{login, token};
use crate::{PASSWORD, on_every_backend};

/// Posts a multipart upload from a signed-in page client (with the page's CSRF token).
async fn upload_page(c: &crate::Client, region: &str, name: &str, file: &[u8]) -> crate::Resp {
    let page = c.get("/front-office/imports").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = crate::csrf_of(&page.body);
    let (ct, body) = crate::multipart(
        &[("_csrf", &csrf), ("region", region)],
        "file",
        file,
        name,
        "text/csv",
    );
    let r = c
        .http
        .post(format!("{}/front-office/imports", c.base))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    crate::read(r).await
}

async fn api_upload(
    app: &crate::App,
    bearer: &str,
    region: &str,
    name: &str,
    file: &[u8],
) -> crate::Resp {
    let (ct, body) = crate::multipart(
        &[("region", region)],
        "file",
        file,
        name,
        "application/octet-stream",
    );
    let r = app
        .client()
        .http
        .post(format!("{}/api/v1/imports", app.base))
        .bearer_auth(bearer)
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    crate::read(r).await
}

async fn bearer(app: &crate::App, email: &str) -> String {
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

/// Waits until an import is applied; its final state.
async fn applied(app: &crate::App, bearer: &str, id: &str) -> Value {
    for _ in 0..200 {
        let r = app
            .client()
            .send(
                Method::GET,
                &format!("/api/v1/imports/{id}"),
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
    panic!("the import was not applied in 5 s");
}

async fn book_minutes(app: &crate::App, t: &str) -> i64 {
    app.client()
        .send(Method::GET, "/api/v1/me/book", None, Some(t))
        .await
        .json()["totals"]["minutes"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn paper_records_are_previewed_then_imported_or_held() {
    on_every_backend(|app| async move {
        let b = app.backend;
        app::accounts::create_staff(
            &app.state,
            "fo55@imp.kz",
            "regional_coordinator",
            Some("KZ-55"),
            Some(PASSWORD),
        )
        .await
        .unwrap();
        app::accounts::create_staff(
            &app.state,
            "fo75@imp.kz",
            "regional_coordinator",
            Some("KZ-75"),
            Some(PASSWORD),
        )
        .await
        .unwrap();
        // Asem has an account with her IIN; Bota one with her e-mail; Dana has none yet.
        let asem = token(&app, "asem@imp.kz").await;
        let r = app
            .client()
            .send(
                Method::PUT,
                "/api/v1/me/profile",
                Some(&json!({"display_name": "Әсем", "iin": "010517601238"})),
                Some(&asem),
            )
            .await;
        assert_eq!(r.status, 200, "{b}: {}", r.body);
        let bota = token(&app, "bota@imp.kz").await;
        let dana_iin = domain::iin_with_check_digit("95030340012").unwrap();
        let today = app::today();
        let future = (today + chrono::Duration::days(3)).to_string();
        let csv = format!(
            "iin;email;ФИО;date;hours;region;direction;description\n\
             010517601238;;Әсем Нұрланова;2025-03-08;2,5;KZ-55;taza_alem;Саябақ\n\
             ;BOTA@imp.kz;Бота Серікқызы;08.03.2025;3;KZ-55;;\n\
             010517601239;;Қате ЖСН;2025-03-08;1;KZ-55;;\n\
             ;x@imp.kz;Белгісіз өңір;2025-03-08;1;KZ-99;;\n\
             ;y@imp.kz;Болашақ;{future};1;KZ-55;;\n\
             ;z@imp.kz;Нөл сағат;2025-03-08;0;KZ-55;;\n\
             ;w@imp.kz;Басқа өңір;2025-03-08;1;KZ-75;;\n\
             {dana_iin};;Дана Ерланқызы;2025-04-01;4;KZ-55;;\n\
             ;new@imp.kz;Жаңа;2025-04-02;1,5;KZ-55;;\n"
        );

        // Only a front-office (or the national admin) may import; a volunteer may not.
        let vol = login(&app, "asem@imp.kz").await;
        assert_eq!(vol.get("/front-office/imports").await.status, 403, "{b}");
        assert_eq!(
            api_upload(&app, &asem, "KZ-55", "a.csv", csv.as_bytes())
                .await
                .status,
            403,
            "{b}"
        );
        let fo = login(&app, "fo55@imp.kz").await;
        let fo_t = bearer(&app, "fo55@imp.kz").await;
        assert_eq!(
            api_upload(&app, &fo_t, "KZ-75", "a.csv", csv.as_bytes())
                .await
                .status,
            403,
            "{b}: not her region"
        );

        // The preview: every bad row with its line, translated; nothing imported.
        let r = upload_page(&fo, "KZ-55", "қағаз-2025.csv", csv.as_bytes()).await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let preview_url = r.location().to_owned();
        let id = preview_url.rsplit('/').next().unwrap().to_owned();
        for (lang, iin_msg, region_msg) in [
            ("kk", "ЖСН", "Бұл сіздің өңіріңіз емес"),
            ("ru", "ИИН", "Это не ваш регион"),
            ("en", "IIN", "This region is not yours"),
        ] {
            let p = fo.get_with(&preview_url, "accept-language", lang).await;
            assert_eq!(p.status, 200, "{b} {lang}");
            assert!(
                p.body.contains("data-status=\"preview\"")
                    && p.body.contains("id=\"import-apply\""),
                "{b} {lang}"
            );
            assert!(
                p.body.contains(iin_msg) && p.body.contains(region_msg),
                "{b} {lang}: {}",
                p.body
            );
            for line in [4, 5, 6, 7, 8] {
                assert!(
                    p.body
                        .contains(&format!("<tr data-line=\"{line}\"><td>{line}</td><td>")),
                    "{b} {lang}: line {line} listed"
                );
            }
        }
        let preview = app
            .client()
            .send(
                Method::GET,
                &format!("/api/v1/imports/{id}"),
                None,
                Some(&fo_t),
            )
            .await
            .json();
        assert_eq!(
            (
                preview["total_rows"].as_i64(),
                preview["valid_rows"].as_i64(),
                preview["bad_rows"].as_i64()
            ),
            (Some(9), Some(4), Some(5)),
            "{b}: {preview}"
        );
        let codes: Vec<(i64, String, String)> = preview["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["line"].as_i64().unwrap(),
                    e["column"].as_str().unwrap().to_owned(),
                    e["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            codes,
            vec![
                (4, "iin".into(), "iin_checksum".into()),
                (5, "region".into(), "region_unknown".into()),
                (6, "date".into(), "date_in_future".into()),
                (7, "hours".into(), "number_out_of_range".into()),
                (8, "region".into(), "import_region_not_yours".into()),
            ],
            "{b}"
        );
        assert_eq!(
            book_minutes(&app, &asem).await,
            0,
            "{b}: nothing imported before confirmation"
        );
        assert_eq!(book_minutes(&app, &bota).await, 0, "{b}");
        // Another region's front-office does not see it.
        let fo75 = login(&app, "fo75@imp.kz").await;
        assert_eq!(fo75.get(&preview_url).await.status, 404, "{b}");

        // Confirmed: Asem by IIN, Bota by e-mail, Dana and new@ held.
        let page = fo.get(&preview_url).await;
        let r = fo
            .submit(
                &format!("/front-office/imports/{id}/apply"),
                &[("_csrf", &crate::csrf_of(&page.body))],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let done = applied(&app, &fo_t, &id).await;
        assert_eq!(
            (
                done["imported_rows"].as_i64(),
                done["held_rows"].as_i64(),
                done["done_rows"].as_i64()
            ),
            (Some(2), Some(2), Some(4)),
            "{b}: {done}"
        );
        assert_eq!(book_minutes(&app, &asem).await, 150, "{b}");
        assert_eq!(book_minutes(&app, &bota).await, 180, "{b}");
        let entries = app
            .client()
            .send(Method::GET, "/api/v1/me/book", None, Some(&asem))
            .await
            .json()["entries"]
            .clone();
        assert_eq!(
            (entries[0]["source"].as_str(), entries[0]["status"].as_str()),
            (Some("import"), Some("confirmed")),
            "{b}: {entries}"
        );
        let p = fo.get(&preview_url).await;
        assert!(
            p.body.contains("data-status=\"applied\"") && p.body.contains("id=\"import-held\">2"),
            "{b}: {}",
            p.body
        );
        let again = app
            .client()
            .post_json(
                &format!("/api/v1/imports/{id}/apply"),
                &json!({}),
                Some(&fo_t),
            )
            .await;
        assert_eq!(
            (again.status, again.json()["error"]["code"].as_str()),
            (409, Some("import_not_preview")),
            "{b}"
        );

        // Held rows reach their volunteers when they sign up (e-mail) or give their IIN.
        let newbie = app.volunteer("new@imp.kz").await;
        let page = newbie.get("/me/book").await;
        assert!(
            page.body.contains("id=\"book-total\">1,5"),
            "{b}: the held row is in her book after confirming her e-mail"
        );
        let dana = token(&app, "dana@imp.kz").await;
        assert_eq!(book_minutes(&app, &dana).await, 0, "{b}");
        let r = app
            .client()
            .send(
                Method::PUT,
                "/api/v1/me/profile",
                Some(&json!({"display_name": "Дана", "iin": dana_iin})),
                Some(&dana),
            )
            .await;
        assert_eq!(r.status, 200, "{b}: {}", r.body);
        assert_eq!(book_minutes(&app, &dana).await, 240, "{b}");
        let done = app
            .client()
            .send(
                Method::GET,
                &format!("/api/v1/imports/{id}"),
                None,
                Some(&fo_t),
            )
            .await
            .json();
        assert_eq!(
            (done["imported_rows"].as_i64(), done["held_rows"].as_i64()),
            (Some(4), Some(0)),
            "{b}"
        );

        // Every imported entry is in a signed chain.
        let keys = app::keys::parse_published(
            &app.client().get("/.well-known/erikti-keys.json").await.body,
        )
        .unwrap();
        let lookup = |kid: &str| keys.iter().find(|(k, _)| k == kid).map(|(_, v)| *v);
        let report = store::ledger::verify_all(&app.state.db, &lookup)
            .await
            .unwrap();
        assert!(
            report.broken.is_empty() && report.entries == 4,
            "{b}: {report:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn bad_files_import_nothing_and_xlsx_works_through_the_api() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let admin = app.admin("admin@imp2.kz").await;
        drop(admin);
        let t = bearer(&app, "admin@imp2.kz").await;
        // A file without the hours column: refused as a whole, nothing to apply.
        let r = api_upload(
            &app,
            &t,
            "",
            "no-hours.csv",
            "iin,name,date,region\n010517601238,Ә,2025-01-01,KZ-55\n".as_bytes(),
        )
        .await;
        assert_eq!(r.status, 201, "{b}: {}", r.body);
        let e = &r.json()["errors"][0];
        assert_eq!(
            (e["line"].as_i64(), e["column"].as_str(), e["code"].as_str()),
            (Some(0), Some("hours"), Some("import_missing_column")),
            "{b}: {}",
            r.body
        );
        let id = r.json()["id"].as_str().unwrap().to_owned();
        let r = app
            .client()
            .post_json(&format!("/api/v1/imports/{id}/apply"), &json!({}), Some(&t))
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (409, Some("import_nothing_valid")),
            "{b}"
        );
        // Not a table at all.
        let r = api_upload(&app, &t, "", "x.xlsx", b"PK\x03\x04 not a workbook").await;
        assert_eq!(
            r.json()["errors"][0]["code"],
            "import_unreadable",
            "{b}: {}",
            r.body
        );
        // Too big.
        let big = vec![b'a'; app::imports::MAX_FILE_BYTES + 128 * 1024];
        assert_eq!(
            api_upload(&app, &t, "", "big.csv", &big).await.status,
            413,
            "{b}"
        );

        // XLSX from the template's columns; the national admin imports for any region.
        let v = token(&app, "xl@imp2.kz").await;
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in domain::import::template_header().iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 1, "xl@imp2.kz").unwrap();
        sheet.write_string(1, 2, "Ерлан").unwrap();
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 9, 1).unwrap();
        sheet
            .write_datetime_with_format(
                1,
                3,
                &day,
                &rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy"),
            )
            .unwrap();
        sheet.write_number(1, 4, 2).unwrap();
        sheet.write_string(1, 5, "KZ-75").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let r = api_upload(&app, &t, "", "records.xlsx", &bytes).await;
        assert_eq!(
            (
                r.status,
                r.json()["valid_rows"].as_i64(),
                r.json()["bad_rows"].as_i64()
            ),
            (201, Some(1), Some(0)),
            "{b}: {}",
            r.body
        );
        let id = r.json()["id"].as_str().unwrap().to_owned();
        // Discarding a preview imports nothing; a discarded file cannot be applied.
        assert_eq!(
            app.client()
                .post_json(
                    &format!("/api/v1/imports/{id}/discard"),
                    &json!({}),
                    Some(&t)
                )
                .await
                .status,
            204,
            "{b}"
        );
        assert_eq!(
            app.client()
                .post_json(&format!("/api/v1/imports/{id}/apply"), &json!({}), Some(&t))
                .await
                .status,
            409,
            "{b}"
        );
        assert_eq!(book_minutes(&app, &v).await, 0, "{b}");
        let r = api_upload(&app, &t, "", "records.xlsx", &bytes).await;
        let id = r.json()["id"].as_str().unwrap().to_owned();
        assert_eq!(
            app.client()
                .post_json(&format!("/api/v1/imports/{id}/apply"), &json!({}), Some(&t))
                .await
                .status,
            202,
            "{b}"
        );
        applied(&app, &t, &id).await;
        assert_eq!(book_minutes(&app, &v).await, 120, "{b}");
        // The template downloads for staff.
        let admin = login(&app, "admin@imp2.kz").await;
        let (st, csv) = admin.get_bytes("/front-office/imports/template.csv").await;
        assert!(
            st == 200
                && String::from_utf8_lossy(&csv)
                    .trim_start_matches('\u{feff}')
                    .starts_with("iin,email,name,date,hours,region"),
            "{b}"
        );
    })
    .await;
}
