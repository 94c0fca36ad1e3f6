//! The CRM Lens analytics core.
//!
//! Plain Rust with no web dependency and no IO of its own: functions take bytes (through
//! [`std::io::Read`] implementations supplied by the caller) and parameters, and return
//! values. The same code runs natively (the `crm-lens` CLI, the tests) and inside the web
//! worker. Long computations are `async` only so that they can pause at
//! [`control::Control::checkpoint`]s: that is where the worker reports progress, yields to its
//! event loop and notices cancellation. Natively every checkpoint is ready at once.
//!
//! ```
//! use crm_lens::{control::Unattended, scan::scan};
//!
//! let csv = b"customer;order;date\nc1;o1;2024-01-02\nc2;o2;2024-01-03\n";
//! let report = pollster::block_on(scan(&csv[..], Some(csv.len() as u64), &mut Unattended))?;
//! assert_eq!(report.delimiter.as_char(), ';');
//! assert_eq!(report.header, ["customer", "order", "date"]);
//! assert_eq!(report.rows, 2);
//! # Ok::<(), crm_lens::scan::ScanError>(())
//! ```
#![warn(missing_docs)]

pub mod control;
pub mod ingest;
pub mod protocol;
pub mod scan;
pub mod scheduler;
pub mod view;

#[cfg(feature = "web")]
pub mod web;
