//! Organization operations shared by pages and API: create and edit, verification by the
//! regional front-office, suspension, members and invitations, coordinators, audit.
//! Each checks `domain::authorize` first, then moves the state with a domain transition,
//! then stores it (compare-and-set on the status, with its audit entry).

use chrono::Duration as Span;
use domain::{Action, Actor, Lang, OrgKind, OrgStatus, Resource};
use serde::Deserialize;
use store::organizations::{self as store_orgs, Details, Organization};
use uuid::Uuid;

use crate::AppState;
use crate::accounts::OpError;
use crate::auth::{SignedIn, random_token, token_hash};
use crate::i18n::Arg;
use crate::pages::forms::Errors;

/// What a person typed into the organization form.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct OrgInput {
    /// `ngo`, `state_institution` or `initiative_group`.
    pub kind: String,
    /// BIN, 12 digits (NGOs and state institutions).
    pub bin: String,
    /// Name in Kazakh.
    pub name_kk: String,
    /// Name in Russian.
    pub name_ru: String,
    /// Name in English.
    pub name_en: String,
    /// Description in Kazakh.
    pub description_kk: String,
    /// Description in Russian.
    pub description_ru: String,
    /// Description in English.
    pub description_en: String,
    /// Region ISO code.
    pub region: String,
    /// Town or village.
    pub locality: String,
    /// Direction codes.
    pub directions: Vec<String>,
    /// Activity type codes.
    pub activity_types: Vec<String>,
    /// Public contact e-mail.
    pub contact_email: String,
    /// Public contact phone.
    pub contact_phone: String,
    /// Website.
    pub website: String,
}

impl OrgInput {
    /// The input that reproduces stored details.
    pub fn from_details(d: &Details) -> Self {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        OrgInput {
            kind: d.kind.clone(),
            bin: s(&d.bin),
            name_kk: s(&d.name_kk),
            name_ru: s(&d.name_ru),
            name_en: s(&d.name_en),
            description_kk: s(&d.description_kk),
            description_ru: s(&d.description_ru),
            description_en: s(&d.description_en),
            region: d.region_code.clone(),
            locality: s(&d.locality),
            directions: d.directions.clone(),
            activity_types: d.activity_types.clone(),
            contact_email: s(&d.contact_email),
            contact_phone: s(&d.contact_phone),
            website: s(&d.website),
        }
    }
}

/// Validates the form; per-field translated errors otherwise.
pub fn validate(lang: Lang, i: &OrgInput) -> Result<Details, Errors> {
    let mut e = Errors::new(lang);
    let kind = e.check("kind", OrgKind::parse(&i.kind));
    let bin = match kind {
        Some(k) if k.needs_bin() => e
            .check("bin", domain::Bin::parse(&i.bin))
            .map(|b| b.as_str().to_owned()),
        _ => None,
    };
    let names = match domain::OrgNames::parse(&i.name_kk, &i.name_ru, &i.name_en) {
        Ok(n) => Some(n),
        Err(errs) => {
            for (field, err) in errs {
                e.invalid(field, &err);
            }
            None
        }
    };
    let mut text = |field: &str, raw: &str, max: usize| {
        e.check(field, domain::text::optional_multiline_text(raw, max))
            .flatten()
    };
    let description_kk = text("description_kk", &i.description_kk, 5000);
    let description_ru = text("description_ru", &i.description_ru, 5000);
    let description_en = text("description_en", &i.description_en, 5000);
    let region = e.check("region", domain::RegionCode::parse(&i.region));
    let locality = e
        .check("locality", domain::optional_text(&i.locality, 100))
        .flatten();
    for d in &i.directions {
        if domain::reference::direction(d).is_none() {
            e.invalid("directions", &domain::Invalid::ChoiceUnknown);
        }
    }
    for a in &i.activity_types {
        if domain::reference::activity_type(a).is_none() {
            e.invalid("activity_types", &domain::Invalid::ChoiceUnknown);
        }
    }
    let contact_email = if i.contact_email.trim().is_empty() {
        None
    } else {
        e.check("contact_email", domain::Email::parse(&i.contact_email))
            .map(|m| m.as_str().to_owned())
    };
    let contact_phone = if i.contact_phone.trim().is_empty() {
        None
    } else {
        e.check("contact_phone", domain::Phone::parse(&i.contact_phone))
            .map(|p| p.as_str().to_owned())
    };
    let website = e
        .check("website", domain::org::website(&i.website))
        .flatten();
    if !e.is_empty() {
        return Err(e);
    }
    let (Some(kind), Some(names), Some(region)) = (kind, names, region) else {
        return Err(e);
    };
    let mut directions = i.directions.clone();
    directions.dedup();
    let mut activity_types = i.activity_types.clone();
    activity_types.dedup();
    Ok(Details {
        kind: kind.code().to_owned(),
        bin,
        name_kk: names.kk,
        name_ru: names.ru,
        name_en: names.en,
        description_kk,
        description_ru,
        description_en,
        region_code: region.as_str().to_owned(),
        locality,
        directions,
        activity_types,
        contact_email,
        contact_phone,
        website,
    })
}

