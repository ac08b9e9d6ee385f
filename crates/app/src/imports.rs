//! Paper records of hours, imported by a regional front-office from CSV or XLSX: the file is
//! read and checked (`domain::import`), kept as a preview with every refused row and its
//! line, and only when the coordinator confirms are its valid rows written — into the
//! matching volunteers' books, or held until they sign up.

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use domain::import::{Checked, RowError};
use domain::{Action, RegionCode, Resource};
use store::imports::{self as store_imports, NewImport};

/// An import and its state.
pub use store::imports::Import;
use uuid::Uuid;

use crate::App;
use crate::OpError;
use crate::auth::SignedIn;

/// Largest file accepted (bytes).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Imports being applied: rows done so far, for the progress bar.
#[derive(Debug, Default)]
pub struct Jobs {
    running: Mutex<HashMap<Uuid, Arc<AtomicU64>>>,
}

impl Jobs {
    /// Rows done of an import being applied, or None when it is not running here.
    pub fn progress(&self, id: Uuid) -> Option<u64> {
        self.running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
            .map(|c| c.load(Ordering::Relaxed))
    }

    /// Counts the rows of `id` from 0; None when it is being applied here already.
    pub(crate) fn start(&self, id: Uuid) -> Option<Arc<AtomicU64>> {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        if running.contains_key(&id) {
            return None;
        }
        let c = Arc::new(AtomicU64::new(0));
        running.insert(id, c.clone());
        Some(c)
    }

    /// Forgets `id` once it is applied (or failed).
    pub(crate) fn finish(&self, id: Uuid) {
        self.running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
    }
}

/// Reads a CSV (UTF-8, separated by `,`, `;` or tabs) or XLSX (first sheet) file into rows
/// of cells. Errors: `import_unreadable`.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<Vec<Vec<String>>, &'static str> {
    if is_xlsx(file_name, bytes) {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

/// Whether a file is a spreadsheet (XLSX): by its first bytes (a ZIP) or its name.
pub fn is_xlsx(file_name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || file_name.to_lowercase().ends_with(".xlsx")
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, &'static str> {
    let text = std::str::from_utf8(bytes).map_err(|_| "import_unreadable")?;
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    read_csv_text(text, delimiter, domain::import::MAX_ROWS + 1)
}

/// Splits CSV text into rows of cells at `delimiter` (quoted cells as RFC 4180 has them,
/// rows of any length), stopping after `max_rows` + 1 rows. Errors: `import_unreadable`.
pub fn read_csv_text(
    text: &str,
    delimiter: u8,
    max_rows: usize,
) -> Result<Vec<Vec<String>>, &'static str> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| "import_unreadable")?;
        rows.push(record.iter().map(str::to_owned).collect());
        if rows.len() > max_rows {
            break;
        }
    }
    Ok(rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, &'static str> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| "import_unreadable")?;
    let sheet = book
        .worksheet_range_at(0)
        .ok_or("import_unreadable")?
        .map_err(|_| "import_unreadable")?;
    let cell = |c: &Data| -> String {
        match c {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => b.to_string(),
            // Days since 1899-12-30 (the 1900 date system, which spreadsheets write).
            Data::DateTime(d) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|epoch| {
                    epoch.checked_add_signed(chrono::Duration::days(d.as_f64().floor() as i64))
                })
                .map(|day| day.to_string())
                .unwrap_or_default(),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Error(_) => String::new(),
        }
    };
    Ok(sheet
        .rows()
        .take(domain::import::MAX_ROWS + 2)
        .map(|r| r.iter().map(cell).collect())
        .collect())
}

/// The region an import is for: the chosen one (which the caller must coordinate), or the
/// whole country for the national admin with none chosen.
fn scope(me: &SignedIn, region: &str) -> Result<Option<RegionCode>, OpError> {
    if region.trim().is_empty() {
        return if me.is_national_admin() {
            Ok(None)
        } else {
            Err(OpError::Forbidden("forbidden"))
        };
    }
    let r = RegionCode::parse(region).map_err(|_| OpError::Forbidden("forbidden"))?;
    domain::authorize(
        &me.actor(),
        Action::ImportHours,
        &Resource::Region(r.clone()),
    )?;
    Ok(Some(r))
}

/// The regions the caller may import for (empty for the national admin: all).
pub fn regions_of(me: &SignedIn) -> Vec<RegionCode> {
    me.roles
        .iter()
        .filter_map(|r| match r {
            domain::Role::RegionalCoordinator { region } => Some(region.clone()),
            _ => None,
        })
        .collect()
}

