//! Tests across the modules: both algorithms against brute force and each other, the
//! limits, cancellation, the edge cases, the demo's planted pairs, and the reference
//! fixtures made with mlxtend.

use super::*;
use crate::control::{Progress, Unattended};
use crate::demo::{self, DemoSize};
use crate::ingest::{LoadOptions, load};
use std::collections::BTreeMap;

/// Itemsets as (items, count), in canonical order.
type List = Vec<(Vec<u32>, u32)>;

fn list(itemsets: &Itemsets) -> List {
    itemsets
        .iter()
        .map(|s| (s.items.to_vec(), s.count))
        .collect()
}

fn params(min_count: u32, max_len: Option<u32>, algorithm: Algorithm) -> RulesParams {
    RulesParams {
        min_support: MinSupport::Count(min_count),
        max_len,
        algorithm,
        min_confidence: 0.0,
        min_lift: 0.0,
        max_rules: None,
        ..RulesParams::default()
    }
}

fn mine(baskets: &Baskets, params: &RulesParams) -> Itemsets {
    let checked = params.check(baskets).expect("valid settings");
    pollster::block_on(itemsets::mine(baskets, &checked, &mut Unattended)).expect("mined")
}

fn both(baskets: &Baskets, min_count: u32, max_len: Option<u32>) -> Itemsets {
    let fp = mine(baskets, &params(min_count, max_len, Algorithm::FpGrowth));
    let ap = mine(baskets, &params(min_count, max_len, Algorithm::Apriori));
    assert_eq!(fp, ap, "FP-growth and Apriori differ");
    fp
}

/// Every itemset of up to `max_len` items in at least `min_count` baskets, by counting
/// every subset of every basket.
fn brute_force(baskets: &Baskets, min_count: u32, max_len: usize) -> List {
    let mut counts: BTreeMap<(usize, Vec<u32>), u32> = BTreeMap::new();
    for basket in baskets.iter() {
        for mask in 1u32..(1 << basket.len()) {
            if mask.count_ones() as usize > max_len {
                continue;
            }
            let subset: Vec<u32> = (0..basket.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| basket[i])
                .collect();
            *counts.entry((subset.len(), subset)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, count)| *count >= min_count)
        .map(|((_, items), count)| (items, count))
        .collect()
}

fn lists(baskets: &[&[&str]]) -> Baskets {
    Baskets::from_lists(baskets.iter().map(|b| b.iter().copied()))
}

#[test]
fn a_small_case_by_hand() {
    let baskets = lists(&[
        &["milk", "bread", "eggs"],
        &["milk", "bread"],
        &["bread", "jam"],
        &["milk", "eggs", "bread"],
        &["jam"],
    ]);
    let found = both(&baskets, 2, None);
    let expected: List = vec![
        (vec![0], 3),
        (vec![1], 4),
        (vec![2], 2),
        (vec![3], 2),
        (vec![0, 1], 3),
        (vec![0, 2], 2),
        (vec![1, 2], 2),
        (vec![0, 1, 2], 2),
    ];
    assert_eq!(list(&found), expected);
    assert_eq!(found.partial, None);
    assert_eq!(found.support(0), 0.6);
}

#[test]
fn no_baskets_or_nothing_frequent_gives_nothing() {
    let empty = Baskets::from_lists(Vec::<Vec<&str>>::new());
    assert!(both(&empty, 1, None).is_empty());
    let share = RulesParams {
        min_support: MinSupport::Share(0.5),
        ..RulesParams::default()
    };
    let checked = share.check(&empty).expect("valid");
    let analysis =
        pollster::block_on(analyse(&empty, &checked, &mut Unattended)).expect("analysed");
    assert_eq!((analysis.itemsets, analysis.rules.len()), (0, 0));

    let baskets = lists(&[&["a", "b"], &["c"]]);
    assert!(both(&baskets, 3, None).is_empty());
    let checked = params(3, None, Algorithm::FpGrowth)
        .check(&baskets)
        .expect("valid");
    let analysis =
        pollster::block_on(analyse(&baskets, &checked, &mut Unattended)).expect("analysed");
    assert_eq!((analysis.itemsets, analysis.rules.len()), (0, 0));
    assert_eq!(analysis.estimate.frequent_items, 0);
}

#[test]
fn everything_frequent() {
    // Ten items in every basket: every one of the 1,023 subsets is in all 5 baskets.
    let items: Vec<String> = (0..10).map(|i| format!("item {i}")).collect();
    let baskets = Baskets::from_lists(vec![items; 5]);
    let found = both(&baskets, 1, None);
    assert_eq!(found.len(), 1023);
    assert!(found.iter().all(|s| s.count == 5));
    let rules = pollster::block_on(rules::rules(
        &found,
        &params(1, None, Algorithm::FpGrowth)
            .check(&baskets)
            .expect("valid"),
        &mut Unattended,
    ))
    .expect("rules");
    // Each itemset of k items splits into 2^k - 2 rules: 3^10 - 2^11 + 1 in all.
    assert_eq!(rules.matched, 59049 - 2048 + 1);
    assert!(rules.rules.iter().all(|r| r.confidence == 1.0
        && r.lift == 1.0
        && r.leverage == 0.0
        && r.conviction == f64::INFINITY));
}

#[test]
fn the_longest_itemset_is_respected() {
    let items: Vec<String> = (0..6).map(|i| format!("item {i}")).collect();
    let baskets = Baskets::from_lists(vec![items; 3]);
    let found = both(&baskets, 1, Some(2));
    assert_eq!(found.len(), 6 + 15);
    assert_eq!(list(&found), brute_force(&baskets, 1, 2));
    assert_eq!(both(&baskets, 1, Some(1)).len(), 6);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::RngSeed;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 300,
            rng_seed: RngSeed::Fixed(20_261_122),
            ..ProptestConfig::default()
        })]

        #[test]
        fn both_algorithms_find_exactly_the_frequent_itemsets(
            raw in proptest::collection::vec(proptest::collection::vec(0u8..12, 0..9), 0..50),
            min_count in 1u32..6,
            max_len in proptest::option::of(1u32..5),
        ) {
            let baskets = Baskets::from_lists(
                raw.iter().map(|b| b.iter().map(|i| format!("i{i}"))),
            );
            let found = both(&baskets, min_count, max_len);
            let longest = max_len.map_or(usize::MAX, |l| l as usize);
            prop_assert_eq!(list(&found), brute_force(&baskets, min_count, longest));
        }
    }
}

