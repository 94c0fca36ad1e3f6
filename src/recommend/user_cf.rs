//! User-based collaborative filtering: a customer's `k` nearest customers (cosine over
//! what they bought, see [`super::similarity::UserSearch`]) vote for what they bought,
//! each with their similarity; the score of item `i` is the sum of the similarities of
//! the neighbours who bought it, and the reason says how many of them did.

use super::blend::{Scored, Scratch, Why};
use super::matrix::Interactions;
use super::similarity::UserSearch;

/// Customer `u`'s best `take` items by their `k` nearest customers.
#[allow(clippy::too_many_arguments)]
pub fn score(
    m: &Interactions,
    search: &mut UserSearch,
    u: usize,
    k: usize,
    allow_repeats: bool,
    take: usize,
    rank: &[u32],
    scratch: &mut Scratch,
    out: &mut Vec<Scored>,
) {
    out.clear();
    let mut neighbours = std::mem::take(&mut scratch.users);
    search.neighbours(m, u, k, &mut neighbours);
    for &(v, s) in &neighbours {
        for &i in m.items_of(v as usize) {
            if !allow_repeats && scratch.mine[i as usize] {
                continue;
            }
            let slot = i as usize;
            if scratch.acc.values[slot] == 0.0 {
                scratch.by[slot] = 0;
            }
            scratch.acc.add(i, s);
            scratch.by[slot] += 1;
        }
    }
    scratch.users = neighbours;
    scratch.collect(take, rank, |i, by| Why::Customers(by[i as usize]), out);
}
