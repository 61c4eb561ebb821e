//! The browser driven by key sequences through `update`, no terminal needed.

use crate::tui_support;

use mnguide::tui::action::Action;
use mnguide::tui::app::{Focus, Overlay, Tab};
use mnguide::tui::keymap::Keymap;
use mnguide::tui::memory::Memory;
use mnguide::tui::update;
use tui_support::{app, app_with, keymap_from, keys, render, screen_text, type_text};

#[test]
fn starts_on_the_first_section_and_enter_opens_the_selected_one() {
    let mut a = app();
    assert_eq!(a.reader.section.as_deref(), Some("what-it-is"));
    assert_eq!(a.tab, Tab::Browse);
    assert_eq!(a.focus, Focus::Tree);
    keys(&mut a, "j Enter");
    assert_eq!(a.reader.section.as_deref(), Some("needle-depth"));
    assert_eq!(a.memory.history, vec!["needle-depth"]);
    // Down past the basics topic reaches the aftercare topic row; Enter folds/unfolds it.
    keys(&mut a, "j");
    assert_eq!(a.tree.selected(), ["aftercare".to_string()]);
    keys(&mut a, "Enter j");
    assert_eq!(
        a.tree.selected(),
        ["aftercare".to_string(), "aftercare-basics".to_string()]
    );
    keys(&mut a, "h");
    assert_eq!(a.tree.selected(), ["aftercare".to_string()]);
    keys(&mut a, "h j");
    assert_eq!(
        a.tree.selected(),
        ["aftercare".to_string()],
        "folded topic hides its sections"
    );
}

#[test]
fn search_updates_on_each_key_and_enter_opens_with_highlights() {
    let mut a = app();
    keys(&mut a, "/");
    assert_eq!(a.tab, Tab::Search);
    type_text(&mut a, "sc");
    assert!(a.search_ui.results.is_some(), "searched without Enter");
    type_text(&mut a, "ars");
    let r = a.search_ui.results.clone().expect("results");
    assert_eq!(a.search_ui.query(), "scars");
    assert!(!r.hits.is_empty());
    let pos = r
        .hits
        .iter()
        .position(|h| h.id == "needle-depth")
        .expect("needle-depth found for 'scars'");
    for _ in 0..pos {
        keys(&mut a, "ctrl-n");
    }
    assert_eq!(a.search_ui.selected, pos);
    keys(&mut a, "Enter");
    assert_eq!(a.tab, Tab::Browse);
    assert_eq!(a.focus, Focus::Reader);
    assert_eq!(a.reader.section.as_deref(), Some("needle-depth"));
    assert!(
        !a.reader.terms.is_empty(),
        "matched words carried to the reader"
    );
    assert_eq!(a.reader.current_match, Some(0), "jumped to the first match");
    keys(&mut a, "n");
    assert_eq!(a.reader.current_match, Some(1), "two lines mention scars");
    keys(&mut a, "n");
    assert_eq!(a.reader.current_match, Some(0), "n wraps around");
    keys(&mut a, "N");
    assert_eq!(a.reader.current_match, Some(1), "N goes back, wrapping");
    assert_eq!(a.memory.recent_searches, vec!["scars"]);
    assert_eq!(
        a.memory.history.last().map(String::as_str),
        Some("needle-depth")
    );
}

#[test]
fn typing_q_in_search_does_not_quit_but_ctrl_c_always_does() {
    let mut a = app();
    keys(&mut a, "/");
    type_text(&mut a, "q");
    assert!(!a.should_quit);
    assert_eq!(a.search_ui.query(), "q");
    keys(&mut a, "Backspace");
    assert_eq!(
        a.search_ui.query(),
        "",
        "Backspace edits the query in search"
    );
    type_text(&mut a, "scar");
    keys(&mut a, "Left Left Backspace");
    assert_eq!(
        a.search_ui.query(),
        "sar",
        "Backspace deletes before the cursor"
    );
    keys(&mut a, "Home");
    type_text(&mut a, "x");
    keys(&mut a, "Right Delete End Delete");
    assert_eq!(
        a.search_ui.query(),
        "xsr",
        "typing and Delete work at the cursor"
    );
    keys(&mut a, "Esc");
    assert_eq!(a.tab, Tab::Browse);
    keys(&mut a, "/ ctrl-c");
    assert!(a.should_quit);

    let mut b = app();
    keys(&mut b, "q");
    assert!(b.should_quit);
}

