//! Colours and text styles. Every style also carries a modifier (bold, underline, reverse)
//! that says the same thing, so the monochrome theme used under NO_COLOR stays readable.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub heading: Style,
    pub accent: Style,
    pub strong: Style,
    pub emph: Style,
    pub code: Style,
    /// A matched search word, in snippets and in the reader.
    pub highlight: Style,
    /// The selected row of a list or the tree.
    pub selected: Style,
    pub link: Style,
    pub link_selected: Style,
    pub caution: Style,
    pub differs: Style,
    pub good: Style,
    pub bad: Style,
    pub border: Style,
    pub border_focused: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub status: Style,
    pub status_key: Style,
    pub warning: Style,
}

impl Theme {
    pub fn new(name: ThemeName, color: bool) -> Theme {
        if !color {
            return Theme::mono();
        }
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::HighContrast => Theme::high_contrast(),
        }
    }

    fn dark() -> Theme {
        let s = Style::new();
        Theme {
            base: s,
            dim: s.fg(Color::DarkGray),
            title: s.fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            heading: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            accent: s.fg(Color::Magenta),
            strong: s.add_modifier(Modifier::BOLD),
            emph: s.add_modifier(Modifier::ITALIC),
            code: s.fg(Color::Green),
            highlight: s
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            selected: s
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            link: s.fg(Color::LightBlue).add_modifier(Modifier::UNDERLINED),
            link_selected: s
                .fg(Color::Black)
                .bg(Color::LightBlue)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            caution: s.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            differs: s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            good: s.fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            bad: s.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            border: s.fg(Color::DarkGray),
            border_focused: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab: s.fg(Color::Gray),
            tab_active: s
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            status: s.fg(Color::Gray),
            status_key: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            warning: s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }

    fn light() -> Theme {
        let s = Style::new();
        Theme {
            base: s,
            dim: s.fg(Color::Gray),
            title: s.fg(Color::Blue).add_modifier(Modifier::BOLD),
            heading: s.fg(Color::Blue).add_modifier(Modifier::BOLD),
            accent: s.fg(Color::Magenta),
            strong: s.add_modifier(Modifier::BOLD),
            emph: s.add_modifier(Modifier::ITALIC),
            code: s.fg(Color::Green),
            highlight: s
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            selected: s
                .bg(Color::LightBlue)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            link: s.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            link_selected: s
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            caution: s.fg(Color::Red).add_modifier(Modifier::BOLD),
            differs: s.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            good: s.fg(Color::Green).add_modifier(Modifier::BOLD),
            bad: s.fg(Color::Red).add_modifier(Modifier::BOLD),
            border: s.fg(Color::Gray),
            border_focused: s.fg(Color::Blue).add_modifier(Modifier::BOLD),
            tab: s.fg(Color::DarkGray),
            tab_active: s
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            status: s.fg(Color::DarkGray),
            status_key: s.fg(Color::Blue).add_modifier(Modifier::BOLD),
            warning: s.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    fn high_contrast() -> Theme {
        let s = Style::new().fg(Color::White).bg(Color::Black);
        let b = Modifier::BOLD;
        Theme {
            base: s,
            dim: s.fg(Color::White),
            title: s.fg(Color::Yellow).add_modifier(b),
            heading: s.fg(Color::Cyan).add_modifier(b | Modifier::UNDERLINED),
            accent: s.fg(Color::LightCyan),
            strong: s.add_modifier(b),
            emph: s.add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
            code: s.fg(Color::LightGreen),
            highlight: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(b | Modifier::UNDERLINED),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(b),
            link: s.fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
            link_selected: Style::new()
                .fg(Color::Black)
                .bg(Color::LightCyan)
                .add_modifier(b | Modifier::UNDERLINED),
            caution: s.fg(Color::LightRed).add_modifier(b),
            differs: s.fg(Color::Yellow).add_modifier(b),
            good: s.fg(Color::LightGreen).add_modifier(b),
            bad: s.fg(Color::LightRed).add_modifier(b),
            border: s.fg(Color::White),
            border_focused: s.fg(Color::Yellow).add_modifier(b),
            tab: s.fg(Color::White),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(b),
            status: s.fg(Color::White),
            status_key: s.fg(Color::Yellow).add_modifier(b),
            warning: s.fg(Color::Yellow).add_modifier(b),
        }
    }

    /// No colour at all: meaning carried by bold, underline, reverse and italics.
    pub fn mono() -> Theme {
        let s = Style::new();
        let bold = s.add_modifier(Modifier::BOLD);
        let rev = s.add_modifier(Modifier::REVERSED);
        Theme {
            base: s,
            dim: s,
            title: bold,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            accent: s,
            strong: bold,
            emph: s.add_modifier(Modifier::ITALIC),
            code: s,
            highlight: rev.add_modifier(Modifier::BOLD),
            selected: rev,
            link: s.add_modifier(Modifier::UNDERLINED),
            link_selected: rev.add_modifier(Modifier::UNDERLINED),
            caution: bold,
            differs: bold,
            good: bold,
            bad: bold.add_modifier(Modifier::UNDERLINED),
            border: s,
            border_focused: bold,
            tab: s,
            tab_active: rev.add_modifier(Modifier::BOLD),
            status: s,
            status_key: bold,
            warning: bold,
        }
    }
}
