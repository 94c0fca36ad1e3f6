//! A CART classification tree (Gini impurity, a depth limit, a minimum leaf size); a
//! leaf's probability is its share of positive training rows.
//!
//! Written by hand: the maintained Rust trees (linfa-trees, smartcore) bring ndarray
//! stacks or whole ML frameworks for what is sixty lines here, and the worker's size is
//! budgeted.

// Index loops read as the formulas they implement.
#![allow(clippy::needless_range_loop)]

use crate::control::{Control, Interrupted, Progress, Stage};

/// A fitted tree.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tree {
    nodes: Vec<Node>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Node {
    Leaf(f64),
    Split {
        feature: usize,
        threshold: f64,
        left: usize,
        right: usize,
    },
}

/// How a tree grows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Growth {
    /// Deepest split level.
    pub max_depth: usize,
    /// Fewest rows in a leaf.
    pub min_leaf: usize,
}

impl Tree {
    /// Grows a tree on rows `x` and labels `y`, a level at a time, with a checkpoint
    /// before each level ([`Stage::Fitting`], units: levels).
    pub async fn fit<C: Control>(
        x: &[Vec<f64>],
        y: &[bool],
        growth: Growth,
        control: &mut C,
    ) -> Result<Self, Interrupted> {
        let mut tree = Tree { nodes: Vec::new() };
        let min_leaf = growth.min_leaf.max(1);
        let rows: Vec<usize> = (0..x.len()).collect();
        // The leaves of the deepest level, each with its rows.
        let mut level = vec![(tree.leaf(y, &rows), rows)];
        for depth in 0..growth.max_depth {
            control
                .checkpoint(Progress {
                    stage: Stage::Fitting,
                    done: depth as u64,
                    total: Some(growth.max_depth as u64),
                })
                .await?;
            let mut next = Vec::new();
            for (id, rows) in level {
                let n = rows.len();
                let positives = rows.iter().filter(|&&r| y[r]).count();
                if positives == 0 || positives == n || n < 2 * min_leaf {
                    continue;
                }
                let Some((feature, threshold)) = best_split(x, y, &rows, min_leaf) else {
                    continue;
                };
                let (l, r): (Vec<usize>, Vec<usize>) =
                    rows.iter().partition(|&&i| x[i][feature] <= threshold);
                let left = tree.leaf(y, &l);
                let right = tree.leaf(y, &r);
                tree.nodes[id] = Node::Split {
                    feature,
                    threshold,
                    left,
                    right,
                };
                next.push((left, l));
                next.push((right, r));
            }
            if next.is_empty() {
                break;
            }
            level = next;
        }
        Ok(tree)
    }

    /// Adds a leaf holding the share of positive `rows`; its id.
    fn leaf(&mut self, y: &[bool], rows: &[usize]) -> usize {
        let positives = rows.iter().filter(|&&r| y[r]).count();
        let share = if rows.is_empty() {
            0.0
        } else {
            positives as f64 / rows.len() as f64
        };
        self.nodes.push(Node::Leaf(share));
        self.nodes.len() - 1
    }

    /// The probability of the positive class for a row.
    pub fn predict(&self, row: &[f64]) -> f64 {
        let mut at = 0;
        loop {
            match self.nodes.get(at) {
                Some(Node::Leaf(p)) => return *p,
                Some(&Node::Split {
                    feature,
                    threshold,
                    left,
                    right,
                }) => {
                    at = if row[feature] <= threshold {
                        left
                    } else {
                        right
                    }
                }
                None => return 0.0,
            }
        }
    }

    /// Nodes in the tree.
    pub fn size(&self) -> usize {
        self.nodes.len()
    }
}

