//! Popularity: overall (the baseline and the cold-start fallback) and within the
//! customer's segment. An item's popularity is the number of distinct customers who
//! bought it; lists are ranked by it, ties by item name. Scores are shares: buyers over
//! the customers (of the segment) who bought anything.

use super::SegmentLabels;
use super::blend::{Scored, Why};
use super::matrix::Interactions;
use crate::control::Control;
use crate::orders::Orders;
use crate::segments::{features, rfm};

/// Items by how many customers bought them, best first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranked {
    /// `(item, customers)`, most bought first, ties by name.
    pub items: Vec<(u32, u32)>,
    /// Customers with at least one purchase.
    pub customers: u32,
}

impl Ranked {
    /// Ranks the items bought by the customers `members` accepts.
    pub fn of(m: &Interactions, rank: &[u32], member: impl Fn(usize) -> bool) -> Self {
        let mut counts = vec![0u32; m.items()];
        let mut customers = 0u32;
        for c in 0..m.customers() {
            let items = m.items_of(c);
            if items.is_empty() || !member(c) {
                continue;
            }
            customers += 1;
            for &i in items {
                counts[i as usize] += 1;
            }
        }
        let mut items: Vec<(u32, u32)> = counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| (i as u32, *n))
            .collect();
        items.sort_unstable_by(|a, b| {
            b.1.cmp(&a.1)
                .then(rank[a.0 as usize].cmp(&rank[b.0 as usize]))
        });
        Self { items, customers }
    }

    /// The best `take` items not in `mine` (unless `allow_repeats`), with `why`.
    pub fn take(
        &self,
        mine: &[bool],
        allow_repeats: bool,
        take: usize,
        why: Why,
        out: &mut Vec<Scored>,
    ) {
        out.clear();
        for &(item, n) in &self.items {
            if out.len() >= take {
                break;
            }
            if !allow_repeats && mine[item as usize] {
                continue;
            }
            out.push(Scored {
                item,
                score: f64::from(n) / f64::from(self.customers.max(1)),
                why,
            });
        }
    }
}

/// Each segment's ranking.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BySegment {
    /// By segment index.
    pub ranked: Vec<Ranked>,
}

impl BySegment {
    /// Ranks the items within each segment of `labels`.
    pub fn new(m: &Interactions, rank: &[u32], labels: &SegmentLabels) -> Self {
        let ranked = (0..labels.names.len() as u32)
            .map(|s| {
                Ranked::of(m, rank, |c| {
                    labels.of_customer.get(c).copied().flatten() == Some(s)
                })
            })
            .collect();
        Self { ranked }
    }
}

/// RFM's named segments of the customers of `orders` (every segment name, and each
/// customer's); no segments when RFM cannot be scored (no customers).
pub async fn rfm_labels<C: Control>(
    orders: &Orders,
    control: &mut C,
) -> Result<SegmentLabels, crate::control::Interrupted> {
    let mut labels = SegmentLabels {
        names: rfm::RfmSegment::ALL
            .iter()
            .map(|s| s.name().to_owned())
            .collect(),
        of_customer: vec![None; orders.customer_count()],
    };
    let features = match features::compute(orders, &[], None, control).await {
        Ok(features) => features,
        Err(crate::segments::SegmentError::Interrupted(i)) => return Err(i),
        Err(_) => return Ok(labels),
    };
    let Ok(scores) = rfm::score(&features) else {
        return Ok(labels);
    };
    for (row, segment) in scores.segments.iter().enumerate() {
        let index = rfm::RfmSegment::ALL.iter().position(|s| s == segment);
        if let (Some(&c), Some(index)) = (features.customers.get(row), index) {
            labels.of_customer[c as usize] = Some(index as u32);
        }
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_by_buyers_then_name_and_skips_what_was_bought() {
        let m = Interactions::from_lists(3, &[vec![0, 1], vec![1, 2], vec![2], vec![]]);
        let rank = [2, 1, 0];
        let ranked = Ranked::of(&m, &rank, |_| true);
        // Items 1 and 2 have two buyers each; item 2's name sorts first.
        assert_eq!(ranked.items, [(2, 2), (1, 2), (0, 1)]);
        assert_eq!(ranked.customers, 3);
        let mut out = Vec::new();
        ranked.take(&[false, false, true], false, 5, Why::Popular, &mut out);
        assert_eq!(out.iter().map(|s| s.item).collect::<Vec<_>>(), [1, 0]);
        assert_eq!(out[0].score, 2.0 / 3.0);
    }
}
