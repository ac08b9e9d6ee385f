//! Money in and out of a collection, by its organization's treasurers (and owner):
//! donations entered with their bank document (recorded once per document), reversals,
//! expenses submitted with a receipt and approved by a second person within the balance.

use chrono::NaiveDate;
use domain::charity::{
    Channel, ExpenseInput, ExpenseStatus, ReceiptKind, Tiyn, approve, rejection_reason,
};
use domain::{Action, Lang};
use serde::Deserialize;
use store::charity::{self as store_charity, NewDonation, NewExpense};
pub use store::charity::{Donation, Expense, Recorded};
pub use store::giving::Given;
use uuid::Uuid;

use super::{for_org, receipt_code, visible};
use crate::auth::SignedIn;
use crate::{App, Errors, OpError};

/// A donation as a treasurer enters it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DonationForm {
    /// `money` (default) or `in_kind`.
    pub kind: String,
    /// Amount in tenge (money), or the estimated value (in kind, optional).
    pub amount: String,
    /// `bank_transfer`, `card`, `cash_box`, `other`.
    pub channel: String,
    /// The day it was given, YYYY-MM-DD.
    pub date: String,
    /// The bank document's number (bank transfers): the same document is recorded once.
    pub document: String,
    /// The donor's name (private).
    pub donor_name: String,
    /// The donor's e-mail (private, optional).
    pub donor_email: String,
    /// The name shown publicly (empty: anonymous).
    pub public_name: String,
    /// Cash: the box's number.
    pub box_number: Option<i32>,
    /// Cash: the opening act (its number and the two members who signed it); in kind: the
    /// handover act.
    pub act: String,
    /// In kind: what.
    pub items: String,
    /// In kind: how many.
    pub quantity: String,
    /// In kind: of what.
    pub unit: String,
    /// In kind: condition (new, used…).
    pub condition: String,
}

/// An optional text field of a form: none when empty, its refusal noted in `errors`.
pub(super) fn optional(errors: &mut Errors, field: &str, s: &str, max: usize) -> Option<String> {
    errors.check(field, domain::optional_text(s, max)).flatten()
}

/// Records a donation to an active collection of the caller's organization. The bank
/// document number (for transfers) makes it idempotent: the same document again gives
/// the donation already recorded. Refusals: invalid fields, `collection_not_active`.
pub async fn record(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    collection: Uuid,
    form: &DonationForm,
) -> Result<Recorded, OpError> {
    let c = for_org(state, me, collection, Action::HandleMoney).await?;
    let mut errors = Errors::new(lang);
    let in_kind = match form.kind.as_str() {
        "" | "money" => false,
        "in_kind" => true,
        _ => {
            errors.invalid("kind", &domain::Invalid::ChoiceUnknown);
            false
        }
    };
    let amount = if in_kind && form.amount.trim().is_empty() {
        None
    } else {
        errors
            .check("amount", Tiyn::parse_kzt(&form.amount))
            .map(Tiyn::get)
    };
    let channel = if in_kind && form.channel.is_empty() {
        Some(Channel::Other)
    } else {
        errors.check("channel", Channel::parse(&form.channel))
    };
    let date = errors.check("date", domain::parse_date(&form.date));
    if let Some(d) = date
        && d > crate::today()
    {
        errors.invalid("date", &domain::Invalid::DateInFuture);
    }
    let document = optional(&mut errors, "document", &form.document, 100);
    if channel == Some(Channel::BankTransfer) && document.is_none() {
        errors.invalid("document", &domain::Invalid::Required);
    }
    let donor_name = optional(&mut errors, "donor_name", &form.donor_name, 200);
    let donor_email = if form.donor_email.trim().is_empty() {
        None
    } else {
        errors
            .check("donor_email", domain::Email::parse(&form.donor_email))
            .map(|e| e.as_str().to_owned())
    };
    let public_name = optional(&mut errors, "public_name", &form.public_name, 100);
    let act = optional(&mut errors, "act", &form.act, 500);
    if channel == Some(Channel::CashBox) {
        if form.box_number.is_none_or(|n| n <= 0) {
            errors.invalid("box_number", &domain::Invalid::Required);
        }
        if act.is_none() {
            errors.invalid("act", &domain::Invalid::Required);
        }
    }
    let items = optional(&mut errors, "items", &form.items, 500);
    if in_kind && items.is_none() {
        errors.invalid("items", &domain::Invalid::Required);
    }
    let quantity = optional(&mut errors, "quantity", &form.quantity, 50);
    let unit = optional(&mut errors, "unit", &form.unit, 50);
    let condition = optional(&mut errors, "condition", &form.condition, 100);
    let (Some(channel), Some(date)) = (channel, date) else {
        return Err(OpError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(OpError::Invalid(errors));
    }
    let d = NewDonation {
        collection_id: c.id,
        in_kind,
        amount_tiyn: amount,
        channel,
        occurred_on: date,
        donor_user_id: None,
        donor_name,
        donor_email,
        public_name,
        external_key: document.map(|n| format!("doc:{}:{n}", c.organization_id)),
        items,
        quantity,
        unit,
        condition,
        box_number: if channel == Channel::CashBox {
            form.box_number
        } else {
            None
        },
        act,
        lang: lang.code().to_owned(),
        recorded_by: Some(me.user.id),
    };
    let r = store_charity::record_donation(&state.db, &d, &receipt_code()).await?;
    if let Recorded::New(id) = r
        && let Err(e) = super::receipts::send(state, id).await
    {
        tracing::warn!(error = ?e, "queueing a receipt failed");
    }
    Ok(r)
}

/// Reverses a donation (a refund, or an entry made in error), with a reason.
pub async fn reverse(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    donation: Uuid,
    reason: &str,
) -> Result<(), OpError> {
    let d = store_charity::donation(&state.db, donation)
        .await?
        .ok_or(OpError::NotFound)?;
    for_org(state, me, d.collection_id, Action::HandleMoney).await?;
    let mut errors = Errors::new(lang);
    let Some(reason) = errors.check("reason", rejection_reason(reason)) else {
        return Err(OpError::Invalid(errors));
    };
    Ok(store_charity::reverse_donation(&state.db, donation, &reason, Some(me.user.id)).await?)
}

/// An expense as a treasurer submits it (the receipt comes apart, as bytes).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ExpenseForm {
    /// Expense category code.
    pub category: String,
    /// Amount in tenge.
    pub amount: String,
    /// What for (public: no beneficiary's name).
    pub description: String,
    /// Spent on, YYYY-MM-DD.
    pub spent_on: String,
    /// `true` for goods handed out (by value).
    pub in_kind: String,
    /// Paid to this organization (its name), or…
    pub payee_organization: String,
    /// …given to this many beneficiaries (never their names).
    pub beneficiaries: Option<i32>,
}

