//! Layering: which edges point up (cycles are broken by reversing them), and the layer
//! (rank) of every node.
//!
//! Ranks are doubled, after dagre: every edge spans at least two ranks, so each one has a
//! point of its own on the rank between its ends, where its label sits and where parallel
//! edges part.

use std::collections::VecDeque;

/// The smallest number of ranks an edge spans.
pub(crate) const MIN_SPAN: usize = 2;

/// For each edge, whether it is a back edge of a depth-first search that starts at `first`
/// (then at every node not yet seen, in order); reversing those leaves no cycle.
pub(crate) fn back_edges(
    n_nodes: usize,
    edges: &[(usize, usize)],
    first: Option<usize>,
) -> Vec<bool> {
    let mut outgoing = vec![Vec::new(); n_nodes];
    for (edge_idx, &(from, _)) in edges.iter().enumerate() {
        outgoing[from].push(edge_idx);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut marks = vec![Mark::New; n_nodes];
    let mut res = vec![false; edges.len()];
    let roots = first.into_iter().chain(0..n_nodes);
    for root in roots {
        if marks[root] != Mark::New {
            continue;
        }
        marks[root] = Mark::OnPath;
        // Each entry is a node on the current path and how many of its edges were followed.
        let mut path = vec![(root, 0)];
        while let Some((node, n_followed)) = path.last_mut() {
            let node = *node;
            match outgoing[node].get(*n_followed) {
                Some(&edge_idx) => {
                    *n_followed += 1;
                    let to = edges[edge_idx].1;
                    match marks[to] {
                        Mark::OnPath => res[edge_idx] = true,
                        Mark::New => {
                            marks[to] = Mark::OnPath;
                            path.push((to, 0));
                        }
                        Mark::Done => {}
                    }
                }
                None => {
                    marks[node] = Mark::Done;
                    path.pop();
                }
            }
        }
    }
    res
}

/// The rank of every node of an acyclic graph: the longest path to it, with `start` alone on
/// rank 0 and `end` alone below every other node.
pub(crate) fn ranks(
    n_nodes: usize,
    edges: &[(usize, usize)],
    start: Option<usize>,
    end: Option<usize>,
) -> Vec<usize> {
    let mut outgoing = vec![Vec::new(); n_nodes];
    let mut n_incoming = vec![0usize; n_nodes];
    for &(from, to) in edges {
        outgoing[from].push(to);
        n_incoming[to] += 1;
    }
    // States that nothing leads to (unreachable ones) start below the start marker.
    let first_rank = if start.is_some() { MIN_SPAN } else { 0 };
    let mut res = vec![first_rank; n_nodes];
    if let Some(start) = start {
        res[start] = 0;
    }
    let mut ready: VecDeque<usize> = (0..n_nodes).filter(|&node| n_incoming[node] == 0).collect();
    while let Some(node) = ready.pop_front() {
        for &to in &outgoing[node] {
            res[to] = res[to].max(res[node] + MIN_SPAN);
            n_incoming[to] -= 1;
            if n_incoming[to] == 0 {
                ready.push_back(to);
            }
        }
    }
    if let Some(end) = end.filter(|&end| outgoing[end].is_empty()) {
        let lowest = (0..n_nodes)
            .filter(|&node| node != end)
            .map(|node| res[node])
            .max()
            .unwrap_or(0);
        res[end] = res[end].max(lowest + MIN_SPAN);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_is_broken_at_its_back_edge() {
        let edges = [(0, 1), (1, 2), (2, 1), (2, 3)];
        assert_eq!(back_edges(4, &edges, Some(0)), [false, false, true, false]);
    }

    #[test]
    fn ranks_are_longest_paths() {
        // start -> a -> b -> end, start -> b, and an unreachable c -> end.
        let edges = [(0, 1), (1, 2), (0, 2), (2, 3), (4, 3)];
        assert_eq!(ranks(5, &edges, Some(0), Some(3)), [0, 2, 4, 6, 2]);
    }
}
