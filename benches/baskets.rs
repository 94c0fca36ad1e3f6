//! Market basket analysis on 100,000 seeded synthetic baskets (1,000 items of Zipf-like
//! popularity, 8 items per basket on average) at a minimum support of 0.1%: frequent
//! itemsets by FP-growth and by Apriori, and the rules. Run through
//! `scripts/bench-baskets.sh`, which writes the baskets and times mlxtend on them.

use criterion::{Criterion, criterion_group, criterion_main};
use crm_lens::baskets::{self, Algorithm, Baskets, MinSupport, RulesParams, itemsets, rules};
use crm_lens::control::Unattended;
use std::hint::black_box;

fn bench_baskets(c: &mut Criterion) {
    let path = std::env::var("CRM_LENS_BENCH_BASKETS")
        .unwrap_or_else(|_| "target/bench/baskets_100k.tsv".to_owned());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{path} is missing: run scripts/bench-baskets.sh");
        return;
    };
    let baskets = Baskets::from_lists(text.lines().map(|line| line.split('\t')));
    let params = |algorithm| RulesParams {
        min_support: MinSupport::Share(0.001),
        min_confidence: 0.0,
        min_lift: 0.0,
        max_len: None,
        max_rules: None,
        algorithm,
        ..RulesParams::default()
    };
    let Ok(fp) = params(Algorithm::FpGrowth).check(&baskets) else {
        return;
    };
    let Ok(apriori) = params(Algorithm::Apriori).check(&baskets) else {
        return;
    };
    let mine = |checked| pollster::block_on(itemsets::mine(&baskets, checked, &mut Unattended));
    if let Ok(found) = mine(&fp) {
        eprintln!(
            "{} baskets, {} frequent itemsets",
            baskets.len(),
            found.len()
        );
    }

    let mut group = c.benchmark_group("baskets_100k");
    group.sample_size(10);
    group.bench_function("fpgrowth", |b| {
        b.iter(|| black_box(mine(&fp).map(|found| found.len()).unwrap_or_default()))
    });
    group.bench_function("apriori", |b| {
        b.iter(|| black_box(mine(&apriori).map(|found| found.len()).unwrap_or_default()))
    });
    group.bench_function("fpgrowth_and_rules", |b| {
        b.iter(|| {
            let rules = mine(&fp)
                .and_then(|found| pollster::block_on(rules::rules(&found, &fp, &mut Unattended)));
            black_box(rules.map(|rules| rules.matched).unwrap_or_default())
        })
    });
    group.bench_function("analyse", |b| {
        b.iter(|| {
            let analysis = pollster::block_on(baskets::analyse(&baskets, &fp, &mut Unattended));
            black_box(analysis.map(|a| a.matched).unwrap_or_default())
        })
    });
    group.finish();
}

criterion_group!(benches, bench_baskets);
criterion_main!(benches);
