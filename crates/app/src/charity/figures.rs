//! Charity in figures: an organization's annual charity report (public, as a charity
//! regulator publishes income and spending), a region's year by month for its
//! front-office, the country's year by region for the ministry. Every figure is folded from
//! the money entries inside the latest signed checkpoint's tree and says which one, so
//! anyone holding the log can compute it again.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::charity::{Figures, Sum};
use domain::{Action, OrgStatus, RegionCode, Resource};
use store::charity::figures::{Scope, Split, sums};
use store::charity::{Collection, CollectionFilter};
use store::organizations::Organization;
use uuid::Uuid;

use super::LISTED;
use crate::auth::SignedIn;
use crate::organizations::{allow, load, may};
use crate::{App, OpError};

/// The checkpoint figures were computed at.
#[derive(Debug, Clone, Copy, serde::Serialize, utoipa::ToSchema)]
pub struct AtCheckpoint {
    /// The tree size (0: no checkpoint yet, so no figure).
    pub size: u64,
    /// When it was signed.
    pub signed_at: Option<DateTime<Utc>>,
}

/// An organization's charity in one calendar year.
#[derive(Debug, Clone)]
pub struct AnnualReport {
    /// The organization.
    pub organization: Organization,
    /// The year.
    pub year: i32,
    /// Its figures.
    pub figures: Figures,
    /// Its public collections (with their counters, all years).
    pub collections: Vec<Collection>,
    /// The checkpoint.
    pub at: AtCheckpoint,
}

/// A year of charity in a region (by month) or in the country (by region).
#[derive(Debug, Clone)]
pub struct Aggregate {
    /// The region, or none for the country.
    pub region: Option<RegionCode>,
    /// The year.
    pub year: i32,
    /// The whole year.
    pub total: Figures,
    /// Its parts: months (`2026-03-01`) of a region, regions (their codes) of the country;
    /// parts where nothing happened are left out.
    pub parts: Vec<(String, Figures)>,
    /// The checkpoint.
    pub at: AtCheckpoint,
}

/// `?year=`: the calendar year asked for (this year when absent).
#[derive(Debug, Clone, Copy, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct YearQuery {
    /// The year, 2000 to next year.
    pub year: Option<i32>,
}

impl YearQuery {
    /// The year asked for, or this year.
    pub fn year(&self) -> i32 {
        self.year.unwrap_or_else(|| crate::today().year())
    }
}

/// The years a report may be asked for: from 2000 to next year.
fn period(year: i32) -> Result<(NaiveDate, NaiveDate), OpError> {
    let now = crate::today().year();
    if !(2000..=now + 1).contains(&year) {
        return Err(OpError::NotFound);
    }
    let day = |y| NaiveDate::from_ymd_opt(y, 1, 1).ok_or(OpError::NotFound);
    Ok((day(year)?, day(year + 1)?))
}

async fn checkpoint(state: &App) -> Result<AtCheckpoint, OpError> {
    let latest = store::ledger::log::latest(&state.db).await?;
    Ok(AtCheckpoint {
        size: latest.as_ref().map_or(0, |k| k.size),
        signed_at: latest.map(|k| k.created_at),
    })
}

/// An organization's annual charity report: public for an organization anyone may see
/// (a suspended one only for those who may see its private details).
pub async fn annual(
    state: &App,
    me: Option<&SignedIn>,
    org: Uuid,
    year: i32,
) -> Result<AnnualReport, OpError> {
    let (from, to) = period(year)?;
    let o = load(state, org).await?;
    let private = may(
        me,
        Action::ViewOrganizationPrivate,
        &crate::organizations::resource(&o),
    );
    if o.status == OrgStatus::Suspended && !private {
        return Err(OpError::NotFound);
    }
    let at = checkpoint(state).await?;
    let found = sums(
        &state.db,
        Scope::Organization(org),
        from,
        to,
        at.size,
        Split::Whole,
    )
    .await?;
    let filter = CollectionFilter {
        statuses: LISTED.to_vec(),
        organization: Some(org),
        ..CollectionFilter::default()
    };
    let collections = store::charity::collections(&state.db, &filter, 500, 0).await?;
    Ok(AnnualReport {
        organization: o,
        year,
        figures: Figures::fold(found.into_iter().map(|(_, s)| s)),
        collections,
        at,
    })
}

/// A region's year of charity by month, for its front-office and the national admin.
pub async fn regional(
    state: &App,
    me: &SignedIn,
    region: &str,
    year: i32,
) -> Result<Aggregate, OpError> {
    let code = RegionCode::parse(region).map_err(|_| OpError::NotFound)?;
    allow(
        Some(me),
        Action::ViewRegionStats,
        &Resource::Region(code.clone()),
    )?;
    let (from, to) = period(year)?;
    let at = checkpoint(state).await?;
    let found = sums(
        &state.db,
        Scope::Region(code.as_str()),
        from,
        to,
        at.size,
        Split::Month,
    )
    .await?;
    Ok(Aggregate {
        region: Some(code),
        year,
        total: Figures::fold(found.iter().map(|(_, s)| s.clone())),
        parts: by_month(&found),
        at,
    })
}

/// The country's year of charity by region, for the national admin.
pub async fn national(state: &App, me: &SignedIn, year: i32) -> Result<Aggregate, OpError> {
    allow(Some(me), Action::ViewNationalStats, &Resource::Site)?;
    let (from, to) = period(year)?;
    let at = checkpoint(state).await?;
    let found = sums(&state.db, Scope::Nation, from, to, at.size, Split::Region).await?;
    let mut regions: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
    regions.sort_unstable();
    regions.dedup();
    let parts = regions
        .into_iter()
        .map(|r| {
            let of = found.iter().filter(|(k, _)| k == r).map(|(_, s)| s.clone());
            (r.to_owned(), Figures::fold(of))
        })
        .collect();
    Ok(Aggregate {
        region: None,
        year,
        total: Figures::fold(found.into_iter().map(|(_, s)| s)),
        parts,
        at,
    })
}

/// Each month's figures: what came before it is its balance carried in.
fn by_month(found: &[(String, Sum)]) -> Vec<(String, Figures)> {
    let mut months: Vec<&str> = found
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !k.is_empty())
        .collect();
    months.sort_unstable();
    months.dedup();
    months
        .into_iter()
        .map(|m| {
            let of = found
                .iter()
                .filter(|(k, _)| k.as_str() <= m)
                .map(|(k, s)| Sum {
                    before: s.before || k.as_str() < m,
                    ..s.clone()
                });
            (m.to_owned(), Figures::fold(of))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::charity::MoneyKind;

    fn sum(month: &str, kind: MoneyKind, amount: i64) -> (String, Sum) {
        (
            month.into(),
            Sum {
                kind,
                code: "card".into(),
                in_kind: false,
                before: month.is_empty(),
                amount,
                entries: 1,
            },
        )
    }

    #[test]
    fn each_month_carries_in_what_came_before() {
        let found = [
            sum("", MoneyKind::Donation, 100),
            sum("2026-03-01", MoneyKind::Donation, 50),
            sum("2026-01-01", MoneyKind::Donation, 20),
            sum("2026-03-01", MoneyKind::Expense, 30),
        ];
        let months = by_month(&found);
        let keys: Vec<&str> = months.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["2026-01-01", "2026-03-01"]);
        assert_eq!(months[0].1.opening, 100);
        assert_eq!(months[0].1.closing(), 120);
        assert_eq!(months[1].1.opening, 120);
        assert_eq!(months[1].1.received_total(), 50);
        assert_eq!(months[1].1.closing(), 140);
    }
}
