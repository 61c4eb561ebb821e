//! The browser's whole state in one struct. `update` changes it, the panes draw it.

use std::sync::Arc;

use ratatui::layout::Rect;
use tui_tree_widget::TreeItem;

use super::action::Action;
use super::keymap::{Keymap, Scope};
use super::memory::Memory;
use super::quiz_state::QuizState;
use super::theme::Theme;
use crate::content::Guide;
use crate::search::SearchIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Browse,
    Search,
    Quiz,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Browse, Tab::Search, Tab::Quiz];
    pub fn title(self) -> &'static str {
        match self {
            Tab::Browse => "Browse",
            Tab::Search => "Search",
            Tab::Quiz => "Quiz",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Reader,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    Bookmarks {
        selected: usize,
    },
    /// The open section's reference list; `marked` is the reference a clicked citation
    /// names (0-based), drawn highlighted.
    References {
        scroll: usize,
        marked: Option<usize>,
    },
    /// The guide's disclaimer, version and review date; `notice` when shown by itself at
    /// the first start, when any key closes it and then does what it does underneath.
    About {
        scroll: usize,
        notice: bool,
    },
}

pub use super::pane::reader_state::{FindBox, ReaderState};
pub use super::pane::search::SearchUi;

/// Screen areas from the last frame, for mouse hit-testing and page sizes.
#[derive(Debug, Clone, Default)]
pub struct LastLayout {
    pub tabs: Vec<(Rect, Tab)>,
    pub tree: Rect,
    pub reader: Rect,
    pub search_list: Rect,
    /// Screen rows of each visible result: (first row, last row, result index).
    pub result_rows: Vec<(u16, u16, usize)>,
    /// The first result row drawn: the next frame starts from it, so the list scrolls only
    /// when the selection leaves it.
    pub search_offset: usize,
    pub quiz: Rect,
    /// Screen rows of the quiz options drawn last frame, for clicks: `(y, option)`.
    pub quiz_options: Vec<(u16, u8)>,
    pub overlay: Rect,
    /// What the open overlay showed in the last frame (none since it opened).
    pub overlay_drawn: Option<super::pane::overlay::Drawn>,
    /// The body line the reader showed first in the last frame (a click lands on what
    /// was on screen), `None` before it was drawn.
    pub reader_scroll: Option<usize>,
    /// Whether a frame was drawn since the panes last took their drawn positions back.
    pub positions_new: bool,
    /// Screen row and ids of each tree row drawn in the last frame, and the first row's
    /// index among the visible ones.
    pub tree_rows: Vec<(u16, Vec<String>)>,
    pub tree_first: Option<usize>,
    /// The last frame was only the "too small" notice: keys typed then must not go to a
    /// pane the user cannot see, and `q` quits as the notice says.
    pub too_small: bool,
}

pub struct App {
    pub guide: Arc<Guide>,
    pub search: Option<SearchIndex>,
    /// The index is still being opened (at start-up, on a thread).
    pub search_loading: bool,
    pub keymap: Keymap,
    pub theme: Theme,
    pub tab: Tab,
    pub focus: Focus,
    pub overlay: Overlay,
    pub tree_items: Vec<TreeItem<'static, String>>,
    pub tree: super::pane::tree::TreeUi,
    pub reader: ReaderState,
    pub search_ui: SearchUi,
    pub quiz: QuizState,
    pub memory: Memory,
    /// Set when `memory` changed and should be written.
    pub memory_dirty: bool,
    /// A one-line message for the status bar (warnings, "bookmarked").
    pub message: Option<String>,
    /// The reader was opened from the quiz (`o`): Esc or Backspace returns there.
    pub came_from_quiz: bool,
    pub should_quit: bool,
    pub layout: LastLayout,
    /// The reader document last laid out, with what it was laid out for: a scroll key or a
    /// redraw reuses it instead of laying out a long section again.
    pub doc_cache: std::cell::RefCell<Option<(DocKey, std::rc::Rc<super::pane::reader::Doc>)>>,
    /// Topic mastery the tree labels show.
    pub tree_mastery: Vec<(String, f32)>,
    /// Whether the terminal reports clicks and the wheel (off lets it select text).
    pub mouse: bool,
    /// Escape sequences for the terminal (mouse modes, OSC 52), written after the next frame.
    pub terminal_out: Vec<String>,
}

/// Everything the reader document depends on besides the guide and the theme, which do not
/// change while the browser runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocKey {
    pub section: String,
    pub width: usize,
    pub terms: Vec<String>,
    pub current_match: Option<usize>,
    pub link: Option<usize>,
    pub bookmarked: bool,
}

/// The reader width assumed before the first frame (tests without a terminal).
pub const DEFAULT_READER_WIDTH: u16 = 80;

impl App {
    /// A browser on `guide`; `memory` is what the last run left (reopened where it was).
    pub fn new(
        guide: impl Into<Arc<Guide>>,
        search: Option<SearchIndex>,
        keymap: Keymap,
        theme: Theme,
        mut memory: Memory,
    ) -> App {
        let guide = guide.into();
        memory.retain_known(&guide);
        let tree_items = build_tree_items(&guide, &[]);
        let quiz = QuizState::new();
        let mut app = App {
            guide,
            search,
            search_loading: false,
            keymap,
            theme,
            tab: Tab::Browse,
            focus: Focus::Tree,
            overlay: Overlay::None,
            tree_items,
            tree: Default::default(),
            reader: ReaderState::default(),
            search_ui: SearchUi::default(),
            quiz,
            memory,
            memory_dirty: false,
            message: None,
            came_from_quiz: false,
            should_quit: false,
            doc_cache: std::cell::RefCell::new(None),
            tree_mastery: Vec::new(),
            mouse: true,
            terminal_out: Vec::new(),
            layout: LastLayout {
                reader: Rect::new(0, 0, DEFAULT_READER_WIDTH, 20),
                ..LastLayout::default()
            },
        };
        let start = app
            .memory
            .last_section
            .clone()
            .or_else(|| app.guide.sections.first().map(|s| s.id.clone()));
        match start {
            Some(id) => app.show_section(&id, Vec::new()),
            None => {
                if let Some(t) = app.guide.topics.first() {
                    app.tree.select(vec![t.id.clone()]);
                }
            }
        }
        app
    }

