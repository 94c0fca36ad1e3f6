//! Magento / Adobe Commerce order items (the sales order grid with its items, as the
//! admin's CSV export writes it): a row per item; money with the currency symbol and
//! thousands separators, dates as `Mar 5, 2024 2:22:10 PM`; guests have no customer id
//! and the group `NOT LOGGED IN`; a fully refunded order is `Closed`, a partial refund
//! is a `Qty Refunded` on a `Complete` order.

use super::catalogues::ENGLISH;
use super::sheet::{Encoding, Money, RowTruth, Sheet};
use super::shop::{Fate, Names, Plan, Shop, Statuses};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 17] = [
    "Order #",
    "Purchase Point",
    "Purchase Date",
    "Status",
    "Customer ID",
    "Customer Email",
    "Customer Group",
    "Bill-to Name",
    "SKU",
    "Product Name",
    "Qty Ordered",
    "Qty Refunded",
    "Price",
    "Row Total",
    "Shipping and Handling",
    "Grand Total (Purchased)",
    "Order Currency",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "Complete"),
    (Fate::Open, "Processing"),
    (Fate::PartlyRefunded, "Complete"),
    (Fate::Refunded, "Closed"),
    (Fate::Cancelled, "Canceled"),
]);

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 300,
        customers: 110,
        guest_share: 0.2,
        max_lines: 4,
        fates: &[
            (Fate::Completed, 0.78),
            (Fate::Open, 0.06),
            (Fate::PartlyRefunded, 0.05),
            (Fate::Refunded, 0.06),
            (Fate::Cancelled, 0.05),
        ],
        catalogue: &ENGLISH,
        postage: 5.0,
        free_from: 100.0,
        names: Names::English,
        start: NaiveDate::from_ymd_opt(2023, 9, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', false, true, &HEADER);
    let money = |v: f64| Money::DOLLARS.write(v);
    for order in &shop.orders {
        let customer = shop.customer(order);
        for (i, line) in order.lines.iter().enumerate() {
            let row = [
                format!("{:09}", 1200 + order.number),
                "Main Website\nMain Website Store\nDefault Store View".to_owned(),
                order.placed.format("%b %-d, %Y %-I:%M:%S %p").to_string(),
                STATUSES.word(order.fate).to_owned(),
                customer.map_or(String::new(), |c| (c.number + 40).to_string()),
                customer.map_or(format!("guest{}@mailbox.org", order.number), |c| {
                    c.email.clone()
                }),
                if order.guest() {
                    "NOT LOGGED IN"
                } else {
                    "General"
                }
                .to_owned(),
                customer.map_or("Guest Buyer".to_owned(), |c| c.name.clone()),
                line.product.code.to_owned(),
                line.product.name.to_owned(),
                line.quantity.to_string(),
                line.refunded.to_string(),
                money(line.product.price),
                money(line.amount()),
                money(order.shipping),
                money(order.total()),
                "USD".to_owned(),
            ];
            sheet.row(&row, RowTruth::line(order, i));
        }
    }
    let header = Header {
        platform: Some("Magento"),
        file_name: "export.csv",
        roles: vec![
            (Role::Order, "Order #"),
            (Role::Date, "Purchase Date"),
            (Role::Status, "Status"),
            (Role::Customer, "Customer ID"),
            (Role::Email, "Customer Email"),
            (Role::ProductCode, "SKU"),
            (Role::Product, "Product Name"),
            (Role::Quantity, "Qty Ordered"),
            (Role::RefundedQuantity, "Qty Refunded"),
            (Role::UnitPrice, "Price"),
            (Role::Amount, "Row Total"),
            (Role::OrderTotal, "Grand Total (Purchased)"),
            (Role::Currency, "Order Currency"),
        ],
        currency: Some("USD"),
        statuses: STATUSES.words(),
        pseudo_products: Vec::new(),
    };
    export(header, sheet, Encoding::Utf8)
}
