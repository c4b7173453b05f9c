//! The layered layout of one scope, whose containers are already sized and so are boxes like
//! any other: break cycles, rank, split long edges into chains of points, order the ranks,
//! place the vertices, then route the edges through their points.

use crate::layout::geometry::{Point, Rect};
use crate::layout::position::Layers;
use crate::layout::{EdgeRoute, order, position, rank};

/// One scope as boxes and edges, in local indices.
pub(crate) struct FlatGraph {
    /// The size of each node.
    pub(crate) sizes: Vec<(f64, f64)>,
    /// The edges.
    pub(crate) edges: Vec<FlatEdge>,
    /// The start marker, placed alone on the top rank.
    pub(crate) start: Option<usize>,
    /// The end marker, placed alone on the bottom rank.
    pub(crate) end: Option<usize>,
}

/// An edge between two nodes of a [`FlatGraph`].
pub(crate) struct FlatEdge {
    pub(crate) from: usize,
    pub(crate) to: usize,
    /// The size of its label's box, if it has a label.
    pub(crate) label: Option<(f64, f64)>,
    /// How strongly the edge pulls its ends into line: 1 for the main flow, less for
    /// edges that should give way to it (Catch).
    pub(crate) weight: f64,
}

/// Distances the layout keeps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spacing {
    /// Between two nodes of one rank.
    pub(crate) node_sep: f64,
    /// Between an edge and anything else on its rank.
    pub(crate) edge_sep: f64,
    /// Between two ranks of nodes (two ranks of the doubled ranking).
    pub(crate) rank_sep: f64,
    /// How far a self-loop reaches out of its node.
    pub(crate) loop_reach: f64,
}

/// Where a [`FlatGraph`] is drawn, with its top-left corner at the origin.
pub(crate) struct FlatLayout {
    pub(crate) centers: Vec<Point>,
    pub(crate) routes: Vec<EdgeRoute>,
    pub(crate) width: f64,
    pub(crate) height: f64,
}

/// Straightness weights of links: edges between two points of a long edge pull hardest, so
/// long edges run straight; links between two nodes pull least.
const WEIGHT_NODES: f64 = 1.0;
const WEIGHT_NODE_POINT: f64 = 2.0;
const WEIGHT_POINTS: f64 = 8.0;

