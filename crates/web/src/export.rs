//! Tables as downloads (the bytes come from [`app::export::Table`]).

use axum::http::header;
use axum::response::{IntoResponse, Response};

use app::OpError;
pub use app::export::Table;

/// A table sent as a file.
pub trait Download {
    /// The table as a download in `format` (`csv` or `xlsx`), named `name.format`;
    /// None for another format.
    fn download(&self, format: &str, name: &str) -> Option<Result<Response, OpError>>;
}

impl Download for Table {
    fn download(&self, format: &str, name: &str) -> Option<Result<Response, OpError>> {
        let file = self.file(format)?;
        Some(file.map(|(bytes, ct)| {
            (
                [
                    (header::CONTENT_TYPE, ct.to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}.{format}\""),
                    ),
                    (header::CACHE_CONTROL, "private, no-store".to_owned()),
                ],
                bytes,
            )
                .into_response()
        }))
    }
}
