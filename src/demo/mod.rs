//! The built-in demo dataset: a shop's order history generated from a seed, with the
//! truth about it kept beside it, so that the analyses can be checked against what was
//! planted.
//!
//! Over two years, customers of five kinds ([`Persona`]) buy from 48 products in eight
//! categories, more in November and December. Some products are planted to sell
//! together ([`PLANTED`]). Every customer has one or two favourite categories, from
//! which most of their products come ([`GroundTruth::favourites`]), so that what a
//! customer bought says something about what they buy next. About one line in a hundred is dirty the way real exports
//! are (a missing customer, an impossible date, a duplicated line) and returns appear as
//! negative quantities. Customer attributes and satisfaction scores come as two extra
//! tables.

mod catalogue;
pub mod exports;

use catalogue::{CATALOGUE, Product};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

pub use catalogue::PLANTED;

/// The seed of the demo everyone sees.
pub const SEED: u64 = 20_261_122;

/// What kind of customer someone is; each kind buys differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Persona {
    /// Frequent, recent, big baskets of premium products.
    LoyalBigSpender,
    /// Buys cheap products, mostly in the sales months.
    BargainHunter,
    /// An ordinary steady customer.
    Regular,
    /// Joined in the last three months.
    New,
    /// Bought in the first year and then stopped.
    Lapsed,
}

impl Persona {
    /// Shares of the customer base, in the order of [`Persona::ALL`].
    const SHARES: [f64; 5] = [0.10, 0.25, 0.35, 0.15, 0.15];
    /// Every persona.
    pub const ALL: [Persona; 5] = [
        Persona::LoyalBigSpender,
        Persona::BargainHunter,
        Persona::Regular,
        Persona::New,
        Persona::Lapsed,
    ];

    /// Mean days between orders.
    fn gap_days(self) -> f64 {
        match self {
            Persona::LoyalBigSpender => 18.0,
            Persona::BargainHunter => 45.0,
            Persona::Regular => 60.0,
            Persona::New => 25.0,
            Persona::Lapsed => 50.0,
        }
    }

    /// Lines per order: at least one, up to this many.
    fn max_lines(self) -> u32 {
        match self {
            Persona::LoyalBigSpender => 7,
            Persona::BargainHunter => 3,
            _ => 4,
        }
    }
}

/// How big the demo is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSize {
    /// Customers.
    pub customers: usize,
    /// The first day of the history.
    pub start: NaiveDate,
    /// Days of history.
    pub days: i64,
}

impl Default for DemoSize {
    fn default() -> Self {
        Self {
            customers: 3000,
            start: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default(),
            days: 730,
        }
    }
}

/// What was planted, for the tests of every analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroundTruth {
    /// Each customer id with its persona.
    pub personas: Vec<(String, Persona)>,
    /// Pairs of products planted to sell together (antecedent, consequent).
    pub associations: Vec<(String, String)>,
    /// Each customer's favourite categories (in the order of [`GroundTruth::personas`]).
    pub favourites: Vec<Vec<String>>,
    /// Dirty lines written: without a customer id, with an impossible date, duplicated.
    pub dirty: Dirty,
    /// Clean lines that are returns (negative quantity).
    pub returns: u64,
    /// Order lines written to the transaction log, dirty ones included.
    pub lines: u64,
}

/// Dirty lines, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Dirty {
    /// Lines without a customer id.
    pub missing_customer: u64,
    /// Lines with an impossible date (such as 2023-02-30).
    pub impossible_date: u64,
    /// Clean lines written twice (the loader keeps both and counts one duplicate).
    pub duplicated: u64,
}

/// The demo's files and its ground truth.
#[derive(Debug, Clone)]
pub struct Demo {
    /// The transaction log (CSV).
    pub transactions: String,
    /// Customer attributes (CSV).
    pub customers: String,
    /// Satisfaction scores (CSV).
    pub feedback: String,
    /// What was planted.
    pub truth: GroundTruth,
}

