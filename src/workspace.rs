//! The loaded data as a whole: one transaction log, the extra tables joined to it, and
//! the analyses made of them.
//!
//! Pure state with no IO, kept by the worker (or any other caller): loading a table
//! goes through [`crate::ingest::load`], and the result is handed here, which keeps the
//! joins up to date whichever table arrives first or is replaced, and forgets analyses
//! of data that changed. Analyses run on a [`Snapshot`], which holds the data by
//! reference count, so a long analysis needs no borrow of the workspace.

use crate::analyses::{Input, Kind, Registered, Results};
use crate::ingest::join::{Join, JoinReport, join};
use crate::ingest::{Dataset, LoadReport, Loaded};
use crate::orders::Orders;
use crate::segments::features::ExtraTable;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// An extra table as reported to the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtraSummary {
    /// The file name: a table loaded again under the same name replaces the old one.
    pub name: String,
    /// What loading it found.
    pub report: Box<LoadReport>,
    /// How it joins to the transaction log; `None` until one is loaded.
    pub join: Option<JoinReport>,
    /// Whether it came with the built-in demo.
    pub demo: bool,
}

/// A loaded extra table and its join.
#[derive(Debug)]
struct Extra {
    name: String,
    dataset: Rc<Dataset>,
    report: Box<LoadReport>,
    join: Option<Rc<Join>>,
    demo: bool,
}

/// The transaction log and the extra tables.
#[derive(Debug, Default)]
pub struct Workspace {
    transactions: Option<Rc<Dataset>>,
    extras: Vec<Extra>,
    /// The purchases of the transaction log, made when first needed.
    orders: Option<Rc<Orders>>,
    /// Every analysis's latest result on the data loaded now.
    results: Results,
}

/// The data an analysis runs on, shared with the workspace.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The transaction log.
    pub dataset: Rc<Dataset>,
    /// The purchases.
    pub orders: Rc<Orders>,
    extras: Vec<(String, Rc<Dataset>, Rc<Join>)>,
    /// The analyses' results when it was taken.
    results: Results,
}

impl Snapshot {
    /// The extra tables joined to the transaction log, for features.
    pub fn extra_tables(&self) -> Vec<ExtraTable<'_>> {
        self.extras
            .iter()
            .map(|(name, dataset, join)| ExtraTable {
                name,
                dataset,
                join,
            })
            .collect()
    }

    /// What an analysis reads: this data with `extras` (from
    /// [`Snapshot::extra_tables`]) and the analyses' results.
    pub fn input<'a>(&'a self, extras: &'a [ExtraTable<'a>]) -> Input<'a> {
        Input::new(&self.dataset, &self.orders, extras, &self.results)
    }
}

impl Workspace {
    /// The transaction log, if one is loaded.
    pub fn transactions(&self) -> Option<&Dataset> {
        self.transactions.as_deref()
    }

    /// The data to analyse: `None` until a transaction log is loaded.
    pub fn snapshot(&mut self) -> Option<Snapshot> {
        let transactions = self.transactions.as_ref()?;
        let orders = self
            .orders
            .get_or_insert_with(|| Rc::new(Orders::from_dataset(transactions)));
        let extras = self
            .extras
            .iter()
            .filter_map(|extra| {
                let join = extra.join.as_ref()?;
                Some((
                    extra.name.clone(),
                    Rc::clone(&extra.dataset),
                    Rc::clone(join),
                ))
            })
            .collect();
        Some(Snapshot {
            dataset: Rc::clone(transactions),
            orders: Rc::clone(orders),
            extras,
            results: self.results.clone(),
        })
    }

    /// Keeps `output` as the latest result of analysis `A` on the data loaded now, and
    /// forgets the results made with its earlier one; the kinds forgotten.
    pub fn keep<A: Registered>(&mut self, output: A::Output, settings: A::Settings) -> Vec<Kind> {
        self.results.keep::<A>(output, settings)
    }

    /// The latest result of analysis `A` on the data loaded now.
    pub fn result<A: Registered>(&self) -> Option<&A::Output> {
        self.results.get::<A>()
    }

    /// The analyses with a result on the data loaded now, in the registry's order.
    pub fn kept(&self) -> Vec<Kind> {
        self.results.kinds()
    }

