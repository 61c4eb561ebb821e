//! The one table of key bindings. The status line and the `?` help overlay are generated
//! from it, so keys and help never drift apart; `config.toml` can rebind keys per action.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies. Overlay and pane scopes are tried before `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    Tree,
    Reader,
    Search,
    Quiz,
    Bookmarks,
    Help,
    References,
}

impl Scope {
    pub const ALL: [Scope; 8] = [
        Scope::Global,
        Scope::Tree,
        Scope::Reader,
        Scope::Search,
        Scope::Quiz,
        Scope::Bookmarks,
        Scope::Help,
        Scope::References,
    ];

    /// The name used in `config.toml` (`[keys.search]`).
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Tree => "tree",
            Scope::Reader => "reader",
            Scope::Search => "search",
            Scope::Quiz => "quiz",
            Scope::Bookmarks => "bookmarks",
            Scope::Help => "help",
            Scope::References => "references",
        }
    }

    pub fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The one rule for text boxes: in a scope that takes typed text, a printable key
    /// always types itself. Key lookup, hints and config checks all ask this.
    pub fn takes_text(self) -> bool {
        matches!(self, Scope::Search)
    }

    /// Overlays answer only their own keys; panes fall through to the global ones.
    pub fn falls_through(self) -> bool {
        !matches!(
            self,
            Scope::Global | Scope::Help | Scope::Bookmarks | Scope::References
        )
    }

    /// Whether `key` can be a command in this scope (not a character typed into a box).
    pub fn is_command(self, key: &Key) -> bool {
        !(self.takes_text() && key.typed_char().is_some())
    }

    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Tree => "Topic tree",
            Scope::Reader => "Reader",
            Scope::Search => "Search",
            Scope::Quiz => "Quiz",
            Scope::Bookmarks => "Bookmarks list",
            Scope::Help => "Help",
            Scope::References => "References",
        }
    }
}

/// A key with its modifiers, comparable and printable ("ctrl-n", "PgDn", "G").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// Normalises a terminal key event: shift is part of the character itself ("G", "?"),
    /// so it is dropped for characters; BackTab is Shift-Tab.
    pub fn from_event(ev: KeyEvent) -> Key {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::BackTab => {
                mods |= KeyModifiers::SHIFT;
                KeyCode::Tab
            }
            KeyCode::Char(_) => ev.code,
            other => {
                mods |= ev.modifiers & KeyModifiers::SHIFT;
                other
            }
        };
        Key { code, mods }
    }

    /// A typed character for a text box: printable, no ctrl or alt.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }

    /// Parses "q", "G", "ctrl-n", "alt-x", "shift-tab", "enter", "pgdn", "f1", "space".
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                let c = if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                KeyCode::Char(c)
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backspace" | "bs" => KeyCode::Backspace,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "delete" | "del" => KeyCode::Delete,
                "space" => KeyCode::Char(' '),
                other => {
                    let f = other
                        .strip_prefix('f')
                        .and_then(|n| n.parse::<u8>().ok())
                        .filter(|n| (1..=12).contains(n));
                    match f {
                        Some(n) => KeyCode::F(n),
                        None => return Err(format!("unknown key `{s}`")),
                    }
                }
            },
        };
        // Shift with a character is the character itself ("shift-g" is "G").
        if let KeyCode::Char(c) = code
            && mods.contains(KeyModifiers::SHIFT)
        {
            mods.remove(KeyModifiers::SHIFT);
            return Ok(Key {
                code: KeyCode::Char(c.to_ascii_uppercase()),
                mods,
            });
        }
        Ok(Key { code, mods })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of the keymap: where it applies, its keys, what it does, and its help text.
#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    pub keys: Vec<Key>,
    pub action: Action,
    /// A word or two for the status line ("open", "back").
    pub label: &'static str,
    /// A sentence for the help overlay.
    pub desc: &'static str,
    /// Shown in the status line of its scope.
    pub in_status: bool,
}

