//! Apriori (Agrawal and Srikant, 1994): level by level, candidates of `k` items are made
//! by joining frequent itemsets of `k - 1` items that share all but their last item,
//! kept only if all their subsets are frequent, and counted in one pass over the
//! baskets through a prefix tree of the candidates.
//!
//! Candidates are made and counted in chunks of bounded size, so memory stays bounded
//! however many there are. When the limit on itemsets would be passed by a level, the
//! search stops with the complete levels before it.

use super::collect::Baskets;
use super::itemsets::{Itemsets, Partial, Ranked, to_u32};
use super::params::Checked;
use crate::control::{Control, Interrupted, Progress, Stage};

/// Candidates counted in one pass over the baskets.
const CANDIDATES_PER_PASS: usize = 1 << 20;
/// Baskets counted between two checkpoints.
const BASKETS_PER_CHECKPOINT: usize = 1 << 12;

/// Finds the frequent itemsets of `baskets` by Apriori.
pub(super) async fn mine<C: Control>(
    baskets: &Baskets,
    params: &Checked,
    control: &mut C,
) -> Result<Itemsets, Interrupted> {
    let min_count = params.min_count;
    let ranked = Ranked::new(baskets, min_count);
    let mut found = Itemsets::new(to_u32(baskets.len()), min_count);
    let items = ranked.counts.len();
    if items as u64 > params.max_itemsets {
        found.partial = Some(Partial::UpToLength {
            length: 0,
            limit: params.max_itemsets,
        });
        return Ok(found.finish(&ranked.names));
    }
    for (rank, &count) in ranked.counts.iter().enumerate() {
        found.push(&[to_u32(rank)], count);
    }
    // The frequent itemsets of the last level, back to back, in lexicographic order.
    let mut level: Vec<u32> = (0..to_u32(items)).collect();
    let mut width = 1;
    while width < params.max_len && !level.is_empty() {
        let mut next: Vec<u32> = Vec::new();
        let mut next_counts: Vec<u32> = Vec::new();
        let mut join = Join::new(&level, width);
        let mut candidates: Vec<u32> = Vec::new();
        loop {
            candidates.clear();
            let more = join.fill(&mut candidates, CANDIDATES_PER_PASS);
            if !candidates.is_empty() {
                let counts = count(&ranked, &candidates, width + 1, control).await?;
                for (candidate, count) in candidates.chunks_exact(width + 1).zip(counts) {
                    if count >= min_count {
                        next.extend_from_slice(candidate);
                        next_counts.push(count);
                    }
                }
            }
            if !more {
                break;
            }
        }
        if (found.len() + next_counts.len()) as u64 > params.max_itemsets {
            found.partial = Some(Partial::UpToLength {
                length: to_u32(width),
                limit: params.max_itemsets,
            });
            break;
        }
        for (itemset, &count) in next.chunks_exact(width + 1).zip(&next_counts) {
            found.push(itemset, count);
        }
        level = next;
        width += 1;
    }
    Ok(found.finish(&ranked.names))
}

/// Makes the candidates of one level from the frequent itemsets of the level below,
/// resumably: each pair of itemsets that agree on all but their last item, whose other
/// subsets are frequent too.
struct Join<'a> {
    level: &'a [u32],
    width: usize,
    /// The current pair, by index of itemset.
    first: usize,
    second: usize,
    buffer: Vec<u32>,
}

impl<'a> Join<'a> {
    fn new(level: &'a [u32], width: usize) -> Self {
        Self {
            level,
            width,
            first: 0,
            second: 1,
            buffer: Vec::with_capacity(width + 1),
        }
    }

