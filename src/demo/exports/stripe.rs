//! Stripe's payments export (`unified_payments.csv`): a row per payment, its
//! description naming what was bought; `Status` Paid, Failed or Refunded, a partial
//! refund as an `Amount Refunded` on a paid payment; one-off payments without a
//! customer object have no customer id or email. Currency codes in lower case.

use super::catalogues::ENGLISH;
use super::sheet::{Encoding, Money, RowTruth, Sheet};
use super::shop::{Fate, Names, Plan, Shop, Statuses, stable_token, token};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::{Duration, NaiveDate};
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 20] = [
    "id",
    "Created (UTC)",
    "Amount",
    "Amount Refunded",
    "Currency",
    "Captured",
    "Converted Amount",
    "Converted Amount Refunded",
    "Converted Currency",
    "Decline Reason",
    "Description",
    "Fee",
    "Refunded date (UTC)",
    "Statement Descriptor",
    "Status",
    "Seller Message",
    "Card ID",
    "Customer ID",
    "Customer Description",
    "Customer Email",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "Paid"),
    (Fate::PartlyRefunded, "Paid"),
    (Fate::Refunded, "Refunded"),
    (Fate::Failed, "Failed"),
]);

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 420,
        customers: 160,
        guest_share: 0.15,
        max_lines: 1,
        fates: &[
            (Fate::Completed, 0.82),
            (Fate::PartlyRefunded, 0.04),
            (Fate::Refunded, 0.06),
            (Fate::Failed, 0.08),
        ],
        catalogue: &ENGLISH,
        postage: 0.0,
        free_from: 0.0,
        names: Names::English,
        start: NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', false, false, &HEADER);
    let money = |v: f64| Money::PLAIN.write(v);
    for order in &shop.orders {
        let customer = shop.customer(order);
        let line = &order.lines[0];
        let amount = order.total();
        let refunded = match order.fate {
            Fate::Refunded | Fate::PartlyRefunded => order.refunded(),
            _ => 0.0,
        };
        let failed = order.fate == Fate::Failed;
        let row = [
            format!("ch_3{}", token(rng, 20)),
            order.placed.format("%Y-%m-%d %H:%M").to_string(),
            money(amount),
            money(refunded),
            "usd".to_owned(),
            (!failed).to_string(),
            money(amount),
            money(refunded),
            "usd".to_owned(),
            if failed { "card_declined" } else { "" }.to_owned(),
            line.product.name.to_owned(),
            if failed {
                String::new()
            } else {
                money(amount * 0.029 + 0.3)
            },
            if refunded > 0.0 {
                (order.placed + Duration::days(6))
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            } else {
                String::new()
            },
            "FIELD&HEARTH".to_owned(),
            STATUSES.word(order.fate).to_owned(),
            if failed {
                "The bank did not return any further details with this decline."
            } else {
                "Payment complete."
            }
            .to_owned(),
            format!("card_1{}", token(rng, 23)),
            customer.map_or(String::new(), |c| {
                format!("cus_{}", stable_token(c.number, 14))
            }),
            customer.map_or(String::new(), |c| c.name.clone()),
            customer.map_or(String::new(), |c| c.email.clone()),
        ];
        // The description names what was bought; the amount is the line's.
        sheet.row(&row, RowTruth::order(order, order.subtotal()));
    }
    let header = Header {
        platform: Some("Stripe"),
        file_name: "unified_payments.csv",
        roles: vec![
            (Role::Order, "id"),
            (Role::Date, "Created (UTC)"),
            (Role::Amount, "Amount"),
            (Role::RefundedAmount, "Amount Refunded"),
            (Role::Currency, "Currency"),
            (Role::Product, "Description"),
            (Role::Status, "Status"),
            (Role::Customer, "Customer ID"),
            (Role::Email, "Customer Email"),
        ],
        currency: Some("USD"),
        statuses: STATUSES.words(),
        pseudo_products: Vec::new(),
    };
    export(header, sheet, Encoding::Utf8)
}
