//! Reading a transaction log or an extra table: encoding, records, types, roles,
//! problems. Work in progress; see `decode`.

pub mod date;
pub mod decode;
pub mod number;
pub mod reader;
pub mod table;
