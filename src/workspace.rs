//! The loaded data as a whole: one transaction log and the extra tables joined to it.
//!
//! Pure state with no IO, kept by the worker (or any other caller): loading a table
//! goes through [`crate::ingest::load`], and the result is handed here, which keeps the
//! joins up to date whichever table arrives first or is replaced.

use crate::ingest::join::{Join, JoinReport, join};
use crate::ingest::{Dataset, LoadReport, Loaded};
use serde::{Deserialize, Serialize};

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
    dataset: Dataset,
    report: Box<LoadReport>,
    join: Option<Join>,
    demo: bool,
}

/// The transaction log and the extra tables.
#[derive(Debug, Default)]
pub struct Workspace {
    transactions: Option<Dataset>,
    /// Whether the transaction log is the built-in demo's.
    demo: bool,
    extras: Vec<Extra>,
}

impl Workspace {
    /// The transaction log, if one is loaded.
    pub fn transactions(&self) -> Option<&Dataset> {
        self.transactions.as_ref()
    }

    /// Replaces the transaction log and joins the extra tables to it again. The demo's
    /// extra tables go when the user's log arrives, and the user's when the demo's does:
    /// they describe other customers.
    pub fn set_transactions(&mut self, dataset: Dataset, demo: bool) {
        self.extras.retain(|extra| extra.demo == demo);
        for extra in &mut self.extras {
            extra.join = Some(join(&dataset, &extra.dataset));
        }
        self.transactions = Some(dataset);
        self.demo = demo;
    }

    /// Adds an extra table, replacing one of the same name, and joins it.
    pub fn add_extra(&mut self, name: String, loaded: Loaded, demo: bool) {
        let join = self
            .transactions
            .as_ref()
            .map(|transactions| join(transactions, &loaded.dataset));
        let extra = Extra {
            name,
            dataset: loaded.dataset,
            report: Box::new(loaded.report),
            join,
            demo,
        };
        match self.extras.iter_mut().find(|e| e.name == extra.name) {
            Some(old) => *old = extra,
            None => self.extras.push(extra),
        }
    }

    /// Removes the extra table of this name; whether there was one.
    pub fn remove_extra(&mut self, name: &str) -> bool {
        let before = self.extras.len();
        self.extras.retain(|extra| extra.name != name);
        self.extras.len() < before
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
    use crate::ingest::{LoadOptions, TableKind, load};

    fn loaded(csv: &str, kind: TableKind) -> Loaded {
        let options = LoadOptions {
            kind,
            ..LoadOptions::default()
        };
        pollster::block_on(load(csv.as_bytes(), None, &options, &mut Unattended)).expect("loads")
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
}
