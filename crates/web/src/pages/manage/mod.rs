//! Event pages for organizers: the event form, the event's management page (status, shift
//! series, exports), a shift's applications (decide one by one or in bulk, move, consent,
//! attendance) and its check-in QR code.

pub mod applications;
pub mod attendance;
pub mod events;
pub mod exports;
pub mod shifts;

pub use applications::{applications, bulk, decide};
pub use attendance::qr;
pub use events::{create, create_project, edit, edit_form, new_form};
pub use exports::participants;
pub use shifts::{add_series, manage, status};

/// The messages of a form's errors on one line (for a page that only says what was wrong).
fn messages(errors: &app::Errors) -> String {
    errors
        .iter()
        .map(|(_, (_, m))| m.clone())
        .collect::<Vec<_>>()
        .join(" ")
}
