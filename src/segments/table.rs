//! Features from a plain table of numbers, one row per entity (iris's four measurements,
//! a table of customers' figures exported from elsewhere): every number column is a
//! feature, keyed by its name, and the rows are clustered as customers are.
//!
//! The row's id is the id column's value, else its line in the file. The id column is
//! the one with the customer role (guessed from its name, or chosen), else the first
//! column when it holds text, else a number column named `id` (or ending in `_id` or
//! ` id`) whose values are all different. Other text and date columns are not features
//! (a note names them); a row without a readable number in a feature column is left out
//! (a note counts them and names the first).

use super::features::{CustomerFeatures, FeatureInfo, FeatureKind, skewness};
use super::matrix::Matrix;
use super::params::SegmentError;
use crate::ingest::Dataset;
use crate::ingest::infer::ColumnType;
use crate::ingest::roles::Role;
use crate::ingest::table::{MISSING, TextColumn};

/// The id column of a plain table, if it has one (see the module documentation).
pub fn id_column(dataset: &Dataset) -> Option<usize> {
    if let Some(column) = dataset.mapping.column(Role::Customer) {
        return Some(column);
    }
    let columns = &dataset.table.columns;
    let is_number = |c: usize| matches!(dataset.types[c], ColumnType::Number { .. });
    if !columns.is_empty() && !is_number(0) {
        return Some(0);
    }
    (0..columns.len()).find(|&c| {
        let name = columns[c].name.trim().to_lowercase();
        let named = name == "id" || name.ends_with("_id") || name.ends_with(" id");
        named && all_different(&columns[c])
    })
}

/// Whether every row has a value of its own.
fn all_different(column: &TextColumn) -> bool {
    let cells = column.cells();
    let mut seen = vec![false; column.value_count() as usize + 1];
    cells.iter().all(|&id| {
        let slot = &mut seen[id as usize];
        let new = !*slot;
        *slot = true;
        new
    })
}

/// An id on two rows is refused: the rows of a plain table are entities (a transaction
/// log without dates has a customer on many rows).
fn repeated_id(column: &TextColumn, lines: &[u64]) -> Result<(), SegmentError> {
    let mut first: Vec<Option<usize>> = vec![None; column.value_count() as usize + 1];
    for (row, &id) in column.cells().iter().enumerate() {
        match first[id as usize] {
            Some(earlier) if id != MISSING => {
                return Err(SegmentError::RepeatedId {
                    id: column.get(row).unwrap_or_default().to_owned(),
                    first: lines[earlier],
                    second: lines[row],
                });
            }
            _ => first[id as usize] = Some(row),
        }
    }
    Ok(())
}

