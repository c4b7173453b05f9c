//! The state of one execution, as the runtime persists it between events.

use serde::{Deserialize, Serialize};

/// Everything the interpreter needs to continue an execution after the next event.
///
/// The runtime stores it with the history in one commit and hands it back unchanged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Execution {}
