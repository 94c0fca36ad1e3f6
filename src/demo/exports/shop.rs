//! The shop behind every export: customers, a catalogue, and orders with their fate
//! (completed, open, partly or wholly refunded, cancelled, failed, unpaid), drawn once
//! from a seeded generator. The layouts only write it down.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A product of a catalogue.
pub(crate) struct Product {
    /// As the shop names it.
    pub name: &'static str,
    /// The shop's code (SKU, article number).
    pub code: &'static str,
    /// The unit price, in the shop's currency.
    pub price: f64,
    /// Its category.
    pub category: &'static str,
}

/// A catalogue entry.
pub(crate) const fn p(
    name: &'static str,
    code: &'static str,
    price: f64,
    category: &'static str,
) -> Product {
    Product {
        name,
        code,
        price,
        category,
    }
}

/// What became of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fate {
    /// Paid and finished.
    Completed,
    /// Paid and not finished yet (processing, shipped).
    Open,
    /// Paid, then one unit of its first line refunded.
    PartlyRefunded,
    /// Refunded in full.
    Refunded,
    /// Cancelled or voided.
    Cancelled,
    /// The payment failed.
    Failed,
    /// Never paid.
    Unpaid,
}

impl Fate {
    /// Whether the order's lines are purchases.
    pub fn counted(self) -> bool {
        matches!(self, Fate::Completed | Fate::Open | Fate::PartlyRefunded)
    }
}

/// How customers' names are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Names {
    /// English names.
    English,
    /// Chinese names.
    Chinese,
    /// German names.
    German,
}

/// A customer.
pub(crate) struct Customer {
    /// 1, 2, 3... in order of creation.
    pub number: u32,
    /// The full name.
    pub name: String,
    /// The account name or handle (lower case, no spaces).
    pub handle: String,
    /// The email address.
    pub email: String,
    /// A mobile number (11 digits for Chinese names).
    pub phone: String,
}

/// One line of an order.
pub(crate) struct Line {
    /// What.
    pub product: &'static Product,
    /// How many.
    pub quantity: u32,
    /// How many of them were refunded (partial refunds).
    pub refunded: u32,
}

impl Line {
    /// Quantity times unit price, in cents rounded.
    pub fn amount(&self) -> f64 {
        cents(self.product.price * f64::from(self.quantity))
    }

    /// The money refunded on this line.
    pub fn refunded_amount(&self) -> f64 {
        cents(self.product.price * f64::from(self.refunded))
    }
}

/// An order.
pub(crate) struct Order {
    /// 1, 2, 3... in order of time.
    pub number: u32,
    /// The customer, `None` for a guest or walk-in.
    pub customer: Option<usize>,
    /// When it was placed.
    pub placed: NaiveDateTime,
    /// Its lines, at least one, each a different product.
    pub lines: Vec<Line>,
    /// What became of it.
    pub fate: Fate,
    /// The postage charged (0 for free shipping).
    pub shipping: f64,
}

impl Order {
    /// The sum of the line amounts.
    pub fn subtotal(&self) -> f64 {
        cents(self.lines.iter().map(Line::amount).sum())
    }

    /// The money refunded on a partly refunded order; the whole of it on a refunded one.
    pub fn refunded(&self) -> f64 {
        match self.fate {
            Fate::Refunded => cents(self.subtotal() + self.shipping),
            _ => cents(self.lines.iter().map(Line::refunded_amount).sum()),
        }
    }

    /// Subtotal plus postage.
    pub fn total(&self) -> f64 {
        cents(self.subtotal() + self.shipping)
    }

    /// Whether a guest or walk-in placed it.
    pub fn guest(&self) -> bool {
        self.customer.is_none()
    }

    /// A completed order of one line for the same customer, placed an hour after this one
    /// (a postage top-up, a manual charge).
    pub fn follow_up(&self, number: u32, product: &'static Product, quantity: u32) -> Order {
        Order {
            number,
            customer: self.customer,
            placed: self.placed + Duration::hours(1),
            lines: vec![Line {
                product,
                quantity,
                refunded: 0,
            }],
            fate: Fate::Completed,
            shipping: 0.0,
        }
    }

