//! The source of randomness for `$random()` and `$uuid()`, supplied by the caller so that replays are deterministic.

/// A source of random numbers and UUIDs; the engine passes its own seeded implementation.
pub trait Entropy {
    /// Returns the next uniformly distributed 64-bit value.
    fn next_u64(&mut self) -> u64;
    /// Returns the next random version-4 UUID in its hyphenated lowercase form.
    fn uuid_v4(&mut self) -> String;
}

/// A small deterministic [`Entropy`] (SplitMix64), for tests and tools that need a seedable source.
///
/// # Example
///
/// ```
/// use jsonata::{Entropy, SplitMix64};
/// let mut a = SplitMix64::new(1);
/// let mut b = SplitMix64::new(1);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert_eq!(a.uuid_v4().len(), 36);
/// ```
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// Creates a generator from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }
}

impl Entropy for SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.state)
    }

    fn uuid_v4(&mut self) -> String {
        uuid_from_bits(self.next_u64(), self.next_u64())
    }
}

/// The SplitMix64 finaliser, also used to derive `$random(seed)` values.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Maps 64 random bits to a number in `[0, 1)` the way JavaScript engines do, with 53 bits of precision.
pub(crate) fn unit_f64(bits: u64) -> f64 {
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

fn uuid_from_bits(hi: u64, lo: u64) -> String {
    let hi = (hi & !0xF000) | 0x4000;
    let lo = (lo & !(0xC000 << 48)) | (0x8000 << 48);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}
