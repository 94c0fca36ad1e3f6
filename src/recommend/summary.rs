//! What the Recommendations page is sent: the evaluation and totals, and one customer at
//! a time. The per-customer lists stay in the worker.

use serde::{Deserialize, Serialize};

/// A way of recommending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The weighted blend of the four methods below.
    Blend,
    /// Item-based collaborative filtering (cosine).
    ItemCf,
    /// User-based collaborative filtering (k nearest customers).
    UserCf,
    /// What is popular in the customer's segment.
    Segment,
    /// Association rules.
    Rules,
    /// The baseline: the most popular items overall.
    Popularity,
}

impl Method {
    /// Every method, the blend first and the baseline last.
    pub const ALL: [Method; 6] = [
        Method::Blend,
        Method::ItemCf,
        Method::UserCf,
        Method::Segment,
        Method::Rules,
        Method::Popularity,
    ];

    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Method::Blend => "Blend",
            Method::ItemCf => "Similar items",
            Method::UserCf => "Similar customers",
            Method::Segment => "Segment favourites",
            Method::Rules => "Bought together",
            Method::Popularity => "Most popular (baseline)",
        }
    }
}

/// How well a method predicted the held-out orders.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MethodScore {
    /// The method.
    pub method: Method,
    /// Mean share of the top k that the customer bought in the held-out order.
    pub precision: f64,
    /// Mean share of the held-out order's (new) items found in the top k.
    pub recall: f64,
    /// Share of customers with at least one held-out item in the top k.
    pub hit_rate: f64,
    /// Mean normalised discounted cumulative gain at k.
    pub ndcg: f64,
    /// Share of the catalogue recommended to at least one customer.
    pub coverage: f64,
}

/// The offline evaluation: each customer's last order held out, recommendations made
/// from the rest.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Evaluation {
    /// The k of the measures.
    pub k: usize,
    /// Customers evaluated (at least two orders, and something to predict).
    pub customers: usize,
    /// Customers left out (one order only, or nothing new in the last order).
    pub skipped: usize,
    /// One row per method, in [`Method::ALL`] order.
    pub scores: Vec<MethodScore>,
}

/// An item with how many customers bought it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemCount {
    /// The item.
    pub name: String,
    /// Customers who bought it.
    pub customers: u32,
}

/// What the page shows of the recommendations.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RecommendSummary {
    /// Customers.
    pub customers: usize,
    /// Items in the catalogue (bought at least once).
    pub items: usize,
    /// Distinct customer-item purchases.
    pub purchases: usize,
    /// Customers with nothing personal to go on, given popular items (labelled so).
    pub cold_start: usize,
    /// Items per customer.
    pub top_n: usize,
    /// Where the segments came from ("the latest segmentation", "RFM segments").
    pub segments_from: String,
    /// The offline evaluation, when some customer has two orders.
    pub evaluation: Option<Evaluation>,
    /// The most popular items.
    pub popular: Vec<ItemCount>,
    /// Things the user should know, in plain words.
    pub notes: Vec<String>,
}

/// Why an item is recommended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reason {
    /// Similar to something the customer bought.
    BecauseYouBought {
        /// That item.
        item: String,
    },
    /// Bought by customers who buy like this one.
    SimilarCustomers {
        /// How many of the nearest customers bought it.
        customers: usize,
    },
    /// Popular in the customer's segment.
    PopularInSegment {
        /// The segment.
        segment: String,
    },
    /// A rule: often bought with something the customer bought.
    OftenBoughtWith {
        /// That item.
        item: String,
    },
    /// Cold start: popular overall.
    Popular,
    /// Popular overall, completing a personal list that came out short.
    PopularFiller,
}

impl Reason {
    /// The reason in a few words.
    pub fn text(&self) -> String {
        match self {
            Reason::BecauseYouBought { item } => format!("because you bought {item}"),
            Reason::SimilarCustomers { customers: 1 } => {
                "bought by a customer who buys like you".to_owned()
            }
            Reason::SimilarCustomers { customers } => {
                format!("bought by {customers} customers who buy like you")
            }
            Reason::PopularInSegment { segment } => format!("popular in your segment ({segment})"),
            Reason::OftenBoughtWith { item } => format!("often bought with {item}"),
            Reason::Popular => {
                "popular with all customers (nothing personal to go on yet)".to_owned()
            }
            Reason::PopularFiller => "popular with all customers".to_owned(),
        }
    }
}

/// One recommended item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommended {
    /// The item.
    pub item: String,
    /// The blended score (higher first).
    pub score: f64,
    /// Why, the strongest reason first.
    pub reasons: Vec<Reason>,
}

/// A line of a customer's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryLine {
    /// Seconds since 1970-01-01.
    pub date: i64,
    /// The product (or category when there is no product column).
    pub item: String,
    /// Quantity.
    pub quantity: f64,
    /// Money.
    pub amount: f64,
    /// A return or cancellation.
    pub returned: bool,
}

/// One customer, for the customer view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerView {
    /// The customer id.
    pub id: String,
    /// The customer's segment.
    pub segment: Option<String>,
    /// Orders.
    pub orders: usize,
    /// Lines in the history (all of them; `history` holds the latest).
    pub history_lines: usize,
    /// The latest lines, newest first (at most 200).
    pub history: Vec<HistoryLine>,
    /// Whether the customer got the popular fallback.
    pub cold_start: bool,
    /// The blended recommendations, best first.
    pub items: Vec<Recommended>,
}

/// The answer to a customer search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerLookup {
    /// What was searched.
    pub query: String,
    /// Up to 20 customer ids containing the query.
    pub matches: Vec<String>,
    /// The customer, when the query is an id or matches one customer only.
    pub view: Option<CustomerView>,
}
