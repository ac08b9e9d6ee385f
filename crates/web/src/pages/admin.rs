//! Staff pages: the mailbox (outbox) for national admins; the API documentation.

use askama::Template;
use axum::response::Response;

use crate::ctx::{Ctx, Signed};
use crate::error::PageResult;
use crate::pages::render;

/// One message as the mailbox shows it: text split so that links become anchors.
pub struct MailView {
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Queued at, formatted.
    pub created: String,
    /// Delivery state.
    pub delivery: String,
    /// Body pieces: (text, is_link).
    pub parts: Vec<(String, bool)>,
}

/// The mailbox page.
#[derive(Template)]
#[template(path = "mailbox.html")]
pub struct MailboxPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Newest first.
    pub messages: Vec<MailView>,
}

fn split_links(body: &str) -> Vec<(String, bool)> {
    let mut parts = Vec::new();
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            parts.push(("\n".to_owned(), false));
        }
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                parts.push((" ".to_owned(), false));
            }
            let link = word.starts_with("http://") || word.starts_with("https://");
            parts.push((word.to_owned(), link));
        }
    }
    parts
}

/// GET /admin/mailbox
pub async fn mailbox(Signed { state, ctx, me }: Signed) -> PageResult {
    let messages = app::mail::outbox(&state, &me).await?;
    let lang = ctx.lang;
    let page = MailboxPage {
        messages: messages
            .into_iter()
            .map(|m| MailView {
                parts: split_links(&m.body_text),
                to: m.to_addr,
                subject: m.subject,
                created: domain::format_datetime(m.created_at, lang),
                delivery: app::i18n::t(lang, &format!("delivery_{}", m.delivery)),
            })
            .collect(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// One operation of the API, for the docs page.
pub struct OpView {
    /// HTTP method.
    pub method: String,
    /// Path.
    pub path: String,
    /// Summary.
    pub summary: String,
    /// Needs a token.
    pub secured: bool,
}

/// The API documentation page, rendered from the OpenAPI document.
#[derive(Template)]
#[template(path = "api_docs.html")]
pub struct ApiDocsPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Operations grouped by tag.
    pub groups: Vec<(String, Vec<OpView>)>,
    /// Schema names and their JSON.
    pub schemas: Vec<(String, String)>,
}

/// GET /api/docs
pub async fn api_docs(ctx: Ctx) -> Response {
    let doc = crate::api::openapi_json();
    let mut groups: std::collections::BTreeMap<String, Vec<OpView>> = Default::default();
    if let Some(paths) = doc.get("paths").and_then(|p| p.as_object()) {
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, op) in item {
                let tag = op
                    .get("tags")
                    .and_then(|t| t.get(0))
                    .and_then(|t| t.as_str())
                    .unwrap_or("other")
                    .to_owned();
                groups.entry(tag).or_default().push(OpView {
                    method: method.to_uppercase(),
                    path: path.clone(),
                    summary: op
                        .get("summary")
                        .and_then(|s| s.as_str())
                        .unwrap_or("")
                        .to_owned(),
                    secured: op.get("security").is_some(),
                });
            }
        }
    }
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(|s| s.as_object())
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        serde_json::to_string_pretty(v).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let page = ApiDocsPage {
        groups: groups.into_iter().collect(),
        schemas,
        ctx,
    };
    render(&page.ctx, &page)
}