/// Generates the demo from `seed`. The same seed gives the same bytes everywhere.
pub fn generate(seed: u64, size: DemoSize) -> Demo {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let end = size.start + Duration::days(size.days);
    let mut transactions =
        String::from("customer_id,order_id,order_date,product,category,quantity,unit_price\n");
    let mut customers = String::from("customer_id,signup_date,age,gender,region,income\n");
    let mut feedback = String::from("customer_id,date,satisfaction,complaint\n");
    let mut truth = GroundTruth {
        personas: Vec::with_capacity(size.customers),
        associations: PLANTED
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect(),
        favourites: Vec::with_capacity(size.customers),
        dirty: Dirty::default(),
        returns: 0,
        lines: 0,
    };
    // The favourites draw from a generator of their own, so that every other draw (and
    // with it the orders, dates, quantities, dirty lines and attributes) is what it was
    // before favourites were planted.
    let mut taste = ChaCha8Rng::seed_from_u64(seed ^ TASTE_SEED);
    let mut order_number = 100_000u64;
    for index in 0..size.customers {
        let id = format!("C{:05}", index + 1);
        let persona = pick_persona(&mut rng);
        truth.personas.push((id.clone(), persona));
        let favourites = pick_favourites(&mut taste);
        truth
            .favourites
            .push(favourites.iter().map(|c| (*c).to_owned()).collect());
        let (first, last) = active_span(persona, size.start, end, &mut rng);
        write_attributes(&mut customers, &id, persona, first, &mut rng);
        let mut day = first;
        while day < last {
            if rng.random_bool(seasonal_weight(day) / 1.6) {
                order_number += 1;
                let when = day.and_hms_opt(rng.random_range(8..22), rng.random_range(0..60), 0);
                let when = when.unwrap_or_default();
                let order = Order {
                    customer: &id,
                    number: order_number,
                    when,
                    persona,
                    favourites: &favourites,
                };
                write_order(&mut transactions, &order, &mut truth, &mut rng, &mut taste);
                if rng.random_bool(0.15) {
                    write_feedback(&mut feedback, &id, persona, when, &mut rng);
                }
            }
            let gap = persona.gap_days() * (0.5 + rng.random::<f64>());
            day += Duration::days(gap.round().max(1.0) as i64);
        }
    }
    Demo {
        transactions,
        customers,
        feedback,
        truth,
    }
}

fn pick_persona(rng: &mut ChaCha8Rng) -> Persona {
    let mut draw: f64 = rng.random();
    for (persona, share) in Persona::ALL.into_iter().zip(Persona::SHARES) {
        if draw < share {
            return persona;
        }
        draw -= share;
    }
    Persona::Regular
}

/// The days a customer of `persona` is active, within `start..end`.
fn active_span(
    persona: Persona,
    start: NaiveDate,
    end: NaiveDate,
    rng: &mut ChaCha8Rng,
) -> (NaiveDate, NaiveDate) {
    let days = (end - start).num_days();
    match persona {
        Persona::New => (end - Duration::days(rng.random_range(5..90)), end),
        Persona::Lapsed => {
            let first = start + Duration::days(rng.random_range(0..120));
            (
                first,
                start + Duration::days(rng.random_range(200..days / 2)),
            )
        }
        _ => (start + Duration::days(rng.random_range(0..days / 3)), end),
    }
}

/// More orders in November and December, fewer in summer.
fn seasonal_weight(day: NaiveDate) -> f64 {
    use chrono::Datelike;
    match day.month() {
        11 => 1.3,
        12 => 1.6,
        6..=8 => 0.8,
        _ => 1.0,
    }
}

struct Order<'a> {
    customer: &'a str,
    number: u64,
    when: NaiveDateTime,
    persona: Persona,
    favourites: &'a [&'static str],
}

/// Mixed into the seed for the generator of the favourite categories.
const TASTE_SEED: u64 = 0x7461_7374_6573;
/// The chance that a product (not one of the planted pairs) is swapped for one of the
/// customer's favourite categories.
const FAVOURITE_SHARE: f64 = 0.7;

/// One or two distinct categories.
fn pick_favourites(taste: &mut ChaCha8Rng) -> Vec<&'static str> {
    let mut categories: Vec<&'static str> = Vec::new();
    for product in &CATALOGUE {
        if !categories.contains(&product.category) {
            categories.push(product.category);
        }
    }
    let first = categories.swap_remove(taste.random_range(0..categories.len()));
    if taste.random_bool(0.5) {
        vec![first, categories[taste.random_range(0..categories.len())]]
    } else {
        vec![first]
    }
}

/// Whether a product is in one of the planted pairs (which favourites leave alone, so
/// that the pairs sell together as often as planted).
fn planted(name: &str) -> bool {
    PLANTED.iter().any(|(a, b)| *a == name || *b == name)
}

