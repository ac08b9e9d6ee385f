//! The JSON API: reference data, the OpenAPI document (snapshot), tokens and admin.

use crate::{PASSWORD, on_every_backend};

#[tokio::test]
async fn reference_endpoints_are_translated() {
    on_every_backend(|app| async move {
        let c = app.client();
        let r = c.get("/api/v1/regions").await;
        assert_eq!(r.status, 200);
        let regions = r.json();
        assert_eq!(regions.as_array().unwrap().len(), 20, "{}", app.backend);
        let almaty = regions
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "KZ-75")
            .unwrap();
        assert_eq!(almaty["name"], "Алматы");
        let en = c
            .get_with("/api/v1/regions", "accept-language", "en")
            .await
            .json();
        let pav = en
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "KZ-55")
            .unwrap();
        assert_eq!(pav["name"], "Pavlodar Region");
        assert_eq!(pav["names"]["ru"], "Павлодарская область");
        for path in [
            "/api/v1/directions",
            "/api/v1/activity-types",
            "/api/v1/beneficiary-categories",
        ] {
            let r = c.get(path).await;
            assert_eq!(r.status, 200, "{path}");
            assert!(!r.json().as_array().unwrap().is_empty());
        }
        let nf = c.get("/api/v1/nope").await;
        assert_eq!(nf.status, 404);
        assert_eq!(nf.json()["error"]["code"], "not_found");
    })
    .await;
}

#[tokio::test]
async fn the_api_covers_the_account_journey_with_bearer_tokens() {
    on_every_backend(|app| async move {
        let c = app.client();
        let r = c.post_json("/api/v1/auth/signup", &serde_json::json!({"name": "Нұрлан", "email": "api-user@example.kz", "password": PASSWORD}), None).await;
        assert_eq!(r.status, 202, "{}: {}", app.backend, r.body);
        let link = app.mailed_link("api-user@example.kz", "/confirm?token=").await;
        let token = link.split("token=").nth(1).unwrap();
        let r = c.post_json("/api/v1/auth/confirm", &serde_json::json!({"token": token}), None).await;
        assert_eq!(r.status, 200);
        let login = c.post_json("/api/v1/auth/login", &serde_json::json!({"email": "api-user@example.kz", "password": PASSWORD}), None).await;
        let session = login.json()["token"].as_str().unwrap().to_owned();
        let created = c.post_json("/api/v1/me/tokens", &serde_json::json!({"name": "ci"}), Some(&session)).await;
        assert_eq!(created.status, 201);
        let secret = created.json()["secret"].as_str().unwrap().to_owned();
        let id = created.json()["token"]["id"].as_str().unwrap().to_owned();
        let list = c.send(reqwest::Method::GET, "/api/v1/me/tokens", None, Some(&secret)).await;
        assert_eq!(list.json().as_array().unwrap().len(), 1);
        assert!(!list.body.contains(&secret));
        // A volunteer may not read the outbox.
        let forbidden = c.send(reqwest::Method::GET, "/api/v1/admin/outbox", None, Some(&secret)).await;
        assert_eq!(forbidden.status, 403);
        assert_eq!(forbidden.json()["error"]["code"], "forbidden");
        let r = c.send(reqwest::Method::DELETE, &format!("/api/v1/me/tokens/{id}"), None, Some(&session)).await;
        assert_eq!(r.status, 204);
        assert_eq!(c.send(reqwest::Method::GET, "/api/v1/me", None, Some(&secret)).await.status, 401);
        let r = c.send(reqwest::Method::POST, "/api/v1/auth/logout", None, Some(&session)).await;
        assert_eq!(r.status, 204);
        assert_eq!(c.send(reqwest::Method::GET, "/api/v1/me", None, Some(&session)).await.status, 401);
        // Reset over the API.
        c.post_json("/api/v1/auth/password/forgot", &serde_json::json!({"email": "api-user@example.kz"}), None).await;
        let link = app.mailed_link("api-user@example.kz", "/password/reset?token=").await;
        let token = link.split("token=").nth(1).unwrap();
        let r = c.post_json("/api/v1/auth/password/reset", &serde_json::json!({"token": token, "password": "Jana-Qupia-Soz-2026"}), None).await;
        assert_eq!(r.status, 200, "{}", r.body);
        // An admin reads the outbox.
        let admin = app.admin("root@example.kz").await;
        let outbox = admin.get("/api/v1/admin/outbox").await;
        assert_eq!(outbox.status, 200);
        assert!(outbox.json().as_array().unwrap().iter().any(|m| m["to"] == "api-user@example.kz"));
    })
    .await;
}

#[test]
fn openapi_document_matches_the_snapshot() {
    let doc = web::api::openapi_json();
    assert_eq!(doc["openapi"], "3.1.0");
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn openapi_and_docs_are_served() {
    on_every_backend(|app| async move {
        let c = app.client();
        let doc = c.get("/api/v1/openapi.json").await.json();
        assert!(doc["paths"]["/api/v1/regions"]["get"].is_object());
        let page = c.get("/api/docs").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("/api/v1/me/tokens"));
        assert!(
            !page.body.contains("http://") || !page.body.contains("cdn"),
            "nothing from a CDN"
        );
    })
    .await;
}
