//! The charity of a dataset: collections of verified organizations in every state of their
//! lifecycle, donations through every channel (some of them refunded) and approved
//! expenses, each a money entry of the transparency log hashed as the application hashes
//! it, and every collection's counters equal to its trail.

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use domain::charity::{Channel, CollectionStatus, ExpenseCategory, MoneyEntry, MoneyKind};
use uuid::Uuid;

use super::generator::{Org, Rng};

/// A generated collection, with the counters its entries add up to.
pub(super) struct DemoCollection {
    pub(super) id: Uuid,
    pub(super) org: Uuid,
    pub(super) region: String,
    pub(super) status: CollectionStatus,
    pub(super) purpose_kk: String,
    pub(super) purpose_ru: String,
    pub(super) beneficiary: &'static str,
    pub(super) target: i64,
    pub(super) starts_on: NaiveDate,
    pub(super) ends_on: NaiveDate,
    pub(super) iban: String,
    pub(super) registration_number: Option<String>,
    pub(super) report: Option<String>,
    pub(super) reported_at: Option<DateTime<Utc>>,
    pub(super) raised: i64,
    pub(super) spent: i64,
    pub(super) donations: i64,
    pub(super) created_by: Uuid,
    pub(super) created_at: DateTime<Utc>,
}

/// A generated donation in money.
pub(super) struct DemoDonation {
    pub(super) id: Uuid,
    pub(super) collection: Uuid,
    pub(super) amount: i64,
    pub(super) channel: Channel,
    pub(super) occurred_on: NaiveDate,
    pub(super) public_name: Option<&'static str>,
    pub(super) receipt_code: String,
    pub(super) reversed_at: Option<DateTime<Utc>>,
    pub(super) recorded_at: DateTime<Utc>,
}

/// A generated approved expense.
pub(super) struct DemoExpense {
    pub(super) id: Uuid,
    pub(super) collection: Uuid,
    pub(super) amount: i64,
    pub(super) category: ExpenseCategory,
    pub(super) spent_on: NaiveDate,
    pub(super) submitted_by: Uuid,
    pub(super) decided_by: Uuid,
    pub(super) at: DateTime<Utc>,
}

/// Writes `$batch` (a [`CharityBatch`]) inside the transaction `$tx`: collections, then
/// donations and expenses, then their money entries at the next places of the log.
macro_rules! write_charity {
    ($tx:ident, $batch:expr) => {{
        let b: &$crate::demo::charity::CharityBatch = $batch;
        let at = crate::now();
        for rows in b.collections.chunks($crate::demo::loader::BATCH_ROWS / 2) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO collections (id, organization_id, region_code, status, purpose_kk, purpose_ru, \
                 beneficiary_category, target_tiyn, starts_on, ends_on, iban, bank, holder_bin, \
                 registration_number, raised_tiyn, spent_tiyn, donations, report, reported_at, created_by, \
                 created_at, updated_at) ",
            );
            q.push_values(rows, |mut q, c| {
                q.push_bind(c.id).push_bind(c.org).push_bind(c.region.as_str()).push_bind(c.status.code())
                    .push_bind(c.purpose_kk.as_str()).push_bind(c.purpose_ru.as_str()).push_bind(c.beneficiary)
                    .push_bind(c.target).push_bind(c.starts_on).push_bind(c.ends_on).push_bind(c.iban.as_str())
                    .push_bind("Demo Bank").push_bind("000000000000").push_bind(c.registration_number.as_deref())
                    .push_bind(c.raised).push_bind(c.spent).push_bind(c.donations).push_bind(c.report.as_deref())
                    .push_bind(c.reported_at).push_bind(c.created_by).push_bind(c.created_at).push_bind(at);
            });
            q.build().execute(&mut *$tx).await?;
        }
        for rows in b.donations.chunks($crate::demo::loader::BATCH_ROWS) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO donations (id, collection_id, in_kind, amount_tiyn, channel, occurred_on, \
                 public_name, receipt_code, lang, reversed_at, recorded_at) ",
            );
            q.push_values(rows, |mut q, d| {
                q.push_bind(d.id).push_bind(d.collection).push_bind(false).push_bind(d.amount)
                    .push_bind(d.channel.code()).push_bind(d.occurred_on).push_bind(d.public_name)
                    .push_bind(d.receipt_code.as_str()).push_bind("kk").push_bind(d.reversed_at)
                    .push_bind(d.recorded_at);
            });
            q.build().execute(&mut *$tx).await?;
        }
        for rows in b.expenses.chunks($crate::demo::loader::BATCH_ROWS / 2) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO expenses (id, collection_id, status, amount_tiyn, category, purpose, beneficiaries, \
                 spent_on, receipt, receipt_type, submitted_by, submitted_at, decided_by, decided_at, in_kind) ",
            );
            q.push_values(rows, |mut q, e| {
                q.push_bind(e.id).push_bind(e.collection).push_bind("approved").push_bind(e.amount)
                    .push_bind(e.category.code()).push_bind("Демо шығыс / Демо расход").push_bind(10i32)
                    .push_bind(e.spent_on).push_bind($crate::demo::charity::DEMO_RECEIPT).push_bind("application/pdf")
                    .push_bind(e.submitted_by).push_bind(e.at).push_bind(e.decided_by).push_bind(e.at)
                    .push_bind(false);
            });
            q.build().execute(&mut *$tx).await?;
        }
        let count = i64::try_from(b.entries.len()).unwrap_or(i64::MAX);
        let first: i64 = sqlx::query_scalar(
            "UPDATE ledger_log SET leaves = leaves + $1 WHERE id = 1 RETURNING leaves - $1",
        )
        .bind(count)
        .fetch_one(&mut *$tx)
        .await?;
        for (chunk, rows) in b.entries.chunks($crate::demo::loader::BATCH_ROWS).enumerate() {
            let base = first + i64::try_from(chunk * $crate::demo::loader::BATCH_ROWS).unwrap_or(i64::MAX);
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO money_entries (id, collection_id, organization_id, kind, amount, channel, \
                 in_kind, occurred_on, reverses, recorded_at, hash, leaf_index) ",
            );
            q.push_values(rows.iter().zip(base..), |mut q, (e, leaf)| {
                q.push_bind(e.id).push_bind(e.collection_id).push_bind(e.organization_id)
                    .push_bind(e.kind.code()).push_bind(e.amount).push_bind(e.channel_or_category.as_str())
                    .push_bind(e.in_kind).push_bind(e.occurred_on).push_bind(e.reverses)
                    .push_bind(e.recorded_at).push_bind(e.hash().to_vec()).push_bind(leaf);
            });
            q.build().execute(&mut *$tx).await?;
        }
    }};
}
pub(super) use write_charity;

