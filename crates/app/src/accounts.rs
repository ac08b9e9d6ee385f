//! Account operations shared by the pages and the API: sign-up, confirmation, log-in,
//! password reset, e-mail change, profile, API tokens. Handlers parse and render; the
//! rules live here and in `domain`.

use std::net::IpAddr;
use std::time::Duration;

use chrono::{DateTime, Duration as Span, Utc};
use domain::{Email, Lang, Password};
use store::accounts::{NewUser, ProfileUpdate, TokenPurpose, User};

/// An API token as its owner sees it (never its secret).
pub use store::accounts::ApiToken;
use uuid::Uuid;

use crate::App;
use crate::auth::{self, API_TOKEN_PREFIX, SignedIn, random_token, token_hash};
use crate::mail::{self, MailKind};
use crate::{Errors, OpError};

const CONFIRM_TTL_HOURS: i64 = 48;
const RESET_TTL_HOURS: i64 = 2;

fn link(state: &App, path: &str, token: &str) -> String {
    format!(
        "{}{path}?token={token}",
        state.settings.public_url.trim_end_matches('/')
    )
}

async fn send_link(
    state: &App,
    user: Uuid,
    to: &str,
    lang: Lang,
    purpose: TokenPurpose,
    new_email: Option<&str>,
) -> Result<(), OpError> {
    let token = random_token();
    let (ttl, path, kind) = match purpose {
        TokenPurpose::Confirm => (CONFIRM_TTL_HOURS, "/confirm", MailKind::Confirm),
        TokenPurpose::Reset => (RESET_TTL_HOURS, "/password/reset", MailKind::Reset),
        TokenPurpose::ChangeEmail => (CONFIRM_TTL_HOURS, "/email/confirm", MailKind::ChangeEmail),
    };
    store::accounts::create_email_token(
        &state.db,
        &token_hash(&token),
        user,
        purpose,
        new_email,
        store::now() + Span::hours(ttl),
    )
    .await?;
    mail::send(state, to, lang, kind, Some(&link(state, path, &token))).await?;
    Ok(())
}