    /// When it was paid, a few minutes after it was placed (`None` if never).
    pub fn paid(&self) -> Option<NaiveDateTime> {
        match self.fate {
            Fate::Unpaid | Fate::Failed => None,
            _ => Some(self.placed + Duration::minutes(i64::from(2 + self.number % 17))),
        }
    }
}

/// How a shop's orders are drawn.
pub(crate) struct Plan {
    /// Orders.
    pub orders: usize,
    /// Registered customers.
    pub customers: usize,
    /// The share of orders placed by guests or walk-ins.
    pub guest_share: f64,
    /// Lines per order: one up to this many.
    pub max_lines: usize,
    /// Each fate with its weight.
    pub fates: &'static [(Fate, f64)],
    /// What the shop sells.
    pub catalogue: &'static [Product],
    /// The postage on orders below [`Plan::free_from`] (0: always free).
    pub postage: f64,
    /// Orders of this subtotal or more ship free.
    pub free_from: f64,
    /// How names are written.
    pub names: Names,
    /// The first day of the history (a year long).
    pub start: NaiveDate,
}

/// The shop: its customers and orders.
pub(crate) struct Shop {
    /// Registered customers (index = `number - 1`).
    pub customers: Vec<Customer>,
    /// Orders, oldest first.
    pub orders: Vec<Order>,
}

impl Shop {
    /// The customer of an order.
    pub fn customer(&self, order: &Order) -> Option<&Customer> {
        order.customer.and_then(|c| self.customers.get(c))
    }

    /// Draws a shop from `plan`.
    pub fn open(plan: &Plan, rng: &mut ChaCha8Rng) -> Shop {
        let customers = (0..plan.customers)
            .map(|i| customer(i as u32 + 1, plan.names, rng))
            .collect();
        let mut times: Vec<NaiveDateTime> = (0..plan.orders)
            .map(|_| {
                let day = plan.start + Duration::days(rng.random_range(0..365));
                let seconds = rng.random_range(8 * 3600..23 * 3600);
                day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::seconds(seconds)
            })
            .collect();
        times.sort();
        let orders = times
            .into_iter()
            .enumerate()
            .map(|(i, placed)| order(plan, i as u32 + 1, placed, rng))
            .collect();
        Shop { customers, orders }
    }
}

fn order(plan: &Plan, number: u32, placed: NaiveDateTime, rng: &mut ChaCha8Rng) -> Order {
    // Squaring the draw makes the first customers the regulars.
    let customer = if rng.random_bool(plan.guest_share) {
        None
    } else {
        let draw: f64 = rng.random();
        Some(((draw * draw) * plan.customers as f64) as usize % plan.customers.max(1))
    };
    let wanted = rng.random_range(1..=plan.max_lines);
    let mut lines: Vec<Line> = Vec::with_capacity(wanted);
    while lines.len() < wanted {
        let product = &plan.catalogue[rng.random_range(0..plan.catalogue.len())];
        if lines.iter().any(|l| l.product.name == product.name) {
            continue;
        }
        let quantity = if rng.random_bool(0.75) {
            1
        } else {
            rng.random_range(2..=4)
        };
        lines.push(Line {
            product,
            quantity,
            refunded: 0,
        });
    }
    let fate = pick_fate(plan.fates, rng);
    if fate == Fate::PartlyRefunded {
        let first = &mut lines[0];
        first.quantity = first.quantity.max(2);
        first.refunded = 1;
    }
    let subtotal: f64 = lines.iter().map(Line::amount).sum();
    let shipping = if plan.postage > 0.0 && subtotal < plan.free_from {
        plan.postage
    } else {
        0.0
    };
    Order {
        number,
        customer,
        placed,
        lines,
        fate,
        shipping,
    }
}

fn pick_fate(fates: &[(Fate, f64)], rng: &mut ChaCha8Rng) -> Fate {
    let total: f64 = fates.iter().map(|(_, w)| w).sum();
    let mut draw = rng.random::<f64>() * total;
    for &(fate, weight) in fates {
        if draw < weight {
            return fate;
        }
        draw -= weight;
    }
    Fate::Completed
}