/// Seeded random baskets: `n` baskets of `mean` items on average from `items` items of
/// Zipf-like popularity, with a few items planted to come together.
fn random_baskets(n: usize, items: u32, mean: u32, seed: u64) -> Baskets {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let weights: Vec<f64> = (1..=items).map(|k| 1.0 / f64::from(k)).collect();
    let total: f64 = weights.iter().sum();
    let lists = (0..n).map(|_| {
        let size = (0..2 * mean)
            .filter(|_| rng.random_bool(0.5))
            .count()
            .max(1);
        let mut basket: Vec<u32> = Vec::new();
        while basket.len() < size {
            let mut draw = rng.random::<f64>() * total;
            let item = weights
                .iter()
                .position(|w| {
                    draw -= w;
                    draw < 0.0
                })
                .unwrap_or(0) as u32;
            if !basket.contains(&item) {
                basket.push(item);
            }
            if item % 7 == 3 && rng.random_bool(0.7) && !basket.contains(&(item + 1)) {
                basket.push(item + 1);
            }
        }
        basket.into_iter().map(|i| format!("item {i}"))
    });
    Baskets::from_lists(lists.collect::<Vec<_>>())
}

#[test]
fn both_algorithms_agree_on_larger_random_baskets() {
    for (seed, min_count, max_len) in [(1, 10, None), (2, 4, Some(3)), (3, 25, None)] {
        let baskets = random_baskets(3000, 80, 6, seed);
        let found = both(&baskets, min_count, max_len);
        assert!(found.len() > 100, "seed {seed}: {} itemsets", found.len());
    }
}