#[test]
fn empty_query_lists_recent_searches_and_enter_reruns_one() {
    let mut memory = Memory::default();
    memory.add_recent_search("sunscreen");
    memory.add_recent_search("depth");
    let mut a = app_with(memory, Keymap::default(), true);
    keys(&mut a, "/");
    assert!(a.search_ui.results.is_none());
    let screen = screen_text(render(&mut a, 80, 24).backend().buffer());
    assert!(screen.contains("Recent searches"), "{screen}");
    assert!(screen.contains("sunscreen"), "{screen}");
    keys(&mut a, "Down Enter");
    assert_eq!(a.search_ui.query(), "sunscreen");
    let r = a.search_ui.results.as_ref().expect("results");
    assert_eq!(
        r.hits.first().map(|h| h.id.as_str()),
        Some("aftercare-basics")
    );
}

#[test]
fn see_also_links_are_followed_and_history_goes_back_and_forward() {
    let mut a = app();
    keys(&mut a, "Enter"); // the first section is selected at start
    assert_eq!(a.reader.section.as_deref(), Some("what-it-is"));
    keys(&mut a, "Tab");
    assert_eq!(a.focus, Focus::Reader);
    keys(&mut a, "l");
    assert_eq!(a.reader.link, Some(0));
    keys(&mut a, "l");
    assert_eq!(a.reader.link, Some(1));
    keys(&mut a, "h Enter");
    assert_eq!(a.reader.section.as_deref(), Some("needle-depth"));
    keys(&mut a, "l Enter");
    assert_eq!(a.reader.section.as_deref(), Some("what-it-is"));
    assert_eq!(
        a.memory.history,
        vec!["what-it-is", "needle-depth", "what-it-is"]
    );
    keys(&mut a, "Backspace");
    assert_eq!(a.reader.section.as_deref(), Some("needle-depth"));
    keys(&mut a, "[");
    assert_eq!(a.reader.section.as_deref(), Some("what-it-is"));
    keys(&mut a, "[");
    assert_eq!(
        a.reader.section.as_deref(),
        Some("what-it-is"),
        "start of history"
    );
    assert!(a.message.as_deref().is_some_and(|m| m.contains("back")));
    keys(&mut a, "]");
    assert_eq!(a.reader.section.as_deref(), Some("needle-depth"));
    assert!(a.memory_dirty, "history is saved");
}

#[test]
fn reader_scrolls_and_clamps() {
    let mut a = app();
    render(&mut a, 80, 24);
    keys(&mut a, "Tab j j");
    assert_eq!(a.reader.scroll, 2);
    keys(&mut a, "k k k");
    assert_eq!(a.reader.scroll, 0);
    keys(&mut a, "G");
    let bottom = a.reader.scroll;
    assert!(bottom > 0);
    keys(&mut a, "j PgDn");
    assert_eq!(a.reader.scroll, bottom, "cannot scroll past the end");
    keys(&mut a, "g");
    assert_eq!(a.reader.scroll, 0);
}

#[test]
fn bookmarks_toggle_list_open_and_remove() {
    let mut a = app();
    keys(&mut a, "m");
    assert_eq!(a.memory.bookmarks, vec!["what-it-is"]);
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.starts_with("Bookmarked"))
    );
    keys(&mut a, "j Enter m '");
    assert_eq!(a.memory.bookmarks, vec!["what-it-is", "needle-depth"]);
    assert_eq!(a.overlay, Overlay::Bookmarks { selected: 0 });
    let screen = screen_text(render(&mut a, 80, 24).backend().buffer());
    assert!(screen.contains("Basics > Needle depth"), "{screen}");
    keys(&mut a, "Enter");
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.reader.section.as_deref(), Some("what-it-is"));
    keys(&mut a, "m");
    assert_eq!(a.memory.bookmarks, vec!["needle-depth"]);
    keys(&mut a, "' d");
    assert!(a.memory.bookmarks.is_empty());
    keys(&mut a, "Esc");
    assert_eq!(a.overlay, Overlay::None);
}

#[test]
fn memory_persists_and_the_browser_reopens_where_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("browser.json");
    let mut a = app();
    keys(&mut a, "j Enter m");
    a.memory.save(&path).expect("save");
    let (memory, warning) = Memory::load(&path);
    assert!(warning.is_none());
    let b = app_with(memory, Keymap::default(), true);
    assert_eq!(b.reader.section.as_deref(), Some("needle-depth"));
    assert_eq!(b.memory.bookmarks, vec!["needle-depth"]);
    assert_eq!(
        b.tree.selected(),
        ["basics".to_string(), "needle-depth".to_string()]
    );
}