const GIVEN: [&str; 16] = [
    "Olivia", "James", "Amelia", "Noah", "Isla", "Liam", "Ava", "Oliver", "Mia", "Lucas", "Grace",
    "Ethan", "Chloe", "Jacob", "Emily", "Daniel",
];
const FAMILY: [&str; 12] = [
    "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Clarke", "Wright", "Hughes",
    "Patel", "Nguyen",
];
const VORNAMEN: [&str; 10] = [
    "Jürgen", "Anna", "Lukas", "Müge", "Sören", "Lea", "Björn", "Käthe", "Felix", "Jörg",
];
const NACHNAMEN: [&str; 10] = [
    "Müller", "Schmidt", "Schäfer", "Weiß", "Böhm", "Krüger", "Hoffmann", "Groß", "Köhler",
    "Wagner",
];
const XING: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
];
const MING: [&str; 12] = [
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "洋", "艳", "军",
];
const PINYIN: [&str; 12] = [
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
];

fn customer(number: u32, names: Names, rng: &mut ChaCha8Rng) -> Customer {
    let pick = |list: &[&'static str], rng: &mut ChaCha8Rng| list[rng.random_range(0..list.len())];
    let (name, handle) = match names {
        Names::English | Names::German => {
            let (given, family) = if names == Names::German {
                (pick(&VORNAMEN, rng), pick(&NACHNAMEN, rng))
            } else {
                (pick(&GIVEN, rng), pick(&FAMILY, rng))
            };
            let handle = format!("{}.{}{number}", ascii(given), ascii(family));
            (format!("{given} {family}"), handle)
        }
        Names::Chinese => {
            let family = rng.random_range(0..XING.len());
            let name = format!("{}{}", XING[family], pick(&MING, rng));
            (
                name,
                format!("{}_{}{number}", PINYIN[family], rng.random_range(10..99)),
            )
        }
    };
    let domain = match names {
        Names::English => pick(
            &["gmail.com", "outlook.com", "icloud.com", "yahoo.com"],
            rng,
        ),
        Names::Chinese => pick(&["qq.com", "163.com", "126.com", "sina.com"], rng),
        Names::German => pick(&["web.de", "gmx.de", "t-online.de", "gmail.com"], rng),
    };
    let phone = match names {
        Names::Chinese => format!(
            "1{}{:08}",
            pick(&["38", "39", "58", "86"], rng),
            (number * 7919) % 100_000_000
        ),
        Names::German => format!("+49 151 {:08}", number * 7919),
        Names::English => format!("+1 415 555 {:04}", number % 10_000),
    };
    Customer {
        number,
        name,
        email: format!("{handle}@{domain}"),
        handle,
        phone,
    }
}

/// The name in ASCII lower case, for handles and emails.
fn ascii(name: &str) -> String {
    name.to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
}

/// Rounded to cents.
pub(crate) fn cents(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// How a platform words each fate in its status column.
pub(crate) struct Statuses(pub &'static [(Fate, &'static str)]);

impl Statuses {
    /// The word for `fate` (empty if the platform has none).
    pub fn word(&self, fate: Fate) -> &'static str {
        self.0
            .iter()
            .find(|(f, _)| *f == fate)
            .map_or("", |(_, word)| word)
    }

    /// Every word, once each.
    pub fn words(&self) -> Vec<&'static str> {
        let mut words: Vec<&'static str> = Vec::new();
        for (_, word) in self.0 {
            if !words.contains(word) {
                words.push(word);
            }
        }
        words
    }
}

/// `len` random upper-case letters and digits (payment ids, tokens).
pub(crate) fn token(rng: &mut ChaCha8Rng, len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    (0..len)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// The same token for the same number every time (customer ids).
pub(crate) fn stable_token(number: u32, len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    let mut state = u64::from(number).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(ALPHABET[(state % ALPHABET.len() as u64) as usize])
        })
        .collect()
}
