//! One smoke test of the real binary in a pseudo-terminal: open the browser, search, open a
//! result, answer a quiz item, quit; the terminal is restored and progress saved.
//! Behaviour is tested on `TestBackend` elsewhere; this checks the wiring to a real terminal.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use expectrl::{Expect, Session};

use crate::pty_support;
use pty_support::{Screen, pump_until};

#[test]
fn browse_search_open_quiz_and_quit_in_a_real_terminal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide_dir = root.join("guide");
    let guide = mnguide::content::load_dir(&guide_dir)
        .expect("shipped guide loads")
        .guide;
    let index = mnguide::search::SearchIndex::build_in_memory(&guide).expect("index");
    let query = "sunscreen";
    let expected = index
        .search(query, 1)
        .hits
        .first()
        .map(|h| h.title.clone())
        .expect("a hit");

    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mnguide"));
    cmd.env("TERM", "xterm-256color")
        .env("MNGUIDE_DATA", &data)
        .env("MNGUIDE_CONFIG", tmp.path().join("config"))
        .arg("--guide")
        .arg(&guide_dir)
        .arg("--index-dir")
        .arg(tmp.path().join("index"));
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session
        .get_process_mut()
        .set_window_size(100, 30)
        .expect("window size");
    let mut screen = Screen::new(100, 30);

    pump_until(&mut session, &mut screen, "the browser", |s| {
        s.contains("1 Browse") && s.contains("Topics")
    });
    session.send("/").expect("send");
    pump_until(&mut session, &mut screen, "the search pane", |s| {
        s.contains("Type to search")
    });
    session.send(query).expect("send");
    pump_until(&mut session, &mut screen, "results", |s| {
        s.contains("matched via") && s.contains(&expected)
    });
    session.send("\r").expect("send");
    pump_until(
        &mut session,
        &mut screen,
        "the section in the reader",
        |s| s.contains("Bottom line:") && s.contains(&expected) && s.contains("match 1/"),
    );
    session.send("3").expect("send");
    pump_until(&mut session, &mut screen, "a quiz item", |s| {
        s.contains("Myth or fact?") || s.contains("Best of five")
    });
    // A myth-or-fact item takes m or f; a best-of-five case takes a letter.
    let answer = if screen.text().contains("Best of five") {
        "a"
    } else {
        "m"
    };
    session.send(answer).expect("send");
    pump_until(&mut session, &mut screen, "feedback", |s| {
        s.contains("Correct") || s.contains("Not quite")
    });
    session.send("q").expect("send");

    let status = session.get_process().wait().expect("exit status");
    // Read what is left (the restore sequences) after exit.
    let mut buf = [0u8; 8192];
    while let Ok(n) = session.try_read(&mut buf) {
        if n == 0 {
            break;
        }
        screen.feed(&buf[..n]);
    }
    assert_eq!(
        format!("{status:?}"),
        format!("Exited(Pid({}), 0)", session.get_process().pid())
    );
    let raw = String::from_utf8_lossy(&screen.raw);
    let entered = raw
        .find("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered);
    assert!(
        data.join(mnguide::quiz::PROGRESS_FILE).is_file(),
        "progress saved"
    );
    assert!(data.join("browser.json").is_file(), "history saved");
}
