//! The browser driven by key sequences through `update`, no terminal needed.

use crate::tui_support;

use mnguide::tui::action::Action;
use mnguide::tui::app::{Focus, Overlay, Tab};
use mnguide::tui::keymap::Keymap;
use mnguide::tui::memory::Memory;
use mnguide::tui::theme::ThemeName;
use mnguide::tui::update;
use tui_support::{
    app, app_with, keymap_from, keys, render, rows_in, screen_text, shipped_app, type_text,
};

#[test]
fn starts_on_the_first_section_and_enter_opens_the_selected_one() {
    let mut a = app();
    assert_eq!(a.reader.section.as_deref(), Some("what-it-is"));
    assert_eq!(a.tab, Tab::Browse);
    assert_eq!(a.focus, Focus::Tree);
    keys(&mut a, "j Enter");
    assert_eq!(a.reader.section.as_deref(), Some("needle-depth"));
    assert_eq!(a.memory.history, vec!["needle-depth"]);
    assert_eq!(a.focus, Focus::Reader, "the opened section is read next");
    keys(&mut a, "Tab");
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
    assert_eq!(
        a.focus,
        Focus::Reader,
        "Enter on a section moves to the reader"
    );
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

/// One turn of the mouse wheel, down, over the reader as last drawn.
fn wheel_down_in_reader(a: &mut mnguide::tui::app::App) {
    let reader = a.layout.reader;
    update::run(
        a,
        Action::ScrollAt {
            x: reader.x + 5,
            y: reader.y + 5,
            down: true,
        },
    );
}

/// The names of the actions bound outside the search box, each once.
fn rebindable_actions() -> std::collections::BTreeSet<String> {
    Keymap::default()
        .bindings
        .iter()
        .filter(|b| !b.scope.takes_text())
        .filter_map(|b| b.action.name())
        .collect()
}

#[test]
fn mouse_clicks_a_tree_row_and_a_result_and_the_wheel_scrolls_the_reader() {
    let mut a = app();
    let t = render(&mut a, 80, 24);
    let (x, y) = tui_support::find(t.backend().buffer(), "Needle depth").expect("tree row shown");
    update::run(&mut a, Action::ClickAt { x, y });
    assert_eq!(a.reader.section.as_deref(), Some("needle-depth"));

    wheel_down_in_reader(&mut a);
    // A short section may not scroll; the first section is long enough at 80x24.
    keys(&mut a, "k Enter");
    render(&mut a, 80, 24);
    wheel_down_in_reader(&mut a);
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
    let names = rebindable_actions();
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
    let names = rebindable_actions();
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
    // Back to a usable size: keys reach the panes again.
    shot(&mut a, 100, 30);
    press(&mut a, "help");
    assert!(matches!(a.overlay, Overlay::Help { .. }));
    shot(&mut a, 100, 30);
    press(&mut a, "close");
    press(&mut a, "references");
    shot(&mut a, 100, 30);
    assert!(matches!(a.overlay, Overlay::References { .. }));
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

// Issue 16, item 4: the layout.

#[test]
fn t_hides_the_tree_and_the_angle_brackets_resize_it_remembered() {
    let mut a = app();
    render(&mut a, 80, 24);
    let tree_w = a.layout.tree.width;
    assert!(
        a.layout.reader.width >= 55,
        "80 columns leave the reader {} columns",
        a.layout.reader.width
    );
    keys(&mut a, "t");
    render(&mut a, 80, 24);
    assert_eq!(a.layout.tree.width, 0, "tree hidden");
    assert_eq!(a.layout.reader.width, 80, "the reader takes the width");
    assert_eq!(a.focus, Focus::Reader);
    assert!(a.memory.layout.tree_hidden && a.memory_dirty);
    keys(&mut a, "Tab");
    assert_eq!(a.focus, Focus::Reader, "no focus on a hidden tree");
    assert!(a.message.as_deref().is_some_and(|m| m.contains("t shows")));
    keys(&mut a, "t");
    render(&mut a, 80, 24);
    assert_eq!(a.layout.tree.width, tree_w, "shown again at its width");
    keys(&mut a, "> >");
    render(&mut a, 80, 24);
    assert_eq!(a.layout.tree.width, tree_w + 8, "> widens");
    keys(&mut a, "<");
    render(&mut a, 80, 24);
    assert_eq!(a.layout.tree.width, tree_w + 4, "< narrows");
    for _ in 0..30 {
        keys(&mut a, "Tab >");
    }
    render(&mut a, 80, 24);
    assert!(a.layout.reader.width >= 30, "the reader never vanishes");

    // Remembered: a new browser on the saved memory has the same layout.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("browser.json");
    keys(&mut a, "t");
    a.memory.save(&path).expect("save");
    let (m, _) = Memory::load(&path);
    let mut b = app_with(m, Keymap::default(), true);
    render(&mut b, 80, 24);
    assert_eq!(b.layout.tree.width, 0, "still hidden after a restart");
}

#[test]
fn the_reader_is_capped_for_reading_on_wide_screens() {
    let mut a = shipped_app(ThemeName::Dark);
    keys(&mut a, "Tab");
    let t = render(&mut a, 200, 50);
    let rows = rows_in(t.backend().buffer(), a.layout.reader);
    assert!(a.layout.reader.width > 120, "a wide reader pane");
    let body: Vec<&String> = rows
        .iter()
        .skip(1)
        .filter(|r| !r.trim().is_empty())
        .collect();
    let left = body
        .iter()
        .map(|r| r.len() - r.trim_start().len())
        .min()
        .unwrap_or(0);
    let right = body
        .iter()
        .map(|r| r.trim_end().chars().count())
        .max()
        .unwrap_or(0);
    let span = right - left;
    let max = mnguide::tui::pane::reader::MAX_TEXT_WIDTH;
    assert!(span <= max, "lines span {span} columns");
    assert!(span > 80, "but the text uses the room up to the cap");
    let spare = rows[0].chars().count() - max;
    assert!(
        left.abs_diff(spare / 2) <= 2,
        "the column is centred: {left} of {spare} spare columns on the left"
    );
}

#[test]
fn a_table_too_wide_for_the_reader_is_stacked_label_value_rows() {
    let mut a = shipped_app(ThemeName::Dark);
    update::run(&mut a, Action::OpenSection("numbing-cream".into()));
    let t = render(&mut a, 80, 24);
    let rows = rows_in(t.backend().buffer(), a.layout.reader);
    let screen = rows.join("\n");
    assert!(
        screen.contains("Value: 20-30 minutes"),
        "stacked rows at 80 columns:\n{screen}"
    );
    assert!(!screen.contains("Measure"), "no squeezed header:\n{screen}");
    // On a wide screen the same facts are a table again.
    let t = render(&mut a, 200, 50);
    let screen = rows_in(t.backend().buffer(), a.layout.reader).join("\n");
    assert!(
        screen.contains("Measure"),
        "columns on a wide screen:\n{screen}"
    );
    assert!(!screen.contains("Value: 20-30"));
}

// Issue 16, item 5: find within the section.

#[test]
fn find_in_the_section_counts_words_not_lines_and_n_moves_between_them() {
    let mut a = app();
    keys(&mut a, "Tab F");
    assert!(a.reader.find.is_some(), "F opens the find box");
    let t = render(&mut a, 80, 24);
    let status = screen_text(t.backend().buffer());
    assert!(status.contains("Find in section:"), "{status}");
    type_text(&mut a, "collagen");
    let count = |a: &mut mnguide::tui::app::App, w: u16| {
        let t = render(a, w, 24);
        let s = screen_text(t.backend().buffer());
        s.lines()
            .find_map(|l| {
                let at = l.find("match ")?;
                Some(l[at..].split_whitespace().nth(1)?.to_string())
            })
            .unwrap_or_else(|| panic!("no counter:\n{s}"))
    };
    let at80 = count(&mut a, 80);
    let at60 = count(&mut a, 60);
    let at200 = count(&mut a, 200);
    assert_eq!(at80, "1/3", "collagen appears three times");
    assert_eq!((at60.as_str(), at200.as_str()), ("1/3", "1/3"));
    keys(&mut a, "Enter");
    assert!(a.reader.find.is_none(), "Enter keeps the matches");
    assert_eq!(a.reader.terms, vec!["collagen"]);
    keys(&mut a, "n");
    assert_eq!(a.reader.current_match, Some(1));
    keys(&mut a, "N N");
    assert_eq!(a.reader.current_match, Some(2), "N wraps back to the last");
    // Esc in the box puts back what was highlighted before.
    keys(&mut a, "F");
    type_text(&mut a, "wound");
    assert_eq!(a.reader.terms, vec!["wound"]);
    keys(&mut a, "Esc");
    assert_eq!(a.reader.terms, vec!["collagen"]);
    assert_eq!(a.reader.current_match, Some(2));
    // The help names the find key.
    keys(&mut a, "?");
    let t = render(&mut a, 100, 60);
    let help = screen_text(t.backend().buffer());
    assert!(help.contains("Find words in the open section"), "{help}");
}

#[test]
fn the_current_match_is_drawn_apart_from_the_others() {
    use ratatui::style::Color;
    let mut a = app();
    keys(&mut a, "Tab F");
    type_text(&mut a, "collagen");
    keys(&mut a, "Enter");
    let t = render(&mut a, 80, 24);
    let buf = t.backend().buffer();
    let r = a.layout.reader;
    let mut styles = Vec::new();
    for y in r.y..r.bottom() {
        let row: String = (r.x..r.right()).map(|x| buf[(x, y)].symbol()).collect();
        let lower = row.to_lowercase();
        let mut from = 0;
        while let Some(i) = lower[from..].find("collagen") {
            let col = lower[..from + i].chars().count() as u16;
            styles.push(buf[(r.x + col, y)].bg);
            from += i + 8;
        }
    }
    assert!(styles.len() >= 2, "two matches on screen: {styles:?}");
    assert_ne!(styles[0], Color::Reset);
    assert!(
        styles.iter().skip(1).any(|s| *s != styles[0]),
        "current match differs from the rest: {styles:?}"
    );
}

#[test]
fn numbing_highlights_numbing_and_numb_but_not_numbers() {
    let mut a = shipped_app(ThemeName::Dark);
    update::run(&mut a, Action::OpenSection("numbing-cream".into()));
    a.reader.terms = vec!["numbing".into()];
    let doc = mnguide::tui::pane::reader::app_document(&a, 76).expect("doc");
    let marked: Vec<String> = doc
        .lines
        .iter()
        .flat_map(|l| l.spans.iter())
        .filter(|s| s.style.bg == a.theme.highlight.bg && s.style.bg.is_some())
        .map(|s| s.content.to_lowercase())
        .collect();
    assert!(!marked.is_empty());
    for m in &marked {
        assert!(m.starts_with("numb") && !m.starts_with("number"), "{m}");
    }
}

// Issue 16, item 6: highlighting never changes where a line wraps.

#[test]
fn highlighting_never_changes_where_reader_lines_wrap() {
    let a = shipped_app(ThemeName::Dark);
    let text = |d: &mnguide::tui::pane::reader::Doc| -> Vec<String> {
        d.lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    };
    let terms: Vec<String> = ["numbing", "cream", "scar", "minutes", "ice", "skin"]
        .map(String::from)
        .to_vec();
    for id in ["numbing-cream", "acne-scars", "aftercare-do-avoid"] {
        let s = a.guide.section(id).expect("section in the shipped guide");
        for width in [30, 52, 76, 100] {
            let plain = mnguide::tui::pane::reader::document(
                &a.guide,
                s,
                &a.theme,
                width,
                &[],
                None,
                false,
            );
            let lit = mnguide::tui::pane::reader::document(
                &a.guide, s, &a.theme, width, &terms, None, false,
            );
            assert_eq!(text(&plain), text(&lit), "{id} at {width}");
            for l in text(&lit) {
                let l = l.trim_end();
                assert!(!l.ends_with('('), "{id} at {width}: {l:?}");
            }
        }
    }
}

// Issue 16, item 8: small things.

#[test]
fn cut_tree_titles_end_with_an_ellipsis() {
    let mut a = shipped_app(ThemeName::Dark);
    let t = render(&mut a, 80, 24);
    let rows = rows_in(t.backend().buffer(), a.layout.tree);
    assert!(
        rows.iter().any(|r| r.trim_end().ends_with('…')),
        "{rows:#?}"
    );
    for r in &rows {
        let r = r.trim_end();
        assert!(r.chars().count() <= a.layout.tree.width as usize - 2);
    }
}

#[test]
fn help_wraps_long_descriptions_at_80_columns() {
    let mut a = app();
    keys(&mut a, "?");
    let mut seen = String::new();
    for _ in 0..12 {
        let t = render(&mut a, 80, 24);
        for r in rows_in(t.backend().buffer(), a.layout.overlay) {
            seen.push_str(&r);
            seen.push('\n');
        }
        keys(&mut a, "PgDn");
    }
    let flat = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("(s suspends, Enter opens, r resets a topic)"),
        "the longest description is shown whole"
    );
    assert!(!seen.contains("resets a…"));
}

#[test]
fn unfolding_the_last_topic_scrolls_its_sections_into_view() {
    let mut a = shipped_app(ThemeName::Dark);
    render(&mut a, 80, 24);
    keys(&mut a, "G");
    let last = a.tree.selected().to_vec();
    assert_eq!(last.len(), 1, "the last row is a folded topic");
    keys(&mut a, "Enter");
    let t = render(&mut a, 80, 24);
    let rows = rows_in(t.backend().buffer(), a.layout.tree);
    let topic = a.guide.topics.last().expect("topics");
    let first_section = a
        .guide
        .sections_of(topic)
        .next()
        .expect("a section")
        .title
        .chars()
        .take(10)
        .collect::<String>();
    assert!(
        rows.iter().any(|r| r.contains(&first_section)),
        "sections of the unfolded topic are in view: {rows:#?}"
    );
}

#[test]
fn about_screen_and_the_first_start_notice_show_the_disclaimer() {
    let mut a = app();
    keys(&mut a, "i");
    let t = render(&mut a, 80, 24);
    let s = screen_text(t.backend().buffer());
    assert!(s.contains("For testing the terminal browser only."), "{s}");
    assert!(s.contains("Guide version 0.1.0"), "{s}");
    assert!(s.contains("reviewed 15 January 2026"), "{s}");
    // On a short screen the About text scrolls with the help's keys.
    let mut c = shipped_app(ThemeName::Light);
    keys(&mut c, "i");
    render(&mut c, 60, 12);
    keys(&mut c, "j j");
    assert!(
        matches!(c.overlay, Overlay::About { scroll, .. } if scroll > 0),
        "{:?}",
        c.overlay
    );
    keys(&mut a, "Esc");
    assert_eq!(a.overlay, Overlay::None);

    // First start: shown once, remembered; the first key closes it and still works.
    let mut b = app();
    mnguide::tui::show_notice_once(&mut b);
    let t = render(&mut b, 80, 24);
    let s = screen_text(t.backend().buffer());
    assert!(
        s.contains("Before you start") && s.contains("For testing"),
        "{s}"
    );
    keys(&mut b, "/");
    assert_eq!(b.overlay, Overlay::None);
    assert_eq!(b.tab, Tab::Search, "the key went through");
    assert_eq!(b.memory.notice_seen.as_deref(), Some("0.1.0"));
    assert!(b.memory_dirty);
    let mut c = app_with(b.memory.clone(), Keymap::default(), true);
    mnguide::tui::show_notice_once(&mut c);
    assert_eq!(c.overlay, Overlay::None, "not again");
}

#[test]
fn mouse_reports_buttons_and_wheel_only_and_toggles_with_a_key() {
    use mnguide::tui::update::{MOUSE_OFF, MOUSE_ON};
    assert!(MOUSE_ON.contains("?1000h") && MOUSE_ON.contains("?1006h"));
    assert!(
        !MOUSE_ON.contains("1003") && !MOUSE_ON.contains("1002"),
        "no motion tracking"
    );
    let mut a = app();
    assert!(a.mouse);
    keys(&mut a, "M");
    assert!(!a.mouse);
    assert_eq!(a.terminal_out, vec![MOUSE_OFF.to_string()]);
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.contains("Mouse off"))
    );
    keys(&mut a, "M");
    assert_eq!(a.terminal_out.last().map(String::as_str), Some(MOUSE_ON));
    let c =
        mnguide::tui::config::Config::parse("mouse = false\n", std::path::Path::new("config.toml"))
            .expect("parses");
    assert_eq!(c.mouse, Some(false));
}

