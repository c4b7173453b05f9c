//! Workspace-wide tidy tests, after rust-analyzer's: conventions and architecture invariants
//! that the compiler does not check, read straight from the source tree and `cargo metadata`.
//!
//! Each test names the rule it enforces in its failure message, so that a red test says what
//! to fix without a trip to this file.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The crates that make up the pure core: no tokio, no SQL, no HTTP.
const CORE_CRATES: &[&str] = &["jsonpath", "asl", "engine", "graph", "events"];

/// Crates the pure core must never depend on, directly or through another crate.
const FORBIDDEN_IN_CORE: &[&str] = &[
    // An async runtime.
    "tokio",
    // SQL.
    "sqlx",
    "rusqlite",
    "postgres",
    "tokio-postgres",
    // HTTP.
    "hyper",
    "axum",
    "reqwest",
    "http",
    "tower",
];

/// Calls that read a clock or draw randomness; the engine gets both from its `Event`.
const NONDETERMINISTIC_CALLS: &[&str] = &[
    "SystemTime::now",
    "Instant::now",
    "Timestamp::now",
    "Zoned::now",
    "thread_rng",
    "Uuid::new_v4",
];

/// Top-level documents checked for machine paths, next to everything under `crates/`.
const ROOT_DOCUMENTS: &[&str] = &["README.md", "ARCHITECTURE.md", "DESIGN.md"];

fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize()
        .unwrap_or_else(|err| panic!("{}: {err}", root.display()))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The workspace-relative form of `path`, for failure messages.
fn relative(path: &Path) -> String {
    path.strip_prefix(workspace_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Every file under `dir`, recursively, in a stable order, skipping build output and hidden
/// folders (`target/`, `.git/`, editor state).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut res = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            std::fs::read_dir(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
        for entry in entries {
            let path = entry.expect("a readable directory entry").path();
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or_default();
            if path.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    pending.push(path);
                }
            } else {
                res.push(path);
            }
        }
    }
    res.sort();
    res
}

/// The directories under `crates/` that hold a crate.
fn crate_dirs() -> Vec<String> {
    let crates = workspace_root().join("crates");
    let mut res: Vec<String> = std::fs::read_dir(&crates)
        .unwrap_or_else(|err| panic!("{}: {err}", crates.display()))
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.join("Cargo.toml").is_file())
        .filter_map(|path| Some(path.file_name()?.to_str()?.to_owned()))
        .collect();
    res.sort();
    res
}

/// The `.rs` files under every `crates/*/src`.
fn crate_sources() -> Vec<PathBuf> {
    let crates = workspace_root().join("crates");
    crate_dirs()
        .iter()
        .flat_map(|name| files_under(&crates.join(name).join("src")))
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect()
}

/// `text` with its comments blanked out, line by line, so that prose about a forbidden call
/// does not count as the call. String literals containing `//` are rare enough in the engine
/// to ignore.
fn without_comments(text: &str) -> Vec<String> {
    let mut res = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        let mut code = String::new();
        let mut rest = line;
        loop {
            if in_block {
                match rest.find("*/") {
                    Some(end) => {
                        rest = &rest[end + 2..];
                        in_block = false;
                    }
                    None => break,
                }
            } else {
                let line_comment = rest.find("//");
                let block_comment = rest.find("/*");
                match (line_comment, block_comment) {
                    (Some(line_at), Some(block_at)) if block_at < line_at => {
                        code.push_str(&rest[..block_at]);
                        rest = &rest[block_at + 2..];
                        in_block = true;
                    }
                    (None, Some(block_at)) => {
                        code.push_str(&rest[..block_at]);
                        rest = &rest[block_at + 2..];
                        in_block = true;
                    }
                    (Some(line_at), _) => {
                        code.push_str(&rest[..line_at]);
                        break;
                    }
                    (None, None) => {
                        code.push_str(rest);
                        break;
                    }
                }
            }
        }
        res.push(code);
    }
    res
}