    /// Forgets what was computed from the data, which changed: of a new transaction log
    /// everything, of a changed extra table the results that read the extra tables and
    /// those made with them.
    fn data_changed(&mut self, transactions: bool) {
        if transactions {
            self.results.clear();
        } else {
            self.results.extras_changed();
        }
    }

    /// Replaces the transaction log and joins the extra tables to it again. The demo's
    /// extra tables go when the user's log arrives, and the user's when the demo's does:
    /// they describe other customers.
    pub fn set_transactions(&mut self, dataset: Dataset, demo: bool) {
        self.extras.retain(|extra| extra.demo == demo);
        for extra in &mut self.extras {
            extra.join = Some(Rc::new(join(&dataset, &extra.dataset)));
        }
        self.transactions = Some(Rc::new(dataset));
        self.orders = None;
        self.data_changed(true);
    }

    /// Adds an extra table, replacing one of the same name, and joins it.
    pub fn add_extra(&mut self, name: String, loaded: Loaded, demo: bool) {
        let join = self
            .transactions
            .as_ref()
            .map(|transactions| Rc::new(join(transactions, &loaded.dataset)));
        let extra = Extra {
            name,
            dataset: Rc::new(loaded.dataset),
            report: Box::new(loaded.report),
            join,
            demo,
        };
        match self.extras.iter_mut().find(|e| e.name == extra.name) {
            Some(old) => *old = extra,
            None => self.extras.push(extra),
        }
        self.data_changed(false);
    }

    /// Removes the extra table of this name; whether there was one.
    pub fn remove_extra(&mut self, name: &str) -> bool {
        let before = self.extras.len();
        self.extras.retain(|extra| extra.name != name);
        let removed = self.extras.len() < before;
        if removed {
            self.data_changed(false);
        }
        removed
    }

