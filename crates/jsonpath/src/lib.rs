//! jsonpath crate.
