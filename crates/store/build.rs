//! Rebuilds the crate when a migration is added: `sqlx::migrate!` embeds the folders at
//! compile time, and cargo would not notice a new file in them otherwise.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
