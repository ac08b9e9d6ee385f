//! Pages of help requests: the public request form (large type, few fields) and its phone
//! code, the person's confirmation that help was given, the front-office's queue, phone
//! intake, triage, ranking and offers, the volunteer's requests, and emergency calls.

use app::OpError;
use app::help::{self, RankedView, RequestView};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Lang;
use domain::help::{HelpType, RequestInput, Urgency};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::{CsrfForm, Ctx, Id, IdAnd, Me, Signed};
use crate::error::{PageError, PageResult, message_page};
use crate::pages::forms::Errors;
use crate::pages::{redirect_with_flash, render, render_status};

/// A choice of a select: (value, label, selected).
pub type Choice = (String, String, bool);

fn choices<'a>(items: impl Iterator<Item = (&'a str, String)>, selected: &str) -> Vec<Choice> {
    items
        .map(|(code, label)| (code.to_owned(), label, code == selected))
        .collect()
}

/// The request form (public, or the operator's phone intake).
#[derive(Template)]
#[template(path = "help_form.html")]
pub struct HelpForm {
    /// Layout context.
    pub ctx: Ctx,
    /// Where the form posts.
    pub action: String,
    /// Filed by an operator for a caller.
    pub operator: bool,
    /// As typed.
    pub input: RequestInput,
    /// Errors beside the fields.
    pub errors: Errors,
    /// Categories.
    pub categories: Vec<Choice>,
    /// Kinds of help.
    pub types: Vec<Choice>,
    /// Regions.
    pub regions: Vec<Choice>,
    /// Languages.
    pub langs: Vec<Choice>,
    /// Urgencies.
    pub urgencies: Vec<Choice>,
}

fn form(
    ctx: Ctx,
    action: String,
    operator: bool,
    input: RequestInput,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let lang = ctx.lang;
    let page = HelpForm {
        action,
        operator,
        categories: choices(
            domain::reference::BENEFICIARY_CATEGORIES
                .iter()
                .map(|c| (c.code, c.name(lang).to_owned())),
            &input.category,
        ),
        types: choices(
            HelpType::ALL
                .iter()
                .map(|t| (t.code(), ctx.t(&format!("help_type_{}", t.code())))),
            &input.help_type,
        ),
        regions: choices(
            domain::REGIONS.iter().map(|r| {
                (
                    r.code,
                    match lang {
                        Lang::Kk => r.kk,
                        Lang::Ru => r.ru,
                        Lang::En => r.en,
                    }
                    .to_owned(),
                )
            }),
            &input.region,
        ),
        langs: choices(
            [Lang::Kk, Lang::Ru, Lang::En]
                .iter()
                .map(|l| (l.code(), l.native_name().to_owned())),
            if input.lang.is_empty() {
                lang.code()
            } else {
                &input.lang
            },
        ),
        urgencies: choices(
            Urgency::ALL
                .iter()
                .map(|u| (u.code(), ctx.t(&format!("help_urgency_{}", u.code())))),
            if input.urgency.is_empty() {
                "normal"
            } else {
                &input.urgency
            },
        ),
        input,
        errors,
        ctx,
    };
    render_status(&page.ctx, status, &page)
}

fn input_of(f: &CsrfForm) -> RequestInput {
    RequestInput {
        category: f.get("category").to_owned(),
        help_type: f.get("help_type").to_owned(),
        description: f.get("description").to_owned(),
        region: f.get("region").to_owned(),
        locality: f.get("locality").to_owned(),
        address: f.get("address").to_owned(),
        lat: f.get("lat").to_owned(),
        lon: f.get("lon").to_owned(),
        phone: f.get("phone").to_owned(),
        name: f.get("name").to_owned(),
        lang: f.get("lang").to_owned(),
        urgency: f.get("urgency").to_owned(),
        preferred_from: f.get("preferred_from").to_owned(),
        preferred_to: f.get("preferred_to").to_owned(),
    }
}

/// GET /help — ask for help (no account needed).
pub async fn ask(ctx: Ctx) -> Response {
    let lang = ctx.lang;
    form(
        ctx,
        "/help".into(),
        false,
        RequestInput::default(),
        Errors::new(lang),
        StatusCode::OK,
    )
}

