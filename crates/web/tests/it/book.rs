//! The electronic volunteer book over HTTP, on both databases: attendance becomes claimed
//! hours, the organization confirms or rejects them, claims and disputes, reversals, the
//! totals from the signed ledger, the published keys, and the pages in three languages.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::json;

use crate::attendance::{id, login, mails_to, token, verified_org};
use crate::on_every_backend;

#[tokio::test]
async fn attendance_becomes_confirmed_hours_in_a_signed_book() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let owner = token(&app, "owner@book.kz").await;
        let org = verified_org(&app, &owner).await;
        let v1 = token(&app, "v1@book.kz").await;
        let v2 = token(&app, "v2@book.kz").await;
        let ev = id(&c.post_json(&format!("/api/v1/organizations/{org}/events"), &json!({"title_kk": "Саябақты тазалау", "activity_type": "environment", "direction": "taza_alem", "region": "KZ-55"}), Some(&owner)).await.json());
        let soon = Utc::now() + Duration::minutes(30);
        let shift = id(&c.post_json(&format!("/api/v1/events/{ev}/shifts"), &json!({"starts_at": soon.to_rfc3339(), "ends_at": (soon + Duration::hours(2)).to_rfc3339(), "capacity": "5"}), Some(&owner)).await.json());
        assert_eq!(c.post_json(&format!("/api/v1/events/{ev}/publish"), &json!({}), Some(&owner)).await.status, 204, "{b}");
        let app_id = id(&c.post_json(&format!("/api/v1/shifts/{shift}/applications"), &json!({}), Some(&v1)).await.json());
        assert_eq!(c.post_json(&format!("/api/v1/applications/{app_id}/attendance"), &json!({"action": "check_in"}), Some(&owner)).await.status, 204, "{b}");
        store::testing::backdate_check_in(&app.state.db, app_id.parse().unwrap(), Utc::now() - Duration::minutes(90)).await.unwrap();
        assert_eq!(c.post_json(&format!("/api/v1/applications/{app_id}/attendance"), &json!({"action": "check_out"}), Some(&owner)).await.status, 204, "{b}");

        // The organization sees the hours waiting; nobody else does.
        let pending = c.send(Method::GET, &format!("/api/v1/organizations/{org}/hours"), None, Some(&owner)).await.json();
        let list = pending.as_array().unwrap();
        assert_eq!(list.len(), 1, "{b}: {pending}");
        assert_eq!((list[0]["minutes"].as_i64(), list[0]["source"].as_str(), list[0]["status"].as_str()), (Some(90), Some("attendance"), Some("claimed")), "{b}");
        let attended = id(&list[0]);
        assert_eq!(c.send(Method::GET, &format!("/api/v1/organizations/{org}/hours"), None, Some(&v2)).await.status, 403, "{b}");
        assert_eq!(c.post_json(&format!("/api/v1/hours/{attended}/confirm"), &json!({}), Some(&v2)).await.status, 403, "{b}: not her organization");
        assert_eq!(c.post_json(&format!("/api/v1/hours/{attended}/confirm"), &json!({}), Some(&v1)).await.status, 403, "{b}: not her own hours");

        // Claims: bad input is refused with a code per field, nothing is stored.
        let today = app::today();
        for (body, field, code) in [
            (json!({"organization_id": org, "minutes": "60", "date": (today + Duration::days(1)).to_string(), "description": "x"}), "date", "date_in_future"),
            (json!({"organization_id": org, "minutes": "0", "date": today.to_string(), "description": "x"}), "minutes", "number_out_of_range"),
            (json!({"organization_id": org, "minutes": "1441", "date": today.to_string(), "description": "x"}), "minutes", "number_out_of_range"),
            (json!({"organization_id": org, "minutes": "60", "date": today.to_string(), "description": " "}), "description", "required"),
            (json!({"organization_id": "not-a-key", "minutes": "60", "date": today.to_string(), "description": "x"}), "organization_id", "required"),
        ] {
            let r = c.post_json("/api/v1/me/hours", &body, Some(&v1)).await;
            let fields = &r.json()["error"]["fields"];
            assert_eq!(r.status, 422, "{b}: {}", r.body);
            assert_eq!(fields[field]["code"], code, "{b}: {field}: {}", r.body);
        }
        // A well-formed key of no organization is not found, as in a path; fields still come first.
        let nobody = uuid::Uuid::now_v7();
        let r = c.post_json("/api/v1/me/hours", &json!({"organization_id": nobody, "minutes": "60", "date": today.to_string(), "description": "x"}), Some(&v1)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str()), (404, Some("not_found")), "{b}: {}", r.body);
        let r = c.post_json("/api/v1/me/hours", &json!({"organization_id": nobody, "minutes": "0", "date": today.to_string(), "description": "x"}), Some(&v1)).await;
        assert_eq!((r.status, r.json()["error"]["fields"]["minutes"]["code"].as_str()), (422, Some("number_out_of_range")), "{b}: {}", r.body);
        let claimed = id(&c.post_json("/api/v1/me/hours", &json!({"organization_id": org, "minutes": "150", "date": (today - Duration::days(10)).to_string(), "description": "Қарттар үйіне көмек"}), Some(&v1)).await.json());
        assert_eq!(c.send(Method::GET, &format!("/api/v1/organizations/{org}/hours"), None, Some(&owner)).await.json().as_array().unwrap().len(), 2, "{b}");

        // Decisions.
        assert_eq!(c.post_json(&format!("/api/v1/hours/{attended}/confirm"), &json!({}), Some(&owner)).await.status, 204, "{b}");
        let again = c.post_json(&format!("/api/v1/hours/{attended}/confirm"), &json!({}), Some(&owner)).await;
        assert_eq!((again.status, again.json()["error"]["code"].as_str()), (409, Some("already_decided")), "{b}");
        let r = c.post_json(&format!("/api/v1/hours/{claimed}/reject"), &json!({"reason": " "}), Some(&owner)).await;
        assert_eq!(r.status, 422, "{b}: a rejection says why");
        assert_eq!(c.post_json(&format!("/api/v1/hours/{claimed}/reject"), &json!({"reason": "Бізде ондай іс-шара болмаған"}), Some(&owner)).await.status, 204, "{b}");
        assert!(mails_to(&app, "v1@book.kz").await.iter().any(|m| m.kind == "hours_confirmed"), "{b}");
        assert!(mails_to(&app, "v1@book.kz").await.iter().any(|m| m.kind == "hours_rejected" && m.body_text.contains("Бізде ондай")), "{b}");

        let book = c.send(Method::GET, "/api/v1/me/book", None, Some(&v1)).await.json();
        assert_eq!(book["totals"]["minutes"], 90, "{b}: only confirmed hours count: {book}");
        assert_eq!(book["totals"]["by_direction"]["taza_alem"], 90, "{b}");
        assert_eq!(book["entries"].as_array().unwrap().len(), 2, "{b}");
        assert_eq!((book["entries_total"].as_i64(), book["page"].as_i64(), book["per_page"].as_i64()), (Some(2), Some(1), Some(100)), "{b}");
        let page2 = c.send(Method::GET, "/api/v1/me/book?page=2", None, Some(&v1)).await.json();
        assert!(page2["entries"].as_array().unwrap().is_empty() && page2["totals"]["minutes"] == 90, "{b}: totals on every page: {page2}");

        // She disputes the rejection; the region's front-office (national admin) decides.
        assert_eq!(c.post_json(&format!("/api/v1/hours/{claimed}/dispute"), &json!({"reason": "Мен сонда болдым"}), Some(&v2)).await.status, 404, "{b}: not hers");
        assert_eq!(c.post_json(&format!("/api/v1/hours/{claimed}/dispute"), &json!({"reason": "Мен сонда болдым"}), Some(&v1)).await.status, 204, "{b}");
        assert_eq!(c.post_json(&format!("/api/v1/hours/{claimed}/confirm"), &json!({}), Some(&owner)).await.status, 403, "{b}: a disputed entry is the front-office's");
        let fo = login(&app, "admin@att.kz").await;
        let queue = fo.get("/front-office/KZ-55").await;
        assert!(queue.body.contains(&format!("data-hours=\"{claimed}\"")) && queue.body.contains("Мен сонда болдым"), "{b}: the front-office sees the dispute");
        let admin = c.post_json("/api/v1/auth/login", &json!({"email": "admin@att.kz", "password": crate::PASSWORD}), None).await.json()["token"].as_str().unwrap().to_owned();
        assert_eq!(c.post_json(&format!("/api/v1/hours/{claimed}/confirm"), &json!({}), Some(&admin)).await.status, 204, "{b}");
        assert_eq!(c.send(Method::GET, "/api/v1/me/book", None, Some(&v1)).await.json()["totals"]["minutes"], 240, "{b}");

        // A correction reverses; the total follows; the chain verifies with the published key.
        assert_eq!(c.post_json(&format!("/api/v1/hours/{attended}/reverse"), &json!({"reason": "Қате ауысым"}), Some(&owner)).await.status, 204, "{b}");
        assert_eq!(c.send(Method::GET, "/api/v1/me/book", None, Some(&v1)).await.json()["totals"]["minutes"], 150, "{b}");
        let keys = c.get("/.well-known/erikti-keys.json").await;
        assert_eq!(keys.status, 200, "{b}");
        let published = app::keys::parse_published(&keys.body).unwrap();
        assert_eq!(keys.json()["keys"][0]["alg"], "Ed25519", "{b}");
        let v1_id = store::accounts::user_by_email(&app.state.db, "v1@book.kz").await.unwrap().unwrap().id;
        let (chain, head) = store::ledger::chain(&app.state.db, v1_id).await.unwrap();
        let lookup = |kid: &str| published.iter().find(|(k, _)| k == kid).map(|(_, v)| *v);
        assert_eq!(domain::ledger::verify_chain(&chain, head.as_ref(), &lookup), Ok(150), "{b}");
        let report = store::ledger::verify_all(&app.state.db, &lookup).await.unwrap();
        assert!(report.broken.is_empty() && report.entries == 3, "{b}: {report:?}");

        // The pages, in three languages.
        let vc = login(&app, "v1@book.kz").await;
        for (lang, total, status) in [("kk", "Расталған сағаттар", "Күші жойылды"), ("ru", "Подтверждённые часы", "Отменено"), ("en", "Confirmed hours", "Reversed")] {
            let page = vc.get_with("/me/book", "accept-language", lang).await;
            assert_eq!(page.status, 200, "{b} {lang}");
            assert!(page.body.contains(total) && page.body.contains(status), "{b} {lang}: {}", page.body);
            assert!(page.body.contains("id=\"book-total\">2"), "{b} {lang}: 2.5 h");
        }
        let page = vc.get("/me/book").await;
        let r = vc.submit("/me/hours", &[("_csrf", &crate::csrf_of(&page.body)), ("organization_id", &org), ("hours", "1,5"), ("date", &(today + Duration::days(2)).to_string()), ("description", "Кеше")]).await;
        assert_eq!(r.status, 422, "{b}");
        assert!(r.body.contains("date-error") && r.body.contains("Кеше"), "{b}: the error beside the field, the input kept");
        let gone = uuid::Uuid::now_v7().to_string();
        let r = vc.submit("/me/hours", &[("_csrf", &crate::csrf_of(&page.body)), ("organization_id", &gone), ("hours", "1,5"), ("date", &today.to_string()), ("description", "Кеше")]).await;
        assert_eq!(r.status, 422, "{b}: the page asks again rather than answering 404");
        assert!(r.body.contains("organization_id-error") && r.body.contains("Кеше"), "{b}: an organization gone is a choice to make again, the input kept");
        let r = vc.submit("/me/hours", &[("_csrf", &crate::csrf_of(&page.body)), ("organization_id", &org), ("hours", "1,5"), ("date", &today.to_string()), ("description", "Кеше")]).await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let oc = login(&app, "owner@book.kz").await;
        let hours_page = oc.get(&format!("/organizations/{org}/hours")).await;
        assert!(hours_page.status == 200 && hours_page.body.contains("Кеше") && hours_page.body.contains("1,5"), "{b}: {}", hours_page.body);
        let waiting = id(&c.send(Method::GET, &format!("/api/v1/organizations/{org}/hours"), None, Some(&owner)).await.json()[0]);
        let r = oc.submit(&format!("/organizations/{org}/hours"), &[("_csrf", &crate::csrf_of(&hours_page.body)), ("hours", &waiting), ("action", "confirm")]).await;
        assert_eq!(r.status, 303, "{b}");
        assert_eq!(c.send(Method::GET, "/api/v1/me/book", None, Some(&v1)).await.json()["totals"]["minutes"], 240, "{b}");
        assert_eq!(vc.get(&format!("/organizations/{org}/hours")).await.status, 403, "{b}");

        // Certificates: issued from the ledger, checked by anyone, a PDF with Kazakh text.
        for (body, field) in [
            (json!({"from": "2026-05-02", "to": "2026-05-01"}), "to"),
            (json!({"lang": "fr"}), "lang"),
            (json!({"from": "2026-13-01"}), "from"),
            (json!({"organization_id": "not-a-key"}), "organization_id"),
            (json!({"organization_id": uuid::Uuid::now_v7(), "lang": "fr"}), "lang"),
        ] {
            let r = c.post_json("/api/v1/me/certificates", &body, Some(&v1)).await;
            assert_eq!(r.status, 422, "{b}: {}", r.body);
            assert!(r.json()["error"]["fields"][field].is_object(), "{b}: {}", r.body);
        }
        let r = c.post_json("/api/v1/me/certificates", &json!({"organization_id": uuid::Uuid::now_v7()}), Some(&v1)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str()), (404, Some("not_found")), "{b}: a well-formed key of no organization: {}", r.body);
        let issued = c.post_json("/api/v1/me/certificates", &json!({"lang": "kk"}), Some(&v1)).await;
        assert_eq!(issued.status, 201, "{b}: {}", issued.body);
        let code = issued.json()["code"].as_str().unwrap().to_owned();
        let checked = c.get(&format!("/api/v1/certificates/{code}")).await.json();
        assert_eq!((checked["signature_valid"].as_bool(), checked["revoked"].as_bool()), (Some(true), Some(false)), "{b}: {checked}");
        assert_eq!(checked["certificate"]["statement"]["total_minutes"], 240, "{b}");
        assert_eq!(checked["certificate"]["statement"]["holder"], "Айгерім Сейітова", "{b}");
        let json_doc = vc.get(&format!("/certificates/{code}.json")).await;
        assert_eq!(json_doc.status, 200, "{b}");
        let offline = domain::certificate::verify_json(&json_doc.body, &lookup);
        assert!(offline.is_ok(), "{b}: {offline:?}");
        assert!(domain::certificate::verify_json(&json_doc.body.replace("240", "2400"), &lookup).is_err(), "{b}: an edited document fails");
        // It carries its proof from the public log: checked with the published keys only.
        let doc: domain::certificate::Signed = serde_json::from_str(&json_doc.body).unwrap();
        let public: Vec<_> = published.iter().map(|(_, k)| *k).collect();
        let in_log = domain::certificate::verify_log(&doc.statement, &public).expect("the log proof holds");
        assert_eq!(in_log.entries.iter().map(|(_, e)| e.minutes).sum::<i64>(), 240, "{b}");
        let mut forged = doc.statement.clone();
        let proof = &mut forged.log.as_mut().unwrap().entries[0].proof[0];
        let flipped = if proof.starts_with('A') { "B" } else { "A" };
        proof.replace_range(0..1, flipped);
        assert!(domain::certificate::verify_log(&forged, &public).is_err(), "{b}: one changed byte of a proof fails");
        let mut forged = doc.statement.clone();
        forged.log.as_mut().unwrap().entries.pop();
        assert!(domain::certificate::verify_log(&forged, &public).is_err(), "{b}: an entry left out no longer adds up");
        assert_eq!(checked["log_status"], "recorded", "{b}: {checked}");
        let note = c.get("/api/v1/ledger/checkpoint").await;
        assert_eq!(note.status, 200, "{b}");
        assert!(domain::tlog::Checkpoint::verify(&note.body, &domain::certificate::log_origin(&doc.statement.issuer), &public).is_ok(), "{b}: {}", note.body);
        let pdf = vc.get_bytes(&format!("/certificates/{code}.pdf")).await;
        assert_eq!(pdf.0, 200, "{b}");
        assert!(pdf.1.starts_with(b"%PDF"), "{b}");
        match crate::pdf_text(&pdf.1) {
            Some(text) => {
                assert!(text.contains("Айгерім Сейітова"), "{b}: {text}");
                assert!(text.contains("Волонтерлік қызмет туралы анықтама"), "{b}: {text}");
                assert!(text.contains("4,0 сағ."), "{b}: {text}");
                assert!(text.contains(&code), "{b}: {text}");
            }
            None => store::testing::note_skip("reading the PDF's text needs pdftotext (Debian poppler-utils)"),
        }
        assert_eq!(login(&app, "v2@book.kz").await.get(&format!("/certificates/{code}.pdf")).await.status, 404, "{b}: not hers");
        let page = app.client().get_with(&format!("/verify/{code}"), "accept-language", "kk").await;
        assert!(page.status == 200 && page.body.contains("data-status=\"valid\"") && page.body.contains("Айгерім Сейітова"), "{b}: {}", page.body);
        assert!(page.body.contains("data-log=\"recorded\"") && page.body.contains("жария журналға енгізілген"), "{b}: {}", page.body);
        let unknown = app.client().get_with("/verify/AAAA-BBBB-CCCC", "accept-language", "ru").await;
        assert!(unknown.status == 404 && unknown.body.contains("Справки с таким кодом нет"), "{b}");
        // Revocation by staff, with a reason; the public check says so.
        assert_eq!(c.post_json(&format!("/api/v1/certificates/{code}/revoke"), &json!({"reason": "x"}), Some(&owner)).await.status, 403, "{b}");
        assert_eq!(c.post_json(&format!("/api/v1/certificates/{code}/revoke"), &json!({"reason": "Қате берілген"}), Some(&admin)).await.status, 204, "{b}");
        assert_eq!(c.get(&format!("/api/v1/certificates/{code}")).await.json()["revoked"], true, "{b}");
        let page = app.client().get(&format!("/verify/{code}")).await;
        assert!(page.body.contains("data-status=\"revoked\"") && page.body.contains("Қате берілген"), "{b}");
        // Hours behind it reversed later: the public check says when.
        assert_eq!(c.post_json(&format!("/api/v1/hours/{waiting}/reverse"), &json!({"reason": "Қате"}), Some(&owner)).await.status, 204, "{b}");
        let checked = c.get(&format!("/api/v1/certificates/{code}")).await.json();
        assert_eq!(checked["log_status"], "reversed", "{b}: {checked}");
        let page = app.client().get_with(&format!("/verify/{code}"), "accept-language", "en").await;
        assert!(page.body.contains("data-log=\"reversed\"") && page.body.contains("were reversed on"), "{b}: {}", page.body);
        // From the book page.
        let book_page = vc.get("/me/book").await;
        let cert_form = &book_page.body[book_page.body.find("id=\"cert-org\"").unwrap()..];
        let cert_form = &cert_form[..cert_form.find("</select>").unwrap()];
        assert_eq!(cert_form.matches("<option").count(), 2, "{b}: all, or the one organization of her hours: {cert_form}");
        assert!(cert_form.contains(&format!("<option value=\"{org}\">")), "{b}: {cert_form}");
        let r = vc.submit("/me/certificates", &[("_csrf", &crate::csrf_of(&book_page.body)), ("lang", "en"), ("from", ""), ("to", ""), ("organization_id", &org)]).await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        assert_eq!(vc.get("/me/book").await.body.matches("/certificates/").count(), 4, "{b}: two certificates, PDF and JSON each");
        // Benefits from confirmed hours only; exports of the book and of the organization.
        let book = c.send(Method::GET, "/api/v1/me/book", None, Some(&v1)).await.json();
        let voucher = book["benefits"].as_array().unwrap().iter().find(|p| p["code"] == "student_voucher").unwrap().clone();
        assert!(voucher["counted_minutes"].as_i64().unwrap() <= 240 && voucher["goal_minutes"] == 3000, "{b}: {voucher}");
        assert!(vc.get("/me/book").await.body.contains("<progress"), "{b}");
        let csv = vc.get("/me/book/book.csv").await;
        assert!(csv.status == 200 && csv.body.contains("Қарттар үйіне көмек") && csv.body.contains("2.50"), "{b}: {}", csv.body);
        assert_eq!(vc.get("/me/book/book.txt").await.status, 404, "{b}");
        let org_csv = oc.get(&format!("/organizations/{org}/hours/confirmed.csv?from=2020-01-01")).await;
        assert!(org_csv.status == 200 && org_csv.body.contains("Айгерім Сейітова"), "{b}: {}", org_csv.body);
        assert_eq!(vc.get(&format!("/organizations/{org}/hours/confirmed.csv")).await.status, 403, "{b}");
    })
    .await;
}