/// The split with the lowest weighted Gini impurity that leaves `min_leaf` rows on each
/// side; thresholds halfway between distinct values (as scikit-learn's).
fn best_split(x: &[Vec<f64>], y: &[bool], rows: &[usize], min_leaf: usize) -> Option<(usize, f64)> {
    let n = rows.len() as f64;
    let total_pos = rows.iter().filter(|&&r| y[r]).count() as f64;
    let gini = |pos: f64, count: f64| {
        if count == 0.0 {
            0.0
        } else {
            let p = pos / count;
            count * 2.0 * p * (1.0 - p)
        }
    };
    let parent = gini(total_pos, n);
    let mut best: Option<(f64, usize, f64)> = None;
    let k = x.first().map_or(0, Vec::len);
    let mut sorted = rows.to_vec();
    for feature in 0..k {
        sorted.sort_by(|&a, &b| x[a][feature].total_cmp(&x[b][feature]));
        let mut left_pos = 0.0;
        for i in 0..sorted.len() - 1 {
            left_pos += f64::from(u8::from(y[sorted[i]]));
            let (here, next) = (x[sorted[i]][feature], x[sorted[i + 1]][feature]);
            let left = (i + 1) as f64;
            if here == next || i + 1 < min_leaf || sorted.len() - i - 1 < min_leaf {
                continue;
            }
            let impurity = gini(left_pos, left) + gini(total_pos - left_pos, n - left);
            if impurity < parent - 1e-12 && best.is_none_or(|b| impurity < b.0) {
                best = Some((impurity, feature, here + (next - here) / 2.0));
            }
        }
    }
    best.map(|(_, f, t)| (f, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::control::Unattended;

    fn fit(x: &[Vec<f64>], y: &[bool], growth: Growth) -> Tree {
        pollster::block_on(Tree::fit(x, y, growth, &mut Unattended)).expect("not interrupted")
    }

    #[test]
    fn finds_a_threshold_and_respects_the_limits() {
        let x: Vec<Vec<f64>> = (0..100)
            .map(|i| vec![f64::from(i), f64::from(i % 3)])
            .collect();
        let y: Vec<bool> = (0..100).map(|i| i >= 60).collect();
        let t = fit(
            &x,
            &y,
            Growth {
                max_depth: 3,
                min_leaf: 5,
            },
        );
        assert_eq!(t.predict(&[10.0, 0.0]), 0.0);
        assert_eq!(t.predict(&[80.0, 0.0]), 1.0);
        assert_eq!(t.size(), 3);
        let stump = fit(
            &x,
            &y,
            Growth {
                max_depth: 0,
                min_leaf: 5,
            },
        );
        assert_eq!(stump.predict(&[80.0, 0.0]), 0.4);
    }

    /// Counts checkpoints; interrupts at the `stop`-th.
    struct Stopping {
        seen: usize,
        stop: usize,
    }

    impl Control for Stopping {
        async fn checkpoint(&mut self, _: Progress) -> Result<(), Interrupted> {
            self.seen += 1;
            if self.seen == self.stop {
                Err(Interrupted::Cancelled)
            } else {
                Ok(())
            }
        }
    }

    #[test]
    fn checkpoints_each_level_and_stops_when_told() {
        // Labels alternate in runs of 4 along the first feature: every level splits.
        let x: Vec<Vec<f64>> = (0..256).map(|i| vec![f64::from(i)]).collect();
        let y: Vec<bool> = (0..256).map(|i| (i / 4) % 2 == 1).collect();
        let growth = Growth {
            max_depth: 4,
            min_leaf: 1,
        };
        let mut counting = Stopping {
            seen: 0,
            stop: usize::MAX,
        };
        let t = pollster::block_on(Tree::fit(&x, &y, growth, &mut counting)).expect("runs");
        assert_eq!(counting.seen, 4);
        assert_eq!(t.size(), 9);
        let mut stopping = Stopping { seen: 0, stop: 2 };
        let stopped = pollster::block_on(Tree::fit(&x, &y, growth, &mut stopping));
        assert_eq!(stopped, Err(Interrupted::Cancelled));
    }
}
