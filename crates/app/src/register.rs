//! The register of volunteer activity: applications by volunteers and organizations,
//! decisions by the national admin, the public register and its exports.

use domain::register::{self as rules, ApplicantKind, RegisterStatus};
use domain::{Action, Lang, Resource};
use serde::Deserialize;
use store::register::{self as store_register, NewApplication, Query};

/// An entry of the register, as pages and the API render it.
pub use store::register::Entry;
use uuid::Uuid;

use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;
use crate::organizations::{self, allow};

/// An application, as typed.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ApplicationInput {
    /// `volunteer` (for yourself) or `organization` (as its owner).
    #[schema(required = true, pattern = r"^(volunteer|organization)$")]
    pub applicant: String,
    /// The organization, for `organization`.
    pub organization_id: Option<Uuid>,
    /// Main activity type codes.
    #[schema(
        required = true,
        min_items = 1,
        pattern = r"^(social_help|social_services|victims_help|emergencies|search_missing|environment|other_useful)$"
    )]
    pub activity_types: Vec<String>,
    /// Number of participants (1 for a volunteer alone).
    #[schema(required = true, pattern = r"^[1-9][0-9]{0,5}$")]
    pub participants: String,
    /// Projects carried out.
    #[schema(
        required = true,
        min_length = 1,
        max_length = 3000,
        pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
    )]
    pub projects: String,
}

/// Submits an application to the register.
pub async fn apply(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    i: &ApplicationInput,
) -> Result<Uuid, OpError> {
    let mut e = Errors::new(lang);
    let kind = e.check("applicant", ApplicantKind::parse(&i.applicant));
    if i.activity_types.is_empty() {
        e.invalid("activity_types", &domain::Invalid::Required);
    }
    for a in &i.activity_types {
        if domain::reference::activity_type(a).is_none() {
            e.invalid("activity_types", &domain::Invalid::ChoiceUnknown);
        }
    }
    let participants = e.check("participants", rules::participants(&i.participants));
    let projects = e
        .check(
            "projects",
            domain::text::optional_multiline_text(&i.projects, 3000),
        )
        .flatten();
    if projects.is_none() && e.get("projects").is_none() {
        e.invalid("projects", &domain::Invalid::Required);
    }
    let (Some(kind), Some(participants), Some(projects)) = (kind, participants, projects) else {
        return Err(OpError::Invalid(e));
    };
    let (user_id, organization_id, public_name, region) = match kind {
        ApplicantKind::Volunteer => {
            allow(Some(me), Action::ApplyToRegister, &Resource::Site)?;
            let Some(region) = me.user.region_code.clone() else {
                e.code("applicant", "register_profile_region");
                return Err(OpError::Invalid(e));
            };
            let name = match (&me.user.first_name, &me.user.last_name) {
                (Some(f), Some(l)) => format!("{f} {l}"),
                _ => me.user.display_name.clone(),
            };
            (Some(me.user.id), None, name, region)
        }
        ApplicantKind::Organization => {
            let Some(org) = i.organization_id else {
                e.invalid("organization_id", &domain::Invalid::Required);
                return Err(OpError::Invalid(e));
            };
            let o = organizations::load(state, org).await?;
            allow(
                Some(me),
                Action::ApplyToRegister,
                &organizations::resource(&o),
            )?;
            (
                None,
                Some(o.id),
                organizations::display_name(&o, Lang::Kk).to_owned(),
                o.region_code.clone(),
            )
        }
    };
    let mut types = i.activity_types.clone();
    types.dedup();
    let id = store_register::apply(
        &state.db,
        &NewApplication {
            applicant_kind: kind.code().to_owned(),
            user_id,
            organization_id,
            public_name,
            region_code: region,
            activity_types: types,
            participants,
            projects,
            submitted_by: me.user.id,
        },
    )
    .await?;
    Ok(id)
}

