//! Shopee's order export (Seller Centre, My Orders, Export): a row per SKU, the order's
//! status, shipping fee and grand total repeated on every row; the buyer's username;
//! `Unpaid` and `Cancelled` orders listed with the rest. Money without a currency (a
//! Malaysian shop's ringgit). UTF-8 with a byte order mark.

use super::catalogues::ENGLISH;
use super::sheet::{Encoding, Money, RowTruth, Sheet};
use super::shop::{Fate, Names, Plan, Shop, Statuses, cents, token};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 19] = [
    "Order ID",
    "Order Status",
    "Cancel reason",
    "Order Creation Date",
    "Order Paid Time",
    "Username (Buyer)",
    "Receiver Name",
    "Phone Number",
    "Delivery Address",
    "Parent SKU Reference No.",
    "Product Name",
    "SKU Reference No.",
    "Variation Name",
    "Original Price",
    "Deal Price",
    "Quantity",
    "Product Subtotal",
    "Buyer Paid Shipping Fee",
    "Grand Total",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "Completed"),
    (Fate::Open, "Shipping"),
    (Fate::Cancelled, "Cancelled"),
    (Fate::Unpaid, "Unpaid"),
]);

const TIME: &str = "%Y-%m-%d %H:%M";

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 340,
        customers: 150,
        guest_share: 0.0,
        max_lines: 3,
        fates: &[
            (Fate::Completed, 0.80),
            (Fate::Open, 0.07),
            (Fate::Cancelled, 0.08),
            (Fate::Unpaid, 0.05),
        ],
        catalogue: &ENGLISH,
        postage: 4.9,
        free_from: 40.0,
        names: Names::English,
        start: NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', false, false, &HEADER);
    let money = |v: f64| Money::PLAIN.write(v);
    for order in &shop.orders {
        let Some(buyer) = shop.customer(order) else {
            continue;
        };
        let id = format!("{}{}", order.placed.format("%y%m%d"), token(rng, 8));
        let phone = format!(
            "60{}",
            buyer
                .phone
                .replace([' ', '+'], "")
                .get(4..)
                .unwrap_or_default()
        );
        for (i, line) in order.lines.iter().enumerate() {
            let row = [
                id.clone(),
                STATUSES.word(order.fate).to_owned(),
                if order.fate == Fate::Cancelled {
                    "Cancelled by buyer. Reason: Need to change delivery address"
                } else {
                    ""
                }
                .to_owned(),
                order.placed.format(TIME).to_string(),
                order
                    .paid()
                    .map_or(String::new(), |t| t.format(TIME).to_string()),
                buyer.handle.replace('.', "_"),
                buyer.name.clone(),
                phone.clone(),
                "No. 12, Jalan SS 2/24, 47300 Petaling Jaya, Selangor".to_owned(),
                line.product
                    .code
                    .split('-')
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
                line.product.name.to_owned(),
                line.product.code.to_owned(),
                String::new(),
                money(cents(line.product.price * 1.25)),
                money(line.product.price),
                line.quantity.to_string(),
                money(line.amount()),
                money(order.shipping),
                money(order.total()),
            ];
            sheet.row(&row, RowTruth::line(order, i));
        }
    }
    let header = Header {
        platform: Some("Shopee"),
        file_name: "Order.all.20240601_20250531.csv",
        roles: vec![
            (Role::Order, "Order ID"),
            (Role::Status, "Order Status"),
            (Role::Date, "Order Creation Date"),
            (Role::Customer, "Username (Buyer)"),
            (Role::Phone, "Phone Number"),
            (Role::Product, "Product Name"),
            (Role::ProductCode, "SKU Reference No."),
            (Role::UnitPrice, "Deal Price"),
            (Role::Quantity, "Quantity"),
            (Role::Amount, "Product Subtotal"),
            (Role::OrderTotal, "Grand Total"),
        ],
        currency: None,
        statuses: STATUSES.words(),
        pseudo_products: Vec::new(),
    };
    export(header, sheet, Encoding::Utf8Bom)
}
