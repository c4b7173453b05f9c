//! `$random([seed])` and `$uuid()`, served from values drawn from the caller's [`Entropy`].
//!
//! Host functions must be `'static`, so they cannot borrow the caller's entropy.
//! Instead they read from [`Draws`], a pool the facade fills between evaluation passes: a pass that runs short records how many values it lacked, the facade draws exactly those and runs again.

use std::cell::RefCell;
use std::rc::Rc;

use jsonata_core::evaluator::EvaluatorError;
use jsonata_core::value::JValue;

use super::{arity, bad_argument};
use crate::Entropy;
use crate::entropy::{mix, unit_f64};

/// Values drawn from [`Entropy`] for one evaluation, shared with the registered functions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draws {
    pool: Rc<RefCell<Pool>>,
}

#[derive(Debug, Default)]
struct Pool {
    numbers: Vec<u64>,
    uuids: Vec<String>,
    next_number: usize,
    next_uuid: usize,
}

impl Draws {
    /// Empties the pool, for the next expression of a session.
    pub(crate) fn clear(&self) {
        let mut pool = self.pool.borrow_mut();
        pool.numbers.clear();
        pool.uuids.clear();
        pool.next_number = 0;
        pool.next_uuid = 0;
    }

    /// Rewinds the pool for a new pass and reports whether the last pass ran short.
    pub(crate) fn refill(&self, entropy: &mut dyn Entropy) -> bool {
        let mut pool = self.pool.borrow_mut();
        let short = pool.next_number > pool.numbers.len() || pool.next_uuid > pool.uuids.len();
        while pool.numbers.len() < pool.next_number {
            pool.numbers.push(entropy.next_u64());
        }
        while pool.uuids.len() < pool.next_uuid {
            pool.uuids.push(entropy.uuid_v4());
        }
        pool.next_number = 0;
        pool.next_uuid = 0;
        short
    }

    pub(super) fn random_fn(
        &self,
    ) -> impl Fn(&[JValue]) -> Result<JValue, EvaluatorError> + 'static {
        let pool = Rc::clone(&self.pool);
        move |args: &[JValue]| {
            arity(args, 0, 1, "random")?;
            match args.first() {
                None | Some(JValue::Undefined) => {
                    let mut pool = pool.borrow_mut();
                    let bits = pool.numbers.get(pool.next_number).copied().unwrap_or(0);
                    pool.next_number += 1;
                    Ok(JValue::from_f64(unit_f64(bits)))
                }
                Some(JValue::Number(seed)) if seed.is_finite() => {
                    Ok(JValue::from_f64(unit_f64(mix(seed.to_bits()))))
                }
                Some(_) => Err(bad_argument(1, "random")),
            }
        }
    }

    pub(super) fn uuid_fn(&self) -> impl Fn(&[JValue]) -> Result<JValue, EvaluatorError> + 'static {
        let pool = Rc::clone(&self.pool);
        move |args: &[JValue]| {
            arity(args, 0, 0, "uuid")?;
            let mut pool = pool.borrow_mut();
            let uuid = pool.uuids.get(pool.next_uuid).cloned();
            pool.next_uuid += 1;
            Ok(JValue::from(uuid.unwrap_or_default()))
        }
    }
}
