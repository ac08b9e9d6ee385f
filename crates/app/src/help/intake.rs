//! Filing a request (on the web, or by phone through the front-office) and the codes sent
//! to the person's phone: to confirm a new request, and to confirm that help was given.

use chrono::Duration;
use domain::Lang;
use domain::help::{self, RequestInput};
use store::help::{self as store_help, HelpRequest};
use uuid::Uuid;

use super::{
    CODE_ATTEMPTS, CODE_TTL_MINUTES, CODES_PER_IP_PER_HOUR, CODES_PER_PHONE_PER_HOUR, invalid,
    manages,
};
use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;

async fn code_secret(state: &App) -> Result<Vec<u8>, OpError> {
    crate::events::check_in_secret(state).await
}

fn random_code() -> String {
    let b: [u8; 4] = rand::random();
    help::new_code(b)
}

/// Refuses a code beyond the limits per phone and per address (in the last hour).
async fn within_code_limits(state: &App, phone: &str, ip: Option<&str>) -> Result<(), OpError> {
    let (by_phone, by_ip) =
        store_help::codes_since(&state.db, phone, ip, store::now() - Duration::hours(1)).await?;
    if by_phone >= CODES_PER_PHONE_PER_HOUR || by_ip >= CODES_PER_IP_PER_HOUR {
        return Err(OpError::RateLimited);
    }
    Ok(())
}

/// Sends a fresh code to the request's phone, within the limits per phone and per address.
pub(super) async fn send_code(
    state: &App,
    r: &HelpRequest,
    ip: Option<&str>,
    purpose: &str,
) -> Result<(), OpError> {
    let phone = r.phone.clone().ok_or(OpError::Conflict("state_changed"))?;
    within_code_limits(state, &phone, ip).await?;
    let code = random_code();
    let secret = code_secret(state).await?;
    let lang = Lang::parse(&r.lang).unwrap_or_default();
    let key = if purpose == "request" {
        "help_sms_code"
    } else {
        "help_sms_done"
    };
    let text = crate::i18n::t_args(lang, key, &[("code", Arg::Str(code.clone()))]);
    let sms = store::outbox::Mail {
        to: phone.clone(),
        subject: String::new(),
        body: text,
        kind: format!("sms_{purpose}"),
    };
    store_help::create_code(
        &state.db,
        &store_help::NewCode {
            phone: &phone,
            ip,
            code_hash: &help::code_hash(&phone, &code, &secret),
            purpose,
            request: Some(r.id),
            expires_at: store::now() + Duration::minutes(CODE_TTL_MINUTES),
        },
        &sms,
    )
    .await?;
    state.mail_wake.notify_one();
    Ok(())
}

/// Files a request. From the web (no operator): the phone gets a code and the request
/// waits for it. By a front-office operator: the phone counts as confirmed.
pub async fn file(
    state: &App,
    lang: Lang,
    input: &RequestInput,
    ip: Option<&str>,
    operator: Option<&SignedIn>,
) -> Result<Uuid, OpError> {
    let v = help::validate(input, store::now()).map_err(|e| invalid(lang, e))?;
    if let Some(op) = operator
        && !manages(op, v.region.as_str())
    {
        return Err(OpError::Forbidden("forbidden"));
    }
    if operator.is_none() {
        // Beyond the limits nothing is filed: no request waits for a code never sent.
        within_code_limits(state, v.phone.as_str(), ip).await?;
    }
    let id = store_help::create(
        &state.db,
        &store_help::NewRequest {
            category: v.category.to_owned(),
            help_type: v.help.code().to_owned(),
            description: v.description.clone(),
            region_code: v.region.as_str().to_owned(),
            locality: v.locality.clone(),
            address: v.address.clone(),
            point: v.point,
            phone: v.phone.as_str().to_owned(),
            name: v.name.clone(),
            lang: v.lang.code().to_owned(),
            urgency: v.urgency.code().to_owned(),
            preferred: v.preferred,
            filed_by: operator.map(|o| o.user.id),
        },
    )
    .await?;
    if operator.is_none() {
        let r = store_help::get(&state.db, id)
            .await?
            .ok_or(OpError::NotFound)?;
        send_code(state, &r, ip, "request").await?;
    }
    Ok(id)
}

/// Files a request from the public web form. Without a map point, the region's centre
/// stands in until the front-office corrects it during triage (ranking is then
/// approximate); `input` keeps it, so that a form shown again with errors shows it too.
pub async fn file_from_form(
    state: &App,
    lang: Lang,
    input: &mut RequestInput,
    ip: Option<&str>,
) -> Result<Uuid, OpError> {
    if input.lat.trim().is_empty() && input.lon.trim().is_empty() {
        let refs = state.reference.get(&state.db).await?;
        if let Some(r) = refs.regions.iter().find(|r| r.code == input.region) {
            input.lat = r.lat.to_string();
            input.lon = r.lon.to_string();
        }
    }
    file(state, lang, input, ip, None).await
}

/// Sends the request's phone code again (the person did not get it).
pub async fn resend_code(state: &App, id: Uuid, ip: Option<&str>) -> Result<(), OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if r.phone_confirmed_at.is_some() {
        return Err(OpError::Conflict("already_confirmed"));
    }
    send_code(state, &r, ip, "request").await
}

/// Checks a code typed by the person: `request` confirms the phone of a new request,
/// `done` confirms that the help was given (with optional words and a rating).
pub async fn check_code(
    state: &App,
    lang: Lang,
    id: Uuid,
    purpose: &str,
    typed: &str,
) -> Result<(), OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let wrong = || {
        let mut e = Errors::new(lang);
        e.code("code", "phone_code_wrong");
        OpError::Invalid(e)
    };
    let Some((code, hash, attempts)) = store_help::current_code(&state.db, id, purpose).await?
    else {
        return Err(wrong());
    };
    if attempts >= CODE_ATTEMPTS {
        return Err(wrong());
    }
    let phone = r.phone.clone().unwrap_or_default();
    let secret = code_secret(state).await?;
    if !help::code_matches(&hash, &phone, typed.trim(), &secret) {
        store_help::code_failed(&state.db, code).await?;
        return Err(wrong());
    }
    if !store_help::use_code(&state.db, code, id, purpose).await? {
        return Err(wrong());
    }
    Ok(())
}

/// The person confirms the help was given, with the code sent to her phone.
pub async fn confirm_done_by_code(
    state: &App,
    lang: Lang,
    id: Uuid,
    typed: &str,
    feedback: &str,
    rating: Option<i64>,
) -> Result<(), OpError> {
    check_code(state, lang, id, "done", typed).await?;
    let feedback = domain::optional_text(feedback, 2000).ok().flatten();
    store_help::confirm_done(
        &state.db,
        id,
        feedback.as_deref(),
        rating.map(|r| r.clamp(1, 5)),
    )
    .await?;
    Ok(())
}