/// Sign-up: the same answer whether or not the e-mail is registered; an existing owner
/// gets a notice instead of a confirmation.
pub async fn sign_up(
    state: &App,
    lang: Lang,
    ip: Option<IpAddr>,
    name: &str,
    email: &str,
    password: &str,
) -> Result<(), OpError> {
    let mut errors = Errors::new(lang);
    let name = errors.check("name", domain::PersonName::parse(name));
    let email = errors.check("email", Email::parse(email));
    let password = errors.check("password", Password::parse(password, email.as_ref()));
    let (Some(name), Some(email), Some(password)) = (name, email, password) else {
        return Err(OpError::Invalid(errors));
    };
    let limits = &state.settings.rate_limits;
    if let Some(ip) = ip
        && !state.limiter.allow(
            &format!("signup:{ip}"),
            limits.signup_per_ip_hour,
            Duration::from_secs(3600),
        )
    {
        return Err(OpError::RateLimited);
    }
    if !state.limiter.allow(
        &format!("mail:{}", email.as_str()),
        limits.mail_per_address_hour,
        Duration::from_secs(3600),
    ) {
        // Same answer as success: the address gets no more mail this hour.
        return Ok(());
    }
    let hash = auth::hash_password_async(state.settings.argon, password.expose().to_owned())
        .await
        .map_err(OpError::Hashing)?;
    let new = NewUser {
        email: email.as_str(),
        password_hash: &hash,
        display_name: name.as_str(),
        preferred_lang: lang.code(),
        confirmed: false,
    };
    match store::accounts::create_user(&state.db, &new).await {
        Ok(id) => send_link(state, id, email.as_str(), lang, TokenPurpose::Confirm, None).await,
        Err(store::Error::Conflict(_)) => {
            mail::send(
                state,
                email.as_str(),
                lang,
                MailKind::AlreadyRegistered,
                None,
            )
            .await?;
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

/// Confirms the e-mail of a new account.
pub async fn confirm(state: &App, token: &str) -> Result<(), OpError> {
    let used =
        store::accounts::consume_email_token(&state.db, &token_hash(token), TokenPurpose::Confirm)
            .await?
            .ok_or(OpError::BadToken)?;
    store::accounts::confirm_email(&state.db, used.user_id).await?;
    crate::imports::claim_held(state, used.user_id).await;
    Ok(())
}

/// Confirms a new e-mail address.
pub async fn confirm_email_change(state: &App, token: &str) -> Result<(), OpError> {
    let used = store::accounts::consume_email_token(
        &state.db,
        &token_hash(token),
        TokenPurpose::ChangeEmail,
    )
    .await?
    .ok_or(OpError::BadToken)?;
    let new_email = used.new_email.ok_or(OpError::BadToken)?;
    match store::accounts::change_email(&state.db, used.user_id, &new_email).await {
        Ok(()) => {
            crate::imports::claim_held(state, used.user_id).await;
            Ok(())
        }
        Err(store::Error::Conflict(_)) => {
            let mut errors = Errors::new(Lang::default());
            errors.code("email", "email_taken");
            Err(OpError::Invalid(errors))
        }
        Err(e) => Err(e.into()),
    }
}

/// Log-in: rate-limited per IP and per account; the same answer for an unknown e-mail
/// and a wrong password (and the same work: a hash is verified either way).
pub async fn log_in(
    state: &App,
    lang: Lang,
    ip: Option<IpAddr>,
    email: &str,
    password: &str,
) -> Result<User, OpError> {
    let mut errors = Errors::new(lang);
    let email = errors.check("email", Email::parse(email));
    if password.is_empty() {
        errors.invalid("password", &domain::Invalid::Required);
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(OpError::Invalid(errors));
    };
    let limits = &state.settings.rate_limits;
    let account_key = format!("login:{}", email.as_str());
    let window = Duration::from_secs(15 * 60);
    if let Some(ip) = ip
        && !state.limiter.allow(
            &format!("login-ip:{ip}"),
            limits.login_per_ip_minute,
            Duration::from_secs(60),
        )
    {
        return Err(OpError::RateLimited);
    }
    if state
        .limiter
        .exhausted(&account_key, limits.login_per_account_15min, window)
    {
        return Err(OpError::RateLimited);
    }
    let user = store::accounts::user_by_email(&state.db, email.as_str()).await?;
    let phc = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| state.dummy_hash.as_ref().clone());
    let ok = auth::verify_password_async(password.to_owned(), phc).await;
    match user {
        Some(user) if ok => {
            if !user.is_confirmed() {
                return Err(OpError::Unconfirmed);
            }
            state.limiter.reset(&account_key);
            Ok(user)
        }
        _ => {
            state
                .limiter
                .allow(&account_key, limits.login_per_account_15min, window);
            Err(OpError::BadCredentials)
        }
    }
}

/// A session started by [`sign_in`].
#[derive(Debug, Clone)]
pub struct Session {
    /// The secret, for the session cookie or `Authorization: Bearer` (only its hash is kept).
    pub token: String,
    /// When the session ends.
    pub expires_at: DateTime<Utc>,
}

/// Log-in that starts a session: the credentials are checked as by [`log_in`]; the
/// session the client had (`replaces`, its secret) ends, so that every log-in gets a new
/// secret (rotation). `device` labels the session (the browser's user agent, or `api`).
pub async fn sign_in(
    state: &App,
    lang: Lang,
    ip: Option<IpAddr>,
    email: &str,
    password: &str,
    device: Option<&str>,
    replaces: Option<&str>,
) -> Result<Session, OpError> {
    let user = log_in(state, lang, ip, email, password).await?;
    if let Some(old) = replaces {
        end_session(state, old).await?;
    }
    let token = auth::start_session(state, user.id, device).await?;
    Ok(Session {
        token,
        expires_at: store::now() + Span::days(state.settings.session_days),
    })
}

/// Log-out: ends the session whose secret is `token` (an unknown secret ends nothing, and
/// is no error: holding the secret is what allows ending it).
pub async fn end_session(state: &App, token: &str) -> Result<(), OpError> {
    store::sessions::delete(&state.db, &token_hash(token)).await?;
    Ok(())
}

/// Asks for a password reset link; the same answer whether or not the e-mail exists.
pub async fn request_reset(state: &App, lang: Lang, email: &str) -> Result<(), OpError> {
    let mut errors = Errors::new(lang);
    let Some(email) = errors.check("email", Email::parse(email)) else {
        return Err(OpError::Invalid(errors));
    };
    if !state.limiter.allow(
        &format!("mail:{}", email.as_str()),
        state.settings.rate_limits.mail_per_address_hour,
        Duration::from_secs(3600),
    ) {
        return Ok(());
    }
    if let Some(user) = store::accounts::user_by_email(&state.db, email.as_str()).await? {
        let lang = Lang::parse(&user.preferred_lang).unwrap_or(lang);
        send_link(state, user.id, &user.email, lang, TokenPurpose::Reset, None).await?;
    }
    Ok(())
}

/// Sets a new password through a reset link; ends every session; confirms the e-mail
/// (the link proved the address).
pub async fn reset_password(
    state: &App,
    lang: Lang,
    token: &str,
    password: &str,
) -> Result<(), OpError> {
    let mut errors = Errors::new(lang);
    let password = errors.check("password", Password::parse(password, None));
    let Some(password) = password else {
        return Err(OpError::Invalid(errors));
    };
    let used =
        store::accounts::consume_email_token(&state.db, &token_hash(token), TokenPurpose::Reset)
            .await?
            .ok_or(OpError::BadToken)?;
    let hash = auth::hash_password_async(state.settings.argon, password.expose().to_owned())
        .await
        .map_err(OpError::Hashing)?;
    store::accounts::set_password(&state.db, used.user_id, &hash).await?;
    store::accounts::confirm_email(&state.db, used.user_id).await?;
    Ok(())
}

/// Sends a confirmation link to a new e-mail address; the change happens when it is opened.
pub async fn request_email_change(
    state: &App,
    lang: Lang,
    user: &User,
    new_email: &str,
) -> Result<(), OpError> {
    let mut errors = Errors::new(lang);
    let Some(email) = errors.check("email", Email::parse(new_email)) else {
        return Err(OpError::Invalid(errors));
    };
    if email.as_str() == user.email {
        errors.code("email", "email_unchanged");
        return Err(OpError::Invalid(errors));
    }
    if !state.limiter.allow(
        &format!("mail:{}", email.as_str()),
        state.settings.rate_limits.mail_per_address_hour,
        Duration::from_secs(3600),
    ) {
        return Err(OpError::RateLimited);
    }
    send_link(
        state,
        user.id,
        email.as_str(),
        lang,
        TokenPurpose::ChangeEmail,
        Some(email.as_str()),
    )
    .await
}

/// Raw profile input, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct ProfileInput {
    /// Public name.
    #[serde(default)]
    #[schema(
        max_length = 100,
        pattern = r"^(|[ .'-]*[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі .'-]*)$"
    )]
    pub display_name: String,
    /// Given name.
    #[serde(default)]
    #[schema(
        max_length = 100,
        pattern = r"^(|[ .'-]*[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі .'-]*)$"
    )]
    pub first_name: String,
    /// Family name.
    #[serde(default)]
    #[schema(
        max_length = 100,
        pattern = r"^(|[ .'-]*[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі .'-]*)$"
    )]
    pub last_name: String,
    /// Patronymic.
    #[serde(default)]
    #[schema(
        max_length = 100,
        pattern = r"^(|[ .'-]*[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі .'-]*)$"
    )]
    pub patronymic: String,
    /// Birth date, YYYY-MM-DD (derived from the IIN when given).
    #[serde(default)]
    #[schema(pattern = r"^(|(19[4-9][0-9]|20[01][0-9])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))$")]
    pub birth_date: String,
    /// IIN, 12 digits: a real birth date `YYMMDD` (not in the future, the same as
    /// `birth_date` when both are given), a century digit 1–6, four serial digits and a check
    /// digit (`iin_checksum` when wrong).
    #[serde(default)]
    #[schema(
        pattern = r"^(|[0-9]{2}((0[13578]|1[02])(0[1-9]|[12][0-9]|3[01])|(0[469]|11)(0[1-9]|[12][0-9]|30)|02(0[1-9]|1[0-9]|2[0-8]))[1-6][0-9]{5}|(0[48]|[2468][048]|[13579][26])0229[1-6][0-9]{5}|000229[56][0-9]{5})$"
    )]
    pub iin: String,
    /// Phone.
    #[serde(default)]
    #[schema(pattern = r"^(|\+770[0-9]{8})$")]
    pub phone: String,
    /// Region ISO code, e.g. KZ-71.
    #[serde(default)]
    #[schema(
        pattern = r"^(|KZ-10|KZ-11|KZ-15|KZ-19|KZ-23|KZ-27|KZ-31|KZ-33|KZ-35|KZ-39|KZ-43|KZ-47|KZ-55|KZ-59|KZ-61|KZ-62|KZ-63|KZ-71|KZ-75|KZ-79)$"
    )]
    pub region: String,
    /// Town or village.
    #[serde(default)]
    #[schema(max_length = 100, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub locality: String,
    /// Language codes (kk, ru, en).
    #[serde(default)]
    #[schema(pattern = r"^(kk|ru|en)$")]
    pub languages: Vec<String>,
    /// Skills.
    #[serde(default)]
    #[schema(
        max_items = 30,
        max_length = 60,
        pattern = r"^[^,\x00-\x1f\x7f-\x9f]*$"
    )]
    pub skills: Vec<String>,
    /// Direction codes.
    #[serde(default)]
    #[schema(
        pattern = r"^(apk|birlik|bilim|tarbie|kelisim|front_office|fo_bilim|qamqor|umit|sabaqtastyq|taza_alem|saulyq|asyl_mura)$"
    )]
    pub directions: Vec<String>,
    /// When the volunteer is available.
    #[serde(default)]
    #[schema(max_length = 500, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub availability: String,
    /// Preferred language of the interface and e-mail.
    #[serde(default)]
    #[schema(pattern = r"^(|kk|ru|en)$")]
    pub preferred_lang: String,
}

