//! The settings as the page and the CLI write them ([`Settings`]), checked once
//! ([`Settings::check`]) into [`Checked`]; every refusal is an [`OpportunityError`] that
//! says what to set instead.

use crate::control::Interrupted;
use serde::{Deserialize, Serialize};

/// The most opportunities the summary carries.
pub const MAX_TOP: usize = 500;
/// The most contacts previewed per opportunity in the summary.
pub const MAX_CONTACTS: usize = 1000;
/// The most look-alike customers per group member.
pub const MAX_NEIGHBOURS: usize = 500;
/// The most days a period may span (a hundred years).
pub const MAX_PERIOD_DAYS: u32 = 36_500;
/// The most groups compared: an attribute column with more values is refused.
pub const MAX_GROUPS: usize = 60;

/// Which customers make a group.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupBy {
    /// The latest segmentation's segments (the RFM segments, with a note, when there is
    /// none yet).
    #[default]
    Segments,
    /// The RFM named segments (Champions, Loyal, At risk...).
    Rfm,
    /// The values of a column of an extra table joined on the customer (region, gender,
    /// membership level...): a customer's value is the first one written for them.
    Attribute {
        /// The extra table's name (its file name).
        table: String,
        /// The column's header.
        column: String,
    },
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Categories (products when the log has no category column).
    #[default]
    Category,
    /// Products (categories when the log has no product column).
    Product,
}

impl Level {
    /// The word for one item of this level.
    pub fn noun(self) -> &'static str {
        match self {
            Level::Category => "category",
            Level::Product => "product",
        }
    }
}

/// Whom a group is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Benchmark {
    /// Every customer outside the group.
    #[default]
    Everyone,
    /// The customers outside the group who are among the `neighbours` most similar
    /// customers (purchase profile, cosine) of at least one of its members.
    LookAlikes {
        /// Similar customers found per member.
        neighbours: usize,
    },
}

/// What the user chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The groups compared.
    pub groups: GroupBy,
    /// Categories or products.
    pub level: Level,
    /// Whom each group is compared with.
    pub benchmark: Benchmark,
    /// The period: the last this many days of the log; `None` for the whole log.
    pub period_days: Option<u32>,
    /// The false discovery rate below which a gap counts as significant (the p-values
    /// adjusted by Benjamini-Hochberg over every group and item compared).
    pub alpha: f64,
    /// List the gaps that are not significant too.
    pub show_all: bool,
    /// Opportunities in the summary, strongest first.
    pub top: usize,
    /// Contacts previewed per opportunity in the summary (the export has them all).
    pub contacts: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            groups: GroupBy::default(),
            level: Level::default(),
            benchmark: Benchmark::default(),
            period_days: Some(365),
            alpha: 0.05,
            show_all: false,
            top: 50,
            contacts: 20,
        }
    }
}

/// Settings that can be used.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The groups compared.
    pub groups: GroupBy,
    /// Categories or products.
    pub level: Level,
    /// Look-alikes per member, or `None` for everyone outside the group.
    pub neighbours: Option<usize>,
    /// The period in days, 1 to [`MAX_PERIOD_DAYS`], or the whole log.
    pub period_days: Option<u32>,
    /// Strictly between 0 and 1.
    pub alpha: f64,
    /// List the gaps that are not significant too.
    pub show_all: bool,
    /// 1 to [`MAX_TOP`].
    pub top: usize,
    /// 0 to [`MAX_CONTACTS`].
    pub contacts: usize,
}

impl Settings {
    /// Checks every setting.
    pub fn check(&self) -> Result<Checked, OpportunityError> {
        if !(self.alpha > 0.0 && self.alpha < 1.0) {
            return Err(OpportunityError::Alpha(self.alpha));
        }
        if self.top == 0 || self.top > MAX_TOP {
            return Err(OpportunityError::Top(self.top));
        }
        if self.contacts > MAX_CONTACTS {
            return Err(OpportunityError::Contacts(self.contacts));
        }
        if let Some(days) = self.period_days
            && (days == 0 || days > MAX_PERIOD_DAYS)
        {
            return Err(OpportunityError::Period(days));
        }
        let neighbours = match self.benchmark {
            Benchmark::Everyone => None,
            Benchmark::LookAlikes { neighbours } => {
                if neighbours == 0 || neighbours > MAX_NEIGHBOURS {
                    return Err(OpportunityError::Neighbours(neighbours));
                }
                Some(neighbours)
            }
        };
        if let GroupBy::Attribute { table, column } = &self.groups
            && (table.trim().is_empty() || column.trim().is_empty())
        {
            return Err(OpportunityError::NoAttribute);
        }
        Ok(Checked {
            groups: self.groups.clone(),
            level: self.level,
            neighbours,
            period_days: self.period_days,
            alpha: self.alpha,
            show_all: self.show_all,
            top: self.top,
            contacts: self.contacts,
        })
    }
}

