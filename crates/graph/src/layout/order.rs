//! Ordering the vertices of each rank so that few edges cross: a depth-first initial order,
//! then barycentre sweeps down and up, keeping the best order seen.

/// The most sweeps (each one down or up) tried before settling for the best order seen.
const MAX_SWEEPS: usize = 8;

/// The vertices of each rank, left to right.
///
/// `links` join a vertex to one on the next rank down; `roots` are where the depth-first
/// initial order starts, before every vertex not yet reached.
pub(crate) fn order(ranks: &[usize], links: &[(usize, usize)], roots: &[usize]) -> Vec<Vec<usize>> {
    let n_vertices = ranks.len();
    let n_ranks = ranks.iter().max().map_or(0, |max| max + 1);
    let mut up = vec![Vec::new(); n_vertices];
    let mut down = vec![Vec::new(); n_vertices];
    for &(upper, lower) in links {
        if ranks[lower] == ranks[upper] + 1 {
            down[upper].push(lower);
            up[lower].push(upper);
        }
    }
    let mut layers = initial(ranks, &down, roots, n_ranks);
    let mut positions = vec![0usize; n_vertices];
    update_positions(&layers, &mut positions);
    let mut best = layers.clone();
    let mut best_crossings = crossings(&layers, &down, &positions);
    for sweep in 0..MAX_SWEEPS {
        if best_crossings == 0 {
            break;
        }
        if sweep % 2 == 0 {
            for layer in layers.iter_mut().skip(1) {
                reorder(layer, &up, &mut positions);
            }
        } else {
            for rank in (0..n_ranks.saturating_sub(1)).rev() {
                reorder(&mut layers[rank], &down, &mut positions);
            }
        }
        let n_crossings = crossings(&layers, &down, &positions);
        if n_crossings < best_crossings {
            best_crossings = n_crossings;
            best.clone_from(&layers);
        }
    }
    best
}

/// Vertices in depth-first order from the roots, each appended to its rank.
fn initial(
    ranks: &[usize],
    down: &[Vec<usize>],
    roots: &[usize],
    n_ranks: usize,
) -> Vec<Vec<usize>> {
    let mut layers = vec![Vec::new(); n_ranks];
    let mut seen = vec![false; ranks.len()];
    let mut stack = Vec::new();
    for root in roots.iter().copied().chain(0..ranks.len()) {
        if seen[root] {
            continue;
        }
        stack.push(root);
        seen[root] = true;
        while let Some(vertex) = stack.pop() {
            layers[ranks[vertex]].push(vertex);
            // Reversed, so that the first edge is followed first.
            for &next in down[vertex].iter().rev() {
                if !seen[next] {
                    seen[next] = true;
                    stack.push(next);
                }
            }
        }
    }
    layers
}

fn update_positions(layers: &[Vec<usize>], positions: &mut [usize]) {
    for layer in layers {
        for (position, &vertex) in layer.iter().enumerate() {
            positions[vertex] = position;
        }
    }
}

/// Sorts a layer by the mean position of each vertex's neighbours on the adjacent rank; a
/// vertex without neighbours there keeps its place.
fn reorder(layer: &mut [usize], neighbours: &[Vec<usize>], positions: &mut [usize]) {
    let mut keyed: Vec<(f64, usize)> = layer
        .iter()
        .map(|&vertex| {
            let around = &neighbours[vertex];
            let key = if around.is_empty() {
                positions[vertex] as f64
            } else {
                around
                    .iter()
                    .map(|&other| positions[other] as f64)
                    .sum::<f64>()
                    / around.len() as f64
            };
            (key, vertex)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (position, (_, vertex)) in keyed.into_iter().enumerate() {
        layer[position] = vertex;
        positions[vertex] = position;
    }
}

/// How many pairs of links cross, counted between each pair of adjacent ranks with a
/// Fenwick tree over the lower rank's positions.
fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>], positions: &[usize]) -> u64 {
    let mut res = 0;
    for pair in layers.windows(2) {
        let mut ends: Vec<(usize, usize)> = pair[0]
            .iter()
            .flat_map(|&upper| {
                down[upper]
                    .iter()
                    .map(move |&lower| (positions[upper], positions[lower]))
            })
            .collect();
        ends.sort_unstable();
        let mut tree = vec![0u64; pair[1].len() + 1];
        for (n_seen, (_, lower)) in ends.into_iter().enumerate() {
            // Links seen so far that end to the right of this one cross it.
            let mut n_at_or_left = 0;
            let mut index = lower + 1;
            while index > 0 {
                n_at_or_left += tree[index];
                index &= index - 1;
            }
            res += n_seen as u64 - n_at_or_left;
            let mut index = lower + 1;
            while index < tree.len() {
                tree[index] += 1;
                index += index & index.wrapping_neg();
            }
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_links_are_untangled() {
        // Rank 0: a, b; rank 1: c, d with a -> d and b -> c: one crossing as first seen.
        let ranks = [0, 0, 1, 1];
        let links = [(0, 3), (1, 2)];
        let layers = order(&ranks, &links, &[0, 1]);
        assert_eq!(layers, [vec![0, 1], vec![3, 2]]);
    }

    #[test]
    fn crossings_are_counted() {
        let layers = vec![vec![0, 1], vec![2, 3]];
        let down = vec![vec![3], vec![2], vec![], vec![]];
        assert_eq!(crossings(&layers, &down, &[0, 1, 0, 1]), 1);
        let down = vec![vec![2, 3], vec![2, 3], vec![], vec![]];
        assert_eq!(crossings(&layers, &down, &[0, 1, 0, 1]), 1);
    }
}
