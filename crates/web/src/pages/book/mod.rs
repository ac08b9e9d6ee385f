//! Pages of the electronic volunteer book: the volunteer's book (totals, entries, claims,
//! disputes) and its public view ([`mine`]), an organization's hours to confirm
//! ([`queue`]), certificates and their verify page ([`certificates`]), and the book and an
//! organization's hours as files ([`exports`]).

mod certificates;
mod exports;
mod mine;
mod queue;

use std::collections::HashMap;

use uuid::Uuid;

use crate::ctx::Ctx;
use app::book;

pub use certificates::{VerifyPage, download, issue, verify};
pub(crate) use exports::table_download;
pub use exports::{export_mine, export_org};
pub use mine::{BookPage, EntryView, PublicBookPage, claim, dispute, mine, public, set_public};
pub use queue::{OrgHoursPage, PendingView, decide, decision, org_hours};

/// A line of totals: label and hours, formatted.
pub struct TotalLine {
    /// What.
    pub label: String,
    /// Hours, formatted.
    pub hours: String,
}

pub use crate::ctx::PageQuery;

/// A book's totals by year, direction, organization and activity type, as tables.
fn total_groups(
    ctx: &Ctx,
    totals: &book::Totals,
    names: &HashMap<Option<Uuid>, String>,
) -> Vec<(&'static str, Vec<TotalLine>)> {
    let lang = ctx.lang;
    let other = || ctx.t("book_other");
    let lines = |map: Vec<(String, i64)>| -> Vec<TotalLine> {
        map.into_iter()
            .map(|(label, m)| TotalLine {
                label,
                hours: domain::format_hours(m, lang),
            })
            .collect()
    };
    let by_year = lines(
        totals
            .by_year
            .iter()
            .rev()
            .map(|(y, m)| (y.to_string(), *m))
            .collect(),
    );
    let by_direction = lines(
        totals
            .by_direction
            .iter()
            .map(|(d, m)| {
                let name = domain::reference::direction(d).map(|x| x.name(lang).to_owned());
                (name.unwrap_or_else(other), *m)
            })
            .collect(),
    );
    let by_organization = lines(
        totals
            .by_organization
            .iter()
            .map(|(o, m)| {
                let name = names
                    .get(&Uuid::parse_str(o).ok())
                    .filter(|n| !n.is_empty())
                    .cloned();
                (name.unwrap_or_else(other), *m)
            })
            .collect(),
    );
    let by_activity = lines(
        totals
            .by_activity_type
            .iter()
            .map(|(a, m)| {
                let name = domain::reference::activity_type(a).map(|x| x.name(lang).to_owned());
                (name.unwrap_or_else(other), *m)
            })
            .collect(),
    );
    vec![
        ("book_by_year", by_year),
        ("book_by_direction", by_direction),
        ("book_by_organization", by_organization),
        ("book_by_activity", by_activity),
    ]
}
