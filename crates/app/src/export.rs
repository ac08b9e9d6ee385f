//! Tables as downloads: CSV (UTF-8 with a BOM, so spreadsheet programs read Kazakh and
//! Russian letters) and XLSX (bold header; numeric columns as numbers).

use crate::OpError;

/// A table: header and rows of text.
pub struct Table {
    /// Column titles.
    pub header: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
    /// Columns written as numbers in XLSX.
    pub numeric: Vec<usize>,
}

impl Table {
    /// CSV bytes.
    pub fn csv(&self) -> Result<Vec<u8>, OpError> {
        let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
        let fail = |e: csv::Error| OpError::Internal(e.to_string());
        w.write_record(&self.header).map_err(fail)?;
        for r in &self.rows {
            w.write_record(r).map_err(fail)?;
        }
        w.into_inner().map_err(|e| OpError::Internal(e.to_string()))
    }

    /// XLSX bytes.
    pub fn xlsx(&self) -> Result<Vec<u8>, OpError> {
        let fail = |e: rust_xlsxwriter::XlsxError| OpError::Internal(e.to_string());
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        for (c, h) in self.header.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, h, &bold)
                .map_err(fail)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, col) = ((r + 1) as u32, c as u16);
                match v.parse::<f64>() {
                    Ok(n) if self.numeric.contains(&c) => sheet.write_number(r, col, n),
                    _ => sheet.write_string(r, col, v),
                }
                .map_err(fail)?;
            }
        }
        book.save_to_buffer().map_err(fail)
    }

    /// The table's bytes in `format` (`csv` or `xlsx`) with their content type; None for
    /// another format.
    pub fn file(&self, format: &str) -> Option<Result<(Vec<u8>, &'static str), OpError>> {
        match format {
            "csv" => Some(self.csv().map(|b| (b, "text/csv; charset=utf-8"))),
            "xlsx" => Some(self.xlsx().map(|b| {
                (
                    b,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
            })),
            _ => None,
        }
    }
}