/// The authorization resource of an organization.
pub fn resource(o: &Organization) -> Resource {
    Resource::Organization {
        id: o.id,
        region: domain::RegionCode::parse(&o.region_code).expect("stored regions are valid"),
    }
}

/// Checks `action` on `resource` for the caller (a visitor when None).
pub fn allow(me: Option<&SignedIn>, action: Action, resource: &Resource) -> Result<(), OpError> {
    let actor = me.map(SignedIn::actor).unwrap_or_else(Actor::visitor);
    domain::authorize(&actor, action, resource).map_err(OpError::from)
}

/// Whether the caller may do `action` (for showing buttons; the handlers check again).
pub fn may(me: Option<&SignedIn>, action: Action, resource: &Resource) -> bool {
    allow(me, action, resource).is_ok()
}

fn status(o: &Organization) -> OrgStatus {
    OrgStatus::parse(&o.status).unwrap_or(OrgStatus::Registered)
}

/// Loads an organization or `NotFound`.
pub async fn load(state: &AppState, id: Uuid) -> Result<Organization, OpError> {
    store_orgs::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)
}

/// Tells the owners of an organization, in their language, by e-mail.
async fn notify_owners(
    state: &AppState,
    o: &Organization,
    stem: &str,
    reason: Option<&str>,
) -> Result<(), OpError> {
    let link = format!(
        "{}/organizations/{}",
        state.settings.public_url.trim_end_matches('/'),
        o.id
    );
    for (email, lang) in store_orgs::owner_contacts(&state.db, o.id).await? {
        let lang = Lang::parse(&lang).unwrap_or_default();
        let name = display_name(o, lang).to_owned();
        crate::mail::send_with(
            state,
            &email,
            lang,
            stem,
            &[
                ("name", Arg::Str(name)),
                ("link", Arg::Str(link.clone())),
                ("reason", Arg::Str(reason.unwrap_or("—").to_owned())),
            ],
        )
        .await?;
    }
    Ok(())
}

/// The organization's name in `lang`, else the first it has.
pub fn display_name(o: &Organization, lang: Lang) -> &str {
    lang.pick_present(
        o.name_kk.as_deref(),
        o.name_ru.as_deref(),
        o.name_en.as_deref(),
    )
    .unwrap_or("—")
}

/// Creates an organization; the caller becomes its owner.
pub async fn create(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    input: &OrgInput,
) -> Result<Uuid, OpError> {
    allow(Some(me), Action::CreateOrganization, &Resource::Site)?;
    let d = validate(lang, input).map_err(OpError::Invalid)?;
    match store_orgs::create(&state.db, &d, me.user.id).await {
        Ok(id) => Ok(id),
        Err(store::Error::Conflict(code)) => {
            let mut e = Errors::new(lang);
            e.code("bin", code);
            Err(OpError::Invalid(e))
        }
        Err(e) => Err(e.into()),
    }
}

