//! Data preparation for the benchmarks in `bench/` (`erikti bench-burst-prepare`,
//! `erikti bench-book-prepare`, `erikti bench-webhooks-prepare`): written through the store
//! and the operations, as the site writes it.

use anyhow::Context;

use crate::config::Config;

/// A benchmark account with a confirmed e-mail and no password, made as sign-up and its
/// confirmation make it.
async fn account(db: &store::Db, email: &str, name: &str) -> anyhow::Result<uuid::Uuid> {
    let id = store::accounts::create_user(
        db,
        &store::accounts::NewUser {
            email,
            password_hash: "!",
            display_name: name,
            preferred_lang: "kk",
            confirmed: false,
        },
    )
    .await?;
    store::accounts::confirm_email(db, id).await?;
    Ok(id)
}

/// A verified NGO of Almaty owned by `owner`: registered, its verification requested and
/// decided through the store's functions (the owner's account standing in for the
/// front-office).
async fn verified_organization(
    db: &store::Db,
    owner: uuid::Uuid,
    name_kk: &str,
    name_ru: &str,
) -> anyhow::Result<uuid::Uuid> {
    use store::organizations;
    let org = organizations::create(
        db,
        &organizations::Details {
            kind: domain::OrgKind::Ngo,
            name_kk: Some(name_kk.to_owned()),
            name_ru: Some(name_ru.to_owned()),
            region_code: "KZ-75".into(),
            locality: Some("Алматы".into()),
            directions: vec![],
            activity_types: vec!["other_useful".into()],
            ..Default::default()
        },
        owner,
    )
    .await?;
    organizations::request_verification(db, org, domain::OrgStatus::Registered, owner).await?;
    let request = organizations::requests_of(db, org)
        .await?
        .into_iter()
        .next()
        .context("no verification request")?;
    organizations::decide(
        db,
        request.id,
        domain::VerificationDecision::Verify,
        domain::OrgStatus::Verified,
        None,
        owner,
    )
    .await?;
    Ok(org)
}

