//! Shopify's orders export (`orders_export_1.csv`): a row per line item; the order's
//! name (`#1001`), email and creation time on every row, its financial status, totals,
//! taxes, shipping, discount and refunded amount on the first row only. Point-of-sale
//! walk-ins have no email. UTF-8, comma, times with their UTC offset.

use super::catalogues::ENGLISH;
use super::sheet::{Encoding, Money, RowTruth, Sheet};
use super::shop::{Fate, Names, Plan, Shop, Statuses, cents};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::{Duration, NaiveDate};
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 36] = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing City",
    "Billing Country",
    "Notes",
    "Cancelled at",
    "Payment Method",
    "Refunded Amount",
    "Vendor",
    "Id",
    "Tags",
    "Source",
    "Phone",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "paid"),
    (Fate::Open, "pending"),
    (Fate::PartlyRefunded, "partially_refunded"),
    (Fate::Refunded, "refunded"),
    (Fate::Cancelled, "voided"),
]);

const TIME: &str = "%Y-%m-%d %H:%M:%S -0500";

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 320,
        customers: 140,
        guest_share: 0.08,
        max_lines: 3,
        fates: &[
            (Fate::Completed, 0.80),
            (Fate::Open, 0.04),
            (Fate::PartlyRefunded, 0.05),
            (Fate::Refunded, 0.06),
            (Fate::Cancelled, 0.05),
        ],
        catalogue: &ENGLISH,
        postage: 6.95,
        free_from: 75.0,
        names: Names::English,
        start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', false, false, &HEADER);
    let money = |v: f64| Money::PLAIN.write(v);
    for order in &shop.orders {
        let customer = shop.customer(order);
        let email = customer.map_or(String::new(), |c| c.email.clone());
        let created = order.placed.format(TIME).to_string();
        // Walk-ins buy at the till: no shipping, no email.
        let shipping = if order.guest() { 0.0 } else { order.shipping };
        let discount = if order.number.is_multiple_of(9) {
            cents(order.subtotal() * 0.1)
        } else {
            0.0
        };
        let taxes = cents((order.subtotal() - discount) * 0.08);
        let total = cents(order.subtotal() - discount + shipping + taxes);
        let refunded = match order.fate {
            Fate::Refunded => total,
            Fate::PartlyRefunded => order.refunded(),
            _ => 0.0,
        };
        for (i, line) in order.lines.iter().enumerate() {
            let first = i == 0;
            let on_first = |text: String| if first { text } else { String::new() };
            let fulfilled = matches!(order.fate, Fate::Completed | Fate::PartlyRefunded);
            let row = [
                format!("#{}", 1000 + order.number),
                email.clone(),
                on_first(STATUSES.word(order.fate).to_owned()),
                on_first(
                    order
                        .paid()
                        .map_or(String::new(), |t| t.format(TIME).to_string()),
                ),
                on_first(
                    if fulfilled {
                        "fulfilled"
                    } else {
                        "unfulfilled"
                    }
                    .to_owned(),
                ),
                on_first(match order.paid() {
                    Some(paid) if fulfilled => {
                        (paid + Duration::hours(20)).format(TIME).to_string()
                    }
                    _ => String::new(),
                }),
                on_first(
                    if order.number.is_multiple_of(3) {
                        "yes"
                    } else {
                        "no"
                    }
                    .to_owned(),
                ),
                on_first("USD".to_owned()),
                on_first(money(order.subtotal())),
                on_first(money(shipping)),
                on_first(money(taxes)),
                on_first(money(total)),
                on_first(if discount > 0.0 { "WELCOME10" } else { "" }.to_owned()),
                on_first(money(discount)),
                on_first(
                    if order.guest() {
                        ""
                    } else {
                        "Standard Shipping"
                    }
                    .to_owned(),
                ),
                created.clone(),
                line.quantity.to_string(),
                line.product.name.to_owned(),
                money(line.product.price),
                String::new(),
                line.product.code.to_owned(),
                "true".to_owned(),
                "true".to_owned(),
                if fulfilled { "fulfilled" } else { "pending" }.to_owned(),
                on_first(customer.map_or(String::new(), |c| c.name.clone())),
                on_first(customer.map_or("Portland", |_| "Seattle").to_owned()),
                on_first("US".to_owned()),
                String::new(),
                on_first(if order.fate == Fate::Cancelled {
                    created.clone()
                } else {
                    String::new()
                }),
                on_first(
                    if order.guest() {
                        "Cash"
                    } else {
                        "Shopify Payments"
                    }
                    .to_owned(),
                ),
                on_first(money(refunded)),
                "Field & Hearth".to_owned(),
                on_first((5_210_000_000_000 + u64::from(order.number) * 7_919).to_string()),
                String::new(),
                on_first(if order.guest() { "pos" } else { "web" }.to_owned()),
                on_first(match customer {
                    Some(c) if c.number % 5 < 3 => c.phone.clone(),
                    _ => String::new(),
                }),
            ];
            sheet.row(&row, RowTruth::line(order, i));
        }
    }
    let header = Header {
        platform: Some("Shopify"),
        file_name: "orders_export_1.csv",
        roles: vec![
            (Role::Order, "Name"),
            (Role::Customer, "Email"),
            (Role::Date, "Created at"),
            (Role::Status, "Financial Status"),
            (Role::Product, "Lineitem name"),
            (Role::ProductCode, "Lineitem sku"),
            (Role::Quantity, "Lineitem quantity"),
            (Role::UnitPrice, "Lineitem price"),
            (Role::OrderTotal, "Total"),
            (Role::RefundedAmount, "Refunded Amount"),
            (Role::Currency, "Currency"),
            (Role::Phone, "Phone"),
        ],
        currency: Some("USD"),
        statuses: STATUSES.words(),
        pseudo_products: Vec::new(),
    };
    export(header, sheet, Encoding::Utf8)
}
