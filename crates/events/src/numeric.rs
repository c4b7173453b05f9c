//! The `numeric` operator's ranges.

/// A range of numbers with optional, open or closed, bounds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Range {
    pub(crate) lower: Option<Bound>,
    pub(crate) upper: Option<Bound>,
}

/// One end of a [`Range`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bound {
    pub(crate) value: f64,
    pub(crate) inclusive: bool,
}

impl Range {
    pub(crate) fn contains(&self, number: f64) -> bool {
        let above = self
            .lower
            .is_none_or(|bound| number > bound.value || bound.inclusive && number == bound.value);
        let below = self
            .upper
            .is_none_or(|bound| number < bound.value || bound.inclusive && number == bound.value);
        above && below
    }
}
