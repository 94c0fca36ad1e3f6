//! RFM scoring and the named segments CRM tools use.
//!
//! **Scores.** Recency, frequency and monetary value each get a quantile score from 1
//! to 5: a customer's score is `1 + floor(5 * w / n)`, where `w` is the number of
//! customers strictly worse on that measure (longer ago for recency, fewer orders or
//! less money for the others) and `n` the number of customers. Customers with equal
//! values get equal scores (a rank-based qcut that keeps ties together), so with many
//! one-order customers every one of them has the same F score.
//!
//! **Segments.** As in common CRM practice, the segment is read from a 5 x 5 grid of the
//! R score and the combined FM score, `FM = round((F + M) / 2)` (halves rounded up):
//!
//! | R \ FM | 1 | 2 | 3 | 4 | 5 |
//! | --- | --- | --- | --- | --- | --- |
//! | **5** | New | Potential loyalists | Potential loyalists | Champions | Champions |
//! | **4** | Promising | Potential loyalists | Potential loyalists | Loyal | Loyal |
//! | **3** | About to sleep | About to sleep | Need attention | Loyal | Loyal |
//! | **2** | Hibernating | Hibernating | At risk | At risk | Can't lose them |
//! | **1** | Lost | Hibernating | At risk | At risk | Can't lose them |
//!
//! This is the widely used R x FM segment map (as in the RFM analyses of many CRM and
//! marketing tools), with its bottom-left corner (R = 1, FM = 1) named Lost.

use super::features::CustomerFeatures;
use super::params::SegmentError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A named RFM segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RfmSegment {
    /// Bought recently, buy often and spend the most.
    Champions,
    /// Buy often and spend well; responsive to promotions.
    Loyal,
    /// Recent customers with average frequency and spend.
    PotentialLoyalists,
    /// Bought most recently, but not often.
    New,
    /// Recent shoppers who have not spent much.
    Promising,
    /// Above average recency, frequency and spend, but not lately.
    NeedAttention,
    /// Below average recency and frequency; will be lost without a nudge.
    AboutToSleep,
    /// Spent well and often, but long ago.
    AtRisk,
    /// Made the biggest and most frequent purchases, long ago.
    CantLoseThem,
    /// Last purchase long ago, few orders, low spend.
    Hibernating,
    /// The lowest recency, frequency and spend.
    Lost,
}

impl RfmSegment {
    /// Every segment, best first.
    pub const ALL: [RfmSegment; 11] = [
        RfmSegment::Champions,
        RfmSegment::Loyal,
        RfmSegment::PotentialLoyalists,
        RfmSegment::New,
        RfmSegment::Promising,
        RfmSegment::NeedAttention,
        RfmSegment::AboutToSleep,
        RfmSegment::AtRisk,
        RfmSegment::CantLoseThem,
        RfmSegment::Hibernating,
        RfmSegment::Lost,
    ];

    /// The segment of an R score and an FM score (1 to 5 each).
    pub fn of(r: u8, fm: u8) -> RfmSegment {
        use RfmSegment::*;
        match r {
            5.. => match fm {
                4.. => Champions,
                2..=3 => PotentialLoyalists,
                _ => New,
            },
            4 => match fm {
                4.. => Loyal,
                2..=3 => PotentialLoyalists,
                _ => Promising,
            },
            3 => match fm {
                4.. => Loyal,
                3 => NeedAttention,
                _ => AboutToSleep,
            },
            2 => match fm {
                5.. => CantLoseThem,
                3..=4 => AtRisk,
                _ => Hibernating,
            },
            _ => match fm {
                5.. => CantLoseThem,
                3..=4 => AtRisk,
                2 => Hibernating,
                _ => Lost,
            },
        }
    }

    /// The name shown to people.
    pub fn name(self) -> &'static str {
        match self {
            RfmSegment::Champions => "Champions",
            RfmSegment::Loyal => "Loyal",
            RfmSegment::PotentialLoyalists => "Potential loyalists",
            RfmSegment::New => "New",
            RfmSegment::Promising => "Promising",
            RfmSegment::NeedAttention => "Need attention",
            RfmSegment::AboutToSleep => "About to sleep",
            RfmSegment::AtRisk => "At risk",
            RfmSegment::CantLoseThem => "Can't lose them",
            RfmSegment::Hibernating => "Hibernating",
            RfmSegment::Lost => "Lost",
        }
    }
}

impl fmt::Display for RfmSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One cell of the R x FM grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridCell {
    /// R score.
    pub r: u8,
    /// FM score.
    pub fm: u8,
    /// The cell's segment.
    pub segment: RfmSegment,
    /// Customers in the cell.
    pub customers: u64,
    /// Their spending.
    pub revenue: f64,
}

/// One named segment's totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentTotals {
    /// The segment.
    pub segment: RfmSegment,
    /// Customers.
    pub customers: u64,
    /// Share of all customers.
    pub share: f64,
    /// Their spending.
    pub revenue: f64,
    /// Share of all spending.
    pub revenue_share: f64,
    /// Mean recency (days).
    pub mean_recency: f64,
    /// Mean frequency (orders).
    pub mean_frequency: f64,
    /// Mean spending.
    pub mean_monetary: f64,
}

