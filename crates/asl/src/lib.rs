//! Amazon States Language definitions: validation with AWS's diagnostics, and the compiled
//! `Program` that the engine runs.

pub mod diagnostic;
pub mod program;
pub mod render;
pub mod validate;
pub mod variables;

pub use diagnostic::{Diagnostic, Severity};