#[test]
fn help_overlay_opens_and_closes() {
    let mut a = app();
    keys(&mut a, "?");
    assert!(matches!(a.overlay, Overlay::Help { .. }));
    keys(&mut a, "j");
    assert_eq!(a.overlay, Overlay::Help { scroll: 1 });
    keys(&mut a, "q");
    assert_eq!(a.overlay, Overlay::None);
    assert!(!a.should_quit, "q closes help first");
}

#[test]
fn rebinding_by_action_name_changes_keys_and_the_help() {
    let km = keymap_from("[keys]\nquit = [\"x\"]\ntoggle_bookmark = [\"alt-k\"]\n");
    let mut a = app_with(Memory::default(), km, true);
    keys(&mut a, "alt-k");
    assert_eq!(a.memory.bookmarks, vec!["what-it-is"]);
    keys(&mut a, "q");
    assert!(!a.should_quit);
    keys(&mut a, "?");
    let screen = screen_text(render(&mut a, 120, 35).backend().buffer());
    assert!(screen.contains("Alt-k"), "{screen}");
    keys(&mut a, "Esc x");
    assert!(a.should_quit);
}

#[test]
fn tabs_switch_with_number_keys_and_mouse_clicks() {
    let mut a = app();
    keys(&mut a, "2");
    assert_eq!(a.tab, Tab::Search);
    keys(&mut a, "Esc 3");
    assert_eq!(a.tab, Tab::Quiz);
    keys(&mut a, "1");
    assert_eq!(a.tab, Tab::Browse);
    render(&mut a, 80, 24);
    let (search_tab, _) = a.layout.tabs[1];
    update::run(
        &mut a,
        Action::ClickAt {
            x: search_tab.x + 1,
            y: search_tab.y,
        },
    );
    assert_eq!(a.tab, Tab::Search);
}

#[test]
fn mouse_clicks_a_tree_row_and_a_result_and_the_wheel_scrolls_the_reader() {
    let mut a = app();
    let t = render(&mut a, 80, 24);
    let (x, y) = tui_support::find(t.backend().buffer(), "Needle depth").expect("tree row shown");
    update::run(&mut a, Action::ClickAt { x, y });
    assert_eq!(a.reader.section.as_deref(), Some("needle-depth"));

    let reader = a.layout.reader;
    update::run(
        &mut a,
        Action::ScrollAt {
            x: reader.x + 5,
            y: reader.y + 5,
            down: true,
        },
    );
    // A short section may not scroll; the first section is long enough at 80x24.
    keys(&mut a, "k Enter");
    render(&mut a, 80, 24);
    let reader = a.layout.reader;
    update::run(
        &mut a,
        Action::ScrollAt {
            x: reader.x + 5,
            y: reader.y + 5,
            down: true,
        },
    );
    assert_eq!(a.reader.scroll, 3);

    keys(&mut a, "/");
    type_text(&mut a, "sunscreen");
    let t = render(&mut a, 80, 24);
    let (x, y) = tui_support::find(t.backend().buffer(), "Aftercare basics").expect("result shown");
    update::run(&mut a, Action::ClickAt { x, y });
    assert_eq!(a.reader.section.as_deref(), Some("aftercare-basics"));
    assert_eq!(a.tab, Tab::Browse);
}

#[test]
fn any_size_renders_without_panic_and_tiny_sizes_say_so() {
    let mut a = app();
    keys(&mut a, "/");
    type_text(&mut a, "collagen");
    for tab in ["1", "2", "3"] {
        keys(&mut a, "Esc");
        keys(&mut a, tab);
        for (w, h) in [
            (1, 1),
            (20, 6),
            (39, 9),
            (40, 10),
            (59, 12),
            (60, 15),
            (80, 24),
            (200, 50),
        ] {
            render(&mut a, w, h);
        }
        keys(&mut a, "?");
        for (w, h) in [(20, 6), (40, 10), (80, 24)] {
            render(&mut a, w, h);
        }
        keys(&mut a, "Esc");
    }
    let screen = screen_text(render(&mut a, 20, 6).backend().buffer());
    assert!(screen.contains("Terminal too"), "{screen}");
}

