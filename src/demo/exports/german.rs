//! A German shop's order lines as Excel saves them (`Bestellungen.csv`): semicolons,
//! decimal commas, thousands points and the euro sign in money (`1.234,50 €`), dates
//! `05.03.2024 14:22`, windows-1252, CRLF; a returned order is `Retoure`, a cancelled
//! one `storniert`; guests have no customer number; postage (`Versandkosten`) is a line
//! of its own. No platform's layout: the shop's own.

use super::catalogues::GERMAN;
use super::sheet::{Encoding, Money, RowTruth, Sheet};
use super::shop::{Fate, Names, Plan, Product, Shop, Statuses, p};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 12] = [
    "Bestellnummer",
    "Bestelldatum",
    "Kundennummer",
    "Kunde",
    "E-Mail",
    "Artikelnummer",
    "Artikel",
    "Menge",
    "Einzelpreis",
    "Gesamt",
    "Status",
    "Zahlungsart",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "abgeschlossen"),
    (Fate::Open, "in Bearbeitung"),
    (Fate::Refunded, "Retoure"),
    (Fate::Cancelled, "storniert"),
]);

static SHIPPING: Product = p("Versandkosten", "VERSAND", 4.95, "");

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 300,
        customers: 120,
        guest_share: 0.12,
        max_lines: 3,
        fates: &[
            (Fate::Completed, 0.80),
            (Fate::Open, 0.06),
            (Fate::Refunded, 0.08),
            (Fate::Cancelled, 0.06),
        ],
        catalogue: &GERMAN,
        postage: SHIPPING.price,
        free_from: 50.0,
        names: Names::German,
        start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(';', true, false, &HEADER);
    let money = |v: f64| Money::EUROS.write(v);
    for order in &shop.orders {
        let customer = shop.customer(order);
        let fields = |code: &str, name: &str, quantity: u32, price: f64, total: f64| {
            [
                (20_240_000 + order.number).to_string(),
                order.placed.format("%d.%m.%Y %H:%M").to_string(),
                customer.map_or(String::new(), |c| format!("K{:05}", c.number + 10_000)),
                customer.map_or("Gastbestellung".to_owned(), |c| c.name.clone()),
                customer.map_or(format!("gast{}@web.de", order.number), |c| c.email.clone()),
                code.to_owned(),
                name.to_owned(),
                quantity.to_string(),
                money(price),
                money(total),
                STATUSES.word(order.fate).to_owned(),
                if order.number.is_multiple_of(3) {
                    "PayPal"
                } else {
                    "Überweisung"
                }
                .to_owned(),
            ]
        };
        for (i, line) in order.lines.iter().enumerate() {
            let row = fields(
                line.product.code,
                line.product.name,
                line.quantity,
                line.product.price,
                line.amount(),
            );
            sheet.row(&row, RowTruth::line(order, i));
        }
        if order.shipping > 0.0 {
            let row = fields(
                SHIPPING.code,
                SHIPPING.name,
                1,
                order.shipping,
                order.shipping,
            );
            sheet.row(&row, RowTruth::pseudo(order));
        }
    }
    let header = Header {
        platform: None,
        file_name: "Bestellungen.csv",
        roles: vec![
            (Role::Order, "Bestellnummer"),
            (Role::Date, "Bestelldatum"),
            (Role::Customer, "Kundennummer"),
            (Role::Email, "E-Mail"),
            (Role::ProductCode, "Artikelnummer"),
            (Role::Product, "Artikel"),
            (Role::Quantity, "Menge"),
            (Role::UnitPrice, "Einzelpreis"),
            (Role::Amount, "Gesamt"),
            (Role::Status, "Status"),
        ],
        currency: Some("EUR"),
        statuses: STATUSES.words(),
        pseudo_products: vec![SHIPPING.name],
    };
    export(header, sheet, Encoding::Windows1252)
}
