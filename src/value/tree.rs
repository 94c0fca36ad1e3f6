//! A CART classification tree (Gini impurity, a depth limit, a minimum leaf size); a
//! leaf's probability is its share of positive training rows.
//!
//! Written by hand: the maintained Rust trees (linfa-trees, smartcore) bring ndarray
//! stacks or whole ML frameworks for what is sixty lines here, and the worker's size is
//! budgeted.

// Index loops read as the formulas they implement.
#![allow(clippy::needless_range_loop)]

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
    /// Grows a tree on rows `x` and labels `y`.
    pub fn fit(x: &[Vec<f64>], y: &[bool], growth: Growth) -> Self {
        let mut tree = Tree { nodes: Vec::new() };
        let rows: Vec<usize> = (0..x.len()).collect();
        tree.grow(x, y, rows, 0, growth);
        tree
    }

    fn grow(
        &mut self,
        x: &[Vec<f64>],
        y: &[bool],
        rows: Vec<usize>,
        depth: usize,
        g: Growth,
    ) -> usize {
        let n = rows.len();
        let positives = rows.iter().filter(|&&r| y[r]).count();
        let share = if n == 0 {
            0.0
        } else {
            positives as f64 / n as f64
        };
        let id = self.nodes.len();
        self.nodes.push(Node::Leaf(share));
        if depth >= g.max_depth || positives == 0 || positives == n || n < 2 * g.min_leaf.max(1) {
            return id;
        }
        let Some((feature, threshold)) = best_split(x, y, &rows, g.min_leaf.max(1)) else {
            return id;
        };
        let (l, r): (Vec<usize>, Vec<usize>) =
            rows.iter().partition(|&&i| x[i][feature] <= threshold);
        let left = self.grow(x, y, l, depth + 1, g);
        let right = self.grow(x, y, r, depth + 1, g);
        self.nodes[id] = Node::Split {
            feature,
            threshold,
            left,
            right,
        };
        id
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

    #[test]
    fn finds_a_threshold_and_respects_the_limits() {
        let x: Vec<Vec<f64>> = (0..100)
            .map(|i| vec![f64::from(i), f64::from(i % 3)])
            .collect();
        let y: Vec<bool> = (0..100).map(|i| i >= 60).collect();
        let t = Tree::fit(
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
        let stump = Tree::fit(
            &x,
            &y,
            Growth {
                max_depth: 0,
                min_leaf: 5,
            },
        );
        assert_eq!(stump.predict(&[80.0, 0.0]), 0.4);
    }
}
