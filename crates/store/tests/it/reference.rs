use crate::on_every_backend;

#[tokio::test]
async fn reference_data_is_loaded_and_migrations_are_idempotent() {
    on_every_backend(|db, backend| async move {
        let regions = store::reference::regions(&db).await.unwrap();
        assert_eq!(regions.len(), 20, "{backend}");
        let pavlodar = regions.iter().find(|r| r.code == "KZ-55").unwrap();
        assert_eq!(pavlodar.name_kk, "Павлодар облысы");
        assert_eq!(pavlodar.name_en, "Pavlodar Region");
        assert!((pavlodar.lat - 52.287).abs() < 1e-9);
        // A second start changes nothing.
        db.migrate().await.unwrap();
        assert_eq!(store::reference::regions(&db).await.unwrap().len(), 20);
        let directions = store::reference::directions(&db).await.unwrap();
        assert_eq!(directions.len(), domain::reference::DIRECTIONS.len());
        assert!(
            directions
                .iter()
                .any(|d| d.code == "qamqor" && d.parent_code.as_deref() == Some("front_office"))
        );
        let types = store::reference::activity_types(&db).await.unwrap();
        assert_eq!(types.len(), 7);
        assert!(
            types
                .iter()
                .all(|t| !t.name_kk.is_empty() && !t.name_ru.is_empty() && !t.name_en.is_empty())
        );
        assert_eq!(
            store::reference::beneficiary_categories(&db)
                .await
                .unwrap()
                .len(),
            8
        );
    })
    .await;
}

#[tokio::test]
async fn demo_data_is_deterministic_and_counted() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    on_every_backend(|db, backend| async move {
        let s = store::demo::load_counts(&db, 7, (60, 5, 150), today, &|_, _, _| {})
            .await
            .unwrap();
        assert_eq!(s.volunteers, 60, "{backend}");
        assert_eq!(s.organizations, 5);
        assert!(s.hours_entries > 0 && s.hours_entries <= 150);
        // Loading again does nothing.
        let again = store::demo::load_counts(&db, 7, (60, 5, 150), today, &|_, _, _| {})
            .await
            .unwrap();
        assert_eq!(again, Default::default());
        let c = store::stats::counters(&db).await.unwrap();
        assert_eq!(c.volunteers, 60);
        assert!(c.confirmed_minutes > 0);
        assert_eq!(c.organizations as u64, s.organizations);
        let u = store::accounts::user_by_email(&db, "volunteer000001@demo.erikti.kz")
            .await
            .unwrap()
            .unwrap();
        let iin = domain::Iin::parse(u.iin.as_deref().unwrap()).expect("demo IINs are valid");
        assert_eq!(Some(iin.birth_date()), u.birth_date);
        // The same seed gives the same people on every backend.
        assert_eq!(
            u.iin.as_deref(),
            Some(
                EXPECTED_FIRST_IIN
                    .get_or_init(|| u.iin.clone().unwrap())
                    .as_str()
            )
        );
    })
    .await;
}

static EXPECTED_FIRST_IIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

#[test]
fn embedded_regions_agree_with_the_domain() {
    let csv = store::reference::embedded_regions();
    assert_eq!(csv.len(), domain::REGIONS.len());
    for (r, d) in csv.iter().zip(domain::REGIONS.iter()) {
        assert_eq!((r.code.as_str(), r.kato.as_str()), (d.code, d.kato));
        assert_eq!(
            (r.name_kk.as_str(), r.name_ru.as_str(), r.name_en.as_str()),
            (d.kk, d.ru, d.en)
        );
        assert_eq!(r.kind == "city", d.is_city);
    }
}