impl Binding {
    pub fn keys_text(&self) -> String {
        self.keys
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

fn b(
    scope: Scope,
    keys: &[Key],
    action: Action,
    label: &'static str,
    desc: &'static str,
    in_status: bool,
) -> Binding {
    Binding {
        scope,
        keys: keys.to_vec(),
        action,
        label,
        desc,
        in_status,
    }
}

impl Default for Keymap {
    fn default() -> Self {
        use Action as A;
        use KeyCode as K;
        use Scope::*;
        let p = Key::plain;
        let c = Key::ch;
        let bindings = vec![
            b(
                Global,
                &[c('q')],
                A::Quit,
                "quit",
                "Quit (Ctrl-C always quits)",
                true,
            ),
            b(
                Global,
                &[c('?'), p(K::F(1))],
                A::Help,
                "help",
                "Show or hide this help",
                true,
            ),
            b(
                Global,
                &[c('/')],
                A::Search,
                "search",
                "Search the guide (from anywhere)",
                true,
            ),
            b(
                Global,
                &[c('1')],
                A::TabBrowse,
                "browse",
                "Browse tab: topic tree and reader",
                false,
            ),
            b(
                Global,
                &[c('2')],
                A::TabSearch,
                "search tab",
                "Search tab",
                false,
            ),
            b(
                Global,
                &[c('3')],
                A::TabQuiz,
                "quiz",
                "Quiz tab: myth or fact?",
                false,
            ),
            b(
                Global,
                &[p(K::Tab)],
                A::FocusNext,
                "focus",
                "Move focus between tree and reader",
                true,
            ),
            b(
                Global,
                &[p(K::Backspace), c('[')],
                A::Back,
                "back",
                "Back in history",
                false,
            ),
            b(
                Global,
                &[c(']')],
                A::Forward,
                "forward",
                "Forward in history",
                false,
            ),
            // `m` marks and `'` lists, as marks do in less and vim; `b` pages back.
            b(
                Global,
                &[c('m')],
                A::ToggleBookmark,
                "bookmark",
                "Bookmark the open section, or remove the bookmark",
                false,
            ),
            b(
                Global,
                &[c('\'')],
                A::ListBookmarks,
                "bookmarks",
                "List bookmarks",
                false,
            ),
            b(
                Global,
                &[c('i')],
                A::About,
                "about",
                "About the guide: version, review date and disclaimer",
                false,
            ),
            b(
                Global,
                &[c('M')],
                A::ToggleMouse,
                "mouse",
                "Mouse on or off (off: the terminal selects text to copy)",
                false,
            ),
            b(
                Tree,
                &[c('j'), p(K::Down)],
                A::Down,
                "move",
                "Next item",
                true,
            ),
            b(Tree, &[c('k'), p(K::Up)], A::Up, "", "Previous item", false),
            b(
                Tree,
                &[c('h'), p(K::Left)],
                A::Fold,
                "fold",
                "Fold the topic (or go to its topic)",
                true,
            ),
            b(
                Tree,
                &[c('l'), p(K::Right)],
                A::Unfold,
                "unfold",
                "Unfold the topic",
                false,
            ),
            b(
                Tree,
                &[p(K::Enter)],
                A::Open,
                "open",
                "Open the section, or fold/unfold the topic",
                true,
            ),
            b(Tree, &[c('g'), p(K::Home)], A::Top, "", "First item", false),
            b(
                Tree,
                &[c('G'), p(K::End)],
                A::Bottom,
                "",
                "Last item",
                false,
            ),
            b(Tree, &[p(K::PageUp)], A::PageUp, "", "Page up", false),
            b(Tree, &[p(K::PageDown)], A::PageDown, "", "Page down", false),
            b(
                Reader,
                &[c('j'), p(K::Down)],
                A::Down,
                "scroll",
                "Scroll down a line",
                true,
            ),
            b(
                Reader,
                &[c('k'), p(K::Up)],
                A::Up,
                "",
                "Scroll up a line",
                false,
            ),
            // Paging as in less.
            b(
                Reader,
                &[c(' '), p(K::PageDown), Key::ctrl('f'), c('f')],
                A::PageDown,
                "",
                "Scroll down a page",
                false,
            ),
            b(
                Reader,
                &[c('b'), p(K::PageUp), Key::ctrl('b')],
                A::PageUp,
                "",
                "Scroll up a page",
                false,
            ),
            b(
                Reader,
                &[c('d'), Key::ctrl('d')],
                A::HalfPageDown,
                "",
                "Scroll down half a page",
                false,
            ),
            b(
                Reader,
                &[c('u'), Key::ctrl('u')],
                A::HalfPageUp,
                "",
                "Scroll up half a page",
                false,
            ),
            b(
                Reader,
                &[c('g'), p(K::Home)],
                A::Top,
                "",
                "Go to the top",
                false,
            ),
            b(
                Reader,
                &[c('G'), p(K::End)],
                A::Bottom,
                "",
                "Go to the end",
                false,
            ),
            b(
                Reader,
                &[c('l'), p(K::Right)],
                A::NextLink,
                "link",
                "Select the next see-also link",
                true,
            ),
            b(
                Reader,
                &[c('h'), p(K::Left)],
                A::PrevLink,
                "",
                "Select the previous see-also link",
                false,
            ),
            b(
                Reader,
                &[p(K::Enter)],
                A::Open,
                "follow",
                "Follow the selected link",
                true,
            ),
            b(
                Reader,
                &[c('r')],
                A::References,
                "refs",
                "Show the section's references in full (or click a citation)",
                false,
            ),
            b(
                Tree,
                &[c('r')],
                A::References,
                "",
                "Show the open section's references in full",
                false,
            ),
            b(
                Reader,
                &[c('n')],
                A::NextMatch,
                "match",
                "Jump to the next matched word",
                true,
            ),
            b(
                Reader,
                &[c('N')],
                A::PrevMatch,
                "",
                "Jump to the previous matched word",
                false,
            ),
            b(
                Reader,
                &[c('F')],
                A::Find,
                "find",
                "Find words in the open section; the match keys move between them",
                true,
            ),
            b(
                Reader,
                &[c('t')],
                A::ToggleTree,
                "tree",
                "Hide or show the topic tree (remembered)",
                false,
            ),
            b(
                Reader,
                &[c('>')],
                A::WidenTree,
                "",
                "Widen the topic tree (remembered)",
                false,
            ),
            b(
                Reader,
                &[c('<')],
                A::NarrowTree,
                "",
                "Narrow the topic tree (remembered)",
                false,
            ),
            b(
                Reader,
                &[c('y')],
                A::CopyBottomLine,
                "copy",
                "Copy the section's bottom line and citation to the clipboard",
                false,
            ),
            b(
                Tree,
                &[c('F')],
                A::Find,
                "",
                "Find words in the open section; the match keys move between them",
                false,
            ),
            b(
                Tree,
                &[c('t')],
                A::ToggleTree,
                "",
                "Hide or show the topic tree (remembered)",
                false,
            ),
            b(
                Tree,
                &[c('>')],
                A::WidenTree,
                "",
                "Widen the topic tree (remembered)",
                false,
            ),
            b(
                Tree,
                &[c('<')],
                A::NarrowTree,
                "",
                "Narrow the topic tree (remembered)",
                false,
            ),
            b(
                Tree,
                &[c('y')],
                A::CopyBottomLine,
                "",
                "Copy the section's bottom line and citation to the clipboard",
                false,
            ),
            b(
                Search,
                &[p(K::Down), Key::ctrl('n')],
                A::Down,
                "select",
                "Next result",
                true,
            ),
            b(
                Search,
                &[p(K::Up), Key::ctrl('p')],
                A::Up,
                "",
                "Previous result",
                false,
            ),
            b(
                Search,
                &[p(K::Enter)],
                A::Open,
                "open",
                "Open the result in the reader",
                true,
            ),
            b(Search, &[p(K::Esc)], A::Close, "back", "Leave search", true),
            b(
                Search,
                &[p(K::Backspace)],
                A::DeleteChar,
                "",
                "Delete a character",
                false,
            ),
            b(
                Search,
                &[Key::ctrl('u'), Key::ctrl('w')],
                A::ClearInput,
                "clear",
                "Clear the query",
                true,
            ),
            b(
                Search,
                &[p(K::Delete)],
                A::DeleteForward,
                "",
                "Delete the character under the cursor",
                false,
            ),
            b(
                Search,
                &[p(K::Left)],
                A::CursorLeft,
                "",
                "Cursor left",
                false,
            ),
            b(
                Search,
                &[p(K::Right)],
                A::CursorRight,
                "",
                "Cursor right",
                false,
            ),
            b(
                Search,
                &[p(K::Home), Key::ctrl('a')],
                A::CursorHome,
                "",
                "Cursor to the start",
                false,
            ),
            b(
                Search,
                &[p(K::End), Key::ctrl('e')],
                A::CursorEnd,
                "",
                "Cursor to the end",
                false,
            ),
            b(
                Quiz,
                &[c('m'), p(K::Left)],
                A::AnswerMyth,
                "myth",
                "Answer: myth",
                true,
            ),
            b(
                Quiz,
                &[c('f'), p(K::Right)],
                A::AnswerFact,
                "fact",
                "Answer: fact",
                true,
            ),
            b(
                Quiz,
                &[p(K::Enter), c('n')],
                A::QuizNext,
                "next",
                "Next statement",
                true,
            ),
            b(
                Quiz,
                &[c('o')],
                A::QuizOpenSection,
                "read",
                "Open the section that teaches it (Backspace returns)",
                true,
            ),
            b(
                Quiz,
                &[c('d')],
                A::QuizModeDue,
                "",
                "Mode: due items first",
                false,
            ),
            b(
                Quiz,
                &[c('a')],
                A::QuizModeAll,
                "",
                "Mode: all items, shuffled",
                false,
            ),
            b(
                Quiz,
                &[c('x')],
                A::QuizModeMissed,
                "",
                "Mode: missed items only",
                false,
            ),
            b(
                Quiz,
                &[c('t')],
                A::QuizModeTopic,
                "",
                "Mode: the topic selected in the tree",
                false,
            ),
            b(
                Quiz,
                &[c('e')],
                A::QuizModeExam,
                "",
                "Mode: exam, no feedback until the report",
                false,
            ),
            b(
                Quiz,
                &[c('+')],
                A::QuizExamMore,
                "",
                "Exam: more items",
                false,
            ),
            b(
                Quiz,
                &[c('-')],
                A::QuizExamFewer,
                "",
                "Exam: fewer items",
                false,
            ),
            b(
                Quiz,
                &[c('b')],
                A::QuizOptionB,
                "",
                "Case: option b (a, c, d, e: their letters)",
                false,
            ),
            b(Quiz, &[c('c')], A::QuizOptionC, "", "Case: option c", false),
            b(
                Quiz,
                &[c('k'), p(K::Up)],
                A::QuizOptionPrev,
                "",
                "Case: previous option (Enter chooses)",
                false,
            ),
            b(
                Quiz,
                &[c('j'), p(K::Down)],
                A::QuizOptionNext,
                "",
                "Case: next option (Enter chooses)",
                false,
            ),
            b(
                Quiz,
                &[c('1')],
                A::QuizGradeAgain,
                "",
                "Grade Again (while the answer shows)",
                false,
            ),
            b(
                Quiz,
                &[c('2')],
                A::QuizGradeHard,
                "",
                "Grade Hard (while the answer shows)",
                false,
            ),
            b(
                Quiz,
                &[c('3')],
                A::QuizGradeGood,
                "",
                "Grade Good (while the answer shows; Enter too)",
                false,
            ),
            b(
                Quiz,
                &[c('4')],
                A::QuizGradeEasy,
                "",
                "Grade Easy (while the answer shows)",
                false,
            ),
            b(
                Quiz,
                &[c('u')],
                A::QuizUndo,
                "undo",
                "Undo the last answer",
                true,
            ),
            b(
                Quiz,
                &[c('l')],
                A::QuizList,
                "list",
                "List all items with their state (s suspends, Enter opens, r resets a topic)",
                true,
            ),
            b(
                Quiz,
                &[c('r')],
                A::QuizResetTopic,
                "",
                "In the list: reset the selected item's topic (press twice)",
                false,
            ),
            b(
                Quiz,
                &[c('s')],
                A::QuizSuspend,
                "",
                "Suspend this item (never asked until unsuspended)",
                false,
            ),
            b(
                Bookmarks,
                &[c('j'), p(K::Down)],
                A::Down,
                "move",
                "Next bookmark",
                true,
            ),
            b(
                Bookmarks,
                &[c('k'), p(K::Up)],
                A::Up,
                "",
                "Previous bookmark",
                false,
            ),
            b(
                Bookmarks,
                &[p(K::Enter)],
                A::Open,
                "open",
                "Open the bookmark",
                true,
            ),
            b(
                Bookmarks,
                &[c('m'), c('d')],
                A::ToggleBookmark,
                "remove",
                "Remove the bookmark",
                true,
            ),
            b(
                Bookmarks,
                &[p(K::Esc), c('q'), c('\'')],
                A::Close,
                "close",
                "Close the list",
                true,
            ),
            b(
                References,
                &[c('j'), p(K::Down)],
                A::Down,
                "scroll",
                "Scroll down",
                true,
            ),
            b(
                References,
                &[c('k'), p(K::Up)],
                A::Up,
                "",
                "Scroll up",
                false,
            ),
            b(
                References,
                &[p(K::Esc), c('q'), c('r')],
                A::Close,
                "close",
                "Close the references",
                true,
            ),
            b(
                Help,
                &[c('j'), p(K::Down)],
                A::Down,
                "scroll",
                "Scroll down",
                true,
            ),
            b(Help, &[c('k'), p(K::Up)], A::Up, "", "Scroll up", false),
            b(
                Help,
                &[p(K::PageDown), c(' ')],
                A::PageDown,
                "",
                "Page down",
                false,
            ),
            b(Help, &[p(K::PageUp)], A::PageUp, "", "Page up", false),
            b(
                Help,
                &[p(K::Esc), c('q'), c('?')],
                A::Close,
                "close",
                "Close help",
                true,
            ),
        ];
        Keymap { bindings }
    }
}

/// A `config.toml` rebinding: `scope` is `None` for `[keys]` (every scope that does not
/// take typed text). `at` is where it was written, handed back in errors.
#[derive(Debug, Clone)]
pub struct Override<P> {
    pub scope: Option<Scope>,
    pub action: String,
    pub action_at: P,
    pub keys: Vec<(String, P)>,
}

/// Why an override was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideError<P> {
    pub at: P,
    pub message: String,
}

/// Up to three action names close to `name`, for "did you mean" in errors.
pub fn closest_actions(name: &str) -> Vec<String> {
    let mut scored: Vec<(f64, String)> = Keymap::default()
        .bindings
        .iter()
        .filter_map(|b| b.action.name())
        .map(|n| (strsim::jaro_winkler(name, &n), n))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .filter(|(s, _)| *s > 0.7)
        .take(3)
        .map(|(_, n)| n)
        .collect()
}

impl Keymap {
    /// The action for a key in a scope: the scope's own bindings first, then the global
    /// ones. Overlays do not fall through to global keys, and in a scope that takes typed
    /// text a printable key is never a command.
    pub fn lookup(&self, scope: Scope, key: Key) -> Option<&Action> {
        if !scope.is_command(&key) {
            return None;
        }
        let own = self
            .bindings
            .iter()
            .find(|b| b.scope == scope && b.keys.contains(&key))
            .map(|b| &b.action);
        if own.is_some() || !scope.falls_through() {
            return own;
        }
        self.bindings
            .iter()
            .find(|b| b.scope == Scope::Global && b.keys.contains(&key))
            .map(|b| &b.action)
    }