/// Whether the caller may import at all.
pub fn may_import(me: &SignedIn) -> bool {
    me.is_national_admin() || !regions_of(me).is_empty()
}

/// Reads and checks an uploaded file and keeps it as a preview, which it returns. File-level
/// refusals (`import_unreadable`, `import_empty_file`, `import_missing_column`,
/// `import_too_many_rows`) are kept too, so the coordinator sees them on the preview.
pub async fn upload(
    state: &App,
    me: &SignedIn,
    region: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<Import, OpError> {
    let region = scope(me, region)?;
    let checked = match read_table(file_name, bytes) {
        Ok(rows) => {
            let today = crate::today();
            let region = region.clone();
            tokio::task::spawn_blocking(move || {
                domain::import::check(&rows, today, region.as_ref())
            })
            .await
            .map_err(|e| OpError::Internal(e.to_string()))?
        }
        Err(code) => Checked {
            errors: vec![RowError {
                line: 0,
                column: String::new(),
                code: code.to_owned(),
            }],
            ..Default::default()
        },
    };
    let errors = serde_json::to_string(&checked.errors).unwrap_or_else(|_| "[]".into());
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let id = store_imports::create(
        &state.db,
        &NewImport {
            created_by: me.user.id,
            region_code: region.as_ref().map(RegionCode::as_str),
            file_name: if name.is_empty() { "upload" } else { &name },
            total_rows: checked.rows as i64,
            bad_rows: checked.bad_rows() as i64,
            errors: &errors,
            records: &checked.records,
        },
    )
    .await?;
    store_imports::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)
}

/// An import the caller may see: her region's, or any for the national admin.
pub async fn visible(state: &App, me: &SignedIn, id: Uuid) -> Result<Import, OpError> {
    let i = store_imports::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let allowed = me.is_national_admin()
        || i.region_code
            .as_deref()
            .and_then(|r| RegionCode::parse(r).ok())
            .is_some_and(|r| {
                domain::authorize(&me.actor(), Action::ImportHours, &Resource::Region(r)).is_ok()
            });
    if allowed {
        Ok(i)
    } else {
        Err(OpError::NotFound)
    }
}

/// The caller's imports: the regions she may import for and their recent imports.
#[derive(Debug, Clone)]
pub struct Recent {
    /// Regions she coordinates (empty for the national admin: all).
    pub regions: Vec<RegionCode>,
    /// She is the national admin (imports for every region).
    pub national: bool,
    /// Recent imports, newest first within each region.
    pub items: Vec<Import>,
}

/// Most recent imports listed per region.
const RECENT: i64 = 50;

/// The imports the caller may see: every region's for the national admin, her regions'
/// for a coordinator; anyone else is refused.
pub async fn recent(state: &App, me: &SignedIn) -> Result<Recent, OpError> {
    if !may_import(me) {
        return Err(OpError::Forbidden("forbidden"));
    }
    let regions = regions_of(me);
    let national = me.is_national_admin();
    let mut items = Vec::new();
    if national {
        items = store_imports::recent(&state.db, None, RECENT).await?;
    } else {
        for r in &regions {
            items.extend(store_imports::recent(&state.db, Some(r.as_str()), RECENT).await?);
        }
    }
    Ok(Recent {
        regions,
        national,
        items,
    })
}

/// An import as its page shows it: the import, its first valid rows, its progress.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The import.
    pub import: Import,
    /// Its first [`PREVIEW_ROWS`] valid rows, in file order.
    pub rows: Vec<store_imports::Row>,
    /// Rows done while it is being applied here.
    pub progress: Option<u64>,
}

/// Most valid rows a preview shows.
pub const PREVIEW_ROWS: i64 = 200;

/// An import the caller may see, with its first rows and progress.
pub async fn preview(state: &App, me: &SignedIn, id: Uuid) -> Result<Preview, OpError> {
    let import = visible(state, me, id).await?;
    let rows = store_imports::rows(&state.db, id, PREVIEW_ROWS).await?;
    Ok(Preview {
        import,
        rows,
        progress: state.import_jobs.progress(id),
    })
}

/// What became of an import the caller may see: the import and its progress.
pub async fn status(
    state: &App,
    me: &SignedIn,
    id: Uuid,
) -> Result<(Import, Option<u64>), OpError> {
    let import = visible(state, me, id).await?;
    let progress = state.import_jobs.progress(id);
    Ok((import, progress))
}

/// The refusals of an import.
pub fn errors_of(i: &Import) -> Vec<RowError> {
    #[derive(serde::Deserialize)]
    struct E {
        line: i64,
        column: String,
        code: String,
    }
    serde_json::from_str::<Vec<E>>(&i.errors)
        .unwrap_or_default()
        .into_iter()
        .map(|e| RowError {
            line: e.line,
            column: e.column,
            code: e.code,
        })
        .collect()
}