/// RFM scores, segments and their totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rfm {
    /// Each customer's R, F and M scores (rows as in [`CustomerFeatures`]).
    pub scores: Vec<[u8; 3]>,
    /// Each customer's segment.
    pub segments: Vec<RfmSegment>,
    /// The 25 cells, R from 5 down to 1, FM from 1 up to 5.
    pub grid: Vec<GridCell>,
    /// The segments with at least one customer, in [`RfmSegment::ALL`] order.
    pub totals: Vec<SegmentTotals>,
}

impl Rfm {
    /// The FM score of a customer's scores.
    pub fn fm(scores: [u8; 3]) -> u8 {
        (scores[1] + scores[2]).div_ceil(2)
    }
}

/// Quantile scores 1..=5: `1 + floor(5 * worse / n)`, ties sharing a score.
/// `higher_is_better` says which way is worse.
pub fn quantile_scores(values: &[f64], higher_is_better: bool) -> Vec<u8> {
    let n = values.len();
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    values
        .iter()
        .map(|v| {
            let worse = if higher_is_better {
                sorted.partition_point(|x| x < v)
            } else {
                n - sorted.partition_point(|x| x <= v)
            };
            (1 + 5 * worse / n.max(1)).min(5) as u8
        })
        .collect()
}

/// Scores every customer and totals the segments.
pub fn score(features: &CustomerFeatures) -> Result<Rfm, SegmentError> {
    let column = |key: &str| {
        features
            .index(key)
            .map(|c| features.values.column(c))
            .ok_or_else(|| SegmentError::UnknownFeature {
                key: key.to_owned(),
                known: "recency, frequency, monetary".to_owned(),
            })
    };
    let (recency, frequency, monetary) = (
        column("recency")?,
        column("frequency")?,
        column("monetary")?,
    );
    let n = recency.len();
    if n == 0 {
        return Err(SegmentError::NoCustomers);
    }
    let r = quantile_scores(&recency, false);
    let f = quantile_scores(&frequency, true);
    let m = quantile_scores(&monetary, true);
    let scores: Vec<[u8; 3]> = (0..n).map(|i| [r[i], f[i], m[i]]).collect();
    let segments: Vec<RfmSegment> = scores
        .iter()
        .map(|s| RfmSegment::of(s[0], Rfm::fm(*s)))
        .collect();
    let mut grid = Vec::with_capacity(25);
    for r in (1..=5).rev() {
        for fm in 1..=5 {
            grid.push(GridCell {
                r,
                fm,
                segment: RfmSegment::of(r, fm),
                customers: 0,
                revenue: 0.0,
            });
        }
    }
    for (s, &money) in scores.iter().zip(&monetary) {
        let cell = &mut grid[(5 - s[0] as usize) * 5 + (Rfm::fm(*s) as usize - 1)];
        cell.customers += 1;
        cell.revenue += money;
    }
    let all_revenue: f64 = monetary.iter().sum();
    let totals = RfmSegment::ALL
        .iter()
        .filter_map(|&segment| {
            let members: Vec<usize> = (0..n).filter(|&i| segments[i] == segment).collect();
            if members.is_empty() {
                return None;
            }
            let count = members.len() as f64;
            let mean = |values: &[f64]| members.iter().map(|&i| values[i]).sum::<f64>() / count;
            let revenue: f64 = members.iter().map(|&i| monetary[i]).sum();
            Some(SegmentTotals {
                segment,
                customers: members.len() as u64,
                share: count / n as f64,
                revenue,
                revenue_share: if all_revenue > 0.0 {
                    revenue / all_revenue
                } else {
                    0.0
                },
                mean_recency: mean(&recency),
                mean_frequency: mean(&frequency),
                mean_monetary: mean(&monetary),
            })
        })
        .collect();
    Ok(Rfm {
        scores,
        segments,
        grid,
        totals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_scores_keep_ties_together() {
        let values = [1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        assert_eq!(
            quantile_scores(&values, true),
            [1, 1, 1, 1, 1, 3, 4, 4, 5, 5]
        );
        // Recency: fewer days is better.
        assert_eq!(
            quantile_scores(&[10.0, 1.0, 5.0, 100.0, 50.0], false),
            [3, 5, 4, 1, 2]
        );
        assert_eq!(quantile_scores(&[7.0], true), [1]);
    }

    #[test]
    fn the_grid_names_as_documented() {
        use RfmSegment::*;
        let rows: [[RfmSegment; 5]; 5] = [
            [
                New,
                PotentialLoyalists,
                PotentialLoyalists,
                Champions,
                Champions,
            ],
            [
                Promising,
                PotentialLoyalists,
                PotentialLoyalists,
                Loyal,
                Loyal,
            ],
            [AboutToSleep, AboutToSleep, NeedAttention, Loyal, Loyal],
            [Hibernating, Hibernating, AtRisk, AtRisk, CantLoseThem],
            [Lost, Hibernating, AtRisk, AtRisk, CantLoseThem],
        ];
        for (i, row) in rows.iter().enumerate() {
            for (j, segment) in row.iter().enumerate() {
                assert_eq!(
                    RfmSegment::of(5 - i as u8, j as u8 + 1),
                    *segment,
                    "{i} {j}"
                );
            }
        }
        assert_eq!(Rfm::fm([3, 4, 5]), 5);
        assert_eq!(Rfm::fm([3, 1, 2]), 2);
        assert_eq!(CantLoseThem.to_string(), "Can't lose them");
    }
}
