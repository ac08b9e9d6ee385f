//! Demo and benchmark datasets in Kazakh and Russian, deterministic for a seed: the same
//! seed gives the same people, events, shifts and applications on both databases (for the
//! same day: the shifts are laid out around today). Written in bulk (multi-row inserts in
//! one transaction), so that the national scale loads in minutes. Demo accounts cannot log
//! in (no usable password).
//!
//! The generated events, shifts and applications look as the application writes them:
//! `accepted_count` of a shift is the number of its applications that hold a place
//! (accepted, checked in, completed, no-show) and never exceeds its capacity, `next_start`
//! of an event is the start of its first coming shift (relative to the time of loading),
//! the typed fields of an event are written as `events::create_with_status` writes them
//! (with the same `search_text` and `languages_mask`),
//! keys are time-ordered (UUID v7) for the time the row was created. With a signing key
//! ([`load_plan_with_ledger`]) every confirmed hours entry is in its volunteer's ledger
//! chain, hashed and linked as `ledger::confirm` links it, the head signed; a dataset
//! loaded without one gets its chains from [`ledger_backfill`]. Charitable collections,
//! their donations, refunds and approved expenses are money entries of the log, hashed as
//! the application hashes them, each collection's counters equal to its trail.

mod charity;
mod events;
mod generator;
mod ledger;
mod loader;
#[cfg(all(test, feature = "test-support"))]
mod tests;
mod themes;
mod words;

pub use generator::Rng;
pub use ledger::{Backfill, ledger_backfill, long_book_hours};
pub use loader::{load, load_counts, load_plan, load_plan_with_ledger};
pub use words::REGION_WEIGHTS;

use crate::{Db, Result, on_db};

/// How much data to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// A first run that shows life: 200 volunteers.
    Small,
    /// One large region's worth: 20,000 volunteers.
    Region,
    /// Kazakhstan: 300,000 volunteers, 4,300 organizations, 5,000,000 hours entries.
    National,
}

impl Scale {
    /// Parses `small`, `region` or `national`.
    pub fn parse(s: &str) -> Option<Scale> {
        match s {
            "small" => Some(Scale::Small),
            "region" => Some(Scale::Region),
            "national" => Some(Scale::National),
            _ => None,
        }
    }
    /// (volunteers, organizations, hours entries).
    pub fn counts(self) -> (u64, u64, u64) {
        let c = self.plan();
        (c.volunteers, c.organizations, c.hours_entries)
    }
    /// Everything the scale creates.
    pub fn plan(self) -> Counts {
        match self {
            Scale::Small => Counts {
                volunteers: 200,
                organizations: 12,
                hours_entries: 600,
                events: 40,
                shifts: 300,
                applications: 2_000,
                collections: 20,
                donations: 2_000,
            },
            Scale::Region => Counts {
                volunteers: 20_000,
                organizations: 290,
                hours_entries: 330_000,
                events: 1_500,
                shifts: 15_000,
                applications: 140_000,
                collections: 150,
                donations: 70_000,
            },
            Scale::National => Counts {
                volunteers: 300_000,
                organizations: 4_300,
                hours_entries: 5_000_000,
                events: 20_000,
                shifts: 200_000,
                applications: 2_000_000,
                collections: 2_000,
                donations: 1_000_000,
            },
        }
    }
}

/// The sizes of a dataset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Volunteers.
    pub volunteers: u64,
    /// Organizations (three in four verified).
    pub organizations: u64,
    /// Confirmed hours entries.
    pub hours_entries: u64,
    /// Events, of verified organizations (none without a verified organization).
    pub events: u64,
    /// Shifts of those events, from 60 days ago to 120 days ahead (at least one per event).
    pub shifts: u64,
    /// Applications to those shifts (drafts have none).
    pub applications: u64,
    /// Charitable collections of verified organizations (seven in ten active).
    pub collections: u64,
    /// Donations in money to them (one card payment in two hundred refunded).
    pub donations: u64,
}

impl Counts {
    /// The same proportions for `volunteers` volunteers: at least 3 organizations, and
    /// (when there are events) at least 3 events and a shift per event.
    pub fn for_volunteers(self, volunteers: u64) -> Counts {
        let base = u128::from(self.volunteers.max(1));
        let scale = |x: u64| (u128::from(x) * u128::from(volunteers) / base) as u64;
        let events = if self.events == 0 {
            0
        } else {
            scale(self.events).max(3)
        };
        Counts {
            volunteers,
            organizations: scale(self.organizations).max(3),
            hours_entries: scale(self.hours_entries),
            events,
            shifts: scale(self.shifts).max(events),
            applications: scale(self.applications),
            collections: scale(self.collections),
            donations: scale(self.donations),
        }
    }
}

/// What [`load`] created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// Volunteers created.
    pub volunteers: u64,
    /// Organizations created.
    pub organizations: u64,
    /// Hours entries created.
    pub hours_entries: u64,
    /// Events created.
    pub events: u64,
    /// Shifts created.
    pub shifts: u64,
    /// Applications created.
    pub applications: u64,
    /// Ledger entries appended (one per confirmed hours entry, with a signing key).
    pub ledger_entries: u64,
    /// Charitable collections created.
    pub collections: u64,
    /// Donations created (money entries of the log, with their refunds and expenses).
    pub donations: u64,
}

/// True when demo data is already loaded.
pub async fn is_loaded(db: &Db) -> Result<bool> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE email LIKE '%@demo.erikti.kz'",
    ).fetch_one(pool).await?);
    Ok(n > 0)
}
