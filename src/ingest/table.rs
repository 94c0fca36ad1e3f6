//! Columnar storage with interned strings: each distinct value of a column is stored
//! once, and each cell is a `u32` index into those values. A million order lines of six
//! columns take about 24 MB of cells plus the distinct values.

use indexmap::IndexSet;
use rustc_hash::FxBuildHasher;

/// The index of an empty cell.
pub const MISSING: u32 = 0;

/// One column: a name, its distinct values and a cell per row.
#[derive(Debug, Clone, Default)]
pub struct TextColumn {
    /// The header name (made unique).
    pub name: String,
    values: IndexSet<Box<str>, FxBuildHasher>,
    /// Occurrences of each distinct value, in `values` order.
    counts: Vec<u64>,
    /// A cell per row: [`MISSING`] or 1 + the index of its value.
    cells: Vec<u32>,
}

impl TextColumn {
    /// An empty column.
    pub fn new(name: String) -> Self {
        Self {
            name,
            ..Self::default()
        }
    }

    /// Appends a cell; surrounding white space is dropped and an empty value is missing.
    pub fn push(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            self.cells.push(MISSING);
            return;
        }
        let index = match self.values.get_index_of(text) {
            Some(index) => index,
            None => {
                self.values.insert(text.into());
                self.counts.push(0);
                self.values.len() - 1
            }
        };
        self.counts[index] += 1;
        // More than 4 billion distinct values cannot come from a file a tab can hold.
        self.cells
            .push(u32::try_from(index + 1).unwrap_or(u32::MAX));
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The cells, as value ids (see [`Self::value`]).
    pub fn cells(&self) -> &[u32] {
        &self.cells
    }

    /// The text of a value id; `None` for [`MISSING`].
    pub fn value(&self, id: u32) -> Option<&str> {
        let index = usize::try_from(id).ok()?.checked_sub(1)?;
        self.values.get_index(index).map(|text| &**text)
    }

    /// The text of a row's cell; `None` if missing.
    pub fn get(&self, row: usize) -> Option<&str> {
        self.value(*self.cells.get(row)?)
    }

    /// Distinct values with their number of occurrences among the kept rows.
    pub fn distinct(&self) -> impl Iterator<Item = (&str, u64)> + Clone {
        self.values
            .iter()
            .zip(&self.counts)
            .filter(|(_, count)| **count > 0)
            .map(|(v, c)| (&**v, *c))
    }

    /// Number of value ids ever given (ids run from 1 to this); some may no longer occur
    /// after rows were removed.
    pub fn value_count(&self) -> u32 {
        u32::try_from(self.values.len()).unwrap_or(u32::MAX)
    }

    /// Distinct value ids with their number of occurrences among the kept rows.
    pub fn distinct_ids(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        (1u32..)
            .zip(&self.counts)
            .filter(|(_, count)| **count > 0)
            .map(|(id, count)| (id, *count))
    }

    /// Number of distinct values.
    pub fn distinct_count(&self) -> usize {
        self.counts.iter().filter(|count| **count > 0).count()
    }

    /// Number of missing cells.
    pub fn missing(&self) -> u64 {
        self.cells.iter().filter(|&&cell| cell == MISSING).count() as u64
    }

    /// Keeps only the rows for which `keep` is true.
    pub fn retain(&mut self, keep: &[bool]) {
        let mut row = 0;
        let counts = &mut self.counts;
        self.cells.retain(|&cell| {
            let kept = keep.get(row).copied().unwrap_or(true);
            row += 1;
            if !kept && cell != MISSING {
                counts[cell as usize - 1] -= 1;
            }
            kept
        });
    }
}

/// Rows of text in columns, with the line of the file each row came from.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The columns, in file order.
    pub columns: Vec<TextColumn>,
    /// For each row, the 1-based line of the file on which it starts.
    pub lines: Vec<u64>,
}

impl Table {
    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.lines.len()
    }

    /// Keeps only the rows for which `keep` is true.
    pub fn retain(&mut self, keep: &[bool]) {
        for column in &mut self.columns {
            column.retain(keep);
        }
        let mut row = 0;
        self.lines.retain(|_| {
            row += 1;
            keep.get(row - 1).copied().unwrap_or(true)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_values_and_counts_them() {
        let mut column = TextColumn::new("product".into());
        for text in ["coffee", " tea ", "", "coffee", "  "] {
            column.push(text);
        }
        assert_eq!(column.len(), 5);
        assert_eq!(column.cells(), [1, 2, MISSING, 1, MISSING]);
        assert_eq!(column.get(1), Some("tea"));
        assert_eq!(column.get(2), None);
        assert_eq!(column.missing(), 2);
        assert_eq!(
            column.distinct().collect::<Vec<_>>(),
            [("coffee", 2), ("tea", 1)]
        );
    }

    #[test]
    fn retaining_rows_updates_counts() {
        let mut table = Table {
            columns: vec![TextColumn::new("a".into())],
            lines: vec![2, 3, 4],
        };
        for text in ["x", "y", "x"] {
            table.columns[0].push(text);
        }
        table.retain(&[true, false, false]);
        assert_eq!(table.lines, [2]);
        assert_eq!(table.columns[0].distinct().collect::<Vec<_>>(), [("x", 1)]);
        assert_eq!(table.columns[0].distinct_count(), 1);
    }
}
