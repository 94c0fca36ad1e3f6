//! Segmentation of the demo shop against what was planted, measured by the adjusted
//! Rand index.

use super::analysis::{KChoice, Method, Settings, segment};
use super::features::ExtraTable;
use crate::control::Unattended;
use crate::demo::{self, Demo, DemoSize, Persona};
use crate::ingest::join::join;
use crate::ingest::{Dataset, TableKind};
use crate::orders::Orders;
use std::collections::HashMap;

/// The adjusted Rand index of two labelings of the same items (Hubert and Arabie):
/// 1 for identical partitions (up to renumbering), about 0 for chance agreement.
pub(crate) fn adjusted_rand_index(a: &[i64], b: &[i64]) -> f64 {
    assert_eq!(a.len(), b.len());
    let n = a.len() as f64;
    let mut table: HashMap<(i64, i64), f64> = HashMap::new();
    let mut rows: HashMap<i64, f64> = HashMap::new();
    let mut cols: HashMap<i64, f64> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *table.entry((x, y)).or_default() += 1.0;
        *rows.entry(x).or_default() += 1.0;
        *cols.entry(y).or_default() += 1.0;
    }
    let pairs = |v: f64| v * (v - 1.0) / 2.0;
    let index: f64 = table.values().copied().map(pairs).sum();
    let row_sum: f64 = rows.values().copied().map(pairs).sum();
    let col_sum: f64 = cols.values().copied().map(pairs).sum();
    let expected = row_sum * col_sum / pairs(n);
    let max = (row_sum + col_sum) / 2.0;
    if max == expected {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

#[test]
fn ari_by_hand() {
    assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[5, 5, 7, 7]), 1.0);
    // scikit-learn: adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.5714285714285715.
    let ari = adjusted_rand_index(&[0, 0, 1, 1], &[0, 0, 1, 2]);
    assert!((ari - 0.5714285714285715).abs() < 1e-15);
    // adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) = -0.5.
    assert!((adjusted_rand_index(&[0, 0, 1, 1], &[0, 1, 0, 1]) + 0.5).abs() < 1e-15);
}

fn load_as(csv: &str, kind: TableKind) -> Dataset {
    crate::ingest::load_text(csv, kind).dataset
}

struct Loaded {
    demo: Demo,
    log: Dataset,
    customers: Dataset,
    feedback: Dataset,
}

fn demo() -> Loaded {
    let demo = demo::generate(demo::SEED, DemoSize::default());
    Loaded {
        log: load_as(&demo.transactions, TableKind::Transactions),
        customers: load_as(&demo.customers, TableKind::Extra),
        feedback: load_as(&demo.feedback, TableKind::Extra),
        demo,
    }
}

/// The planted persona of each segmented customer, as a number.
fn truth(demo: &Demo, ids: &[String]) -> Vec<i64> {
    let persona: HashMap<&str, Persona> = demo
        .truth
        .personas
        .iter()
        .map(|(id, p)| (id.as_str(), *p))
        .collect();
    ids.iter()
        .map(|id| {
            let p = persona[id.as_str()];
            Persona::ALL.iter().position(|q| *q == p).expect("persona") as i64
        })
        .collect()
}

fn segment_demo(d: &Loaded, settings: &Settings) -> super::Segmentation {
    let orders = Orders::from_dataset(&d.log);
    let attributes = join(&d.log, &d.customers);
    let feedback = join(&d.log, &d.feedback);
    let extras = [
        ExtraTable {
            name: "customers.csv",
            dataset: &d.customers,
            join: &attributes,
        },
        ExtraTable {
            name: "feedback.csv",
            dataset: &d.feedback,
            join: &feedback,
        },
    ];
    pollster::block_on(segment(&orders, &extras, settings, &mut Unattended)).expect("segments")
}

/// K-means with k = 5 (the number of planted personas) on the default features
/// (recency, frequency, monetary, average order value, tenure; log money, z-scores)
/// recovers the personas with an adjusted Rand index of 0.716 (measured 2026-11-22).
/// The test asserts 0.65: well above chance (0) and above what RFM alone gives (0.42
/// with k-means on recency, frequency and monetary), with room for a change of seed or
/// of floating-point order. Two of the five personas (bargain hunters and regulars)
/// differ only in their spending per order and their gaps, so 1.0 is not expected.
#[test]
fn kmeans_recovers_the_planted_personas() {
    let d = demo();
    let settings = Settings {
        method: Method::KMeans(KChoice::Fixed(5)),
        ..Settings::default()
    };
    let s = segment_demo(&d, &settings);
    let planted = truth(&d.demo, &s.features.ids);
    let labels: Vec<i64> = s.labels.iter().map(|&l| i64::from(l)).collect();
    let ari = adjusted_rand_index(&planted, &labels);
    assert!(ari > 0.65, "adjusted Rand index {ari:.3}");
    // The big spenders form one cluster, named for what they are.
    let big = s
        .profiles
        .clusters
        .iter()
        .find(|c| c.name.starts_with("high spend, frequent"))
        .expect("a cluster of big spenders");
    assert!((250..400).contains(&big.size), "{}", big.size);
}

