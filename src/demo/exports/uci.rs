//! The UCI Online Retail data set's layout (a UK gift wholesaler, 2010-2011): a row per
//! invoice line; cancellations are invoices numbered `C…` with negative quantities;
//! about a quarter of the lines have no `CustomerID`; postage (`POST`, `DOTCOM
//! POSTAGE`) and manual charges (`M`) are lines of their own; dates `12/1/2010 8:26`.
//! UTF-8, comma.

use super::catalogues::UCI;
use super::sheet::{Encoding, Money, RowTruth, Sheet};
use super::shop::{Fate, Names, Order, Plan, Product, Shop, p};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 8] = [
    "InvoiceNo",
    "StockCode",
    "Description",
    "Quantity",
    "InvoiceDate",
    "UnitPrice",
    "CustomerID",
    "Country",
];

static POSTAGE: Product = p("POSTAGE", "POST", 18.0, "");
static DOTCOM: Product = p("DOTCOM POSTAGE", "DOT", 11.08, "");
static MANUAL: Product = p("Manual", "M", 2.95, "");

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 230,
        customers: 70,
        guest_share: 0.2,
        max_lines: 4,
        fates: &[(Fate::Completed, 1.0)],
        catalogue: &UCI,
        postage: 0.0,
        free_from: 0.0,
        names: Names::English,
        start: NaiveDate::from_ymd_opt(2010, 12, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', false, false, &HEADER);
    let mut invoice = 536_364u32;
    for order in &shop.orders {
        invoice += 1;
        let number = invoice.to_string();
        let write = |sheet: &mut Sheet, product: &Product, quantity: i64, when, truth| {
            write_line(sheet, &number, order, product, quantity, when, truth);
        };
        for (i, line) in order.lines.iter().enumerate() {
            let quantity = i64::from(line.quantity);
            write(
                &mut sheet,
                line.product,
                quantity,
                order.placed,
                RowTruth::line(order, i),
            );
        }
        let abroad = order.customer.is_some_and(|c| c % 6 == 5);
        if abroad {
            write(
                &mut sheet,
                &POSTAGE,
                1,
                order.placed,
                RowTruth::pseudo(order),
            );
        } else if order.guest() {
            write(
                &mut sheet,
                &DOTCOM,
                1,
                order.placed,
                RowTruth::pseudo(order),
            );
        } else if rng.random_bool(0.03) {
            write(
                &mut sheet,
                &MANUAL,
                1,
                order.placed,
                RowTruth::pseudo(order),
            );
        }
        if !order.guest() && rng.random_bool(0.08) {
            invoice += 1;
            let cancelled = format!("C{invoice}");
            let line = &order.lines[0];
            let when = order.placed + Duration::days(rng.random_range(1..20));
            write_line(
                &mut sheet,
                &cancelled,
                order,
                line.product,
                -i64::from(line.quantity),
                when,
                RowTruth::returned(order),
            );
        }
    }
    let header = Header {
        platform: Some("Online Retail"),
        file_name: "Online Retail.csv",
        roles: vec![
            (Role::Order, "InvoiceNo"),
            (Role::ProductCode, "StockCode"),
            (Role::Product, "Description"),
            (Role::Quantity, "Quantity"),
            (Role::Date, "InvoiceDate"),
            (Role::UnitPrice, "UnitPrice"),
            (Role::Customer, "CustomerID"),
        ],
        currency: None,
        statuses: Vec::new(),
        pseudo_products: vec![POSTAGE.name, DOTCOM.name, MANUAL.name],
    };
    export(header, sheet, Encoding::Utf8)
}

fn write_line(
    sheet: &mut Sheet,
    invoice: &str,
    order: &Order,
    product: &Product,
    quantity: i64,
    when: NaiveDateTime,
    truth: RowTruth,
) {
    let country = match order.customer.map(|c| c % 6) {
        Some(5) => "France",
        Some(4) => "EIRE",
        _ => "United Kingdom",
    };
    let row = [
        invoice.to_owned(),
        product.code.to_owned(),
        product.name.to_owned(),
        quantity.to_string(),
        when.format("%-m/%-d/%Y %-H:%M").to_string(),
        Money::PLAIN.write(product.price),
        order
            .customer
            .map_or(String::new(), |c| (12_346 + c * 13).to_string()),
        country.to_owned(),
    ];
    sheet.row(&row, truth);
}
