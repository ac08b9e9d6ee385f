//! Organizations over HTTP: every action of the issue × every role × in and out of scope,
//! bad input, concurrent decisions, on every backend.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{App, Client, PASSWORD, on_every_backend};

async fn token(app: &App, email: &str) -> String {
    let r = app
        .client()
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": email, "password": PASSWORD}),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{email}: {}", r.body);
    r.json()["token"].as_str().unwrap().to_owned()
}

struct People {
    c: Client,
    owner: String,
    coord: String,
    other: String,
    c55: String,
    c75: String,
    admin: String,
}

impl People {
    fn all(&self) -> Vec<(&'static str, Option<&str>)> {
        vec![
            ("owner", Some(self.owner.as_str())),
            ("coordinator", Some(self.coord.as_str())),
            ("other", Some(self.other.as_str())),
            ("c55", Some(self.c55.as_str())),
            ("c75", Some(self.c75.as_str())),
            ("admin", Some(self.admin.as_str())),
            ("visitor", None),
        ]
    }
    fn who(&self, name: &str) -> Option<&str> {
        self.all()
            .into_iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, t)| t)
    }
    async fn call(
        &self,
        who: &str,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> crate::Resp {
        self.c.send(method, path, body, self.who(who)).await
    }
    /// Asserts the status each person gets; `None` skips a person.
    async fn expect(
        &self,
        backend: &str,
        method: Method,
        path: &str,
        body: Option<&Value>,
        table: &[(&str, u16)],
    ) {
        for (who, status) in table {
            let r = self.call(who, method.clone(), path, body).await;
            assert_eq!(
                r.status, *status,
                "{backend}: {who} {method} {path}: {}",
                r.body
            );
        }
    }
}

fn org_body(name: &str, region: &str) -> Value {
    json!({"kind": "initiative_group", "name_kk": name, "region": region, "directions": ["qamqor"], "activity_types": ["social_help"]})
}

