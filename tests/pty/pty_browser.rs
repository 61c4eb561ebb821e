//! One smoke test of the real binary in a pseudo-terminal: open the browser (past the
//! first-start notice), search, open a result, search again without clearing the box, page
//! forward and back, answer a quiz item, quit; the terminal is restored and progress saved.
//! Behaviour is tested on `TestBackend` elsewhere; this checks the wiring to a real terminal.

#![cfg(unix)]

use expectrl::Expect;

use crate::pty_support;
use pty_support::pump_until;

#[test]
fn browse_search_open_quiz_and_quit_in_a_real_terminal() {
    let guide = mnguide::content::load_dir(&pty_support::guide_dir())
        .expect("shipped guide loads")
        .guide;
    let index = mnguide::search::SearchIndex::build_in_memory(&guide).expect("index");
    let query = "sunscreen";
    let top = |q: &str| {
        index
            .search(q, 1)
            .hits
            .first()
            .map(|h| h.title.clone())
            .expect("a hit")
    };
    let expected = top(query);
    let second = "isotretinoin";
    let expected_second = top(second);

    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let cmd = pty_support::mnguide_in(tmp.path(), "xterm-256color");
    let (mut session, mut screen) = pty_support::spawn_browser(cmd);
    // A fresh data folder: the disclaimer shows once, and the first key goes through.
    pump_until(&mut session, &mut screen, "the first-start notice", |s| {
        s.contains("Before you start") && s.contains("Disclaimer")
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
        |s| s.contains("Bottom line:") && s.contains(&expected) && s.contains(" match "),
    );
    // A second search replaces the first query: no Ctrl-U needed.
    session.send("/").expect("send");
    session.send(second).expect("send");
    pump_until(&mut session, &mut screen, "the second results", |s| {
        s.contains(&format!("/ {second}")) && s.contains(&expected_second)
    });
    session.send("\r").expect("send");
    pump_until(&mut session, &mut screen, "the second section", |s| {
        s.contains("Bottom line:") && s.contains(&expected_second)
    });
    // Page forward and back as in less: the position in the border comes back.
    let percent = |s: &str| {
        s.lines()
            .filter_map(|l| {
                let end = l.rfind("% ")?;
                let start = l[..end].rfind(' ')? + 1;
                l[start..end].parse::<u32>().ok()
            })
            .next()
    };
    session.send("g").expect("send");
    pump_until(&mut session, &mut screen, "the top of the section", |s| {
        percent(s).is_some()
    });
    let at_top = percent(&screen.text()).expect("a position");
    session.send(" ").expect("send");
    pump_until(&mut session, &mut screen, "a page forward", |s| {
        percent(s).is_some_and(|p| p > at_top)
    });
    session.send("b").expect("send");
    pump_until(&mut session, &mut screen, "a page back", |s| {
        percent(s) == Some(at_top)
    });
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
        raw.contains("\x1b[?1000h\x1b[?1006h"),
        "clicks and the wheel are reported"
    );
    assert!(
        !raw.contains("\x1b[?1003h") && !raw.contains("\x1b[?1002h"),
        "no motion tracking"
    );
    assert!(
        data.join(mnguide::quiz::PROGRESS_FILE).is_file(),
        "progress saved"
    );
    assert!(data.join("browser.json").is_file(), "history saved");
}
