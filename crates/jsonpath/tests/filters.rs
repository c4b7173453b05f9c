//! Jayway filter expressions, `[?(...)]`.

use jsonpath::Path;
use serde_json::{Value, json};

fn books() -> Value {
    json!({
        "limit": 10,
        "books": [
            {"title": "Sayings", "price": 8.95, "tags": ["quotes"], "author": {"name": "Rees"}},
            {"title": "Sword", "price": 12.99, "tags": ["war", "fiction"], "isbn": null},
            {"title": "Moby Dick", "price": 8.99, "tags": [], "isbn": "0-553-21311-3"},
            {"title": "Ten", "price": "10", "tags": ["fiction"]}
        ]
    })
}

/// Selects `path` from the books and returns the titles it matched.
fn check(path: &str, titles: &[&str]) {
    let compiled = Path::parse(path).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
    let selected = compiled
        .select(&books(), &json!({}))
        .expect("indefinite paths always select");
    let actual: Vec<&str> = selected
        .as_array()
        .expect("an array of matches")
        .iter()
        .filter_map(|book| book["title"].as_str())
        .collect();
    assert_eq!(actual, titles, "{path}");
}

#[test]
fn comparisons() {
    check("$.books[?(@.price < 10)]", &["Sayings", "Moby Dick"]);
    check("$.books[?(@.price <= 8.99)]", &["Sayings", "Moby Dick"]);
    check("$.books[?(@.price > 10)]", &["Sword"]);
    check("$.books[?(@.price >= 12.99)]", &["Sword"]);
    check("$.books[?(@.title == 'Sword')]", &["Sword"]);
    check("$.books[?(@.title == \"Sword\")]", &["Sword"]);
    check(
        "$.books[?(@.title != 'Sword')]",
        &["Sayings", "Moby Dick", "Ten"],
    );
    check("$.books[?(@.author.name == 'Rees')]", &["Sayings"]);
    check("$.books[?(@.title > 'S')]", &["Sayings", "Sword", "Ten"]);
    check("$.books[?(@.price < $.limit)]", &["Sayings", "Moby Dick"]);
}

#[test]
fn numbers_and_strings_compare_as_jayway_does() {
    // A number equals a string that reads as the same number, but never orders against one.
    check("$.books[?(@.price == 10)]", &["Ten"]);
    check("$.books[?(@.price < 11)]", &["Sayings", "Moby Dick"]);
}

#[test]
fn existence_and_logic() {
    check("$.books[?(@.isbn)]", &["Sword", "Moby Dick"]);
    check("$.books[?(!@.isbn)]", &["Sayings", "Ten"]);
    check("$.books[?(@.isbn == null)]", &["Sword"]);
    check(
        "$.books[?(@.isbn != null)]",
        &["Sayings", "Moby Dick", "Ten"],
    );
    check("$.books[?(@.price < 10 && @.isbn)]", &["Moby Dick"]);
    check(
        "$.books[?(@.price > 12 || @.title == 'Sayings')]",
        &["Sayings", "Sword"],
    );
    check(
        "$.books[?((@.price > 12 || @.title == 'Sayings') && !@.isbn)]",
        &["Sayings"],
    );
}

#[test]
fn list_operators() {
    check("$.books[?(@.title in ['Sword', 'Ten'])]", &["Sword", "Ten"]);
    check(
        "$.books[?(@.title nin ['Sword', 'Ten'])]",
        &["Sayings", "Moby Dick"],
    );
    check("$.books[?(@.tags contains 'fiction')]", &["Sword", "Ten"]);
    check("$.books[?(@.title contains 'Dick')]", &["Moby Dick"]);
    check("$.books[?(@.tags size 2)]", &["Sword"]);
    check("$.books[?(@.tags empty true)]", &["Moby Dick"]);
    check(
        "$.books[?(@.tags subsetof ['war', 'fiction', 'quotes'])]",
        &["Sayings", "Sword", "Moby Dick", "Ten"],
    );
    check("$.books[?(@.tags anyof ['war'])]", &["Sword"]);
    check(
        "$.books[?(@.tags noneof ['fiction'])]",
        &["Sayings", "Moby Dick"],
    );
}