/// Lays one scope out.
pub(crate) fn layout(graph: &FlatGraph, spacing: Spacing) -> FlatLayout {
    let n_nodes = graph.sizes.len();
    let plain: Vec<usize> = (0..graph.edges.len())
        .filter(|&edge_idx| graph.edges[edge_idx].from != graph.edges[edge_idx].to)
        .collect();
    // A self-loop is drawn to the right of its node, its label beside it; the node takes the
    // room on both sides so that it stays centred under its neighbours.
    let mut reach = vec![0.0f64; n_nodes];
    for edge in graph.edges.iter().filter(|edge| edge.from == edge.to) {
        let label_width = edge.label.map_or(0.0, |(width, _)| width + 4.0);
        reach[edge.from] = reach[edge.from].max(spacing.loop_reach + label_width);
    }

    let pairs: Vec<(usize, usize)> = plain
        .iter()
        .map(|&edge_idx| (graph.edges[edge_idx].from, graph.edges[edge_idx].to))
        .collect();
    let reversed = rank::back_edges(n_nodes, &pairs, graph.start);
    let upright: Vec<(usize, usize)> = pairs
        .iter()
        .zip(&reversed)
        .map(|(&(from, to), &reversed)| if reversed { (to, from) } else { (from, to) })
        .collect();
    let node_ranks = rank::ranks(n_nodes, &upright, graph.start, graph.end);

    // Vertices: the nodes, then the points of edges on the ranks they cross.
    let mut ranks = node_ranks.clone();
    let mut widths: Vec<f64> = (0..n_nodes)
        .map(|node| graph.sizes[node].0 + 2.0 * reach[node])
        .collect();
    let mut heights: Vec<f64> = graph.sizes.iter().map(|&(_, height)| height).collect();
    let mut real = vec![true; n_nodes];
    let mut links = Vec::new();
    // For each plain edge: its vertices in its own direction, and its label's vertex.
    let mut chains = Vec::with_capacity(plain.len());
    for (plain_idx, &(upper, lower)) in upright.iter().enumerate() {
        let edge = &graph.edges[plain[plain_idx]];
        let label_rank = if reversed[plain_idx] {
            node_ranks[lower].saturating_sub(1)
        } else {
            node_ranks[upper] + 1
        };
        let mut chain = vec![upper];
        let mut label_vertex = None;
        for rank in node_ranks[upper] + 1..node_ranks[lower] {
            let vertex = ranks.len();
            let (width, height) = match edge.label {
                Some(size) if rank == label_rank => {
                    label_vertex = Some(vertex);
                    size
                }
                _ => (0.0, 0.0),
            };
            ranks.push(rank);
            widths.push(width);
            heights.push(height);
            real.push(false);
            chain.push(vertex);
        }
        chain.push(lower);
        for pair in chain.windows(2) {
            let weight = match (pair[0] < n_nodes, pair[1] < n_nodes) {
                (true, true) => WEIGHT_NODES,
                (false, false) => WEIGHT_POINTS,
                _ => WEIGHT_NODE_POINT,
            };
            links.push((pair[0], pair[1], weight * edge.weight));
        }
        if reversed[plain_idx] {
            chain.reverse();
        }
        chains.push((chain, label_vertex));
    }

    let plain_links: Vec<(usize, usize)> = links.iter().map(|&(a, b, _)| (a, b)).collect();
    let layers = order::order(
        &ranks,
        &plain_links,
        &graph.start.into_iter().collect::<Vec<_>>(),
    );
    let xs = position::x_positions(
        &Layers {
            layers: &layers,
            widths: &widths,
            real: &real,
            links: &links,
        },
        spacing.node_sep,
        spacing.edge_sep,
    );

    // Each rank is as tall as its tallest vertex; a rank of bare edge points takes no height.
    let mut ys = vec![0.0; ranks.len()];
    // The top and bottom of each rank.
    let mut spans = Vec::with_capacity(layers.len());
    let mut y = 0.0;
    for (rank, layer) in layers.iter().enumerate() {
        if rank > 0 {
            y += spacing.rank_sep / 2.0;
        }
        let height = layer
            .iter()
            .map(|&vertex| heights[vertex])
            .fold(0.0, f64::max);
        for &vertex in layer {
            ys[vertex] = y + height / 2.0;
        }
        spans.push((y, y + height));
        y += height;
    }
    let left = (0..ranks.len())
        .map(|vertex| xs[vertex] - widths[vertex] / 2.0)
        .fold(f64::INFINITY, f64::min);
    let left = if left.is_finite() { left } else { 0.0 };
    let right = (0..ranks.len())
        .map(|vertex| xs[vertex] + widths[vertex] / 2.0)
        .fold(f64::NEG_INFINITY, f64::max);
    let centers: Vec<Point> = (0..ranks.len())
        .map(|vertex| Point::new(xs[vertex] - left, ys[vertex]))
        .collect();

    let node_rect =
        |node: usize| Rect::centered(centers[node], graph.sizes[node].0, graph.sizes[node].1);
    let mut routes = vec![EdgeRoute::default(); graph.edges.len()];
    for (plain_idx, (chain, label_vertex)) in chains.iter().enumerate() {
        let inner: Vec<Point> = chain[1..chain.len() - 1]
            .iter()
            .map(|&vertex| centers[vertex])
            .collect();
        let (from, to) = (chain[0], chain[chain.len() - 1]);
        let next = inner.first().copied().unwrap_or(centers[to]);
        let previous = inner.last().copied().unwrap_or(centers[from]);
        let mut points = Vec::with_capacity(inner.len() + 4);
        points.extend(leave(node_rect(from), spans[node_ranks[from]], next));
        points.extend(inner);
        let mut arrival = leave(node_rect(to), spans[node_ranks[to]], previous);
        arrival.reverse();
        points.extend(arrival);
        routes[plain[plain_idx]] = EdgeRoute {
            points: without_straight_bends(points),
            label: label_vertex
                .map(|vertex| Rect::centered(centers[vertex], widths[vertex], heights[vertex])),
        };
    }
    for (edge_idx, edge) in graph.edges.iter().enumerate() {
        if edge.from == edge.to {
            routes[edge_idx] = self_loop(node_rect(edge.from), edge.label, spacing.loop_reach);
        }
    }
    FlatLayout {
        centers: centers[..n_nodes].to_vec(),
        routes,
        width: if right.is_finite() { right - left } else { 0.0 },
        height: y,
    }
}

