//! FP-growth (Han, Pei and Yin, 2000): the baskets are compressed into a prefix tree of
//! their frequent items, most frequent first; the itemsets ending in an item are then
//! found in the smaller tree of the paths leading to that item, recursively.
//!
//! Trees are flat arrays (item, parent, count per node), built from transactions sorted
//! lexicographically, so that each transaction shares the path of the one before it as
//! far as they agree and no child lookup is needed. The recursion is a loop over an
//! explicit stack, so that the search can pause at a checkpoint anywhere.
//!
//! The items of the top tree are taken from the most frequent on: when the limit on
//! itemsets stops the search, what was found is every frequent itemset among the most
//! frequent items, a set closed under subsets.

use super::collect::Baskets;
use super::itemsets::{Itemsets, Partial, Ranked, to_u32};
use super::params::Checked;
use crate::control::{Control, Interrupted, Progress, Stage};
use std::cmp::Reverse;

/// Tree nodes visited between two checkpoints (a few milliseconds of work).
const WORK_PER_CHECKPOINT: u64 = 1 << 18;

/// The root's index in every tree.
const ROOT: u32 = 0;

/// Transactions of local item ids (each ascending) with a weight each.
#[derive(Default)]
struct Transactions {
    items: Vec<u32>,
    ends: Vec<u32>,
    weights: Vec<u32>,
}

impl Transactions {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, index: usize) -> &[u32] {
        let start = if index == 0 {
            0
        } else {
            self.ends[index - 1] as usize
        };
        &self.items[start..self.ends[index] as usize]
    }

    fn clear(&mut self) {
        self.items.clear();
        self.ends.clear();
        self.weights.clear();
    }
}

/// An FP-tree. Local item ids run from 0 (the most frequent in this tree) up; along a
/// path from the root they ascend.
struct Tree {
    /// Each node's local item (the root's is unused).
    item: Vec<u32>,
    /// Each node's parent (the root's is itself).
    parent: Vec<u32>,
    /// Each node's count: the weight of the transactions through it.
    count: Vec<u32>,
    /// The nodes of local item `i` are `by_item[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    by_item: Vec<u32>,
    /// Each local item's count in this tree.
    support: Vec<u32>,
    /// Each local item's rank in the top tree.
    names: Vec<u32>,
}

