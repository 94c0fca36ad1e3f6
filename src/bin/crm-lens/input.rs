//! How every subcommand reads its data: the choices the Data page offers (column roles,
//! which statuses count, guests, postage and fees) as options ([`ReadArgs`]), and one way
//! to load a transaction log with them, its extra tables joined ([`Input`]). A
//! subcommand loads its [`Input`], turns its own options into the core's settings, runs
//! the analysis and prints; an error names the file.

use clap::{Args, ValueEnum};
use crm_lens::analyses::{self, Registered, Results};
use crm_lens::control::Unattended;
use crm_lens::ingest::join::{Join, join};
use crm_lens::ingest::reading::{ColumnRef, GuestPolicy, Reading};
use crm_lens::ingest::roles::Role;
use crm_lens::ingest::{self, Dataset, LoadError, LoadOptions, Loaded, TableKind};
use crm_lens::orders::Orders;
use crm_lens::segments::features::ExtraTable;
use std::fmt::Display;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The reading options every subcommand that loads a transaction log takes.
#[derive(Args, Debug, Clone, Default)]
pub struct ReadArgs {
    /// Give a column a role, by header or position from 1: `--role customer=Email
    /// --role product="Lineitem name" --role amount=7`; `--role amount=` gives the role to
    /// no column. Roles: customer, order, date, product, category, quantity, unit-price,
    /// amount, time, status, product-code, email, phone, refunded-quantity,
    /// refunded-amount, order-total, currency.
    #[arg(long = "role", value_name = "ROLE=COLUMN", value_parser = parse_role)]
    pub roles: Vec<(Role, Option<ColumnRef>)>,
    /// The status values whose lines count as purchases, comma-separated as written in
    /// the file (`--statuses paid,partially_refunded`); by default every status but
    /// refunded, cancelled, voided, failed and unpaid ones counts.
    #[arg(long, value_delimiter = ',', value_name = "STATUS,...")]
    pub statuses: Option<Vec<String>>,
    /// Guests and walk-ins (customer ids such as 0, guest, - or none): left out, or each
    /// keyed by their email or phone.
    #[arg(long, value_enum, default_value_t = GuestsArg::LeaveOut)]
    pub guests: GuestsArg,
    /// Keep postage, shipping, fees, discounts and gift cards as products in baskets and
    /// recommendations (left out by default).
    #[arg(long)]
    pub keep_pseudo_products: bool,
    /// The sheet to read in workbooks (.xlsx, .xls, .xlsb, .ods), by name; without it,
    /// the first visible sheet with data.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

/// `--guests`.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum GuestsArg {
    /// Leave guests' lines out of the analyses (counted in the report).
    #[default]
    LeaveOut,
    /// Key each guest by the email column.
    Email,
    /// Key each guest by the phone column.
    Phone,
}

/// `ROLE=COLUMN`, the column by header or position.
fn parse_role(text: &str) -> Result<(Role, Option<ColumnRef>), String> {
    let (role, column) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?} is not ROLE=COLUMN (such as customer=Email)"))?;
    let role: Role = role.trim().parse()?;
    let column = column.trim();
    let column = if column.is_empty() {
        None
    } else if let Ok(position) = column.parse::<usize>() {
        Some(ColumnRef::Position(position))
    } else {
        Some(ColumnRef::Name(column.to_owned()))
    };
    Ok((role, column))
}

impl ReadArgs {
    /// The reading choices.
    pub fn reading(&self) -> Reading {
        Reading {
            counted_statuses: self.statuses.clone(),
            guests: match self.guests {
                GuestsArg::LeaveOut => GuestPolicy::LeaveOut,
                GuestsArg::Email => GuestPolicy::Email,
                GuestsArg::Phone => GuestPolicy::Phone,
            },
            keep_pseudo_products: self.keep_pseudo_products,
            roles: self.roles.clone(),
            sheet: self.sheet.clone(),
        }
    }
}

