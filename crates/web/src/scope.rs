//! What an error needs to know of the request it answers: the language, the path and, once
//! a handler has extracted it, the page context. A layer opens the scope around every
//! request, so that page and API errors made with `?` deep in a handler still render
//! translated, with the page's layout. The language of a request is negotiated here.

use std::any::Any;
use std::cell::RefCell;

use axum::extract::Request;
use axum::http::{HeaderMap, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use domain::Lang;

/// Name of the language cookie.
pub const LANG_COOKIE: &str = "erikti_lang";

/// The language of a request: cookie, else Accept-Language, else Kazakh.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    domain::negotiate(
        crate::auth::cookie(headers, LANG_COOKIE),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// What the scope holds.
struct Scope {
    lang: Lang,
    uri: Uri,
    ctx: RefCell<Option<Box<dyn Any + Send>>>,
}

tokio::task_local! {
    static SCOPE: Scope;
}

/// Opens the scope for one request.
pub async fn layer(req: Request, next: Next) -> Response {
    let scope = Scope {
        lang: request_lang(req.headers()),
        uri: req.uri().clone(),
        ctx: RefCell::new(None),
    };
    SCOPE.scope(scope, next.run(req)).await
}

/// The language of the request (Kazakh outside a request).
pub fn lang() -> Lang {
    SCOPE.try_with(|s| s.lang).unwrap_or_default()
}

/// The path and query of the request.
pub fn path() -> String {
    SCOPE
        .try_with(|s| s.uri.path_and_query().map(|p| p.as_str().to_owned()))
        .ok()
        .flatten()
        .unwrap_or_else(|| "/".into())
}

/// Remembers the page context once it is known.
pub fn remember<T: Clone + Send + 'static>(ctx: &T) {
    let _ = SCOPE.try_with(|s| *s.ctx.borrow_mut() = Some(Box::new(ctx.clone())));
}

/// The page context, when a handler extracted it.
pub fn ctx<T: Clone + 'static>() -> Option<T> {
    SCOPE
        .try_with(|s| {
            s.ctx
                .borrow()
                .as_ref()
                .and_then(|c| c.downcast_ref::<T>())
                .cloned()
        })
        .ok()
        .flatten()
}
