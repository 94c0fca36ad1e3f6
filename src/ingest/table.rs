//! Columnar storage with interned strings: each distinct value of a column is stored
//! once, and each cell is a `u32` index into those values. A million order lines of six
//! columns take about 24 MB of cells plus the distinct values.

use super::interner::{GROUP, Interner};

pub use super::interner::MISSING;

/// One column: a name, its distinct values and a cell per row.
///
/// The distinct values sit back to back in one string, found through a hash index of
/// their ids (see the `interner` module): a new value costs no allocation of its own. (An
/// `IndexSet<Box<str>>` took a third more time on a million rows, its lookups going
/// through an index table, an entry and a separate string.)
#[derive(Debug, Clone, Default)]
pub struct TextColumn {
    /// The header name (made unique).
    pub name: String,
    /// The distinct values.
    values: Interner,
    /// Occurrences of each value id among the rows, at `counts[id - 1]`.
    counts: Vec<u64>,
    /// A cell per row: [`MISSING`] or a value id.
    cells: Vec<u32>,
}

/// `value` without surrounding white space. Most values start and end with a visible
/// ASCII character and need no look at Unicode's white space.
fn trim(value: &str) -> &str {
    match value.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => value,
        [only] if only.is_ascii_graphic() => value,
        _ => value.trim(),
    }
}

impl TextColumn {
    /// An empty column.
    pub fn new(name: String) -> Self {
        Self {
            name,
            ..Self::default()
        }
    }

    /// A column of `values`, for tests.
    #[cfg(test)]
    pub(crate) fn of(values: &[&str]) -> Self {
        let mut column = Self::new("c".into());
        for value in values {
            column.push(value);
        }
        column
    }

    /// Appends a cell; surrounding white space is dropped and an empty value is missing.
    pub fn push(&mut self, value: &str) {
        let value = trim(value);
        let id = if value.is_empty() {
            MISSING
        } else {
            self.values.intern(value)
        };
        self.cells.push(id);
        self.count_from(self.cells.len() - 1);
    }

    /// Appends a cell per value, as [`Self::push`] does.
    fn extend<'a>(&mut self, values: impl Iterator<Item = &'a str>) {
        let first = self.cells.len();
        let mut group = [""; GROUP];
        let mut len = 0;
        for value in values {
            group[len] = trim(value);
            len += 1;
            if len == GROUP {
                self.values.intern_group(&group, &mut self.cells);
                len = 0;
            }
        }
        self.values.intern_group(&group[..len], &mut self.cells);
        self.count_from(first);
    }

    /// Counts the values of the cells from row `first` on. (Counted after they are
    /// interned, the increments do not wait for each other's cache misses.)
    fn count_from(&mut self, first: usize) {
        self.counts.resize(self.values.len() as usize, 0);
        for &id in &self.cells[first..] {
            if id != MISSING {
                self.counts[id as usize - 1] += 1;
            }
        }
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
        (id != MISSING && id <= self.values.len()).then(|| self.values.text(id))
    }

    /// The text of a row's cell; `None` if missing.
    pub fn get(&self, row: usize) -> Option<&str> {
        self.value(*self.cells.get(row)?)
    }

    /// Distinct values with their number of occurrences among the kept rows.
    pub fn distinct(&self) -> impl Iterator<Item = (&str, u64)> + Clone {
        (1u32..)
            .zip(&self.counts)
            .filter(|(_, count)| **count > 0)
            .map(|(id, count)| (self.values.text(id), *count))
    }

    /// Number of value ids ever given (ids run from 1 to this); some may no longer occur
    /// after rows were removed.
    pub fn value_count(&self) -> u32 {
        self.values.len()
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

    /// Adds the rows of `batch` (as wide as the table), column by column, and empties it.
    pub fn append(&mut self, batch: &mut Batch) {
        let rows = batch.lines.len();
        for (c, column) in self.columns.iter_mut().enumerate() {
            column.cells.reserve(rows);
            column.extend((0..rows).map(|row| batch.field(row * batch.width + c)));
        }
        self.lines.append(&mut batch.lines);
        batch.text.clear();
        batch.ends.clear();
    }

    /// Keeps only the rows for which `keep` is true.
    pub fn retain(&mut self, keep: &[bool]) {
        if keep.iter().all(|&kept| kept) {
            return;
        }
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

/// Rows on their way into a [`Table`], added a batch at a time.
///
/// Interning goes column by column through a batch: one column's hash table and text
/// stay in the processor's cache for thousands of values, instead of seven tables taking
/// turns for every row. On a million rows of seven columns this halves the time spent
/// interning.
#[derive(Debug, Default)]
pub struct Batch {
    /// Fields per row.
    width: usize,
    /// The rows' fields, each followed by one separating byte.
    text: String,
    /// Where each field ends in `text`, `width` per row.
    ends: Vec<usize>,
    /// For each row, the line of the file on which it starts.
    lines: Vec<u64>,
}

impl Batch {
    /// An empty batch of rows with `width` fields.
    pub fn new(width: usize) -> Self {
        Self {
            width,
            ..Self::default()
        }
    }

    /// Adds a row starting on `line`: its first `width` fields, the missing ones empty.
    pub fn push<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>, line: u64) {
        let mut count = 0;
        for field in fields.into_iter().take(self.width) {
            self.text.push_str(field);
            self.ends.push(self.text.len());
            self.text.push('\n');
            count += 1;
        }
        for _ in count..self.width {
            self.ends.push(self.text.len());
            self.text.push('\n');
        }
        self.lines.push(line);
    }

    /// Adds a row starting on `line` from the text of a line whose `width` fields end at
    /// `ends` (each followed by a delimiter, or by the end of the line).
    pub fn push_line(&mut self, text: &str, ends: &[usize], line: u64) {
        debug_assert_eq!(ends.len(), self.width);
        let start = self.text.len();
        self.text.push_str(text);
        self.text.push('\n');
        self.ends.extend(ends.iter().map(|end| start + end));
        self.lines.push(line);
    }

    /// Bytes of field text held.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Field `index` of all the fields, row after row.
    fn field(&self, index: usize) -> &str {
        let start = if index == 0 {
            0
        } else {
            self.ends[index - 1] + 1
        };
        &self.text[start..self.ends[index]]
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
    fn trims_ascii_and_unicode_white_space() {
        for (value, trimmed) in [
            ("a", "a"),
            ("ab", "ab"),
            (" a", "a"),
            ("a\t", "a"),
            ("\u{3000}商品\u{a0}", "商品"),
            ("é", "é"),
            (" ", ""),
            ("", ""),
        ] {
            assert_eq!(trim(value), trimmed, "{value:?}");
        }
    }

    #[test]
    fn a_batch_fills_columns_and_pads_short_rows() {
        let mut table = Table {
            columns: vec![TextColumn::new("a".into()), TextColumn::new("b".into())],
            lines: vec![],
        };
        let mut batch = Batch::new(2);
        batch.push(["x", "1"], 2);
        batch.push(["y"], 3);
        table.append(&mut batch);
        assert_eq!(batch.text_len(), 0, "emptied");
        batch.push(["x", "2", "ignored"], 5);
        batch.push_line("z;3", &[1, 3], 6);
        table.append(&mut batch);
        assert_eq!(table.lines, [2, 3, 5, 6]);
        assert_eq!(table.columns[0].cells(), [1, 2, 1, 3]);
        assert_eq!(table.columns[1].cells(), [1, MISSING, 2, 3]);
        assert_eq!(table.columns[1].get(2), Some("2"));
        assert_eq!(table.columns[1].get(3), Some("3"));
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
