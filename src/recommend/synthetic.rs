//! A transaction log made of (customer, item) purchases, for the benchmarks of the whole
//! recommender: natively and in the worker they must run on the same log.

use crate::orders::{DAY, Orders};

/// A transaction log of the purchases, for the full `recommend()`: one line per pair;
/// each customer's items split into about one order per three items (which order by a
/// fixed mix of customer and item), the k-th order on day k; items named so that their
/// names sort as their ids. The native benchmark (`benches/recommend.rs`) and the
/// worker's (`bench_recommend_full`) run the full recommender on this same log.
pub fn orders_of(pairs: &[(u32, u32)], customers: usize, items: usize) -> Orders {
    let mut counts = vec![0u64; customers];
    for &(c, _) in pairs {
        counts[c as usize] += 1;
    }
    let mut first = vec![0u32; customers];
    let mut next = 0u32;
    for (c, &n) in counts.iter().enumerate() {
        first[c] = next;
        next += n.div_ceil(3) as u32;
    }
    let mut order = Vec::with_capacity(pairs.len());
    let mut date = Vec::with_capacity(pairs.len());
    for &(c, i) in pairs {
        let orders_of_c = counts[c as usize].div_ceil(3).max(1);
        let mix = (u64::from(i).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(c)) >> 17;
        let k = mix % orders_of_c;
        order.push(first[c as usize] + k as u32);
        date.push((k as i64 + 1) * DAY);
    }
    let n = pairs.len();
    Orders {
        customer: pairs.iter().map(|p| p.0).collect(),
        order,
        date,
        product: Some(pairs.iter().map(|p| p.1).collect()),
        category: None,
        quantity: vec![1.0; n],
        amount: vec![1.0; n],
        returned: vec![false; n],
        customer_names: (0..customers).map(|c| format!("C{c:06}")).collect(),
        customer_values: (1..=customers as u32).collect(),
        product_names: (0..items).map(|i| format!("P{i:05}")).collect(),
        category_names: Vec::new(),
        order_count: next,
        ..Orders::default()
    }
}
