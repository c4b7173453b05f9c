//! `java.util.Random`, so that `States.MathRandom` with a seed gives the numbers AWS gives.

const MULTIPLIER: i64 = 0x5_DEEC_E66D;
const ADDEND: i64 = 0xB;
const MASK: i64 = (1 << 48) - 1;

/// Java's 48-bit linear congruential generator.
pub(crate) struct JavaRandom {
    seed: i64,
}

impl JavaRandom {
    /// `new Random(seed)`.
    pub(crate) fn new(seed: i64) -> Self {
        JavaRandom {
            seed: (seed ^ MULTIPLIER) & MASK,
        }
    }

    fn next(&mut self, bits: u32) -> i32 {
        self.seed = self.seed.wrapping_mul(MULTIPLIER).wrapping_add(ADDEND) & MASK;
        // Java keeps the top `bits` of the 48-bit state and reinterprets them as an int.
        (self.seed >> (48 - bits)) as i32
    }

    /// `nextInt(bound)`, or `None` where Java would throw because `bound` is not positive.
    pub(crate) fn next_int(&mut self, bound: i32) -> Option<i32> {
        if bound <= 0 {
            return None;
        }
        let mut r = self.next(31);
        let m = bound - 1;
        if bound & m == 0 {
            return Some(((i64::from(bound) * i64::from(r)) >> 31) as i32);
        }
        let mut u = r;
        loop {
            r = u % bound;
            if u.wrapping_sub(r).wrapping_add(m) >= 0 {
                return Some(r);
            }
            u = self.next(31);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::JavaRandom;

    #[test]
    fn matches_java_util_random() {
        // Reference values from the JDK: `new Random(0).nextInt()` is -1155484576, and
        // `new Random(42)` draws 0, 3, 8, 4, 0 from `nextInt(10)`.
        assert_eq!(JavaRandom::new(0).next(32), -1_155_484_576);
        let mut random = JavaRandom::new(42);
        let draws: Vec<_> = (0..5).filter_map(|_| random.next_int(10)).collect();
        assert_eq!(draws, [0, 3, 8, 4, 0]);
        assert_eq!(JavaRandom::new(42).next_int(100), Some(30));
        assert_eq!(JavaRandom::new(123).next_int(16), Some(11));
        assert_eq!(JavaRandom::new(7).next_int(0), None);
    }
}
