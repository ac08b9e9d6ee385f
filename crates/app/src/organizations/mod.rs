//! Organization operations shared by pages and API: create and edit, verification by the
//! regional front-office, suspension, members and invitations, coordinators, audit.
//! Each checks `domain::authorize` first, then moves the state with a domain transition,
//! then stores it (compare-and-set on the status, with its audit entry). What the pages and
//! the API show is read in [`reads`], authorised the same way.

mod members;
mod reads;
mod verification;

pub use members::{
    accept_invitation, coordinators, invite, remove_member, set_coordinator, transfer,
};
pub use reads::{
    Directory, DirectoryParams, OrgView, Overview, PAGE_SIZE, audit_log, created, directory,
    edit_input, logo, organization_audit, overview, show,
};
pub use verification::{
    Decided, FrontOffice, VerificationView, decide, front_office, home_region,
    request_verification, set_suspended, verification, verification_queue,
};

use domain::{Action, Actor, Lang, OrgKind, OrgStatus, Resource};
use serde::Deserialize;
use store::organizations::{self as store_orgs, Details, Organization};
use uuid::Uuid;

use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;

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
pub async fn load(state: &App, id: Uuid) -> Result<Organization, OpError> {
    store_orgs::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)
}

/// Tells the owners of an organization, in their language, by e-mail.
async fn notify_owners(
    state: &App,
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
    state: &App,
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
    state: &App,
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

/// Replaces the logo: PNG, JPEG or WebP by its bytes (not its name or declared type), at
/// most `domain::LOGO_MAX_BYTES`; served later with the sniffed type.
pub async fn set_logo(
    state: &App,
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
