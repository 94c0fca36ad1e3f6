//! How every subcommand reads its transaction log: the choices the Data page offers
//! (column roles, which statuses count, guests, postage and fees) as options, and one
//! way to load a file with them.

use clap::{Args, ValueEnum};
use crm_lens::control::Unattended;
use crm_lens::ingest::reading::{ColumnRef, GuestPolicy, Reading};
use crm_lens::ingest::roles::Role;
use crm_lens::ingest::{self, LoadOptions, Loaded, TableKind};
use std::fs::File;
use std::path::Path;

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

/// Loads a table with the user's reading choices; the error names the file.
pub fn load(path: &Path, kind: TableKind, read: &ReadArgs) -> Result<Loaded, String> {
    let name = path.display();
    let file =
        File::open(path).map_err(|error| format!("{name}: cannot open the file: {error}"))?;
    let size = file.metadata().ok().map(|metadata| metadata.len());
    let options = LoadOptions {
        kind,
        reading: read.reading(),
        ..LoadOptions::default()
    };
    pollster::block_on(ingest::load(file, size, &options, &mut Unattended))
        .map_err(|error| format!("{name}: {error}"))
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
}