impl ProfileInput {
    /// The input that reproduces a stored profile (for editing).
    pub fn from_user(u: &User) -> Self {
        ProfileInput {
            display_name: u.display_name.clone(),
            first_name: u.first_name.clone().unwrap_or_default(),
            last_name: u.last_name.clone().unwrap_or_default(),
            patronymic: u.patronymic.clone().unwrap_or_default(),
            birth_date: u.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            iin: u.iin.clone().unwrap_or_default(),
            phone: u
                .phone
                .as_deref()
                .and_then(|p| domain::Phone::parse(p).ok())
                .map(|p| p.display())
                .unwrap_or_default(),
            region: u.region_code.clone().unwrap_or_default(),
            locality: u.locality.clone().unwrap_or_default(),
            languages: u.language_list(),
            skills: u.skill_list(),
            directions: u.direction_list(),
            availability: u.availability.clone().unwrap_or_default(),
            preferred_lang: u.preferred_lang.clone(),
        }
    }
}

fn optional<T>(
    errors: &mut Errors,
    field: &str,
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, domain::Invalid>,
) -> Option<T> {
    if raw.trim().is_empty() {
        None
    } else {
        errors.check(field, parse(raw))
    }
}

/// Validates and saves a profile. The IIN, when given, fixes the birth date.
pub async fn update_profile(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    input: &ProfileInput,
) -> Result<(), OpError> {
    domain::authorize(
        &me.actor(),
        domain::Action::EditProfile,
        &domain::Resource::User {
            id: me.user.id,
            region: None,
        },
    )?;
    let user = &me.user;
    let today = crate::today();
    let mut e = Errors::new(lang);
    let display_name = if input.display_name.trim().is_empty() {
        user.display_name.clone()
    } else {
        e.check(
            "display_name",
            domain::PersonName::parse(&input.display_name),
        )
        .map(|n| n.as_str().to_owned())
        .unwrap_or_default()
    };
    let name = |e: &mut Errors, field: &str, raw: &str| {
        optional(e, field, raw, domain::PersonName::parse).map(|n| n.as_str().to_owned())
    };
    let first_name = name(&mut e, "first_name", &input.first_name);
    let last_name = name(&mut e, "last_name", &input.last_name);
    let patronymic = name(&mut e, "patronymic", &input.patronymic);
    let iin = optional(&mut e, "iin", &input.iin, domain::Iin::parse);
    let typed_birth = optional(&mut e, "birth_date", &input.birth_date, |s| {
        domain::parse_birth_date(s, today)
    });
    if let (Some(iin), Some(b)) = (&iin, typed_birth)
        && iin.birth_date() != b
    {
        e.invalid("iin", &domain::Invalid::IinBirthDateMismatch);
    }
    let birth_date = iin.as_ref().map(|i| i.birth_date()).or(typed_birth);
    if let Some(b) = birth_date
        && b > today
    {
        e.invalid("iin", &domain::Invalid::DateInFuture);
    }
    let phone = optional(&mut e, "phone", &input.phone, domain::Phone::parse);
    let region = optional(&mut e, "region", &input.region, domain::RegionCode::parse);
    let locality = e
        .check("locality", domain::optional_text(&input.locality, 100))
        .flatten();
    let availability = e
        .check(
            "availability",
            domain::optional_text(&input.availability, 500),
        )
        .flatten();
    let mut languages = Vec::new();
    for l in &input.languages {
        match Lang::parse(l) {
            Some(l) if !languages.contains(&l.code().to_owned()) => {
                languages.push(l.code().to_owned())
            }
            Some(_) => {}
            None => e.invalid("languages", &domain::Invalid::ChoiceUnknown),
        }
    }
    let mut skills = Vec::new();
    for s in input.skills.iter().flat_map(|s| s.split(',')) {
        match domain::optional_text(s, 60) {
            Ok(Some(s)) if !skills.contains(&s) => skills.push(s),
            Ok(_) => {}
            Err(err) => e.invalid("skills", &err),
        }
    }
    if skills.len() > 30 {
        e.invalid("skills", &domain::Invalid::TooLong { max: 30 });
    }
    let mut directions = Vec::new();
    for d in &input.directions {
        if domain::reference::direction(d).is_some() {
            if !directions.contains(d) {
                directions.push(d.clone());
            }
        } else {
            e.invalid("directions", &domain::Invalid::ChoiceUnknown);
        }
    }
    let preferred_lang = if input.preferred_lang.is_empty() {
        user.preferred_lang.clone()
    } else {
        match Lang::parse(&input.preferred_lang) {
            Some(l) => l.code().to_owned(),
            None => {
                e.invalid("preferred_lang", &domain::Invalid::ChoiceUnknown);
                String::new()
            }
        }
    };
    if !e.is_empty() {
        return Err(OpError::Invalid(e));
    }
    let update = ProfileUpdate {
        display_name,
        first_name,
        last_name,
        patronymic,
        birth_date,
        iin: iin.map(|i| i.as_str().to_owned()),
        phone: phone.map(|p| p.as_str().to_owned()),
        region_code: region.map(|r| r.as_str().to_owned()),
        locality,
        languages,
        skills,
        directions,
        availability,
        preferred_lang,
    };
    match store::accounts::update_profile(&state.db, user.id, &update).await {
        Ok(()) => {
            if update.iin.is_some() {
                crate::imports::claim_held(state, user.id).await;
            }
            Ok(())
        }
        Err(store::Error::Conflict(_)) => {
            e.code("iin", "iin_taken");
            Err(OpError::Invalid(e))
        }
        Err(err) => Err(err.into()),
    }
}

