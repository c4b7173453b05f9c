//! In-memory storage: the default until a durable backend lands.

/// Keeps everything in memory (placeholder).
#[derive(Debug, Default)]
pub struct MemoryStore;
