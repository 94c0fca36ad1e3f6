//! Square's item sales detail (`items-2024-01-01-2025-01-01.csv`): a row per item sold,
//! date and time in two columns, money with `$` and thousands separators, walk-ins
//! without a customer id, delivery fees as items of their own, and a refund as a row of
//! its own (event type `Refund`, negative quantity and money) under the sale's
//! transaction id.

use super::catalogues::ENGLISH;
use super::sheet::{Encoding, Money, RowTruth, Sheet};
use super::shop::{Fate, Names, Plan, Shop, stable_token, token};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::{Duration, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 22] = [
    "Date",
    "Time",
    "Time Zone",
    "Category",
    "Item",
    "Qty",
    "Price Point Name",
    "SKU",
    "Modifiers Applied",
    "Gross Sales",
    "Discounts",
    "Net Sales",
    "Tax",
    "Transaction ID",
    "Payment ID",
    "Device Name",
    "Event Type",
    "Location",
    "Dining Option",
    "Customer ID",
    "Customer Name",
    "Itemization Type",
];

/// The fee's name as the shop keyed it.
const FEE: &str = "Delivery Fee";

/// One row: the item (or the fee), the signed quantity and money, and the event.
struct Sold<'a> {
    when: chrono::NaiveDateTime,
    category: &'a str,
    item: &'a str,
    sku: &'a str,
    quantity: i64,
    money: f64,
    event: &'a str,
    kind: &'a str,
}

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 340,
        customers: 90,
        guest_share: 0.4,
        max_lines: 3,
        fates: &[(Fate::Completed, 1.0)],
        catalogue: &ENGLISH,
        postage: 4.50,
        free_from: 30.0,
        names: Names::English,
        start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', false, false, &HEADER);
    for order in &shop.orders {
        let transaction = token(rng, 22);
        let customer = shop.customer(order);
        // Walk-ins take their things away; some known customers have them delivered.
        let delivered = !order.guest() && order.shipping > 0.0 && order.number.is_multiple_of(2);
        let mut write = |sold: Sold, truth: RowTruth, rng: &mut ChaCha8Rng| {
            let money = |v: f64| Money::DOLLARS.write(v);
            let row = [
                sold.when.format("%m/%d/%Y").to_string(),
                sold.when.format("%H:%M:%S").to_string(),
                "Pacific Time (US & Canada)".to_owned(),
                sold.category.to_owned(),
                sold.item.to_owned(),
                sold.quantity.to_string(),
                if sold.sku.is_empty() { "" } else { "Regular" }.to_owned(),
                sold.sku.to_owned(),
                String::new(),
                money(sold.money),
                money(0.0),
                money(sold.money),
                money(sold.money * 0.0875),
                transaction.clone(),
                token(rng, 24),
                "Counter iPad".to_owned(),
                sold.event.to_owned(),
                "Field & Hearth - Alberta St".to_owned(),
                if delivered { "Delivery" } else { "For Here" }.to_owned(),
                customer.map_or(String::new(), |c| stable_token(c.number, 26)),
                customer.map_or(String::new(), |c| c.name.clone()),
                sold.kind.to_owned(),
            ];
            sheet.row(&row, truth);
        };
        for (i, line) in order.lines.iter().enumerate() {
            let sold = Sold {
                when: order.placed,
                category: line.product.category,
                item: line.product.name,
                sku: line.product.code,
                quantity: i64::from(line.quantity),
                money: line.amount(),
                event: "Payment",
                kind: "Itemized",
            };
            write(sold, RowTruth::line(order, i), rng);
        }
        if delivered {
            let fee = Sold {
                when: order.placed,
                category: "",
                item: FEE,
                sku: "",
                quantity: 1,
                money: order.shipping,
                event: "Payment",
                kind: "Custom Amount",
            };
            write(fee, RowTruth::pseudo(order), rng);
        }
        if rng.random_bool(0.06) {
            let line = &order.lines[0];
            let refund = Sold {
                when: order.placed + Duration::days(rng.random_range(1..10)),
                category: line.product.category,
                item: line.product.name,
                sku: line.product.code,
                quantity: -1,
                money: -line.product.price,
                event: "Refund",
                kind: "Itemized",
            };
            write(refund, RowTruth::returned(order), rng);
        }
    }
    let header = Header {
        platform: Some("Square"),
        file_name: "items-2024-01-01-2025-01-01.csv",
        roles: vec![
            (Role::Date, "Date"),
            (Role::Time, "Time"),
            (Role::Category, "Category"),
            (Role::Product, "Item"),
            (Role::ProductCode, "SKU"),
            (Role::Quantity, "Qty"),
            (Role::Amount, "Net Sales"),
            (Role::Order, "Transaction ID"),
            (Role::Customer, "Customer ID"),
        ],
        // `$` alone does not say which dollar (Square sells in the US, Canada and
        // Australia), and the file names no currency: nothing to claim.
        currency: None,
        statuses: Vec::new(),
        pseudo_products: vec![FEE],
    };
    export(header, sheet, Encoding::Utf8)
}