/// Creates a personal API token; the secret is returned once and only its hash is kept.
pub async fn create_api_token(
    state: &App,
    lang: Lang,
    user: &User,
    name: &str,
) -> Result<(store::accounts::ApiToken, String), OpError> {
    let mut e = Errors::new(lang);
    let Some(name) = e.check("name", domain::required_text(name, 60)) else {
        return Err(OpError::Invalid(e));
    };
    Ok(issue_api_token(&state.db, user.id, &name).await?)
}

/// Makes an API token for `user` (a name already checked): its row, and the secret, which
/// exists only in what this returns.
pub async fn issue_api_token(
    db: &store::Db,
    user: Uuid,
    name: &str,
) -> store::Result<(store::accounts::ApiToken, String)> {
    let secret = format!("{API_TOKEN_PREFIX}{}", random_token());
    let prefix: String = secret.chars().take(10).collect();
    let token =
        store::accounts::create_api_token(db, user, name, &prefix, &token_hash(&secret)).await?;
    Ok((token, secret))
}

/// What [`create_staff`] did.
#[derive(Debug, Clone)]
pub struct StaffCreated {
    /// The account.
    pub user_id: Uuid,
    /// Its e-mail.
    pub email: String,
    /// A password-set link for a new account without a password.
    pub reset_link: Option<String>,
}

