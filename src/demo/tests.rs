use super::*;
use crate::control::Unattended;
use crate::ingest::roles::Role;
use crate::ingest::{LoadOptions, TableKind, load};

fn demo() -> Demo {
    generate(SEED, DemoSize::default())
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let small = DemoSize {
        customers: 200,
        ..DemoSize::default()
    };
    let (a, b) = (generate(7, small), generate(7, small));
    assert_eq!(a.transactions, b.transactions);
    assert_eq!(a.customers, b.customers);
    assert_eq!(a.truth, b.truth);
    assert_ne!(generate(8, small).transactions, a.transactions);
}

#[test]
fn it_is_the_size_the_product_promises() {
    let demo = demo();
    assert_eq!(demo.truth.personas.len(), 3000);
    let lines = demo.truth.lines;
    assert!((20_000..100_000).contains(&lines), "{lines} order lines");
    assert_eq!(demo.transactions.lines().count() as u64, lines + 1);
    for persona in Persona::ALL {
        let n = demo
            .truth
            .personas
            .iter()
            .filter(|(_, p)| *p == persona)
            .count();
        assert!(n > 200, "{persona:?}: {n}");
    }
    let dirty = demo.truth.dirty;
    assert!(dirty.missing_customer > 0 && dirty.impossible_date > 0 && dirty.duplicated > 0);
    assert!(demo.truth.returns > 0);
}

#[test]
fn ingest_reads_it_and_sets_aside_exactly_the_planted_dirt() {
    let demo = demo();
    let options = LoadOptions::default();
    let loaded = pollster::block_on(load(
        demo.transactions.as_bytes(),
        None,
        &options,
        &mut Unattended,
    ))
    .expect("loads");
    let report = &loaded.report;
    let dirty = demo.truth.dirty;
    assert_eq!(report.read, demo.truth.lines);
    // Lines without a customer are guests': kept, counted and left out of the analyses.
    assert_eq!(report.rejected.count, dirty.impossible_date);
    assert_eq!(report.interpretation.guests.lines, dirty.missing_customer);
    assert_eq!(report.duplicates, dirty.duplicated);
    // The truth counts the returns of lines with a customer; guests' returns are
    // counted too.
    assert!(report.returns >= demo.truth.returns);
    assert!(report.returns <= demo.truth.returns + dirty.missing_customer);
    for role in [
        Role::Customer,
        Role::Order,
        Role::Date,
        Role::Product,
        Role::Category,
        Role::Quantity,
        Role::UnitPrice,
    ] {
        assert!(
            loaded.dataset.mapping.column(role).is_some(),
            "{role} guessed"
        );
    }
    for extra in [&demo.customers, &demo.feedback] {
        let options = LoadOptions {
            kind: TableKind::Extra,
            ..LoadOptions::default()
        };
        let loaded = pollster::block_on(load(extra.as_bytes(), None, &options, &mut Unattended))
            .expect("loads");
        assert_eq!(loaded.report.rejected.count, 0);
    }
}

#[test]
fn planted_pairs_sell_together_far_more_than_chance() {
    // Lift of each planted pair over orders: P(both) / (P(a) P(b)).
    let demo = demo();
    let mut orders: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in demo.transactions.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        match orders.last_mut() {
            Some((order, products)) if *order == fields[1] => products.push(fields[3]),
            _ => orders.push((fields[1], vec![fields[3]])),
        }
    }
    let n = orders.len() as f64;
    let share = |name: &str| orders.iter().filter(|(_, p)| p.contains(&name)).count() as f64 / n;
    for (a, b) in PLANTED {
        let both = orders
            .iter()
            .filter(|(_, p)| p.contains(&a) && p.contains(&b))
            .count() as f64
            / n;
        let lift = both / (share(a) * share(b));
        assert!(lift > 3.0, "{a} -> {b}: lift {lift:.2}");
    }
}

#[test]
fn personas_behave_as_planted() {
    // Big spenders spend more per line and lapsed customers stopped in the first year.
    let demo = demo();
    let persona: std::collections::HashMap<&str, Persona> = demo
        .truth
        .personas
        .iter()
        .map(|(id, p)| (id.as_str(), *p))
        .collect();
    let (mut big, mut bargain) = ((0.0, 0u32), (0.0, 0u32));
    let mut lapsed_last = "0000".to_owned();
    for line in demo.transactions.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let Some(p) = persona.get(f[0]) else { continue };
        let price: f64 = f[6].parse().expect("price");
        match p {
            Persona::LoyalBigSpender => big = (big.0 + price, big.1 + 1),
            Persona::BargainHunter => bargain = (bargain.0 + price, bargain.1 + 1),
            Persona::Lapsed if f[2] > lapsed_last.as_str() => lapsed_last = f[2].to_owned(),
            _ => {}
        }
    }
    assert!(big.0 / f64::from(big.1) > 2.0 * bargain.0 / f64::from(bargain.1));
    assert!(
        lapsed_last.as_str() < "2024-04",
        "last lapsed order {lapsed_last}"
    );
}

#[test]
fn its_extra_tables_join_the_customers_who_ordered() {
    let demo = demo();
    let load_as = |csv: &str, kind| crate::ingest::load_text(csv, kind).dataset;
    let orders = load_as(&demo.transactions, TableKind::Transactions);
    let attributes =
        crate::ingest::join::join(&orders, &load_as(&demo.customers, TableKind::Extra));
    let feedback = crate::ingest::join::join(&orders, &load_as(&demo.feedback, TableKind::Extra));
    // Every customer has one row of attributes; every one who ordered is matched, and the
    // unmatched rows are customers without a kept order.
    let customers = attributes.report.customers;
    assert_eq!(attributes.report.ids, DemoSize::default().customers as u64);
    assert_eq!(attributes.report.repeated_ids, 0);
    assert_eq!(attributes.report.customers_matched, customers);
    assert_eq!(attributes.report.matched_rows, customers);
    assert_eq!(
        attributes.report.unmatched_ids,
        attributes.report.ids - customers
    );
    // Feedback follows orders: many rows per customer, all of them matched.
    assert!(feedback.report.repeated_ids > 0);
    assert_eq!(feedback.report.unmatched_ids, 0);
    assert_eq!(feedback.report.matched_rows, feedback.report.rows);
}

#[test]
fn customers_buy_mostly_from_their_favourite_categories() {
    let demo = generate(
        SEED,
        DemoSize {
            customers: 300,
            ..DemoSize::default()
        },
    );
    let truth = &demo.truth;
    assert_eq!(truth.favourites.len(), 300);
    assert!(truth.favourites.iter().all(|f| (1..=2).contains(&f.len())));
    let favourite: std::collections::HashMap<&str, &Vec<String>> = truth
        .personas
        .iter()
        .zip(&truth.favourites)
        .map(|((id, _), f)| (id.as_str(), f))
        .collect();
    let (mut lines, mut in_favourites) = (0, 0);
    for line in demo.transactions.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        if let Some(f) = favourite.get(cells[0]) {
            lines += 1;
            in_favourites += usize::from(f.iter().any(|c| c == cells[4]));
        }
    }
    let share = in_favourites as f64 / lines as f64;
    assert!(share > 0.5, "{share}");
}
