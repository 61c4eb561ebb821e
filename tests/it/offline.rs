//! mnguide is offline by design. No crate that speaks HTTP, TLS, DNS or an async network
//! runtime may enter the dependency tree; this reads the committed lock file to be sure.

use std::path::Path;

/// Crates whose presence would mean network code was linked in.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "h2",
    "h3",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "rustls",
    "native-tls",
    "openssl",
    "openssl-sys",
    "tokio",
    "async-std",
    "socket2",
    "hickory-resolver",
    "trust-dns-resolver",
    "quinn",
    "tungstenite",
];

#[test]
fn no_network_crate_in_the_lock_file() {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
        .expect("Cargo.lock is committed");
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    assert!(
        names.len() > 50,
        "lock file parsed: {} packages",
        names.len()
    );
    let found: Vec<&&str> = names
        .iter()
        .filter(|n| NETWORK_CRATES.contains(n))
        .collect();
    assert!(
        found.is_empty(),
        "network crates in the dependency tree: {found:?}"
    );
}