/// The `cargo metadata` of the workspace, with its resolved dependency graph.
fn cargo_metadata() -> Value {
    let cargo = std::env::var("CARGO")
        .ok()
        .or_else(|| option_env!("CARGO").map(str::to_owned))
        .unwrap_or_else(|| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(workspace_root())
        .output()
        .unwrap_or_else(|err| panic!("could not run `{cargo} metadata`: {err}"));
    assert!(
        output.status.success(),
        "`{cargo} metadata` failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("`cargo metadata` prints JSON")
}

/// For each of `roots`, every crate of `FORBIDDEN_IN_CORE` in its normal dependency tree,
/// with the chain of crates that pulls it in (`engine -> foo -> tokio`).
fn forbidden_dependencies(metadata: &Value, roots: &[&str]) -> Vec<String> {
    let packages = metadata["packages"].as_array().expect("`packages`");
    let name_of: BTreeMap<&str, &str> = packages
        .iter()
        .filter_map(|package| Some((package["id"].as_str()?, package["name"].as_str()?)))
        .collect();
    let nodes = metadata["resolve"]["nodes"]
        .as_array()
        .expect("`resolve.nodes`: run `cargo metadata` without --no-deps");
    // Only normal dependencies: dev-dependencies never reach users of the crate, and build
    // dependencies run at compile time only.
    let normal_deps: BTreeMap<&str, Vec<&str>> = nodes
        .iter()
        .filter_map(|node| {
            let deps = node["deps"]
                .as_array()?
                .iter()
                .filter(|dep| {
                    dep["dep_kinds"]
                        .as_array()
                        .is_some_and(|kinds| kinds.iter().any(|kind| kind["kind"].is_null()))
                })
                .filter_map(|dep| dep["pkg"].as_str())
                .collect();
            Some((node["id"].as_str()?, deps))
        })
        .collect();
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .expect("`workspace_members`")
        .iter()
        .filter_map(Value::as_str)
        .collect();

    let mut res = Vec::new();
    for crate_name in roots {
        let root = members
            .iter()
            .copied()
            .find(|id| name_of.get(id) == Some(crate_name))
            .unwrap_or_else(|| panic!("`{crate_name}` is not a workspace member"));
        // Breadth-first, so that each reported chain is a shortest one.
        let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
        let mut seen = BTreeSet::from([root]);
        let mut queue = VecDeque::from([root]);
        while let Some(id) = queue.pop_front() {
            for &dep in normal_deps.get(id).into_iter().flatten() {
                if seen.insert(dep) {
                    parent.insert(dep, id);
                    queue.push_back(dep);
                }
            }
        }
        for &id in &seen {
            let name = name_of.get(id).copied().unwrap_or(id);
            if FORBIDDEN_IN_CORE.contains(&name) {
                let mut chain = vec![name];
                let mut at = id;
                while let Some(&up) = parent.get(at) {
                    chain.push(name_of.get(up).copied().unwrap_or(up));
                    at = up;
                }
                chain.reverse();
                res.push(chain.join(" -> "));
            }
        }
    }
    res.sort();
    res
}

#[test]
fn the_core_has_no_tokio_sql_or_http_dependency() {
    let found = forbidden_dependencies(&cargo_metadata(), CORE_CRATES);
    assert!(
        found.is_empty(),
        "Architecture Invariant: {} have no tokio, SQL or HTTP crate in their dependency tree, \
         but:\n  {}",
        CORE_CRATES.join(", "),
        found.join("\n  ")
    );
}

#[test]
fn the_dependency_walk_finds_the_server_s_http_stack() {
    // The walk must not pass merely because it finds nothing: from the binary it has to reach
    // axum and tokio directly, and the `http` crate through another crate.
    let found = forbidden_dependencies(&cargo_metadata(), &["statewright"]);
    for expected in ["statewright -> axum", "statewright -> tokio"] {
        assert!(
            found.iter().any(|chain| chain == expected),
            "expected `{expected}` among:\n  {}",
            found.join("\n  ")
        );
    }
    assert!(
        found
            .iter()
            .any(|chain| chain.ends_with(" -> http") && chain.matches(" -> ").count() >= 2),
        "expected a transitive chain to `http` among:\n  {}",
        found.join("\n  ")
    );
}

/// The forbidden calls and `async fn`s in `text`, outside comments, as `(line, what)`.
fn nondeterminism_in(text: &str) -> Vec<(usize, &'static str)> {
    let mut res = Vec::new();
    for (idx, line) in without_comments(text).iter().enumerate() {
        for call in NONDETERMINISTIC_CALLS {
            if line.contains(call) {
                res.push((idx + 1, *call));
            }
        }
        let tokens: Vec<&str> = line.split_whitespace().collect();
        if tokens.windows(2).any(|pair| pair == ["async", "fn"]) {
            res.push((idx + 1, "async fn"));
        }
    }
    res
}

#[test]
fn the_engine_has_no_async_fn_clock_or_randomness() {
    let src = workspace_root().join("crates/engine/src");
    let mut found = Vec::new();
    for path in files_under(&src) {
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        for (line, what) in nondeterminism_in(&read(&path)) {
            found.push(format!("{}:{line}: {what}", relative(&path)));
        }
    }
    assert!(
        found.is_empty(),
        "Architecture Invariant: the engine has no `async fn` and reads no clock or randomness \
         of its own (time and a seed arrive in each `Event`), but:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn the_nondeterminism_scan_reads_code_not_comments() {
    let text = "//! Never call `SystemTime::now` here.\n\
                pub async fn fetch() {}\n\
                let now = std::time::Instant::now(); // Not `thread_rng`.\n\
                /* Uuid::new_v4()\n\
                   async fn */ let id = Uuid::new_v4();\n\
                let rng = rand::thread_rng(); /* SystemTime::now */\n";
    assert_eq!(
        nondeterminism_in(text),
        [
            (2, "async fn"),
            (3, "Instant::now"),
            (5, "Uuid::new_v4"),
            (6, "thread_rng")
        ]
    );
}

#[test]
fn every_source_file_opens_with_a_module_doc_paragraph() {
    let sources = crate_sources();
    assert!(!sources.is_empty(), "no sources found under crates/*/src");
    let missing: Vec<String> = sources
        .iter()
        .filter(|path| {
            let text = read(path);
            let first = text.lines().find(|line| !line.trim().is_empty());
            !first.is_some_and(|line| line.starts_with("//!"))
        })
        .map(|path| relative(path))
        .collect();
    assert!(
        missing.is_empty(),
        "every file opens with a `//!` paragraph saying what the module owns (STYLE.md §4), \
         but these do not:\n  {}",
        missing.join("\n  ")
    );
}

/// The crates that no heading of `architecture` names.
fn crates_missing_from_code_map(architecture: &str, crates: &[String]) -> Vec<String> {
    let headings: Vec<&str> = architecture
        .lines()
        .filter(|line| line.starts_with('#'))
        .collect();
    let names = |heading: &str, name: &str| {
        heading
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .any(|word| word == name)
    };
    crates
        .iter()
        .filter(|name| !headings.iter().any(|heading| names(heading, name)))
        .cloned()
        .collect()
}

#[test]
fn the_code_map_has_a_heading_per_crate() {
    let path = workspace_root().join("ARCHITECTURE.md");
    assert!(
        path.is_file(),
        "ARCHITECTURE.md is missing at the workspace root; it holds the bird's-eye view, the \
         code map (a heading per crate), the invariants and the glossary (STYLE.md §4)"
    );
    let crates = crate_dirs();
    assert!(!crates.is_empty(), "no crates found under crates/");
    let missing = crates_missing_from_code_map(&read(&path), &crates);
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map has no heading for {}; add one like \"### `{}`\"",
        missing
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", "),
        missing[0]
    );
}

#[test]
fn the_code_map_check_notices_a_missing_crate() {
    let crates = ["engine".to_owned(), "store".to_owned(), "api".to_owned()];
    let architecture = "# Architecture\n\n## Code map\n\n### `engine`\n\nThe store and the api.\n\n\
                        ### The `api` crate\n";
    assert_eq!(
        crates_missing_from_code_map(architecture, &crates),
        ["store".to_owned()]
    );
    assert_eq!(
        crates_missing_from_code_map("### `enginex`\n### restore\n", &crates),
        crates.to_vec()
    );
}

#[test]
fn no_file_mentions_a_path_of_this_machine() {
    // Spelled in pieces so that this file does not find itself.
    let needles = [concat!("/wo", "rk/"), concat!("/ro", "ot/")];
    let root = workspace_root();
    let mut paths = files_under(&root.join("crates"));
    paths.extend(
        ROOT_DOCUMENTS
            .iter()
            .map(|name| root.join(name))
            .filter(|path| path.is_file()),
    );
    let mut found = Vec::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            // Not UTF-8, so not source or documentation.
            continue;
        };
        for (idx, line) in text.lines().enumerate() {
            for needle in needles.iter().filter(|needle| line.contains(**needle)) {
                found.push(format!("{}:{}: {needle}", relative(&path), idx + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "files must not depend on where this checkout lives; use CARGO_MANIFEST_DIR or a \
         temporary directory instead of:\n  {}",
        found.join("\n  ")
    );
}
