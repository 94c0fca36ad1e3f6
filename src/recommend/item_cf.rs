//! Item-based collaborative filtering: a customer's score for item `i` is the sum of
//! `sim(j, i)` over the items `j` they bought that keep `i` among their nearest
//! neighbours (as `implicit`'s `ItemItemRecommender` scores with a pruned similarity
//! matrix). The reason is the bought item with the largest share of the score.

use super::blend::{Ask, Scored, Scratch, Why};
use super::similarity::Neighbours;

/// The customer's best items by their bought items' `neighbours`, best first (see
/// [`Ask`]).
pub fn score(ask: &Ask, neighbours: &Neighbours, scratch: &mut Scratch, out: &mut Vec<Scored>) {
    let &Ask {
        m,
        u,
        allow_repeats,
        take,
        rank,
    } = ask;
    out.clear();
    for &j in m.items_of(u) {
        let (ids, sims) = neighbours.of(j as usize);
        for (&i, &s) in ids.iter().zip(sims) {
            if !allow_repeats && scratch.mine[i as usize] {
                continue;
            }
            let slot = i as usize;
            let fresh = scratch.acc.values[slot] == 0.0;
            scratch.acc.add(i, s);
            let (best, by) = (&mut scratch.best[slot], &mut scratch.by[slot]);
            if fresh || s > *best || (s == *best && rank[j as usize] < rank[*by as usize]) {
                *best = s;
                *by = j;
            }
        }
    }
    scratch.collect(take, rank, |i, by| Why::Item(by[i as usize]), out);
}
