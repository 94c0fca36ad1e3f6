//! The whole search on small logs: a planted gap found at the top (ground truth), and
//! the notes that stand in for crashes.

use super::*;
use crate::analyses::Analysis;
use crate::control::Unattended;
use crate::ingest::join::join;
use crate::ingest::{Dataset, TableKind, load_text};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write;

const CATEGORIES: [&str; 6] = ["Tea", "Coffee", "Bakery", "Dairy", "Snacks", "Fruit"];

/// A seeded shop of `customers` customers in regions North, South and East (from a
/// customers table): every customer buys each category with probability 0.45 on each
/// of three visits, except that South buys Tea with probability 0.04. Tea costs 6, the
/// rest 3.
fn planted_shop(customers: usize, seed: u64) -> (String, String) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut log = String::from("customer,order,date,product,category,amount\n");
    let mut attributes = String::from("customer_id,region\n");
    let mut order = 0;
    for c in 0..customers {
        let region = ["North", "South", "East"][c % 3];
        let _ = writeln!(attributes, "C{c:04},{region}");
        for visit in 0..3 {
            order += 1;
            let mut lines = 0;
            for (k, category) in CATEGORIES.iter().enumerate() {
                let p = if *category == "Tea" && region == "South" {
                    0.04
                } else {
                    0.45
                };
                if rng.random_bool(p) {
                    let product = rng.random_range(0..3);
                    let price = if k == 0 { 6 } else { 3 };
                    let _ = writeln!(
                        log,
                        "C{c:04},O{order},2024-0{}-1{visit},{category} {product},{category},{price}",
                        visit + 1
                    );
                    lines += 1;
                }
            }
            if lines == 0 {
                let _ = writeln!(
                    log,
                    "C{c:04},O{order},2024-0{}-1{visit},Fruit 0,Fruit,3",
                    visit + 1
                );
            }
        }
    }
    (log, attributes)
}

/// Runs the search on a log and an attribute table.
fn search(log: &str, attributes: Option<&str>, settings: &Settings) -> (Found, Orders) {
    let log: Dataset = load_text(log, TableKind::Transactions).dataset;
    let orders = Orders::from_dataset(&log);
    let extra = attributes.map(|a| load_text(a, TableKind::Extra).dataset);
    let joined = extra.as_ref().map(|e| join(&log, e));
    let extras: Vec<ExtraTable> = match (&extra, &joined) {
        (Some(dataset), Some(join)) => vec![ExtraTable {
            name: "customers.csv",
            dataset,
            join,
        }],
        _ => Vec::new(),
    };
    let found =
        pollster::block_on(find(&orders, &extras, None, settings, &mut Unattended)).expect("finds");
    (found, orders)
}

fn by_region(benchmark: Benchmark) -> Settings {
    Settings {
        groups: GroupBy::Attribute {
            table: "customers.csv".into(),
            column: "region".into(),
        },
        benchmark,
        period_days: None,
        ..Settings::default()
    }
}

#[test]
fn a_planted_gap_is_found_at_the_top_with_its_contacts() {
    let (log, attributes) = planted_shop(600, 13);
    for benchmark in [
        Benchmark::Everyone,
        Benchmark::LookAlikes { neighbours: 20 },
    ] {
        let (found, orders) = search(&log, Some(&attributes), &by_region(benchmark));
        let s = &found.summary;
        assert_eq!(s.level, Level::Category);
        let top = &s.opportunities[0];
        assert_eq!(
            (top.group.as_str(), top.item.as_str()),
            ("South", "Tea"),
            "{benchmark:?}"
        );
        let gap = &top.gap;
        // South buys tea on about 1 - 0.96^3 = 12% of customers, the others 1 - 0.55^3 = 83%.
        assert!(gap.group_penetration < 0.25, "{gap:?}");
        assert!(gap.peer_penetration > 0.7, "{gap:?}");
        assert!(gap.significant && gap.p_value < 1e-20, "{gap:?}");
        assert_eq!(gap.group_customers, 200);
        assert_eq!(gap.customers_affected, 200 - gap.group_buyers);
        // Peers spend 6 per tea line, so per buyer at least 6.
        assert!(
            gap.peer_spend_per_buyer.is_some_and(|s| s >= 6.0),
            "{gap:?}"
        );
        // Nothing else comes near: any other significant gap is worth far less.
        for other in &s.opportunities[1..] {
            assert!(
                other.gap.expected_revenue < Some(gap.expected_revenue.unwrap_or(0.0) / 5.0),
                "{other:?}"
            );
        }
        assert!(
            top.words
                .en
                .starts_with("Customers with region South buy Tea "),
            "{}",
            top.words.en
        );
        if matches!(benchmark, Benchmark::LookAlikes { .. }) {
            assert!(
                top.words.en.contains("than customers like them"),
                "{}",
                top.words.en
            );
            assert!(gap.peer_customers < 400 + 1);
        } else {
            assert_eq!(gap.peer_customers, 400);
        }

        // Contacts: South's customers without tea, most likely first, each with a next
        // best category other than tea.
        let contacts = found.contacts(&orders, 0, None);
        assert_eq!(contacts.len() as u64, gap.customers_affected);
        assert_eq!(top.contacts, contacts[..20]);
        assert!(contacts.windows(2).all(|w| w[0].score >= w[1].score));
        for contact in &contacts {
            let index: usize = contact.customer[1..].parse().expect("id");
            assert_eq!(index % 3, 1, "a South customer");
            assert_ne!(contact.next_best.as_deref(), Some("Tea"));
        }
        let csv = Finding::customer_rows(&found, &orders).expect("rows");
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("group,item,rank,customer_id,score,next_best")
        );
        assert!(
            lines.next().is_some_and(|l| l.starts_with("South,Tea,1,")),
            "{csv}"
        );
    }
}