    /// Bindings of a scope, in table order.
    pub fn scope(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.scope == scope)
    }

    /// Every key that runs `action` in `scope`, as [`Keymap::lookup`] would resolve it.
    pub fn keys_for(&self, scope: Scope, action: &Action) -> Vec<Key> {
        let mut candidates: Vec<Key> = self
            .scope(scope)
            .filter(|b| &b.action == action)
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        if scope.falls_through() {
            candidates.extend(
                self.scope(Scope::Global)
                    .filter(|b| &b.action == action)
                    .flat_map(|b| b.keys.iter().copied()),
            );
        }
        let mut out: Vec<Key> = Vec::new();
        for k in candidates {
            if self.lookup(scope, k) == Some(action) && !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }

    /// The first key for `action` in `scope`, printed ("Enter", "Ctrl-d"), for hints.
    pub fn key_name(&self, scope: Scope, action: &Action) -> Option<String> {
        self.keys_for(scope, action).first().map(Key::to_string)
    }

    /// "m / ←" style: every key for `action` in `scope`, joined by `sep`.
    pub fn key_names(&self, scope: Scope, action: &Action, sep: &str) -> Option<String> {
        let keys = self.keys_for(scope, action);
        if keys.is_empty() {
            return None;
        }
        Some(
            keys.iter()
                .map(Key::to_string)
                .collect::<Vec<_>>()
                .join(sep),
        )
    }

    /// "j/↓ move · Enter open …" for the status line of a scope.
    pub fn status_hints(&self, scope: Scope) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        let mut shown: Vec<&Action> = Vec::new();
        let mut scopes = vec![scope];
        if scope.falls_through() {
            scopes.push(Scope::Global);
        }
        let panes = matches!(scope, Scope::Tree | Scope::Reader);
        for s in scopes {
            for b in self.scope(s).filter(|b| b.in_status) {
                if s == Scope::Global && !panes && b.action == Action::FocusNext {
                    continue;
                }
                if shown.contains(&&b.action) {
                    continue;
                }
                if let Some(k) = self.key_name(scope, &b.action) {
                    out.push((k, b.label));
                    shown.push(&b.action);
                }
            }
        }
        out
    }

