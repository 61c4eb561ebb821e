//! Every pane and overlay at 80x24, 60x20 and 200x50 in the dark and the light theme on a
//! `TestBackend`. A snapshot is the screen's text followed by the styles drawn and how many
//! cells each covers, so a theme change shows too; style checks for highlights follow.

use crate::tui_support;

use insta::assert_snapshot;
use mnguide::tui::keymap::Keymap;
use mnguide::tui::memory::Memory;
use mnguide::tui::theme::{Theme, ThemeName};
use ratatui::style::{Color, Modifier};
use tui_support::{app, app_with, find, keys, render, type_text};

const SIZES: [(u16, u16); 3] = [(80, 24), (60, 20), (200, 50)];
const THEMES: [(ThemeName, &str); 2] = [(ThemeName::Dark, "dark"), (ThemeName::Light, "light")];

/// The screen as text, then each style used with its cell count.
fn picture(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = tui_support::screen_text(buf);
    let mut styles: std::collections::BTreeMap<String, usize> = Default::default();
    for cell in buf.content() {
        let key = format!("fg {:?} bg {:?} {:?}", cell.fg, cell.bg, cell.modifier);
        *styles.entry(key).or_default() += 1;
    }
    out.push_str("--- styles ---\n");
    for (style, n) in styles {
        out.push_str(&format!("{n:>6} {style}\n"));
    }
    out
}

fn snap(name: &str, a: &mut mnguide::tui::app::App) {
    for (theme, theme_name) in THEMES {
        a.theme = Theme::new(theme, true);
        a.doc_cache.replace(None);
        for (w, h) in SIZES {
            let t = render(a, w, h);
            assert_snapshot!(
                format!("{name}_{theme_name}_{w}x{h}"),
                picture(t.backend().buffer())
            );
        }
    }
    a.theme = Theme::new(ThemeName::Dark, true);
    a.doc_cache.replace(None);
}

#[test]
fn browse_tree_and_reader() {
    let mut a = app();
    snap("browse", &mut a);
}

#[test]
fn reader_focused_scrolled_with_link_selected() {
    let mut a = app();
    keys(&mut a, "Tab");
    render(&mut a, 80, 24);
    keys(&mut a, "l");
    snap("reader_link", &mut a);
}

#[test]
fn search_results_and_empty_search() {
    let mut m = Memory::default();
    m.add_recent_search("needle depth");
    let mut a = app_with(m, Keymap::default(), true);
    keys(&mut a, "/");
    snap("search_empty", &mut a);
    type_text(&mut a, "collagen");
    snap("search_collagen", &mut a);
    keys(&mut a, "ctrl-u");
    type_text(&mut a, "colagen");
    snap("search_typo", &mut a);
}

#[test]
fn help_overlay() {
    let mut a = app();
    keys(&mut a, "?");
    snap("help", &mut a);
}

#[test]
fn bookmarks_overlay() {
    let mut a = app();
    keys(&mut a, "m j Enter m '");
    snap("bookmarks", &mut a);
}

#[test]
fn about_overlay() {
    let mut a = app();
    keys(&mut a, "i");
    snap("about", &mut a);
    let mut b = app();
    mnguide::tui::show_notice_once(&mut b);
    snap("first_start_notice", &mut b);
}

#[test]
fn find_in_section_with_the_current_match() {
    let mut a = app();
    keys(&mut a, "Tab F");
    type_text(&mut a, "collagen");
    snap("find_box", &mut a);
    keys(&mut a, "Enter n");
    snap("find_kept", &mut a);
}

#[test]
fn tree_hidden_and_widened() {
    let mut a = app();
    keys(&mut a, "t");
    snap("tree_hidden", &mut a);
    keys(&mut a, "t > >");
    snap("tree_wide", &mut a);
}

#[test]
fn narrow_terminal_shows_one_pane() {
    let mut a = app();
    let t = render(&mut a, 50, 16);
    assert_snapshot!("browse_50x16", t.backend());
    keys(&mut a, "Tab");
    let t = render(&mut a, 50, 16);
    assert_snapshot!("reader_50x16", t.backend());
}

