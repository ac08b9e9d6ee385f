//! Application statuses in SQL. The lifecycle lives in [`domain::application`]; the queries
//! never spell a status themselves: every list (`status IN (...)`) is rendered from one of
//! the domain's predicates or steps, once per query text ([`sql!`]), and status columns
//! are read back as [`ApplicationStatus`]. The texts stay literal SQL (not bound values) so
//! that the planners keep using the partial index on pending applications.

use domain::Transition;
use domain::application::ApplicationStatus;

use crate::Error;

/// A step of the lifecycle (`domain::application::{cancel, promote, check_in, ...}`).
pub(crate) type Step = fn(ApplicationStatus) -> Result<ApplicationStatus, Transition>;

/// `'accepted', 'checked_in'`: the stored codes of the statuses for which `p` holds, as the
/// inside of an SQL `IN (...)` (the codes are fixed snake_case words, nothing to escape).
pub(crate) fn list(p: impl Fn(ApplicationStatus) -> bool) -> String {
    let codes: Vec<String> = ApplicationStatus::ALL
        .into_iter()
        .filter(|s| p(*s))
        .map(one)
        .collect();
    assert!(!codes.is_empty(), "an empty status list");
    codes.join(", ")
}

/// `'accepted'`: one status as an SQL literal.
pub(crate) fn one(s: ApplicationStatus) -> String {
    format!("'{}'", s.code())
}

/// The statuses `step` leaves from, as [`list`] renders them.
pub(crate) fn from_of(step: Step) -> String {
    list(|s| step(s).is_ok())
}

/// The status `step` goes to, as [`one`] renders it (every step used in a single `UPDATE`
/// goes to one status, whichever it leaves from).
pub(crate) fn to_of(step: Step) -> String {
    let mut targets = ApplicationStatus::ALL
        .into_iter()
        .filter_map(|s| step(s).ok());
    let target = targets.next().expect("a step that goes nowhere");
    assert!(targets.all(|t| t == target), "a step with several targets");
    one(target)
}

/// Reads a stored status (a scalar or a `RETURNING` column; row types use
/// `#[sqlx(try_from = "String")]`). An unknown code is a decoding error of the database.
pub(crate) fn read(code: String) -> Result<ApplicationStatus, Error> {
    ApplicationStatus::try_from(code).map_err(|e| Error::Db(sqlx::Error::Decode(Box::new(e))))
}

/// A query text rendered once, on first use, by `format!` from its arguments (status lists
/// from [`list`], [`from_of`], [`to_of`], [`one`]); evaluates to the `&'static str`.
macro_rules! sql {
    ($($format:tt)*) => {{
        static SQL: ::std::sync::LazyLock<String> =
            ::std::sync::LazyLock::new(|| format!($($format)*));
        SQL.as_str()
    }};
}

pub(crate) use sql;

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationStatus::*;
    use domain::application as lifecycle;

    #[test]
    fn lists_and_steps_render_the_codes() {
        assert_eq!(
            list(ApplicationStatus::holds_place),
            "'accepted', 'checked_in', 'completed', 'no_show'"
        );
        assert_eq!(one(NoShow), "'no_show'");
        assert_eq!(from_of(lifecycle::reject), "'pending', 'waitlisted'");
        assert_eq!(to_of(lifecycle::reject), "'rejected'");
        assert_eq!(from_of(lifecycle::promote), "'waitlisted'");
        assert_eq!(to_of(lifecycle::promote), "'accepted'");
        assert_eq!(from_of(lifecycle::check_in), "'accepted'");
        assert_eq!(to_of(lifecycle::check_in), "'checked_in'");
        assert_eq!(from_of(lifecycle::check_out), "'checked_in'");
        assert_eq!(to_of(lifecycle::check_out), "'completed'");
        assert_eq!(from_of(lifecycle::mark_no_show), "'accepted'");
        assert_eq!(to_of(lifecycle::mark_no_show), "'no_show'");
        assert_eq!(
            from_of(lifecycle::cancel_with_event),
            "'pending', 'waitlisted', 'accepted'"
        );
        assert_eq!(to_of(lifecycle::cancel_with_event), "'cancelled'");
        let q = sql!("status IN ({})", list(ApplicationStatus::occupies_time));
        assert_eq!(q, "status IN ('accepted', 'checked_in')");
    }

    #[test]
    fn reads_what_is_stored() {
        for s in ApplicationStatus::ALL {
            assert_eq!(read(s.code().to_owned()).unwrap(), s);
        }
        assert!(matches!(
            read("withdrawn".into()),
            Err(Error::Db(sqlx::Error::Decode(_)))
        ));
    }
}
