//! The pure Step Functions interpreter.
//!
//! `step(program, execution, event)` returns the next execution state, the history events it
//! recorded and the commands the runtime must carry out. Nothing here performs I/O, reads a
//! clock or draws random numbers: time, randomness and UUIDs arrive inside the `Event`.

pub mod history;

pub use history::{Field, HistoryEvent, HistoryEventType, Payload};
pub mod execution;

pub use execution::Execution;