/// The charity of one batch of collections: its rows and its money entries, in the
/// order they are appended to the log.
#[derive(Default)]
pub(super) struct CharityBatch {
    pub(super) collections: Vec<DemoCollection>,
    pub(super) donations: Vec<DemoDonation>,
    pub(super) expenses: Vec<DemoExpense>,
    pub(super) entries: Vec<MoneyEntry>,
}

/// The smallest valid PDF a demo expense carries as its receipt.
pub(super) const DEMO_RECEIPT: &[u8] =
    b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

const PURPOSES: [(&str, &str, &str); 8] = [
    ("Балаларға ем алуға", "На лечение детей", "sick"),
    ("Қарттарға азық-түлік", "Продукты для пожилых", "elderly"),
    (
        "Мүгедектігі бар жандарға арбалар",
        "Коляски для людей с инвалидностью",
        "disabled",
    ),
    (
        "Су тасқынынан зардап шеккендерге",
        "Пострадавшим от паводка",
        "emergency_victims",
    ),
    (
        "Көпбалалы отбасыларға киім",
        "Одежда для многодетных семей",
        "large_families",
    ),
    (
        "Балалар үйіне кітаптар",
        "Книги для детского дома",
        "children",
    ),
    (
        "Аз қамтылған отбасыларға көмір",
        "Уголь для малообеспеченных семей",
        "low_income",
    ),
    (
        "Жануарлар баспанасына жем",
        "Корм для приюта животных",
        "animals",
    ),
];

const PUBLIC_NAMES: [&str; 10] = [
    "Айгерім",
    "Нұрлан",
    "Мария",
    "Ерлан С.",
    "Дана",
    "Семья Ивановых",
    "Асқар",
    "Жанна К.",
    "Тимур",
    "Гүлнар",
];

/// A receipt check code of the kind the application issues (`XXXX-XXXX-XXXX`).
fn receipt_code(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let chars: String = (0..12)
        .map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize] as char)
        .collect();
    format!("{}-{}-{}", &chars[..4], &chars[4..8], &chars[8..])
}

