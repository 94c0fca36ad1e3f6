//! The settings checked once ([`Settings::check`]) into [`Checked`], which the methods
//! take: every refusal is a [`RecommendError`] that says what to set instead.

use super::{RecommendError, Settings};

/// The most items per customer that may be asked for.
pub const MAX_TOP_N: usize = 1000;
/// The most neighbours (items or customers) that may be kept.
pub const MAX_NEIGHBOURS: usize = 10_000;

/// Settings that can be used.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Items per customer, 1 to [`MAX_TOP_N`].
    pub top_n: usize,
    /// Similar items kept per item, at least 1.
    pub item_neighbours: usize,
    /// Similar customers used per customer, at least 1.
    pub user_neighbours: usize,
    /// IDF weighting of the similarities.
    pub idf: bool,
    /// Already bought items may be recommended.
    pub allow_repeats: bool,
    /// The weights of item CF, user CF, segment popularity and rules, summing to 1.
    pub weights: [f64; 4],
    /// How many of each method's best items the blend considers: `max(5 * top_n, 50)`.
    pub candidates: usize,
}

impl Settings {
    /// Checks every setting.
    pub fn check(&self) -> Result<Checked, RecommendError> {
        if self.top_n == 0 || self.top_n > MAX_TOP_N {
            return Err(RecommendError::TopN(self.top_n));
        }
        if self.item_neighbours == 0 || self.item_neighbours > MAX_NEIGHBOURS {
            return Err(RecommendError::ItemNeighbours(self.item_neighbours));
        }
        if self.user_neighbours == 0 || self.user_neighbours > MAX_NEIGHBOURS {
            return Err(RecommendError::UserNeighbours(self.user_neighbours));
        }
        let w = self.weights;
        let named = [
            ("similar items", w.item),
            ("similar customers", w.user),
            ("segment favourites", w.segment),
            ("bought together", w.rules),
        ];
        for (method, weight) in named {
            if !weight.is_finite() || weight < 0.0 {
                return Err(RecommendError::Weight {
                    method: method.to_owned(),
                    weight,
                });
            }
        }
        let total: f64 = named.iter().map(|(_, w)| w).sum();
        if total <= 0.0 || !total.is_finite() {
            return Err(RecommendError::NoWeight);
        }
        Ok(Checked {
            top_n: self.top_n,
            item_neighbours: self.item_neighbours,
            user_neighbours: self.user_neighbours,
            idf: self.idf,
            allow_repeats: self.allow_repeats,
            weights: named.map(|(_, w)| w / total),
            candidates: (5 * self.top_n).max(50),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recommend::Weights;

    fn message(settings: Settings) -> String {
        settings.check().unwrap_err().to_string()
    }

    #[test]
    fn bad_settings_are_refused_with_what_to_set() {
        let s = Settings::default;
        assert_eq!(
            message(Settings { top_n: 0, ..s() }),
            "the number of items per customer must be between 1 and 1000, not 0"
        );
        assert!(
            message(Settings {
                item_neighbours: 0,
                ..s()
            })
            .contains("similar items")
        );
        assert!(
            message(Settings {
                user_neighbours: 0,
                ..s()
            })
            .contains("similar customers")
        );
        let weights = Weights {
            rules: -1.0,
            ..Weights::default()
        };
        assert_eq!(
            message(Settings { weights, ..s() }),
            "the weight of bought together must be a number of 0 or more, not -1"
        );
        let zero = Weights {
            item: 0.0,
            user: 0.0,
            segment: 0.0,
            rules: 0.0,
        };
        assert!(
            message(Settings {
                weights: zero,
                ..s()
            })
            .contains("at least one")
        );
        let nan = Weights {
            item: f64::NAN,
            ..Weights::default()
        };
        assert!(
            message(Settings {
                weights: nan,
                ..s()
            })
            .contains("similar items")
        );
    }

    #[test]
    fn weights_are_normalised() {
        let checked = Settings::default().check().unwrap();
        assert_eq!(
            checked.weights,
            [1.0 / 2.25, 0.5 / 2.25, 0.25 / 2.25, 0.5 / 2.25]
        );
        assert_eq!(checked.candidates, 50);
    }
}
