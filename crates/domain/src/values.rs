//! What every validated value of the domain shares, declared once.
//!
//! - [`text_value!`]: a newtype over `String` that only its `parse` makes (a BIN, an e-mail
//!   address, a region code, a name);
//! - [`codes!`]: a closed set of stored codes (a status, a kind, a mode).

/// For a newtype `T(String)` whose only constructor is `T::parse(&str) -> Result<T, Invalid>`:
/// `FromStr`; and, unless declared `private` (personal data that must not print by accident),
/// `Display`, `AsRef<str>`, `TryFrom<String>` (what `#[serde(try_from = "String")]` and
/// `#[sqlx(try_from = "String")]` call) and `From<T> for String`.
macro_rules! text_value {
    (private $t:ident) => {
        impl ::std::str::FromStr for $t {
            type Err = $crate::Invalid;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $t::parse(s)
            }
        }
    };
    ($t:ident) => {
        $crate::values::text_value!(private $t);

        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $t {
            type Error = $crate::Invalid;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $t::parse(&s)
            }
        }

        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
    };
}

pub(crate) use text_value;

/// Declares a closed set of stored codes: the enum (serialised as its codes, and so
/// documented in the API's schemas) and
///
/// - `ALL`, every value in declaration order;
/// - `code()`, the stored code;
/// - `from_code()`, the value of an exact code (what the database holds), `None` if unknown;
/// - `parse()`, what a person or a client typed: trimmed; empty is [`Invalid::Required`],
///   unknown [`Invalid::ChoiceUnknown`] (also `FromStr`);
/// - `Display` (the code) and `TryFrom<String>`, the exact stored code (what
///   `#[sqlx(try_from = "String")]` calls).
///
/// ```ignore
/// codes! {
///     /// How soon help is needed.
///     pub enum Urgency {
///         /// Today.
///         Critical = "critical",
///         /// When someone can.
///         Normal = "normal",
///     }
/// }
/// ```
///
/// [`Invalid::Required`]: crate::Invalid::Required
/// [`Invalid::ChoiceUnknown`]: crate::Invalid::ChoiceUnknown
// `$code:tt`, not `:literal`: a literal fragment reaches derive macros wrapped in an invisible
// group, which serde reads and utoipa does not.
macro_rules! codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:tt ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize,
            ::utoipa::ToSchema,
        )]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stored code.
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value of an exact stored code; `None` if unknown.
            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Parses a typed code (trimmed): empty is `Invalid::Required`, unknown
            /// `Invalid::ChoiceUnknown`.
            pub fn parse(s: &str) -> Result<$name, $crate::Invalid> {
                match s.trim() {
                    "" => Err($crate::Invalid::Required),
                    t => $name::from_code(t).ok_or($crate::Invalid::ChoiceUnknown),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Invalid;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s)
            }
        }

        /// Reads a stored code, exactly (what `#[sqlx(try_from = "String")]` calls).
        impl TryFrom<String> for $name {
            type Error = $crate::Invalid;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $name::from_code(&s).ok_or($crate::Invalid::ChoiceUnknown)
            }
        }
    };
}

pub(crate) use codes;