#[test]
fn y_copies_the_bottom_line_with_its_citation_through_osc_52() {
    let mut a = app();
    keys(&mut a, "j Enter y");
    let seq = a.terminal_out.last().cloned().expect("an OSC 52 sequence");
    assert!(seq.starts_with("\x1b]52;c;") && seq.ends_with('\x07'));
    let text = mnguide::tui::update::bottom_line_text(&a).expect("text");
    assert!(text.starts_with("Needle depth: Deeper needles"), "{text}");
    assert!(
        text.contains("(Author 2024)") || text.contains("Author"),
        "{text}"
    );
    assert_eq!(seq, mnguide::tui::update::osc52(&text));
    let msg = a.message.clone().unwrap_or_default();
    assert!(msg.contains("Copied the bottom line"), "{msg}");
    let t = render(&mut a, 80, 24);
    assert!(screen_text(t.backend().buffer()).contains("Copied the bottom line"));
}

// Issue 16, done when: ten everyday lookups, one search each, answer on the first screen.

/// (query, section that answers it, words of the answer that must be on the first screen)
const LOOKUPS: [(&str, &str, &str); 10] = [
    ("numbing time", "numbing-cream", "20-30 minutes"),
    (
        "isotretinoin",
        "medications-isotretinoin",
        "avoid or consult on acne medicines",
    ),
    (
        "depth for boxcar scars",
        "needle-lengths-and-depth",
        "0.5-2.5 mm for scars",
    ),
    ("warning signs", "warning-signs", "24 hours"),
    ("sessions for stretch marks", "stretch-marks", "sessions"),
    ("Fitzpatrick V", "skin-of-colour", "(Fitzpatrick IV-VI)"),
    (
        "contraindications",
        "contraindications-checklist",
        "active acne",
    ),
    (
        "clinical end point",
        "clinical-end-points",
        "pinpoint bleeding",
    ),
    ("PRP", "prp-comparison", "(OR 2.97)"),
    ("aftercare", "aftercare-do-avoid", "SPF 30+"),
];

