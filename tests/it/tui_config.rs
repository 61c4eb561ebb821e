//! Starting the browser state the way the binary does: config.toml (theme, rebinding, bad
//! files), remembered state and its recovery from a damaged file.

use crate::tui_support;

use mnguide::env::{Env, Locations, Validation};
use mnguide::term::ColorChoice;
use mnguide::tui::keymap::{Key, Scope};
use mnguide::tui::theme::{Theme, ThemeName};
use mnguide::tui::{Paths, prepare};

fn context(index: &std::path::Path) -> Env {
    let at = Locations::find(Some(&tui_support::fixture_dir()), Some(index));
    match Env::load(at, ColorChoice::Auto, Validation::Cached) {
        Ok(c) => c,
        Err(_) => panic!("fixture loads"),
    }
}

fn paths(dir: &std::path::Path) -> Paths {
    Paths {
        config: dir.join("config.toml"),
        memory: dir.join("data/browser.json"),
        data_dir: dir.join("data"),
    }
}

#[test]
fn config_sets_theme_and_rebinds_keys_and_the_flag_wins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = paths(dir.path());
    std::fs::write(
        &p.config,
        "theme = \"light\"\n[keys]\nsearch = [\"ctrl-k\"]\n",
    )
    .expect("write");
    let ctx = context(&dir.path().join("index"));
    let app = prepare(&ctx, None, ColorChoice::Always, &p).expect("valid config");
    assert_eq!(app.theme.title, Theme::new(ThemeName::Light, true).title);
    assert_eq!(
        app.keymap.lookup(Scope::Tree, Key::ctrl('k')),
        Some(&mnguide::tui::action::Action::Search)
    );
    assert_eq!(app.keymap.lookup(Scope::Tree, Key::ch('/')), None);
    let app = prepare(&ctx, Some(ThemeName::HighContrast), ColorChoice::Always, &p).expect("ok");
    assert_eq!(
        app.theme.title,
        Theme::new(ThemeName::HighContrast, true).title
    );
    let app = prepare(&ctx, Some(ThemeName::HighContrast), ColorChoice::Never, &p).expect("ok");
    assert_eq!(
        app.theme.highlight,
        Theme::mono().highlight,
        "--color never is monochrome"
    );
}

#[test]
fn a_bad_config_is_a_clear_error_naming_the_file_and_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = paths(dir.path());
    let ctx = context(&dir.path().join("index"));
    std::fs::write(&p.config, "[keys]\nteleport = [\"t\"]\n").expect("write");
    let err = prepare(&ctx, None, ColorChoice::Never, &p)
        .err()
        .expect("unknown action");
    assert!(
        err.contains("config.toml") && err.contains("teleport"),
        "{err}"
    );
    std::fs::write(&p.config, "theme = 3\n").expect("write");
    let err = prepare(&ctx, None, ColorChoice::Never, &p)
        .err()
        .expect("bad theme type");
    assert!(err.contains("config.toml"), "{err}");
}

#[test]
fn a_damaged_memory_file_is_moved_aside_with_a_warning_and_the_browser_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = paths(dir.path());
    std::fs::create_dir_all(&p.data_dir).expect("mkdir");
    std::fs::write(&p.memory, "{\"bookmarks\": [1, 2").expect("write");
    let ctx = context(&dir.path().join("index"));
    let app = prepare(&ctx, None, ColorChoice::Never, &p).expect("starts anyway");
    let msg = app.message.clone().expect("a warning in the status line");
    assert!(msg.contains("browser.json"), "{msg}");
    assert!(!p.memory.exists(), "damaged file moved aside");
    let moved = std::fs::read_dir(&p.data_dir)
        .expect("read dir")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains(".bak"));
    assert!(moved, "a .bak copy is kept");
    assert_eq!(app.reader.section.as_deref(), Some("what-it-is"));
}

#[test]
fn remembered_ids_missing_from_the_guide_are_dropped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = paths(dir.path());
    std::fs::create_dir_all(&p.data_dir).expect("mkdir");
    std::fs::write(
        &p.memory,
        r#"{"version":1,"bookmarks":["gone","needle-depth"],"history":["gone","needle-depth"],"history_pos":1,"last_section":"needle-depth","recent_searches":["depth"]}"#,
    )
    .expect("write");
    let ctx = context(&dir.path().join("index"));
    let app = prepare(&ctx, None, ColorChoice::Never, &p).expect("starts");
    assert_eq!(app.memory.bookmarks, vec!["needle-depth"]);
    assert_eq!(app.memory.history, vec!["needle-depth"]);
    assert_eq!(app.reader.section.as_deref(), Some("needle-depth"));
    assert!(app.message.is_none(), "{:?}", app.message);
}
