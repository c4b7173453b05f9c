//! How the JVM prints and compares JSON values.
//!
//! AWS's interpreter runs on the JVM with Jackson and Jayway JsonPath, and the results show it:
//! `States.Format` prints objects as `{a=1}`, floats come out as `1.0E10`,
//! and `States.ArrayUnique` returns values in `java.util.HashSet` order.
//! This module reproduces those renderings so that outputs and messages match byte for byte.

mod display;
mod double;
mod hash;
mod json;
mod number;
mod random;

pub(crate) use display::to_java_string;
pub(crate) use hash::unique_in_hash_set_order;
pub(crate) use json::{to_json, write_number};
pub(crate) use number::{class_name, round_half_up};
pub(crate) use random::JavaRandom;