/// A date option, `YYYY-MM-DD`, as days since 1970-01-01 (the core's days).
pub fn parse_day(text: &str) -> Result<i64, String> {
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date such as 2024-12-31"))?;
    Ok(date
        .signed_duration_since(chrono::NaiveDate::default())
        .num_days())
}

/// The name of a file in messages: the path as the user gave it.
pub fn name(path: &Path) -> String {
    path.display().to_string()
}

/// Loads a table with the user's reading choices; the error names the file.
pub fn load(path: &Path, kind: TableKind, read: &ReadArgs) -> Result<Loaded, String> {
    load_as(path, kind, read, false).map_err(|failed| failed.message)
}

/// Why a file could not be loaded.
struct Failed {
    /// The message, naming the file.
    message: String,
    /// Whether it lacks the columns a table of its kind needs (customer, date).
    no_roles: bool,
}

/// Loads a table of `kind`, or with `plain` any table ([`ingest::load_plain`]).
fn load_as(path: &Path, kind: TableKind, read: &ReadArgs, plain: bool) -> Result<Loaded, Failed> {
    let name = name(path);
    let failed = |message: String, no_roles: bool| Failed { message, no_roles };
    let file = File::open(path)
        .map_err(|error| failed(format!("{name}: cannot open the file: {error}"), false))?;
    let size = file.metadata().ok().map(|metadata| metadata.len());
    let options = LoadOptions {
        kind,
        reading: read.reading(),
        ..LoadOptions::default()
    };
    let loaded = if plain {
        pollster::block_on(ingest::load_plain(file, size, &options, &mut Unattended))
    } else {
        pollster::block_on(ingest::load(file, size, &options, &mut Unattended))
    };
    loaded.map_err(|error| {
        let no_roles = matches!(
            error,
            LoadError::NoCustomerColumn { .. } | LoadError::NoDateColumn { .. }
        );
        failed(format!("{name}: {error}"), no_roles)
    })
}

/// A file that is no transaction log, read as a plain table: a basket file of
/// transaction ids and items, or numbers with one row per entity.
pub struct Plain {
    /// The file, as named in messages.
    pub name: String,
    /// Its rows.
    pub dataset: Dataset,
    /// Why it is no transaction log: the message to give when the table does not suit
    /// the subcommand either.
    pub not_a_log: String,
}

/// Loads any table, with no role required ([`ingest::load_plain`]); the error names
/// the file.
pub fn load_plain(path: &Path, read: &ReadArgs) -> Result<Dataset, String> {
    load_as(path, TableKind::Extra, read, true)
        .map(|loaded| loaded.dataset)
        .map_err(|failed| failed.message)
}

impl Plain {
    /// An analysis's refusal, as a message naming the file.
    pub fn error(&self, error: impl Display) -> String {
        format!("{}: {error}", self.name)
    }
}

/// What a file turned out to be.
pub enum Data {
    /// A transaction log.
    Log(Input),
    /// Not a transaction log (it has no customer or no date column): a plain table.
    Plain(Plain),
}

/// Loads `path` as a transaction log with its extra tables ([`Input::load`]); a file
/// without the customer or the date column of a transaction log is read again as a
/// plain table, for the subcommand to use if it can.
pub fn load_log_or_plain(path: &Path, read: &ReadArgs, extras: &[PathBuf]) -> Result<Data, String> {
    match load_as(path, TableKind::Transactions, read, false) {
        Ok(loaded) => Input::joined(path, loaded.dataset, extras).map(Data::Log),
        Err(Failed {
            message,
            no_roles: true,
        }) => {
            let dataset = load_as(path, TableKind::Extra, read, true)
                .map_err(|_| message.clone())?
                .dataset;
            Ok(Data::Plain(Plain {
                name: name(path),
                dataset,
                not_a_log: message,
            }))
        }
        Err(failed) => Err(failed.message),
    }
}

/// An extra table (customer attributes, events, feedback, items) joined to the log.
pub struct Extra {
    /// Its file name without the folder: features from it are `extra:NAME:COLUMN`.
    pub name: String,
    /// Its rows.
    pub dataset: Dataset,
    /// How its rows match the log's customers.
    pub join: Join,
}

