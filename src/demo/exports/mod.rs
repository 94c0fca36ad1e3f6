//! Real platforms' exports, generated from a seed: for each layout a file written as the
//! platform writes it (its headers, encoding, delimiter, date and money formats, how it
//! writes refunds, guests, multi-line orders, postage and fees), from the platform's
//! public documentation of its export, and the truth about it ([`ExportTruth`]), which
//! the corpus test (`tests/exports/`) checks the reading of the file against.
//!
//! Every layout writes down one [`shop::Shop`] drawn from its own [`shop::Plan`]; the
//! rows are counted into the truth as they are written ([`sheet::Sheet`]), so the truth
//! is what is in the file.
//!
//! # What the truth's numbers mean
//!
//! A *row* is a data row of the file (the header is not one). An order is *counted*
//! when its status says completed, open (processing, shipped, pending shipment) or
//! partly refunded; its lines are purchases. An order that is refunded in full,
//! cancelled, voided, failed or unpaid is not counted.
//!
//! - [`ExportTruth::refunded_lines`]: rows that must not count as purchases: every row
//!   of an order that is not counted (guests' rows included), and returns written as
//!   rows of their own (the UCI layout's `C` invoices, Square's and PayPal's refund
//!   rows, with negative quantities or money). No file writes one refund both ways: a
//!   file marks refunds by a status, or by rows of their own, so the two counts the
//!   load report gives (lines of statuses that are not counted, and `returns`) add up
//!   to this number.
//! - [`ExportTruth::guest_lines`]: rows whose customer cell holds a guest or walk-in
//!   (empty, or `0`), whatever their status.
//! - [`ExportTruth::pseudo_product_lines`]: rows whose product is postage, a fee or a
//!   postage top-up (`POSTAGE`, `DOTCOM POSTAGE`, `Manual`, `Versandkosten`, `Delivery
//!   Fee`, `邮费补差`), whatever their customer or status.
//! - [`ExportTruth::revenue`]: the purchase revenue of identified customers, as the
//!   default reading should compute it: over the rows of counted orders, not guests',
//!   not returns, not pseudo-products, the line's money (the amount column the truth
//!   maps, else quantity x unit price), less what was refunded of it on a partly
//!   refunded order (a refunded quantity or amount column). Order-level figures (the
//!   order total, shipping, taxes, order discounts) are never added: postage counts only
//!   where the platform folds it into the row's own money (Taobao's and Pinduoduo's one
//!   row per order, whose 实付 amount includes postage), and postage written as a line
//!   is a pseudo-product and left out. Refund rows of their own (negative) are not
//!   subtracted: they are not purchases, and the orders they return stay purchases.
//! - [`ExportTruth::roles`]: every column a person would give a role, with that role;
//!   the columns not listed have none.

mod bigcommerce;
mod catalogues;
mod german;
mod jd;
mod magento;
mod paypal;
mod pinduoduo;
mod sheet;
mod shop;
mod shopee;
mod shopify;
mod square;
mod stripe;
mod taobao;
mod uci;
mod woocommerce;
mod youzan;

#[cfg(test)]
mod tests;

use crate::ingest::roles::Role;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use sheet::{Encoding, Sheet};

/// The seed the corpus test and `crm-lens demo --platform` use.
pub const SEED: u64 = 20_250_412;