/// The first points of an edge that leaves `rect` for `toward`, on another rank.
///
/// A node lower than its rank is centred in it; an edge leaves it vertically until it is
/// out of the rank, so that a slanting line never crosses a taller neighbour.
fn leave(rect: Rect, (rank_top, rank_bottom): (f64, f64), toward: Point) -> Vec<Point> {
    let center = rect.center();
    let (border, rank_edge) = if toward.y > center.y {
        (rect.bottom(), rank_bottom)
    } else {
        (rect.y, rank_top)
    };
    if (rank_edge - border).abs() < 0.5 {
        return vec![rect.border_toward(toward)];
    }
    vec![
        Point::new(center.x, border),
        Point::new(center.x, rank_edge),
    ]
}

/// The route of an edge from a node to itself: out of the right side, round and back.
fn self_loop(rect: Rect, label: Option<(f64, f64)>, reach: f64) -> EdgeRoute {
    let center = rect.center();
    let (top, bottom) = (center.y - rect.height / 4.0, center.y + rect.height / 4.0);
    let out = rect.right() + reach;
    EdgeRoute {
        points: vec![
            Point::new(rect.right(), top),
            Point::new(out, top),
            Point::new(out, bottom),
            Point::new(rect.right(), bottom),
        ],
        label: label.map(|(width, height)| {
            Rect::centered(Point::new(out + 4.0 + width / 2.0, center.y), width, height)
        }),
    }
}

/// `points` without the ones that lie on the straight line between their neighbours, or
/// within about a degree of it: a bend that small shows only as a kink.
fn without_straight_bends(points: Vec<Point>) -> Vec<Point> {
    let mut res: Vec<Point> = Vec::with_capacity(points.len());
    for (index, &point) in points.iter().enumerate() {
        if let (Some(&before), Some(&after)) = (res.last(), points.get(index + 1)) {
            let cross = (point.x - before.x) * (after.y - before.y)
                - (point.y - before.y) * (after.x - before.x);
            let lengths = (point.x - before.x).hypot(point.y - before.y)
                * (after.x - before.x).hypot(after.y - before.y);
            if cross.abs() <= 0.02 * lengths {
                continue;
            }
        }
        res.push(point);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPACING: Spacing = Spacing {
        node_sep: 30.0,
        edge_sep: 10.0,
        rank_sep: 40.0,
        loop_reach: 20.0,
    };

    fn edge(from: usize, to: usize) -> FlatEdge {
        FlatEdge {
            from,
            to,
            label: None,
            weight: 1.0,
        }
    }

    #[test]
    fn a_chain_is_one_straight_column() {
        let graph = FlatGraph {
            sizes: vec![(10.0, 10.0), (100.0, 40.0), (100.0, 40.0), (10.0, 10.0)],
            edges: vec![edge(0, 1), edge(1, 2), edge(2, 3)],
            start: Some(0),
            end: Some(3),
        };
        let layout = layout(&graph, SPACING);
        assert!(
            layout.centers.iter().all(|center| center.x == 50.0),
            "{:?}",
            layout.centers
        );
        assert!(layout.centers.windows(2).all(|pair| pair[0].y < pair[1].y));
        assert_eq!(layout.width, 100.0);
        assert_eq!(
            layout.routes[1].points,
            [Point::new(50.0, 90.0), Point::new(50.0, 130.0)]
        );
    }

    #[test]
    fn straight_bends_are_dropped() {
        let points = vec![
            Point::new(0.0, 0.0),
            Point::new(0.0, 5.0),
            Point::new(0.0, 10.0),
            Point::new(5.0, 15.0),
            Point::new(5.2, 25.0),
            Point::new(5.2, 35.0),
        ];
        assert_eq!(
            without_straight_bends(points),
            [
                Point::new(0.0, 0.0),
                Point::new(0.0, 10.0),
                Point::new(5.0, 15.0),
                Point::new(5.2, 35.0)
            ]
        );
    }
}