/// Starts applying a preview in the background (one transaction); its progress is in
/// [`Jobs::progress`] and the import's status turns `applied` when it commits. Errors:
/// `NotFound`, `Conflict("import_not_preview")`, `Conflict("import_nothing_valid")`.
pub async fn apply(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    let i = visible(state, me, id).await?;
    if i.status != "preview" {
        return Err(OpError::Conflict("import_not_preview"));
    }
    if i.valid_rows == 0 {
        return Err(OpError::Conflict("import_nothing_valid"));
    }
    let Some(progress) = state.import_jobs.start(id) else {
        return Err(OpError::Conflict("import_not_preview"));
    };
    let state = state.clone();
    let actor = me.user.id;
    tokio::spawn(async move {
        let sign = crate::book::signer(&state);
        match store_imports::apply(&state.db, id, actor, &sign, &progress).await {
            Ok(o) => {
                tracing::info!(import = %id, imported = o.imported, held = o.held, "import applied")
            }
            Err(e) => tracing::warn!(import = %id, error = %e, "import not applied"),
        }
        state.import_jobs.finish(id);
    });
    Ok(())
}

/// Throws a preview away.
pub async fn discard(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    visible(state, me, id).await?;
    store_imports::discard(&state.db, id).await?;
    Ok(())
}

/// Moves rows held for this account into its book (after an e-mail is confirmed or an IIN
/// given). Failures are logged: they never stand in the way of what triggered them.
pub async fn claim_held(state: &App, user: Uuid) {
    let sign = crate::book::signer(state);
    match store_imports::claim_held(&state.db, user, &sign).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(user = %user, rows = n, "held imported hours claimed"),
        Err(e) => tracing::warn!(user = %user, error = %e, "claiming held imported hours failed"),
    }
}

/// A refusal in words: the code's message, with the limits of its column.
pub fn message(lang: domain::Lang, column: &str, code: &str) -> String {
    use domain::Invalid;
    let with_args = match code {
        "number_out_of_range" => Some(Invalid::NumberOutOfRange {
            min: 1,
            max: domain::import::MAX_MINUTES / 60,
        }),
        "too_long" => Some(Invalid::TooLong {
            max: if column == "name" { 200 } else { 2000 },
        }),
        _ => None,
    };
    match with_args {
        Some(e) => crate::i18n::invalid(lang, &e),
        None => crate::i18n::t(lang, code),
    }
}

/// The template, for those who may import.
pub fn template_for(me: &SignedIn) -> Result<crate::export::Table, OpError> {
    if !may_import(me) {
        return Err(OpError::Forbidden("forbidden"));
    }
    Ok(template())
}

/// The template: the header row and one example.
pub fn template() -> crate::export::Table {
    crate::export::Table {
        header: domain::import::template_header()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        rows: vec![vec![
            "010517601238".into(),
            "asem@example.kz".into(),
            "Әсем Нұрланова".into(),
            "2025-03-08".into(),
            "2,5".into(),
            "KZ-55".into(),
            "taza_alem".into(),
            "environment".into(),
            "Саябақты тазалау".into(),
        ]],
        numeric: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_any_common_separator_and_a_bom() {
        for sep in [",", ";", "\t"] {
            let text = format!("\u{feff}iin{sep}name{sep}hours\n\"0105\"{sep}\"Ә, Н\"{sep}2,5\n");
            let rows = read_table("a.csv", text.as_bytes()).unwrap();
            assert_eq!(rows[0], vec!["iin", "name", "hours"], "{sep:?}");
            if sep != "," {
                assert_eq!(rows[1], vec!["0105", "Ә, Н", "2,5"], "{sep:?}");
            }
        }
        assert_eq!(
            read_table("a.csv", &[0xff, 0xfe, 0x00]),
            Err("import_unreadable")
        );
        assert_eq!(
            read_table("a.xlsx", b"PK\x03\x04 broken"),
            Err("import_unreadable")
        );
    }

    #[test]
    fn xlsx_cells_as_text() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["iin", "name", "date", "hours"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "010517601238").unwrap();
        sheet.write_string(1, 1, "Әсем").unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3, 8).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        sheet
            .write_datetime_with_format(1, 2, &date, &format)
            .unwrap();
        sheet.write_number(1, 3, 2.5).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let rows = read_table("paper.xlsx", &bytes).unwrap();
        assert_eq!(rows[1], vec!["010517601238", "Әсем", "2025-03-08", "2.5"]);
    }
}
