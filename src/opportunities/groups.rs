//! The groups compared: the latest segmentation's segments, the RFM named segments, or
//! the values of an extra table's column, each customer in at most one group.

use super::params::{GroupBy, MAX_GROUPS, OpportunityError};
use crate::control::Control;
use crate::ingest::roles::Role;
use crate::ingest::table::MISSING;
use crate::orders::{NONE, Orders};
use crate::recommend::SegmentLabels;
use crate::recommend::segment::rfm_labels;
use crate::segments::Segmentation;
use crate::segments::features::ExtraTable;
use serde::{Deserialize, Serialize};

/// Where the groups came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupSource {
    /// The latest segmentation.
    Segments,
    /// RFM's named segments.
    Rfm,
    /// A column of an extra table.
    Attribute {
        /// The table.
        table: String,
        /// The column.
        column: String,
    },
}

impl GroupSource {
    /// The column whose values are the groups, if they are an attribute's.
    pub fn column(&self) -> Option<&str> {
        match self {
            GroupSource::Attribute { column, .. } => Some(column),
            _ => None,
        }
    }

    /// What the groups are, in a few words: "the latest segmentation", "region
    /// (customers.csv)".
    pub fn describe(&self) -> String {
        match self {
            GroupSource::Segments => "the latest segmentation".to_owned(),
            GroupSource::Rfm => "RFM segments".to_owned(),
            GroupSource::Attribute { table, column } => format!("{column} ({table})"),
        }
    }
}

/// The groups: names (distinct) and each customer's group.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// Group names and each customer's (by dense id of `Orders`).
    pub labels: SegmentLabels,
    /// Where they came from.
    pub source: GroupSource,
}

