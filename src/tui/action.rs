//! Everything the browser can do, as data. Keys map to actions through the keymap, so a
//! `config.toml` can rebind any key by the action's snake_case name.

use serde::{Deserialize, Serialize};

/// One thing the user (or the run loop) asks the browser to do.
///
/// The unit variants are the ones a key can be bound to; they (de)serialise as snake_case
/// names (`toggle_bookmark`). The variants carrying data come from typing, the mouse or
/// chained updates and cannot be named in a config file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    TabBrowse,
    TabSearch,
    TabQuiz,
    Search,
    FocusNext,
    Close,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    Fold,
    Unfold,
    Open,
    Back,
    Forward,
    ToggleBookmark,
    ListBookmarks,
    /// Show the open section's numbered references in full.
    References,
    NextMatch,
    PrevMatch,
    NextLink,
    PrevLink,
    /// Find words within the open section (a box in the status line; n/N move between them).
    Find,
    /// Hide or show the topic tree beside the reader.
    ToggleTree,
    WidenTree,
    NarrowTree,
    /// The About screen: disclaimer, guide version and review date.
    About,
    /// Turn mouse reporting off (so the terminal selects text) or on again.
    ToggleMouse,
    /// Copy the open section's bottom line with its citation to the clipboard (OSC 52).
    CopyBottomLine,
    AnswerMyth,
    AnswerFact,
    QuizNext,
    QuizOpenSection,
    QuizModeDue,
    QuizModeAll,
    QuizModeMissed,
    QuizModeTopic,
    QuizModeExam,
    QuizExamMore,
    QuizExamFewer,
    /// Best-of-five: option b and c (a, d and e share the keys of the modes, which wait
    /// while a case is asked).
    QuizOptionB,
    QuizOptionC,
    /// Best-of-five: highlight the previous / next option (Enter chooses it).
    QuizOptionPrev,
    QuizOptionNext,
    /// Grades while the answer shows (outside it the keys keep their global meaning).
    QuizGradeAgain,
    QuizGradeHard,
    QuizGradeGood,
    QuizGradeEasy,
    QuizUndo,
    QuizSuspend,
    /// Open or close the list of all items with their state.
    QuizList,
    /// In the item list: forget the progress of the selected item's topic (asks first).
    QuizResetTopic,
    /// Editing the search box (tui-input does the editing).
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    WordLeft,
    WordRight,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    DeleteWordForward,
    ClearInput,
    /// A printable character typed into the search box.
    #[serde(skip)]
    Type(char),
    /// Show a section in the reader (recorded in history).
    #[serde(skip)]
    OpenSection(String),
    /// Left click at a screen cell.
    #[serde(skip)]
    ClickAt {
        x: u16,
        y: u16,
    },
    /// Mouse wheel over a screen cell; `down` scrolls towards the end.
    #[serde(skip)]
    ScrollAt {
        x: u16,
        y: u16,
        down: bool,
    },
    /// A key pressed while the start-up notice shows: the notice closes and the key does
    /// what it does underneath (if anything).
    #[serde(skip)]
    DismissNotice(Option<Box<Action>>),
    /// The terminal changed size; only a redraw is needed.
    #[serde(skip)]
    Resize,
}

impl Action {
    /// The name used in `config.toml` (`"toggle_bookmark"`), or `None` for data variants.
    pub fn name(&self) -> Option<String> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The moves within a list or a page: a line, a page, half a page, either end. Every
    /// scrolling pane and overlay takes all of them, so they are named once.
    pub fn is_move(&self) -> bool {
        use Action as A;
        matches!(
            self,
            A::Up
                | A::Down
                | A::PageUp
                | A::PageDown
                | A::HalfPageUp
                | A::HalfPageDown
                | A::Top
                | A::Bottom
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_actions_have_snake_case_names_and_round_trip() {
        assert_eq!(
            Action::ToggleBookmark.name().as_deref(),
            Some("toggle_bookmark")
        );
        let back: Action = serde_json::from_str("\"quiz_mode_exam\"").expect("known action");
        assert_eq!(back, Action::QuizModeExam);
        assert!(serde_json::from_str::<Action>("\"type\"").is_err());
        assert_eq!(Action::Type('x').name(), None);
    }
}