    /// Applies `config.toml` rebindings: `[keys]` ones first, then the per-scope ones, which
    /// win. Each replaces the keys of that action's bindings in its scope(s). Unknown action
    /// or scope names, unparsable keys, printable keys in a scope that takes typed text and
    /// two actions on one key in a scope are errors pointing at what was written.
    pub fn apply_overrides<P: Clone>(
        &mut self,
        overrides: &[Override<P>],
    ) -> Result<(), OverrideError<P>> {
        let err = |at: &P, message: String| OverrideError {
            at: at.clone(),
            message,
        };
        // Where each key given in the config was written, per scope, to blame conflicts.
        let mut written: Vec<(Scope, Key, P)> = Vec::new();
        let ordered = overrides
            .iter()
            .filter(|o| o.scope.is_none())
            .chain(overrides.iter().filter(|o| o.scope.is_some()));
        for o in ordered {
            let name = &o.action;
            let action: Action = serde_json::from_value(serde_json::Value::String(name.clone()))
                .map_err(|_| {
                    let close = closest_actions(name);
                    let hint = if close.is_empty() {
                        String::new()
                    } else {
                        format!(" (did you mean {}?)", close.join(", "))
                    };
                    err(&o.action_at, format!("unknown action `{name}`{hint}"))
                })?;
            let mut parsed = Vec::new();
            for (k, at) in &o.keys {
                let key = Key::parse(k).map_err(|e| {
                    err(
                        at,
                        format!(
                            "{e} for action `{name}` (keys look like \"x\", \"G\", \"ctrl-n\", \"pgdn\", \"space\", \"f1\")"
                        ),
                    )
                })?;
                parsed.push((key, at.clone()));
            }
            let mut found = false;
            for binding in self.bindings.iter_mut().filter(|b| {
                b.action == action
                    && match o.scope {
                        Some(s) => b.scope == s,
                        None => !b.scope.takes_text(),
                    }
            }) {
                if let Some((k, at)) = parsed.iter().find(|(k, _)| !binding.scope.is_command(k)) {
                    return Err(err(
                        at,
                        format!(
                            "`{k}` cannot be bound in [keys.{}]: that scope takes typed text, so printable keys type themselves",
                            binding.scope.name()
                        ),
                    ));
                }
                binding.keys = parsed.iter().map(|(k, _)| *k).collect();
                found = true;
                for (k, at) in &parsed {
                    written.retain(|(s, wk, _)| !(*s == binding.scope && wk == k));
                    written.push((binding.scope, *k, at.clone()));
                }
            }
            if !found {
                let scopes: Vec<&str> = self
                    .bindings
                    .iter()
                    .filter(|b| b.action == action)
                    .map(|b| b.scope.name())
                    .collect();
                let message = match (o.scope, scopes.is_empty()) {
                    (_, true) => format!("action `{name}` has no key binding to change"),
                    (Some(s), false) => format!(
                        "action `{name}` is not bound in [keys.{}]; it is bound in [keys.{}]",
                        s.name(),
                        scopes.join("], [keys.")
                    ),
                    (None, false) => format!(
                        "action `{name}` is only bound in a scope that takes typed text; set it under [keys.{}]",
                        scopes.join("] or [keys.")
                    ),
                };
                return Err(err(&o.action_at, message));
            }
        }
        for (scope, key, at) in &written {
            let actions: Vec<&Action> = self
                .scope(*scope)
                .filter(|b| b.keys.contains(key))
                .map(|b| &b.action)
                .collect();
            if actions.len() > 1 {
                let names: Vec<String> = actions.iter().filter_map(|a| a.name()).collect();
                return Err(err(
                    at,
                    format!(
                        "`{key}` is bound twice in [keys.{}]: to {}",
                        scope.name(),
                        names.join(" and ")
                    ),
                ));
            }
        }
        self.check_conflicts(overrides)
            .map_err(|(at, message)| err(at, message))
    }

