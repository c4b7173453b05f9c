//! Horizontal coordinates: each vertex is pulled towards the weighted mean of its neighbours
//! on the rank above (sweeping down) or below (sweeping up), while keeping its layer's order
//! and spacing.
//!
//! Placing one layer is a least-squares problem under "at least this far right of the left
//! neighbour" constraints; shifting each vertex by its minimal offset turns it into isotonic
//! regression, which pool-adjacent-violators solves exactly in linear time.

/// Sweeps down and up this many times.
const ITERATIONS: usize = 16;

/// How strongly a vertex with no neighbour on the rank it looks at stays where it is.
const KEEP_WEIGHT: f64 = 0.01;

/// A layered graph ready for placement.
pub(crate) struct Layers<'a> {
    /// The vertices of each rank, left to right.
    pub(crate) layers: &'a [Vec<usize>],
    /// The width of each vertex.
    pub(crate) widths: &'a [f64],
    /// Whether each vertex is a state or a marker (`true`) or a point of an edge (`false`).
    pub(crate) real: &'a [bool],
    /// Links from a vertex to one on the next rank down, with how straight they should be.
    pub(crate) links: &'a [(usize, usize, f64)],
}

/// The x coordinate of each vertex's centre; they may be negative.
pub(crate) fn x_positions(graph: &Layers<'_>, node_sep: f64, edge_sep: f64) -> Vec<f64> {
    let n_vertices = graph.widths.len();
    let mut up = vec![Vec::new(); n_vertices];
    let mut down = vec![Vec::new(); n_vertices];
    for &(upper, lower, weight) in graph.links {
        down[upper].push((lower, weight));
        up[lower].push((upper, weight));
    }
    let gap = |left: usize, right: usize| {
        let sep = if graph.real[left] && graph.real[right] {
            node_sep
        } else {
            edge_sep
        };
        (graph.widths[left] + graph.widths[right]) / 2.0 + sep
    };
    let mut xs = vec![0.0; n_vertices];
    for layer in graph.layers {
        let mut x = 0.0;
        for (position, &vertex) in layer.iter().enumerate() {
            if position > 0 {
                x += gap(layer[position - 1], vertex);
            }
            xs[vertex] = x;
        }
        // Centre each layer on zero, so that the first sweep starts balanced.
        for &vertex in layer {
            xs[vertex] -= x / 2.0;
        }
    }
    let both: Vec<Vec<(usize, f64)>> = up
        .iter()
        .zip(&down)
        .map(|(up, down)| up.iter().chain(down).copied().collect())
        .collect();
    let n_ranks = graph.layers.len();
    for _ in 0..ITERATIONS {
        for rank in 1..n_ranks {
            place(&graph.layers[rank], &both, &mut xs, gap);
        }
        for rank in (0..n_ranks.saturating_sub(1)).rev() {
            place(&graph.layers[rank], &both, &mut xs, gap);
        }
    }
    xs
}

/// Moves one layer's vertices as close as they may to their neighbours' weighted mean.
fn place(
    layer: &[usize],
    neighbours: &[Vec<(usize, f64)>],
    xs: &mut [f64],
    gap: impl Fn(usize, usize) -> f64,
) {
    let mut offset = 0.0;
    let mut offsets = Vec::with_capacity(layer.len());
    let mut targets = Vec::with_capacity(layer.len());
    for (position, &vertex) in layer.iter().enumerate() {
        if position > 0 {
            offset += gap(layer[position - 1], vertex);
        }
        let around = &neighbours[vertex];
        let total_weight: f64 = around.iter().map(|&(_, weight)| weight).sum();
        let target = if total_weight > 0.0 {
            (
                around
                    .iter()
                    .map(|&(other, weight)| xs[other] * weight)
                    .sum::<f64>()
                    / total_weight,
                total_weight,
            )
        } else {
            (xs[vertex], KEEP_WEIGHT)
        };
        offsets.push(offset);
        targets.push((target.0 - offset, target.1));
    }
    for ((&vertex, offset), value) in layer.iter().zip(offsets).zip(isotonic(&targets)) {
        xs[vertex] = value + offset;
    }
}

/// The non-decreasing sequence closest to `targets` (value, weight) in weighted least
/// squares: pool adjacent violators.
fn isotonic(targets: &[(f64, f64)]) -> Vec<f64> {
    // Each block: weighted sum, total weight, number of targets pooled.
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(targets.len());
    for &(value, weight) in targets {
        blocks.push((value * weight, weight, 1));
        while blocks.len() > 1 {
            let last = blocks[blocks.len() - 1];
            let previous = blocks[blocks.len() - 2];
            if previous.0 / previous.1 <= last.0 / last.1 {
                break;
            }
            blocks.pop();
            let merged = blocks.len() - 1;
            blocks[merged] = (
                previous.0 + last.0,
                previous.1 + last.1,
                previous.2 + last.2,
            );
        }
    }
    blocks
        .into_iter()
        .flat_map(|(sum, weight, count)| std::iter::repeat_n(sum / weight, count))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_pools_violators() {
        assert_eq!(
            isotonic(&[(1.0, 1.0), (3.0, 1.0), (2.0, 1.0)]),
            [1.0, 2.5, 2.5]
        );
        assert_eq!(isotonic(&[(5.0, 3.0), (1.0, 1.0)]), [4.0, 4.0]);
    }

    #[test]
    fn children_spread_under_their_parent() {
        // One parent over two children of width 10, 20 apart.
        let layers = [vec![0], vec![1, 2]];
        let graph = Layers {
            layers: &layers,
            widths: &[10.0, 10.0, 10.0],
            real: &[true, true, true],
            links: &[(0, 1, 1.0), (0, 2, 1.0)],
        };
        let xs = x_positions(&graph, 10.0, 5.0);
        assert!((xs[2] - xs[1] - 20.0).abs() < 1e-9, "{xs:?}");
        assert!((xs[0] - (xs[1] + xs[2]) / 2.0).abs() < 1e-9, "{xs:?}");
    }
}
