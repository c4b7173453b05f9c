//! Rebuilds the crate when a schema migration is added: `sqlx::migrate!` embeds the files of
//! `migrations/` at compile time, and cargo only sees changes to the files it embedded.

fn main() {
    println!("cargo::rerun-if-changed=migrations");
}