/// Saves new details; a verified organization whose legal details change goes back to
/// review (a new request for its region's front-office).
pub async fn edit(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    input: &OrgInput,
) -> Result<(), OpError> {
    let o = load(state, id).await?;
    allow(Some(me), Action::EditOrganization, &resource(&o))?;
    let d = validate(lang, input).map_err(OpError::Invalid)?;
    let old = Details::of(&o);
    let from = status(&o);
    let to = if old.legal_change(&d) {
        domain::legal_details_edited(from)
    } else {
        from
    };
    match store_orgs::update(&state.db, id, &old, &d, from.code(), to.code(), me.user.id).await {
        Ok(()) => Ok(()),
        Err(store::Error::Conflict("bin_taken")) => {
            let mut e = Errors::new(lang);
            e.code("bin", "bin_taken");
            Err(OpError::Invalid(e))
        }
        Err(e) => Err(e.into()),
    }
}

/// Asks the region's front-office for verification.
pub async fn request_verification(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
) -> Result<(), OpError> {
    let o = load(state, id).await?;
    allow(Some(me), Action::RequestVerification, &resource(&o))?;
    let from = status(&o);
    domain::request_verification(from)?;
    store_orgs::request_verification(&state.db, id, from.code(), me.user.id).await?;
    Ok(())
}

/// Decides a verification request: only a coordinator of the organization's region (or
/// the national admin); exactly one concurrent decision wins.
pub async fn decide(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    request_id: Uuid,
    decision: &str,
    reason: &str,
) -> Result<Uuid, OpError> {
    let req = store_orgs::request(&state.db, request_id)
        .await?
        .ok_or(OpError::NotFound)?;
    let o = load(state, req.organization_id).await?;
    allow(Some(me), Action::VerifyOrganization, &resource(&o))?;
    let mut e = Errors::new(lang);
    let decision = e.check("decision", domain::VerificationDecision::parse(decision));
    let reason = match decision {
        Some(d) if d.needs_reason() => e.check("reason", domain::org::reason(reason)),
        _ => e
            .check(
                "reason",
                domain::text::optional_multiline_text(reason, domain::org::MAX_REASON_CHARS),
            )
            .flatten(),
    };
    let Some(decision) = decision.filter(|_| e.is_empty()) else {
        return Err(OpError::Invalid(e));
    };
    if req.status != "open" {
        return Err(OpError::Conflict("already_decided"));
    }
    let to = domain::decide_verification(status(&o), decision)?;
    store_orgs::decide(
        &state.db,
        request_id,
        decision.code(),
        to.code(),
        reason.as_deref(),
        me.user.id,
    )
    .await?;
    notify_owners(
        state,
        &o,
        &format!("org_{}", decision.code()),
        reason.as_deref(),
    )
    .await?;
    Ok(o.id)
}

/// Suspends or restores an organization (national admin), with a reason.
pub async fn set_suspended(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    suspend: bool,
    reason: &str,
) -> Result<(), OpError> {
    let o = load(state, id).await?;
    let action = if suspend {
        Action::SuspendOrganization
    } else {
        Action::RestoreOrganization
    };
    allow(Some(me), action, &resource(&o))?;
    let mut e = Errors::new(lang);
    let Some(reason) = e.check("reason", domain::org::reason(reason)) else {
        return Err(OpError::Invalid(e));
    };
    let from = status(&o);
    let to = if suspend {
        domain::org::suspend(from)?
    } else {
        let previous = o
            .status_before_suspension
            .as_deref()
            .and_then(OrgStatus::parse)
            .unwrap_or(OrgStatus::Registered);
        domain::org::restore(previous, from)?
    };
    store_orgs::set_suspended(&state.db, id, from.code(), to.code(), &reason, me.user.id).await?;
    notify_owners(
        state,
        &o,
        if suspend {
            "org_suspended"
        } else {
            "org_restored"
        },
        Some(&reason),
    )
    .await
}

/// Invites a coordinator by e-mail (a link through the outbox, valid 7 days).
pub async fn invite(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    email: &str,
) -> Result<(), OpError> {
    let o = load(state, id).await?;
    allow(Some(me), Action::InviteMember, &resource(&o))?;
    let mut e = Errors::new(lang);
    let Some(email) = e.check("email", domain::Email::parse(email)) else {
        return Err(OpError::Invalid(e));
    };
    let token = random_token();
    store_orgs::invite(
        &state.db,
        id,
        email.as_str(),
        &token_hash(&token),
        me.user.id,
        store::now() + Span::days(7),
    )
    .await?;
    let link = format!(
        "{}/invitations/accept?token={token}",
        state.settings.public_url.trim_end_matches('/')
    );
    crate::mail::send_with(
        state,
        email.as_str(),
        lang,
        "invitation",
        &[
            ("name", Arg::Str(display_name(&o, lang).to_owned())),
            ("link", Arg::Str(link)),
        ],
    )
    .await?;
    Ok(())
}

