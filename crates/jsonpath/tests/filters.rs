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
