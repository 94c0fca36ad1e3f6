//! Reading a transaction log or an extra table: encoding, records, types, roles,
//! problems. Work in progress; see `decode`.

pub mod date;
pub mod decode;
pub mod infer;
pub mod number;
pub mod reader;
pub mod roles;
pub mod table;
