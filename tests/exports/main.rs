//! The corpus: every platform export the seeded generators write
//! (`crm_lens::demo::exports`), read with the default options as a new user's first file
//! is, with no manual step; then every analysis the CLI runs.
//!
//! For each layout it asserts, against the generator's truth (`ExportTruth`, whose
//! numbers are defined in that module's documentation):
//! - the column mapping is the one a person would choose, role for role and no more;
//! - the load report names the platform (and names none for a shop's own export);
//! - the rows that are no purchases: the lines of statuses that are not counted plus the
//!   returns written as rows of their own (no file writes one refund both ways);
//! - the guests' rows, and the pseudo-products' rows (postage, fees, top-ups);
//! - the currency, where the file says it;
//! - the purchase revenue of the transaction log (`Orders::amount` summed over the
//!   purchase lines) within 0.5% of the truth;
//! - segmentation, rules, recommendations and value all succeed, no product is a status
//!   value, and no rule or recommended item is a pseudo-product or a status value.
//!
//! Each layout is a test of its own; a failing one lists every assertion that failed,
//! not only the first.

// A failed expectation in the helpers is a failed test all the same.
#![allow(clippy::expect_used)]

use crm_lens::baskets::{self, BasketOptions, RulesParams};
use crm_lens::control::Unattended;
use crm_lens::demo::exports::{Export, ExportTruth, Layout, SEED};
use crm_lens::ingest::roles::Role;
use crm_lens::ingest::{self, LoadOptions, Loaded};
use crm_lens::orders::Orders;
use crm_lens::{recommend, segments, value};

/// What went wrong with one layout, gathered so that all of it is reported.
struct Problems {
    layout: Layout,
    found: Vec<String>,
}

impl Problems {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.found.push(what());
        }
    }

    fn finish(self) {
        assert!(
            self.found.is_empty(),
            "{} ({} problems):\n- {}",
            self.layout.name(),
            self.found.len(),
            self.found.join("\n- ")
        );
    }
}

fn load(export: &Export) -> Result<Loaded, String> {
    let bytes = export.bytes.as_slice();
    let size = Some(bytes.len() as u64);
    pollster::block_on(ingest::load(
        bytes,
        size,
        &LoadOptions::default(),
        &mut Unattended,
    ))
    .map_err(|error| format!("{}: {error}", export.truth.file_name))
}

/// The mapping as (role, header) pairs, sorted.
fn mapping(loaded: &Loaded) -> Vec<(Role, String)> {
    let columns = &loaded.report.columns;
    let mut pairs: Vec<(Role, String)> = loaded
        .report
        .mapping
        .columns
        .iter()
        .map(|&(role, c)| {
            (
                role,
                columns.get(c).map_or_else(String::new, |p| p.name.clone()),
            )
        })
        .collect();
    pairs.sort();
    pairs
}

fn check_reading(loaded: &Loaded, truth: &ExportTruth, p: &mut Problems) {
    let got = mapping(loaded);
    let mut expected: Vec<(Role, String)> = truth
        .roles
        .iter()
        .map(|&(role, name)| (role, name.to_owned()))
        .collect();
    expected.sort();
    for pair in expected.iter().filter(|pair| !got.contains(pair)) {
        p.check(false, || {
            format!(
                "{} should be {:?}; it is {:?}",
                pair.0,
                pair.1,
                role_column(&got, pair.0)
            )
        });
    }
    for pair in got.iter().filter(|pair| !expected.contains(pair)) {
        p.check(false, || {
            format!("{:?} should not be the {}", pair.1, pair.0)
        });
    }

    let report = &loaded.report;
    let interpretation = &report.interpretation;
    let platform = interpretation.platform.as_ref().map(|m| m.name.as_str());
    match truth.platform {
        Some(wanted) => p.check(
            platform.is_some_and(|name| name.to_lowercase().contains(&wanted.to_lowercase())),
            || format!("the platform should be {wanted}; it is {platform:?}"),
        ),
        None => p.check(platform.is_none(), || {
            format!("no platform should be recognised; {platform:?} was")
        }),
    }

    let by_status: u64 = interpretation
        .statuses
        .iter()
        .filter(|s| !s.counted)
        .map(|s| s.lines)
        .sum();
    let not_purchases = by_status + report.returns;
    p.check(not_purchases == truth.refunded_lines, || {
        format!(
            "{} rows should be no purchases; {not_purchases} are ({by_status} by status, {} returns)",
            truth.refunded_lines, report.returns
        )
    });
    for status in &interpretation.statuses {
        p.check(truth.statuses.contains(&status.value.as_str()), || {
            format!("{:?} is no status of this file", status.value)
        });
    }
    p.check(interpretation.guests.lines == truth.guest_lines, || {
        format!(
            "{} guest rows expected; {} found",
            truth.guest_lines, interpretation.guests.lines
        )
    });
    let pseudo: u64 = interpretation.pseudo_products.iter().map(|s| s.lines).sum();
    p.check(pseudo == truth.pseudo_product_lines, || {
        format!(
            "{} pseudo-product rows expected; {pseudo} found ({:?})",
            truth.pseudo_product_lines,
            interpretation
                .pseudo_products
                .iter()
                .map(|s| &s.name)
                .collect::<Vec<_>>()
        )
    });
    if let Some(code) = truth.currency {
        let found = interpretation.currency.code.as_deref();
        p.check(found == Some(code), || {
            format!("the currency should be {code}; it is {found:?}")
        });
    }
}