/// A Kazakh IBAN with valid check digits for a 13-digit account of the dataset.
fn iban(rng: &mut Rng) -> String {
    let bank = ["601", "722", "998", "826", "551"][rng.below(5) as usize];
    let account = format!("{bank}{:013}", rng.below(10_000_000_000_000));
    // A 16-character account always has check digits; the test holds every one valid.
    domain::charity::iban_with_check_digits(&account).unwrap_or_default()
}

/// A donation's amount: most are small, a few are large (500 ₸ to 200,000 ₸, whole tenge).
fn amount(rng: &mut Rng) -> i64 {
    let tenge = 500.0 * (400f64).powf(rng.unit().powi(2));
    (tenge as i64 / 100 * 100).max(500) * 100
}

/// Generates the `n` collections of one batch and their `donations` donations (spread
/// unevenly), for `orgs` (verified ones only), as of `today` and the loading time `at`.
#[allow(clippy::too_many_arguments)]
pub(super) fn batch(
    rng: &mut Rng,
    orgs: &[&Org],
    creators: &[Uuid],
    n: u64,
    donations: u64,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> CharityBatch {
    let mut b = CharityBatch::default();
    if orgs.is_empty() || creators.is_empty() || n == 0 {
        return b;
    }
    let mut left = donations;
    for i in 0..n {
        let org = *rng.pick(orgs);
        let (kk, ru, beneficiary) = PURPOSES[rng.below(PURPOSES.len() as u64) as usize];
        // Seven in ten active, then closed, reported, registered but not yet started.
        let status = match rng.below(20) {
            0..=13 => CollectionStatus::Active,
            14..=15 => CollectionStatus::Closed,
            16..=18 => CollectionStatus::Reported,
            // The last of a batch collects, so that the batch's donations all find a place.
            _ if i + 1 == n => CollectionStatus::Active,
            _ => CollectionStatus::Registered,
        };
        let (starts_on, ends_on) = match status {
            CollectionStatus::Active => (
                today - Days::new(10 + rng.below(170)),
                today + Days::new(10 + rng.below(110)),
            ),
            CollectionStatus::Registered => (
                today + Days::new(1 + rng.below(30)),
                today + Days::new(60 + rng.below(60)),
            ),
            // Ended: some closed collections are past their report's due day.
            _ => {
                let end = today - Days::new(1 + rng.below(120));
                (end - Days::new(30 + rng.below(150)), end)
            }
        };
        let target = (100_000 + rng.below(20_000_000) as i64) * 100;
        let creator = *rng.pick(creators);
        let created_at = (starts_on - Days::new(7))
            .and_hms_opt(10, 0, 0)
            .map_or(at, |t| t.and_utc());
        let id = rng.uuid_at(created_at);
        let remaining = n - i;
        let share = if status == CollectionStatus::Registered {
            0
        } else if remaining == 1 {
            left
        } else {
            (left / remaining.max(1) * 2 * rng.below(1000) / 999).min(left)
        };
        left -= share;
        let mut c = DemoCollection {
            id,
            org: org.id,
            region: org.region.clone(),
            status,
            purpose_kk: kk.to_owned(),
            purpose_ru: ru.to_owned(),
            beneficiary,
            target,
            starts_on,
            ends_on,
            iban: iban(rng),
            registration_number: Some(format!("{}-{:05}", &org.region[3..], i + 1)),
            report: None,
            reported_at: None,
            raised: 0,
            spent: 0,
            donations: 0,
            created_by: creator,
            created_at,
        };
        let last_day = ends_on.min(today);
        let days = (last_day - starts_on).num_days().max(0) as u64 + 1;
        let mut given = Vec::with_capacity(share as usize);
        for _ in 0..share {
            let day = starts_on + Days::new(rng.below(days));
            let recorded_at = (day.and_hms_opt(6, 0, 0).map_or(at, |t| t.and_utc())
                + Duration::seconds(rng.below(50_000) as i64))
            .min(at);
            let channel = match rng.below(20) {
                0..=10 => Channel::Card,
                11..=16 => Channel::BankTransfer,
                17..=18 => Channel::CashBox,
                _ => Channel::Other,
            };
            given.push(DemoDonation {
                id: rng.uuid_at(recorded_at),
                collection: id,
                amount: amount(rng),
                channel,
                occurred_on: day,
                public_name: (rng.below(3) == 0).then(|| *rng.pick(&PUBLIC_NAMES)),
                receipt_code: receipt_code(rng),
                reversed_at: None,
                recorded_at,
            });
        }
        given.sort_by_key(|d| (d.recorded_at, d.id));
        for d in &mut given {
            c.raised += d.amount;
            c.donations += 1;
            b.entries.push(MoneyEntry {
                id: d.id,
                collection_id: id,
                organization_id: org.id,
                kind: MoneyKind::Donation,
                amount: d.amount,
                channel_or_category: d.channel.code().to_owned(),
                in_kind: false,
                occurred_on: d.occurred_on,
                reverses: None,
                recorded_at: d.recorded_at,
            });
            // One card payment in two hundred is refunded a day later.
            if d.channel == Channel::Card && rng.below(200) == 0 {
                let when = (d.recorded_at + Duration::days(1)).min(at);
                let reversal = MoneyEntry {
                    id: rng.uuid_at(when),
                    kind: MoneyKind::Reversal,
                    amount: -d.amount,
                    // A reversal carries the day of the gift it takes back.
                    reverses: Some(d.id),
                    recorded_at: when,
                    ..b.entries[b.entries.len() - 1].clone()
                };
                d.reversed_at = Some(when);
                c.raised -= d.amount;
                c.donations -= 1;
                b.entries.push(reversal);
            }
        }
        // Expenses: up to three quarters of what is standing, in a few payments after the
        // money came in.
        if c.raised > 0 && status != CollectionStatus::Registered {
            let n_expenses = 1 + rng.below(4);
            let budget = c.raised * (25 + rng.below(50) as i64) / 100;
            for _ in 0..n_expenses {
                let amount = (budget / n_expenses as i64 / 100).max(1) * 100;
                if amount > c.raised - c.spent {
                    break;
                }
                let day = starts_on + Days::new(rng.below(days));
                let when = (day.and_hms_opt(12, 0, 0).map_or(at, |t| t.and_utc())).min(at);
                let category = *rng.pick(&ExpenseCategory::ALL);
                let e = DemoExpense {
                    id: rng.uuid_at(when),
                    collection: id,
                    amount,
                    category,
                    spent_on: day,
                    submitted_by: creator,
                    decided_by: *rng.pick(creators),
                    at: when,
                };
                if e.decided_by == e.submitted_by {
                    continue;
                }
                c.spent += amount;
                b.entries.push(MoneyEntry {
                    id: e.id,
                    collection_id: id,
                    organization_id: org.id,
                    kind: MoneyKind::Expense,
                    amount,
                    channel_or_category: category.code().to_owned(),
                    in_kind: false,
                    occurred_on: day,
                    reverses: None,
                    recorded_at: when,
                });
                b.expenses.push(e);
            }
        }
        if status == CollectionStatus::Reported {
            c.report = Some(
                "Жиналған қаражат толық жұмсалды. Собранные средства израсходованы по назначению."
                    .to_owned(),
            );
            c.reported_at = ends_on
                .checked_add_days(Days::new(1 + rng.below(25)))
                .and_then(|d| d.and_hms_opt(11, 0, 0))
                .map(|t| t.and_utc().min(at));
        }
        b.donations.extend(given);
        b.collections.push(c);
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::charity::{Iban, MoneyTotals};

    #[test]
    fn counters_equal_the_trail_and_accounts_are_valid() {
        let mut rng = Rng::new(7);
        let orgs: Vec<Org> = (0..5)
            .map(|i| Org {
                id: Uuid::from_u128(i + 1),
                kind: "ngo",
                name_kk: "x".into(),
                name_ru: "x".into(),
                region: "KZ-75".into(),
                status: "verified",
            })
            .collect();
        let refs: Vec<&Org> = orgs.iter().collect();
        let creators = [Uuid::from_u128(100), Uuid::from_u128(101)];
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let at = today.and_hms_opt(12, 0, 0).unwrap().and_utc();
        let b = batch(&mut rng, &refs, &creators, 40, 5_000, today, at);
        assert_eq!(b.collections.len(), 40);
        assert_eq!(b.donations.len(), 5_000);
        for c in &b.collections {
            let t = MoneyTotals::of(b.entries.iter().filter(|e| e.collection_id == c.id));
            assert_eq!(t.net_raised(), c.raised);
            assert_eq!(t.spent, c.spent);
            assert_eq!(t.donations, c.donations);
            assert!(c.spent <= c.raised, "never spent more than raised");
            assert!(Iban::parse(&c.iban).is_ok(), "{}", c.iban);
        }
        assert!(b.entries.iter().all(|e| e.recorded_at <= at));
        let codes: std::collections::HashSet<&str> = b
            .donations
            .iter()
            .map(|d| d.receipt_code.as_str())
            .collect();
        assert_eq!(codes.len(), b.donations.len());
    }
}
