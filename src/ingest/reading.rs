//! How a transaction log is read beyond its column roles: which order statuses count as
//! purchases, what happens to guest orders, which workbook sheet is read; and what the
//! load report says about it (the recognised platform, why each role was chosen, the
//! order-level columns, statuses, guests, pseudo-products and currency).
//!
//! The choices ([`Reading`]) are the user's, validated with the file; the findings are
//! reported in [`Interpretation`] so that the page and the CLI can show them and offer
//! to change them.

use super::roles::Role;
use serde::{Deserialize, Serialize};

/// What an order status says about the order's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusKind {
    /// Paid, completed, shipped, delivered: a purchase.
    Completed,
    /// Placed and not (yet) finished: processing, on hold, pending, awaiting shipment. Counted
    /// as a purchase by default.
    Open,
    /// Partly refunded: a purchase, less the refunded quantity or amount where the file
    /// has them.
    PartlyRefunded,
    /// Refunded in full, returned.
    Refunded,
    /// Cancelled or voided before completion.
    Cancelled,
    /// The payment failed.
    Failed,
    /// Never paid.
    Unpaid,
    /// A value nobody recognised: counted as a purchase, and listed so the user can decide.
    Unknown,
}

impl StatusKind {
    /// Whether lines of this status count as purchases unless the user says otherwise.
    pub fn counted_by_default(self) -> bool {
        matches!(
            self,
            StatusKind::Completed
                | StatusKind::Open
                | StatusKind::PartlyRefunded
                | StatusKind::Unknown
        )
    }
}

/// What to do with orders by guests and walk-ins (ids such as `0`, `guest`, `-`, `匿名`,
/// or an empty id), which are never one customer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuestPolicy {
    /// Leave their lines out of the analyses (counted in the report).
    #[default]
    LeaveOut,
    /// Key each guest by the email column, when the file has one.
    Email,
    /// Key each guest by the phone column, when the file has one.
    Phone,
}

/// The user's choices for reading a transaction log, beside the column mapping. Kept by
/// the page and sent again when the file is loaded again, so an override survives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// The status values whose lines count as purchases, as written in the file; `None`:
    /// the statuses [`StatusKind::counted_by_default`] says.
    pub counted_statuses: Option<Vec<String>>,
    /// Guests and walk-ins.
    pub guests: GuestPolicy,
    /// Keep postage, fees, discounts and gift cards in baskets and recommendations.
    pub keep_pseudo_products: bool,
    /// The workbook sheet to read (by name); `None`: the first sheet with data.
    pub sheet: Option<String>,
    /// Roles the user gave columns by name or position, on top of the guess (the CLI's
    /// `--role customer=Email`). A column named here loses any role it was guessed for;
    /// `None` leaves the role to no column.
    pub roles: Vec<(Role, Option<ColumnRef>)>,
}

/// A column named by the user: by its header, or by its position from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnRef {
    /// The header, as written (or normalised: `customer_id` finds `Customer ID`).
    Name(String),
    /// The position, from 1.
    Position(usize),
}

impl ColumnRef {
    /// The column among `names` this refers to.
    pub fn find(&self, names: &[&str]) -> Option<usize> {
        match self {
            ColumnRef::Position(p) => (1..=names.len()).contains(p).then(|| p - 1),
            ColumnRef::Name(name) => names.iter().position(|n| n == name).or_else(|| {
                let wanted = super::roles::normalise(name);
                names
                    .iter()
                    .position(|n| super::roles::normalise(n) == wanted)
            }),
        }
    }
}

impl std::fmt::Display for ColumnRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ColumnRef::Name(name) => write!(f, "{name:?}"),
            ColumnRef::Position(p) => write!(f, "column {p}"),
        }
    }
}

/// Why a column got its role, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleReason {
    /// The role.
    pub role: Role,
    /// The column index.
    pub column: usize,
    /// Why, in plain words ("named like an order id", "the platform's buyer account").
    pub reason: String,
}

/// A recognised export layout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformMatch {
    /// The platform's name ("Shopify", "淘宝/天猫 (Taobao/Tmall)").
    pub name: String,
    /// Which export of it ("orders export", "订单报表").
    pub export: String,
    /// The headers that gave it away.
    pub evidence: Vec<String>,
}

/// A numeric column found to be order-level (the same on every line of an order, or
/// filled on an order's first line only): never a line amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLevelColumn {
    /// The column index.
    pub column: usize,
    /// Why: "the same on every line of each order" or "filled on each order's first
    /// line only".
    pub reason: String,
}

/// One status value and what was done with its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    /// As written in the file.
    pub value: String,
    /// What it was recognised as.
    pub kind: StatusKind,
    /// Kept lines with this status.
    pub lines: u64,
    /// Whether its lines count as purchases (the user's choice, else the default).
    pub counted: bool,
}

/// Guests and walk-ins found in the customer column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestReport {
    /// The id values taken for guests, as written (at most 20).
    pub ids: Vec<String>,
    /// Kept lines with a guest id.
    pub lines: u64,
    /// Of those, the lines given a customer from the email or phone column.
    pub keyed: u64,
    /// What was done with them.
    pub policy: GuestPolicy,
}

/// A pseudo-product (postage, fees, discounts, gift cards) found in the product column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PseudoProduct {
    /// As written.
    pub name: String,
    /// Kept lines with it.
    pub lines: u64,
}

/// The currency of the money columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CurrencyReport {
    /// The ISO 4217 code of the main currency ("EUR", "CNY"), if one was found.
    pub code: Option<String>,
    /// The sign written with the amounts ("€", "$", "¥", "R$"), if any: where the sign
    /// alone does not say the currency (`$`, `¥`), the only evidence, and no code.
    pub symbol: Option<String>,
    /// Where it was found: "currency column \"Currency\"", "symbols in \"Total\"";
    /// empty when nothing says.
    pub source: String,
    /// When the file mixes currencies: each code with its kept lines and its purchase
    /// total, largest first.
    pub mixed: Vec<(String, u64, f64)>,
}

/// The sheet of a workbook that was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetReport {
    /// The sheet read.
    pub name: String,
    /// Every sheet of the workbook, in order, for the user to pick another.
    pub sheets: Vec<String>,
}

/// What reading the file as a transaction log found, beside the roles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Interpretation {
    /// The export layout recognised from the headers.
    pub platform: Option<PlatformMatch>,
    /// Why each mapped column got its role.
    pub reasons: Vec<RoleReason>,
    /// Numeric columns that hold order-level figures.
    pub order_level: Vec<OrderLevelColumn>,
    /// Each status value with its lines (empty without a status column).
    pub statuses: Vec<StatusCount>,
    /// Guests and walk-ins.
    pub guests: GuestReport,
    /// Pseudo-products in the product column, and whether they were left out of baskets
    /// and recommendations.
    pub pseudo_products: Vec<PseudoProduct>,
    /// Whether the pseudo-products are kept in baskets and recommendations.
    pub pseudo_products_kept: bool,
    /// The money's currency.
    pub currency: CurrencyReport,
    /// The workbook sheet read, for Excel and OpenDocument files.
    pub sheet: Option<SheetReport>,
}