/// A control that counts its checkpoints and cancels at the `cancel_at`-th.
struct Counting {
    seen: usize,
    cancel_at: usize,
}

impl crate::control::Control for Counting {
    fn checkpoint(
        &mut self,
        _: Progress,
    ) -> impl std::future::Future<Output = Result<(), Interrupted>> {
        self.seen += 1;
        std::future::ready(if self.seen == self.cancel_at {
            Err(Interrupted::Cancelled)
        } else {
            Ok(())
        })
    }
}

#[test]
fn long_searches_can_be_cancelled() {
    let baskets = random_baskets(6000, 150, 8, 4);
    for algorithm in [Algorithm::FpGrowth, Algorithm::Apriori] {
        let checked = RulesParams {
            min_confidence: 0.5,
            ..params(15, None, algorithm)
        }
        .check(&baskets)
        .expect("valid");
        let mut counting = Counting {
            seen: 0,
            cancel_at: usize::MAX,
        };
        let whole = pollster::block_on(analyse(&baskets, &checked, &mut counting));
        assert!(whole.is_ok());
        assert!(
            counting.seen >= 6,
            "{algorithm:?}: {} checkpoints",
            counting.seen
        );
        let mut cancelling = Counting {
            seen: 0,
            cancel_at: counting.seen / 2,
        };
        let result = pollster::block_on(analyse(&baskets, &checked, &mut cancelling));
        assert_eq!(result, Err(Interrupted::Cancelled), "{algorithm:?}");
    }
}

#[test]
fn the_limit_stops_the_search_with_a_consistent_part() {
    let baskets = random_baskets(2000, 60, 6, 5);
    let all = both(&baskets, 5, None);
    let limit = all.len() as u64 / 3;
    let limited = |algorithm| {
        let params = RulesParams {
            max_itemsets: limit,
            ..params(5, None, algorithm)
        };
        mine(&baskets, &params)
    };

    // FP-growth: every itemset among the most frequent items.
    let fp = limited(Algorithm::FpGrowth);
    let Some(Partial::MostFrequentItems { items, limit: l }) = fp.partial else {
        panic!("{:?}", fp.partial)
    };
    assert_eq!(l, limit);
    assert!(fp.len() as u64 <= limit && !fp.is_empty());
    let counts = itemsets::item_counts(&baskets);
    let mut by_frequency: Vec<u32> = (0..counts.len() as u32)
        .filter(|&i| counts[i as usize] >= 5)
        .collect();
    by_frequency.sort_by_key(|&i| (std::cmp::Reverse(counts[i as usize]), i));
    let top = &by_frequency[..items as usize];
    let expected: List = list(&all)
        .into_iter()
        .filter(|(set, _)| set.iter().all(|i| top.contains(i)))
        .collect();
    assert_eq!(list(&fp), expected);

    // Apriori: every itemset up to a length.
    let ap = limited(Algorithm::Apriori);
    let Some(Partial::UpToLength { length, .. }) = ap.partial else {
        panic!("{:?}", ap.partial)
    };
    assert!(ap.len() as u64 <= limit);
    let expected: List = list(&all)
        .into_iter()
        .filter(|(set, _)| set.len() <= length as usize)
        .collect();
    assert_eq!(list(&ap), expected);

    // Rules from a part are exact: each is among the rules of the whole.
    let checked = RulesParams {
        max_itemsets: limit,
        min_confidence: 0.3,
        ..params(5, None, Algorithm::FpGrowth)
    }
    .check(&baskets)
    .expect("valid");
    let part = pollster::block_on(rules::rules(&fp, &checked, &mut Unattended)).expect("rules");
    let whole = pollster::block_on(rules::rules(&all, &checked, &mut Unattended)).expect("rules");
    assert!(part.partial.is_some() && part.matched > 0);
    let whole: std::collections::HashMap<(&[u32], &[u32]), &Rule> = whole
        .rules
        .iter()
        .map(|r| ((r.antecedent.as_slice(), r.consequent.as_slice()), r))
        .collect();
    assert!(
        part.rules
            .iter()
            .all(|r| whole[&(r.antecedent.as_slice(), r.consequent.as_slice())] == r)
    );

    // A limit below the number of frequent items: nothing, but said so.
    let tiny = RulesParams {
        max_itemsets: 1,
        ..params(5, None, Algorithm::Apriori)
    };
    let none = mine(&baskets, &tiny);
    assert!(none.is_empty());
    assert_eq!(
        none.partial,
        Some(Partial::UpToLength {
            length: 0,
            limit: 1
        })
    );
}

