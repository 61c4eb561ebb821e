//! `update(&mut App, Action) -> Option<Action>`: every change of state, with no terminal, so
//! key sequences can be tested directly. Also turns key and mouse events into actions.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Position;

use super::action::Action;
use super::app::{App, Focus, Overlay, Tab};
use super::keymap::{Key, Scope};
use super::pane::{overlay, reader, search, tree};
use super::quiz_state::{self, QuizContext, QuizState};

/// The action a key press asks for in the current state, if any.
pub fn key_action(app: &App, ev: KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    // Ctrl-C always quits, whatever the keymap says, so the user is never stuck.
    if ev.modifiers.contains(KeyModifiers::CONTROL) && matches!(ev.code, KeyCode::Char('c' | 'C')) {
        return Some(Action::Quit);
    }
    let key = Key::from_event(ev);
    if app.layout.too_small {
        // Only what the notice offers (the quit key, as bound outside any text box, or Esc):
        // nothing typed reaches a hidden search box.
        let quit = app.keymap.lookup(Scope::Global, key) == Some(&Action::Quit);
        return (quit || ev.code == KeyCode::Esc).then_some(Action::Quit);
    }
    let scope = app.scope();
    if let Some(a) = app.keymap.lookup(scope, key) {
        return Some(a.clone());
    }
    if let Overlay::About { notice: true, .. } = app.overlay {
        // The start-up notice gives way to the first key, which then does its usual work.
        let under = app.pane_scope();
        let action = app.keymap.lookup(under, key).cloned();
        return Some(Action::DismissNotice(action.map(Box::new)));
    }
    // In a text box, a printable key the keymap does not bind (it cannot) types itself.
    if scope.takes_text() {
        return key.typed_char().map(Action::Type);
    }
    None
}

/// The action a mouse event asks for: clicks and the wheel; movement is ignored.
pub fn mouse_action(ev: MouseEvent) -> Option<Action> {
    let (x, y) = (ev.column, ev.row);
    match ev.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt { x, y }),
        MouseEventKind::ScrollDown => Some(Action::ScrollAt { x, y, down: true }),
        MouseEventKind::ScrollUp => Some(Action::ScrollAt { x, y, down: false }),
        _ => None,
    }
}

/// Applies a key event; a shorthand for tests and the run loop.
pub fn press(app: &mut App, ev: KeyEvent) -> bool {
    match key_action(app, ev) {
        Some(a) => {
            run(app, a);
            true
        }
        None => false,
    }
}

/// Applies an action and every action it leads to.
pub fn run(app: &mut App, action: Action) {
    let mut next = Some(action);
    // A chain is at most a few steps; the bound guards against a cycle ever being written.
    for _ in 0..8 {
        match next {
            Some(a) => next = update(app, a),
            None => break,
        }
    }
}

/// Body lines visible in the reader: borders and the pinned title lines taken off.
fn reader_page(app: &App) -> usize {
    let pinned = reader_doc(app).map(|d| d.pinned()).unwrap_or(1);
    (app.layout.reader.height.saturating_sub(2) as usize)
        .saturating_sub(pinned)
        .max(1)
}

/// Two forms of one word, near enough for placing the reader ("mark" and "marks").
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.len() >= 4 && long.starts_with(short))
}

/// Where an opened hit starts: at the first match of a word typed in `query` that its title
/// does not already show ("sessions" when "sessions for stretch marks" finds the
/// stretch-marks section), or the first match. When that match is on the first page the
/// reader stays at the top, so the bottom line stays in view.
fn jump_to_telling_match(app: &mut App, query: &str) {
    let Some(doc) = reader_doc(app) else { return };
    if doc.matches.is_empty() {
        return;
    }
    let title: Vec<String> = app
        .reader
        .section
        .as_deref()
        .and_then(|id| app.guide.section(id))
        .map(|s| {
            s.title
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        })
        .unwrap_or_default();
    let typed: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !title.iter().any(|t| same_word(t, w)))
        .collect();
    let in_body = |i: &usize| doc.matches[*i] >= doc.header;
    let pick = (0..doc.matches.len())
        .filter(in_body)
        .find(|&i| typed.iter().any(|w| same_word(w, &doc.match_words[i])))
        .or_else(|| (0..doc.matches.len()).find(in_body))
        .unwrap_or(0);
    app.reader.current_match = Some(pick);
    let line = doc.matches[pick].saturating_sub(doc.header);
    let page = reader_page(app);
    app.reader.scroll = if line < page {
        0
    } else {
        line.saturating_sub(2)
            .min(doc.body_len().saturating_sub(page))
    };
}