    /// A key given in the config must not also mean something else where it applies: in its
    /// own scope, or in the tree and reader for a global action (the pane's binding would
    /// win there, while the status line advertises the key for the global one).
    fn check_conflicts<'o, P>(&self, overrides: &'o [Override<P>]) -> Result<(), (&'o P, String)> {
        let name_of = |a: &Action| {
            serde_json::to_value(a)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| format!("{a:?}"))
        };
        for o in overrides {
            let name = &o.action;
            for b in self.bindings.iter().filter(|b| name_of(&b.action) == *name) {
                for key in &b.keys {
                    let clash = self.bindings.iter().find(|o| {
                        o.action != b.action
                            && o.keys.contains(key)
                            && (o.scope == b.scope || shadows(o.scope, b.scope))
                            // The search box takes printable keys itself.
                            && !(key.typed_char().is_some()
                                && (o.scope == Scope::Search || b.scope == Scope::Search))
                    });
                    if let Some(other) = clash {
                        return Err((
                            &o.action_at,
                            format!(
                                "key `{key}` for action `{name}` is already bound to `{}` ({}); \
                                 give one of them another key",
                                name_of(&other.action),
                                other.scope.title()
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Whether a binding in one scope hides a global one in the other (both ways round): the
/// tree and the reader show the global keys in their status line.
fn shadows(a: Scope, b: Scope) -> bool {
    let pane = |s: Scope| matches!(s, Scope::Tree | Scope::Reader);
    (a == Scope::Global && pane(b)) || (b == Scope::Global && pane(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("ctrl-n"), Ok(Key::ctrl('n')));
        assert_eq!(Key::parse("shift-g"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("pgdn"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("F1"), Ok(Key::plain(KeyCode::F(1))));
        assert!(Key::parse("hyper-x").is_err());
        assert_eq!(Key::ctrl('c').to_string(), "Ctrl-c");
    }

    #[test]
    fn scope_bindings_win_over_global_and_search_types_letters() {
        let km = Keymap::default();
        assert_eq!(km.lookup(Scope::Tree, Key::ch('j')), Some(&Action::Down));
        assert_eq!(km.lookup(Scope::Tree, Key::ch('q')), Some(&Action::Quit));
        assert_eq!(km.lookup(Scope::Search, Key::ch('q')), None);
        assert_eq!(
            km.lookup(Scope::Search, Key::plain(KeyCode::Backspace)),
            Some(&Action::DeleteChar)
        );
        assert_eq!(km.lookup(Scope::Help, Key::ch('q')), Some(&Action::Close));
    }

    fn o(scope: Option<Scope>, action: &str, keys: &[&str]) -> Override<()> {
        Override {
            scope,
            action: action.into(),
            action_at: (),
            keys: keys.iter().map(|k| (k.to_string(), ())).collect(),
        }
    }

    #[test]
    fn overrides_rebind_by_action_name() {
        let mut km = Keymap::default();
        km.apply_overrides(&[o(None, "quit", &["x"])])
            .expect("valid override");
        assert_eq!(km.lookup(Scope::Tree, Key::ch('x')), Some(&Action::Quit));
        assert_eq!(km.lookup(Scope::Tree, Key::ch('q')), None);
        let err = km
            .apply_overrides(&[o(None, "qiut", &["x"])])
            .expect_err("unknown action");
        assert!(
            err.message.contains("qiut") && err.message.contains("quit"),
            "{err:?}"
        );
    }

    #[test]
    fn global_overrides_skip_text_scopes_and_scoped_ones_stay_in_their_scope() {
        let mut km = Keymap::default();
        km.apply_overrides(&[
            o(None, "down", &["x"]),
            o(Some(Scope::Reader), "up", &["w"]),
        ])
        .expect("valid");
        assert_eq!(km.lookup(Scope::Tree, Key::ch('x')), Some(&Action::Down));
        assert_eq!(km.lookup(Scope::Search, Key::ch('x')), None, "x types");
        assert_eq!(
            km.lookup(Scope::Search, Key::plain(KeyCode::Down)),
            Some(&Action::Down)
        );
        assert_eq!(km.lookup(Scope::Reader, Key::ch('w')), Some(&Action::Up));
        assert_eq!(km.lookup(Scope::Tree, Key::ch('w')), None);
        assert_eq!(km.lookup(Scope::Tree, Key::ch('k')), Some(&Action::Up));
    }

    #[test]
    fn conflicts_and_printable_keys_in_text_scopes_are_refused() {
        let mut km = Keymap::default();
        let e = km
            .apply_overrides(&[o(Some(Scope::Search), "down", &["x"])])
            .expect_err("x types in search");
        assert!(e.message.contains("typed text"), "{e:?}");
        let mut km = Keymap::default();
        let e = km
            .apply_overrides(&[o(Some(Scope::Tree), "down", &["k"])])
            .expect_err("k is up in the tree");
        assert!(
            e.message.contains("down") && e.message.contains("up"),
            "{e:?}"
        );
    }

    #[test]
    fn the_default_keymap_has_no_conflicts() {
        let km = Keymap::default();
        for scope in Scope::ALL {
            let mut seen: Vec<Key> = Vec::new();
            for b in km.scope(scope) {
                for k in &b.keys {
                    assert!(!seen.contains(k), "{k} twice in {scope:?}");
                    assert!(scope.is_command(k), "{k} would type in {scope:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn a_key_that_already_means_something_else_is_refused() {
        let mut km = Keymap::default();
        let err = km
            .apply_overrides(&[o(None, "quit", &["j"])])
            .expect_err("j already moves down");
        assert!(
            err.message.contains("`j`") && err.message.contains("quit"),
            "{}",
            err.message
        );
    }
}
