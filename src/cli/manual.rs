//! `mnguide man`: the manual page, generated from the same clap definition as `--help`, so
//! the two never disagree.

/// The manual page of the command line `cmd` as roff.
pub fn page(cmd: clap::Command) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = clap_mangen::Man::new(cmd).render(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}
