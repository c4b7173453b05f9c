//! Compiled programs, cached by definition text so that each revision compiles once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use asl::program::Program;

use crate::Error;

/// A cache of compiled programs.
#[derive(Default)]
pub(crate) struct Programs(Mutex<HashMap<String, Arc<Program>>>);

impl Programs {
    /// The program for a definition, compiled on first use.
    pub(crate) fn get(&self, definition: &str) -> Result<Arc<Program>, Error> {
        let mut cache = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(program) = cache.get(definition) {
            return Ok(program.clone());
        }
        let value: serde_json::Value = serde_json::from_str(definition)
            .map_err(|err| Error::InvalidDefinition(err.to_string()))?;
        let program = Arc::new(
            asl::program::compile(&value)
                .map_err(|err| Error::InvalidDefinition(err.to_string()))?,
        );
        cache.insert(definition.to_owned(), program.clone());
        Ok(program)
    }
}