/// See `Command::BenchBurstPrepare`. Everything is written through the store's own
/// functions, as the site writes it (accounts, organization and its verification, event,
/// shifts, API tokens stored as app::auth stores them).
pub async fn burst_prepare(
    db: &store::Db,
    n_shifts: u64,
    capacity: i64,
    n_volunteers: u64,
    rounds: u64,
    out: &std::path::Path,
) -> anyhow::Result<()> {
    use store::{accounts, events, shifts};
    anyhow::ensure!(
        n_shifts > 0 && capacity > 0 && n_volunteers > 0 && rounds > 0,
        "--shifts, --capacity, --volunteers and --rounds must be positive"
    );
    let started = std::time::Instant::now();
    // A tag of this run keeps the e-mail addresses apart from an earlier run's.
    let tag = format!("{:x}", store::now().timestamp_micros());
    let owner = account(
        db,
        &format!("burst-{tag}-owner@bench.erikti.kz"),
        "Bench owner",
    )
    .await?;
    let name = format!("«Бенчмарк» {tag}");
    let org = verified_organization(db, owner, &name, &name).await?;
    let event = events::create_with_status(
        db,
        org,
        &events::EventFields {
            title_kk: Some("Жүктеме сынағы: марафон еріктілері".into()),
            title_ru: Some("Нагрузочный тест: волонтёры марафона".into()),
            activity_type: "other_useful".into(),
            region_code: "KZ-75".into(),
            locality: Some("Алматы".into()),
            time_zone: "Asia/Almaty".into(),
            languages: vec!["kk".into(), "ru".into()].into(),
            mode: domain::opportunity::EventMode::FirstCome,
            ..Default::default()
        },
        domain::opportunity::EventStatus::Published,
    )
    .await?;
    // Round r on day 30 + r from now, two-hour shifts side by side through the day.
    let secs = std::time::Duration::from_secs;
    let day0 = store::now() + secs(30 * 86_400);
    let day0 = day0 - secs(day0.timestamp().rem_euclid(3600) as u64);
    let new_shifts: Vec<shifts::NewShift> = (0..rounds)
        .flat_map(|r| {
            (0..n_shifts).map(move |j| {
                let starts_at = day0 + secs(r * 86_400 + (j % 6) * 5_400);
                shifts::NewShift {
                    starts_at,
                    ends_at: starts_at + secs(2 * 3_600),
                    capacity,
                    description: None,
                }
            })
        })
        .collect();
    let shift_ids = shifts::add_shifts(db, event, &new_shifts).await?;
    // Volunteers, a few at a time; token secrets as app::accounts::create_api_token makes them.
    let workers = 16u64;
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..workers {
        let db = db.clone();
        let tag = tag.clone();
        tasks.spawn(async move {
            let mut made = Vec::new();
            for i in (w..n_volunteers).step_by(workers as usize) {
                let email = format!("burst-{tag}-{i:06}@bench.erikti.kz");
                let name = format!("Ерікті {}", i + 1);
                let id = accounts::create_user(
                    &db,
                    &accounts::NewUser {
                        email: &email,
                        password_hash: "!",
                        display_name: &name,
                        preferred_lang: "kk",
                        confirmed: false,
                    },
                )
                .await?;
                accounts::confirm_email(&db, id).await?;
                // Adults, born 1975-2004.
                let birth = format!("{}-{:02}-{:02}", 1975 + i % 30, 1 + i % 12, 1 + i % 28)
                    .parse()
                    .context("birth date")?;
                accounts::update_profile(
                    &db,
                    id,
                    &accounts::ProfileUpdate {
                        display_name: name.clone(),
                        birth_date: Some(birth),
                        region_code: Some("KZ-75".into()),
                        languages: vec!["kk".into(), "ru".into()],
                        preferred_lang: "kk".into(),
                        ..Default::default()
                    },
                )
                .await?;
                let (_, secret) = app::accounts::issue_api_token(&db, id, "bench").await?;
                made.push((i, secret));
            }
            anyhow::Ok(made)
        });
    }
    let mut tokens = vec![String::new(); n_volunteers as usize];
    while let Some(done) = tasks.join_next().await {
        for (i, secret) in done?? {
            tokens[i as usize] = secret;
        }
    }
    let mut lines = String::with_capacity((rounds * n_volunteers * 90) as usize);
    for r in 0..rounds {
        for (i, token) in tokens.iter().enumerate() {
            let j = i as u64 * n_shifts / n_volunteers;
            let shift = shift_ids[(r * n_shifts + j) as usize];
            lines.push_str(&format!("{token} {shift}\n"));
        }
    }
    std::fs::write(out, lines).with_context(|| format!("writing {}", out.display()))?;
    let (_, owner_token) = app::accounts::issue_api_token(db, owner, "bench").await?;
    println!("event {event}");
    println!("organization {org}");
    println!("owner {owner_token}");
    println!(
        "prepared {} volunteers, {} shifts of {capacity} places in {rounds} round(s) in {:.1} s; lines in {}",
        n_volunteers,
        rounds * n_shifts,
        started.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}

/// See `Command::BenchBookPrepare`. Written through the store and the site's own
/// operations: her claims confirmed by a coordinator's account one at a time (each appends
/// to her chain and signs its head), the certificate issued as `POST /me/certificates`
/// issues it, the token stored as app::auth stores it.
pub async fn book_prepare(
    config: Config,
    db: store::Db,
    email: &str,
    n_entries: usize,
) -> anyhow::Result<()> {
    use store::{accounts, ledger, organizations};
    let started = std::time::Instant::now();
    let account = |email: String, name: &'static str, first: &'static str, last: &'static str| {
        let db = db.clone();
        async move {
            if let Some(u) = accounts::user_by_email(&db, &email).await? {
                return anyhow::Ok(u.id);
            }
            let id = accounts::create_user(
                &db,
                &accounts::NewUser {
                    email: &email,
                    password_hash: "!",
                    display_name: name,
                    preferred_lang: "kk",
                    confirmed: false,
                },
            )
            .await?;
            accounts::confirm_email(&db, id).await?;
            accounts::update_profile(
                &db,
                id,
                &accounts::ProfileUpdate {
                    display_name: name.to_owned(),
                    first_name: Some(first.to_owned()),
                    last_name: Some(last.to_owned()),
                    birth_date: Some("1996-04-12".parse().context("birth date")?),
                    region_code: Some("KZ-75".into()),
                    languages: vec!["kk".into(), "ru".into()],
                    preferred_lang: "kk".into(),
                    ..Default::default()
                },
            )
            .await?;
            anyhow::Ok(id)
        }
    };
    let volunteer = account(email.to_owned(), "Айгерім С.", "Айгерім", "Сейітова").await?;
    let coordinator = account(
        format!("coordinator-{email}"),
        "Бенчмарк үйлестірушісі",
        "Бенчмарк",
        "Үйлестіруші",
    )
    .await?;
    let have = ledger::of_volunteer(&db, volunteer, i64::MAX)
        .await?
        .iter()
        .filter(|h| h.status == "confirmed")
        .count();
    if have < n_entries {
        // A dozen organizations of her region (the demo's), or one of our own on an empty
        // database.
        let (cards, _) = organizations::directory(
            &db,
            &organizations::DirectoryQuery {
                region: Some("KZ-75".into()),
                verified_only: true,
                ..Default::default()
            },
            12,
            0,
        )
        .await?;
        let mut orgs: Vec<_> = cards.into_iter().map(|c| c.id).collect();
        if orgs.is_empty() {
            orgs.push(
                organizations::create(
                    &db,
                    &organizations::Details {
                        kind: domain::OrgKind::Ngo,
                        name_kk: Some("«Ұзақ кітап» қоры".into()),
                        name_ru: Some("Фонд «Длинная книжка»".into()),
                        region_code: "KZ-75".into(),
                        activity_types: vec!["other_useful".into()],
                        ..Default::default()
                    },
                    coordinator,
                )
                .await?,
            );
        }
        let ring = app::keys::KeyRing::load_or_create(std::path::Path::new(&config.keys_dir))
            .with_context(|| format!("the signing keys in {}", config.keys_dir))?;
        let sign = |v, seq, hash| ring.active().sign_head(v, seq, hash);
        let hours = store::demo::long_book_hours(volunteer, &orgs, n_entries, app::today());
        for h in &hours[have..] {
            let id = ledger::create(&db, h).await?;
            ledger::confirm(&db, id, coordinator, &sign).await?;
        }
    }
    let (_, secret) = app::accounts::issue_api_token(&db, volunteer, "bench-book").await?;
    // Her newest certificate, if it covers her whole chain as it is now.
    let entries = ledger::chain(&db, volunteer).await?.0.len();
    let existing = ledger::certificates_of(&db, volunteer)
        .await?
        .into_iter()
        .next()
        .filter(|c| {
            let doc: serde_json::Value = serde_json::from_str(&c.document).unwrap_or_default();
            c.revoked_at.is_none()
                && doc["statement"]["ledger_seq"].as_u64() == Some(entries as u64)
        });
    let code = match existing {
        Some(c) => c.code,
        None => {
            let state = app::App::new(db.clone(), config.app_settings());
            let me = app::auth::signed_in(&state, app::auth::Credential::Bearer(&secret))
                .await?
                .context("the new token does not sign in")?;
            app::certificates::issue(
                &state,
                domain::Lang::parse("kk").unwrap_or_default(),
                &me,
                &app::certificates::CertificateRequest::default(),
            )
            .await
            .map_err(|e| anyhow::anyhow!("issuing the certificate: {e:?}"))?
        }
    };
    println!("volunteer {volunteer}");
    println!("token {secret}");
    println!("code {code}");
    println!("entries {entries}");
    eprintln!(
        "prepared {email}: {entries} ledger entries, certificate {code}, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// See `Command::BenchLog`: the public log of this database rebuilt from scratch (timed),
/// then `rounds` rounds of 1,000 new ledger entries each followed by a checkpoint (timed),
/// then `proofs` inclusion proofs of random leaves (each timed). Prints one line a figure.
pub async fn log_bench(
    config: Config,
    db: store::Db,
    rounds: usize,
    proofs: usize,
) -> anyhow::Result<()> {
    use store::{ledger, organizations};
    let state = app::App::new(db.clone(), config.app_settings());
    let op = |e: app::OpError| anyhow::anyhow!("{e:?}");
    // From scratch: the tiles, the tree and the checkpoints set aside.
    store::ledger::log::reset_for_benchmark(&db).await?;
    let leaves = store::ledger::log::leaves(&db).await?;
    let t = std::time::Instant::now();
    let kept = app::transparency::checkpoint(&state).await.map_err(op)?;
    let build = t.elapsed();
    println!(
        "log_build_s {:.2} leaves {leaves} size {}",
        build.as_secs_f64(),
        kept.map_or(0, |k| k.size)
    );
    // New entries, 1,000 a round, each round then checkpointed.
    let tag = format!("{:x}", store::now().timestamp_micros());
    let coordinator = account(&db, &format!("log-{tag}-c@bench.erikti.kz"), "Log bench").await?;
    let org = organizations::create(
        &db,
        &organizations::Details {
            kind: domain::OrgKind::Ngo,
            name_kk: Some(format!("«Журнал» {tag}")),
            region_code: "KZ-75".into(),
            activity_types: vec!["other_useful".into()],
            ..Default::default()
        },
        coordinator,
    )
    .await?;
    let ring = app::keys::KeyRing::load(std::path::Path::new(&config.keys_dir))
        .context("reading the keys")?;
    let sign = |v, seq, hash| ring.active().sign_head(v, seq, hash);
    let mut incremental = Vec::new();
    for r in 0..rounds {
        for v in 0..10 {
            let volunteer = account(
                &db,
                &format!("log-{tag}-{r}-{v}@bench.erikti.kz"),
                "Log bench",
            )
            .await?;
            for h in store::demo::long_book_hours(volunteer, &[org], 100, app::today()) {
                let id = ledger::create(&db, &h).await?;
                ledger::confirm(&db, id, coordinator, &sign).await?;
            }
        }
        let t = std::time::Instant::now();
        app::transparency::checkpoint(&state).await.map_err(op)?;
        incremental.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    incremental.sort_by(f64::total_cmp);
    println!(
        "log_incremental_ms median {:.2} runs {}",
        incremental
            .get(incremental.len() / 2)
            .copied()
            .unwrap_or(0.0),
        incremental
            .iter()
            .map(|m| format!("{m:.2}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    // Inclusion proofs of random leaves in the latest tree.
    let size = store::ledger::log::tree(&db).await?.size;
    let mut times = Vec::with_capacity(proofs);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..proofs {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let leaf = x % size.max(1);
        let t = std::time::Instant::now();
        store::ledger::log::inclusion(&db, leaf, size).await?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| {
        times
            .get(((times.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "log_inclusion_ms p50 {:.3} p99 {:.3} proofs {proofs} tree {size}",
        at(0.5),
        at(0.99)
    );
    Ok(())
}

/// A payment notification's body in the generic format of `domain::charity::webhook`, its
/// fields in the documented order.
#[derive(serde::Serialize)]
struct NotificationBody<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    payment_id: String,
    collection_id: uuid::Uuid,
    amount: i64,
    currency: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    donor_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    donor_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_name: Option<&'a str>,
    anonymous: bool,
    occurred_at: String,
}

/// Donors of the benchmark's payments: (private name, public name).
const DONORS: [(&str, &str); 8] = [
    ("Айгүл Серікова", "Айгүл"),
    ("Дәурен Жақсылықов", "Дәурен"),
    ("Мария Ким", "Мария К."),
    ("Ерлан Тоқтаров", "Ерлан"),
    ("Сәуле Ахметова", "Сәуле А."),
    ("Нұрлан Бекова", "Нұрлан"),
    ("Елена Петрова", "Елена"),
    ("Асель Омарова", "Асель"),
];

/// A small deterministic generator (xorshift64*): the benchmark's amounts, donors, repeats
/// and order are the same on every run.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// An active collection of `org` (of KZ-75) for 90 days from today: its fields checked as
/// the site checks the form (`CollectionInput`), then submitted, registered and activated,
/// each step decided by the domain's lifecycle and written by the store (the owner's account
/// standing in for the front-office that registers it).
async fn active_collection(
    db: &store::Db,
    org: uuid::Uuid,
    owner: uuid::Uuid,
    tag: &str,
) -> anyhow::Result<uuid::Uuid> {
    use domain::charity::{CollectionInput, CollectionStatus, CollectionStep, Steward};
    use store::charity;
    let today = app::today();
    let input = CollectionInput {
        purpose_kk: "Жүктеме сынағы: қант диабеті бар балаларға дәрі".into(),
        purpose_ru: "Нагрузочный тест: лекарства для детей с диабетом".into(),
        purpose_en: "Load test: medicine for children with diabetes".into(),
        beneficiary: "children".into(),
        target: "100 000 000".into(),
        start_date: today.format("%Y-%m-%d").to_string(),
        end_date: (today + chrono::Days::new(90))
            .format("%Y-%m-%d")
            .to_string(),
        iban: "KZ86125KZT5004100100".into(),
        bank_name: "Halyk Bank".into(),
        holder_bin: domain::bin_with_check_digit("12054001234").context("the holder's BIN")?,
    };
    let v = input
        .parse()
        .map_err(|e| anyhow::anyhow!("the benchmark's collection does not check: {e:?}"))?;
    let fields = charity::CollectionFields {
        purpose_kk: v.purpose_kk,
        purpose_ru: v.purpose_ru,
        purpose_en: v.purpose_en,
        beneficiary_category: v.beneficiary,
        target_tiyn: v.target.get(),
        starts_on: v.start_date,
        ends_on: v.end_date,
        iban: v.iban.as_str().to_owned(),
        bank: v.bank_name,
        holder_bin: v.holder_bin.as_str().to_owned(),
        boxes: vec![],
    };
    let collection = charity::create_collection(db, org, "KZ-75", &fields, owner).await?;
    let register = CollectionStep::register(&format!("KZ-75/BENCH/{tag}"))
        .map_err(|e| anyhow::anyhow!("the registration number: {e:?}"))?;
    let mut status = CollectionStatus::Draft;
    for (step, by) in [
        (CollectionStep::Submit, Steward::Organization),
        (register, Steward::FrontOffice),
        (CollectionStep::Activate, Steward::Organization),
    ] {
        let to = status
            .step(&step, by)
            .map_err(|e| anyhow::anyhow!("collection step {}: {e:?}", step.code()))?;
        let action = format!("collection.{}", step.code());
        charity::step_collection(
            db,
            collection,
            &charity::Step {
                from: status,
                to,
                number: match &step {
                    CollectionStep::Register { number } => Some(number.as_str()),
                    _ => None,
                },
                reason: None,
                report: None,
                by: owner,
                action: &action,
            },
        )
        .await?;
        status = to;
    }
    anyhow::ensure!(
        status == CollectionStatus::Active,
        "the collection is {status:?}"
    );
    Ok(collection)
}

/// See `Command::BenchWebhooksPrepare`. The organization and its collection are made as
/// the site makes them ([`verified_organization`], [`active_collection`]); every body is
/// signed with `domain::charity::webhook::sign` and read back by the configured provider's
/// format, as the server reads it, before it is written.
pub async fn webhooks_prepare(
    config: &Config,
    db: &store::Db,
    count: u64,
    duplicates: f64,
    out: &std::path::Path,
) -> anyhow::Result<()> {
    use domain::charity::Tiyn;
    use domain::charity::provider;
    use domain::charity::webhook::{self, Notification};
    anyhow::ensure!(count > 0, "--count must be positive");
    anyhow::ensure!(
        (0.0..1.0).contains(&duplicates),
        "--duplicates must be at least 0 and below 1"
    );
    let payments = &config.payments;
    let secret = payments
        .secret
        .as_deref()
        .filter(|s| !s.is_empty())
        .context("no payment secret configured (ERIKTI_PAYMENTS__SECRET)")?;
    anyhow::ensure!(
        !payments.provider.trim().is_empty(),
        "no payment provider configured (ERIKTI_PAYMENTS__PROVIDER)"
    );
    let provider_format = provider::by_name(&payments.provider);
    let started = std::time::Instant::now();
    let repeats = ((count as f64 * duplicates).round() as u64).min(count - 1);
    let distinct = count - repeats;

    // A tag of this run keeps its e-mail addresses and payment ids apart from an earlier
    // run's.
    let tag = format!("{:x}", store::now().timestamp_micros());
    let owner = account(
        db,
        &format!("webhooks-{tag}-owner@bench.erikti.kz"),
        "Bench treasurer",
    )
    .await?;
    let org = verified_organization(
        db,
        owner,
        &format!("«Қайырымдылық бенчмаркі» {tag}"),
        &format!("«Благотворительный бенчмарк» {tag}"),
    )
    .await?;
    let collection = active_collection(db, org, owner, &tag).await?;

    // The distinct payments, one body each, a second apart up to now.
    let mut rng = Xorshift(0x5eed_0fda_7ab0_d1e5);
    let at = store::now();
    let almaty = chrono::FixedOffset::east_opt(5 * 3600).context("UTC+5")?;
    let mut lines: Vec<String> = Vec::with_capacity(count as usize);
    let mut total: i64 = 0;
    for i in 0..distinct {
        let amount = Tiyn::from_tiyn((1 + rng.below(100) as i64) * 500 * 100)
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let (name, public) = DONORS[rng.below(DONORS.len() as u64) as usize];
        let anonymous = rng.below(4) == 0;
        let occurred =
            (at - chrono::Duration::seconds((distinct - i) as i64)).with_timezone(&almaty);
        let body = NotificationBody {
            id: format!("evt_{tag}_{i:06}"),
            kind: "payment.succeeded",
            payment_id: format!("pay_{tag}_{i:06}"),
            collection_id: collection,
            amount: amount.get(),
            currency: "KZT",
            donor_name: Some(name),
            donor_email: (rng.below(4) != 0).then(|| format!("donor-{tag}-{i:06}@example.kz")),
            public_name: (!anonymous).then_some(public),
            anonymous,
            occurred_at: occurred.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        };
        let json = serde_json::to_string(&body)?;
        let signature = webhook::sign(secret.as_bytes(), json.as_bytes());
        // Read back as the server reads it: the configured provider's format, this secret.
        match provider_format.read(secret.as_bytes(), json.as_bytes(), Some(&signature)) {
            Ok(Notification::Paid {
                payment_id,
                collection_id,
                amount: read,
                ..
            }) if payment_id == body.payment_id
                && collection_id == collection
                && read == amount => {}
            other => anyhow::bail!(
                "the provider '{}' does not read the generic format as sent: {other:?}",
                payments.provider
            ),
        }
        total += amount.get();
        lines.push(format!("{signature} {json}\n"));
    }
    // Exact repeats of as many payments (each repeated once at most), then the whole order
    // shuffled (Fisher-Yates).
    let mut picked: Vec<usize> = (0..distinct as usize).collect();
    for k in 0..repeats as usize {
        let j = k + rng.below((picked.len() - k) as u64) as usize;
        picked.swap(k, j);
        lines.push(lines[picked[k]].clone());
    }
    for k in (1..lines.len()).rev() {
        let j = rng.below(k as u64 + 1) as usize;
        lines.swap(k, j);
    }
    std::fs::write(out, lines.concat()).with_context(|| format!("writing {}", out.display()))?;
    println!("collection {collection}");
    println!("organization {org}");
    println!("distinct {distinct}");
    println!("total {total}");
    println!("lines {count}");
    eprintln!(
        "prepared collection {collection}: {count} notifications ({distinct} payments, {repeats} \
         repeats) of {total} tiyn in all, in {:.1} s; lines in {}",
        started.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}
