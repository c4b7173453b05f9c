//! The source of randomness for `States.UUID` and `States.MathRandom`.
//!
//! Randomness arrives from outside so that an execution replays to the same result:
//! the runtime seeds an implementation from the event, and tests pass a fixed one.

/// Randomness handed to intrinsic functions.
pub trait Entropy {
    /// A random version 4 UUID in its canonical lowercase form, for `States.UUID`.
    fn uuid_v4(&mut self) -> String;

    /// 64 random bits, for `States.MathRandom` when no seed is given.
    fn next_u64(&mut self) -> u64;
}
