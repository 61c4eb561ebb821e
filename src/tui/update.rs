//! `update(&mut App, Action) -> Option<Action>`: every change of state, with no terminal, so
//! key sequences can be tested directly. Also turns key and mouse events into actions.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Margin, Position};

use super::action::Action;
use super::app::{App, Focus, Overlay, Tab};
use super::keymap::{Key, Scope};
use super::pane::reader_state::{self, ReaderCtx};
use super::pane::tree::{self, TreeCtx};
use super::pane::{overlay, reader, search};
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

fn reader_doc(app: &App) -> Option<std::rc::Rc<reader::Doc>> {
    reader::app_document(app, reader::text_width(app.layout.reader))
}

/// Sends an action to the reader with the open section as laid out now, then carries out
/// what it asks.
fn reader_apply(app: &mut App, action: &Action) -> Option<Action> {
    let doc = reader_doc(app);
    let ctx = ReaderCtx::new(doc.as_deref(), app.layout.reader);
    let effect = app.reader.apply(action, ctx);
    reader_effect(app, effect)
}

fn reader_effect(app: &mut App, effect: reader_state::Effect) -> Option<Action> {
    use reader_state::Effect as E;
    match effect {
        E::None => None,
        E::OpenSection(id) => Some(Action::OpenSection(id)),
        E::References(marked) => {
            app.overlay = Overlay::References { scroll: 0, marked };
            None
        }
        E::ShowFind => {
            app.tab = Tab::Browse;
            app.focus = Focus::Reader;
            None
        }
        E::Refind => {
            // The words changed: the matches are where the new layout puts them.
            let doc = reader_doc(app);
            let ctx = ReaderCtx::new(doc.as_deref(), app.layout.reader);
            app.reader.find_from_top(ctx);
            None
        }
        E::Message(m) => {
            app.message = Some(m.to_string());
            None
        }
    }
}

/// The tree's rows in the last frame (0 when it was not drawn).
fn tree_height(app: &App) -> usize {
    app.layout.tree.height.saturating_sub(2) as usize
}