/// Why opportunities could not be found. Messages are for the user.
#[derive(Debug, thiserror::Error)]
pub enum OpportunityError {
    /// The computation was cancelled or superseded.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    /// The significance level is out of range.
    #[error("the significance level must be between 0 and 1 (such as 0.05), not {0}")]
    Alpha(f64),
    /// Too many or no opportunities asked for.
    #[error("the number of opportunities shown must be between 1 and {MAX_TOP}, not {0}")]
    Top(usize),
    /// Too many contacts asked for.
    #[error("the contacts shown per opportunity must be at most {MAX_CONTACTS}, not {0}")]
    Contacts(usize),
    /// The period is out of range.
    #[error("the period must be between 1 and {MAX_PERIOD_DAYS} days (or the whole log), not {0}")]
    Period(u32),
    /// Look-alikes out of range.
    #[error("the similar customers per member must be between 1 and {MAX_NEIGHBOURS}, not {0}")]
    Neighbours(usize),
    /// An attribute grouping without a table or column.
    #[error("choose the extra table and the column whose values make the groups")]
    NoAttribute,
    /// The log has neither products nor categories.
    #[error(
        "the log has no product or category column, so there is nothing whose purchase to compare"
    )]
    NoItems,
    /// No purchase in the period.
    #[error("no customer bought anything in the period; choose a longer period")]
    NoPurchases,
    /// The extra table named is not loaded.
    #[error("there is no extra table named {name:?} (loaded: {known})")]
    NoTable {
        /// The name asked for.
        name: String,
        /// The tables loaded.
        known: String,
    },
    /// The column named is not in the table.
    #[error("{table} has no column {column:?} (its columns: {known})")]
    NoColumn {
        /// The table.
        table: String,
        /// The column asked for.
        column: String,
        /// Its columns.
        known: String,
    },
    /// The column has too many values to make groups of.
    #[error(
        "{column} in {table} has {values} different values; groups need a column with at most \
         {MAX_GROUPS} (such as a region or an age band)"
    )]
    TooManyValues {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// Its distinct values among the customers.
        values: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(settings: Settings) -> String {
        settings.check().unwrap_err().to_string()
    }

    #[test]
    fn refusals_say_what_to_set() {
        let alpha = message(Settings {
            alpha: 1.5,
            ..Settings::default()
        });
        assert!(alpha.contains("between 0 and 1"), "{alpha}");
        let top = message(Settings {
            top: 0,
            ..Settings::default()
        });
        assert!(top.contains("between 1 and 500"), "{top}");
        let period = message(Settings {
            period_days: Some(0),
            ..Settings::default()
        });
        assert!(period.contains("between 1 and 36500 days"), "{period}");
        let neighbours = message(Settings {
            benchmark: Benchmark::LookAlikes { neighbours: 0 },
            ..Settings::default()
        });
        assert!(neighbours.contains("similar customers"), "{neighbours}");
        let attribute = message(Settings {
            groups: GroupBy::Attribute {
                table: "customers.csv".into(),
                column: " ".into(),
            },
            ..Settings::default()
        });
        assert!(attribute.contains("choose the extra table"), "{attribute}");
        assert!(Settings::default().check().is_ok());
    }

    #[test]
    fn settings_read_back_from_json_with_defaults() {
        let settings = Settings {
            groups: GroupBy::Attribute {
                table: "customers.csv".into(),
                column: "region".into(),
            },
            benchmark: Benchmark::LookAlikes { neighbours: 20 },
            ..Settings::default()
        };
        let text = serde_json::to_string(&settings).unwrap();
        assert!(text.contains("\"attribute\""), "{text}");
        let back: Settings = serde_json::from_str(&text).unwrap();
        assert_eq!(back, settings);
        let partial: Settings = serde_json::from_str("{\"level\":\"product\"}").unwrap();
        assert_eq!(partial.level, Level::Product);
        assert_eq!(partial.period_days, Some(365));
    }
}
