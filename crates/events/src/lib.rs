//! EventBridge event patterns: parse a pattern, validate it, and match JSON events against it.
//!
//! A pattern has the shape of the events it selects. Each field of the pattern names a field
//! of the event; a nested object descends into the event, and an array lists the values the
//! field may take: literals (strings, numbers, booleans, `null`) or operators (`prefix`,
//! `suffix`, `anything-but`, `numeric`, `exists`, `cidr`, `equals-ignore-case`, `wildcard`).
//! Any element of the array may match; every field of the pattern must match; `$or` lists
//! alternative sub-patterns.
//!
//! ```
//! use events::Pattern;
//! use serde_json::json;
//!
//! let pattern = Pattern::parse(r#"{"source": ["aws.ec2"], "detail": {"state": [{"prefix": "term"}]}}"#)?;
//! assert!(pattern.matches(&json!({"source": "aws.ec2", "detail": {"state": "terminated"}})));
//! assert!(!pattern.matches(&json!({"source": "aws.s3", "detail": {"state": "terminated"}})));
//! # Ok::<(), events::PatternError>(())
//! ```

mod error;
mod matcher;
mod numeric;
mod parse;
mod pattern;
mod wildcard;

pub use error::PatternError;
pub use pattern::Pattern;