/// An export layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Shopify's orders export.
    Shopify,
    /// A WooCommerce order export, a row per line item.
    WooCommerce,
    /// Magento / Adobe Commerce order items.
    Magento,
    /// BigCommerce's orders export, a row per product.
    BigCommerce,
    /// Square's item sales.
    Square,
    /// Stripe's payments.
    Stripe,
    /// PayPal's activity download.
    PayPal,
    /// Taobao/Tmall's 订单报表 (a row per order).
    Taobao,
    /// JD's order export (a row per SKU).
    Jd,
    /// Youzan's order export (a row per item).
    Youzan,
    /// Pinduoduo's order export (a row per order).
    Pinduoduo,
    /// Shopee's order export (a row per SKU).
    Shopee,
    /// The UCI Online Retail data set.
    Uci,
    /// A German shop's order lines, saved from Excel.
    German,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 14] = [
        Layout::Shopify,
        Layout::WooCommerce,
        Layout::Magento,
        Layout::BigCommerce,
        Layout::Square,
        Layout::Stripe,
        Layout::PayPal,
        Layout::Taobao,
        Layout::Jd,
        Layout::Youzan,
        Layout::Pinduoduo,
        Layout::Shopee,
        Layout::Uci,
        Layout::German,
    ];

    /// Its short name (`shopify`, `taobao`...), as `crm-lens demo --platform` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Shopify => "shopify",
            Layout::WooCommerce => "woocommerce",
            Layout::Magento => "magento",
            Layout::BigCommerce => "bigcommerce",
            Layout::Square => "square",
            Layout::Stripe => "stripe",
            Layout::PayPal => "paypal",
            Layout::Taobao => "taobao",
            Layout::Jd => "jd",
            Layout::Youzan => "youzan",
            Layout::Pinduoduo => "pinduoduo",
            Layout::Shopee => "shopee",
            Layout::Uci => "uci",
            Layout::German => "german",
        }
    }

    /// The layout of a short name.
    pub fn from_name(name: &str) -> Option<Layout> {
        Layout::ALL
            .into_iter()
            .find(|l| l.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Writes this layout's export from `seed`; the same seed gives the same bytes.
    pub fn generate(self, seed: u64) -> Export {
        // Each layout draws from its own stream, so adding one changes no other.
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ (self as u64).wrapping_mul(0x9E37_79B9));
        match self {
            Layout::Shopify => shopify::write(&mut rng),
            Layout::WooCommerce => woocommerce::write(&mut rng),
            Layout::Magento => magento::write(&mut rng),
            Layout::BigCommerce => bigcommerce::write(&mut rng),
            Layout::Square => square::write(&mut rng),
            Layout::Stripe => stripe::write(&mut rng),
            Layout::PayPal => paypal::write(&mut rng),
            Layout::Taobao => taobao::write(&mut rng),
            Layout::Jd => jd::write(&mut rng),
            Layout::Youzan => youzan::write(&mut rng),
            Layout::Pinduoduo => pinduoduo::write(&mut rng),
            Layout::Shopee => shopee::write(&mut rng),
            Layout::Uci => uci::write(&mut rng),
            Layout::German => german::write(&mut rng),
        }
    }
}

/// A generated export: the file's bytes and the truth about them.
#[derive(Debug, Clone)]
pub struct Export {
    /// The file as the platform writes it.
    pub bytes: Vec<u8>,
    /// What a careful person reading it would find.
    pub truth: ExportTruth,
}

/// The truth about a generated export (see the module's documentation for exactly what
/// each number counts).
#[derive(Debug, Clone, PartialEq)]
pub struct ExportTruth {
    /// The platform the file must be recognised as (a part of the recognised name, such
    /// as `Shopify` or `Taobao`); `None` for a shop's own export that is no platform's.
    pub platform: Option<&'static str>,
    /// The file's name, as the platform names it.
    pub file_name: &'static str,
    /// Every column a person would give a role: the role and the column's header.
    pub roles: Vec<(Role, &'static str)>,
    /// Data rows.
    pub lines: u64,
    /// Rows that are not purchases (refunded, cancelled, voided, failed, unpaid orders'
    /// rows, and returns written as rows).
    pub refunded_lines: u64,
    /// Rows of guests and walk-ins.
    pub guest_lines: u64,
    /// Rows of postage, fees and top-ups.
    pub pseudo_product_lines: u64,
    /// The purchase revenue of identified customers, merchandise only, less partial
    /// refunds, in the file's currency.
    pub revenue: f64,
    /// The ISO 4217 code of the money, when the file says it (a currency column, a
    /// symbol, or a platform of one currency); `None` when nothing in the file does.
    pub currency: Option<&'static str>,
    /// The status values the file writes (empty without a status column).
    pub statuses: Vec<&'static str>,
    /// The pseudo-products' names as the file writes them.
    pub pseudo_products: Vec<&'static str>,
}

/// What a layout says about itself besides its rows.
struct Header {
    platform: Option<&'static str>,
    file_name: &'static str,
    roles: Vec<(Role, &'static str)>,
    currency: Option<&'static str>,
    statuses: Vec<&'static str>,
    pseudo_products: Vec<&'static str>,
}

/// Finishes a layout's sheet into its export.
fn export(header: Header, sheet: Sheet, encoding: Encoding) -> Export {
    let (bytes, tally) = sheet.finish(encoding);
    Export {
        bytes,
        truth: ExportTruth {
            platform: header.platform,
            file_name: header.file_name,
            roles: header.roles,
            lines: tally.lines,
            refunded_lines: tally.refunded,
            guest_lines: tally.guests,
            pseudo_product_lines: tally.pseudo,
            revenue: tally.revenue,
            currency: header.currency,
            statuses: header.statuses,
            pseudo_products: header.pseudo_products,
        },
    }
}
