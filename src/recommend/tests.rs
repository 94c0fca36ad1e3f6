//! Tests of the whole recommender on small hand-made logs and on the demo.

use super::evaluate::{Split, holdout_lists, subset};
use super::*;
use crate::control::Unattended;

fn orders(csv: &str) -> Orders {
    Orders::from_csv(csv)
}

fn run(orders: &Orders, settings: &Settings) -> Result<Recommendations, RecommendError> {
    pollster::block_on(recommend(orders, None, settings, &mut Unattended))
}

fn items_of(r: &Recommendations, orders: &Orders, id: &str) -> Vec<String> {
    let c = orders.customer_names.iter().position(|n| n == id).unwrap();
    r.of_customer(c).0.into_iter().map(|x| x.item).collect()
}

const SMALL: &str = "customer,order,date,product\n\
    a,1,2024-01-01,tea\na,1,2024-01-01,cake\na,2,2024-02-01,milk\n\
    b,3,2024-01-02,tea\nb,3,2024-01-02,cake\nb,4,2024-02-02,jam\n\
    c,5,2024-01-03,tea\nc,6,2024-02-03,cake\n\
    d,7,2024-01-04,milk\n";

#[test]
fn recommends_what_similar_items_and_customers_suggest_with_reasons() {
    let o = orders(SMALL);
    let r = run(&o, &Settings::default()).unwrap();
    let view = r.lookup(&o, "d").view.unwrap();
    assert!(!view.cold_start);
    // d bought milk, which a bought with tea and cake.
    assert!(view.items.iter().any(|x| x.item == "tea"));
    let tea = view.items.iter().find(|x| x.item == "tea").unwrap();
    assert!(tea.reasons.contains(&Reason::BecauseYouBought {
        item: "milk".into()
    }));
    // Never what the customer bought.
    assert!(
        !items_of(&r, &o, "a")
            .iter()
            .any(|i| i == "tea" || i == "cake" || i == "milk")
    );
    let summary = r.summary();
    assert_eq!(
        (summary.customers, summary.items, summary.purchases),
        (4, 4, 9)
    );
    assert_eq!(summary.segments_from, "RFM segments");
    assert_eq!(summary.popular[0].name, "cake");
}

#[test]
fn a_customer_with_only_returns_gets_the_labelled_popular_fallback() {
    let o = orders(&format!(
        "customer,order,date,product,quantity\n{}e,8,2024-03-01,jam,-1\n",
        SMALL
            .lines()
            .skip(1)
            .map(|l| format!("{l},1\n"))
            .collect::<String>()
    ));
    let r = run(&o, &Settings::default()).unwrap();
    let view = r.lookup(&o, "e").view.unwrap();
    assert!(view.cold_start);
    assert_eq!(view.items.len(), 4);
    assert_eq!(view.items[0].item, "cake");
    assert_eq!(view.items[0].reasons, [Reason::Popular]);
    assert_eq!(r.summary().cold_start, 1);
    assert!(view.history[0].returned);
}

#[test]
fn a_short_personal_list_is_filled_with_popular_items_not_called_cold_start() {
    let o = orders(SMALL);
    let only_items = Settings {
        weights: Weights {
            item: 1.0,
            user: 0.0,
            segment: 0.0,
            rules: 0.0,
        },
        ..Settings::default()
    };
    let r = run(&o, &only_items).unwrap();
    // d bought milk, which a bought with tea and cake; nobody bought jam with milk.
    let view = r.lookup(&o, "d").view.unwrap();
    assert!(!view.cold_start);
    let items: Vec<&str> = view.items.iter().map(|x| x.item.as_str()).collect();
    assert_eq!(items, ["cake", "tea", "jam"]);
    assert_eq!(view.items[2].reasons, [Reason::PopularFiller]);
    assert_eq!(
        view.items[2].reasons[0].text(),
        "popular with all customers"
    );
    assert_eq!(r.summary().cold_start, 0);
}