/// Creates (or takes) a confirmed account and grants it a staff role; used by the CLI.
/// A new account without a password gets a reset link (also queued in the outbox).
pub async fn create_staff(
    state: &App,
    email: &str,
    role: &str,
    region: Option<&str>,
    password: Option<&str>,
) -> Result<StaffCreated, String> {
    let email = Email::parse(email).map_err(|e| format!("e-mail: {}", e.code()))?;
    let region = match (role, region) {
        ("national_admin", _) => None,
        ("regional_coordinator", Some(r)) => {
            Some(domain::RegionCode::parse(r).map_err(|e| format!("region: {}", e.code()))?)
        }
        ("regional_coordinator", None) => return Err("regional_coordinator needs --region".into()),
        _ => {
            return Err(format!(
                "unknown role {role}: use national_admin or regional_coordinator"
            ));
        }
    };
    let password = password
        .map(|p| Password::parse(p, Some(&email)).map_err(|e| format!("password: {}", e.code())))
        .transpose()?;
    let existing = store::accounts::user_by_email(&state.db, email.as_str())
        .await
        .map_err(|e| e.to_string())?;
    let mut reset_link = None;
    let user_id = match existing {
        Some(u) => {
            if let Some(p) = &password {
                let hash =
                    auth::hash_password_async(state.settings.argon, p.expose().to_owned()).await?;
                store::accounts::set_password(&state.db, u.id, &hash)
                    .await
                    .map_err(|e| e.to_string())?;
            }
            store::accounts::confirm_email(&state.db, u.id)
                .await
                .map_err(|e| e.to_string())?;
            u.id
        }
        None => {
            // Without a password the account gets an unusable hash until the link is used.
            let secret = password
                .as_ref()
                .map(|p| p.expose().to_owned())
                .unwrap_or_else(random_token);
            let hash = auth::hash_password_async(state.settings.argon, secret).await?;
            let name = email
                .as_str()
                .split('@')
                .next()
                .unwrap_or("admin")
                .to_owned();
            let id = store::accounts::create_user(
                &state.db,
                &NewUser {
                    email: email.as_str(),
                    password_hash: &hash,
                    display_name: &name,
                    preferred_lang: Lang::default().code(),
                    confirmed: true,
                },
            )
            .await
            .map_err(|e| e.to_string())?;
            if password.is_none() {
                let token = random_token();
                store::accounts::create_email_token(
                    &state.db,
                    &token_hash(&token),
                    id,
                    TokenPurpose::Reset,
                    None,
                    store::now() + Span::hours(RESET_TTL_HOURS),
                )
                .await
                .map_err(|e| e.to_string())?;
                let l = link(state, "/password/reset", &token);
                mail::send(
                    state,
                    email.as_str(),
                    Lang::default(),
                    MailKind::Reset,
                    Some(&l),
                )
                .await
                .map_err(|e| e.to_string())?;
                reset_link = Some(l);
            }
            id
        }
    };
    store::accounts::grant_role(
        &state.db,
        user_id,
        role,
        None,
        region.as_ref().map(|r| r.as_str()),
        None,
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(StaffCreated {
        user_id,
        email: email.as_str().to_owned(),
        reset_link,
    })
}

/// The caller's active API tokens.
pub async fn api_tokens(
    state: &App,
    me: &SignedIn,
) -> Result<Vec<store::accounts::ApiToken>, OpError> {
    Ok(store::accounts::api_tokens_of(&state.db, me.user.id).await?)
}

/// Revokes one of the caller's API tokens; someone else's token is not found.
pub async fn revoke_api_token(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    match store::accounts::revoke_api_token(&state.db, me.user.id, id).await? {
        true => Ok(()),
        false => Err(OpError::NotFound),
    }
}

/// The caller's account as stored now (after a change).
pub async fn current(state: &App, me: &SignedIn) -> Result<SignedIn, OpError> {
    let user = store::accounts::user_by_id(&state.db, me.user.id)
        .await?
        .ok_or(OpError::NotFound)?;
    Ok(SignedIn { user, ..me.clone() })
}