fn reader_doc(app: &App) -> Option<std::rc::Rc<reader::Doc>> {
    reader::app_document(app, reader::text_width(app.layout.reader))
}

fn scroll_reader(app: &mut App, delta: isize) {
    let lines = reader_doc(app).map(|d| d.body_len()).unwrap_or(0);
    let max = lines.saturating_sub(reader_page(app));
    let s = app.reader.scroll as isize + delta;
    app.reader.scroll = s.clamp(0, max as isize) as usize;
}

fn jump_match(app: &mut App, forward: bool) {
    let Some(doc) = reader_doc(app) else { return };
    if doc.matches.is_empty() {
        app.message = Some("No highlighted words in this section".into());
        return;
    }
    let n = doc.matches.len();
    let next = match (app.reader.current_match, forward) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
    };
    app.reader.current_match = Some(next);
    // Show the match a few lines below the top so its context is visible.
    let line = doc.matches[next].saturating_sub(doc.header);
    let max = doc.body_len().saturating_sub(reader_page(app));
    app.reader.scroll = line.saturating_sub(2).min(max);
}

fn move_link(app: &mut App, forward: bool) {
    let Some(doc) = reader_doc(app) else { return };
    let n = doc.links.len();
    if n == 0 {
        app.message = Some("This section has no see-also links".into());
        return;
    }
    let next = match (app.reader.link, forward) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(i), true) => (i + 1).min(n - 1),
        (Some(i), false) => i.saturating_sub(1),
    };
    app.reader.link = Some(next);
    let line = doc.links[next].0.saturating_sub(doc.header);
    let page = reader_page(app);
    if line < app.reader.scroll || line >= app.reader.scroll + page {
        let max = doc.body_len().saturating_sub(page);
        app.reader.scroll = line.saturating_sub(page / 2).min(max);
    }
}

fn open_search_selection(app: &mut App) -> Option<Action> {
    match &app.search_ui.results {
        Some(r) => {
            let hit = r.hits.get(app.search_ui.selected)?.clone();
            let q = app.search_ui.query().to_string();
            app.memory.add_recent_search(&q);
            app.memory.visit(&hit.id);
            app.memory_dirty = true;
            app.show_section(&hit.id, hit.highlight_terms.clone());
            app.tab = Tab::Browse;
            app.focus = Focus::Reader;
            app.came_from_quiz = false;
            jump_to_telling_match(app, &q);
            app.message = None;
            None
        }
        None => {
            // Empty box: Enter reruns the selected recent search.
            let q = app
                .memory
                .recent_searches
                .get(app.search_ui.selected)?
                .clone();
            app.search_ui.input.set(&q);
            search::refresh(app);
            None
        }
    }
}

/// Up at the top of the results puts the next older recent search in the box, selected.
fn recall_query(app: &mut App) {
    let recent = &app.memory.recent_searches;
    let q = app.search_ui.query().trim();
    let next = match recent.iter().position(|r| r == q) {
        Some(i) => recent.get(i + 1),
        None => recent.first(),
    };
    match next.cloned() {
        Some(q) => {
            app.search_ui.input.set(&q);
            search::refresh(app);
            app.search_ui.all_selected = true;
        }
        None => app.message = Some("No earlier searches".into()),
    }
}

fn tree_open(app: &mut App) -> Option<Action> {
    let sel = app.tree.selected().to_vec();
    match sel.as_slice() {
        [topic] => {
            app.tree.toggle(vec![topic.clone()]);
            None
        }
        [_, section] => Some(Action::OpenSection(section.clone())),
        _ => None,
    }
}

