//! PayPal's activity download (`Download.csv`): every field quoted, a row per
//! transaction, date (day first, a UK account) and time in two columns, money with
//! thousands separators; a refunded payment keeps its row with the status `Refunded`
//! and the refund is a row of its own (`Payment Refund`, negative gross, from the
//! merchant to the buyer, the payment's id as its reference). UTF-8 with a byte order
//! mark.

use super::catalogues::ENGLISH;
use super::sheet::{Encoding, Money, RowTruth, Sheet};
use super::shop::{Fate, Names, Plan, Shop, Statuses, cents, token};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 24] = [
    "Date",
    "Time",
    "TimeZone",
    "Name",
    "Type",
    "Status",
    "Currency",
    "Gross",
    "Fee",
    "Net",
    "From Email Address",
    "To Email Address",
    "Transaction ID",
    "Shipping Address",
    "Item Title",
    "Item ID",
    "Shipping and Handling Amount",
    "Sales Tax",
    "Reference Txn ID",
    "Invoice Number",
    "Quantity",
    "Balance",
    "Contact Phone Number",
    "Balance Impact",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "Completed"),
    (Fate::Open, "Pending"),
    (Fate::Refunded, "Refunded"),
    (Fate::Failed, "Denied"),
]);

const MERCHANT: &str = "orders@penandpaper.co.uk";

/// One transaction of the activity.
struct Activity<'a> {
    when: NaiveDateTime,
    name: &'a str,
    kind: &'a str,
    status: &'a str,
    gross: f64,
    from: &'a str,
    to: &'a str,
    id: &'a str,
    title: &'a str,
    item: &'a str,
    shipping: f64,
    reference: &'a str,
    quantity: String,
    phone: &'a str,
}

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 400,
        customers: 150,
        guest_share: 0.0,
        max_lines: 1,
        fates: &[
            (Fate::Completed, 0.84),
            (Fate::Open, 0.04),
            (Fate::Refunded, 0.08),
            (Fate::Failed, 0.04),
        ],
        catalogue: &ENGLISH,
        postage: 2.95,
        free_from: 20.0,
        names: Names::English,
        start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', true, true, &HEADER);
    let mut balance = 1_250.0;
    for order in &shop.orders {
        let Some(customer) = shop.customer(order) else {
            continue;
        };
        let line = &order.lines[0];
        let id = token(rng, 17);
        let mut write = |a: Activity, truth: RowTruth| {
            let money = |v: f64| Money::GROUPED.write(v);
            let fee = if a.status == "Denied" {
                0.0
            } else {
                -cents(a.gross.abs() * 0.029 + 0.30) * a.gross.signum()
            };
            let settled = a.status == "Completed";
            if settled {
                balance = cents(balance + a.gross + fee);
            }
            let row = [
                a.when.format("%d/%m/%Y").to_string(),
                a.when.format("%H:%M:%S").to_string(),
                "Europe/London".to_owned(),
                a.name.to_owned(),
                a.kind.to_owned(),
                a.status.to_owned(),
                "GBP".to_owned(),
                money(a.gross),
                money(fee),
                money(a.gross + fee),
                a.from.to_owned(),
                a.to.to_owned(),
                a.id.to_owned(),
                "12 Mill Lane, Leeds, LS1 4AB, United Kingdom".to_owned(),
                a.title.to_owned(),
                a.item.to_owned(),
                money(a.shipping),
                money(0.0),
                a.reference.to_owned(),
                String::new(),
                a.quantity,
                money(balance),
                a.phone.to_owned(),
                if a.gross < 0.0 { "Debit" } else { "Credit" }.to_owned(),
            ];
            sheet.row(&row, truth);
        };
        let payment = Activity {
            when: order.placed,
            name: &customer.name,
            kind: "Website Payment",
            status: STATUSES.word(order.fate),
            gross: order.total(),
            from: &customer.email,
            to: MERCHANT,
            id: &id,
            title: line.product.name,
            item: line.product.code,
            shipping: order.shipping,
            reference: "",
            quantity: line.quantity.to_string(),
            phone: &customer.phone,
        };
        // The gross is what the buyer paid, postage included: the row's own money.
        write(payment, RowTruth::order(order, order.total()));
        if order.fate == Fate::Refunded {
            let refund_id = token(rng, 17);
            let refund = Activity {
                when: order.placed + Duration::days(5),
                name: &customer.name,
                kind: "Payment Refund",
                status: "Completed",
                gross: -order.total(),
                from: MERCHANT,
                to: &customer.email,
                id: &refund_id,
                title: "",
                item: "",
                shipping: 0.0,
                reference: &id,
                quantity: String::new(),
                phone: "",
            };
            write(refund, RowTruth::returned(order));
        }
    }
    let header = Header {
        platform: Some("PayPal"),
        file_name: "Download.CSV",
        roles: vec![
            (Role::Date, "Date"),
            (Role::Time, "Time"),
            (Role::Status, "Status"),
            (Role::Currency, "Currency"),
            (Role::Amount, "Gross"),
            (Role::Customer, "From Email Address"),
            (Role::Order, "Transaction ID"),
            (Role::Product, "Item Title"),
            (Role::ProductCode, "Item ID"),
            (Role::Quantity, "Quantity"),
            (Role::Phone, "Contact Phone Number"),
        ],
        currency: Some("GBP"),
        statuses: STATUSES.words(),
        pseudo_products: Vec::new(),
    };
    export(header, sheet, Encoding::Utf8Bom)
}