#[test]
fn rules_are_filtered_thresholded_and_the_strongest_kept() {
    let baskets = random_baskets(3000, 40, 6, 6);
    let base = RulesParams {
        min_support: MinSupport::Count(15),
        min_confidence: 0.0,
        min_lift: 0.0,
        max_len: None,
        max_rules: None,
        ..RulesParams::default()
    };
    let run = |params: &RulesParams| {
        let checked = params.check(&baskets).expect("valid");
        let found =
            pollster::block_on(itemsets::mine(&baskets, &checked, &mut Unattended)).expect("mine");
        pollster::block_on(rules::rules(&found, &checked, &mut Unattended)).expect("rules")
    };
    let all = run(&base);
    assert_eq!(all.matched as usize, all.rules.len());
    assert!(all.rules.len() > 1000, "{}", all.rules.len());
    // Strongest first.
    assert!(
        all.rules
            .windows(2)
            .all(|w| (w[0].lift, w[0].confidence) >= (w[1].lift, w[1].confidence))
    );

    let strict = run(&RulesParams {
        min_confidence: 0.3,
        min_lift: 1.5,
        ..base.clone()
    });
    let expected: Vec<&Rule> = all
        .rules
        .iter()
        .filter(|r| r.confidence >= 0.3 && r.lift >= 1.5)
        .collect();
    assert_eq!(strict.rules.iter().collect::<Vec<_>>(), expected);

    let top = run(&RulesParams {
        max_rules: Some(25),
        ..base.clone()
    });
    assert_eq!(top.rules, all.rules[..25]);
    assert_eq!(top.matched, all.matched);

    let (a, c) = (
        baskets.id("item 3").expect("3"),
        baskets.id("item 4").expect("4"),
    );
    let filtered = run(&RulesParams {
        antecedent_items: vec!["item 3".into()],
        consequent_items: vec!["item 4".into(), "item 1".into()],
        ..base
    });
    let one = baskets.id("item 1").expect("1");
    let expected: Vec<&Rule> = all
        .rules
        .iter()
        .filter(|r| {
            r.antecedent.contains(&a) && (r.consequent.contains(&c) || r.consequent.contains(&one))
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(filtered.rules.iter().collect::<Vec<_>>(), expected);
}

fn demo_dataset() -> crate::ingest::Dataset {
    let demo = demo::generate(demo::SEED, DemoSize::default());
    pollster::block_on(load(
        demo.transactions.as_bytes(),
        None,
        &LoadOptions::default(),
        &mut Unattended,
    ))
    .expect("the demo loads")
    .dataset
}

fn demo_baskets(per: Per, level: Level) -> Baskets {
    let options = BasketOptions { per, level };
    pollster::block_on(Baskets::from_dataset(
        &demo_dataset(),
        options,
        &mut Unattended,
    ))
    .expect("baskets")
    .0
}

#[test]
fn the_demos_planted_pairs_are_found() {
    let (report, analysis) = pollster::block_on(analyse_dataset(
        &demo_dataset(),
        BasketOptions::default(),
        &RulesParams::default(),
        &mut Unattended,
    ))
    .expect("analysed");
    assert!(report.baskets > 20_000 && report.returns > 0, "{report:?}");
    assert_eq!(analysis.partial, None);
    assert_eq!(analysis.estimate.warning, None);
    for (antecedent, consequent) in demo::PLANTED {
        let rule = (0..analysis.rules.len())
            .find(|&i| {
                let r = &analysis.rules[i];
                r.antecedent.len() == 1
                    && r.consequent.len() == 1
                    && analysis.names[r.antecedent[0] as usize] == antecedent
                    && analysis.names[r.consequent[0] as usize] == consequent
            })
            .unwrap_or_else(|| panic!("{antecedent} -> {consequent} not found"));
        let lift = analysis.rules[rule].lift;
        assert!(lift > 3.0, "{antecedent} -> {consequent}: lift {lift}");
        let words = analysis.headline(rule, words::Language::English);
        assert!(
            words.starts_with(&format!("Customers who buy {antecedent} buy {consequent} ")),
            "{words}"
        );
    }
    // The planted pairs are the strongest rules.
    let strongest: Vec<(&str, &str)> = analysis.rules[..6]
        .iter()
        .map(|r| {
            (
                analysis.names[r.antecedent[0] as usize].as_str(),
                analysis.names[r.consequent[0] as usize].as_str(),
            )
        })
        .collect();
    for (a, c) in demo::PLANTED {
        assert!(
            strongest.contains(&(a, c)) && strongest.contains(&(c, a)),
            "{strongest:?}"
        );
    }
}

/// The reference fixtures made with mlxtend (`scripts/baskets-fixtures.sh`).
mod reference {
    use super::*;
    use serde_json::Value;
    use std::path::PathBuf;

    fn fixtures() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/baskets")
    }

    fn names(value: &Value) -> Vec<String> {
        let mut names: Vec<String> = value
            .as_array()
            .expect("a list of items")
            .iter()
            .map(|v| v.as_str().expect("an item").to_owned())
            .collect();
        names.sort();
        names
    }

    fn number(value: &Value) -> f64 {
        match value {
            Value::String(s) if s == "inf" => f64::INFINITY,
            _ => value.as_f64().expect("a number"),
        }
    }

    fn close(ours: f64, theirs: f64) -> bool {
        ours == theirs || (ours - theirs).abs() <= 1e-9
    }

    /// Checks both algorithms against the fixture `case`: the same itemsets with the
    /// same counts, the same rules, every metric within 1e-9.
    fn check(case: &str) {
        let text = std::fs::read_to_string(fixtures().join(format!("{case}.json")))
            .expect("the fixture is there");
        let fixture: Value = serde_json::from_str(&text).expect("the fixture is JSON");
        let baskets = match fixture["data"].as_str().expect("data") {
            "supermarket" => Baskets::from_text(
                &std::fs::read_to_string(fixtures().join("supermarket.baskets"))
                    .expect("the supermarket baskets are there"),
            ),
            "demo_orders" => demo_baskets(Per::Order, Level::Product),
            "demo_customers" => demo_baskets(Per::Customer, Level::Category),
            other => panic!("unknown data {other}"),
        };
        assert_eq!(
            baskets.len() as u64,
            fixture["baskets"].as_u64().expect("baskets"),
            "{case}: the baskets are not those of the fixture; if the demo changed on \
             purpose, run scripts/baskets-fixtures.sh"
        );
        let expected_itemsets: BTreeMap<Vec<String>, (u32, f64)> = fixture["itemsets"]
            .as_array()
            .expect("itemsets")
            .iter()
            .map(|s| {
                let count = s["count"].as_u64().expect("count") as u32;
                (names(&s["items"]), (count, number(&s["support"])))
            })
            .collect();
        type RuleKey = (Vec<String>, Vec<String>);
        const METRICS: [&str; 7] = [
            "antecedent support",
            "consequent support",
            "support",
            "confidence",
            "lift",
            "leverage",
            "conviction",
        ];
        let expected_rules: BTreeMap<RuleKey, Vec<f64>> = fixture["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| {
                let key = (names(&r["antecedents"]), names(&r["consequents"]));
                (key, METRICS.iter().map(|m| number(&r[*m])).collect())
            })
            .collect();
        let params = |algorithm| RulesParams {
            min_support: MinSupport::Share(number(&fixture["min_support"])),
            min_confidence: number(&fixture["min_confidence"]),
            min_lift: number(&fixture["min_lift"]),
            max_len: fixture["max_len"].as_u64().map(|l| l as u32),
            max_rules: None,
            algorithm,
            ..RulesParams::default()
        };
        let named = |ids: &[u32]| {
            let mut names: Vec<String> = ids.iter().map(|&i| baskets.name(i).to_owned()).collect();
            names.sort();
            names
        };
        for algorithm in [Algorithm::FpGrowth, Algorithm::Apriori] {
            let checked = params(algorithm).check(&baskets).expect("valid");
            let found = pollster::block_on(itemsets::mine(&baskets, &checked, &mut Unattended))
                .expect("mined");
            let ours: BTreeMap<Vec<String>, (u32, f64)> = (0..found.len())
                .map(|i| {
                    (
                        named(found.get(i).items),
                        (found.get(i).count, found.support(i)),
                    )
                })
                .collect();
            assert_eq!(
                ours.keys().collect::<Vec<_>>(),
                expected_itemsets.keys().collect::<Vec<_>>(),
                "{case}, {algorithm:?}: itemsets"
            );
            for (items, (count, support)) in &ours {
                let (their_count, their_support) = expected_itemsets[items];
                assert_eq!(*count, their_count, "{case}: {items:?}");
                assert!(close(*support, their_support), "{case}: {items:?}");
            }
            let rules =
                pollster::block_on(rules::rules(&found, &checked, &mut Unattended)).expect("rules");
            let ours: BTreeMap<RuleKey, Vec<f64>> = rules
                .rules
                .iter()
                .map(|r| {
                    let metrics = vec![
                        r.antecedent_support,
                        r.consequent_support,
                        r.support,
                        r.confidence,
                        r.lift,
                        r.leverage,
                        r.conviction,
                    ];
                    ((named(&r.antecedent), named(&r.consequent)), metrics)
                })
                .collect();
            assert_eq!(
                ours.keys().collect::<Vec<_>>(),
                expected_rules.keys().collect::<Vec<_>>(),
                "{case}, {algorithm:?}: rules"
            );
            for (key, metrics) in &ours {
                for ((name, ours), theirs) in METRICS.iter().zip(metrics).zip(&expected_rules[key])
                {
                    assert!(
                        close(*ours, *theirs),
                        "{case}: {key:?} {name}: {ours} against {theirs}"
                    );
                }
            }
        }
        // What mlxtend's fpgrowth missed on the threshold, ours found.
        for missed in fixture["fpgrowth_misses"].as_array().expect("misses") {
            assert!(expected_itemsets.contains_key(&names(missed)));
        }
    }

    #[test]
    fn supermarket() {
        check("supermarket");
    }

    #[test]
    fn supermarket_on_the_thresholds() {
        check("supermarket-on-threshold");
    }

    #[test]
    fn demo_orders() {
        check("demo-orders");
    }

    #[test]
    fn demo_customers_everything_frequent() {
        check("demo-customers");
    }
}

