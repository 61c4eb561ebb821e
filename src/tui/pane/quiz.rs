//! The quiz tab (placeholder until the quiz session lands).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::content::Guide;
use crate::tui::app::App;

#[derive(Debug, Default)]
pub struct QuizUi {}

impl QuizUi {
    pub fn new(_guide: &Guide) -> QuizUi {
        QuizUi {}
    }
    pub fn mastery(&self, _guide: &Guide) -> Vec<(String, f32)> {
        Vec::new()
    }
}

pub fn render(_app: &mut App, _area: Rect, _buf: &mut Buffer) {}

impl QuizUi {
    pub fn attach_store(&mut self, _guide: &Guide, _dir: &std::path::Path) {}
    pub fn take_warning(&mut self) -> Option<String> {
        None
    }
}

pub fn on_enter(_app: &mut App) {}

pub fn update(
    _app: &mut App,
    _action: crate::tui::action::Action,
) -> Option<crate::tui::action::Action> {
    None
}
