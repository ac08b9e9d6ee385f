//! Reference data: regions, directions, activity types, beneficiary categories.
//! Loaded (upserted) at every start from data compiled into the binary.

use serde::Serialize;

use crate::{Db, Result, on_db};

/// The 20 regions of Kazakhstan (ISO 3166-2, KATO, names, centre).
const REGIONS_CSV: &str = include_str!("../regions.csv");

/// A region of Kazakhstan.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Region {
    /// ISO 3166-2 code, e.g. `KZ-55`.
    pub code: String,
    /// KATO prefix.
    pub kato: String,
    /// `oblast` or `city`.
    pub kind: String,
    /// Name in Kazakh (Cyrillic).
    pub name_kk: String,
    /// Name in Kazakh (Latin).
    pub name_kk_latn: String,
    /// Name in Russian.
    pub name_ru: String,
    /// Name in English.
    pub name_en: String,
    /// Administrative centre in Kazakh.
    pub center_kk: String,
    /// Administrative centre in Russian.
    pub center_ru: String,
    /// Administrative centre in English.
    pub center_en: String,
    /// Latitude of the centre.
    pub lat: f64,
    /// Longitude of the centre.
    pub lon: f64,
}

impl Region {
    /// The name in `lang`.
    pub fn name(&self, lang: domain::Lang) -> &str {
        lang.pick(&self.name_kk, &self.name_ru, &self.name_en)
    }
}

/// An item of a translated reference list (direction, activity type, beneficiary category).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RefRow {
    /// Stable code.
    pub code: String,
    /// Parent code (directions: the programme).
    pub parent_code: Option<String>,
    /// Name in Kazakh.
    pub name_kk: String,
    /// Name in Russian.
    pub name_ru: String,
    /// Name in English.
    pub name_en: String,
}

impl RefRow {
    /// The name in `lang`.
    pub fn name(&self, lang: domain::Lang) -> &str {
        lang.pick(&self.name_kk, &self.name_ru, &self.name_en)
    }
}

/// Parses the embedded regions table.
pub fn embedded_regions() -> Vec<Region> {
    let mut reader = csv::Reader::from_reader(REGIONS_CSV.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("embedded regions.csv is well-formed");
            Region {
                code: r[0].to_owned(),
                kato: r[1].to_owned(),
                kind: r[2].to_owned(),
                name_kk: r[3].to_owned(),
                name_kk_latn: r[4].to_owned(),
                name_ru: r[5].to_owned(),
                name_en: r[6].to_owned(),
                center_kk: r[7].to_owned(),
                center_ru: r[8].to_owned(),
                center_en: r[9].to_owned(),
                lat: r[10].parse().expect("latitude"),
                lon: r[11].parse().expect("longitude"),
            }
        })
        .collect()
}

/// Upserts all reference data in one transaction.
pub(crate) async fn load(db: &Db) -> Result<()> {
    let regions = embedded_regions();
    let mut directions: Vec<&domain::RefItem> = domain::reference::DIRECTIONS.iter().collect();
    // Programmes before their directions (foreign key).
    directions.sort_by_key(|d| d.parent.is_some());
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for (i, r) in regions.iter().enumerate() {
            sqlx::query(
                "INSERT INTO regions (code, kato, kind, name_kk, name_kk_latn, name_ru, name_en, \
                 center_kk, center_ru, center_en, lat, lon, position) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                 ON CONFLICT (code) DO UPDATE SET kato = excluded.kato, kind = excluded.kind, \
                 name_kk = excluded.name_kk, name_kk_latn = excluded.name_kk_latn, \
                 name_ru = excluded.name_ru, name_en = excluded.name_en, \
                 center_kk = excluded.center_kk, center_ru = excluded.center_ru, \
                 center_en = excluded.center_en, lat = excluded.lat, lon = excluded.lon, \
                 position = excluded.position",
            )
            .bind(&r.code).bind(&r.kato).bind(&r.kind).bind(&r.name_kk).bind(&r.name_kk_latn)
            .bind(&r.name_ru).bind(&r.name_en).bind(&r.center_kk).bind(&r.center_ru)
            .bind(&r.center_en).bind(r.lat).bind(r.lon).bind(i as i64)
            .execute(&mut *tx)
            .await?;
        }
        for (i, d) in directions.iter().enumerate() {
            sqlx::query(
                "INSERT INTO directions (code, parent_code, name_kk, name_ru, name_en, position) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO UPDATE SET \
                 parent_code = excluded.parent_code, name_kk = excluded.name_kk, \
                 name_ru = excluded.name_ru, name_en = excluded.name_en, position = excluded.position",
            )
            .bind(d.code).bind(d.parent).bind(d.kk).bind(d.ru).bind(d.en).bind(i as i64)
            .execute(&mut *tx)
            .await?;
        }
        for a in domain::reference::ACTIVITY_TYPES {
            sqlx::query(
                "INSERT INTO activity_types (code, law_number, adults_only, name_kk, name_ru, name_en) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO UPDATE SET \
                 law_number = excluded.law_number, adults_only = excluded.adults_only, \
                 name_kk = excluded.name_kk, name_ru = excluded.name_ru, name_en = excluded.name_en",
            )
            .bind(a.code).bind(i64::from(a.law_number)).bind(a.adults_only)
            .bind(a.kk).bind(a.ru).bind(a.en)
            .execute(&mut *tx)
            .await?;
        }
        for (i, b) in domain::reference::BENEFICIARY_CATEGORIES.iter().enumerate() {
            sqlx::query(
                "INSERT INTO beneficiary_categories (code, name_kk, name_ru, name_en, position) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO UPDATE SET \
                 name_kk = excluded.name_kk, name_ru = excluded.name_ru, \
                 name_en = excluded.name_en, position = excluded.position",
            )
            .bind(b.code).bind(b.kk).bind(b.ru).bind(b.en).bind(i as i64)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    })
}

/// All regions, in the order of the reference table.
pub async fn regions(db: &Db) -> Result<Vec<Region>> {
    const SQL: &str = "SELECT code, kato, kind, name_kk, name_kk_latn, name_ru, name_en, \
                       center_kk, center_ru, center_en, lat, lon FROM regions ORDER BY position";
    Ok(on_db!(db, pool => sqlx::query_as::<_, Region>(SQL).fetch_all(pool).await?))
}

/// All directions, programmes first in their order.
pub async fn directions(db: &Db) -> Result<Vec<RefRow>> {
    const SQL: &str =
        "SELECT code, parent_code, name_kk, name_ru, name_en FROM directions ORDER BY position";
    Ok(on_db!(db, pool => sqlx::query_as::<_, RefRow>(SQL).fetch_all(pool).await?))
}

/// The activity types of the law, in the law's order.
pub async fn activity_types(db: &Db) -> Result<Vec<RefRow>> {
    const SQL: &str = "SELECT code, CAST(NULL AS TEXT) AS parent_code, name_kk, name_ru, name_en \
                       FROM activity_types ORDER BY law_number";
    Ok(on_db!(db, pool => sqlx::query_as::<_, RefRow>(SQL).fetch_all(pool).await?))
}

/// The beneficiary categories.
pub async fn beneficiary_categories(db: &Db) -> Result<Vec<RefRow>> {
    const SQL: &str = "SELECT code, CAST(NULL AS TEXT) AS parent_code, name_kk, name_ru, name_en \
                       FROM beneficiary_categories ORDER BY position";
    Ok(on_db!(db, pool => sqlx::query_as::<_, RefRow>(SQL).fetch_all(pool).await?))
}