#[test]
fn an_analysis_travels_through_postcard_intact() {
    let baskets = lists(&[&["a", "b"], &["a", "b"], &["a"], &["c"]]);
    let checked = params(1, None, Algorithm::FpGrowth)
        .check(&baskets)
        .expect("valid");
    let analysis =
        pollster::block_on(analyse(&baskets, &checked, &mut Unattended)).expect("analysed");
    assert!(analysis.rules.iter().any(|r| r.conviction == f64::INFINITY));
    let bytes = postcard::to_allocvec(&analysis).expect("encodes");
    let back: Analysis = postcard::from_bytes(&bytes).expect("decodes");
    assert_eq!(back, analysis);
}

/// The Titanic's 2,201 passengers (R's `datasets::Titanic`), one basket each of class,
/// sex, age and survival: the classic small rules example.
fn titanic() -> Baskets {
    // (class, sex, age, survived, passengers)
    const TABLE: [(&str, &str, &str, &str, usize); 32] = [
        ("1st", "Male", "Child", "No", 0),
        ("2nd", "Male", "Child", "No", 0),
        ("3rd", "Male", "Child", "No", 35),
        ("Crew", "Male", "Child", "No", 0),
        ("1st", "Female", "Child", "No", 0),
        ("2nd", "Female", "Child", "No", 0),
        ("3rd", "Female", "Child", "No", 17),
        ("Crew", "Female", "Child", "No", 0),
        ("1st", "Male", "Adult", "No", 118),
        ("2nd", "Male", "Adult", "No", 154),
        ("3rd", "Male", "Adult", "No", 387),
        ("Crew", "Male", "Adult", "No", 670),
        ("1st", "Female", "Adult", "No", 4),
        ("2nd", "Female", "Adult", "No", 13),
        ("3rd", "Female", "Adult", "No", 89),
        ("Crew", "Female", "Adult", "No", 3),
        ("1st", "Male", "Child", "Yes", 5),
        ("2nd", "Male", "Child", "Yes", 11),
        ("3rd", "Male", "Child", "Yes", 13),
        ("Crew", "Male", "Child", "Yes", 0),
        ("1st", "Female", "Child", "Yes", 1),
        ("2nd", "Female", "Child", "Yes", 13),
        ("3rd", "Female", "Child", "Yes", 14),
        ("Crew", "Female", "Child", "Yes", 0),
        ("1st", "Male", "Adult", "Yes", 57),
        ("2nd", "Male", "Adult", "Yes", 14),
        ("3rd", "Male", "Adult", "Yes", 75),
        ("Crew", "Male", "Adult", "Yes", 192),
        ("1st", "Female", "Adult", "Yes", 140),
        ("2nd", "Female", "Adult", "Yes", 80),
        ("3rd", "Female", "Adult", "Yes", 76),
        ("Crew", "Female", "Adult", "Yes", 20),
    ];
    Baskets::from_lists(TABLE.iter().flat_map(|&(class, sex, age, survived, n)| {
        let basket = vec![
            format!("Class={class}"),
            format!("Sex={sex}"),
            format!("Age={age}"),
            format!("Survived={survived}"),
        ];
        std::iter::repeat_n(basket, n)
    }))
}

