use super::joined;
use crm_lens::control::Unattended;
use crm_lens::demo::{self, DemoSize};
use crm_lens::opportunities::{Benchmark, Found, GroupBy, Level, Settings, find};
use crm_lens::orders::Orders;
use crm_lens::segments::features::ExtraTable;
use serde::Deserialize;

#[derive(Deserialize, Debug)]
struct Cell {
    group: String,
    item: String,
    group_customers: u64,
    group_buyers: u64,
    peer_customers: u64,
    peer_buyers: u64,
    group_penetration: f64,
    peer_penetration: f64,
    index: Option<f64>,
    z: f64,
    p_value: f64,
    q_value: f64,
    customers_affected: u64,
    expected_converts: f64,
    peer_spend_per_buyer: Option<f64>,
    expected_revenue: Option<f64>,
}

#[derive(Deserialize)]
struct Fixture {
    level: String,
    look_alikes: Option<usize>,
    period_days: u32,
    last_day: i64,
    groups: Vec<String>,
    customers: u64,
    cells: Vec<Cell>,
    ranking: Vec<(String, String)>,
    ranking_all: Vec<(String, String)>,
}

fn fixture(name: &str) -> Fixture {
    let path = format!(
        "{}/tests/fixtures/opportunities/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture");
    serde_json::from_str(&text).expect("fixture reads")
}

/// Within 1e-9: absolutely for shares, indexes and probabilities, relatively for money
/// and counts of converts (sums of many amounts, added in another order by pandas).
fn close(what: &str, ours: f64, theirs: f64, relative: bool) {
    let scale = if relative { theirs.abs().max(1.0) } else { 1.0 };
    assert!(
        (ours - theirs).abs() <= 1e-9 * scale,
        "{what}: {ours} against {theirs}"
    );
}

fn search(f: &Fixture, show_all: bool) -> Found {
    let shop = demo::generate(demo::SEED, DemoSize::default());
    let (log, extra, join) = joined(&shop.transactions, &shop.customers);
    let orders = Orders::from_dataset(&log);
    let extras = [ExtraTable {
        name: "customers.csv",
        dataset: &extra,
        join: &join,
    }];
    let settings = Settings {
        groups: GroupBy::Attribute {
            table: "customers.csv".into(),
            column: "region".into(),
        },
        level: if f.level == "product" {
            Level::Product
        } else {
            Level::Category
        },
        benchmark: match f.look_alikes {
            Some(neighbours) => Benchmark::LookAlikes { neighbours },
            None => Benchmark::Everyone,
        },
        period_days: Some(f.period_days),
        show_all,
        top: 500,
        contacts: 0,
        ..Settings::default()
    };
    pollster::block_on(find(&orders, &extras, None, &settings, &mut Unattended)).expect("finds")
}

fn check(name: &str) {
    let f = fixture(name);
    // Every gap, significant or not: each agrees with its cell.
    let found = search(&f, true);
    let s = &found.summary;
    assert_eq!(s.period.last, f.last_day, "{name}");
    assert_eq!(s.customers, f.customers, "{name}");
    assert_eq!(s.tested, f.cells.len() as u64, "{name}: cells tested");
    let names: Vec<&str> = s.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, f.groups, "{name}");
    let gaps = f
        .cells
        .iter()
        .filter(|c| c.group_penetration < c.peer_penetration)
        .count();
    assert_eq!(found.gaps.len(), gaps, "{name}: gaps");
    for gap in &found.gaps {
        let (group, item) = (found.group_name(gap.group), found.item_name(gap.item));
        let what = format!("{name}: {group} x {item}");
        let cell = f
            .cells
            .iter()
            .find(|c| c.group == group && c.item == item)
            .unwrap_or_else(|| panic!("{what}: not in the fixture"));
        assert_eq!(
            (
                gap.group_customers,
                gap.group_buyers,
                gap.peer_customers,
                gap.peer_buyers,
                gap.customers_affected
            ),
            (
                cell.group_customers,
                cell.group_buyers,
                cell.peer_customers,
                cell.peer_buyers,
                cell.customers_affected
            ),
            "{what}"
        );
        close(&what, gap.group_penetration, cell.group_penetration, false);
        close(&what, gap.peer_penetration, cell.peer_penetration, false);
        close(&what, gap.index, cell.index.expect("index"), false);
        close(&what, gap.z, cell.z, false);
        close(&what, gap.p_value, cell.p_value, false);
        close(&what, gap.q_value, cell.q_value, false);
        close(&what, gap.expected_converts, cell.expected_converts, true);
        close(
            &what,
            gap.peer_spend_per_buyer.expect("money"),
            cell.peer_spend_per_buyer.expect("money"),
            true,
        );
        close(
            &what,
            gap.expected_revenue.expect("money"),
            cell.expected_revenue.expect("money"),
            true,
        );
    }
    // The other cells' indexes, through the heat map (every item when they fit).
    if s.grid.items.len() as u64 == s.items {
        for cell in &f.cells {
            let g = names.iter().position(|n| *n == cell.group).expect("group");
            let i = s
                .grid
                .items
                .iter()
                .position(|n| *n == cell.item)
                .expect("item");
            let ours = s.grid.index[g][i];
            match (ours, cell.index) {
                (Some(a), Some(b)) => close(name, a, b, false),
                (a, b) => assert_eq!(a, b, "{name}: {cell:?}"),
            }
            assert_eq!(s.grid.significant[g][i], cell.q_value <= 0.05, "{cell:?}");
        }
    }
    // Every gap, then the significant ones, strongest first.
    assert_eq!(
        ranking(&found),
        f.ranking_all,
        "{name}: ranking of every gap"
    );
    assert!(!f.ranking_all.is_empty(), "{name}");
    let found = search(&f, false);
    assert_eq!(
        ranking(&found),
        f.ranking,
        "{name}: ranking of the significant gaps"
    );
}

fn ranking(found: &Found) -> Vec<(String, String)> {
    found
        .gaps
        .iter()
        .map(|g| {
            (
                found.group_name(g.group).to_owned(),
                found.item_name(g.item).to_owned(),
            )
        })
        .collect()
}

#[test]
fn demo_by_region_categories_agree_with_pandas() {
    check("demo-region-category");
}

#[test]
fn demo_by_region_products_agree_with_pandas() {
    check("demo-region-product");
}

#[test]
fn demo_by_region_against_look_alikes_agrees_with_pandas() {
    check("demo-region-category-lookalikes");
}