/// Swaps some of an order's products for products of the customer's favourite
/// categories (with the persona's leaning to dear or cheap products), drawing from
/// `taste` only.
fn favour(products: &mut [&'static Product], order: &Order, taste: &mut ChaCha8Rng) {
    for slot in 0..products.len() {
        if planted(products[slot].name) || !taste.random_bool(FAVOURITE_SHARE) {
            continue;
        }
        let category = order.favourites[taste.random_range(0..order.favourites.len())];
        let choices: Vec<&'static Product> = CATALOGUE
            .iter()
            .filter(|p| p.category == category && !planted(p.name))
            .filter(|p| match order.persona {
                Persona::LoyalBigSpender => p.premium,
                Persona::BargainHunter => !p.premium,
                _ => true,
            })
            .collect();
        if choices.is_empty() {
            continue;
        }
        let product = choices[taste.random_range(0..choices.len())];
        if !products.iter().any(|p| p.name == product.name) {
            products[slot] = product;
        }
    }
}

fn pick_product(persona: Persona, rng: &mut ChaCha8Rng) -> &'static Product {
    // Big spenders lean to the dearer half of the catalogue, bargain hunters to the
    // cheaper half.
    loop {
        let product = &CATALOGUE[rng.random_range(0..CATALOGUE.len())];
        let keep = match persona {
            Persona::LoyalBigSpender => product.premium || rng.random_bool(0.3),
            Persona::BargainHunter => !product.premium || rng.random_bool(0.15),
            _ => true,
        };
        if keep {
            return product;
        }
    }
}

fn write_order(
    out: &mut String,
    order: &Order,
    truth: &mut GroundTruth,
    rng: &mut ChaCha8Rng,
    taste: &mut ChaCha8Rng,
) {
    let lines = rng.random_range(1..=order.persona.max_lines());
    let mut products: Vec<&'static Product> = Vec::new();
    for _ in 0..lines {
        let product = pick_product(order.persona, rng);
        if !products.iter().any(|p| p.name == product.name) {
            products.push(product);
        }
    }
    // Planted associations: the consequent joins its antecedent most of the time.
    for (antecedent, consequent) in PLANTED {
        if products.iter().any(|p| p.name == antecedent)
            && !products.iter().any(|p| p.name == consequent)
            && rng.random_bool(0.6)
            && let Some(product) = CATALOGUE.iter().find(|p| p.name == consequent)
        {
            products.push(product);
        }
    }
    favour(&mut products, order, taste);
    for product in products {
        let mut quantity: i64 = if rng.random_bool(0.8) {
            1
        } else {
            rng.random_range(2..5)
        };
        if rng.random_bool(0.01) {
            quantity = -quantity;
        }
        let mut customer = order.customer;
        let mut date = order.when.format("%Y-%m-%d %H:%M:%S").to_string();
        let roll: f64 = rng.random();
        if roll < 0.003 {
            customer = "";
            truth.dirty.missing_customer += 1;
        } else if roll < 0.005 {
            date = format!("{}-02-30 12:00:00", order.when.format("%Y"));
            truth.dirty.impossible_date += 1;
        }
        let line = format!(
            "{customer},O{},{date},{},{},{quantity},{:.2}\n",
            order.number, product.name, product.category, product.price
        );
        out.push_str(&line);
        truth.lines += 1;
        let clean = !customer.is_empty() && !date.contains("-02-30");
        truth.returns += u64::from(clean && quantity < 0);
        if rng.random_bool(0.003) {
            out.push_str(&line);
            truth.lines += 1;
            // A duplicated dirty line is dirty twice, and set aside, not kept twice.
            if customer.is_empty() {
                truth.dirty.missing_customer += 1;
            } else if date.contains("-02-30") {
                truth.dirty.impossible_date += 1;
            } else {
                truth.dirty.duplicated += 1;
            }
            truth.returns += u64::from(clean && quantity < 0);
        }
    }
}

fn write_attributes(
    out: &mut String,
    id: &str,
    persona: Persona,
    first: NaiveDate,
    rng: &mut ChaCha8Rng,
) {
    const REGIONS: [&str; 5] = ["North", "South", "East", "West", "Central"];
    let age = match persona {
        Persona::LoyalBigSpender => rng.random_range(35..70),
        Persona::New => rng.random_range(18..40),
        _ => rng.random_range(18..75),
    };
    let income = match persona {
        Persona::LoyalBigSpender => rng.random_range(60_000..150_000),
        Persona::BargainHunter => rng.random_range(18_000..45_000),
        _ => rng.random_range(25_000..90_000),
    };
    let gender = if rng.random_bool(0.5) { "F" } else { "M" };
    let region = REGIONS[rng.random_range(0..REGIONS.len())];
    let signup = first - Duration::days(rng.random_range(0..30));
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{id},{signup},{age},{gender},{region},{income}");
}

fn write_feedback(
    out: &mut String,
    id: &str,
    persona: Persona,
    when: NaiveDateTime,
    rng: &mut ChaCha8Rng,
) {
    let satisfaction = match persona {
        Persona::LoyalBigSpender => rng.random_range(4..=5),
        Persona::Lapsed => rng.random_range(1..=3),
        _ => rng.random_range(2..=5),
    };
    let complaint = u8::from(satisfaction <= 2 && rng.random_bool(0.5));
    let date = when.date() + Duration::days(rng.random_range(1..10));
    let _ = writeln!(out, "{id},{date},{satisfaction},{complaint}");
}

#[cfg(test)]
mod tests;
