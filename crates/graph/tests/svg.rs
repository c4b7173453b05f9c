//! The SVG of every fixture: well-formed XML, one `data-state-id` group per state, status
//! classes where asked, and a layout whose edges start and end on their nodes' boxes.

mod common;

use std::collections::HashMap;

use graph::{Graph, Status};

/// Lays out and draws `tests/fixtures/NAME.asl.json`, giving each state the status that
/// `status_of` picks, and checks the drawing; returns the SVG.
fn check(name: &str, status_of: impl Fn(usize) -> Option<Status>) -> String {
    let graph = Graph::from_definition(&common::fixture(name));
    let layout = graph::layout(&graph);
    common::check_geometry(&graph, &layout);
    let statuses: HashMap<String, Status> = graph
        .states()
        .enumerate()
        .filter_map(|(index, node)| Some((node.id.clone(), status_of(index)?)))
        .collect();
    let svg = graph::render_svg(&graph, &layout, &statuses);
    if let Err(problem) = well_formed(&svg) {
        panic!("{name}: {problem}\n{svg}");
    }
    assert_eq!(
        svg.matches("data-state-id=").count(),
        common::n_states(&graph),
        "{name}: one group per state"
    );
    for node in graph.states() {
        let attribute = format!("data-state-id=\"{}\"", node.id);
        assert!(svg.contains(&attribute), "{name}: no {attribute}");
    }
    for (id, status) in &statuses {
        assert!(
            svg.contains(&format!(
                "{} sw-status-{status}\" data-state-id=\"{id}\"",
                node_type(&graph, id)
            )),
            "{name}: {id} is not {status}"
        );
    }
    svg
}

/// The `sw-type-...` class of the state with id `id`.
fn node_type(graph: &Graph, id: &str) -> String {
    let node = graph.node(graph.find(id).expect("the id of a state"));
    match &node.kind {
        graph::NodeKind::State(state_type) => format!("sw-type-{}", state_type.slug()),
        _ => String::new(),
    }
}

#[test]
fn choice_with_default() {
    check("choice-default", |_| None);
}

#[test]
fn catch() {
    let svg = check("catch", |_| Some(Status::Succeeded));
    assert_eq!(svg.matches("sw-edge sw-edge-catch").count(), 2);
    assert_eq!(
        svg.matches("marker-end=\"url(#sw-arrow-catch)\"").count(),
        2
    );
}

#[test]
fn parallel_with_two_branches() {
    let svg = check("parallel", |index| {
        Status::ALL.get(index % Status::ALL.len()).copied()
    });
    assert!(svg.contains(r#"<text class="sw-scope-title" "#));
    assert!(svg.contains(">Branch 1</text>"));
    assert!(svg.contains(r#"class="sw-node sw-container sw-type-parallel"#));
}

#[test]
fn map_with_item_processor() {
    let svg = check("map", |index| (index == 0).then_some(Status::Running));
    assert!(svg.contains(">Item processor</text>"));
}

#[test]
fn jsonata_machine() {
    let svg = check("jsonata", |_| Some(Status::Caught));
    assert!(svg.contains(">$states.input.priority = &apos;high&apos;</text>"));
}

#[test]
fn invalid_definition() {
    let svg = check("invalid", |_| Some(Status::Failed));
    assert_eq!(svg.matches("<g class=\"sw-missing\"").count(), 3);
}

#[test]
fn the_checker_rejects_broken_xml() {
    assert!(well_formed("<svg><g></svg>").is_err());
    assert!(well_formed("<svg a=\"1\">x &amp; y</svg>").is_ok());
    assert!(well_formed("<svg>x & y</svg>").is_err());
    assert!(well_formed("<svg a=1/>").is_err());
    assert!(well_formed("<svg/><svg/>").is_err());
}

/// Checks the XML that the renderer writes: balanced tags, quoted attributes, escaped text,
/// one root element. (No DTDs, CDATA or processing instructions: the renderer writes none.)
fn well_formed(xml: &str) -> Result<(), String> {
    let mut open: Vec<&str> = Vec::new();
    let mut n_roots = 0;
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start])?;
        let after = &rest[start + 1..];
        let end = after.find('>').ok_or("an unclosed tag")?;
        let tag = &after[..end];
        rest = &after[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(expected) if expected == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let (tag, self_closing) = match tag.strip_suffix('/') {
            Some(tag) => (tag, true),
            None => (tag, false),
        };
        let (name, attributes) = tag.split_once(' ').unwrap_or((tag, ""));
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("a bad element name in <{tag}>"));
        }
        check_attributes(attributes)?;
        if open.is_empty() {
            n_roots += 1;
        }
        if !self_closing {
            open.push(name);
        }
    }
    check_text(rest)?;
    if !open.is_empty() {
        return Err(format!("unclosed elements: {open:?}"));
    }
    if n_roots != 1 {
        return Err(format!("{n_roots} root elements"));
    }
    Ok(())
}

/// Text has no `&` that does not start one of XML's five entities.
fn check_text(text: &str) -> Result<(), String> {
    for (index, _) in text.match_indices('&') {
        let entity = &text[index..];
        if !["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
            .iter()
            .any(|known| entity.starts_with(known))
        {
            return Err(format!("a bare & in {text:?}"));
        }
    }
    Ok(())
}

/// Attributes are `name="value"` pairs separated by spaces, values escaped like text.
fn check_attributes(mut attributes: &str) -> Result<(), String> {
    loop {
        attributes = attributes.trim_start();
        if attributes.is_empty() {
            return Ok(());
        }
        let (name, after) = attributes
            .split_once("=\"")
            .ok_or_else(|| format!("an unquoted attribute in {attributes:?}"))?;
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
        {
            return Err(format!("a bad attribute name {name:?}"));
        }
        let (value, after) = after
            .split_once('"')
            .ok_or_else(|| format!("an unterminated value in {attributes:?}"))?;
        if value.contains('<') {
            return Err(format!("a < in the value {value:?}"));
        }
        check_text(value)?;
        attributes = after;
    }
}
