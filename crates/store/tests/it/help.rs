//! Taking a help request: the statement that assigns it requires the taker's open offer, so
//! a volunteer never offered it (or who answered her offer) takes nothing, and of many
//! offered volunteers taking at once, with strangers among them, exactly one gets it.

use store::Error;
use store::help::{self, NewRequest};
use uuid::Uuid;

use crate::on_every_backend;
use crate::shifts::volunteers;

/// A request of Pavlodar region filed by `operator` and approved at triage.
async fn triaged(db: &store::Db, operator: Uuid) -> Uuid {
    let id = help::create(
        db,
        &NewRequest {
            category: "elderly".into(),
            help_type: "delivery".into(),
            description: "Дәрі-дәрмек әкелу керек".into(),
            region_code: "KZ-55".into(),
            locality: Some("Павлодар".into()),
            address: Some("Торайғыров к-сі, 64".into()),
            point: Some((52.2873, 76.9674)),
            phone: "+77015550011".into(),
            name: Some("Серік Әбенов".into()),
            lang: "kk".into(),
            urgency: "high".into(),
            preferred: None,
            filed_by: Some(operator),
        },
    )
    .await
    .unwrap();
    help::transition(db, id, &["new"], "triaged", None, None)
        .await
        .unwrap();
    id
}

async fn state(db: &store::Db, id: Uuid) -> (String, Option<Uuid>) {
    let r = help::get(db, id).await.unwrap().unwrap();
    (r.status, r.assignee_id)
}

#[tokio::test]
async fn only_a_volunteer_with_an_open_offer_takes_a_request() {
    on_every_backend(|db, backend| async move {
        let operator = volunteers(&db, 1, "operator").await[0];
        let v = volunteers(&db, 3, "v").await;
        let stranger = volunteers(&db, 1, "stranger").await[0];
        let id = triaged(&db, operator).await;

        // Nobody offered it yet: nobody takes it.
        let r = help::take(&db, id, stranger).await;
        assert!(
            matches!(r, Err(Error::Refused("help_not_offered"))),
            "{backend}: {r:?}"
        );
        assert_eq!(state(&db, id).await, ("triaged".into(), None), "{backend}");

        // Offered to two; one declines: she no longer takes it, nor does the stranger.
        help::offer(&db, id, operator, &[v[0], v[1]], &[])
            .await
            .unwrap();
        help::decline(&db, id, v[1]).await.unwrap();
        for who in [v[1], v[2], stranger] {
            let r = help::take(&db, id, who).await;
            assert!(
                matches!(r, Err(Error::Refused("help_not_offered"))),
                "{backend}: {r:?}"
            );
        }
        assert_eq!(state(&db, id).await, ("offered".into(), None), "{backend}");
        assert_eq!(
            help::take(&db, id, v[0]).await.unwrap(),
            Vec::<Uuid>::new(),
            "{backend}: the declined offer is not told"
        );
        assert_eq!(
            state(&db, id).await,
            ("assigned".into(), Some(v[0])),
            "{backend}"
        );
        let r = help::take(&db, id, stranger).await;
        assert!(
            matches!(r, Err(Error::Conflict("request_taken"))),
            "{backend}: {r:?}"
        );

        // Given back: open again, every offer answered; offered again, the offer opens.
        help::transition(&db, id, &["assigned"], "triaged", None, None)
            .await
            .unwrap();
        for who in [v[0], v[1]] {
            let r = help::take(&db, id, who).await;
            assert!(
                matches!(r, Err(Error::Refused("help_not_offered"))),
                "{backend}: {r:?}"
            );
        }
        help::offer(&db, id, operator, &[v[1]], &[]).await.unwrap();
        assert!(
            help::offer_to(&db, id, v[1])
                .await
                .unwrap()
                .is_some_and(|o| o.is_open()),
            "{backend}"
        );
        help::take(&db, id, v[1]).await.unwrap();
        assert_eq!(
            state(&db, id).await,
            ("assigned".into(), Some(v[1])),
            "{backend}"
        );
    })
    .await;
}

#[tokio::test]
async fn of_many_offered_taking_at_once_with_strangers_exactly_one_offered_gets_it() {
    on_every_backend(|db, backend| async move {
        let operator = volunteers(&db, 1, "operator").await[0];
        let offered = volunteers(&db, 10, "offered").await;
        let strangers = volunteers(&db, 10, "stranger").await;
        let id = triaged(&db, operator).await;
        help::offer(&db, id, operator, &offered, &[]).await.unwrap();
        let tasks: Vec<_> = strangers
            .iter()
            .zip(&offered)
            .flat_map(|(s, o)| [(*s, false), (*o, true)])
            .map(|(v, is_offered)| {
                let db = db.clone();
                tokio::spawn(async move { (v, is_offered, help::take(&db, id, v).await) })
            })
            .collect();
        let mut winners = Vec::new();
        for t in tasks {
            match t.await.unwrap() {
                (v, true, Ok(others)) => winners.push((v, others.len())),
                (_, true, Err(Error::Conflict("request_taken"))) => {}
                (_, false, Err(Error::Refused("help_not_offered")))
                | (_, false, Err(Error::Conflict("request_taken"))) => {}
                other => panic!("{backend}: {other:?}"),
            }
        }
        assert_eq!(winners.len(), 1, "{backend}: {winners:?}");
        let (winner, told) = winners[0];
        assert_eq!(told, 9, "{backend}: the other offers are void");
        assert_eq!(
            state(&db, id).await,
            ("assigned".into(), Some(winner)),
            "{backend}"
        );
    })
    .await;
}