#[test]
fn search_snippet_highlights_matched_words_in_colour() {
    let mut a = app();
    keys(&mut a, "/");
    type_text(&mut a, "sunscreen");
    let t = render(&mut a, 80, 24);
    let buf = t.backend().buffer();
    // The snippet line (below the title) carries the highlighted word.
    let (x, y) = find(buf, "sunscreen daily").expect("snippet shows the match");
    let cell = &buf[(x, y)];
    assert_eq!(cell.bg, Color::Yellow, "matched word is highlighted");
    assert!(cell.modifier.contains(Modifier::BOLD));
    let plain = &buf[(x.saturating_sub(4), y)];
    assert_ne!(plain.bg, Color::Yellow, "words around it are not");
}

#[test]
fn reader_highlights_matched_words_after_opening_a_result() {
    let mut a = app();
    keys(&mut a, "/");
    type_text(&mut a, "scars");
    let idx = a
        .search_ui
        .results
        .as_ref()
        .and_then(|r| r.hits.iter().position(|h| h.id == "needle-depth"))
        .expect("hit");
    for _ in 0..idx {
        keys(&mut a, "Down");
    }
    keys(&mut a, "Enter");
    let t = render(&mut a, 80, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "Scars need").expect("body line shown");
    assert_eq!(buf[(x, y)].bg, Color::Yellow);
    assert_eq!(buf[(x + 6, y)].bg, Color::Reset, "'need' is not a match");
}

#[test]
fn no_color_theme_marks_highlights_with_reverse_video() {
    let mut a = app_with(Memory::default(), Keymap::default(), false);
    keys(&mut a, "/");
    type_text(&mut a, "sunscreen");
    let t = render(&mut a, 80, 24);
    let buf = t.backend().buffer();
    let mut colours = 0;
    for cell in buf.content() {
        if cell.fg != Color::Reset || cell.bg != Color::Reset {
            colours += 1;
        }
    }
    assert_eq!(colours, 0, "no colour at all under NO_COLOR");
    let (x, y) = find(buf, "sunscreen daily").expect("snippet");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    // The selected result is reverse video too, and the selection marker shows it in text.
    assert!(find(buf, "▶ Aftercare basics").is_some());
}

#[test]
fn themes_differ_but_all_mark_highlights() {
    for name in [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast] {
        let t = Theme::new(name, true);
        assert_ne!(t.highlight, t.base, "{name:?}");
        assert_ne!(t.selected, t.base, "{name:?}");
        assert!(
            t.highlight.add_modifier.contains(Modifier::BOLD),
            "{name:?}"
        );
    }
    assert_ne!(
        Theme::new(ThemeName::Dark, true).title,
        Theme::new(ThemeName::Light, true).title
    );
}

#[test]
fn wrapped_table_cells_stay_in_their_column() {
    let mut a = app();
    keys(&mut a, "Tab j j");
    let t = render(&mut a, 50, 16);
    let buf = t.backend().buffer();
    let (x_first, y_first) = find(buf, "Beta leaflet; 4-6").expect("first line of the cell");
    let (x_cont, y_cont) = find(buf, "weeks apart").expect("continued line of the cell");
    assert_eq!(y_cont, y_first + 1);
    assert_eq!(x_cont, x_first, "continuation aligned under its column");
}

#[test]
fn wide_search_previews_the_selected_section_with_matches_highlighted() {
    let mut a = app();
    keys(&mut a, "/");
    type_text(&mut a, "sunscreen");
    let t = render(&mut a, 120, 35);
    let buf = t.backend().buffer();
    let (px, py) = find(buf, "Preview").expect("preview pane on a wide screen");
    // The preview's copy of the word is right of the list, highlighted.
    let hit = (py..buf.area.height).find_map(|y| {
        (px..buf.area.width.saturating_sub(9))
            .find(|&x| (0..9).map(|i| buf[(x + i, y)].symbol()).collect::<String>() == "sunscreen")
            .map(|x| (x, y))
    });
    let (x, y) = hit.expect("matched word in the preview");
    assert_eq!(buf[(x, y)].bg, Color::Yellow);
    let narrow = render(&mut a, 80, 24);
    assert!(
        find(narrow.backend().buffer(), "Preview").is_none(),
        "no preview at 80 columns"
    );
}