/// Accepts an invitation (once, before it expires).
pub async fn accept_invitation(
    state: &AppState,
    me: &SignedIn,
    token: &str,
) -> Result<Uuid, OpError> {
    match store_orgs::accept_invitation(&state.db, &token_hash(token), me.user.id).await {
        Ok(org) => Ok(org),
        Err(store::Error::Conflict(_)) => Err(OpError::BadToken),
        Err(e) => Err(e.into()),
    }
}

/// Removes a coordinator (the owner), or leaves (a coordinator); the owner cannot leave.
pub async fn remove_member(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    user: Uuid,
) -> Result<(), OpError> {
    let o = load(state, id).await?;
    let leaving = user == me.user.id;
    let action = if leaving {
        Action::LeaveOrganization
    } else {
        Action::RemoveMember
    };
    allow(Some(me), action, &resource(&o))?;
    let what = if leaving {
        "member.left"
    } else {
        "member.removed"
    };
    if store_orgs::remove_member(&state.db, id, user, me.user.id, what).await? {
        Ok(())
    } else {
        Err(OpError::NotFound)
    }
}

/// Hands ownership to a coordinator.
pub async fn transfer(state: &AppState, me: &SignedIn, id: Uuid, to: Uuid) -> Result<(), OpError> {
    let o = load(state, id).await?;
    allow(Some(me), Action::TransferOwnership, &resource(&o))?;
    store_orgs::transfer_ownership(&state.db, id, me.user.id, to).await?;
    Ok(())
}

/// Appoints (or removes) a regional coordinator (national admin).
pub async fn set_coordinator(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    email: &str,
    region: &str,
    appoint: bool,
) -> Result<(), OpError> {
    let mut e = Errors::new(lang);
    let email = e.check("email", domain::Email::parse(email));
    let region = e.check("region", domain::RegionCode::parse(region));
    let (Some(email), Some(region)) = (email, region) else {
        return Err(OpError::Invalid(e));
    };
    allow(
        Some(me),
        Action::AppointCoordinator,
        &Resource::Region(region.clone()),
    )?;
    let Some(user) = store::accounts::user_by_email(&state.db, email.as_str()).await? else {
        e.code("email", "account_not_found");
        return Err(OpError::Invalid(e));
    };
    let changed = if appoint {
        store::accounts::grant_role(
            &state.db,
            user.id,
            "regional_coordinator",
            None,
            Some(region.as_str()),
            Some(me.user.id),
        )
        .await?;
        true
    } else {
        store::accounts::revoke_role(&state.db, user.id, "regional_coordinator", region.as_str())
            .await?
    };
    if changed {
        store::audit::record(
            &state.db,
            &store::audit::NewEntry {
                actor_id: Some(me.user.id),
                action: if appoint { "role.appointed" } else { "role.removed" }.into(),
                object_type: "role".into(),
                object_id: user.id,
                region_code: Some(region.as_str().to_owned()),
                changes: serde_json::json!({"regional_coordinator": region.as_str(), "appointed": appoint}),
                ..Default::default()
            },
        )
        .await?;
    }
    Ok(())
}

/// Replaces the logo: PNG, JPEG or WebP by its bytes (not its name or declared type), at
/// most `domain::LOGO_MAX_BYTES`; served later with the sniffed type.
pub async fn set_logo(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    bytes: &[u8],
) -> Result<(), OpError> {
    let o = load(state, id).await?;
    allow(Some(me), Action::EditOrganization, &resource(&o))?;
    let mut e = Errors::new(lang);
    let Some(content_type) = e.check("logo", domain::sniff_image(bytes)) else {
        return Err(OpError::Invalid(e));
    };
    store_orgs::set_logo(&state.db, id, bytes, content_type, me.user.id).await?;
    Ok(())
}
