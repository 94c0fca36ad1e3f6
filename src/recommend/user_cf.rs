//! User-based collaborative filtering: a customer's `k` nearest customers (cosine over
//! what they bought, see [`super::similarity::UserSearch`]) vote for what they bought,
//! each with their similarity; the score of item `i` is the sum of the similarities of
//! the neighbours who bought it, and the reason says how many of them did.

use super::blend::{Ask, Scored, Scratch, Why};
use super::similarity::UserSearch;

/// The customer's best items by their `k` nearest customers (see [`Ask`]).
pub fn score(
    ask: &Ask,
    search: &mut UserSearch,
    k: usize,
    scratch: &mut Scratch,
    out: &mut Vec<Scored>,
) {
    let &Ask {
        m,
        u,
        allow_repeats,
        take,
        rank,
    } = ask;
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
