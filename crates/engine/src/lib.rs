//! The pure Step Functions interpreter.
//!
//! `step(program, execution, event)` returns the next execution state, the history events it
//! recorded and the commands the runtime must carry out. Nothing here performs I/O, reads a
//! clock or draws random numbers: time and randomness arrive inside the `Event`.

mod context;
mod dataflow;
mod entropy;
pub mod event;
pub mod execution;
pub mod history;
mod machine;
mod pending;
mod query;
mod recovery;
mod states;
mod timestamp;
pub mod token;
mod variables;

pub use event::{Command, Event, EventKind, ExecutionContext, Step, TaskId, TimerId};
pub use execution::{Execution, Failure, Status};
pub use history::{
    Details, Field, HistoryEvent, HistoryEventType, MAX_PAYLOAD_BYTES, Payload, Recorded,
};
pub use machine::{MAX_HISTORY_EVENTS, step};
pub use pending::{Pending, PendingTask, PendingTimer, pending};
