//! The terminal guard: whatever ends the browser (a quit, an error, a panic, a signal, a
//! memory fault) the terminal is given back as it was found: cooked mode, main screen,
//! cursor shown, mouse and paste reporting off.
//!
//! Signals that can wait (SIGTERM, SIGINT, SIGUSR1, ...) only set a flag; the event loop
//! then leaves as after `q`, saving everything. Faults that cannot wait (SIGBUS, SIGSEGV,
//! SIGILL, SIGFPE, SIGABRT) run [`restore_now`] inside the handler, which uses only
//! async-signal-safe calls (`write`, `tcsetattr`), and then die of the same signal.

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// Everything the browser may have switched on, switched off: mouse reporting (all modes
/// crossterm enables), bracketed paste, a hidden cursor, the alternate screen.
pub const RESTORE_SEQUENCE: &[u8] = b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\
\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

/// Signals that end the browser the orderly way (through the event loop).
#[cfg(unix)]
pub const STOP_SIGNALS: &[i32] = &[
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGVTALRM,
    libc::SIGPROF,
];

#[cfg(not(unix))]
pub const STOP_SIGNALS: &[i32] = &[];

/// Signals after which the process cannot go on.
#[cfg(unix)]
const FATAL_SIGNALS: &[i32] = &[
    libc::SIGBUS,
    libc::SIGSEGV,
    libc::SIGILL,
    libc::SIGFPE,
    libc::SIGABRT,
];

/// The terminal modes found at start, for the handlers to put back.
#[cfg(unix)]
static SAVED: OnceLock<libc::termios> = OnceLock::new();
/// True while the terminal is in the browser's state and needs restoring.
static ACTIVE: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Set while [`catch`] runs: a panic there is handled by the caller, so the panic hook
    /// must neither restore the terminal nor print over the screen.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Remembers the terminal's modes; call before switching to raw mode.
pub fn save() {
    #[cfg(unix)]
    {
        // SAFETY: termios is plain data; tcgetattr fills it or fails, and we keep it only
        // when it succeeded.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut t) } == 0 {
            let _ = SAVED.set(t);
        }
    }
}

/// Marks the terminal as taken over (true) or given back (false).
pub fn set_active(on: bool) {
    ACTIVE.store(on, Ordering::SeqCst);
}

/// Puts the terminal back, at most once per take-over. Safe to call from a signal handler,
/// another thread, or a panic hook: it only writes bytes and sets the saved modes.
pub fn restore_now() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    #[cfg(unix)]
    // SAFETY: write and tcsetattr are async-signal-safe; the buffer and the saved termios
    // are 'static.
    unsafe {
        let _ = libc::write(
            libc::STDOUT_FILENO,
            RESTORE_SEQUENCE.as_ptr().cast(),
            RESTORE_SEQUENCE.len(),
        );
        if let Some(t) = SAVED.get() {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t);
        }
    }
}

#[cfg(unix)]
extern "C" fn on_fatal(sig: libc::c_int) {
    restore_now();
    // SA_RESETHAND put the default action back: raising again (or returning to the
    // faulting instruction) ends the process with the real signal and its core dump.
    // SAFETY: raise is async-signal-safe.
    unsafe {
        libc::raise(sig);
    }
}

/// Installs the fatal-signal handlers and a panic hook that restores the terminal before
/// the message is printed (so it lands on the main screen, readable).
pub fn install() {
    #[cfg(unix)]
    for &sig in FATAL_SIGNALS {
        // SAFETY: the handler only calls async-signal-safe functions; the struct is fully
        // initialised before use.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_fatal as *const () as usize;
            action.sa_flags = libc::SA_RESETHAND | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(sig, &action, std::ptr::null_mut());
        }
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if QUIET.with(Cell::get) {
            return;
        }
        restore_now();
        previous(info);
    }));
}

/// Runs `f`, turning a panic into `None` without touching the terminal: for the parts of
/// the browser that can recover (a search on a damaged index is retried on a rebuilt one).
pub fn catch<T>(f: impl FnOnce() -> T) -> Option<T> {
    let before = QUIET.with(|q| q.replace(true));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    QUIET.with(|q| q.set(before));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catch_turns_a_panic_into_none_and_keeps_values() {
        assert_eq!(catch(|| 2 + 2), Some(4));
        let caught: Option<()> = catch(|| panic!("inside"));
        assert!(caught.is_none());
        assert!(!QUIET.with(Cell::get), "the flag is reset after a panic");
    }
}
