//! Form state shared by pages and the API: per-field translated errors, and field models
//! that templates render with labels, hints and `aria-invalid`.

use domain::Lang;

use app::i18n;

pub use app::Errors;

/// One input of a form, ready to render.
#[derive(Debug, Clone)]
pub struct Field {
    /// `name` and `id`.
    pub name: &'static str,
    /// Translated label.
    pub label: String,
    /// What the person typed (kept on error).
    pub value: String,
    /// Translated error, if any.
    pub error: Option<String>,
    /// `type` attribute.
    pub input_type: &'static str,
    /// `autocomplete` attribute.
    pub autocomplete: &'static str,
    /// Required field.
    pub required: bool,
    /// Translated hint under the label.
    pub hint: Option<String>,
    /// `maxlength`.
    pub max: usize,
}

impl Field {
    /// A field named `name` labelled with the message `field_<name>`.
    pub fn new(lang: Lang, name: &'static str, input_type: &'static str, value: &str) -> Field {
        Field {
            name,
            label: i18n::t(lang, &format!("field_{name}")),
            value: value.to_owned(),
            error: None,
            input_type,
            autocomplete: "off",
            required: false,
            hint: None,
            max: 200,
        }
    }
    /// An e-mail address (`email`, at most 254 characters; the browser may fill in the
    /// person's own).
    pub fn email(lang: Lang, value: &str) -> Field {
        Field::new(lang, "email", "email", value)
            .autocomplete("email")
            .max(254)
    }
    /// A new password (`password`, required, with the rules as a hint).
    pub fn new_password(lang: Lang) -> Field {
        Field::new(lang, "password", "password", "")
            .autocomplete("new-password")
            .required()
            .max(128)
            .hint(lang, "password_hint")
    }
    /// The current password (`password`, required).
    pub fn current_password(lang: Lang) -> Field {
        Field::new(lang, "password", "password", "")
            .autocomplete("current-password")
            .required()
            .max(128)
    }
    /// Sets `autocomplete`.
    pub fn autocomplete(mut self, a: &'static str) -> Self {
        self.autocomplete = a;
        self
    }
    /// Marks required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    /// Adds the hint message `key`.
    pub fn hint(mut self, lang: Lang, key: &str) -> Self {
        self.hint = Some(i18n::t(lang, key));
        self
    }
    /// Sets `maxlength`.
    pub fn max(mut self, max: usize) -> Self {
        self.max = max;
        self
    }
    /// Attaches the error of `errors` for this field.
    pub fn with_errors(mut self, errors: &Errors) -> Self {
        self.error = errors.get(self.name).map(str::to_owned);
        self
    }
    /// Whether the field has an error.
    pub fn has_error(&self) -> bool {
        self.error.is_some()
    }
    /// The `aria-describedby` ids.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }
}