    fn itemset(&self, index: usize) -> &'a [u32] {
        &self.level[index * self.width..(index + 1) * self.width]
    }

    fn len(&self) -> usize {
        self.level.len() / self.width
    }

    /// Appends candidates to `out`, up to about `max`; false when there are no more.
    fn fill(&mut self, out: &mut Vec<u32>, max: usize) -> bool {
        let len = self.len();
        let width = self.width;
        while self.first < len {
            let a = self.itemset(self.first);
            while self.second < len {
                let b = self.itemset(self.second);
                if a[..width - 1] != b[..width - 1] {
                    break;
                }
                self.second += 1;
                self.buffer.clear();
                self.buffer.extend_from_slice(a);
                self.buffer.push(b[width - 1]);
                if self.subsets_frequent() {
                    out.extend_from_slice(&self.buffer);
                    if out.len() >= max * (width + 1) {
                        return true;
                    }
                }
            }
            self.first += 1;
            self.second = self.first + 1;
        }
        false
    }

    /// Whether every subset of the candidate in `buffer` without one of its first
    /// `width - 1` items is a frequent itemset (the other two are the joined ones).
    fn subsets_frequent(&self) -> bool {
        let mut subset = Vec::with_capacity(self.width);
        (0..self.width - 1).all(|skip| {
            subset.clear();
            subset.extend(
                self.buffer
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, &item)| item),
            );
            self.contains(&subset)
        })
    }

    fn contains(&self, itemset: &[u32]) -> bool {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.itemset(middle).cmp(itemset) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// A prefix tree of candidates of equal length, in lexicographic order: one level of
/// nodes per position; the children of node `j` at depth `d` are the nodes
/// `first_child[d][j]..first_child[d][j + 1]` at depth `d + 1`, and the leaves are the
/// candidates in order.
struct Trie {
    item: Vec<Vec<u32>>,
    first_child: Vec<Vec<u32>>,
}

impl Trie {
    fn new(candidates: &[u32], width: usize) -> Self {
        let mut item: Vec<Vec<u32>> = vec![Vec::new(); width];
        let mut first_child: Vec<Vec<u32>> = vec![Vec::new(); width - 1];
        let mut previous: &[u32] = &[];
        for candidate in candidates.chunks_exact(width) {
            let shared = previous
                .iter()
                .zip(candidate)
                .take_while(|(a, b)| a == b)
                .count();
            for depth in shared..width {
                item[depth].push(candidate[depth]);
                if depth + 1 < width {
                    let children = to_u32(item[depth + 1].len());
                    first_child[depth].push(children);
                }
            }
            previous = candidate;
        }
        for depth in 0..width - 1 {
            let end = to_u32(item[depth + 1].len());
            first_child[depth].push(end);
        }
        Self { item, first_child }
    }

    /// Adds 1 to the count of every candidate contained in `basket` (ascending), among
    /// the nodes `low..high` at `depth`.
    fn count(&self, depth: usize, low: usize, high: usize, basket: &[u32], counts: &mut [u32]) {
        let width = self.item.len();
        let needed = width - depth;
        let items = &self.item[depth];
        let (mut node, mut at) = (low, 0);
        while node < high && at + needed <= basket.len() {
            let (a, b) = (items[node], basket[at]);
            if a < b {
                node += 1;
            } else if a > b {
                at += 1;
            } else {
                if depth + 1 == width {
                    counts[node] += 1;
                } else {
                    let children = &self.first_child[depth];
                    self.count(
                        depth + 1,
                        children[node] as usize,
                        children[node + 1] as usize,
                        &basket[at + 1..],
                        counts,
                    );
                }
                node += 1;
                at += 1;
            }
        }
    }
}

/// Counts the baskets containing each candidate (`width` items each, back to back, in
/// lexicographic order).
async fn count<C: Control>(
    ranked: &Ranked,
    candidates: &[u32],
    width: usize,
    control: &mut C,
) -> Result<Vec<u32>, Interrupted> {
    let trie = Trie::new(candidates, width);
    let mut counts = vec![0u32; candidates.len() / width];
    let roots = trie.item[0].len();
    let total = ranked.len();
    for index in 0..total {
        if index % BASKETS_PER_CHECKPOINT == 0 {
            control
                .checkpoint(Progress {
                    stage: Stage::Itemsets,
                    done: index as u64,
                    total: Some(total as u64),
                })
                .await?;
        }
        let basket = ranked.get(index);
        if basket.len() >= width {
            trie.count(0, 0, roots, basket, &mut counts);
        }
    }
    Ok(counts)
}