#[tokio::test]
async fn a_public_book_shows_confirmed_hours_and_nothing_personal() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let owner = token(&app, "owner@pub.kz").await;
        let org = verified_org(&app, &owner).await;
        let v = token(&app, "asem@pub.kz").await;
        let r = c.send(Method::PUT, "/api/v1/me/profile", Some(&json!({"display_name": "Әсем Нұрланова", "first_name": "Әсем", "last_name": "Нұрланова", "iin": "010517601238", "phone": "+77011234567", "region": "KZ-55", "locality": "Екібастұз", "languages": ["kk"]})), Some(&v)).await;
        assert_eq!(r.status, 200, "{b}: {}", r.body);
        let today = app::today();
        let h = id(&c.post_json("/api/v1/me/hours", &json!({"organization_id": org, "minutes": "150", "date": (today - Duration::days(3)).to_string(), "description": "Жеке ақпарат: үйі 5-пәтер"}), Some(&v)).await.json());
        assert_eq!(c.post_json(&format!("/api/v1/hours/{h}/confirm"), &json!({}), Some(&owner)).await.status, 204, "{b}");
        let vid = store::accounts::user_by_email(&app.state.db, "asem@pub.kz").await.unwrap().unwrap().id;

        // Private by default: the page and the API answer as for nobody.
        let anon = app.client();
        assert_eq!(anon.get(&format!("/volunteers/{vid}/book")).await.status, 404, "{b}");
        assert_eq!(anon.send(Method::GET, &format!("/api/v1/volunteers/{vid}/book"), None, None).await.status, 404, "{b}");
        assert_eq!(anon.get("/volunteers/not-a-key/book").await.status, 404, "{b}");

        // She makes it public from her book page.
        let vc = login(&app, "asem@pub.kz").await;
        let page = vc.get("/me/book").await;
        assert!(page.body.contains("id=\"public-switch\"") && !page.body.contains("id=\"public-link\""), "{b}");
        let r = vc.submit("/me/book/public", &[("_csrf", &crate::csrf_of(&page.body)), ("public", "on")]).await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let page = vc.get("/me/book").await;
        assert!(page.body.contains(&format!("href=\"/volunteers/{vid}/book\"")), "{b}: the link to her public book");

        for (lang, title, hours) in [("kk", "Волонтер кітапшасы", "2,5"), ("ru", "Книжка волонтера", "2,5"), ("en", "Volunteer book", "2.5")] {
            let p = anon.get_with(&format!("/volunteers/{vid}/book"), "accept-language", lang).await;
            assert_eq!(p.status, 200, "{b} {lang}");
            assert!(p.body.contains(title) && p.body.contains("Әсем Н.") && p.body.contains(&format!("id=\"book-total\">{hours}")) && p.body.contains("Жарқын"), "{b} {lang}: {}", p.body);
            for private in ["Нұрланова", "010517601238", "7011234567", "asem@pub.kz", "Екібастұз", "5-пәтер"] {
                assert!(!p.body.contains(private), "{b} {lang}: {private} must not be public");
            }
        }
        let api = anon.send(Method::GET, &format!("/api/v1/volunteers/{vid}/book"), None, None).await;
        assert_eq!(api.status, 200, "{b}");
        assert_eq!((api.json()["name"].as_str(), api.json()["totals"]["minutes"].as_i64()), (Some("Әсем Н."), Some(150)), "{b}: {}", api.body);
        for private in ["Нұрланова", "010517601238", "7011234567", "asem@pub.kz", "Екібастұз", "5-пәтер", "birth"] {
            assert!(!api.body.contains(private), "{b}: {private} must not be in the API answer");
        }

        // Her book as a PDF: her name, the entries, the organization.
        let (st, pdf) = vc.get_bytes("/me/book/book.pdf").await;
        assert!(st == 200 && pdf.starts_with(b"%PDF"), "{b}: {st}");
        if let Some(text) = crate::pdf_text(&pdf) {
            assert!(text.contains("Әсем Нұрланова") && text.contains("2,5") && text.contains("Жарқын"), "{b}: {text}");
        }
        assert!(!anon.get_bytes("/me/book/book.pdf").await.1.starts_with(b"%PDF"), "{b}: only she downloads her book");

        // And private again, through the API.
        let r = c.send(Method::PUT, "/api/v1/me/book/visibility", Some(&json!({"public": false})), Some(&v)).await;
        assert_eq!((r.status, r.json()["public"].as_bool()), (200, Some(false)), "{b}");
        assert_eq!(anon.get(&format!("/volunteers/{vid}/book")).await.status, 404, "{b}");
        assert_eq!(c.send(Method::PUT, "/api/v1/me/book/visibility", Some(&json!({"public": "yes"})), Some(&v)).await.status, 422, "{b}");
    })
    .await;
}
