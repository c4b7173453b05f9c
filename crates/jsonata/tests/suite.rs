//! Runs the official JSONata test suite (jsonata-js v2.2.2, 1,686 cases) through the facade.
//!
//! A case fails the test unless it passes or is listed in `known-failures.txt`.
//! Cases that use what AWS does not run (the 2.1 operators `?:` and `??`, or `$eval`) must instead be rejected by the facade, and are counted apart.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jsonata::{Bindings, Expression, Limits, SplitMix64};
use serde_json::Value;

/// One case: its id (`group/caseNNN` or `group/caseNNN[i]`) and its JSON description.
struct Case {
    id: String,
    dir: PathBuf,
    spec: Value,
}

enum Outcome {
    Pass,
    /// AWS-only profile: the case uses 2.1 syntax and the facade rejected it as intended.
    Rejected,
    Fail(String),
}

#[test]
fn jsonata_suite() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/jsonata-suite");
    if !root.join("groups").is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "jsonata suite missing at {}",
            root.display()
        );
        eprintln!(
            "\n\n*** SKIPPED: jsonata suite not found at {} ***\n\n",
            root.display()
        );
        return;
    }
    let known = known_failures();
    let datasets = datasets(&root.join("datasets"));
    let cases = cases(&root.join("groups"));
    let (mut n_pass, mut n_rejected) = (0, 0);
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    for case in &cases {
        match run(case, &datasets) {
            Outcome::Pass => {
                n_pass += 1;
                if known.contains_key(&case.id) {
                    fixed.push(case.id.clone());
                }
            }
            Outcome::Rejected => n_rejected += 1,
            Outcome::Fail(why) if !known.contains_key(&case.id) => {
                unexpected.push(format!("{}: {why}", case.id))
            }
            Outcome::Fail(_) => {}
        }
    }
    let n_total = cases.len() - n_rejected;
    let pct = 100.0 * n_pass as f64 / n_total as f64;
    eprintln!(
        "jsonata suite: {n_pass} of {n_total} pass ({pct:.1}%); {n_rejected} more cases use `?:`, `??` or `$eval` and were rejected as AWS does"
    );
    assert!(cases.len() >= 1_600, "only {} cases found", cases.len());
    assert!(
        unexpected.is_empty(),
        "unexpected failures:\n{}",
        unexpected.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "known failures that now pass, remove them from known-failures.txt: {fixed:?}"
    );
    assert!(pct >= 99.0, "pass rate {pct:.1}% is below 99%");
}

fn run(case: &Case, datasets: &BTreeMap<String, Value>) -> Outcome {
    let spec = &case.spec;
    let text = match (
        spec.get("expr").and_then(Value::as_str),
        spec.get("expr-file").and_then(Value::as_str),
    ) {
        (Some(text), _) => text.to_owned(),
        (None, Some(file)) => match std::fs::read_to_string(case.dir.join(file)) {
            Ok(text) => text,
            Err(e) => return Outcome::Fail(format!("cannot read {file}: {e}")),
        },
        _ => return Outcome::Fail("no expression".into()),
    };
    let input = match (spec.get("data"), spec.get("dataset")) {
        (Some(data), _) => Some(data.clone()),
        (None, Some(Value::String(name))) => datasets.get(name).cloned(),
        _ => None,
    };
    let mut bindings = Bindings::new();
    if let Some(Value::Object(vars)) = spec.get("bindings") {
        for (name, value) in vars {
            bindings.insert(name.clone(), value.clone());
        }
    }
    let mut limits = Limits {
        timeout: Duration::from_secs(5),
        ..Limits::default()
    };
    if let Some(ms) = spec.get("timelimit").and_then(Value::as_u64) {
        limits.timeout = Duration::from_millis(ms);
    }
    if let Some(depth) = spec.get("depth").and_then(Value::as_u64) {
        limits.max_stack_depth = usize::try_from(depth).unwrap_or(usize::MAX);
    }
    let res = Expression::parse(&text)
        .and_then(|e| e.evaluate_with(input.as_ref(), &bindings, &mut SplitMix64::new(0), &limits));
    let want_code = spec
        .get("code")
        .or_else(|| spec.get("error").and_then(|e| e.get("code")))
        .and_then(Value::as_str);
    match (res, want_code) {
        (Err(e), _)
            if e.message().contains("JSONata 2.1 operator")
                || e.message().contains("$eval is not available") =>
        {
            Outcome::Rejected
        }
        (Err(e), Some(code)) if e.code() == Some(code) => Outcome::Pass,
        (Err(e), Some(code)) => Outcome::Fail(format!("want code {code}, got {e}")),
        (Ok(got), Some(code)) => Outcome::Fail(format!("want code {code}, got {got:?}")),
        (Err(e), None) => Outcome::Fail(format!("error {e}")),
        (Ok(None), None) if spec.get("undefinedResult") == Some(&Value::Bool(true)) => {
            Outcome::Pass
        }
        (Ok(got), None) => match spec.get("result") {
            Some(want)
                if got.as_ref().is_some_and(|got| {
                    same(got, want, spec.get("unordered") == Some(&Value::Bool(true)))
                }) =>
            {
                Outcome::Pass
            }
            want => Outcome::Fail(format!("want {want:?}, got {got:?}")),
        },
    }
}

/// Deep equality with numbers compared by value, and optionally arrays compared as multisets.
fn same(got: &Value, want: &Value, unordered: bool) -> bool {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) if unordered => {
            a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| same(x, y, false)))
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y, false))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, x)| b.get(k).is_some_and(|y| same(x, y, false)))
        }
        _ => got == want,
    }
}

fn cases(groups: &Path) -> Vec<Case> {
    let mut res = Vec::new();
    for group in sorted_dir(groups) {
        let group_name = file_stem(&group);
        for file in sorted_dir(&group)
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "json"))
        {
            let id = format!("{group_name}/{}", file_stem(&file));
            match read_json(&file) {
                Value::Array(specs) => {
                    res.extend(specs.into_iter().enumerate().map(|(idx, spec)| Case {
                        id: format!("{id}[{idx}]"),
                        dir: group.clone(),
                        spec,
                    }))
                }
                spec => res.push(Case {
                    id,
                    dir: group.clone(),
                    spec,
                }),
            }
        }
    }
    res
}

fn datasets(dir: &Path) -> BTreeMap<String, Value> {
    sorted_dir(dir)
        .into_iter()
        .map(|file| (file_stem(&file), read_json(&file)))
        .collect()
}

fn known_failures() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/known-failures.txt");
    let text = std::fs::read_to_string(path).expect("tests/known-failures.txt exists");
    text.lines()
        .filter_map(|line| {
            let (id, reason) = line.split_once('#').unwrap_or((line, ""));
            let id = id.trim();
            (!id.is_empty()).then(|| (id.to_owned(), reason.trim().to_owned()))
        })
        .collect()
}

fn sorted_dir(dir: &Path) -> Vec<PathBuf> {
    let mut res: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("suite directory is readable")
        .map(|entry| entry.expect("suite entry is readable").path())
        .collect();
    res.sort();
    res
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("suite file is readable");
    // Two upstream cases hold lone UTF-16 surrogates that serde_json refuses; they are known failures.
    serde_json::from_str(&text).unwrap_or(Value::String(format!("unreadable: {}", path.display())))
}