#[test]
fn filters_in_deep_scans_and_on_objects() {
    check("$..books[?(@.price > 12)]", &["Sword"]);
    check("$..[?(@.isbn)]", &["Sword", "Moby Dick"]);
    check("$.books[0][?(@.price < 10)]", &["Sayings"]);
    check("$.books[?(@.missing.deeper > 1)]", &[]);
}

fn named_items() -> Value {
    json!({
        "items": [
            {"id": 0, "name": "apple"},
            {"id": 1, "name": "Avocado"},
            {"id": 2, "name": "banana"},
            {"id": 3, "name": "a/b"},
            {"id": 4, "name": 42},
            {"id": 5, "name": true},
            {"id": 6, "name": null},
            {"id": 7},
            {"id": 8, "name": ["apple"]},
            {"id": 9, "name": "it's (x)"},
            {"id": 10, "name": 8.5}
        ]
    })
}

#[test]
fn regular_expressions() {
    // Jayway 2.4: `Pattern.matcher(text).matches()`, so the whole text must match. Strings match
    // as they are, numbers and booleans by their text, anything else (null, arrays, a missing
    // key) as the empty string.
    let cases: &[(&str, &[u64])] = &[
        // Match, and no match.
        ("$.items[?(@.name =~ /^a.*/)]", &[0, 3]),
        ("$.items[?(@.name =~ /a.*/)]", &[0, 3]),
        ("$.items[?(@.name =~ /z.*/)]", &[]),
        // The whole string must match, not a part of it.
        ("$.items[?(@.name =~ /pp/)]", &[]),
        ("$.items[?(@.name =~ /.*pp.*/)]", &[0]),
        // The `i` flag.
        ("$.items[?(@.name =~ /^a.*/i)]", &[0, 1, 3]),
        ("$.items[?(@.name =~ /AVOCADO/i)]", &[1]),
        ("$.items[?(@.name =~ /AVOCADO/)]", &[]),
        // Left sides that are not strings.
        ("$.items[?(@.name =~ /4\\d/)]", &[4]),
        ("$.items[?(@.name =~ /8\\.5/)]", &[10]),
        ("$.items[?(@.name =~ /tr.e/)]", &[5]),
        ("$.items[?(@.name =~ /null|apple/)]", &[0]),
        ("$.items[?(@.name =~ /.+/)]", &[0, 1, 2, 3, 4, 5, 9, 10]),
        (
            "$.items[?(@.name =~ /.*/)]",
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        ),
        // An escaped `/`, and parentheses and a quote inside the pattern.
        ("$.items[?(@.name =~ /a\\/b/)]", &[3]),
        ("$.items[?(@.name =~ /it's \\(x\\)/)]", &[9]),
        ("$.items[?(@.name =~ /[^\\/]*\\/.*/)]", &[3]),
        // The pattern on the left, combinations, and deep scans.
        ("$.items[?(/^a.*/i =~ @.name)]", &[0, 1, 3]),
        ("$.items[?(@.name =~ /^a.*/i && @.id > 0)]", &[1, 3]),
        ("$.items[?(!(@.name =~ /.+/))]", &[6, 7, 8]),
        ("$..[?(@.name =~ /b.*/)]", &[2]),
        // Java's syntax, with Java's meaning.
        ("$.items[?(@.name =~ /\\w+/)]", &[0, 1, 2, 4, 5]),
    ];
    for (path, ids) in cases {
        let compiled = Path::parse(path).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        let selected = compiled
            .select(&named_items(), &json!({}))
            .expect("indefinite paths always select");
        let actual: Vec<u64> = selected
            .as_array()
            .expect("an array of matches")
            .iter()
            .filter_map(|item| item["id"].as_u64())
            .collect();
        assert_eq!(actual, *ids, "{path}");
    }
}
