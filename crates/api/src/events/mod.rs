//! The EventBridge API (AWS JSON 1.1): rules, targets, `PutEvents` and `TestEventPattern`,
//! one operation per file under `ops/`, answered from the server's triggers; and the HTTP
//! event endpoint (`endpoint`).

pub(crate) mod endpoint;
mod ops;
mod render;
mod shapes;

pub(crate) use ops::Operation;