async fn setup(app: &App) -> (People, String) {
    for e in [
        "owner@example.kz",
        "coord@example.kz",
        "other@example.kz",
        "c55@example.kz",
        "c75@example.kz",
    ] {
        let _ = app.volunteer(e).await;
    }
    app::accounts::create_staff(
        &app.state,
        "admin@example.kz",
        "national_admin",
        None,
        Some(PASSWORD),
    )
    .await
    .unwrap();
    let c = app.client();
    let admin = token(app, "admin@example.kz").await;
    for (e, r) in [("c55@example.kz", "KZ-55"), ("c75@example.kz", "KZ-75")] {
        let res = c
            .post_json(
                "/api/v1/admin/coordinators",
                &json!({"email": e, "region": r, "appoint": true}),
                Some(&admin),
            )
            .await;
        assert_eq!(res.status, 204, "{}", res.body);
    }
    let p = People {
        owner: token(app, "owner@example.kz").await,
        coord: token(app, "coord@example.kz").await,
        other: token(app, "other@example.kz").await,
        c55: token(app, "c55@example.kz").await,
        c75: token(app, "c75@example.kz").await,
        admin,
        c,
    };
    let r =
        p.c.post_json(
            "/api/v1/organizations",
            &org_body("Павлодар жастары", "KZ-55"),
            Some(&p.owner),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let org = r.json()["id"].as_str().unwrap().to_owned();
    let other_org =
        p.c.post_json(
            "/api/v1/organizations",
            &org_body("Алматы еріктілері", "KZ-75"),
            Some(&p.other),
        )
        .await;
    assert_eq!(other_org.status, 201);
    // The coordinator joins through an invitation.
    let r =
        p.c.post_json(
            &format!("/api/v1/organizations/{org}/invitations"),
            &json!({"email": "coord@example.kz"}),
            Some(&p.owner),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.body);
    let link = app
        .mailed_link("coord@example.kz", "/invitations/accept?token=")
        .await;
    let t = link.split("token=").nth(1).unwrap();
    let r =
        p.c.post_json(
            "/api/v1/invitations/accept",
            &json!({"token": t}),
            Some(&p.coord),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let again =
        p.c.post_json(
            "/api/v1/invitations/accept",
            &json!({"token": t}),
            Some(&p.coord),
        )
        .await;
    assert_eq!(again.status, 404, "a used invitation does not work twice");
    assert_eq!(again.json()["error"]["code"], "invitation_invalid");
    (p, org)
}

#[tokio::test]
async fn every_action_by_every_role_in_and_out_of_scope() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let (p, org) = setup(&app).await;
        let o = format!("/api/v1/organizations/{org}");
        // Private details.
        for (who, sees) in [
            ("owner", true),
            ("coordinator", true),
            ("c55", true),
            ("admin", true),
            ("other", false),
            ("c75", false),
            ("visitor", false),
        ] {
            let r = p.call(who, Method::GET, &o, None).await;
            assert_eq!(r.status, 200);
            assert_eq!(
                r.json()["status"].is_string(),
                sees,
                "{b}: {who} sees the status"
            );
        }
        // Edit.
        let edit = org_body("Павлодар жастары (жаңа)", "KZ-55");
        p.expect(
            b,
            Method::PUT,
            &o,
            Some(&edit),
            &[
                ("other", 403),
                ("c55", 403),
                ("c75", 403),
                ("admin", 403),
                ("visitor", 401),
                ("owner", 200),
                ("coordinator", 200),
            ],
        )
        .await;
        // Ask for verification.
        let v = format!("{o}/verification");
        p.expect(
            b,
            Method::POST,
            &v,
            None,
            &[
                ("other", 403),
                ("c55", 403),
                ("c75", 403),
                ("admin", 403),
                ("visitor", 401),
                ("owner", 202),
                ("coordinator", 409),
            ],
        )
        .await;
        // The queue of KZ-55.
        let q = "/api/v1/front-office/KZ-55/queue";
        p.expect(
            b,
            Method::GET,
            q,
            None,
            &[
                ("c75", 403),
                ("owner", 403),
                ("coordinator", 403),
                ("other", 403),
                ("visitor", 401),
                ("c55", 200),
                ("admin", 200),
            ],
        )
        .await;
        let queue = p.call("c55", Method::GET, q, None).await.json();
        assert_eq!(queue.as_array().unwrap().len(), 1, "{b}");
        let req = queue[0]["id"].as_str().unwrap().to_owned();
        assert!(
            p.call("c75", Method::GET, "/api/v1/front-office/KZ-75/queue", None)
                .await
                .json()
                .as_array()
                .unwrap()
                .is_empty()
        );
        // Decide.
        let d = format!("/api/v1/verification/{req}/decision");
        let verify = json!({"decision": "verify"});
        p.expect(
            b,
            Method::POST,
            &d,
            Some(&verify),
            &[
                ("c75", 403),
                ("owner", 403),
                ("coordinator", 403),
                ("other", 403),
                ("visitor", 401),
            ],
        )
        .await;
        let no_reason = p
            .call(
                "c55",
                Method::POST,
                &d,
                Some(&json!({"decision": "reject", "reason": " "})),
            )
            .await;
        assert_eq!(no_reason.status, 422);
        assert_eq!(
            no_reason.json()["error"]["fields"]["reason"]["code"],
            "reason_required"
        );
        p.expect(
            b,
            Method::POST,
            &d,
            Some(&verify),
            &[("c55", 200), ("admin", 409)],
        )
        .await;
        assert_eq!(
            p.call("visitor", Method::GET, &o, None).await.json()["verified"],
            true
        );
        let dir = p
            .call(
                "visitor",
                Method::GET,
                "/api/v1/organizations?verified=1&region=KZ-55",
                None,
            )
            .await
            .json();
        assert_eq!(dir["total"], 1, "{b}: the badge shows in the directory");
        // Members.
        let invite = json!({"email": "new@example.kz"});
        p.expect(
            b,
            Method::POST,
            &format!("{o}/invitations"),
            Some(&invite),
            &[
                ("coordinator", 403),
                ("other", 403),
                ("c55", 403),
                ("admin", 403),
                ("visitor", 401),
                ("owner", 202),
            ],
        )
        .await;
        let coord_id = p
            .call("coordinator", Method::GET, "/api/v1/me", None)
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let owner_id = p
            .call("owner", Method::GET, "/api/v1/me", None)
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        p.expect(
            b,
            Method::DELETE,
            &format!("{o}/members/{coord_id}"),
            None,
            &[
                ("other", 403),
                ("c55", 403),
                ("admin", 403),
                ("visitor", 401),
            ],
        )
        .await;
        p.expect(
            b,
            Method::DELETE,
            &format!("{o}/members/{owner_id}"),
            None,
            &[("coordinator", 403), ("owner", 403)],
        )
        .await;
        let leave = p
            .call(
                "owner",
                Method::DELETE,
                &format!("{o}/members/{owner_id}"),
                None,
            )
            .await;
        assert_eq!(leave.json()["error"]["code"], "owner_cannot_leave", "{b}");
        // Audit of the organization.
        p.expect(
            b,
            Method::GET,
            &format!("{o}/audit"),
            None,
            &[
                ("c75", 403),
                ("other", 403),
                ("visitor", 401),
                ("owner", 200),
                ("c55", 200),
                ("admin", 200),
            ],
        )
        .await;
        let audit = p
            .call("owner", Method::GET, &format!("{o}/audit"), None)
            .await
            .json();
        let actions: Vec<&str> = audit
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        for a in [
            "organization.created",
            "organization.edited",
            "member.invited",
            "member.joined",
            "verification.requested",
            "verification.verify",
        ] {
            assert!(actions.contains(&a), "{b}: {a} in {actions:?}");
        }
        // Suspension.
        let s = format!("{o}/suspension");
        let suspend = json!({"suspend": true, "reason": "шағым"});
        p.expect(
            b,
            Method::POST,
            &s,
            Some(&suspend),
            &[
                ("owner", 403),
                ("c55", 403),
                ("other", 403),
                ("visitor", 401),
                ("admin", 200),
            ],
        )
        .await;
        assert_eq!(
            p.call("visitor", Method::GET, &o, None).await.status,
            404,
            "a suspended organization is not public"
        );
        assert_eq!(
            p.call(
                "visitor",
                Method::GET,
                "/api/v1/organizations?region=KZ-55",
                None
            )
            .await
            .json()["total"],
            0
        );
        p.expect(b, Method::POST, &s, Some(&suspend), &[("admin", 409)])
            .await;
        p.expect(
            b,
            Method::POST,
            &s,
            Some(&json!({"suspend": false, "reason": "тексерілді"})),
            &[("admin", 200)],
        )
        .await;
        assert_eq!(
            p.call("owner", Method::GET, &o, None).await.json()["status"],
            "verified",
            "restored to what it was"
        );
        // Ownership.
        let t = format!("{o}/owner");
        p.expect(
            b,
            Method::POST,
            &t,
            Some(&json!({"user_id": coord_id})),
            &[("coordinator", 403), ("admin", 403), ("other", 403)],
        )
        .await;
        p.expect(
            b,
            Method::POST,
            &t,
            Some(&json!({"user_id": coord_id})),
            &[("owner", 204)],
        )
        .await;
        p.expect(
            b,
            Method::POST,
            &format!("{o}/invitations"),
            Some(&invite),
            &[("owner", 403), ("coordinator", 202)],
        )
        .await;
        // The national admin's log and coordinators.
        p.expect(
            b,
            Method::GET,
            "/api/v1/admin/audit",
            None,
            &[
                ("c55", 403),
                ("owner", 403),
                ("visitor", 401),
                ("admin", 200),
            ],
        )
        .await;
        let appoint = json!({"email": "other@example.kz", "region": "KZ-55", "appoint": true});
        p.expect(
            b,
            Method::POST,
            "/api/v1/admin/coordinators",
            Some(&appoint),
            &[("c55", 403), ("owner", 403), ("visitor", 401)],
        )
        .await;
        let log = p
            .call(
                "admin",
                Method::GET,
                "/api/v1/admin/audit?action=role.",
                None,
            )
            .await
            .json();
        assert_eq!(
            log.as_array().unwrap().len(),
            2,
            "{b}: two appointments logged"
        );
    })
    .await;
}