#[test]
fn allow_repeats_lets_bought_items_back_in() {
    let o = orders(SMALL);
    let settings = Settings {
        allow_repeats: true,
        ..Settings::default()
    };
    let r = run(&o, &settings).unwrap();
    let a = items_of(&r, &o, "a");
    assert!(a.iter().any(|i| i == "tea" || i == "cake"), "{a:?}");
}

#[test]
fn a_catalogue_of_one_item_recommends_it_or_nothing() {
    let o = orders(
        "customer,order,date,product\na,1,2024-01-01,tea\na,2,2024-01-05,tea\nb,3,2024-01-02,tea\n",
    );
    let r = run(&o, &Settings::default()).unwrap();
    // Everyone bought the only item: nothing new to offer.
    assert!(items_of(&r, &o, "a").is_empty());
    let e = r.summary().evaluation.unwrap();
    assert_eq!(e.customers, 0);
    let r = run(
        &o,
        &Settings {
            allow_repeats: true,
            ..Settings::default()
        },
    )
    .unwrap();
    assert_eq!(items_of(&r, &o, "a"), ["tea"]);
    let e = r.summary().evaluation.unwrap();
    assert_eq!(e.customers, 1);
    assert_eq!(e.scores[5].hit_rate, 1.0);
}

#[test]
fn customers_with_one_purchase_are_recommended_but_not_evaluated() {
    let o = orders(
        "customer,order,date,product\na,1,2024-01-01,tea\nb,2,2024-01-02,cake\nc,3,2024-01-03,tea\nc,3,2024-01-03,cake\n",
    );
    let r = run(&o, &Settings::default()).unwrap();
    assert_eq!(items_of(&r, &o, "a"), ["cake"]);
    assert_eq!(items_of(&r, &o, "b"), ["tea"]);
    assert!(r.summary().evaluation.is_none());
    assert!(r.summary().notes.iter().any(|n| n.contains("two orders")));
}

#[test]
fn an_empty_log_and_a_log_without_items_are_refused() {
    // The loader refuses a file without rows, so the empty log is made by hand.
    let o = Orders {
        product: Some(Vec::new()),
        ..Orders::default()
    };
    let err = run(&o, &Settings::default()).unwrap_err();
    assert!(matches!(err, RecommendError::NoPurchases), "{err}");
    // Only returns: no purchases either.
    let o = orders("customer,order,date,product,quantity\na,1,2024-01-01,tea,-1\n");
    let err = run(&o, &Settings::default()).unwrap_err();
    assert!(err.to_string().contains("no purchases"), "{err}");
    let o = orders("customer,order,date,amount\na,1,2024-01-01,5\n");
    let err = run(&o, &Settings::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the data has no product or category column to recommend from"
    );
}