/// Entries on a page of the public register (pages and API).
pub const PAGE_SIZE: i64 = 50;

/// One page of the public register (anyone): the included entries matching the filters,
/// and how many match in all.
pub async fn public(state: &App, p: &RegisterParams) -> Result<(Vec<Entry>, i64), OpError> {
    let page = p.page();
    Ok(store_register::search(
        &state.db,
        &p.query(),
        Some(PAGE_SIZE),
        (page - 1) * PAGE_SIZE,
    )
    .await?)
}

/// The applications awaiting a decision, and the included entries (national admin).
pub async fn queue(state: &App, me: &SignedIn) -> Result<Vec<Entry>, OpError> {
    allow(Some(me), Action::ViewRegisterQueue, &Resource::Site)?;
    let q = Query {
        statuses: vec!["submitted".into(), "under_review".into(), "included".into()],
        ..Default::default()
    };
    let (rows, _) = store_register::search(&state.db, &q, Some(500), 0).await?;
    Ok(rows)
}

/// An organization the caller owns (they may apply for it).
#[derive(Debug, Clone)]
pub struct Owned {
    /// Key.
    pub id: Uuid,
    /// Name in Kazakh.
    pub name_kk: Option<String>,
    /// Name in Russian.
    pub name_ru: Option<String>,
    /// Name in English.
    pub name_en: Option<String>,
}

/// What the caller may apply for, and what they applied for.
#[derive(Debug, Clone)]
pub struct Mine {
    /// The organizations the caller owns.
    pub owned: Vec<Owned>,
    /// The caller's own applications, then those of each organization they belong to.
    pub entries: Vec<Entry>,
}

/// The caller's applications and their organizations' (their own data: any signed-in person).
pub async fn mine(state: &App, me: &SignedIn) -> Result<Mine, OpError> {
    let memberships = store::organizations::of_user(&state.db, me.user.id).await?;
    let mut entries = store_register::of_applicant(&state.db, Some(me.user.id), None).await?;
    for (org, ..) in &memberships {
        entries.extend(store_register::of_applicant(&state.db, None, Some(*org)).await?);
    }
    let owned = memberships
        .into_iter()
        .filter(|o| o.1 == "org_owner")
        .map(|(id, _, name_kk, name_ru, name_en, _)| Owned {
            id,
            name_kk,
            name_ru,
            name_en,
        })
        .collect();
    Ok(Mine { owned, entries })
}

/// Includes, refuses (with a reason) or excludes (with a reason) an entry: the national
/// admin; exactly one of concurrent decisions wins.
pub async fn decide(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    decision: &str,
    reason: &str,
) -> Result<(), OpError> {
    allow(Some(me), Action::DecideRegister, &Resource::Site)?;
    let entry = store_register::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let from = RegisterStatus::from_code(&entry.status).unwrap_or(RegisterStatus::Submitted);
    let mut e = Errors::new(lang);
    let to = match decision {
        "include" => rules::decide(from, true)?,
        "refuse" => rules::decide(from, false)?,
        "exclude" => rules::exclude(from)?,
        _ => {
            e.invalid("decision", &domain::Invalid::ChoiceUnknown);
            return Err(OpError::Invalid(e));
        }
    };
    let reason = if to == RegisterStatus::Included {
        e.check(
            "reason",
            domain::text::optional_multiline_text(reason, domain::org::MAX_REASON_CHARS),
        )
        .flatten()
    } else {
        e.check("reason", domain::org::reason(reason))
    };
    if !e.is_empty() {
        return Err(OpError::Invalid(e));
    }
    store_register::transition(
        &state.db,
        id,
        from.code(),
        to.code(),
        reason.as_deref(),
        me.user.id,
    )
    .await?;
    notify(
        state,
        &entry,
        &format!("register_{}", to.code()),
        reason.as_deref(),
    )
    .await
}

