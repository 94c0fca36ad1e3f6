//! The user's choices for reading a file (column roles and the rest), and the memory
//! that sends them again when a file of the same name is loaded again.

use crate::ingest::TableKind;
use crate::ingest::reading::Reading;
use crate::ingest::roles::Mapping;

/// How the user asked for a table to be read: column roles (`None`: the guess) and the
/// other choices (statuses, guests, pseudo-products, sheet).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choice {
    /// The column roles, instead of the guessed ones.
    pub mapping: Option<Mapping>,
    /// The other choices.
    pub reading: Reading,
}

impl Choice {
    /// Whether the user chose nothing: the guesses and defaults are used.
    pub fn is_default(&self) -> bool {
        *self == Choice::default()
    }
}

/// The choices made for one file, with the columns it had then.
#[derive(Debug, Clone)]
struct Remembered {
    kind: TableKind,
    name: String,
    choice: Choice,
    columns: Vec<String>,
}

/// The choices made per file name, so that loading the same file again keeps them.
/// Only choices that loaded are kept (a rejected mapping is not sent again).
#[derive(Debug, Clone, Default)]
pub struct Memory {
    files: Vec<Remembered>,
}

impl Memory {
    /// The choices made for the file `name` loaded as `kind`, if any.
    pub fn recall(&self, kind: TableKind, name: &str) -> Option<Choice> {
        self.find(kind, name).map(|r| r.choice.clone())
    }

    /// Whether the choices remembered for `name` were made for a file with these
    /// columns (a file of the same name may be another export).
    pub fn fits(&self, kind: TableKind, name: &str, columns: &[String]) -> bool {
        self.find(kind, name).is_none_or(|r| r.columns == columns)
    }

    /// Keeps the choices a file loaded with; choosing nothing forgets them.
    pub fn keep(&mut self, kind: TableKind, name: &str, choice: Choice, columns: Vec<String>) {
        self.forget(kind, name);
        if !choice.is_default() {
            self.files.push(Remembered {
                kind,
                name: name.to_owned(),
                choice,
                columns,
            });
        }
    }

    /// Forgets the choices made for `name`.
    pub fn forget(&mut self, kind: TableKind, name: &str) {
        self.files.retain(|r| !(r.kind == kind && r.name == name));
    }

    fn find(&self, kind: TableKind, name: &str) -> Option<&Remembered> {
        self.files.iter().find(|r| r.kind == kind && r.name == name)
    }
}