/// Every row's features: the number columns of `dataset` but the id column `id`.
pub fn features(dataset: &Dataset, id: Option<usize>) -> Result<CustomerFeatures, SegmentError> {
    let table = &dataset.table;
    if let Some(c) = id {
        repeated_id(&table.columns[c], &table.lines)?;
    }
    let numeric: Vec<usize> = (0..table.columns.len())
        .filter(|&c| Some(c) != id && matches!(dataset.types[c], ColumnType::Number { .. }))
        .collect();
    if numeric.is_empty() {
        return Err(SegmentError::NoFeatures);
    }
    let mut notes = Vec::new();
    let left_out: Vec<String> = (0..table.columns.len())
        .filter(|&c| Some(c) != id && !numeric.contains(&c))
        .map(|c| format!("{:?}", table.columns[c].name))
        .collect();
    // The rows with a number in every feature column.
    let mut rows: Vec<usize> = Vec::with_capacity(table.rows());
    let mut data: Vec<f64> = Vec::with_capacity(table.rows() * numeric.len());
    let mut missing: Option<(u64, &str)> = None;
    let mut without = 0usize;
    'rows: for row in 0..table.rows() {
        let start = data.len();
        for &c in &numeric {
            let value = dataset.values[c]
                .number(table.columns[c].cells()[row])
                .filter(|v| v.is_finite());
            match value {
                Some(v) => data.push(v),
                None => {
                    data.truncate(start);
                    without += 1;
                    missing.get_or_insert((table.lines[row], &table.columns[c].name));
                    continue 'rows;
                }
            }
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(SegmentError::NoCustomers);
    }
    let ids: Vec<String> = rows
        .iter()
        .map(|&row| match id {
            Some(c) => table.columns[c].get(row).unwrap_or_default().to_owned(),
            None => format!("line {}", table.lines[row]),
        })
        .collect();
    let names: Vec<String> = numeric
        .iter()
        .map(|&c| table.columns[c].name.clone())
        .collect();
    notes.push(format!(
        "Read as a plain table, one row per entity (it lacks a transaction log's customer \
         or date column): {} rows, ids from {}, {} number columns as features ({}); \
         RFM scores need a transaction log, so there are none.",
        rows.len(),
        id.map_or_else(
            || "the line numbers".to_owned(),
            |c| format!("{:?}", table.columns[c].name)
        ),
        names.len(),
        names.join(", ")
    ));
    if !left_out.is_empty() {
        notes.push(format!(
            "Columns that do not hold numbers are not features: {}.",
            left_out.join(", ")
        ));
    }
    if let Some((line, column)) = missing {
        notes.push(format!(
            "{without} row{} without a readable number in every feature column {} left out \
             (the first: line {line}, column {column:?}).",
            if without == 1 { "" } else { "s" },
            if without == 1 { "is" } else { "are" }
        ));
    }
    let n = rows.len();
    let d = numeric.len();
    let values = Matrix::new(n, d, data)?;
    let features = names
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let column = values.column(j);
            FeatureInfo {
                key: name.clone(),
                label: name.clone(),
                kind: FeatureKind::Extra,
                money: false,
                skewed: column.iter().all(|v| *v >= 0.0) && skewness(&column) > 1.0,
            }
        })
        .collect();
    Ok(CustomerFeatures {
        customers: (0..n as u32).collect(),
        ids,
        features,
        values,
        as_of: 0,
        returns: vec![0; n],
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;
    use crate::ingest::{LoadOptions, load_plain};

    fn plain(csv: &str) -> Dataset {
        pollster::block_on(load_plain(
            csv.as_bytes(),
            None,
            &LoadOptions::default(),
            &mut Unattended,
        ))
        .expect("loads")
        .dataset
    }

    #[test]
    fn every_number_column_is_a_feature_and_the_id_is_found() {
        let d = plain(
            "id,sepal_length,petal_length,species\n1,5.1,1.4,setosa\n2,7.0,4.7,versicolor\n\
             3,6.3,,virginica\n4,6.4,4.5,versicolor\n",
        );
        let id = id_column(&d);
        assert_eq!(id, Some(0));
        let f = features(&d, id).expect("features");
        assert_eq!(f.ids, ["1", "2", "4"]);
        let keys: Vec<&str> = f.features.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["sepal_length", "petal_length"]);
        assert_eq!(f.values.row(1), [7.0, 4.7]);
        let notes = f.notes.join("\n");
        assert!(notes.contains("Read as a plain table"), "{notes}");
        assert!(notes.contains("ids from \"id\""), "{notes}");
        assert!(
            notes.contains("Columns that do not hold numbers are not features: \"species\"."),
            "{notes}"
        );
        assert!(
            notes.contains(
                "1 row without a readable number in every feature column is left out (the \
                 first: line 4, column \"petal_length\")"
            ),
            "{notes}"
        );
    }

    #[test]
    fn without_an_id_column_rows_are_named_by_their_line() {
        let d = plain("a,b\n1,2\n3,4\n5,6\n");
        assert_eq!(id_column(&d), None);
        let f = features(&d, None).expect("features");
        assert_eq!(f.ids, ["line 2", "line 3", "line 4"]);
        assert_eq!(f.features.len(), 2);
        // A text first column is the id; an id-named number column is one only when its
        // values differ.
        assert_eq!(id_column(&plain("name,x\nann,1\nbob,2\n")), Some(0));
        assert_eq!(id_column(&plain("x,row_id\n1,7\n2,7\n")), None);
        assert!(matches!(
            features(&plain("name,kind\nann,a\nbob,b\n"), Some(0)),
            Err(SegmentError::NoFeatures)
        ));
        let repeated =
            features(&plain("name,x\nann,1\nbob,2\nann,3\n"), Some(0)).expect_err("ann twice");
        assert_eq!(
            repeated.to_string(),
            "the id \"ann\" is on lines 2 and 4, and a plain table has one row per entity"
        );
    }
}