/// Scrolls the tree so an unfolded topic's sections show below it (as many as fit, the
/// topic row kept in view).
fn reveal_topic(app: &mut App, topic: &str) {
    let rows = tree::visible(app);
    let Some(at) = rows.iter().position(|r| r.len() == 1 && r[0] == topic) else {
        return;
    };
    let children = rows[at + 1..].iter().take_while(|r| r.len() == 2).count();
    let height = (app.layout.tree.height.saturating_sub(2) as usize).max(1);
    let offset = app.tree.get_offset();
    let last = at + children;
    if last >= offset + height {
        let want = (last + 1 - height).min(at);
        app.tree.scroll_down(want.saturating_sub(offset));
    }
}

/// The width the tree has now, or would have if shown.
fn tree_width_now(app: &App) -> u16 {
    let body = app.layout.tree.width + app.layout.reader.width;
    super::view::tree_width(&app.memory.layout, body)
}

/// Words of a find query, as the highlighter takes them.
fn find_terms(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Re-finds after the find box changed: highlights its words and moves to the first match
/// at or below the top of the reader.
fn refresh_find(app: &mut App) {
    let Some(f) = &app.reader.find else { return };
    app.reader.terms = find_terms(f.input.text());
    app.reader.current_match = None;
    let Some(doc) = reader_doc(app) else { return };
    if doc.matches.is_empty() {
        return;
    }
    let top = app.reader.scroll + doc.header;
    let next = doc.matches.iter().position(|&l| l >= top).unwrap_or(0);
    // One before the wanted match, so the forward jump lands on it.
    app.reader.current_match = if next == 0 { None } else { Some(next - 1) };
    jump_match(app, true);
}

/// The reader's find box is open (and its tab shown).
fn finding(app: &App) -> bool {
    app.tab == Tab::Browse && app.reader.find.is_some()
}

/// The find box takes the search box's keys: editing changes the query (and re-finds),
/// Enter keeps the matches for the match keys, Esc puts back what was highlighted before,
/// the arrows move between matches.
fn find_apply(app: &mut App, action: &Action) {
    use Action as A;
    let request = crate::tui::input::request_for(action);
    if let Some(request) = request {
        if app
            .reader
            .find
            .as_mut()
            .is_some_and(|f| f.input.edit(request))
        {
            refresh_find(app);
        }
        return;
    }
    match action {
        A::Open => {
            if let Some(f) = app.reader.find.take()
                && app.reader.terms.is_empty()
            {
                (
                    app.reader.terms,
                    app.reader.current_match,
                    app.reader.scroll,
                ) = f.before;
            }
        }
        A::Close => {
            if let Some(f) = app.reader.find.take() {
                (
                    app.reader.terms,
                    app.reader.current_match,
                    app.reader.scroll,
                ) = f.before;
            }
        }
        A::Down | A::PageDown | A::HalfPageDown => jump_match(app, true),
        A::Up | A::PageUp | A::HalfPageUp => jump_match(app, false),
        _ => {}
    }
}

/// What the copy key puts on the clipboard: title, bottom line and its citation.
pub fn bottom_line_text(app: &App) -> Option<String> {
    let s = app.guide.section(app.reader.section.as_deref()?)?;
    let summary = crate::term::clean(&s.summary).into_owned();
    // A bottom line that cites its sources keeps them; otherwise the section's are added.
    let cites_itself = s
        .references
        .iter()
        .any(|id| summary.contains(&app.guide.source_label(id)));
    let cite = if cites_itself {
        String::new()
    } else {
        match app.guide.cite_ids(&s.references) {
            c if c.is_empty() => c,
            c => format!(" {c}"),
        }
    };
    Some(format!("{}: {summary}{cite}", crate::term::clean(&s.title)))
}

/// OSC 52: asks the terminal to put `text` on the system clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Mouse reporting of clicks and the wheel only: normal tracking (1000) with SGR
/// coordinates (1006). Not crossterm's capture, which adds drag (1002) and all-motion
/// (1003) tracking: an event for every cell the pointer crosses.
pub const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
pub const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";

fn go_back(app: &mut App) {
    if app.came_from_quiz {
        app.came_from_quiz = false;
        app.tab = Tab::Quiz;
        return;
    }
    match app.memory.back().map(str::to_string) {
        Some(id) => {
            app.memory_dirty = true;
            app.show_section(&id, Vec::new());
            app.tab = Tab::Browse;
        }
        None => app.message = Some("Nothing further back".into()),
    }
}

/// Changes the state for one action; may return a follow-up action.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    let overlay = std::mem::discriminant(&app.overlay);
    let next = route(app, action);
    // What the last frame showed belongs to the overlay that was open then.
    if std::mem::discriminant(&app.overlay) != overlay {
        app.layout.overlay_drawn = None;
    }
    next
}

