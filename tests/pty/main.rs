//! Tests that run the real binary on a pseudo-terminal: start-up and colour detection, the
//! browser end to end, signals, hang-ups and hostile terminal input. They are kept apart from
//! `tests/it` because they are timing-sensitive and need real child terminals.
#![cfg(unix)]
// Helpers outside #[test] functions unwrap too: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used)]

mod pty_support;

mod cli_tty_color;
mod pty_browser;
mod pty_faults;
mod pty_hangup;
mod pty_signals;