#[test]
fn scrolling_to_the_end_of_the_results_fetches_more() {
    let guide =
        mnguide::content::load_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guide"))
            .expect("shipped guide")
            .guide;
    let index = mnguide::search::SearchIndex::build_in_memory(&guide).expect("index");
    let mut a = mnguide::tui::app::App::new(
        guide,
        Some(index),
        Keymap::default(),
        mnguide::tui::theme::Theme::mono(),
        Memory::default(),
    );
    keys(&mut a, "/");
    type_text(&mut a, "skin");
    let first = a
        .search_ui
        .results
        .as_ref()
        .map(|r| r.hits.len())
        .expect("results");
    assert_eq!(
        first,
        mnguide::tui::pane::search::LIMIT,
        "one batch at first"
    );
    for _ in 0..12 {
        keys(&mut a, "Down");
    }
    assert_eq!(a.search_ui.selected, 12);
    let now = a
        .search_ui
        .results
        .as_ref()
        .map(|r| r.hits.len())
        .expect("results");
    assert!(now > first, "more results fetched: {now}");
    let screen = screen_text(render(&mut a, 80, 24).backend().buffer());
    assert!(
        screen.contains('▶'),
        "the selection stays in view:\n{screen}"
    );
}

#[test]
fn every_printable_character_types_into_the_search_box_whatever_keys_say() {
    // The report: `[keys] down = ["x"]` made "xray" type "ray".
    let mut a = app_with(
        Memory::default(),
        keymap_from("[keys]\ndown = [\"x\"]\n"),
        true,
    );
    keys(&mut a, "j /");
    type_text(&mut a, "xray");
    assert_eq!(a.search_ui.query(), "xray");

    // Every action bound outside the box gets its own printable key: none of them may stop
    // a character reaching the box.
    let printable: Vec<char> = (' '..='~').collect();
    let names: std::collections::BTreeSet<String> = Keymap::default()
        .bindings
        .iter()
        .filter(|b| !b.scope.takes_text())
        .filter_map(|b| b.action.name())
        .collect();
    let mut config = String::from("[keys]\n");
    let mut search_key = ' ';
    for (name, c) in names.iter().zip(printable.iter().rev()) {
        let k = if *c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        let k = k.replace('\\', "\\\\").replace('"', "\\\"");
        config.push_str(&format!("{name} = [\"{k}\"]\n"));
        if name == "search" {
            search_key = *c;
        }
    }
    let mut a = app_with(Memory::default(), keymap_from(&config), true);
    type_text(&mut a, &search_key.to_string());
    assert_eq!(a.tab, Tab::Search);
    let text: String = printable
        .iter()
        .chain("éß微".chars().collect::<Vec<_>>().iter())
        .collect();
    type_text(&mut a, &text);
    assert_eq!(a.search_ui.query(), text.as_str());
    assert_eq!(a.tab, Tab::Search, "no typed key left the box");
    assert!(!a.should_quit);
}

#[test]
fn hints_follow_the_keymap_when_every_action_is_rebound() {
    let names: std::collections::BTreeSet<String> = Keymap::default()
        .bindings
        .iter()
        .filter(|b| !b.scope.takes_text())
        .filter_map(|b| b.action.name())
        .collect();
    let unusual: Vec<String> = ('a'..='z')
        .chain('0'..='9')
        .map(|c| format!("alt-{c}"))
        .chain((2..=12).map(|n| format!("f{n}")))
        .chain(('a'..='z').map(|c| format!("ctrl-alt-{c}")))
        .collect();
    assert!(unusual.len() >= names.len());
    let mut config = String::from("[keys]\n");
    let mut bound = std::collections::BTreeMap::new();
    for (name, k) in names.iter().zip(&unusual) {
        // `search` is also a scope's name: TOML cannot hold both, so it goes under global.
        if name != "search" {
            config.push_str(&format!("{name} = [\"{k}\"]\n"));
        }
        bound.insert(name.clone(), k.clone());
    }
    config.push_str(&format!(
        "[keys.global]\nsearch = [\"{}\"]\n",
        bound["search"]
    ));
    config.push_str("[keys.search]\nup = [\"ctrl-k\"]\ndown = [\"ctrl-j\"]\nopen = [\"ctrl-o\"]\n");
    let mut a = app_with(Memory::default(), keymap_from(&config), true);
    let press = |a: &mut mnguide::tui::app::App, action: &str| keys(a, &bound[action]);
    let wrong = [
        "? help",
        "q quits",
        "j/k scroll",
        "Esc close",
        "press b ",
        "n/N",
        "Enter / n",
        "m / ←",
        "f / →",
        "↑/↓, Enter",
        "press / to",
        "B lists",
        "d due",
        "e exam (",
        "Press d ",
        "o opens it",
        "3 comes back",
    ];
    let mut screens = Vec::new();
    let mut shot = |a: &mut mnguide::tui::app::App, w: u16, h: u16| {
        screens.push(screen_text(render(a, w, h).backend().buffer()));
    };
    shot(&mut a, 100, 30);
    shot(&mut a, 30, 8);
    press(&mut a, "help");
    shot(&mut a, 100, 30);
    press(&mut a, "close");
    press(&mut a, "list_bookmarks");
    shot(&mut a, 100, 30);
    press(&mut a, "close");
    press(&mut a, "toggle_bookmark");
    shot(&mut a, 100, 30);
    press(&mut a, "search");
    type_text(&mut a, "needle");
    shot(&mut a, 100, 30);
    keys(&mut a, "ctrl-o");
    shot(&mut a, 100, 30);
    press(&mut a, "search");
    keys(&mut a, "ctrl-u Esc");
    press(&mut a, "search");
    shot(&mut a, 100, 30);
    keys(&mut a, "Esc");
    press(&mut a, "tab_quiz");
    shot(&mut a, 100, 30);
    press(&mut a, "answer_myth");
    shot(&mut a, 100, 30);
    for s in &screens {
        for w in wrong {
            assert!(!s.contains(w), "default key hint {w:?} shown:\n{s}");
        }
    }
    let all = screens.join("\n");
    for k in ["Alt-", "F"] {
        assert!(all.contains(k), "{all}");
    }
}