#[test]
fn bad_settings_are_refused_before_any_work() {
    let o = orders(SMALL);
    let err = run(
        &o,
        &Settings {
            top_n: 0,
            ..Settings::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("items per customer"));
}

#[test]
fn without_products_the_items_are_categories_and_the_notes_say_so() {
    let o = orders(
        "customer,order,date,category\na,1,2024-01-01,Tea\na,1,2024-01-01,Bakery\nb,2,2024-01-02,Tea\n",
    );
    let r = run(&o, &Settings::default()).unwrap();
    assert!(r.by_category());
    assert_eq!(items_of(&r, &o, "b"), ["Bakery"]);
    assert!(r.summary().notes.iter().any(|n| n.contains("categories")));
}

#[test]
fn lookup_finds_exact_ids_and_lists_matches() {
    let o = orders(SMALL);
    let r = run(&o, &Settings::default()).unwrap();
    let found = r.lookup(&o, "A");
    assert_eq!(found.matches, ["a"]);
    let view = found.view.unwrap();
    assert_eq!(view.id, "a");
    assert_eq!(view.orders, 2);
    assert_eq!(view.history_lines, 3);
    assert_eq!(view.history[0].item, "milk");
    assert!(view.segment.is_some());
    let none = r.lookup(&o, "zz");
    assert!(none.matches.is_empty() && none.view.is_none());
}

#[test]
fn csv_lists_every_recommendation_formula_safe() {
    let o = orders(
        "customer,order,date,product\n=evil,1,2024-01-01,tea\nb,2,2024-01-02,cake\nb,2,2024-01-02,tea\n",
    );
    let r = run(&o, &Settings::default()).unwrap();
    let csv = r.csv(&o);
    assert!(
        csv.starts_with("customer_id,rank,item,score,reasons,cold_start\r\n"),
        "{csv}"
    );
    assert!(csv.contains("\"'=evil\",1,cake,"), "{csv}");
    assert!(csv.contains("because you bought tea"), "{csv}");
}

#[test]
fn the_held_out_order_is_the_last_by_date_then_by_order() {
    let o = orders(
        "customer,order,date,product\na,1,2024-01-05,tea\na,2,2024-01-01,cake\na,3,2024-01-05,milk\nb,4,2024-01-01,tea\n",
    );
    let split = Split::new(&o);
    assert_eq!(split.held_out, [Some(2), None]);
}

/// The lists made for the evaluation do not depend on what is in the held-out orders:
/// replacing every held-out line's item changes no list.
#[test]
fn no_leakage_of_the_held_out_order() {
    let demo = crate::demo::generate(
        crate::demo::SEED,
        crate::demo::DemoSize {
            customers: 300,
            ..Default::default()
        },
    );
    let o = Orders::from_csv(&demo.transactions);
    let split = Split::new(&o);
    // Everything of the held-out lines changes but what makes them the last order: the
    // product, the money (which the RFM segments read) and the time within the day.
    let mut changed = o.clone();
    let mut replaced = 0;
    for line in 0..o.len() {
        if split.is_held_out(&o, line) {
            let products = changed.product.as_mut().unwrap();
            products[line] = (products[line] + 7) % o.product_names.len() as u32;
            changed.amount[line] *= 10.0;
            changed.quantity[line] += 3.0;
            changed.date[line] -= changed.date[line].rem_euclid(crate::orders::DAY);
            replaced += 1;
        }
    }
    assert!(replaced > 100);
    assert_eq!(Split::new(&changed), split);
    let params = Settings::default().check().unwrap();
    let lists = |o: &Orders| {
        pollster::block_on(holdout_lists(o, &split, None, &params, &mut Unattended)).unwrap()
    };
    let before = lists(&o);
    assert!(before.len() > 100);
    assert_eq!(before, lists(&changed));
    // And the lists are those of a recommender fed the training lines alone.
    let training = subset(&o, |l| !split.is_held_out(&o, l));
    let r = run(&training, &Settings::default()).unwrap();
    for (u, methods) in before.iter().take(50) {
        let blend: Vec<String> = r.of_customer(*u).0.into_iter().map(|x| x.item).collect();
        let names: Vec<String> = methods[0]
            .iter()
            .map(|&i| o.product_names[i as usize].clone())
            .collect();
        assert_eq!(blend, names);
    }
}

#[test]
fn on_the_demo_personalised_methods_beat_popularity() {
    let demo = crate::demo::generate(crate::demo::SEED, crate::demo::DemoSize::default());
    let o = Orders::from_csv(&demo.transactions);
    let r = run(&o, &Settings::default()).unwrap();
    let e = r.summary().evaluation.unwrap();
    for s in &e.scores {
        eprintln!(
            "{:<26} hit {:.4} precision {:.4} recall {:.4} ndcg {:.4} coverage {:.3}",
            s.method.label(),
            s.hit_rate,
            s.precision,
            s.recall,
            s.ndcg,
            s.coverage
        );
    }
    eprintln!("evaluated {} skipped {}", e.customers, e.skipped);
    let hit = |m: Method| e.scores.iter().find(|s| s.method == m).unwrap().hit_rate;
    let popularity = hit(Method::Popularity);
    for method in [Method::Blend, Method::ItemCf, Method::UserCf] {
        assert!(hit(method) > popularity + 0.05, "{method:?}");
    }
}