async fn notify(
    state: &App,
    entry: &Entry,
    stem: &str,
    reason: Option<&str>,
) -> Result<(), OpError> {
    let mut to: Vec<(String, String)> = Vec::new();
    if let Some(user) = entry.user_id
        && let Some(u) = store::accounts::user_by_id(&state.db, user).await?
    {
        to.push((u.email, u.preferred_lang));
    }
    if let Some(org) = entry.organization_id {
        to.extend(store::organizations::owner_contacts(&state.db, org).await?);
    }
    let link = format!(
        "{}/register",
        state.settings.public_url.trim_end_matches('/')
    );
    for (email, lang) in to {
        let lang = Lang::parse(&lang).unwrap_or_default();
        crate::mail::send_with(
            state,
            &email,
            lang,
            stem,
            &[
                ("name", Arg::Str(entry.public_name.clone())),
                ("link", Arg::Str(link.clone())),
                ("reason", Arg::Str(reason.unwrap_or("—").to_owned())),
            ],
        )
        .await?;
    }
    Ok(())
}

/// Filters of the register, from a query string.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RegisterParams {
    /// Text in the name.
    pub q: String,
    /// Region code.
    pub region: String,
    /// Activity type code.
    pub activity_type: String,
    /// `volunteer` or `organization`.
    pub kind: String,
    /// Page from 1.
    pub page: Option<i64>,
}

impl RegisterParams {
    /// The store query of the public register (included entries only).
    pub fn query(&self) -> Query {
        Query {
            statuses: vec!["included".into()],
            region: domain::RegionCode::parse(&self.region)
                .ok()
                .map(|r| r.as_str().to_owned()),
            activity_type: domain::reference::activity_type(&self.activity_type)
                .map(|a| a.code.to_owned()),
            kind: ApplicantKind::parse(&self.kind)
                .ok()
                .map(|k| k.code().to_owned()),
            q: (!self.q.trim().is_empty()).then(|| self.q.trim().chars().take(100).collect()),
        }
    }
    /// The page, from 1.
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 10_000)
    }
    /// The query string of these filters (for links and exports).
    pub fn query_string(&self) -> String {
        let enc = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        format!(
            "q={}&region={}&activity_type={}&kind={}",
            enc(&self.q),
            enc(&self.region),
            enc(&self.activity_type),
            enc(&self.kind)
        )
    }
}

/// The columns of the exports, translated.
fn header(lang: Lang) -> Vec<String> {
    [
        "register_col_name",
        "register_col_kind",
        "field_region",
        "field_activity_types",
        "register_col_participants",
        "register_col_projects",
        "register_col_included",
    ]
    .iter()
    .map(|k| crate::i18n::t(lang, k))
    .collect()
}

fn row(lang: Lang, e: &Entry) -> Vec<String> {
    let region = domain::RegionCode::parse(&e.region_code)
        .map(|r| r.name(lang).to_owned())
        .unwrap_or_default();
    let types = e
        .activity_type_list()
        .iter()
        .filter_map(|a| domain::reference::activity_type(a))
        .map(|a| a.name(lang).to_owned())
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        e.public_name.clone(),
        crate::i18n::t(lang, &format!("register_kind_{}", e.applicant_kind)),
        region,
        types,
        e.participants.to_string(),
        e.projects.clone(),
        e.decided_at
            .map(|d| domain::format_date((d + chrono::Duration::hours(5)).date_naive(), lang))
            .unwrap_or_default(),
    ]
}

/// The public register (as filtered) as a table for CSV and XLSX downloads.
pub async fn export_table(
    state: &App,
    lang: Lang,
    p: &RegisterParams,
) -> Result<crate::export::Table, OpError> {
    let (entries, _) = store_register::search(&state.db, &p.query(), None, 0).await?;
    Ok(crate::export::Table {
        header: header(lang),
        rows: entries.iter().map(|e| row(lang, e)).collect(),
        numeric: vec![4],
    })
}