#[test]
fn ten_lookups_show_the_title_and_the_answer_on_the_first_screen() {
    for theme in [ThemeName::Dark, ThemeName::Light] {
        let mut a = shipped_app(theme);
        a.search =
            Some(mnguide::search::SearchIndex::build_in_memory(&a.guide).expect("index builds"));
        for (query, id, answer) in LOOKUPS {
            // One search each: `/` selects the last query, so typing replaces it.
            keys(&mut a, "/");
            type_text(&mut a, query);
            let hits = a.search_ui.results.clone().expect("results").hits;
            let rank = hits
                .iter()
                .position(|h| h.id == id)
                .unwrap_or_else(|| panic!("{id} not found for {query:?}"));
            // The reader is what is checked here; the ranking is the search's own test.
            for _ in 0..rank {
                keys(&mut a, "Down");
            }
            keys(&mut a, "Enter");
            assert_eq!(a.reader.section.as_deref(), Some(id), "{query}");
            let t = render(&mut a, 80, 24);
            let rows = rows_in(t.backend().buffer(), a.layout.reader);
            let screen = rows.join("\n");
            let flat = rows.iter().map(|r| r.trim()).collect::<Vec<_>>().join(" ");
            let title = &a.guide.section(id).expect("section").title;
            let head: String = title.chars().take(30).collect();
            assert!(rows[0].contains(&head), "{query}: title on top:\n{screen}");
            assert!(
                flat.contains(answer),
                "{query}: answer {answer:?} on screen:\n{screen}"
            );
        }
    }
}