/// Sends an action to the tree; a section it opens is read next (the keys go to it).
fn tree_apply(app: &mut App, action: &Action) -> Option<Action> {
    let ctx = TreeCtx {
        items: &app.tree_items,
        height: tree_height(app),
    };
    match app.tree.apply(action, ctx) {
        tree::Effect::None => None,
        tree::Effect::OpenSection(id) => {
            app.focus = Focus::Reader;
            Some(Action::OpenSection(id))
        }
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
            let title = app
                .guide
                .section(&hit.id)
                .map(|s| s.title.clone())
                .unwrap_or_default();
            let doc = reader_doc(app);
            let ctx = ReaderCtx::new(doc.as_deref(), app.layout.reader);
            app.reader.jump_to_telling_match(&title, &q, ctx);
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

/// The width the tree has now, or would have if shown.
fn tree_width_now(app: &App) -> u16 {
    let body = app.layout.tree.width + app.layout.reader.width;
    super::view::tree_width(&app.memory.layout, body)
}

/// The reader's find box is open (and its tab shown).
fn finding(app: &App) -> bool {
    app.tab == Tab::Browse && app.reader.find.is_some()
}

/// What the copy key puts on the clipboard: title, bottom line and its citation.
pub fn bottom_line_text(app: &App) -> Option<String> {
    let s = app.guide.section(app.reader.section.as_deref()?)?;
    let summary = super::text::plain(&s.summary);
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
    Some(format!("{}: {summary}{cite}", super::text::plain(&s.title)))
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

/// The panes go on from where the last frame drew them (the reader's scroll kept within the
/// body at that size, the tree's first row where the selection put it): drawing only records
/// it in the hit map, and the next action takes it from there.
fn keep_drawn_positions(app: &mut App) {
    // Once per frame: later keys before the next frame go on from the state itself.
    if !std::mem::take(&mut app.layout.positions_new) {
        return;
    }
    if let Some(first) = app.layout.tree_first {
        app.tree.shown(first);
    }
    if let Some(shown) = app.layout.reader_scroll {
        app.reader.shown(shown);
    }
}

/// Sends an action to the pane or overlay it belongs to, or does it here.
fn route(app: &mut App, action: Action) -> Option<Action> {
    // A message is shown until the next thing the user does.
    if !matches!(action, Action::Resize) {
        app.message = None;
    }
    keep_drawn_positions(app);
    let scope = app.scope();
    if finding(app) && app.reader.find_handles(&action) {
        return reader_apply(app, &action);
    }
    // The search tab's box and list (another text box in another tab routes elsewhere).
    if scope == Scope::Search && app.tab == Tab::Search && search::SearchUi::handles(&action) {
        return search_apply(app, &action);
    }
    if app.overlay.handles(&action) {
        return overlay_apply(app, &action);
    }
    browser_apply(app, scope, action)
}

/// An action in the search tab's box or list.
fn search_apply(app: &mut App, action: &Action) -> Option<Action> {
    let recent = app.memory.recent_searches.len();
    match app.search_ui.apply(action, recent) {
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
    None
}

/// An action in the open overlay, and what it asks of the bookmarks.
fn overlay_apply(app: &mut App, action: &Action) -> Option<Action> {
    let n = app.memory.bookmarks.len();
    match app.overlay.apply(action, n, app.layout.overlay_drawn) {
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
    None
}

/// An action that no text box or overlay took: to the pane it belongs to, or done here.
///
/// One flat table, kept whole on purpose: it names every action, so the compiler refuses a
/// new one until it is routed somewhere. Each arm is a line or a call.
fn browser_apply(app: &mut App, scope: Scope, action: Action) -> Option<Action> {
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
        Action::References
        | Action::Find
        | Action::NextMatch
        | Action::PrevMatch
        | Action::NextLink
        | Action::PrevLink => return reader_apply(app, &action),
        Action::Close => return close(app, scope),
        Action::TabBrowse => return switch_tab(app, Tab::Browse),
        Action::TabSearch | Action::Search => return switch_tab(app, Tab::Search),
        Action::TabQuiz => return switch_tab(app, Tab::Quiz),
        Action::FocusNext => focus_next(app),
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::HalfPageUp
        | Action::HalfPageDown
        | Action::Top
        | Action::Bottom
        | Action::Open => match scope {
            Scope::Tree => return tree_apply(app, &action),
            Scope::Reader => return reader_apply(app, &action),
            // The search pane and the overlays move in their own state; the quiz in its pane.
            _ => {}
        },
        // Folding works on the tree wherever the key is bound.
        Action::Fold | Action::Unfold => return tree_apply(app, &action),
        Action::OpenSection(id) => open_section(app, &id),
        Action::Back => go_back(app),
        Action::Forward => go_forward(app),
        Action::ToggleBookmark => toggle_bookmark(app),
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
        Action::ToggleTree | Action::WidenTree | Action::NarrowTree => tree_layout(app, &action),
        Action::ToggleMouse => toggle_mouse(app, scope),
        Action::CopyBottomLine => copy_bottom_line(app),
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

/// Esc outside any overlay: the quiz's item list closes first; after a section opened from
/// the quiz, back to the quiz.
fn close(app: &mut App, scope: Scope) -> Option<Action> {
    match scope {
        Scope::Quiz if app.tab == Tab::Quiz && app.quiz.list.is_some() => {
            return quiz(app, |q, ctx| q.apply(&Action::Close, ctx));
        }
        _ if app.came_from_quiz => {
            app.came_from_quiz = false;
            app.tab = Tab::Quiz;
        }
        _ => {}
    }
    None
}

/// To another tab; any overlay closes.
fn switch_tab(app: &mut App, tab: Tab) -> Option<Action> {
    app.tab = tab;
    app.overlay = Overlay::None;
    match tab {
        Tab::Browse => None,
        Tab::Search => {
            // The last query stays, selected, so typing starts a new search and Enter or a
            // cursor key keeps the old one.
            app.search_ui.all_selected = !app.search_ui.query().is_empty();
            None
        }
        Tab::Quiz => {
            app.came_from_quiz = false;
            quiz(app, |q, ctx| q.enter(ctx))
        }
    }
}

/// Tab between the tree and the reader in the browse tab (with a hint while the tree is
/// hidden).
fn focus_next(app: &mut App) {
    if app.tab != Tab::Browse {
        return;
    }
    if app.memory.layout.tree_hidden {
        app.message = Some(format!(
            "The tree is hidden; {} shows it",
            app.key(Scope::Reader, Action::ToggleTree)
        ));
        return;
    }
    app.focus = match app.focus {
        Focus::Tree => Focus::Reader,
        Focus::Reader => Focus::Tree,
    };
}

/// Opens a section by id in the reader, as a new step in the history.
fn open_section(app: &mut App, id: &str) {
    if app.guide.section(id).is_none() {
        app.message = Some(format!("No section `{id}` in this guide"));
        return;
    }
    app.memory.visit(id);
    app.memory_dirty = true;
    app.show_section(id, Vec::new());
    app.tab = Tab::Browse;
    app.came_from_quiz = false;
}

fn go_forward(app: &mut App) {
    match app.memory.forward().map(str::to_string) {
        Some(id) => {
            app.memory_dirty = true;
            app.show_section(&id, Vec::new());
            app.tab = Tab::Browse;
        }
        None => app.message = Some("Nothing further forward".into()),
    }
}

fn toggle_bookmark(app: &mut App) {
    let Some(id) = app.reader.section.clone() else {
        app.message = Some("Open a section to bookmark it".into());
        return;
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

/// Hides, shows, widens or narrows the tree; the choice is remembered.
fn tree_layout(app: &mut App, action: &Action) {
    let now = tree_width_now(app);
    let shown = tree::layout_key(action, &mut app.memory.layout, now);
    app.memory_dirty = true;
    match shown {
        Some(false) => {
            app.focus = Focus::Reader;
            app.message = Some(format!(
                "Tree hidden; {} shows it",
                app.key(Scope::Reader, Action::ToggleTree)
            ));
        }
        Some(true) => app.focus = Focus::Tree,
        None => {}
    }
}

fn toggle_mouse(app: &mut App, scope: Scope) {
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

fn copy_bottom_line(app: &mut App) {
    match bottom_line_text(app) {
        Some(text) => {
            app.terminal_out.push(osc52(&text));
            app.message =
                Some("Copied the bottom line and its citation to the clipboard (OSC 52)".into());
        }
        None => app.message = Some("Open a section to copy its bottom line".into()),
    }
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
            // The row drawn at the click (its whole width, below the border).
            if !app.layout.tree.inner(Margin::new(1, 1)).contains(pos) {
                return None;
            }
            let (_, hit) = app
                .layout
                .tree_rows
                .iter()
                .rev()
                .find(|(y, _)| pos.y >= *y)?;
            match app.tree.click(hit.clone()) {
                tree::Effect::OpenSection(id) => Some(Action::OpenSection(id)),
                tree::Effect::None => None,
            }
        }
        Tab::Browse if app.layout.reader.contains(pos) => {
            app.focus = Focus::Reader;
            let doc = reader_doc(app);
            let pinned = doc.as_deref().map_or(1, reader::Doc::pinned);
            // Below the border and the pinned title lines.
            let inner_top = app.layout.reader.y + 1 + pinned as u16;
            let row = pos.y.checked_sub(inner_top)? as usize;
            let labels: Vec<String> = app
                .reader
                .section
                .as_deref()
                .and_then(|id| app.guide.section(id))
                .map(|s| {
                    s.references
                        .iter()
                        .map(|id| app.guide.source_label(id))
                        .collect()
                })
                .unwrap_or_default();
            let ctx = ReaderCtx::new(doc.as_deref(), app.layout.reader);
            let effect = app.reader.click(row, &labels, ctx);
            reader_effect(app, effect)
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
            let ctx = TreeCtx {
                items: &app.tree_items,
                height: tree_height(app),
            };
            app.tree.scroll(d, ctx);
        }
        Tab::Browse if app.layout.reader.contains(pos) => {
            let doc = reader_doc(app);
            let ctx = ReaderCtx::new(doc.as_deref(), app.layout.reader);
            app.reader.scroll_by(d, ctx);
        }
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
