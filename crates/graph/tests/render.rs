//! Snapshots of the DOT and Mermaid renderings of every fixture, one `.snap` file each.

mod common;

use graph::Graph;

/// Snapshots `render` of every fixture as `render__FORMAT@FIXTURE.snap`.
fn check(format: &str, render: fn(&Graph) -> String) {
    let mut paths: Vec<_> = std::fs::read_dir(common::fixtures())
        .expect("the fixtures directory is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let file_name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        let Some(fixture) = file_name.strip_suffix(".asl.json") else {
            continue;
        };
        let graph = Graph::from_definition(&common::read_json(&path));
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(fixture);
        settings.set_description(format!("tests/fixtures/{file_name}"));
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(format, render(&graph)));
    }
}

#[test]
fn dot() {
    check("dot", graph::render_dot);
}

#[test]
fn mermaid() {
    check("mermaid", graph::render_mermaid);
}
