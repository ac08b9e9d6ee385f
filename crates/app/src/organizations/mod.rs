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
    AuditQuery, Directory, DirectoryParams, OrgView, Overview, PAGE_SIZE, audit_log, created,
    directory, edit_input, logo, organization_audit, overview, show,
};
pub use verification::{
    Decided, FrontOffice, VerificationView, decide, front_office, home_region,
    request_verification, set_suspended, verification, verification_queue,
};

use domain::{Action, Actor, Lang, OrgKind, Resource};
use serde::Deserialize;
use store::organizations as store_orgs;

/// An entry of the audit log; a card of the directory; an organization and its details.
pub use store::{
    audit::Entry as AuditEntry,
    organizations::{Card, Details, Organization},
};
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
    #[schema(
        required = true,
        pattern = r"^(ngo|state_institution|initiative_group)$"
    )]
    pub kind: String,
    /// BIN, 12 digits (required of NGOs and state institutions): the registration month
    /// `YYMM`, an entity type 4–6, an attribute 0–4, five serial digits and a check digit
    /// (`bin_checksum` when wrong).
    #[schema(pattern = r"^(|[0-9]{2}(0[1-9]|1[0-2])[4-6][0-4][0-9]{6})$")]
    pub bin: String,
    /// Name in Kazakh.
    #[schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub name_kk: String,
    /// Name in Russian.
    #[schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub name_ru: String,
    /// Name in English.
    #[schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub name_en: String,
    /// Description in Kazakh.
    #[schema(max_length = 5000, pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$")]
    pub description_kk: String,
    /// Description in Russian.
    #[schema(max_length = 5000, pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$")]
    pub description_ru: String,
    /// Description in English.
    #[schema(max_length = 5000, pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$")]
    pub description_en: String,
    /// Region ISO code.
    #[schema(
        required = true,
        pattern = r"^(KZ-10|KZ-11|KZ-15|KZ-19|KZ-23|KZ-27|KZ-31|KZ-33|KZ-35|KZ-39|KZ-43|KZ-47|KZ-55|KZ-59|KZ-61|KZ-62|KZ-63|KZ-71|KZ-75|KZ-79)$"
    )]
    pub region: String,
    /// Town or village.
    #[schema(max_length = 100, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub locality: String,
    /// Direction codes.
    #[schema(
        pattern = r"^(apk|birlik|bilim|tarbie|kelisim|front_office|fo_bilim|qamqor|umit|sabaqtastyq|taza_alem|saulyq|asyl_mura)$"
    )]
    pub directions: Vec<String>,
    /// Activity type codes.
    #[schema(
        pattern = r"^(social_help|social_services|victims_help|emergencies|search_missing|environment|other_useful)$"
    )]
    pub activity_types: Vec<String>,
    /// Public contact e-mail.
    #[schema(
        max_length = 254,
        pattern = r"^(|[A-Za-z0-9_+-]{1,32}(\.[A-Za-z0-9_+-]{1,16})?@([A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?\.){1,3}[A-Za-z]{2,12})$"
    )]
    pub contact_email: String,
    /// Public contact phone.
    #[schema(pattern = r"^(|\+770[0-9]{8})$")]
    pub contact_phone: String,
    /// Website.
    #[schema(pattern = r"^(|https://[a-z0-9]{1,20}\.kz(/[a-z0-9]{0,20})?)$")]
    pub website: String,
}

impl OrgInput {
    /// The input that reproduces stored details.
    pub fn from_details(d: &Details) -> Self {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        OrgInput {
            kind: d.kind.code().to_owned(),
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
        kind,
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
    let from = o.status;
    let to = if o.legal_change(&d) {
        domain::legal_details_edited(from)
    } else {
        from
    };
    match store_orgs::update(&state.db, id, &o, &d, from, to, me.user.id).await {
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
