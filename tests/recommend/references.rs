use crm_lens::baskets::Baskets;
use crm_lens::control::Unattended;
use crm_lens::ingest::{LoadOptions, load};
use crm_lens::orders::Orders;
use crm_lens::recommend::blend::{Ask, Scored, Scratch};
use crm_lens::recommend::matrix::{self, Interactions, name_ranks};
use crm_lens::recommend::{item_cf, similarity};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Fixture {
    idf: bool,
    k: usize,
    n: usize,
    neighbours: BTreeMap<String, Vec<(String, f64)>>,
    top_n: BTreeMap<String, Vec<(String, f64)>>,
}

fn fixture(name: &str) -> Fixture {
    let path = format!(
        "{}/tests/fixtures/recommend/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture");
    serde_json::from_str(&text).expect("fixture reads")
}

/// Two rankings agree: the same scores position by position (within 1e-9), and the same
/// items within each group of tied scores (scores within 1e-12 of each other, which the
/// tie rule orders by name on both sides, unless the last bit of a float differs), except
/// in the last group, which the cut at N may split differently.
fn same_ranking(what: &str, ours: &[(String, f64)], theirs: &[(String, f64)]) {
    assert_eq!(ours.len(), theirs.len(), "{what}: {ours:?} vs {theirs:?}");
    for (a, b) in ours.iter().zip(theirs) {
        assert!((a.1 - b.1).abs() <= 1e-9, "{what}: {ours:?} vs {theirs:?}");
    }
    let mut start = 0;
    while start < theirs.len() {
        let mut end = start + 1;
        while end < theirs.len() && (theirs[end].1 - theirs[start].1).abs() <= 1e-12 {
            end += 1;
        }
        if end < theirs.len() || start == 0 || end - start == 1 {
            let mut a: Vec<&str> = ours[start..end].iter().map(|x| x.0.as_str()).collect();
            let mut b: Vec<&str> = theirs[start..end].iter().map(|x| x.0.as_str()).collect();
            if end == theirs.len() && end - start > 1 {
                // The last group may be cut: only its size is compared (above).
                break;
            }
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{what}: {ours:?} vs {theirs:?}");
        }
        start = end;
    }
}

fn check(name: &str, m: &Interactions, names: &[String], customers: &[String]) {
    let f = fixture(name);
    let rank = name_ranks(names);
    let weights = similarity::customer_weights(m, f.idf);
    let nb = pollster::block_on(similarity::item_neighbours(
        m,
        &weights,
        f.k,
        &rank,
        &mut Unattended,
    ))
    .expect("runs");
    assert_eq!(f.neighbours.len(), names.len());
    let mut exact = 0;
    for (i, item) in names.iter().enumerate() {
        let (ids, sims) = nb.of(i);
        let ours: Vec<(String, f64)> = ids
            .iter()
            .zip(sims)
            .map(|(&j, &s)| (names[j as usize].clone(), s))
            .collect();
        let theirs = &f.neighbours[item];
        same_ranking(&format!("{name}: neighbours of {item}"), &ours, theirs);
        exact += usize::from(&ours == theirs);
    }
    if !f.idf {
        // Without IDF both sides compute co / (sqrt(n_i) sqrt(n_j)): the same bits.
        assert_eq!(exact, names.len(), "{name}");
    }
    let mut scratch = Scratch::new(names.len());
    let mut out: Vec<Scored> = Vec::new();
    for (customer, theirs) in &f.top_n {
        let u = customers
            .iter()
            .position(|c| c == customer)
            .expect("customer");
        for &i in m.items_of(u) {
            scratch.mine[i as usize] = true;
        }
        let ask = Ask {
            m,
            u,
            allow_repeats: false,
            take: f.n,
            rank: &rank,
        };
        item_cf::score(&ask, &nb, &mut scratch, &mut out);
        for &i in m.items_of(u) {
            scratch.mine[i as usize] = false;
        }
        let ours: Vec<(String, f64)> = out
            .iter()
            .map(|s| (names[s.item as usize].clone(), s.score))
            .collect();
        same_ranking(&format!("{name}: top {} of {customer}", f.n), &ours, theirs);
    }
    assert!(f.top_n.len() > 90);
}

fn supermarket() -> (Interactions, Vec<String>, Vec<String>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/baskets/supermarket.baskets"
    );
    let baskets = Baskets::from_text(&std::fs::read_to_string(path).expect("baskets"));
    let lists: Vec<Vec<u32>> = baskets.iter().map(<[u32]>::to_vec).collect();
    let m = Interactions::from_lists(baskets.names().len(), &lists);
    let customers = (0..lists.len()).map(|c| c.to_string()).collect();
    (m, baskets.names().to_vec(), customers)
}

fn demo() -> (Interactions, Vec<String>, Vec<String>) {
    let demo = crm_lens::demo::generate(crm_lens::demo::SEED, crm_lens::demo::DemoSize::default());
    let loaded = pollster::block_on(load(
        demo.transactions.as_bytes(),
        None,
        &LoadOptions::default(),
        &mut Unattended,
    ))
    .expect("loads");
    let orders = Orders::from_dataset(&loaded.dataset);
    let (m, _, _) = matrix::from_orders(&orders, |_| true).expect("products");
    (
        m,
        orders.product_names.clone(),
        orders.customer_names.clone(),
    )
}

#[test]
fn supermarket_cosine() {
    let (m, names, customers) = supermarket();
    check("supermarket", &m, &names, &customers);
}

#[test]
fn supermarket_cosine_with_idf() {
    let (m, names, customers) = supermarket();
    check("supermarket-idf", &m, &names, &customers);
}

#[test]
fn demo_cosine() {
    let (m, names, customers) = demo();
    check("demo", &m, &names, &customers);
}

#[test]
fn demo_cosine_with_idf() {
    let (m, names, customers) = demo();
    check("demo-idf", &m, &names, &customers);
}