/// A transaction log loaded with the user's reading choices, with its extra tables
/// joined: what every analysis subcommand starts from.
pub struct Input {
    /// The log's file, as named in messages.
    pub name: String,
    /// The log.
    pub dataset: Dataset,
    /// The extra tables, in the order given.
    pub extras: Vec<Extra>,
    /// The results of the analyses run and kept so far, which others read (the segments
    /// that opportunities compare).
    results: Box<Results>,
}

impl Input {
    /// Loads the transaction log at `path` with `read`, and the extra tables at `extras`
    /// as they come (the reading choices are the log's), each joined to the log on the
    /// customer id, or on the order id when it has no customer column.
    pub fn load(path: &Path, read: &ReadArgs, extras: &[PathBuf]) -> Result<Self, String> {
        let dataset = load(path, TableKind::Transactions, read)?.dataset;
        Self::joined(path, dataset, extras)
    }

    /// The loaded log `dataset` of `path` with the extra tables at `extras` joined.
    fn joined(path: &Path, dataset: Dataset, extras: &[PathBuf]) -> Result<Self, String> {
        let extras = extras
            .iter()
            .map(|extra| {
                let table = load(extra, TableKind::Extra, &ReadArgs::default())?.dataset;
                Ok(Extra {
                    name: extra
                        .file_name()
                        .map_or_else(|| name(extra), |file| file.to_string_lossy().into_owned()),
                    join: join(&dataset, &table),
                    dataset: table,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Self {
            name: name(path),
            dataset,
            extras,
            results: Box::default(),
        })
    }

    /// The log as the analyses read it: typed columns, purchases told from returns.
    pub fn orders(&self) -> Orders {
        Orders::from_dataset(&self.dataset)
    }

    /// The extra tables as segmentation takes them.
    pub fn extra_tables(&self) -> Vec<ExtraTable<'_>> {
        self.extras
            .iter()
            .map(|extra| ExtraTable {
                name: &extra.name,
                dataset: &extra.dataset,
                join: &extra.join,
            })
            .collect()
    }

    /// Runs analysis `A` of the registry on the log's purchases `orders`, the extra
    /// tables and the results kept so far ([`Input::keep`]), as the worker runs it
    /// (without segments kept, recommendations take the RFM segments); its refusal names
    /// the log.
    pub fn run<A: Registered>(
        &self,
        orders: &Orders,
        settings: &A::Settings,
    ) -> Result<A::Output, String> {
        let extras = self.extra_tables();
        let input = analyses::Input::new(&self.dataset, orders, &extras, &self.results);
        pollster::block_on(A::run(&input, settings, &mut Unattended))
            .map_err(|error| self.error(error))
    }

    /// Keeps `output` of analysis `A`, for the analyses run after it that read it.
    pub fn keep<A: Registered>(&mut self, output: A::Output, settings: A::Settings) {
        self.results.keep::<A>(output, settings);
    }

    /// An analysis's refusal, as a message naming the log.
    pub fn error(&self, error: impl Display) -> String {
        format!("{}: {error}", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_roles_by_name_and_position() {
        assert_eq!(
            parse_role("customer=Email"),
            Ok((Role::Customer, Some(ColumnRef::Name("Email".into()))))
        );
        assert_eq!(
            parse_role("unit-price=7"),
            Ok((Role::UnitPrice, Some(ColumnRef::Position(7))))
        );
        assert_eq!(parse_role("amount="), Ok((Role::Amount, None)));
        assert!(parse_role("buyer=Email").is_err_and(|e| e.contains("no role")));
        assert!(parse_role("customer").is_err());
    }

    #[test]
    fn parses_days() {
        assert_eq!(parse_day("1970-01-02"), Ok(1));
        assert_eq!(parse_day("1998-03-29"), Ok(10314));
        assert!(parse_day("29/03/1998").is_err_and(|e| e.contains("such as 2024-12-31")));
    }
}