/// POST /help — without a map point, the region's centre stands in until the
/// front-office corrects it during triage (ranking is then approximate).
pub async fn file(State(state): State<AppState>, ctx: Ctx, f: CsrfForm) -> PageResult {
    let mut input = input_of(&f);
    let ip = ctx.ip.map(|i| i.to_string());
    match help::file_from_form(&state, ctx.lang, &mut input, ip.as_deref()).await {
        Ok(id) => Ok(Redirect::to(&format!("/help/{id}/confirm")).into_response()),
        Err(OpError::Invalid(errors)) => Ok(form(
            ctx,
            "/help".into(),
            false,
            input,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(e) => Err(e.into()),
    }
}

/// The code page: confirm the phone of a new request, or that help was given.
#[derive(Template)]
#[template(path = "help_code.html")]
pub struct CodePage {
    /// Layout context.
    pub ctx: Ctx,
    /// The request.
    pub id: Uuid,
    /// `confirm` or `done`.
    pub purpose: &'static str,
    /// Error beside the code.
    pub error: Option<String>,
    /// Done: confirmed.
    pub finished: bool,
}

fn code_page(
    ctx: Ctx,
    id: Uuid,
    purpose: &'static str,
    error: Option<String>,
    finished: bool,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = CodePage {
        id,
        purpose,
        error,
        finished,
        ctx,
    };
    render_status(&page.ctx, status, &page)
}

/// GET /help/{id}/{confirm|done}
pub async fn code_form(ctx: Ctx, IdAnd(id, what): IdAnd) -> PageResult {
    match what.as_str() {
        "confirm" => Ok(code_page(ctx, id, "confirm", None, false)),
        "done" => Ok(code_page(ctx, id, "done", None, false)),
        _ => Err(PageError::not_found()),
    }
}

/// POST /help/{id}/{confirm|done|resend}
pub async fn code_post(
    State(state): State<AppState>,
    ctx: Ctx,
    IdAnd(id, what): IdAnd,
    f: CsrfForm,
) -> PageResult {
    let lang = ctx.lang;
    let (purpose, r) = match what.as_str() {
        "confirm" => (
            "confirm",
            help::check_code(&state, lang, id, "request", f.get("code")).await,
        ),
        "done" => (
            "done",
            help::confirm_done_by_code(
                &state,
                lang,
                id,
                f.get("code"),
                f.get("feedback"),
                f.get("rating").parse().ok(),
            )
            .await,
        ),
        "resend" => {
            let ip = ctx.ip.map(|i| i.to_string());
            help::resend_code(&state, id, ip.as_deref()).await?;
            return Ok(redirect_with_flash(
                &format!("/help/{id}/confirm"),
                "flash_code_sent",
            ));
        }
        _ => return Err(PageError::not_found()),
    };
    match r {
        Ok(()) => Ok(code_page(ctx, id, purpose, None, true)),
        Err(OpError::Invalid(e)) => {
            let msg = e.get("code").map(str::to_owned);
            Ok(code_page(ctx, id, purpose, msg, false))
        }
        Err(e) => Err(e.into()),
    }
}

/// The front-office's help desk of a region.
#[derive(Template)]
#[template(path = "help_queue.html")]
pub struct QueuePage {
    /// Layout context.
    pub ctx: Ctx,
    /// Region code.
    pub code: String,
    /// Region name.
    pub region: String,
    /// (title key, requests): new; approved, waiting; taken; done.
    pub groups: Vec<(&'static str, Vec<Row>)>,
    /// Open emergency calls of the region.
    pub calls: Vec<(Uuid, String, String)>,
}

/// A request in a list.
pub struct Row {
    /// Key.
    pub id: Uuid,
    /// Kind of help, translated.
    pub help: String,
    /// Category, translated.
    pub category: String,
    /// Town or district.
    pub place: String,
    /// Urgency code.
    pub urgency: String,
    /// Urgency, translated.
    pub urgency_text: String,
    /// Filed, formatted.
    pub at: String,
    /// Status, translated.
    pub status: String,
}

fn row(ctx: &Ctx, v: &RequestView) -> Row {
    let lang = ctx.lang;
    Row {
        id: v.id,
        help: ctx.t(&format!("help_type_{}", v.help_type)),
        category: domain::reference::beneficiary_category(&v.category)
            .map(|c| c.name(lang).to_owned())
            .unwrap_or_default(),
        place: v.locality.clone().unwrap_or_default(),
        urgency: v.urgency.clone(),
        urgency_text: ctx.t(&format!("help_urgency_{}", v.urgency)),
        at: domain::format_datetime(v.created_at, lang),
        status: ctx.t(&format!("help_status_{}", v.status)),
    }
}

fn region_name(code: &str, lang: Lang) -> String {
    domain::RegionCode::parse(code)
        .map(|r| r.name(lang).to_owned())
        .unwrap_or_default()
}

/// GET /front-office/{region}/help
pub async fn queue(Signed { state, ctx, me }: Signed, Path(region): Path<String>) -> PageResult {
    let desk = help::desk(&state, &me, &region).await?;
    let rows = |list: &[app::help::HelpRequest]| -> Vec<Row> {
        list.iter()
            .map(|r| row(&ctx, &help::view(Some(&me), r)))
            .collect()
    };
    let groups = vec![
        ("help_queue_new", rows(&desk.new)),
        ("help_queue_open", rows(&desk.open)),
        ("help_queue_taken", rows(&desk.taken)),
        ("help_queue_done", rows(&desk.done)),
    ];
    let calls = desk
        .calls
        .into_iter()
        .map(|c| {
            (
                c.id,
                c.title,
                domain::format_datetime(c.starts_at, ctx.lang),
            )
        })
        .collect();
    let page = QueuePage {
        region: region_name(&region, ctx.lang),
        code: region,
        groups,
        calls,
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// GET /front-office/{region}/help/new — phone intake.
pub async fn intake(ctx: Ctx, Me(me): Me, Path(region): Path<String>) -> PageResult {
    help::authorize_desk(&me, &region)?;
    let lang = ctx.lang;
    let input = RequestInput {
        region: region.clone(),
        ..Default::default()
    };
    Ok(form(
        ctx,
        format!("/front-office/{region}/help/new"),
        true,
        input,
        Errors::new(lang),
        StatusCode::OK,
    ))
}

/// POST /front-office/{region}/help/new
pub async fn intake_post(
    Signed { state, ctx, me }: Signed,
    Path(region): Path<String>,
    f: CsrfForm,
) -> PageResult {
    let mut input = input_of(&f);
    input.region = region.clone();
    match help::file(&state, ctx.lang, &input, None, Some(&me)).await {
        Ok(id) => Ok(redirect_with_flash(
            &format!("/help-requests/{id}"),
            "flash_help_filed",
        )),
        Err(OpError::Invalid(errors)) => Ok(form(
            ctx,
            format!("/front-office/{region}/help/new"),
            true,
            input,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(e) => Err(e.into()),
    }
}

/// One request.
#[derive(Template)]
#[template(path = "help_request.html")]
pub struct RequestPage {
    /// Layout context.
    pub ctx: Ctx,
    /// What the viewer may see.
    pub r: RequestView,
    /// As a list row (translated labels).
    pub row: Row,
    /// Region name.
    pub region: String,
    /// The viewer runs the region's help desk.
    pub staff: bool,
    /// Ranked volunteers (staff, open requests).
    pub ranked: Vec<RankedView>,
    /// The viewer may take it (offered to her).
    pub can_take: bool,
    /// Open, but not offered to the viewer: why she cannot take it.
    pub not_offered: bool,
}

/// GET /help-requests/{id}
pub async fn show(Signed { state, ctx, me }: Signed, Id(id): Id) -> PageResult {
    let d = help::detail(&state, ctx.lang, &me, id).await?;
    let v = help::view(Some(&me), &d.request);
    let page = RequestPage {
        row: row(&ctx, &v),
        region: region_name(&d.request.region_code, ctx.lang),
        staff: d.staff,
        ranked: d.ranked,
        can_take: d.can_take,
        not_offered: d.not_offered,
        r: v,
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /help-requests/{id}/{action} — triage (`approve`, `reject`, `duplicate`,
/// `cancel`), `offer` (chosen `volunteer`s), the volunteer's `take`, `decline`, `start`,
/// `complete` (`minutes`), `release`, and the operator's `confirmed` (the person said so by
/// phone).
pub async fn act(
    Signed { state, ctx, me }: Signed,
    IdAnd(id, action): IdAnd,
    f: CsrfForm,
) -> PageResult {
    let lang = ctx.lang;
    let back = format!("/help-requests/{id}");
    let r = match action.as_str() {
        "approve" | "reject" | "cancel" | "duplicate" => {
            let of = Uuid::parse_str(f.get("duplicate_of").trim()).ok();
            help::decide(&state, lang, &me, id, &action, f.get("reason"), of).await
        }
        "offer" => {
            let chosen: Vec<Uuid> = f
                .all("volunteer")
                .iter()
                .filter_map(|v| Uuid::parse_str(v).ok())
                .collect();
            help::offer(&state, &me, id, &chosen).await
        }
        "take" => help::take(&state, &me, id).await,
        "decline" => help::decline(&state, &me, id).await,
        "start" => help::start(&state, &me, id).await,
        "release" => help::release(&state, &me, id).await,
        "complete" => help::complete(&state, lang, &me, id, f.get("minutes"))
            .await
            .map(|_| ()),
        "confirmed" => help::confirm_done_by_operator(&state, &me, id, f.get("feedback")).await,
        _ => Err(OpError::NotFound),
    };
    match r {
        Ok(()) if action == "decline" => Ok(redirect_with_flash("/me/help", "flash_saved")),
        Ok(()) => Ok(redirect_with_flash(&back, "flash_saved")),
        // Not offered to her, or another volunteer was quicker: why, and the way back to
        // her requests (the request page may no longer be hers to see).
        Err(OpError::Forbidden(code)) if action == "take" && code != "unauthenticated" => {
            let msg = ctx.t(code);
            Ok(message_page(ctx, StatusCode::FORBIDDEN, &msg, "/me/help"))
        }
        Err(OpError::Conflict(code)) if action == "take" => {
            let msg = ctx.t(code);
            Ok(message_page(ctx, StatusCode::CONFLICT, &msg, "/me/help"))
        }
        Err(OpError::Invalid(e)) => {
            let msg = e
                .iter()
                .next()
                .map(|(_, (_, m))| m.clone())
                .unwrap_or_default();
            Ok(message_page(
                ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                &msg,
                &back,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// The volunteer's requests.
#[derive(Template)]
#[template(path = "my_help.html")]
pub struct MinePage {
    /// Layout context.
    pub ctx: Ctx,
    /// (title key, id, hint key, requests): offered to her, taken by her, open near her.
    pub groups: Vec<(&'static str, &'static str, Option<&'static str>, Vec<Row>)>,
    /// Her point, as typed.
    pub lat: String,
    /// Her point, as typed.
    pub lon: String,
}

/// GET /me/help
pub async fn mine(Signed { state, ctx, me }: Signed) -> PageResult {
    let help::ForVolunteer { mine, near, point } = help::for_volunteer(&state, &me).await?;
    let (mut offered, mut taken) = (Vec::new(), Vec::new());
    for (r, is_offer) in &mine {
        let v = help::view(Some(&me), r);
        if *is_offer {
            offered.push(row(&ctx, &v));
        } else if r.assignee_id == Some(me.user.id) {
            taken.push(row(&ctx, &v));
        }
    }
    let near = near
        .iter()
        .map(|r| row(&ctx, &help::view(Some(&me), r)))
        .collect();
    let page = MinePage {
        groups: vec![
            ("my_help_offered", "offered", None, offered),
            ("my_help_taken", "taken", None, taken),
            ("my_help_near", "near", Some("my_help_near_hint"), near),
        ],
        lat: point.map(|p| p.0.to_string()).unwrap_or_default(),
        lon: point.map(|p| p.1.to_string()).unwrap_or_default(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /me/help/point
pub async fn set_point(Signed { state, ctx, me }: Signed, f: CsrfForm) -> PageResult {
    let num = |k: &str| f.get(k).trim().replace(',', ".").parse::<f64>().ok();
    help::set_home_point(&state, ctx.lang, &me, num("lat"), num("lon")).await?;
    Ok(redirect_with_flash("/me/help", "flash_saved"))
}

/// An emergency call.
#[derive(Template)]
#[template(path = "emergency.html")]
pub struct CallPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The call.
    pub c: app::help::Call,
    /// Starts, formatted.
    pub starts: String,
    /// Status, translated.
    pub status_text: String,
    /// The viewer runs it.
    pub staff: bool,
    /// Who answered (staff).
    pub answers: Vec<app::help::Answer>,
}

/// GET /emergency/{id}
pub async fn call(Signed { state, ctx, me }: Signed, Id(id): Id) -> PageResult {
    let help::CallView {
        call: c,
        staff,
        answers,
    } = help::emergency_call(&state, &me, id).await?;
    let page = CallPage {
        starts: domain::format_datetime(c.starts_at, ctx.lang),
        status_text: ctx.t(&format!("emergency_status_{}", c.status)),
        c,
        staff,
        answers,
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /emergency/{id}/{answer|roll|close}
pub async fn call_act(
    Signed { state, me, .. }: Signed,
    IdAnd(id, action): IdAnd,
    f: CsrfForm,
) -> PageResult {
    match action.as_str() {
        "answer" => help::answer_call(&state, &me, id).await,
        "close" => help::close_call(&state, &me, id).await,
        "roll" => match Uuid::parse_str(f.get("volunteer")) {
            Ok(v) => help::roll(&state, &me, id, v, f.get("mark")).await,
            Err(_) => Err(OpError::NotFound),
        },
        _ => Err(OpError::NotFound),
    }?;
    Ok(redirect_with_flash(
        &format!("/emergency/{id}"),
        "flash_saved",
    ))
}

/// The form to raise a call.
#[derive(Template)]
#[template(path = "emergency_form.html")]
pub struct CallForm {
    /// Layout context.
    pub ctx: Ctx,
    /// Region code.
    pub code: String,
    /// As typed.
    pub input: help::CallInput,
    /// Skills as typed.
    pub skills: String,
    /// Errors.
    pub errors: Errors,
}

/// GET /front-office/{region}/emergency
pub async fn call_form(ctx: Ctx, Me(me): Me, Path(region): Path<String>) -> PageResult {
    help::authorize_desk(&me, &region)?;
    let lang = ctx.lang;
    let page = CallForm {
        input: help::CallInput {
            radius_km: 20.0,
            ..Default::default()
        },
        skills: String::new(),
        errors: Errors::new(lang),
        code: region,
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /front-office/{region}/emergency
pub async fn raise(
    Signed { state, ctx, me }: Signed,
    Path(region): Path<String>,
    f: CsrfForm,
) -> PageResult {
    let num = |k: &str| {
        f.get(k)
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .unwrap_or(f64::NAN)
    };
    let input = help::CallInput {
        region: region.clone(),
        title: f.get("title").to_owned(),
        description: f.get("description").to_owned(),
        lat: num("lat"),
        lon: num("lon"),
        radius_km: num("radius_km"),
        skills: f
            .get("skills")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        starts_at: f.get("starts_at").to_owned(),
    };
    match help::raise_call(&state, ctx.lang, &me, &input).await {
        Ok((id, _)) => Ok(redirect_with_flash(
            &format!("/emergency/{id}"),
            "flash_call_raised",
        )),
        Err(OpError::Invalid(errors)) => {
            let page = CallForm {
                skills: f.get("skills").to_owned(),
                input,
                errors,
                code: region,
                ctx,
            };
            Ok(render_status(
                &page.ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            ))
        }
        Err(e) => Err(e.into()),
    }
}