fn analysed(baskets: &Baskets, params: &RulesParams) -> Analysis {
    let checked = params.check(baskets).expect("valid settings");
    pollster::block_on(analyse(baskets, &checked, &mut Unattended)).expect("analysed")
}

/// Regression: `--min-lift 1` (the default) dropped 9 of the Titanic's 29 rules at a
/// support of 0.1 and a confidence of 0.8 without a word.
#[test]
fn rules_below_the_minimum_lift_are_counted_in_a_note() {
    let baskets = titanic();
    assert_eq!(baskets.len(), 2201);
    let settings = RulesParams {
        min_support: MinSupport::Share(0.1),
        min_confidence: 0.8,
        max_rules: None,
        ..RulesParams::default()
    };
    let all = analysed(
        &baskets,
        &RulesParams {
            min_lift: 0.0,
            ..settings.clone()
        },
    );
    assert_eq!(all.rules.len(), 29);
    let lifted = analysed(&baskets, &settings);
    assert_eq!(lifted.rules.len(), 20);
    let below = all.rules.iter().filter(|r| r.lift < 1.0).count() as u64;
    assert_eq!(below, 9);
    let note = lifted
        .notes
        .iter()
        .find(|n| n.setting() == Setting::MinLift)
        .expect("a note on the lift");
    assert_eq!(
        *note,
        RulesNote::BelowLift {
            rules: 9,
            min_lift: 1.0
        }
    );
    assert_eq!(
        note.text(|s| s.label().to_owned()),
        "9 rules met the minimum confidence but have a lift below the minimum of 1, so they \
         are left out; set the minimum lift to 0 to keep them"
    );
    // Every basket has four items: nothing longer than the limit of 4 can be frequent.
    assert!(
        lifted
            .notes
            .iter()
            .all(|n| !matches!(n, RulesNote::LengthLimit { .. })),
        "{:?}",
        lifted.notes
    );
    // A limit of 3 cuts what the four-item itemsets would give.
    let three = analysed(
        &baskets,
        &RulesParams {
            max_len: Some(3),
            ..settings
        },
    );
    assert!(three.rules.len() < 20);
    assert!(
        three
            .notes
            .iter()
            .any(|n| matches!(n, RulesNote::LengthLimit { max_len: 3, .. })),
        "{:?}",
        three.notes
    );
}