/// The groups `by` asks for; when it asks for segments and there are none yet, or for
/// an attribute and no extra table is loaded, the RFM segments with a note.
pub async fn groups<C: Control>(
    orders: &Orders,
    extras: &[ExtraTable<'_>],
    segmentation: Option<&Segmentation>,
    by: &GroupBy,
    notes: &mut Vec<String>,
    control: &mut C,
) -> Result<Groups, OpportunityError> {
    let customers = orders.customer_count();
    let (mut labels, source) = match (by, segmentation) {
        (GroupBy::Segments, Some(segmentation)) => (
            SegmentLabels::from_segmentation(segmentation, customers),
            GroupSource::Segments,
        ),
        (GroupBy::Attribute { table, column }, _) if !extras.is_empty() => (
            attribute(orders, extras, table, column)?,
            GroupSource::Attribute {
                table: table.clone(),
                column: column.clone(),
            },
        ),
        (GroupBy::Rfm, _) => (rfm_labels(orders, control).await?, GroupSource::Rfm),
        (GroupBy::Segments, None) => {
            notes.push(
                "There are no segments yet, so the groups are the RFM segments; segment the \
                 customers to compare their segments."
                    .to_owned(),
            );
            (rfm_labels(orders, control).await?, GroupSource::Rfm)
        }
        (GroupBy::Attribute { .. }, _) => {
            notes.push(
                "No extra table is loaded, so the groups are the RFM segments; load customer \
                 attributes to compare their groups (region, gender, membership...)."
                    .to_owned(),
            );
            (rfm_labels(orders, control).await?, GroupSource::Rfm)
        }
    };
    distinct_names(&mut labels.names);
    Ok(Groups { labels, source })
}

/// Makes names distinct: a repeated name gets " (2)", " (3)"...
fn distinct_names(names: &mut [String]) {
    for i in 1..names.len() {
        if names[..i].contains(&names[i]) {
            let mut n = 2;
            while names[..i].contains(&format!("{} ({n})", names[i])) {
                n += 1;
            }
            names[i] = format!("{} ({n})", names[i]);
        }
    }
}

/// The groups of a column's values: each customer's value is the first non-empty one
/// written for them (in file order); customers without one are in no group. Values in
/// order of first appearance.
fn attribute(
    orders: &Orders,
    extras: &[ExtraTable<'_>],
    table: &str,
    column: &str,
) -> Result<SegmentLabels, OpportunityError> {
    let extra =
        extras
            .iter()
            .find(|e| e.name == table)
            .ok_or_else(|| OpportunityError::NoTable {
                name: table.to_owned(),
                known: extras.iter().map(|e| e.name).collect::<Vec<_>>().join(", "),
            })?;
    let dataset = extra.dataset;
    let columns = &dataset.table.columns;
    let is_key = |index: usize| {
        index == extra.join.column
            || matches!(
                dataset.mapping.role_of(index),
                Some(Role::Customer | Role::Order)
            )
    };
    let index = columns
        .iter()
        .enumerate()
        .position(|(i, c)| c.name == column && !is_key(i))
        .ok_or_else(|| OpportunityError::NoColumn {
            table: table.to_owned(),
            column: column.to_owned(),
            known: columns
                .iter()
                .enumerate()
                .filter(|(i, _)| !is_key(*i))
                .map(|(_, c)| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })?;
    let values = &columns[index];
    let keys = columns
        .get(extra.join.column)
        .map(|c| c.cells())
        .unwrap_or_default();
    // The log's customer value id -> dense id.
    let size = orders
        .customer_values
        .iter()
        .max()
        .map_or(0, |&m| m as usize + 1);
    let mut dense_of_value = vec![NONE; size];
    for (dense, &value) in orders.customer_values.iter().enumerate() {
        dense_of_value[value as usize] = dense as u32;
    }
    let mut labels = SegmentLabels {
        names: Vec::new(),
        of_customer: vec![None; orders.customer_count()],
    };
    // The group of each value id of the column, once seen.
    let mut group_of_value: Vec<Option<u32>> = vec![None; values.value_count() as usize + 1];
    for (row, &key) in keys.iter().enumerate() {
        let value = values.cells()[row];
        if key == MISSING || value == MISSING {
            continue;
        }
        let Some(&log_value) = extra.join.customer.get(key as usize - 1) else {
            continue;
        };
        let dense = dense_of_value
            .get(log_value as usize)
            .copied()
            .unwrap_or(NONE);
        if log_value == MISSING || dense == NONE || labels.of_customer[dense as usize].is_some() {
            continue;
        }
        let group = match group_of_value[value as usize] {
            Some(group) => group,
            None => {
                let name = values.value(value).unwrap_or_default().trim().to_owned();
                let group = labels.names.len() as u32;
                labels.names.push(name);
                group_of_value[value as usize] = Some(group);
                group
            }
        };
        labels.of_customer[dense as usize] = Some(group);
    }
    if labels.names.len() > MAX_GROUPS {
        return Err(OpportunityError::TooManyValues {
            table: table.to_owned(),
            column: column.to_owned(),
            values: labels.names.len(),
        });
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;
    use crate::ingest::join::join;
    use crate::ingest::{TableKind, load_text};

    const LOG: &str = "customer,order,date,product\n\
        a,1,2024-01-01,tea\nb,2,2024-01-02,tea\nc,3,2024-01-03,cake\nd,4,2024-01-04,cake\n";

    fn run(attributes: &str, by: GroupBy) -> (Result<Groups, OpportunityError>, Vec<String>) {
        let log = load_text(LOG, TableKind::Transactions).dataset;
        let orders = Orders::from_dataset(&log);
        let extra = load_text(attributes, TableKind::Extra).dataset;
        let joined = join(&log, &extra);
        let extras = [ExtraTable {
            name: "customers.csv",
            dataset: &extra,
            join: &joined,
        }];
        let mut notes = Vec::new();
        let found = pollster::block_on(groups(
            &orders,
            &extras,
            None,
            &by,
            &mut notes,
            &mut Unattended,
        ));
        (found, notes)
    }

    fn region() -> GroupBy {
        GroupBy::Attribute {
            table: "customers.csv".into(),
            column: "region".into(),
        }
    }

    #[test]
    fn an_attribute_column_makes_groups_of_its_values() {
        let attributes = "customer_id,region\nb,South\na,North\nc,\nb,North\nz,East\n";
        let (found, notes) = run(attributes, region());
        let found = found.unwrap();
        assert!(notes.is_empty());
        assert_eq!(found.labels.names, ["South", "North"]);
        // b's first value counts; c has none, d no row; z is not in the log.
        assert_eq!(
            found.labels.of_customer,
            [Some(1), Some(0), None, None],
            "a, b, c, d"
        );
        assert_eq!(found.source.describe(), "region (customers.csv)");
    }

    #[test]
    fn unknown_tables_and_columns_are_named_with_the_known_ones() {
        let attributes = "customer_id,region\na,North\n";
        let (found, _) = run(
            attributes,
            GroupBy::Attribute {
                table: "customers.csv".into(),
                column: "income".into(),
            },
        );
        let message = found.unwrap_err().to_string();
        assert!(
            message.contains("no column \"income\" (its columns: region)"),
            "{message}"
        );
        let (found, _) = run(
            attributes,
            GroupBy::Attribute {
                table: "people.csv".into(),
                column: "region".into(),
            },
        );
        let message = found.unwrap_err().to_string();
        assert!(message.contains("(loaded: customers.csv)"), "{message}");
    }

    #[test]
    fn without_segments_the_groups_are_rfm_segments_with_a_note() {
        let (found, notes) = run("customer_id,region\na,North\n", GroupBy::Segments);
        assert_eq!(found.unwrap().source, GroupSource::Rfm);
        assert!(notes[0].contains("no segments yet"), "{notes:?}");
    }

    #[test]
    fn repeated_names_are_made_distinct() {
        let mut names: Vec<String> = ["A", "B", "A", "A"].map(String::from).to_vec();
        distinct_names(&mut names);
        assert_eq!(names, ["A", "B", "A (2)", "A (3)"]);
    }
}