#[test]
fn slash_selects_the_last_query_so_a_second_search_replaces_it_and_up_recalls() {
    let mut a = app();
    keys(&mut a, "/");
    type_text(&mut a, "scars");
    keys(&mut a, "Enter");
    assert_eq!(a.tab, Tab::Browse);
    keys(&mut a, "/");
    assert_eq!(a.search_ui.query(), "scars", "the last query is kept");
    assert!(a.search_ui.all_selected);
    type_text(&mut a, "needle");
    assert_eq!(
        a.search_ui.query(),
        "needle",
        "typing replaced the selected query"
    );
    keys(&mut a, "Enter /");
    // A cursor key keeps the old query for editing.
    keys(&mut a, "End");
    type_text(&mut a, "s");
    assert_eq!(a.search_ui.query(), "needles");
    // Up at the top of the results recalls the earlier queries, newest first.
    keys(&mut a, "Up");
    assert_eq!(a.search_ui.query(), "needle");
    keys(&mut a, "Up");
    assert_eq!(a.search_ui.query(), "scars");
    keys(&mut a, "Backspace");
    assert_eq!(a.search_ui.query(), "", "Backspace clears a selected query");
}

#[test]
fn an_opened_hit_keeps_the_title_on_top_and_the_breadcrumb_in_the_border() {
    let mut a = app();
    keys(&mut a, "/");
    type_text(&mut a, "scars");
    keys(&mut a, "Enter");
    let id = a.reader.section.clone().expect("a section is open");
    let (title, path) = {
        let s = a.guide.section(&id).expect("section");
        (s.title.clone(), s.path.clone())
    };
    keys(&mut a, "n n");
    let t = render(&mut a, 80, 24);
    let screen = screen_text(t.backend().buffer());
    let rows: Vec<&str> = screen.lines().collect();
    let r = a.layout.reader;
    let border = rows[r.y as usize];
    let top = rows[r.y as usize + 1];
    let crumb: String = path.chars().take(20).collect();
    let head: String = title.chars().take(20).collect();
    assert!(
        border.contains(&crumb),
        "breadcrumb in the border:\n{screen}"
    );
    assert!(top.contains(&head), "title on the top line:\n{screen}");
    let body = rows[r.y as usize + 2..(r.y + r.height) as usize].join("\n");
    assert!(
        body.to_lowercase().contains("scar"),
        "the match shows below the header:\n{screen}"
    );
}

#[test]
fn reader_pages_like_less_and_m_marks() {
    let mut a = app();
    keys(&mut a, "Tab");
    render(&mut a, 80, 12);
    keys(&mut a, "f");
    let page = a.reader.scroll;
    assert!(page > 1, "f pages forward");
    keys(&mut a, "b");
    assert_eq!(a.reader.scroll, 0, "b pages back, it no longer bookmarks");
    assert!(a.memory.bookmarks.is_empty());
    keys(&mut a, "ctrl-d");
    let half = a.reader.scroll;
    assert!(half > 0 && half < page, "Ctrl-D is half a page");
    keys(&mut a, "u");
    assert_eq!(a.reader.scroll, 0);
    keys(&mut a, "space ctrl-b d ctrl-u ctrl-f");
    assert_eq!(a.reader.scroll, page);
    keys(&mut a, "m");
    assert_eq!(a.memory.bookmarks, vec!["what-it-is"]);
    keys(&mut a, "'");
    assert_eq!(a.overlay, Overlay::Bookmarks { selected: 0 });
}
