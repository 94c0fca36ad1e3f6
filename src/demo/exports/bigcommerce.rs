//! BigCommerce's orders export with a row per product (the export template's product
//! columns): the order's status, totals and refund amount repeated on every row; guests
//! have customer id 0; an Australian store, so dates are day first and money in AUD.

use super::catalogues::ENGLISH;
use super::sheet::{Encoding, Money, RowTruth, Sheet};
use super::shop::{Fate, Names, Plan, Shop, Statuses};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 19] = [
    "Order ID",
    "Order Date",
    "Order Status",
    "Customer ID",
    "Customer Name",
    "Customer Email",
    "Customer Phone",
    "Product ID",
    "Product SKU",
    "Product Name",
    "Product Qty",
    "Product Unit Price",
    "Product Total Price",
    "Subtotal",
    "Shipping Cost",
    "Order Total",
    "Refund Amount",
    "Order Currency Code",
    "Payment Method",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "Completed"),
    (Fate::Open, "Awaiting Fulfillment"),
    (Fate::PartlyRefunded, "Partially Refunded"),
    (Fate::Refunded, "Refunded"),
    (Fate::Cancelled, "Cancelled"),
    (Fate::Failed, "Declined"),
]);

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 300,
        customers: 120,
        guest_share: 0.15,
        max_lines: 3,
        fates: &[
            (Fate::Completed, 0.76),
            (Fate::Open, 0.06),
            (Fate::PartlyRefunded, 0.05),
            (Fate::Refunded, 0.05),
            (Fate::Cancelled, 0.05),
            (Fate::Failed, 0.03),
        ],
        catalogue: &ENGLISH,
        postage: 9.95,
        free_from: 99.0,
        names: Names::English,
        start: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', true, false, &HEADER);
    let money = |v: f64| Money::PLAIN.write(v);
    for order in &shop.orders {
        let customer = shop.customer(order);
        let refund = match order.fate {
            Fate::Refunded | Fate::PartlyRefunded => order.refunded(),
            _ => 0.0,
        };
        for (i, line) in order.lines.iter().enumerate() {
            let product_id = ENGLISH
                .iter()
                .position(|p| p.code == line.product.code)
                .map_or(0, |p| p + 77);
            let row = [
                (100 + order.number).to_string(),
                order.placed.format("%d/%m/%Y").to_string(),
                STATUSES.word(order.fate).to_owned(),
                customer.map_or(0, |c| c.number).to_string(),
                customer.map_or("Guest Shopper".to_owned(), |c| c.name.clone()),
                customer.map_or(format!("shopper{}@icloud.com", order.number), |c| {
                    c.email.clone()
                }),
                customer.map_or(String::new(), |c| c.phone.clone()),
                product_id.to_string(),
                line.product.code.to_owned(),
                line.product.name.to_owned(),
                line.quantity.to_string(),
                money(line.product.price),
                money(line.amount()),
                money(order.subtotal()),
                money(order.shipping),
                money(order.total()),
                money(refund),
                "AUD".to_owned(),
                "Credit Card".to_owned(),
            ];
            sheet.row(&row, RowTruth::line(order, i));
        }
    }
    let header = Header {
        platform: Some("BigCommerce"),
        file_name: "orders-2025-04-12.csv",
        roles: vec![
            (Role::Order, "Order ID"),
            (Role::Date, "Order Date"),
            (Role::Status, "Order Status"),
            (Role::Customer, "Customer ID"),
            (Role::Email, "Customer Email"),
            (Role::Phone, "Customer Phone"),
            (Role::ProductCode, "Product SKU"),
            (Role::Product, "Product Name"),
            (Role::Quantity, "Product Qty"),
            (Role::UnitPrice, "Product Unit Price"),
            (Role::Amount, "Product Total Price"),
            (Role::OrderTotal, "Order Total"),
            (Role::RefundedAmount, "Refund Amount"),
            (Role::Currency, "Order Currency Code"),
        ],
        currency: Some("AUD"),
        statuses: STATUSES.words(),
        pseudo_products: Vec::new(),
    };
    export(header, sheet, Encoding::Utf8)
}
