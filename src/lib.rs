//! The CRM Lens analytics core.
//!
//! Plain Rust with no web dependency and no IO of its own: functions take bytes (through
//! [`std::io::Read`] implementations or other [`ingest::Source`]s supplied by the caller)
//! and parameters, and return values. The same code runs natively (the `crm-lens` CLI,
//! the tests) and inside the web worker. Long computations are `async` only so that they
//! can pause at [`control::Control::checkpoint`]s (and, in the worker, wait for the file's
//! next slice): that is where the worker reports progress, yields to its event loop and
//! notices cancellation. Natively every checkpoint is ready at once.
//!
//! ```
//! use crm_lens::control::Unattended;
//! use crm_lens::ingest::{LoadOptions, load, roles::Role};
//!
//! let csv = "客户编号;订单号;下单日期;金额\nc1;o1;2024年1月2日;12,50\nc2;o2;2024年1月3日;3,00\n";
//! let options = LoadOptions::default();
//! let loaded = pollster::block_on(load(csv.as_bytes(), None, &options, &mut Unattended))?;
//! assert_eq!(loaded.report.delimiter.as_char(), ';');
//! assert_eq!((loaded.report.read, loaded.report.kept), (2, 2));
//! assert_eq!(loaded.dataset.mapping.column(Role::Date), Some(2));
//! # Ok::<(), crm_lens::ingest::LoadError>(())
//! ```
#![warn(missing_docs)]

pub mod analyses;
pub mod baskets;
pub mod control;
pub mod demo;
pub mod export;
pub mod ingest;
pub mod opportunities;
pub mod orders;
pub mod protocol;
pub mod recommend;
pub mod scheduler;
pub mod segments;
pub mod value;
pub mod view;
pub mod workspace;

#[cfg(feature = "web")]
pub mod web;