/// Submits an expense of a collection that takes them (active or closed), with its
/// receipt (a PDF or an image, checked by its bytes); pending until a second person
/// approves it.
pub async fn submit_expense(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    collection: Uuid,
    form: &ExpenseForm,
    receipt: &[u8],
) -> Result<Uuid, OpError> {
    let c = for_org(state, me, collection, Action::HandleMoney).await?;
    if !c.status.accepts_expenses() {
        return Err(OpError::Conflict("collection_not_active"));
    }
    let mut errors = Errors::new(lang);
    let input = ExpenseInput {
        category: form.category.clone(),
        amount: form.amount.clone(),
        description: form.description.clone(),
        spent_on: form.spent_on.clone(),
        in_kind: form.in_kind.clone(),
    };
    let valid = match input.parse(crate::today()) {
        Ok(v) => Some(v),
        Err(list) => {
            for (field, e) in list {
                errors.invalid(field, &e);
            }
            None
        }
    };
    let kind = errors.check("receipt", ReceiptKind::sniff(receipt));
    let payee = optional(
        &mut errors,
        "payee_organization",
        &form.payee_organization,
        300,
    );
    if form.beneficiaries.is_some_and(|n| n <= 0) {
        errors.invalid("beneficiaries", &domain::Invalid::ChoiceUnknown);
    }
    let (Some(v), Some(kind)) = (valid, kind) else {
        return Err(OpError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(OpError::Invalid(errors));
    }
    let e = NewExpense {
        collection_id: c.id,
        amount_tiyn: v.amount.get(),
        category: v.category,
        in_kind: v.in_kind,
        purpose: v.description,
        payee_organization: payee,
        beneficiaries: form.beneficiaries,
        spent_on: v.spent_on,
        receipt: receipt.to_vec(),
        receipt_type: kind.content_type().to_owned(),
        submitted_by: me.user.id,
    };
    Ok(store_charity::submit_expense(&state.db, &e).await?)
}

async fn pending_expense(state: &App, me: &SignedIn, id: Uuid) -> Result<Expense, OpError> {
    let e = store_charity::expense(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    for_org(state, me, e.collection_id, Action::HandleMoney).await?;
    Ok(e)
}

/// Approves a pending expense: a second person (not who submitted it), within the
/// collection's balance, once. Refusals: `expense_four_eyes` (403), `expense_over_balance`
/// (409), `already_decided` (409).
pub async fn approve_expense(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    pending_expense(state, me, id).await?;
    let approver = me.user.id;
    let check = move |e: &Expense, balance: i64| -> Result<(), &'static str> {
        e.status.decide().map_err(|t| t.code)?;
        // Goods handed out are not money: the balance holds money only.
        let balance = if e.in_kind { i64::MAX } else { balance };
        approve(e.submitted_by, approver, balance, e.amount_tiyn).map_err(|t| t.code)
    };
    match store_charity::approve_expense(&state.db, id, approver, &check).await {
        Err(store::Error::Refused("expense_four_eyes")) => {
            Err(OpError::Forbidden("expense_four_eyes"))
        }
        Err(store::Error::Refused(code)) => Err(OpError::Conflict(code)),
        other => Ok(other?),
    }
}

/// Rejects a pending expense with a reason.
pub async fn reject_expense(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    id: Uuid,
    reason: &str,
) -> Result<(), OpError> {
    let e = pending_expense(state, me, id).await?;
    e.status.decide()?;
    let mut errors = Errors::new(lang);
    let Some(reason) = errors.check("reason", rejection_reason(reason)) else {
        return Err(OpError::Invalid(errors));
    };
    Ok(store_charity::reject_expense(&state.db, id, me.user.id, &reason).await?)
}

/// A collection's expenses: all for those who handle its money or see its donors, the
/// approved ones for everyone else.
pub async fn expenses(
    state: &App,
    me: Option<&SignedIn>,
    collection: Uuid,
) -> Result<Vec<Expense>, OpError> {
    let c = visible(state, me, collection).await?;
    let all = super::sees_donors(me, &c);
    Ok(store_charity::expenses(&state.db, c.id, !all).await?)
}

/// An expense's receipt (bytes, media type), for those who may see the expense: an
/// approved one's for everyone.
pub async fn receipt(
    state: &App,
    me: Option<&SignedIn>,
    id: Uuid,
) -> Result<(Vec<u8>, String), OpError> {
    let e = store_charity::expense(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let c = visible(state, me, e.collection_id).await?;
    if e.status != ExpenseStatus::Approved && !super::sees_donors(me, &c) {
        return Err(OpError::NotFound);
    }
    store_charity::receipt(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)
}

/// A donation as the public sees it: the name the donor chose or none (anonymous).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct PublicDonation {
    /// Key.
    pub id: Uuid,
    /// The name shown, or none for "anonymous".
    pub shown_as: Option<String>,
    /// Money or the estimated value of goods, tiyn.
    pub amount_tiyn: Option<i64>,
    /// Goods in kind (the amount is an estimate).
    pub in_kind: bool,
    /// In kind: what.
    pub items: Option<String>,
    /// Channel code.
    pub channel: String,
    /// Given on.
    pub occurred_on: NaiveDate,
    /// Reversed (refunded).
    pub reversed: bool,
}

impl From<&Donation> for PublicDonation {
    fn from(d: &Donation) -> Self {
        PublicDonation {
            id: d.id,
            shown_as: d.public_name.clone(),
            amount_tiyn: d.amount_tiyn,
            in_kind: d.in_kind,
            items: d.items.clone(),
            channel: d.channel.code().to_owned(),
            occurred_on: d.occurred_on,
            reversed: d.reversed_at.is_some(),
        }
    }
}

/// A collection's donations: whole for those who see donors, public otherwise.
pub async fn donations(
    state: &App,
    me: Option<&SignedIn>,
    collection: Uuid,
    page: u32,
) -> Result<(Vec<Donation>, bool), OpError> {
    let c = visible(state, me, collection).await?;
    let page = i64::from(page.clamp(1, 10_000));
    let list = store_charity::donations(&state.db, c.id, 50, (page - 1) * 50).await?;
    Ok((list, super::sees_donors(me, &c)))
}

/// The caller's own donations (as a donor with an account).
pub async fn mine(state: &App, me: &SignedIn) -> Result<Vec<Donation>, OpError> {
    Ok(store_charity::donations_of(&state.db, me.user.id, MINE_LIMIT).await?)
}

/// How many of her own donations a donor is shown, newest first.
pub const MINE_LIMIT: i64 = 200;

/// The caller's own donations with the collection each went to, newest first: what her
/// page lists, with each receipt. Only her own: the account is the caller's.
pub async fn given(state: &App, me: &SignedIn) -> Result<Vec<Given>, OpError> {
    Ok(store::giving::given_by(&state.db, me.user.id, MINE_LIMIT).await?)
}