/// Sends an action to the pane or overlay it belongs to, or does it here.
fn route(app: &mut App, action: Action) -> Option<Action> {
    // A message is shown until the next thing the user does.
    if !matches!(action, Action::Resize) {
        app.message = None;
    }
    let scope = app.scope();
    if finding(app) && search::SearchUi::handles(&action) {
        find_apply(app, &action);
        return None;
    }
    // The search tab's box and list (another text box in another tab routes elsewhere).
    if scope == Scope::Search && app.tab == Tab::Search && search::SearchUi::handles(&action) {
        let recent = app.memory.recent_searches.len();
        match app.search_ui.apply(&action, recent) {
            search::Effect::None => {}
            search::Effect::Query => search::refresh(app),
            search::Effect::More => {
                search::more(app);
                app.search_ui.clamp(recent);
            }
            search::Effect::Open => return open_search_selection(app),
            search::Effect::Recall => recall_query(app),
            search::Effect::Leave => app.tab = Tab::Browse,
        }
        return None;
    }
    if app.overlay.handles(&action) {
        let n = app.memory.bookmarks.len();
        match app.overlay.apply(&action, n, app.layout.overlay_drawn) {
            overlay::Effect::None => {}
            overlay::Effect::OpenBookmark(i) => {
                return app
                    .memory
                    .bookmarks
                    .get(i)
                    .cloned()
                    .map(Action::OpenSection);
            }
            overlay::Effect::RemoveBookmark(i) => {
                app.memory.bookmarks.remove(i);
                app.memory_dirty = true;
                app.overlay.clamp_selection(n - 1);
            }
        }
        return None;
    }
    match action {
        Action::Quit => app.should_quit = true,
        Action::Resize => {}
        Action::Help => {
            app.overlay = match app.overlay {
                Overlay::Help { .. } => Overlay::None,
                _ => Overlay::Help { scroll: 0 },
            }
        }
        Action::ListBookmarks => app.overlay = Overlay::Bookmarks { selected: 0 },
        Action::References => {
            if app.reader.section.is_none() {
                app.message = Some("Open a section to see its references".into());
            } else {
                app.overlay = Overlay::References {
                    scroll: 0,
                    marked: None,
                };
            }
        }
        Action::Close => match scope {
            _ if app.came_from_quiz => {
                app.came_from_quiz = false;
                app.tab = Tab::Quiz;
            }
            _ => {}
        },
        Action::TabBrowse => {
            app.tab = Tab::Browse;
            app.overlay = Overlay::None;
        }
        Action::TabSearch | Action::Search => {
            app.tab = Tab::Search;
            app.overlay = Overlay::None;
            // The last query stays, selected, so typing starts a new search and Enter or a
            // cursor key keeps the old one.
            app.search_ui.all_selected = !app.search_ui.query().is_empty();
        }
        Action::TabQuiz => {
            app.tab = Tab::Quiz;
            app.overlay = Overlay::None;
            app.came_from_quiz = false;
            return quiz(app, |q, ctx| q.enter(ctx));
        }
        Action::FocusNext if app.tab == Tab::Browse && app.memory.layout.tree_hidden => {
            app.message = Some(format!(
                "The tree is hidden; {} shows it",
                app.key(Scope::Reader, Action::ToggleTree)
            ));
        }
        Action::FocusNext => {
            if app.tab == Tab::Browse {
                app.focus = match app.focus {
                    Focus::Tree => Focus::Reader,
                    Focus::Reader => Focus::Tree,
                };
            }
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::HalfPageUp
        | Action::HalfPageDown
        | Action::Top
        | Action::Bottom => move_in(app, scope, &action),
        Action::Fold => {
            let sel = app.tree.selected().to_vec();
            if sel.len() == 2 {
                app.tree.select(vec![sel[0].clone()]);
            } else {
                app.tree.close(&sel);
            }
        }
        Action::Unfold => {
            let sel = app.tree.selected().to_vec();
            if let [topic] = sel.as_slice() {
                app.tree.open(sel.clone());
                reveal_topic(app, topic);
            }
        }
        Action::Open => match scope {
            Scope::Tree => {
                let next = tree_open(app);
                if next.is_some() {
                    // A section opened from the tree is read next: the keys go to it.
                    app.focus = Focus::Reader;
                } else if let [topic] = app.tree.selected()
                    && app.tree.opened().contains(&vec![topic.clone()])
                {
                    let topic = topic.clone();
                    reveal_topic(app, &topic);
                }
                return next;
            }
            Scope::Reader => {
                let doc = reader_doc(app)?;
                let link = app.reader.link?;
                let (_, id) = doc.links.get(link)?;
                return Some(Action::OpenSection(id.clone()));
            }
            _ => {}
        },
        Action::OpenSection(id) => {
            if app.guide.section(&id).is_none() {
                app.message = Some(format!("No section `{id}` in this guide"));
                return None;
            }
            app.memory.visit(&id);
            app.memory_dirty = true;
            app.show_section(&id, Vec::new());
            app.tab = Tab::Browse;
            app.came_from_quiz = false;
        }
        Action::Back => go_back(app),
        Action::Forward => match app.memory.forward().map(str::to_string) {
            Some(id) => {
                app.memory_dirty = true;
                app.show_section(&id, Vec::new());
                app.tab = Tab::Browse;
            }
            None => app.message = Some("Nothing further forward".into()),
        },
        Action::ToggleBookmark => {
            let Some(id) = app.reader.section.clone() else {
                app.message = Some("Open a section to bookmark it".into());
                return None;
            };
            let on = app.memory.toggle_bookmark(&id);
            app.memory_dirty = true;
            let title = app
                .guide
                .section(&id)
                .map(|s| s.title.clone())
                .unwrap_or(id);
            app.message = Some(if on {
                format!(
                    "Bookmarked: {title} ({} lists bookmarks)",
                    app.key(Scope::Reader, Action::ListBookmarks)
                )
            } else {
                format!("Bookmark removed: {title}")
            });
        }
        Action::DismissNotice(then) => {
            app.overlay = Overlay::None;
            return then.map(|a| *a);
        }
        Action::About => {
            app.overlay = Overlay::About {
                scroll: 0,
                notice: false,
            }
        }
        Action::ToggleTree => {
            let l = &mut app.memory.layout;
            l.tree_hidden = !l.tree_hidden;
            app.memory_dirty = true;
            if app.memory.layout.tree_hidden {
                app.focus = Focus::Reader;
                app.message = Some(format!(
                    "Tree hidden; {} shows it",
                    app.key(Scope::Reader, Action::ToggleTree)
                ));
            } else {
                app.focus = Focus::Tree;
            }
        }
        Action::WidenTree | Action::NarrowTree => {
            if app.memory.layout.tree_hidden {
                app.memory.layout.tree_hidden = false;
            }
            let step: i32 = if action == Action::WidenTree { 4 } else { -4 };
            let w = (i32::from(tree_width_now(app)) + step).clamp(
                i32::from(super::view::MIN_TREE_WIDTH),
                i32::from(super::view::MAX_TREE_WIDTH),
            );
            app.memory.layout.tree_width = Some(w as u16);
            app.memory_dirty = true;
        }
        Action::ToggleMouse => {
            app.mouse = !app.mouse;
            app.terminal_out
                .push(if app.mouse { MOUSE_ON } else { MOUSE_OFF }.to_string());
            let key = app.key(scope, Action::ToggleMouse);
            app.message = Some(if app.mouse {
                format!("Mouse on: click and scroll; {key} turns it off to select text")
            } else {
                format!("Mouse off: drag to select text; {key} turns it back on")
            });
        }
        Action::CopyBottomLine => match bottom_line_text(app) {
            Some(text) => {
                app.terminal_out.push(osc52(&text));
                app.message = Some(
                    "Copied the bottom line and its citation to the clipboard (OSC 52)".into(),
                );
            }
            None => app.message = Some("Open a section to copy its bottom line".into()),
        },
        Action::Find => {
            if app.reader.section.is_none() {
                app.message = Some("Open a section to find in it".into());
                return None;
            }
            app.tab = Tab::Browse;
            app.focus = Focus::Reader;
            app.reader.find = Some(crate::tui::app::FindBox {
                input: Default::default(),
                before: (
                    app.reader.terms.clone(),
                    app.reader.current_match,
                    app.reader.scroll,
                ),
            });
        }
        Action::NextMatch => jump_match(app, true),
        Action::PrevMatch => jump_match(app, false),
        Action::NextLink => move_link(app, true),
        Action::PrevLink => move_link(app, false),
        // Typing and editing reach only the search pane (routed above).
        Action::Type(_)
        | Action::CursorLeft
        | Action::CursorRight
        | Action::CursorHome
        | Action::CursorEnd
        | Action::WordLeft
        | Action::WordRight
        | Action::DeleteBack
        | Action::DeleteForward
        | Action::DeleteWordBack
        | Action::DeleteWordForward
        | Action::ClearInput => {}
        Action::ClickAt { x, y } => return click(app, Position { x, y }),
        Action::ScrollAt { x, y, down } => wheel(app, Position { x, y }, down),
        Action::AnswerMyth
        | Action::AnswerFact
        | Action::QuizNext
        | Action::QuizOpenSection
        | Action::QuizModeDue
        | Action::QuizModeAll
        | Action::QuizModeMissed
        | Action::QuizModeTopic
        | Action::QuizModeExam
        | Action::QuizExamMore
        | Action::QuizExamFewer
        | Action::QuizOptionB
        | Action::QuizOptionC
        | Action::QuizOptionPrev
        | Action::QuizOptionNext
        | Action::QuizGradeAgain
        | Action::QuizGradeHard
        | Action::QuizGradeGood
        | Action::QuizGradeEasy
        | Action::QuizUndo
        | Action::QuizSuspend
        | Action::QuizList
        | Action::QuizResetTopic => {
            return quiz(app, |q, ctx| q.apply(&action, ctx));
        }
    }
    None
}

/// Hands an action to the quiz state with what it reads from the rest of the browser, then
/// carries out the effect.
fn quiz(
    app: &mut App,
    f: impl FnOnce(&mut QuizState, &QuizContext) -> quiz_state::Effect,
) -> Option<Action> {
    let ctx = QuizContext {
        guide: &app.guide,
        keymap: &app.keymap,
        tree_topic: app.tree.selected().first().map(String::as_str),
    };
    let fx = f(&mut app.quiz, &ctx);
    quiz_effect(app, fx)
}

/// Carries out what a quiz action asks of the rest of the browser.
fn quiz_effect(app: &mut App, fx: quiz_state::Effect) -> Option<Action> {
    if let Some(m) = fx.message {
        app.message = Some(m);
    }
    if fx.refresh_tree {
        app.rebuild_tree();
    }
    if let Some(section) = fx.open_section {
        app.memory.visit(&section);
        app.memory_dirty = true;
        app.show_section(&section, Vec::new());
        app.tab = Tab::Browse;
        app.focus = Focus::Reader;
        app.came_from_quiz = true;
    }
    fx.next
}

fn move_in(app: &mut App, scope: Scope, action: &Action) {
    let page = reader_page(app) as isize;
    let (delta, edge): (isize, Option<bool>) = match action {
        Action::Up => (-1, None),
        Action::Down => (1, None),
        Action::PageUp => (-page.max(2) + 1, None),
        Action::PageDown => (page.max(2) - 1, None),
        Action::HalfPageUp => (-(page / 2).max(1), None),
        Action::HalfPageDown => ((page / 2).max(1), None),
        Action::Top => (0, Some(false)),
        _ => (0, Some(true)),
    };
    match scope {
        Scope::Tree => {
            match edge {
                Some(last) => tree::select_edge(app, last),
                None => {
                    let tree_page = (app.layout.tree.height.saturating_sub(2) as isize).max(1);
                    let d = if delta.abs() > 1 {
                        delta.signum() * tree_page
                    } else {
                        delta
                    };
                    tree::move_selection(app, d)
                }
            };
        }
        Scope::Reader => match edge {
            Some(false) => app.reader.scroll = 0,
            Some(true) => scroll_reader(app, isize::MAX / 2),
            None => scroll_reader(app, delta),
        },
        // The search pane and the overlays move in their own state; the quiz in its pane.
        _ => {}
    }
}

fn click(app: &mut App, pos: Position) -> Option<Action> {
    if app.overlay != Overlay::None {
        if !app.layout.overlay.contains(pos) {
            app.overlay = Overlay::None;
        }
        return None;
    }
    if let Some((_, tab)) = app.layout.tabs.iter().find(|(r, _)| r.contains(pos)) {
        return Some(match tab {
            Tab::Browse => Action::TabBrowse,
            Tab::Search => Action::TabSearch,
            Tab::Quiz => Action::TabQuiz,
        });
    }
    match app.tab {
        Tab::Browse if app.layout.tree.contains(pos) => {
            app.focus = Focus::Tree;
            let hit = app.tree.rendered_at(pos).map(<[String]>::to_vec)?;
            app.tree.select(hit);
            tree_open(app)
        }
        Tab::Browse if app.layout.reader.contains(pos) => {
            app.focus = Focus::Reader;
            // A click on a see-also link follows it.
            let doc = reader_doc(app)?;
            // Below the border and the pinned title lines.
            let inner_top = app.layout.reader.y + 1 + doc.pinned() as u16;
            let line = (pos.y.checked_sub(inner_top)? as usize) + app.reader.scroll + doc.header;
            // A click on a line citing a source shows that source's full reference.
            if let Some(marked) = cited_on_line(app, &doc, line) {
                app.overlay = Overlay::References {
                    scroll: 0,
                    marked: Some(marked),
                };
                return None;
            }
            let (i, (_, id)) = doc.links.iter().enumerate().find(|(i, (l, _))| {
                let end = doc.links.get(i + 1).map(|n| n.0).unwrap_or(doc.lines.len());
                line >= *l && line < end
            })?;
            app.reader.link = Some(i);
            Some(Action::OpenSection(id.clone()))
        }
        Tab::Quiz => {
            let (_, option) = *app.layout.quiz_options.iter().find(|(y, _)| *y == pos.y)?;
            quiz(app, |q, _| q.choose(option))
        }
        Tab::Search => {
            let (_, _, i) = *app.layout.result_rows.iter().find(|(a, b, _)| {
                pos.y >= *a && pos.y <= *b && app.layout.search_list.contains(pos)
            })?;
            app.search_ui.selected = i;
            open_search_selection(app)
        }
        _ => None,
    }
}

/// The reference (0-based, in the section's list) whose label a reader line cites: the
/// leftmost one when a line cites several.
fn cited_on_line(app: &App, doc: &reader::Doc, line: usize) -> Option<usize> {
    if doc.links.iter().any(|(l, _)| *l == line) {
        return None;
    }
    let text: String = doc
        .lines
        .get(line)?
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    let section = app.guide.section(app.reader.section.as_deref()?)?;
    section
        .references
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let label = app.guide.source_label(id);
            // A label in a citation follows "(" or "; ".
            [
                format!("({label}"),
                format!("; {label}"),
                format!("{label}: "),
            ]
            .iter()
            .filter_map(|l| text.find(l.as_str()))
            .min()
            .map(|at| (at, i))
        })
        .min()
        .map(|(_, i)| i)
}

fn wheel(app: &mut App, pos: Position, down: bool) {
    let d: isize = if down { 3 } else { -3 };
    if let Overlay::Help { .. } | Overlay::About { .. } = app.overlay {
        let step = if down { Action::Down } else { Action::Up };
        for _ in 0..3 {
            app.overlay.apply(&step, 0, app.layout.overlay_drawn);
        }
        return;
    }
    match app.tab {
        Tab::Browse if app.layout.tree.contains(pos) => {
            if down {
                app.tree.scroll_down(3);
            } else {
                app.tree.scroll_up(3);
            }
        }
        Tab::Browse if app.layout.reader.contains(pos) => scroll_reader(app, d),
        Tab::Search => {
            let step = if down { Action::Down } else { Action::Up };
            // The wheel moves the selection; it never recalls an older query.
            if step == Action::Up && app.search_ui.selected == 0 {
                return;
            }
            let recent = app.memory.recent_searches.len();
            if app.search_ui.apply(&step, recent) == search::Effect::More {
                search::more(app);
                app.search_ui.clamp(recent);
            }
        }
        _ => {}
    }
}
