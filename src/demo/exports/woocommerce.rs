//! A WooCommerce order export (the order/line-item CSV that export plugins write): a
//! row per line item, the order's fields (status, totals, shipping, billing) repeated on
//! every row; guests have `customer_id` 0 and only their billing email. UTF-8 with a
//! byte order mark, comma.

use super::catalogues::ENGLISH;
use super::sheet::{Encoding, Money, RowTruth, Sheet};
use super::shop::{Fate, Names, Plan, Shop, Statuses, cents};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 21] = [
    "order_id",
    "order_date",
    "status",
    "shipping_total",
    "shipping_tax_total",
    "fee_total",
    "tax_total",
    "discount_total",
    "order_total",
    "order_currency",
    "payment_method_title",
    "customer_id",
    "billing_first_name",
    "billing_last_name",
    "billing_email",
    "billing_phone",
    "billing_country",
    "item_name",
    "item_sku",
    "quantity",
    "item_total",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "completed"),
    (Fate::Open, "processing"),
    (Fate::Refunded, "refunded"),
    (Fate::Cancelled, "cancelled"),
    (Fate::Failed, "failed"),
]);

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 330,
        customers: 120,
        guest_share: 0.3,
        max_lines: 3,
        fates: &[
            (Fate::Completed, 0.78),
            (Fate::Open, 0.07),
            (Fate::Refunded, 0.05),
            (Fate::Cancelled, 0.05),
            (Fate::Failed, 0.05),
        ],
        catalogue: &ENGLISH,
        postage: 3.95,
        free_from: 50.0,
        names: Names::English,
        start: NaiveDate::from_ymd_opt(2024, 2, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', false, false, &HEADER);
    let money = |v: f64| Money::PLAIN.write(v);
    for order in &shop.orders {
        let customer = shop.customer(order);
        // A guest is somebody all the same: a name and an email on the bill.
        let guest_number = 9000 + order.number;
        let (first, last) =
            customer.map_or(("Sam".to_owned(), format!("Guest{guest_number}")), |c| {
                let (first, last) = c.name.split_once(' ').unwrap_or((&c.name, ""));
                (first.to_owned(), last.to_owned())
            });
        let email = customer.map_or(format!("sam.{guest_number}@example.org"), |c| {
            c.email.clone()
        });
        let tax = cents(order.subtotal() * 0.2 / 1.2);
        for i in 0..order.lines.len() {
            let line = &order.lines[i];
            let row = [
                (4100 + order.number).to_string(),
                order.placed.format("%Y-%m-%d %H:%M").to_string(),
                STATUSES.word(order.fate).to_owned(),
                money(order.shipping),
                money(0.0),
                money(0.0),
                money(tax),
                money(0.0),
                money(order.total()),
                "GBP".to_owned(),
                if order.number.is_multiple_of(4) {
                    "PayPal"
                } else {
                    "Credit Card (Stripe)"
                }
                .to_owned(),
                customer.map_or(0, |c| c.number + 1).to_string(),
                first.clone(),
                last.clone(),
                email.clone(),
                customer.map_or(String::new(), |c| c.phone.clone()),
                "GB".to_owned(),
                line.product.name.to_owned(),
                line.product.code.to_owned(),
                line.quantity.to_string(),
                money(line.amount()),
            ];
            sheet.row(&row, RowTruth::line(order, i));
        }
    }
    let header = Header {
        platform: Some("WooCommerce"),
        file_name: "orders-export.csv",
        roles: vec![
            (Role::Order, "order_id"),
            (Role::Date, "order_date"),
            (Role::Status, "status"),
            (Role::Customer, "customer_id"),
            (Role::Email, "billing_email"),
            (Role::Phone, "billing_phone"),
            (Role::Product, "item_name"),
            (Role::ProductCode, "item_sku"),
            (Role::Quantity, "quantity"),
            (Role::Amount, "item_total"),
            (Role::OrderTotal, "order_total"),
            (Role::Currency, "order_currency"),
        ],
        currency: Some("GBP"),
        statuses: STATUSES.words(),
        pseudo_products: Vec::new(),
    };
    export(header, sheet, Encoding::Utf8Bom)
}
