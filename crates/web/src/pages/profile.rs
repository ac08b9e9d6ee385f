//! The profile page: personal data, e-mail change, personal API tokens.

use app::OpError;
use app::accounts::{self, ProfileInput};
use askama::Template;
use axum::http::StatusCode;
use domain::Lang;
use uuid::Uuid;

use crate::AppState;
use crate::auth::SignedIn;
use crate::ctx::{CsrfForm, Ctx, Id, Signed};
use crate::error::PageResult;
use crate::pages::forms::{Errors, Field};
use crate::pages::{redirect_with_flash, render_status};

/// A checkbox or option: (value, label, selected).
pub type Choice = (String, String, bool);

/// The profile page.
#[derive(Template)]
#[template(path = "profile.html")]
pub struct ProfilePage {
    /// Layout context.
    pub ctx: Ctx,
    /// The account's e-mail.
    pub email: String,
    /// Text inputs, in order.
    pub fields: Vec<Field>,
    /// Region select options.
    pub regions: Vec<Choice>,
    /// Region error.
    pub region_error: Option<String>,
    /// Language checkboxes.
    pub languages: Vec<Choice>,
    /// Direction checkboxes (programme, its directions).
    pub directions: Vec<(String, Vec<Choice>)>,
    /// Skills field.
    pub skills: Field,
    /// Availability field.
    pub availability: Field,
    /// Derived age, if known.
    pub age: Option<u32>,
    /// Minor flag.
    pub minor: bool,
    /// Masked IIN of the stored profile (shown beside the input).
    pub iin_masked: Option<String>,
    /// E-mail change field.
    pub new_email: Field,
    /// Active API tokens: (id, name, prefix, created).
    pub tokens: Vec<(Uuid, String, String, String)>,
    /// A just-created token secret (shown once).
    pub new_token: Option<String>,
    /// Token name field.
    pub token_name: Field,
}

impl ProfilePage {
    /// "N years old", translated.
    pub fn age_text(&self) -> Option<String> {
        self.age
            .map(|a| self.ctx.tn("profile_age", "age", i64::from(a)))
    }
}

/// What the page shows besides the profile: the e-mail change and API token forms.
#[derive(Default)]
struct Extra<'a> {
    new_email: &'a str,
    token_secret: Option<String>,
    token_name: &'a str,
}

async fn build(
    state: &AppState,
    ctx: Ctx,
    me: &SignedIn,
    input: &ProfileInput,
    errors: &Errors,
    extra: Extra<'_>,
) -> Result<ProfilePage, OpError> {
    let lang: Lang = ctx.lang;
    let refs = state.reference.get(&state.db).await?;
    let (regions, directions) = (&refs.regions, &refs.directions);
    let tokens = accounts::api_tokens(state, me).await?;
    let today = app::today();
    let u = &me.user;
    let region_choices = regions
        .iter()
        .map(|r| {
            (
                r.code.clone(),
                r.name(lang).to_owned(),
                r.code == input.region,
            )
        })
        .collect();
    let language_choices = Lang::ALL
        .iter()
        .map(|l| {
            (
                l.code().to_owned(),
                l.native_name().to_owned(),
                input.languages.iter().any(|x| x == l.code()),
            )
        })
        .collect();
    let direction_groups = directions
        .iter()
        .filter(|d| d.parent_code.is_none())
        .map(|p| {
            let children = directions
                .iter()
                .filter(|d| d.parent_code.as_deref() == Some(p.code.as_str()))
                .map(|d| {
                    (
                        d.code.clone(),
                        d.name(lang).to_owned(),
                        input.directions.contains(&d.code),
                    )
                })
                .collect();
            (p.name(lang).to_owned(), children)
        })
        .collect();
    let fields = vec![
        Field::new(lang, "display_name", "text", &input.display_name)
            .autocomplete("nickname")
            .required()
            .max(100)
            .hint(lang, "display_name_hint")
            .with_errors(errors),
        Field::new(lang, "first_name", "text", &input.first_name)
            .autocomplete("given-name")
            .max(100)
            .with_errors(errors),
        Field::new(lang, "last_name", "text", &input.last_name)
            .autocomplete("family-name")
            .max(100)
            .with_errors(errors),
        Field::new(lang, "patronymic", "text", &input.patronymic)
            .autocomplete("additional-name")
            .max(100)
            .with_errors(errors),
        Field::new(lang, "iin", "text", &input.iin)
            .max(20)
            .hint(lang, "iin_hint")
            .with_errors(errors),
        Field::new(lang, "birth_date", "date", &input.birth_date)
            .autocomplete("bday")
            .max(10)
            .hint(lang, "birth_date_hint")
            .with_errors(errors),
        Field::new(lang, "phone", "tel", &input.phone)
            .autocomplete("tel")
            .max(30)
            .hint(lang, "phone_hint")
            .with_errors(errors),
        Field::new(lang, "locality", "text", &input.locality)
            .autocomplete("address-level2")
            .max(100)
            .with_errors(errors),
    ];
    let skills = Field::new(lang, "skills", "text", &input.skills.join(", "))
        .max(1000)
        .hint(lang, "skills_hint")
        .with_errors(errors);
    let availability = Field::new(lang, "availability", "text", &input.availability)
        .max(500)
        .hint(lang, "availability_hint")
        .with_errors(errors);
    Ok(ProfilePage {
        email: u.email.clone(),
        fields,
        regions: region_choices,
        region_error: errors.get("region").map(str::to_owned),
        languages: language_choices,
        directions: direction_groups,
        skills,
        availability,
        age: u.birth_date.map(|b| domain::age_on(b, today)),
        minor: u.birth_date.is_some_and(|b| domain::is_minor(b, today)),
        iin_masked: u
            .iin
            .as_deref()
            .and_then(|i| domain::Iin::parse(i).ok())
            .map(|i| i.masked()),
        new_email: Field::email(lang, extra.new_email).with_errors(errors),
        tokens: tokens
            .into_iter()
            .map(|t| {
                (
                    t.id,
                    t.name,
                    t.token_prefix,
                    domain::format_datetime(t.created_at, lang),
                )
            })
            .collect(),
        new_token: extra.token_secret,
        token_name: Field::new(lang, "name", "text", extra.token_name)
            .max(60)
            .hint(lang, "token_name_hint")
            .with_errors(errors),
        ctx,
    })
}

