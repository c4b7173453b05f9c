//! What the graph tests share: reading fixtures.

#![allow(dead_code, reason = "not every test binary uses every helper")]

use std::path::{Path, PathBuf};

use graph::{Graph, NodeKind};
use serde_json::Value;

/// The directory of the definitions the tests draw.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The definition in `tests/fixtures/NAME.asl.json`.
pub(crate) fn fixture(name: &str) -> Value {
    read_json(&fixtures().join(format!("{name}.asl.json")))
}

pub(crate) fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The number of states: nodes that are neither markers nor placeholders.
pub(crate) fn n_states(graph: &Graph) -> usize {
    graph
        .nodes()
        .iter()
        .filter(|node| matches!(node.kind, NodeKind::State(_)))
        .count()
}
