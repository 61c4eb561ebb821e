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
    /// The match `n`/`N` last moved to, told apart from the other matches.
    pub current_match: Style,
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
            accent: s.fg(Color::LightMagenta),
            strong: s.add_modifier(Modifier::BOLD),
            emph: s.add_modifier(Modifier::ITALIC),
            code: s.fg(Color::Green),
            highlight: s
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            current_match: s
                .fg(Color::Black)
                .bg(Color::Indexed(208))
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: s
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            link: s.fg(Color::Indexed(111)).add_modifier(Modifier::UNDERLINED),
            link_selected: s
                .fg(Color::Black)
                .bg(Color::Indexed(111))
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
            // Palette 7 (light grey) is nearly invisible on white: a dark grey instead.
            dim: s.fg(Color::Indexed(240)),
            title: s.fg(Color::Blue).add_modifier(Modifier::BOLD),
            heading: s.fg(Color::Blue).add_modifier(Modifier::BOLD),
            accent: s.fg(Color::Magenta),
            strong: s.add_modifier(Modifier::BOLD),
            emph: s.add_modifier(Modifier::ITALIC),
            code: s.fg(Color::Indexed(28)),
            highlight: s
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            current_match: s
                .fg(Color::Black)
                .bg(Color::Indexed(214))
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: s
                .bg(Color::Indexed(153))
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            link: s.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            link_selected: s
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            caution: s.fg(Color::Red).add_modifier(Modifier::BOLD),
            differs: s.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            good: s.fg(Color::Indexed(28)).add_modifier(Modifier::BOLD),
            bad: s.fg(Color::Red).add_modifier(Modifier::BOLD),
            border: s.fg(Color::Indexed(244)),
            border_focused: s.fg(Color::Blue).add_modifier(Modifier::BOLD),
            tab: s.fg(Color::Indexed(240)),
            tab_active: s
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            status: s.fg(Color::Indexed(240)),
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
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightGreen)
                .add_modifier(b | Modifier::UNDERLINED | Modifier::ITALIC),
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
            current_match: rev.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
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

#[cfg(test)]
mod contrast {
    use super::*;

    /// An xterm colour as sRGB: the 16 system colours of xterm's default palette, the
    /// 6x6x6 cube and the grey ramp.
    fn rgb(c: Color, default: (u8, u8, u8)) -> (u8, u8, u8) {
        const SYSTEM: [(u8, u8, u8); 16] = [
            (0, 0, 0),
            (205, 0, 0),
            (0, 205, 0),
            (205, 205, 0),
            (0, 0, 238),
            (205, 0, 205),
            (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127),
            (255, 0, 0),
            (0, 255, 0),
            (255, 255, 0),
            (92, 92, 255),
            (255, 0, 255),
            (0, 255, 255),
            (255, 255, 255),
        ];
        let idx = match c {
            Color::Reset => return default,
            Color::Rgb(r, g, b) => return (r, g, b),
            Color::Black => 0,
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            Color::LightRed => 9,
            Color::LightGreen => 10,
            Color::LightYellow => 11,
            Color::LightBlue => 12,
            Color::LightMagenta => 13,
            Color::LightCyan => 14,
            Color::White => 15,
            Color::Indexed(n) => n,
        };
        match idx {
            0..=15 => SYSTEM[idx as usize],
            16..=231 => {
                let n = idx - 16;
                let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
                (level(n / 36), level((n / 6) % 6), level(n % 6))
            }
            _ => {
                let v = 8 + 10 * (idx - 232);
                (v, v, v)
            }
        }
    }

    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let ch = |v: u8| {
            let c = v as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
    }

    fn ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn every_pair_a_theme_draws_is_readable() {
        // The terminal's own colours the themes are meant for.
        let cases = [
            (ThemeName::Dark, (229, 229, 229), (0, 0, 0)),
            (ThemeName::Light, (0, 0, 0), (255, 255, 255)),
            (ThemeName::HighContrast, (255, 255, 255), (0, 0, 0)),
        ];
        let mut failures = Vec::new();
        for (name, fg, bg) in cases {
            let t = Theme::new(name, true);
            let base_bg = t.base.bg.map(|c| rgb(c, bg)).unwrap_or(bg);
            let base_fg = t.base.fg.map(|c| rgb(c, fg)).unwrap_or(fg);
            let styles = [
                ("base", t.base, 4.5),
                ("dim", t.dim, 4.5),
                ("title", t.title, 4.5),
                ("heading", t.heading, 4.5),
                ("accent", t.accent, 4.5),
                ("strong", t.strong, 4.5),
                ("emph", t.emph, 4.5),
                ("code", t.code, 4.5),
                ("highlight", t.highlight, 4.5),
                ("current_match", t.current_match, 4.5),
                ("selected", t.selected, 4.5),
                ("link", t.link, 4.5),
                ("link_selected", t.link_selected, 4.5),
                ("caution", t.caution, 4.5),
                ("differs", t.differs, 4.5),
                ("good", t.good, 4.5),
                ("bad", t.bad, 4.5),
                ("border", t.border, 3.0),
                ("border_focused", t.border_focused, 3.0),
                ("tab", t.tab, 4.5),
                ("tab_active", t.tab_active, 4.5),
                ("status", t.status, 4.5),
                ("status_key", t.status_key, 4.5),
                ("warning", t.warning, 4.5),
            ];
            for (label, s, min) in styles {
                let f = s.fg.map(|c| rgb(c, fg)).unwrap_or(base_fg);
                let b = s.bg.map(|c| rgb(c, bg)).unwrap_or(base_bg);
                let r = ratio(f, b);
                if r < min {
                    failures.push(format!("{name:?} {label}: {r:.2} < {min}"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