fn role_column(mapping: &[(Role, String)], role: Role) -> Option<&str> {
    mapping
        .iter()
        .find(|(r, _)| *r == role)
        .map(|(_, name)| name.as_str())
}

/// Whether an item's name is a status value or a pseudo-product.
fn not_an_item<'a>(truth: &'a ExportTruth, name: &str) -> Option<&'a str> {
    truth
        .statuses
        .iter()
        .chain(&truth.pseudo_products)
        .find(|s| s.trim() == name.trim())
        .copied()
}

fn check_orders(orders: &Orders, truth: &ExportTruth, p: &mut Problems) {
    let revenue: f64 = orders.purchases().map(|i| orders.amount[i]).sum();
    let off = (revenue - truth.revenue).abs() / truth.revenue;
    p.check(off <= 0.005, || {
        format!(
            "revenue should be {:.2}; it is {revenue:.2} ({:+.1}%, {:?})",
            truth.revenue,
            (revenue / truth.revenue - 1.0) * 100.0,
            orders.amount_source
        )
    });
    for name in &orders.product_names {
        if let Some(status) = truth.statuses.iter().find(|s| **s == name.as_str()) {
            p.check(false, || {
                format!("the status {status:?} is read as a product")
            });
        }
    }
}

fn check_analyses(loaded: &Loaded, orders: &Orders, truth: &ExportTruth, p: &mut Problems) {
    let segmented = pollster::block_on(segments::segment(
        orders,
        &[],
        &segments::analysis::Settings::default(),
        &mut Unattended,
    ));
    p.check(segmented.is_ok(), || {
        format!("segmentation failed: {:?}", segmented.err())
    });

    let rules = pollster::block_on(baskets::analyse_dataset(
        &loaded.dataset,
        BasketOptions::default(),
        &RulesParams::default(),
        &mut Unattended,
    ));
    match rules {
        Ok((_, analysis)) => {
            for rule in &analysis.rules {
                for &id in rule.antecedent.iter().chain(&rule.consequent) {
                    let name = analysis.names.get(id as usize).map_or("", String::as_str);
                    if let Some(bad) = not_an_item(truth, name) {
                        p.check(false, || format!("{bad:?} is in a rule"));
                    }
                }
            }
        }
        Err(error) => p.check(false, || format!("rules failed: {error}")),
    }

    let recommended = pollster::block_on(recommend::recommend(
        orders,
        None,
        &recommend::Settings::default(),
        &mut Unattended,
    ));
    match recommended {
        Ok(found) => {
            let mut bad: Vec<&str> = Vec::new();
            for c in 0..orders.customer_count() {
                for item in found.of_customer(c).0 {
                    if let Some(name) = not_an_item(truth, &item.item)
                        && !bad.contains(&name)
                    {
                        bad.push(name);
                    }
                }
            }
            p.check(bad.is_empty(), || format!("{bad:?} are recommended"));
        }
        Err(error) => p.check(false, || format!("recommendations failed: {error}")),
    }

    let valued = pollster::block_on(value::analyse(
        orders,
        &value::Settings::default(),
        &mut Unattended,
    ));
    p.check(valued.is_ok(), || {
        format!("the value analysis failed: {:?}", valued.err())
    });
}

/// Reads one layout's export and runs everything on it.
fn check(layout: Layout) {
    let export = layout.generate(SEED);
    let truth = &export.truth;
    let mut problems = Problems {
        layout,
        found: Vec::new(),
    };
    match load(&export) {
        Ok(loaded) => {
            check_reading(&loaded, truth, &mut problems);
            let orders = Orders::from_dataset(&loaded.dataset);
            check_orders(&orders, truth, &mut problems);
            check_analyses(&loaded, &orders, truth, &mut problems);
        }
        Err(error) => problems.check(false, || format!("the file does not load: {error}")),
    }
    problems.finish();
}

macro_rules! corpus {
    ($($test:ident => $layout:ident,)*) => {
        $(
            #[test]
            fn $test() {
                check(Layout::$layout);
            }
        )*

        #[test]
        fn every_layout_is_in_the_corpus() {
            let tested = [$(Layout::$layout),*];
            for layout in Layout::ALL {
                assert!(tested.contains(&layout), "{layout:?} has no test");
            }
        }
    };
}

corpus! {
    shopify => Shopify,
    woocommerce => WooCommerce,
    magento => Magento,
    bigcommerce => BigCommerce,
    square => Square,
    stripe => Stripe,
    paypal => PayPal,
    taobao => Taobao,
    jd => Jd,
    youzan => Youzan,
    pinduoduo => Pinduoduo,
    shopee => Shopee,
    uci => Uci,
    german => German,
}