/// RFM's named segments are not personas (eleven of them, cut by quantiles), so the
/// check is where each persona lands: big spenders among Champions and Loyal,
/// lapsed customers in the segments of those who stopped buying, new ones recent with
/// few orders.
#[test]
fn rfm_segments_put_the_personas_where_they_belong() {
    use super::rfm::RfmSegment::*;
    let d = demo();
    let settings = Settings {
        method: Method::KMeans(KChoice::Fixed(5)),
        ..Settings::default()
    };
    let s = segment_demo(&d, &settings);
    let planted = truth(&d.demo, &s.features.ids);
    let share = |persona: Persona, segments: &[super::rfm::RfmSegment]| {
        let p = Persona::ALL
            .iter()
            .position(|q| *q == persona)
            .expect("persona") as i64;
        let members: Vec<usize> = (0..planted.len()).filter(|&i| planted[i] == p).collect();
        let inside = members
            .iter()
            .filter(|&&i| segments.contains(&s.rfm.as_ref().expect("rfm").segments[i]))
            .count();
        inside as f64 / members.len() as f64
    };
    let big = share(Persona::LoyalBigSpender, &[Champions, Loyal]);
    let lapsed = share(Persona::Lapsed, &[Hibernating, Lost, AtRisk, CantLoseThem]);
    // New customers (one to four orders in the last three months) are recent but,
    // against regulars who also bought lately, often only in the middle quintile of
    // recency: their place is R >= 3 with a low F.
    let p = Persona::ALL
        .iter()
        .position(|q| *q == Persona::New)
        .expect("new") as i64;
    let new: Vec<[u8; 3]> = (0..planted.len())
        .filter(|&i| planted[i] == p)
        .map(|i| s.rfm.as_ref().expect("rfm").scores[i])
        .collect();
    let recent = new.iter().filter(|s| s[0] >= 3 && s[1] <= 2).count() as f64 / new.len() as f64;
    assert!(big > 0.9, "{big}");
    assert!(lapsed > 0.9, "{lapsed}");
    assert!(recent > 0.95, "{recent}");
    let customers: u64 = s
        .rfm
        .as_ref()
        .expect("rfm")
        .grid
        .iter()
        .map(|c| c.customers)
        .sum();
    assert_eq!(customers as usize, s.features.ids.len());
    let revenue: f64 = s
        .rfm
        .as_ref()
        .expect("rfm")
        .totals
        .iter()
        .map(|t| t.revenue_share)
        .sum();
    assert!((revenue - 1.0).abs() < 1e-9);
}

#[test]
fn the_default_analysis_of_the_demo_chooses_k_and_maps_it() {
    let d = demo();
    // The default settings, with fewer restarts to keep the test quick.
    let settings = Settings {
        restarts: 3,
        ..Settings::default()
    };
    let s = segment_demo(&d, &settings);
    let super::analysis::Clustering::KMeans {
        curve: Some(curve), ..
    } = &s.clustering
    else {
        panic!("k-means over a range");
    };
    assert_eq!(curve.ks, (2..=8).collect::<Vec<_>>());
    assert!(!curve.sampled, "3,000 customers are scored in full");
    assert_eq!(
        s.labels.iter().map(|&l| l as usize).max(),
        Some(curve.suggested - 1)
    );
    assert_eq!(s.map.points.len(), s.features.ids.len());
    assert_eq!(s.map.centroids.len(), curve.suggested);
    assert!(s.map.pca.explained_variance_ratio[0] > 0.3);
    // The result travels from the worker to the page through postcard.
    let bytes = postcard::to_allocvec(&s).expect("encodes");
    let back: super::Segmentation = postcard::from_bytes(&bytes).expect("decodes");
    assert_eq!(back, s);
    let csv = super::customers_csv(&s);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("customer_id,segment,segment_name"))
    );
    assert_eq!(lines.count(), s.features.ids.len());
}

#[test]
fn a_small_shop_narrows_the_range_of_k_and_says_so() {
    let csv = "customer,date,amount\na,2024-01-02,10\nb,2024-01-05,20\nc,2024-02-01,300\n\
               d,2024-02-03,15\na,2024-03-01,12\n";
    let log = load_as(csv, TableKind::Transactions);
    let orders = Orders::from_dataset(&log);
    let s = pollster::block_on(segment(&orders, &[], &Settings::default(), &mut Unattended))
        .expect("segments");
    let super::analysis::Clustering::KMeans {
        curve: Some(curve), ..
    } = &s.clustering
    else {
        panic!("k-means over a range");
    };
    assert_eq!(curve.ks, [2, 3]);
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("k was tried from 2 to 3 only"))
    );
}
