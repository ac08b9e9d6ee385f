//! Whole databases: the rows of every table read as one state while others write (a SQLite
//! copy, an exported PostgreSQL snapshot), and what counts as holding data.

use store::accounts::{self, NewUser};
use store::transfer;

use crate::on_every_backend;

async fn user(db: &store::Db, email: &str) {
    accounts::create_user(
        db,
        &NewUser {
            email,
            password_hash: "!",
            display_name: "Дәурен",
            preferred_lang: "kk",
            confirmed: true,
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_copy_holds_one_state_and_a_migrated_database_holds_no_data() {
    on_every_backend(|db, backend| async move {
        assert!(
            transfer::holds_data(&db).await.unwrap().is_empty(),
            "{backend}: migrated and reference data only"
        );
        let empty = transfer::state(&db).await.unwrap();
        assert_eq!(
            (empty.leaves, empty.checkpoint.is_none()),
            (0, true),
            "{backend}"
        );
        assert_eq!(empty.counts["regions"], 20, "{backend}");
        assert_eq!(
            transfer::tables(&db).await.unwrap(),
            empty.counts.keys().cloned().collect::<Vec<_>>()
        );
        user(&db, "first@t.kz").await;
        let data = transfer::holds_data(&db).await.unwrap();
        assert_eq!(data, vec![("users".to_owned(), 1)], "{backend}");
        assert_eq!(transfer::describe(&data), "users: 1 rows");
        match backend {
            "sqlite" => {
                let path = std::env::temp_dir()
                    .join(format!("erikti-copy-{}.db", uuid::Uuid::now_v7().simple()));
                transfer::sqlite_copy(&db, &path).await.unwrap();
                user(&db, "after-the-copy@t.kz").await;
                let copy = transfer::open_sqlite_copy(&path).await.unwrap();
                let copied = transfer::state(&copy).await.unwrap();
                copy.close().await;
                assert_eq!(copied.counts["users"], 1, "the copy is of its moment");
                assert_eq!(copied.counts.len(), empty.counts.len());
                let _ = std::fs::remove_file(&path);
                assert!(transfer::PgSnapshot::begin(&db).await.is_err());
            }
            _ => {
                let mut snapshot = transfer::PgSnapshot::begin(&db).await.unwrap();
                assert!(!snapshot.id().is_empty());
                user(&db, "after-the-snapshot@t.kz").await;
                let held = snapshot.state().await.unwrap();
                assert_eq!(held.counts["users"], 1, "the snapshot is of its moment");
                snapshot.end().await.unwrap();
                assert_eq!(transfer::state(&db).await.unwrap().counts["users"], 2);
                let path = std::env::temp_dir().join("never-written.db");
                assert!(transfer::sqlite_copy(&db, &path).await.is_err());
            }
        }
    })
    .await;
}

#[test]
fn a_sqlite_url_names_its_file() {
    assert_eq!(
        transfer::sqlite_file("sqlite://data/erikti.db").unwrap(),
        std::path::PathBuf::from("data/erikti.db")
    );
    assert!(transfer::sqlite_file("sqlite::memory:").is_err());
}