impl Tree {
    /// The tree of `transactions`, whose local items have these counts and names.
    fn build(transactions: &Transactions, support: Vec<u32>, names: Vec<u32>) -> Self {
        let mut order: Vec<u32> = (0..to_u32(transactions.len())).collect();
        order.sort_unstable_by(|&a, &b| {
            transactions
                .get(a as usize)
                .cmp(transactions.get(b as usize))
        });
        let mut tree = Tree {
            item: vec![u32::MAX],
            parent: vec![ROOT],
            count: vec![0],
            starts: Vec::new(),
            by_item: Vec::new(),
            support,
            names,
        };
        let mut path: Vec<u32> = Vec::new();
        let mut previous: &[u32] = &[];
        for index in order {
            let items = transactions.get(index as usize);
            let weight = transactions.weights[index as usize];
            let shared = previous
                .iter()
                .zip(items)
                .take_while(|(a, b)| a == b)
                .count();
            path.truncate(shared);
            for &node in &path {
                tree.count[node as usize] += weight;
            }
            let mut parent = path.last().copied().unwrap_or(ROOT);
            for &item in &items[shared..] {
                let node = to_u32(tree.item.len());
                tree.item.push(item);
                tree.parent.push(parent);
                tree.count.push(weight);
                path.push(node);
                parent = node;
            }
            previous = items;
        }
        // Nodes by item, in creation order.
        let items = tree.support.len();
        let mut starts = vec![0u32; items + 1];
        for &item in &tree.item[1..] {
            starts[item as usize + 1] += 1;
        }
        for i in 0..items {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        tree.by_item = vec![0; tree.item.len() - 1];
        for node in 1..tree.item.len() {
            let slot = &mut next[tree.item[node] as usize];
            tree.by_item[*slot as usize] = to_u32(node);
            *slot += 1;
        }
        tree.starts = starts;
        tree
    }

    fn items(&self) -> usize {
        self.support.len()
    }

    fn nodes_of(&self, item: usize) -> &[u32] {
        &self.by_item[self.starts[item] as usize..self.starts[item + 1] as usize]
    }
}

/// Buffers reused by every conditional tree.
struct Scratch {
    /// The paths to an item's nodes, as in the tree (leaf to root).
    paths: Transactions,
    /// Per local item of the tree being conditioned: its count among the paths.
    counts: Vec<u32>,
    /// Per local item of that tree: its id in the conditional tree, or `u32::MAX`.
    map: Vec<u32>,
    /// The conditional tree's transactions.
    conditional: Transactions,
}

/// The tree of the paths leading to `item` in `tree`, keeping the items frequent among
/// them; `None` if no item is. Adds the nodes visited to `work`.
fn conditional(
    tree: &Tree,
    item: usize,
    min_count: u32,
    scratch: &mut Scratch,
    work: &mut u64,
) -> Option<Tree> {
    let Scratch {
        paths,
        counts,
        map,
        conditional,
    } = scratch;
    paths.clear();
    // Only items before `item` lie on the paths to it.
    counts[..item].fill(0);
    for &node in tree.nodes_of(item) {
        let weight = tree.count[node as usize];
        let mut at = tree.parent[node as usize];
        let start = paths.items.len();
        while at != ROOT {
            let item = tree.item[at as usize];
            counts[item as usize] += weight;
            paths.items.push(item);
            at = tree.parent[at as usize];
        }
        if paths.items.len() > start {
            paths.ends.push(to_u32(paths.items.len()));
            paths.weights.push(weight);
        }
    }
    *work += paths.items.len() as u64 + 1;
    let mut kept: Vec<u32> = (0..to_u32(item))
        .filter(|&i| counts[i as usize] >= min_count)
        .collect();
    if kept.is_empty() {
        return None;
    }
    kept.sort_unstable_by_key(|&i| (Reverse(counts[i as usize]), i));
    map[..item].fill(u32::MAX);
    for (new, &old) in kept.iter().enumerate() {
        map[old as usize] = to_u32(new);
    }
    conditional.clear();
    for index in 0..paths.len() {
        let start = conditional.items.len();
        conditional.items.extend(
            paths
                .get(index)
                .iter()
                .map(|&i| map[i as usize])
                .filter(|&i| i != u32::MAX),
        );
        if conditional.items.len() > start {
            conditional.items[start..].sort_unstable();
            conditional.ends.push(to_u32(conditional.items.len()));
            conditional.weights.push(paths.weights[index]);
        }
    }
    let support = kept.iter().map(|&i| counts[i as usize]).collect();
    let names = kept.iter().map(|&i| tree.names[i as usize]).collect();
    Some(Tree::build(conditional, support, names))
}

/// A tree being mined and the next of its items to take.
struct Frame {
    tree: Tree,
    next: usize,
}

/// Finds the frequent itemsets of `baskets` by FP-growth.
pub(super) async fn mine<C: Control>(
    baskets: &Baskets,
    params: &Checked,
    control: &mut C,
) -> Result<Itemsets, Interrupted> {
    let min_count = params.min_count;
    let ranked = Ranked::new(baskets, min_count);
    let mut found = Itemsets::new(to_u32(baskets.len()), min_count);
    let items = ranked.counts.len();
    let top = {
        let transactions = Transactions {
            weights: vec![1; ranked.len()],
            items: ranked.items,
            ends: ranked.ends,
        };
        Tree::build(&transactions, ranked.counts, (0..to_u32(items)).collect())
    };
    let mut scratch = Scratch {
        paths: Transactions::default(),
        counts: vec![0; items],
        map: vec![u32::MAX; items],
        conditional: Transactions::default(),
    };
    let progress = |done: u32| Progress {
        stage: Stage::Itemsets,
        done: u64::from(done),
        total: Some(items as u64),
    };
    control.checkpoint(progress(0)).await?;
    let mut stack = vec![Frame { tree: top, next: 0 }];
    let mut prefix: Vec<u32> = Vec::new();
    // Top items whose itemsets are all found, and where the current one's began.
    let mut complete = 0u32;
    let mut unit_start = 0;
    let mut work = 0u64;
    loop {
        let depth = stack.len();
        let Some(frame) = stack.last_mut() else {
            break;
        };
        if frame.next == frame.tree.items() {
            stack.pop();
            if depth > 1 {
                prefix.pop();
            }
            continue;
        }
        let item = frame.next;
        frame.next += 1;
        if depth == 1 {
            complete = to_u32(item);
            unit_start = found.len();
        }
        prefix.push(frame.tree.names[item]);
        found.push(&prefix, frame.tree.support[item]);
        let child = if prefix.len() < params.max_len {
            conditional(&frame.tree, item, min_count, &mut scratch, &mut work)
        } else {
            None
        };
        match child {
            Some(tree) => stack.push(Frame { tree, next: 0 }),
            None => {
                prefix.pop();
            }
        }
        if found.len() as u64 > params.max_itemsets {
            found.truncate(unit_start);
            found.partial = Some(Partial::MostFrequentItems {
                items: complete,
                limit: params.max_itemsets,
            });
            break;
        }
        work += 1;
        if work >= WORK_PER_CHECKPOINT {
            work = 0;
            control.checkpoint(progress(complete)).await?;
        }
    }
    drop(stack);
    let complete = if found.partial.is_some() {
        complete
    } else {
        to_u32(items)
    };
    control.checkpoint(progress(complete)).await?;
    Ok(found.finish(&ranked.names))
}