/// Every candidate rule is counted once: as left out by one setting, or as matched; the
/// rules past `max_rules` are said too.
#[test]
fn the_counts_of_rules_left_out_add_up() {
    let baskets = random_baskets(2000, 30, 5, 11);
    let base = RulesParams {
        min_support: MinSupport::Count(20),
        min_confidence: 0.0,
        min_lift: 0.0,
        max_len: None,
        max_rules: None,
        ..RulesParams::default()
    };
    let everything = analysed(&baskets, &base);
    assert!(everything.notes.is_empty(), "{:?}", everything.notes);
    let candidates = everything.matched;
    let strict = analysed(
        &baskets,
        &RulesParams {
            min_confidence: 0.3,
            min_lift: 1.2,
            antecedent_items: vec!["item 1".into(), "item 2".into()],
            max_rules: Some(3),
            ..base
        },
    );
    let count = |setting: Setting| {
        strict
            .notes
            .iter()
            .find(|n| n.setting() == setting)
            .map(|n| match *n {
                RulesNote::BelowConfidence { rules, .. }
                | RulesNote::BelowLift { rules, .. }
                | RulesNote::OutsideFilters { rules } => rules,
                RulesNote::BeyondMaxRules { matched, kept } => matched - kept,
                RulesNote::LengthLimit { .. } => 0,
            })
            .unwrap_or(0)
    };
    let below_confidence = count(Setting::MinConfidence);
    let below_lift = count(Setting::MinLift);
    let outside = count(Setting::ItemFilters);
    assert!(below_confidence > 0 && below_lift > 0 && outside > 0);
    assert_eq!(
        below_confidence + below_lift + outside + strict.matched,
        candidates
    );
    assert_eq!(strict.rules.len(), 3);
    assert_eq!(count(Setting::MaxRules), strict.matched - 3);
    // By hand from every rule: confidence first, then lift, then the filters.
    let all = &everything.rules;
    let expected_confidence = all.iter().filter(|r| r.confidence < 0.3).count() as u64;
    let expected_lift = all
        .iter()
        .filter(|r| r.confidence >= 0.3 && r.lift < 1.2)
        .count() as u64;
    assert_eq!(below_confidence, expected_confidence);
    assert_eq!(below_lift, expected_lift);
}