/// The profile page of `s` with `input` (as typed), its `errors` and `extra`, answered `status`.
async fn respond(
    s: &Signed,
    input: &ProfileInput,
    errors: &Errors,
    extra: Extra<'_>,
    status: StatusCode,
) -> PageResult {
    let page = build(&s.state, s.ctx.clone(), &s.me, input, errors, extra).await?;
    Ok(render_status(&s.ctx, status, &page))
}

/// GET /profile
pub async fn show(s: Signed) -> PageResult {
    let input = ProfileInput::from_user(&s.me.user);
    let errors = Errors::new(s.ctx.lang);
    respond(&s, &input, &errors, Extra::default(), StatusCode::OK).await
}

fn input_from_form(form: &CsrfForm) -> ProfileInput {
    ProfileInput {
        display_name: form.get("display_name").to_owned(),
        first_name: form.get("first_name").to_owned(),
        last_name: form.get("last_name").to_owned(),
        patronymic: form.get("patronymic").to_owned(),
        birth_date: form.get("birth_date").to_owned(),
        iin: form.get("iin").to_owned(),
        phone: form.get("phone").to_owned(),
        region: form.get("region").to_owned(),
        locality: form.get("locality").to_owned(),
        languages: form.all("languages"),
        skills: vec![form.get("skills").to_owned()],
        directions: form.all("directions"),
        availability: form.get("availability").to_owned(),
        preferred_lang: String::new(),
    }
}

/// Invalid input: the form again, with its errors.
const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

/// POST /profile
pub async fn save(s: Signed, form: CsrfForm) -> PageResult {
    let input = input_from_form(&form);
    match accounts::update_profile(&s.state, s.ctx.lang, &s.me, &input).await {
        Ok(()) => Ok(redirect_with_flash("/profile", "flash_profile_saved")),
        Err(OpError::Invalid(errors)) => {
            respond(&s, &input, &errors, Extra::default(), UNPROCESSABLE).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /profile/email: sends a confirmation link to the new address.
pub async fn change_email(s: Signed, form: CsrfForm) -> PageResult {
    let new_email = form.get("email");
    match accounts::request_email_change(&s.state, s.ctx.lang, &s.me.user, new_email).await {
        Ok(()) => Ok(redirect_with_flash("/profile", "flash_email_change_sent")),
        Err(OpError::Invalid(errors)) => {
            let input = ProfileInput::from_user(&s.me.user);
            let extra = Extra {
                new_email,
                ..Extra::default()
            };
            respond(&s, &input, &errors, extra, UNPROCESSABLE).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /profile/tokens: the new secret is shown once, on this response only.
pub async fn create_token(s: Signed, form: CsrfForm) -> PageResult {
    let name = form.get("name");
    let input = ProfileInput::from_user(&s.me.user);
    match accounts::create_api_token(&s.state, s.ctx.lang, &s.me.user, name).await {
        Ok((_, secret)) => {
            let extra = Extra {
                token_secret: Some(secret),
                ..Extra::default()
            };
            let errors = Errors::new(s.ctx.lang);
            let mut res = respond(&s, &input, &errors, extra, StatusCode::OK).await?;
            res.headers_mut().insert(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("no-store"),
            );
            Ok(res)
        }
        Err(OpError::Invalid(errors)) => {
            let extra = Extra {
                token_name: name,
                ..Extra::default()
            };
            respond(&s, &input, &errors, extra, UNPROCESSABLE).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /profile/tokens/{id}/revoke
pub async fn revoke_token(
    Signed { state, me, .. }: Signed,
    Id(id): Id,
    _form: CsrfForm,
) -> PageResult {
    accounts::revoke_api_token(&state, &me, id).await?;
    Ok(redirect_with_flash("/profile", "flash_token_revoked"))
}