#[tokio::test]
async fn legal_changes_send_a_verified_organization_back_to_review() {
    on_every_backend(|app| async move {
        let (p, org) = setup(&app).await;
        let o = format!("/api/v1/organizations/{org}");
        p.call("owner", Method::POST, &format!("{o}/verification"), None)
            .await;
        let req = p
            .call("c55", Method::GET, "/api/v1/front-office/KZ-55/queue", None)
            .await
            .json()[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        p.call(
            "c55",
            Method::POST,
            &format!("/api/v1/verification/{req}/decision"),
            Some(&json!({"decision": "verify"})),
        )
        .await;
        let mut body = org_body("Павлодар жастары", "KZ-55");
        body["description_ru"] = json!("Помогаем пожилым людям");
        let r = p.call("owner", Method::PUT, &o, Some(&body)).await;
        assert_eq!(
            r.json()["status"],
            "verified",
            "{}: a description is not a legal detail",
            app.backend
        );
        body["name_kk"] = json!("Жаңа атау");
        let r = p.call("owner", Method::PUT, &o, Some(&body)).await;
        assert_eq!(
            r.json()["status"],
            "verification_requested",
            "{}: renamed, back to review",
            app.backend
        );
        assert_eq!(
            p.call("c55", Method::GET, "/api/v1/front-office/KZ-55/queue", None)
                .await
                .json()
                .as_array()
                .unwrap()
                .len(),
            1
        );
    })
    .await;
}

#[tokio::test]
async fn two_coordinators_deciding_at_once_one_wins() {
    on_every_backend(|app| async move {
        let (p, org) = setup(&app).await;
        let admin = p.admin.clone();
        for i in 0..4 {
            let email = format!("x{i}@example.kz");
            let _ = app.volunteer(&email).await;
            p.c.post_json(
                "/api/v1/admin/coordinators",
                &json!({"email": email, "region": "KZ-55", "appoint": true}),
                Some(&admin),
            )
            .await;
        }
        let mut tokens = vec![p.c55.clone()];
        for i in 0..4 {
            tokens.push(token(&app, &format!("x{i}@example.kz")).await);
        }
        p.call(
            "owner",
            Method::POST,
            &format!("/api/v1/organizations/{org}/verification"),
            None,
        )
        .await;
        let req = p
            .call("c55", Method::GET, "/api/v1/front-office/KZ-55/queue", None)
            .await
            .json()[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let path = format!("/api/v1/verification/{req}/decision");
        let tasks: Vec<_> = tokens
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let http = p.c.http.clone();
                let url = format!("{}{path}", p.c.base);
                tokio::spawn(async move {
                    let body = if i % 2 == 0 {
                        json!({"decision": "verify"})
                    } else {
                        json!({"decision": "reject", "reason": "құжаттар жоқ"})
                    };
                    http.post(url)
                        .bearer_auth(t)
                        .json(&body)
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16()
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        statuses.sort();
        assert_eq!(
            statuses,
            vec![200, 409, 409, 409, 409],
            "{}: exactly one decision wins",
            app.backend
        );
        let audit = p
            .call(
                "owner",
                Method::GET,
                &format!("/api/v1/organizations/{org}/audit"),
                None,
            )
            .await
            .json();
        let decisions = audit.as_array().unwrap().iter().filter(|e| {
            let a = e["action"].as_str().unwrap();
            a == "verification.verify" || a == "verification.reject"
        });
        assert_eq!(decisions.count(), 1);
    })
    .await;
}

#[tokio::test]
async fn organization_form_rejects_bad_input_in_every_language() {
    on_every_backend(|app| async move {
        let c = app.volunteer("f@example.kz").await;
        for lang in ["kk", "ru", "en"] {
            c.get(&format!("/lang/{lang}?next=/")).await;
            let r = c.post_form("/organizations/new", &[]).await;
            assert_eq!(r.status, 405, "the form posts to /organizations");
            let page = c.get("/organizations/new").await;
            let token = crate::csrf_of(&page.body);
            let post = |fields: Vec<(&'static str, String)>| {
                let mut all = vec![("_csrf", token.clone())];
                all.extend(fields);
                let http = c.http.clone();
                let url = format!("{}/organizations", c.base);
                async move { http.post(url).form(&all).send().await.unwrap() }
            };
            let r = post(vec![
                ("kind", "ngo".into()),
                ("bin", "000140000006".into()),
                ("region", "KZ-55".into()),
                ("name_kk", "".into()),
                ("name_ru", " ".into()),
            ])
            .await;
            assert_eq!(r.status(), 422, "{} {lang}", app.backend);
            let body = r.text().await.unwrap();
            for id in [
                "bin-error",
                "name_kk-error",
                "name_ru-error",
                "name_en-error",
            ] {
                assert!(body.contains(&format!("id=\"{id}\"")), "{lang}: {id}");
            }
            assert!(
                body.contains("value=\"KZ-55\" selected"),
                "what was typed is kept"
            );
            let r = post(vec![
                ("kind", "initiative_group".into()),
                ("name_en", "x".repeat(201)),
                ("region", "KZ-00".into()),
                ("website", "javascript:alert(1)".into()),
                ("contact_email", "nope".into()),
            ])
            .await;
            let body = r.text().await.unwrap();
            for id in [
                "name_en-error",
                "region-error",
                "website-error",
                "contact_email-error",
            ] {
                assert!(body.contains(&format!("id=\"{id}\"")), "{lang}: {id}");
            }
        }
        let (list, total) =
            store::organizations::directory(&app.state.db, &Default::default(), 10, 0)
                .await
                .unwrap();
        assert_eq!((list.len(), total), (0, 0), "nothing half-written");
    })
    .await;
}

#[tokio::test]
async fn front_office_pages_are_scoped_to_their_region() {
    on_every_backend(|app| async move {
        let (p, org) = setup(&app).await;
        p.call(
            "owner",
            Method::POST,
            &format!("/api/v1/organizations/{org}/verification"),
            None,
        )
        .await;
        let req = p
            .call("c55", Method::GET, "/api/v1/front-office/KZ-55/queue", None)
            .await
            .json()[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let c75 = app.client();
        c75.post_form(
            "/login",
            &[("email", "c75@example.kz"), ("password", PASSWORD)],
        )
        .await;
        let r = c75.get("/front-office/KZ-55").await;
        assert_eq!(r.status, 403, "{}", app.backend);
        assert!(!r.body.contains("id=\"queue\""), "the queue is not shown");
        assert_eq!(c75.get(&format!("/verification/{req}")).await.status, 403);
        assert_eq!(
            c75.get("/front-office").await.location(),
            "/front-office/KZ-75"
        );
        let c55 = app.client();
        c55.post_form(
            "/login",
            &[("email", "c55@example.kz"), ("password", PASSWORD)],
        )
        .await;
        let q = c55.get("/front-office/KZ-55").await;
        assert!(
            q.body.contains(&format!("/verification/{req}")),
            "{}",
            q.body
        );
        let page = c55.get(&format!("/verification/{req}")).await;
        let token = crate::csrf_of(&page.body);
        let r = c55
            .http
            .post(format!("{}/verification/{req}", app.base))
            .form(&[("_csrf", token.as_str()), ("decision", "verify")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let dir = app.client().get("/organizations?verified=1").await.body;
        assert!(dir.contains("badge verified"), "{}", app.backend);
        let org_page = app
            .client()
            .get(&format!("/organizations/{org}"))
            .await
            .body;
        assert!(org_page.contains("id=\"verified-badge\""));
        assert!(
            !org_page.contains("id=\"audit\""),
            "visitors do not see the audit log"
        );
        assert!(
            !org_page.contains("owner@example.kz"),
            "members' public names only"
        );
        // The owner was told by e-mail.
        let mail = store::outbox::recent(&app.state.db, Some("owner@example.kz"), 5)
            .await
            .unwrap();
        assert!(
            mail.iter().any(|m| m.kind == "org_verify"),
            "{}",
            app.backend
        );
    })
    .await;
}

#[tokio::test]
async fn register_applications_decisions_public_list_and_exports() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let (p, org) = setup(&app).await;
        let apply = json!({"applicant": "volunteer", "activity_types": ["environment"], "participants": "1", "projects": "Таза Павлодар"});
        let r = p.call("other", Method::POST, "/api/v1/register/applications", Some(&apply)).await;
        assert_eq!(r.status, 422, "{b}: a region is needed first");
        assert_eq!(r.json()["error"]["fields"]["applicant"]["code"], "register_profile_region");
        p.call("other", Method::PUT, "/api/v1/me/profile", Some(&json!({"display_name": "Ерлан", "first_name": "Ерлан", "last_name": "Омаров", "region": "KZ-55"}))).await;
        let bad = json!({"applicant": "volunteer", "activity_types": [], "participants": "0", "projects": ""});
        let r = p.call("other", Method::POST, "/api/v1/register/applications", Some(&bad)).await;
        let fields = &r.json()["error"]["fields"];
        assert_eq!(fields["participants"]["code"], "number_out_of_range", "{b}");
        assert_eq!(fields["activity_types"]["code"], "required");
        assert_eq!(fields["projects"]["code"], "required");
        let r = p.call("other", Method::POST, "/api/v1/register/applications", Some(&apply)).await;
        assert_eq!(r.status, 201, "{b}: {}", r.body);
        let vol_entry = r.json()["id"].as_str().unwrap().to_owned();
        assert_eq!(p.call("other", Method::POST, "/api/v1/register/applications", Some(&apply)).await.status, 409);
        // An organization applies through its owner only.
        let for_org = json!({"applicant": "organization", "organization_id": org, "activity_types": ["social_help"], "participants": "25", "projects": "Қарттарға көмек"});
        p.expect(b, Method::POST, "/api/v1/register/applications", Some(&for_org), &[("coordinator", 403), ("other", 403), ("c55", 403), ("visitor", 401), ("owner", 201)]).await;
        let mut nobody = for_org.clone();
        nobody["organization_id"] = json!(uuid::Uuid::now_v7());
        let r = p.call("owner", Method::POST, "/api/v1/register/applications", Some(&nobody)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str()), (404, Some("not_found")), "{b}: a well-formed key of no organization: {}", r.body);
        // Decisions: the national admin only; concurrent ones, one wins.
        p.expect(b, Method::GET, "/api/v1/admin/register", None, &[("owner", 403), ("c55", 403), ("visitor", 401), ("admin", 200)]).await;
        let d = format!("/api/v1/admin/register/{vol_entry}/decision");
        p.expect(b, Method::POST, &d, Some(&json!({"decision": "include"})), &[("owner", 403), ("c55", 403), ("visitor", 401)]).await;
        let refuse_no_reason = p.call("admin", Method::POST, &d, Some(&json!({"decision": "refuse"}))).await;
        assert_eq!(refuse_no_reason.json()["error"]["fields"]["reason"]["code"], "reason_required");
        let tasks: Vec<_> = (0..6)
            .map(|i| {
                let http = p.c.http.clone();
                let url = format!("{}{d}", p.c.base);
                let t = p.admin.clone();
                tokio::spawn(async move {
                    let body = if i % 2 == 0 { json!({"decision": "include"}) } else { json!({"decision": "refuse", "reason": "толық емес"}) };
                    http.post(url).bearer_auth(t).json(&body).send().await.unwrap().status().as_u16()
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        statuses.sort();
        assert_eq!(statuses, vec![204, 409, 409, 409, 409, 409], "{b}: one decision wins");
        let queue = p.call("admin", Method::GET, "/api/v1/admin/register", None).await.json();
        let org_entry = queue.as_array().unwrap().iter().find(|e| e["applicant_kind"] == "organization").unwrap()["id"].as_str().unwrap().to_owned();
        let r = p.call("admin", Method::POST, &format!("/api/v1/admin/register/{org_entry}/decision"), Some(&json!({"decision": "include"}))).await;
        assert_eq!(r.status, 204);
        // The public register, filtered, and its exports.
        let public = p.call("visitor", Method::GET, "/api/v1/register?activity_type=social_help&region=KZ-55", None).await.json();
        assert_eq!(public["total"], 1, "{b}");
        assert_eq!(public["items"][0]["public_name"], "Павлодар жастары");
        let page = app.client().get("/register?kind=organization").await;
        assert!(page.body.contains("Павлодар жастары"));
        let csv = app.client().get_with("/register/export.csv?kind=organization", "accept-language", "ru").await;
        assert_eq!(csv.headers.get("content-type").unwrap(), "text/csv; charset=utf-8");
        assert!(csv.body.contains("Павлодар жастары") && csv.body.contains("Павлодарская область"), "{}", csv.body);
        let xlsx = app.client().http.get(format!("{}/register/export.xlsx", app.base)).send().await.unwrap();
        assert!(xlsx.headers().get("content-type").unwrap().to_str().unwrap().contains("spreadsheetml"));
        let bytes = xlsx.bytes().await.unwrap();
        assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip");
        // Exclusion, with a reason; the applicant is told.
        let r = p.call("admin", Method::POST, &format!("/api/v1/admin/register/{org_entry}/decision"), Some(&json!({"decision": "exclude", "reason": "қызмет тоқтады"}))).await;
        assert_eq!(r.status, 204);
        assert_eq!(p.call("visitor", Method::GET, "/api/v1/register?kind=organization", None).await.json()["total"], 0);
        let mail = store::outbox::recent(&app.state.db, Some("owner@example.kz"), 10).await.unwrap();
        assert!(mail.iter().any(|m| m.kind == "register_excluded"), "{b}");
        assert!(mail.iter().any(|m| m.kind == "register_included"));
    })
    .await;
}

fn multipart(token: &str, file: &[u8], filename: &str, content_type: &str) -> (String, Vec<u8>) {
    crate::multipart(&[("_csrf", token)], "logo", file, filename, content_type)
}

#[tokio::test]
async fn logos_are_checked_by_their_bytes_and_served_with_a_safe_type() {
    on_every_backend(|app| async move {
        let (_, org) = setup(&app).await;
        let owner = app.client();
        owner
            .post_form(
                "/login",
                &[("email", "owner@example.kz"), ("password", PASSWORD)],
            )
            .await;
        let page = owner.get(&format!("/organizations/{org}")).await;
        assert!(page.body.contains("form id=\"logo\""), "{}", app.backend);
        let token = crate::csrf_of(&page.body);
        let png: Vec<u8> = [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![7u8; 300 * 1024]].concat();
        let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
        let big: Vec<u8> = [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0u8; 600 * 1024]].concat();
        let url = format!("{}/organizations/{org}/logo", app.base);
        for (bytes, name, ct, status) in [
            (svg.to_vec(), "logo.png", "image/png", 422),
            (big, "big.png", "image/png", 422),
            (
                [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0u8; 2 * 1024 * 1024]].concat(),
                "huge.png",
                "image/png",
                413,
            ),
            (png.clone(), "logo.svg", "image/svg+xml", 303),
        ] {
            let (ctype, body) = multipart(&token, &bytes, name, ct);
            let r = owner
                .http
                .post(&url)
                .header("content-type", ctype)
                .body(body)
                .send()
                .await
                .unwrap();
            let st = r.status().as_u16();
            let text = r.text().await.unwrap_or_default();
            assert_eq!(st, status, "{}: {name}: {text}", app.backend);
            if st == 422 {
                assert!(text.contains("id=\"logo-error\""));
            }
        }
        let r = app.client().http.get(&url).send().await.unwrap();
        assert_eq!(
            r.headers().get("content-type").unwrap(),
            "image/png",
            "the sniffed type, not the declared one"
        );
        assert!(
            r.headers()
                .get("content-security-policy")
                .unwrap()
                .to_str()
                .unwrap()
                .contains("sandbox")
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), png.as_slice());
        // Someone else cannot change it.
        let other = app.client();
        other
            .post_form(
                "/login",
                &[("email", "other@example.kz"), ("password", PASSWORD)],
            )
            .await;
        let t = crate::csrf_of(&other.get("/profile").await.body);
        let (ctype, body) = multipart(&t, &png, "x.png", "image/png");
        let r = other
            .http
            .post(&url)
            .header("content-type", ctype)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    })
    .await;
}

#[tokio::test]
async fn members_are_managed_from_the_organization_page() {
    on_every_backend(|app| async move {
        let (p, org) = setup(&app).await;
        let coord_id = p
            .call("coordinator", Method::GET, "/api/v1/me", None)
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let owner = app.client();
        owner
            .post_form(
                "/login",
                &[("email", "owner@example.kz"), ("password", PASSWORD)],
            )
            .await;
        let page = owner.get(&format!("/organizations/{org}")).await.body;
        assert!(
            page.contains(&format!("/members/{coord_id}/remove")),
            "{}",
            app.backend
        );
        let token = crate::csrf_of(&page);
        let post = |path: String| {
            let http = owner.http.clone();
            let token = token.clone();
            let url = format!("{}{path}", app.base);
            async move {
                http.post(url)
                    .form(&[("_csrf", token.as_str())])
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
        };
        assert_eq!(
            post(format!("/organizations/{org}/members/{coord_id}/nonsense")).await,
            404
        );
        assert_eq!(
            post(format!("/organizations/{org}/members/{coord_id}/owner")).await,
            303
        );
        let members = p
            .call(
                "visitor",
                Method::GET,
                &format!("/api/v1/organizations/{org}"),
                None,
            )
            .await
            .json()["members"]
            .clone();
        let owners: Vec<_> = members
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["role"] == "org_owner")
            .collect();
        assert_eq!(owners.len(), 1);
        assert_eq!(owners[0]["user_id"], coord_id.as_str());
        // The former owner is now a coordinator and may leave.
        let me = p
            .call("owner", Method::GET, "/api/v1/me", None)
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            post(format!("/organizations/{org}/members/{me}/remove")).await,
            303
        );
        assert_eq!(
            p.call(
                "visitor",
                Method::GET,
                &format!("/api/v1/organizations/{org}"),
                None
            )
            .await
            .json()["members"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    })
    .await;
}
