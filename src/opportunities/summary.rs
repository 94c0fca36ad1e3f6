//! What the page is sent of a search for opportunities: the figures of the strongest
//! opportunities with their sentences and the first contacts of each, the group x item
//! grid of indexes for the heat map (the most bought items only), and the notes; never
//! every customer. Its size is bounded by the settings: at most `top` opportunities of
//! at most `contacts` contacts each, and [`GRID_ITEMS`] items by at most
//! [`crate::opportunities::params::MAX_GROUPS`] groups (or the segmentation's clusters).

use super::gaps::Gap;
use super::groups::GroupSource;
use super::params::Level;
use super::purchases::Period;
use crate::analyses::Headline;
use serde::{Deserialize, Serialize};

/// The most items in the grid (the most bought in the period).
pub const GRID_ITEMS: usize = 30;

/// A group and its size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSize {
    /// Its name.
    pub name: String,
    /// Its customers who bought anything in the period.
    pub customers: u64,
}

/// A customer to contact, as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactRow {
    /// The customer id as written in the file.
    pub customer: String,
    /// How likely they are to buy the item (their recommendation score for it; 0 when
    /// nothing they bought points to it).
    pub score: f64,
    /// Their next best item, if any.
    pub next_best: Option<String>,
}

/// An opportunity, as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    /// The group's name.
    pub group: String,
    /// The item's name.
    pub item: String,
    /// The figures.
    pub gap: Gap,
    /// In a sentence.
    pub words: Headline,
    /// Its first contacts, most likely buyers first.
    pub contacts: Vec<ContactRow>,
}

/// The heat map: each group's index on the most bought items.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Grid {
    /// The items (columns), most bought first.
    pub items: Vec<String>,
    /// By group (rows, as [`OpportunitySummary::groups`]), by item: the index, or
    /// `None` when the cell could not be compared.
    pub index: Vec<Vec<Option<f64>>>,
    /// By group, by item: whether the difference is significant.
    pub significant: Vec<Vec<bool>>,
}

/// What the page is sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpportunitySummary {
    /// Where the groups came from.
    pub groups_from: GroupSource,
    /// The groups, in their order.
    pub groups: Vec<GroupSize>,
    /// Categories or products (after falling back when the log lacks a column).
    pub level: Level,
    /// Look-alikes per member, or `None` when the peers are everyone else.
    pub look_alikes: Option<usize>,
    /// The period compared.
    pub period: Period,
    /// Customers who bought anything in the period.
    pub customers: u64,
    /// Items bought in the period.
    pub items: u64,
    /// Group x item cells tested.
    pub tested: u64,
    /// Gaps significant at `alpha`.
    pub significant: u64,
    /// Gaps listed (significant ones, or all with "show all").
    pub listed: u64,
    /// The level of significance (false discovery rate).
    pub alpha: f64,
    /// Whether revenue is money (else expected buyers).
    pub money: bool,
    /// The strongest opportunities, strongest first.
    pub opportunities: Vec<Opportunity>,
    /// The heat map.
    pub grid: Grid,
    /// Things the user should know, in plain words.
    pub notes: Vec<String>,
}