    /// Which part of the keymap applies now.
    pub fn scope(&self) -> Scope {
        match self.overlay {
            Overlay::Help { .. } => Scope::Help,
            Overlay::Bookmarks { .. } => Scope::Bookmarks,
            Overlay::References { .. } => Scope::References,
            // The About screen scrolls and closes with the help's keys.
            Overlay::About { .. } => Scope::Help,
            Overlay::None => self.pane_scope(),
        }
    }

    /// The scope of the pane under any overlay. The reader's find box takes typed text
    /// with the search box's keys.
    pub fn pane_scope(&self) -> Scope {
        match self.tab {
            Tab::Search => Scope::Search,
            Tab::Browse if self.reader.find.is_some() => Scope::Search,
            Tab::Quiz => Scope::Quiz,
            Tab::Browse => match self.focus {
                Focus::Tree => Scope::Tree,
                Focus::Reader => Scope::Reader,
            },
        }
    }

    /// The keys for `action` in `scope` as a hint shows them ("m / ←"), from the keymap,
    /// so hints follow any rebinding; "(unbound)" when no key reaches it.
    pub fn keys(&self, scope: Scope, action: Action) -> String {
        self.keymap.keys_hint(scope, &action)
    }

    /// The first key for `action` in `scope` ("Enter").
    pub fn key(&self, scope: Scope, action: Action) -> String {
        self.keymap.key_hint(scope, &action)
    }

    /// Puts a section in the reader (without touching history) and selects it in the tree.
    pub fn show_section(&mut self, id: &str, terms: Vec<String>) {
        let Some(section) = self.guide.section(id) else {
            self.message = Some(format!("No section `{id}` in this guide"));
            return;
        };
        let topic = section.topic.clone();
        self.reader = ReaderState::open(id, terms);
        self.tree.open(vec![topic.clone()]);
        self.tree.select(vec![topic, id.to_string()]);
    }

    /// Refreshes tree labels (topic mastery changes after quiz answers).
    pub fn rebuild_tree(&mut self) {
        self.tree_mastery = self.quiz.mastery(&self.guide);
        self.tree_items = build_tree_items(&self.guide, &self.tree_mastery);
    }
}

/// Topics with their sections; a topic shows its quiz mastery when it has been practised.
/// Labels are whole: the tree view cuts them to its width.
pub fn build_tree_items(
    guide: &Guide,
    mastery: &[(String, f32)],
) -> Vec<TreeItem<'static, String>> {
    guide
        .topics
        .iter()
        .map(|t| {
            let children: Vec<TreeItem<'static, String>> = guide
                .sections_of(t)
                .map(|s| {
                    TreeItem::new_leaf(
                        s.id.clone(),
                        tree_label(guide, mastery, &[t.id.clone(), s.id.clone()]),
                    )
                })
                .collect();
            let label = tree_label(guide, mastery, std::slice::from_ref(&t.id));
            // Section ids are unique in a validated guide, so this cannot fail; fall back to
            // a leaf rather than lose the topic if it ever did.
            TreeItem::new(t.id.clone(), label.clone(), children)
                .unwrap_or_else(|_| TreeItem::new_leaf(t.id.clone(), label))
        })
        .collect()
}

/// The label of a tree row (`[topic]` or `[topic, section]`): the title, and a practised
/// topic's mastery first, so a narrow tree still shows it.
pub fn tree_label(guide: &Guide, mastery: &[(String, f32)], row: &[String]) -> String {
    match row {
        [topic] => {
            let title = guide
                .topics
                .iter()
                .find(|t| t.id == *topic)
                .map(|t| crate::tui::text::plain(&t.title))
                .unwrap_or_else(|| topic.clone());
            match mastery.iter().find(|(id, _)| id == topic) {
                Some((_, m)) => format!("{} {title}", mini_gauge(*m)),
                None => title,
            }
        }
        [.., section] => guide
            .section(section)
            .map(|s| crate::tui::text::plain(&s.title))
            .unwrap_or_else(|| section.clone()),
        [] => String::new(),
    }
}

/// One cell and a percent, for the tree: "▅ 62%".
pub fn mini_gauge(fraction: f32) -> String {
    let f = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let cells = ['·', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let c = cells[((f * 8.0).round() as usize).min(8)];
    format!("{c}{:>3}%", crate::format::percent_of(f))
}

/// A five-cell bar and percent: "▰▰▰▱▱ 60%".
pub fn gauge(fraction: f32) -> String {
    let f = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let filled = (f * 5.0).round() as usize;
    format!(
        "{}{} {:>3}%",
        "▰".repeat(filled),
        "▱".repeat(5 - filled),
        crate::format::percent_of(f)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauges_clamp_and_round() {
        assert_eq!(gauge(0.6), "▰▰▰▱▱  60%");
        assert_eq!(gauge(2.0), "▰▰▰▰▰ 100%");
        assert_eq!(gauge(f32::NAN), "▱▱▱▱▱   0%");
        assert_eq!(mini_gauge(0.0), "·  0%");
        assert_eq!(mini_gauge(1.0), "█100%");
    }
}