#[test]
fn a_long_title_stays_pinned_on_two_lines_while_the_body_scrolls() {
    let mut a = shipped_app(ThemeName::Dark);
    update::run(
        &mut a,
        Action::OpenSection("contraindications-checklist".into()),
    );
    keys(&mut a, "Tab");
    render(&mut a, 60, 20);
    keys(&mut a, "j j j j j");
    let t = render(&mut a, 60, 20);
    let rows = rows_in(t.backend().buffer(), a.layout.reader);
    let two = format!("{} {}", rows[0].trim(), rows[1].trim());
    assert!(
        two.starts_with("Contraindications checklist: who should"),
        "{rows:#?}"
    );
    assert!(a.reader.scroll >= 5, "the body scrolled under the title");
}

#[test]
fn a_paste_in_the_find_box_is_found_not_searched() {
    let mut a = app();
    keys(&mut a, "Tab F");
    mnguide::tui::pane::search::paste(&mut a, "wound");
    assert_eq!(
        a.reader.find.as_ref().map(|f| f.input.text()),
        Some("wound")
    );
    assert_eq!(a.reader.terms, vec!["wound"]);
    assert_eq!(a.search_ui.query(), "", "the search box is untouched");
    assert_eq!(a.tab, Tab::Browse);
}

#[test]
fn a_search_that_finds_nothing_shows_its_whole_message_wrapped_at_80_columns() {
    let mut a = shipped_app(ThemeName::Light);
    a.search = Some(mnguide::search::SearchIndex::build_in_memory(&a.guide).expect("index builds"));
    keys(&mut a, "/");
    type_text(&mut a, "xylophone quasar zeppelin");
    let r = a.search_ui.results.clone().expect("results");
    assert!(r.hits.is_empty() && !r.closest_topics.is_empty());
    let message = mnguide::search::no_match_line(&r);
    assert!(
        message.len() > 80,
        "the message is longer than a line: {message}"
    );
    let t = render(&mut a, 80, 24);
    let screen = screen_text(t.backend().buffer());
    // Every word of it is on the screen, none cut at the border.
    let shown: Vec<&str> = screen.split_whitespace().collect();
    for word in message.split_whitespace() {
        let word = word.trim_matches(|c: char| c == '\'' || c == ',' || c == '.');
        assert!(
            shown.iter().any(|s| s.contains(word)),
            "'{word}' of the message is missing:\n{screen}"
        );
    }
}