#[test]
fn the_gaps_csv_lists_the_figures_strongest_first() {
    let (log, attributes) = planted_shop(300, 5);
    let (found, _) = search(&log, Some(&attributes), &by_region(Benchmark::Everyone));
    let csv = export::gaps_csv(&found);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(export::GAP_COLUMNS.join(",").as_str()));
    let first = lines.next().expect("a gap");
    assert!(first.starts_with("South,Tea,penetration,"), "{first}");
    assert_eq!(csv.lines().count() as u64, found.summary.listed + 1);
    assert_eq!(found.position(" south ", "TEA"), Some(0));
}

#[test]
fn products_when_asked_and_the_grid_of_indexes() {
    let (log, attributes) = planted_shop(600, 21);
    let settings = Settings {
        level: Level::Product,
        ..by_region(Benchmark::Everyone)
    };
    let (found, _) = search(&log, Some(&attributes), &settings);
    let s = &found.summary;
    assert_eq!(s.level, Level::Product);
    assert_eq!(s.items, 18);
    assert!(s.opportunities[0].group == "South" && s.opportunities[0].item.starts_with("Tea "));
    assert_eq!(s.grid.items.len(), 18);
    assert_eq!(s.grid.index.len(), 3);
    let south = s
        .groups
        .iter()
        .position(|g| g.name == "South")
        .expect("South");
    let tea = s
        .grid
        .items
        .iter()
        .position(|i| i == "Tea 0")
        .expect("Tea 0");
    assert!(s.grid.index[south][tea].is_some_and(|x| x < 40.0));
    assert!(s.grid.significant[south][tea]);
}

#[test]
fn notes_stand_in_for_crashes() {
    // One category, no money column, no segments yet, a group of one customer.
    let mut log = String::from("customer,order,date,product,category\n");
    let mut attributes = String::from("customer_id,tier\n");
    for c in 0..30 {
        let _ = writeln!(log, "c{c},{c},2024-01-0{},tea,drinks", c % 9 + 1);
        let tier = if c == 0 { "gold" } else { "basic" };
        let _ = writeln!(attributes, "c{c},{tier}");
    }
    let settings = Settings {
        groups: GroupBy::Attribute {
            table: "customers.csv".into(),
            column: "tier".into(),
        },
        ..Settings::default()
    };
    let (found, _) = search(&log, Some(&attributes), &settings);
    let notes = found.summary.notes.join("\n");
    assert!(notes.contains("no money column"), "{notes}");
    assert!(notes.contains("Only 1 category was bought"), "{notes}");
    assert!(notes.contains("gold has 1 customer"), "{notes}");
    assert!(found.summary.opportunities.is_empty());
    assert_eq!(
        Finding::headline(&found.summary).en,
        "No group of tier (customers.csv) buys an item significantly less often than its peers."
    );

    let (found, _) = search(&log, None, &Settings::default());
    assert_eq!(found.summary.groups_from, GroupSource::Rfm);
    assert!(
        found.summary.notes[1].contains("no segments yet"),
        "{:?}",
        found.summary.notes
    );
    let (found, _) = search(&log, None, &settings);
    assert!(
        found
            .summary
            .notes
            .iter()
            .any(|n| n.contains("No extra table is loaded")),
        "{:?}",
        found.summary.notes
    );
}

#[test]
fn refusals_are_messages() {
    let log = load_text("customer,date\na,2024-01-01\n", TableKind::Transactions).dataset;
    let orders = Orders::from_dataset(&log);
    let error = pollster::block_on(find(
        &orders,
        &[],
        None,
        &Settings::default(),
        &mut Unattended,
    ))
    .expect_err("no items");
    assert!(
        error.to_string().contains("no product or category column"),
        "{error}"
    );
    let (log, attributes) = planted_shop(30, 1);
    let log = load_text(&log, TableKind::Transactions).dataset;
    let orders = Orders::from_dataset(&log);
    let extra = load_text(&attributes, TableKind::Extra).dataset;
    let joined = join(&log, &extra);
    let extras = [ExtraTable {
        name: "customers.csv",
        dataset: &extra,
        join: &joined,
    }];
    let error = pollster::block_on(find(
        &orders,
        &extras,
        None,
        &Settings {
            groups: GroupBy::Attribute {
                table: "customers.csv".into(),
                column: "age".into(),
            },
            ..Settings::default()
        },
        &mut Unattended,
    ))
    .expect_err("no such column");
    assert!(
        error.to_string().contains("has no column \"age\""),
        "{error}"
    );
}

#[test]
fn cancelling_stops_at_a_checkpoint() {
    struct Cancel;
    impl Control for Cancel {
        fn checkpoint(
            &mut self,
            _: crate::control::Progress,
        ) -> impl std::future::Future<Output = Result<(), crate::control::Interrupted>> {
            std::future::ready(Err(crate::control::Interrupted::Cancelled))
        }
    }
    let (log, attributes) = planted_shop(60, 2);
    let log = load_text(&log, TableKind::Transactions).dataset;
    let orders = Orders::from_dataset(&log);
    let extra = load_text(&attributes, TableKind::Extra).dataset;
    let joined = join(&log, &extra);
    let extras = [ExtraTable {
        name: "customers.csv",
        dataset: &extra,
        join: &joined,
    }];
    let error = pollster::block_on(find(
        &orders,
        &extras,
        None,
        &by_region(Benchmark::Everyone),
        &mut Cancel,
    ))
    .expect_err("cancelled");
    assert!(matches!(error, OpportunityError::Interrupted(_)), "{error}");
}