/// The length limit of 4 (the default) cuts 156 of the supermarket's 737 rules at a
/// support of 0.15 and a confidence of 0.8 (mlxtend's rules, `supermarket.json`); the
/// note says how many frequent itemsets reached the limit.
#[test]
fn the_length_limit_is_said_when_it_may_cut_rules() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/baskets/supermarket.baskets");
    let baskets = Baskets::from_text(&std::fs::read_to_string(path).expect("fixture"));
    let settings = RulesParams {
        min_support: MinSupport::Share(0.15),
        min_confidence: 0.8,
        min_lift: 0.0,
        max_rules: None,
        ..RulesParams::default()
    };
    let unlimited = analysed(
        &baskets,
        &RulesParams {
            max_len: None,
            ..settings.clone()
        },
    );
    assert_eq!(unlimited.rules.len(), 737);
    assert!(
        unlimited
            .notes
            .iter()
            .all(|n| n.setting() != Setting::MaxLen)
    );
    let limited = analysed(&baskets, &settings);
    assert_eq!(limited.rules.len(), 581);
    let note = limited
        .notes
        .iter()
        .find(|n| n.setting() == Setting::MaxLen)
        .expect("a note on the length");
    let RulesNote::LengthLimit {
        max_len,
        itemsets,
        baskets: longer,
    } = *note
    else {
        panic!("{note:?}")
    };
    assert_eq!(max_len, 4);
    let checked = settings.check(&baskets).expect("valid");
    let found = mine(&baskets, &settings);
    let at_four = found.iter().filter(|s| s.items.len() == 4).count() as u64;
    assert_eq!(itemsets, at_four);
    assert!(longer >= u64::from(checked.min_count));
    assert!(
        note.text(|_| "--max-len".to_owned())
            .ends_with("set --max-len to none (or 5) to look for them")
    );
}