    /// Each extra table's report and join, in the order they were added.
    pub fn extras(&self) -> Vec<ExtraSummary> {
        self.extras
            .iter()
            .map(|extra| ExtraSummary {
                name: extra.name.clone(),
                report: extra.report.clone(),
                join: extra.join.as_ref().map(|join| join.report.clone()),
                demo: extra.demo,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;
    use crate::ingest::TableKind;
    use crate::recommend::{Recommending, Settings as RecommendSettings};
    use crate::value::Valuing;

    fn loaded(csv: &str, kind: TableKind) -> Loaded {
        crate::ingest::load_text(csv, kind)
    }

    fn orders(customers: &[&str]) -> Dataset {
        let mut csv = String::from("customer,date\n");
        for customer in customers {
            csv.push_str(&format!("{customer},2024-01-02\n"));
        }
        loaded(&csv, TableKind::Transactions).dataset
    }

    fn attributes() -> Loaded {
        loaded("customer,age\na,30\nb,40\nz,50\n", TableKind::Extra)
    }

    fn matched(workspace: &Workspace) -> Vec<Option<u64>> {
        workspace
            .extras()
            .iter()
            .map(|extra| extra.join.as_ref().map(|join| join.matched_rows))
            .collect()
    }

    #[test]
    fn an_extra_table_joins_whichever_arrives_first() {
        let mut workspace = Workspace::default();
        workspace.add_extra("attributes.csv".into(), attributes(), false);
        assert_eq!(matched(&workspace), [None]);
        workspace.set_transactions(orders(&["a", "b", "c"]), false);
        assert_eq!(matched(&workspace), [Some(2)]);
        workspace.set_transactions(orders(&["a"]), false);
        assert_eq!(matched(&workspace), [Some(1)]);
    }

    #[test]
    fn an_item_table_joins_on_the_order_whichever_arrives_first() {
        use crate::ingest::join::JoinKey;
        let mut workspace = Workspace::default();
        let items = loaded("order,price\no1,3\no1,4\no2,5\no9,1\n", TableKind::Extra);
        workspace.add_extra("items.csv".into(), items, false);
        assert_eq!(matched(&workspace), [None]);
        let log = "customer,order,date\na,o1,2024-01-02\nb,o2,2024-01-03\n";
        workspace.set_transactions(loaded(log, TableKind::Transactions).dataset, false);
        assert_eq!(matched(&workspace), [Some(3)]);
        let extras = workspace.extras();
        let join = extras[0].join.as_ref().expect("joined");
        assert_eq!(join.key, JoinKey::Order);
        assert_eq!(join.customers_matched, 2);
        // A new log where o2 is gone.
        let log = "customer,order,date\na,o1,2024-01-02\n";
        workspace.set_transactions(loaded(log, TableKind::Transactions).dataset, false);
        assert_eq!(matched(&workspace), [Some(2)]);
    }

    #[test]
    fn a_table_of_the_same_name_replaces_the_old_one() {
        let mut workspace = Workspace::default();
        workspace.set_transactions(orders(&["a", "b"]), false);
        workspace.add_extra("attributes.csv".into(), attributes(), false);
        let feedback = loaded("customer,score\nb,5\n", TableKind::Extra);
        workspace.add_extra("attributes.csv".into(), feedback, false);
        assert_eq!(matched(&workspace), [Some(1)]);
        assert!(workspace.remove_extra("attributes.csv"));
        assert!(!workspace.remove_extra("attributes.csv"));
        assert!(workspace.extras().is_empty());
    }

    #[test]
    fn the_demos_tables_and_the_users_do_not_mix() {
        let mut workspace = Workspace::default();
        workspace.set_transactions(orders(&["a"]), true);
        workspace.add_extra("demo-customers.csv".into(), attributes(), true);
        workspace.add_extra("mine.csv".into(), attributes(), false);
        workspace.set_transactions(orders(&["b"]), false);
        let names = |w: &Workspace| w.extras().into_iter().map(|e| e.name).collect::<Vec<_>>();
        assert_eq!(names(&workspace), ["mine.csv"]);
        workspace.add_extra("demo-customers.csv".into(), attributes(), true);
        workspace.set_transactions(orders(&["a"]), true);
        assert_eq!(names(&workspace), ["demo-customers.csv"]);
    }

    #[test]
    fn a_snapshot_holds_the_orders_and_the_joined_tables() {
        let mut workspace = Workspace::default();
        workspace.add_extra("attributes.csv".into(), attributes(), false);
        assert!(workspace.snapshot().is_none(), "no transaction log yet");
        workspace.set_transactions(orders(&["a", "b", "c"]), false);
        let snapshot = workspace.snapshot().expect("a log is loaded");
        assert_eq!(snapshot.orders.customer_count(), 3);
        let tables = snapshot.extra_tables();
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].name, "attributes.csv");
        assert_eq!(tables[0].join.report.matched_rows, 2);
        // A new log: new orders, while the old snapshot stays valid.
        workspace.set_transactions(orders(&["a"]), false);
        let newer = workspace.snapshot().expect("a log is loaded");
        assert_eq!(newer.orders.customer_count(), 1);
        assert_eq!(snapshot.orders.customer_count(), 3);
    }

    #[test]
    fn an_extra_table_keeps_the_recommendations_and_value_a_new_log_does_not() {
        let mut csv = String::from("customer,order,date,product,amount\n");
        for c in 0..4 {
            for (o, product) in ["bread", "milk", "jam"].iter().enumerate() {
                csv.push_str(&format!(
                    "c{c},o{c}{o},2024-0{}-1{c},{product},{}\n",
                    o + 1,
                    c + 2
                ));
            }
        }
        let mut workspace = Workspace::default();
        workspace.set_transactions(loaded(&csv, TableKind::Transactions).dataset, false);
        let snapshot = workspace.snapshot().expect("loaded");
        let recommendations = pollster::block_on(crate::recommend::recommend(
            &snapshot.orders,
            None,
            &crate::recommend::Settings::default(),
            &mut Unattended,
        ))
        .expect("recommends");
        workspace.keep::<Recommending>(recommendations, RecommendSettings::default());
        let settings = crate::value::Settings {
            unit: crate::value::TimeUnit::Days,
            holdout: 10,
            horizon: 30,
            ..crate::value::Settings::default()
        };
        let value = pollster::block_on(crate::value::analyse(
            &snapshot.orders,
            &settings,
            &mut Unattended,
        ))
        .expect("values");
        workspace.keep::<Valuing>(value, settings);
        workspace.add_extra("attributes.csv".into(), attributes(), false);
        let kept = |w: &Workspace| {
            (
                w.result::<Recommending>().is_some(),
                w.result::<Valuing>().is_some(),
            )
        };
        assert_eq!(kept(&workspace), (true, true));
        workspace.set_transactions(orders(&["a"]), false);
        assert_eq!(kept(&workspace), (false, false));
    }
}
