//! The overlays' state (help, bookmarks list, references, About): what their keys do, decided
//! here and tested without a terminal. Their views only draw it.

use crate::tui::action::Action;
use crate::tui::app::Overlay;

/// What an overlay asks the browser to do with what it does not own (the bookmarks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Open the bookmark at this index (the overlay has closed).
    OpenBookmark(usize),
    /// Remove the bookmark at this index; then [`Overlay::clamp_selection`].
    RemoveBookmark(usize),
}

/// What the last frame showed of a scrolling overlay, and the page size: scrolling stops at
/// the end the view found. `None` (not drawn yet since it opened) leaves stopping it to
/// the view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    pub scroll: usize,
    pub max_scroll: usize,
    pub page: usize,
}

impl Overlay {
    /// Whether [`Overlay::apply`] takes `action` while this overlay is open.
    pub fn handles(&self, action: &Action) -> bool {
        use Action as A;
        let moves = action.is_move() || *action == A::Close;
        match self {
            Overlay::None => false,
            Overlay::Bookmarks { .. } => moves || matches!(action, A::Open | A::ToggleBookmark),
            Overlay::Help { .. } | Overlay::References { .. } | Overlay::About { .. } => moves,
        }
    }

    /// One action in the open overlay. `bookmarks` is how many there are; `drawn` is what
    /// the last frame showed of a scrolling overlay.
    pub fn apply(&mut self, action: &Action, bookmarks: usize, drawn: Option<Drawn>) -> Effect {
        use Action as A;
        if *action == A::Close {
            *self = Overlay::None;
            return Effect::None;
        }
        let own = match self {
            Overlay::Help { scroll }
            | Overlay::References { scroll, .. }
            | Overlay::About { scroll, .. } => *scroll,
            _ => 0,
        };
        let drawn = drawn.unwrap_or(Drawn {
            scroll: own,
            max_scroll: usize::MAX / 4,
            page: 20,
        });
        let jumped = matches!(
            self,
            Overlay::References {
                scroll: 0,
                marked: Some(_)
            }
        );
        let page = drawn.page.max(2) as isize;
        let delta: isize = match action {
            A::Up => -1,
            A::Down => 1,
            A::PageUp => 1 - page,
            A::PageDown => page - 1,
            A::HalfPageUp => -(page / 2).max(1),
            A::HalfPageDown => (page / 2).max(1),
            A::Top => isize::MIN / 2,
            A::Bottom => isize::MAX / 2,
            _ => 0,
        };
        match self {
            Overlay::Help { scroll }
            | Overlay::References { scroll, .. }
            | Overlay::About { scroll, .. } => {
                // Scrolling moves from the state (several keys may come between frames),
                // except in a list opened at a citation: it moves on from where the view
                // put that reference.
                let from = if jumped {
                    drawn.scroll
                } else {
                    (*scroll).min(drawn.max_scroll)
                } as isize;
                *scroll = from
                    .saturating_add(delta)
                    .clamp(0, drawn.max_scroll as isize) as usize;
            }
            Overlay::Bookmarks { selected } => match action {
                A::Open if *selected < bookmarks => {
                    let at = *selected;
                    *self = Overlay::None;
                    return Effect::OpenBookmark(at);
                }
                A::ToggleBookmark if *selected < bookmarks => {
                    return Effect::RemoveBookmark(*selected);
                }
                A::Open | A::ToggleBookmark => {}
                // The list is short: every move is one row, the edges its ends.
                _ => {
                    let step = match action {
                        A::Top => isize::MIN / 2,
                        A::Bottom => isize::MAX / 2,
                        _ => delta.signum(),
                    };
                    let last = bookmarks.saturating_sub(1) as isize;
                    *selected = (*selected as isize).saturating_add(step).clamp(0, last) as usize;
                }
            },
            Overlay::None => {}
        }
        Effect::None
    }

    /// Keeps the bookmarks list's selection on a row that exists.
    pub fn clamp_selection(&mut self, bookmarks: usize) {
        if let Overlay::Bookmarks { selected } = self {
            *selected = (*selected).min(bookmarks.saturating_sub(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: Drawn = Drawn {
        scroll: 0,
        max_scroll: 10,
        page: 6,
    };
    const DRAWN: Option<Drawn> = Some(D);

    #[test]
    fn help_scrolls_from_what_was_drawn_and_stops_at_the_end() {
        let mut o = Overlay::Help { scroll: 0 };
        o.apply(&Action::PageDown, 0, DRAWN);
        assert_eq!(o, Overlay::Help { scroll: 5 });
        o.apply(&Action::Bottom, 0, Some(Drawn { scroll: 5, ..D }));
        assert_eq!(o, Overlay::Help { scroll: 10 });
        o.apply(&Action::Down, 0, Some(Drawn { scroll: 10, ..D }));
        assert_eq!(o, Overlay::Help { scroll: 10 }, "not past the end");
        o.apply(&Action::Top, 0, Some(Drawn { scroll: 10, ..D }));
        assert_eq!(o, Overlay::Help { scroll: 0 });
        assert_eq!(o.apply(&Action::Close, 0, DRAWN), Effect::None);
        assert_eq!(o, Overlay::None);
        // Before its first frame, help scrolls from where it is.
        let mut o = Overlay::Help { scroll: 3 };
        o.apply(&Action::Down, 0, None);
        assert_eq!(o, Overlay::Help { scroll: 4 });
    }

    #[test]
    fn keys_between_frames_add_up() {
        let mut o = Overlay::Help { scroll: 0 };
        for _ in 0..3 {
            o.apply(&Action::Down, 0, DRAWN);
        }
        assert_eq!(o, Overlay::Help { scroll: 3 });
    }

    #[test]
    fn references_opened_at_a_citation_scroll_on_from_it() {
        // The view started the list at the cited reference (line 7).
        let mut o = Overlay::References {
            scroll: 0,
            marked: Some(2),
        };
        o.apply(&Action::Down, 0, Some(Drawn { scroll: 7, ..D }));
        assert_eq!(
            o,
            Overlay::References {
                scroll: 8,
                marked: Some(2)
            }
        );
    }

    #[test]
    fn the_bookmarks_list_moves_opens_and_removes() {
        let mut o = Overlay::Bookmarks { selected: 0 };
        assert!(o.handles(&Action::ToggleBookmark));
        assert!(!Overlay::Help { scroll: 0 }.handles(&Action::ToggleBookmark));
        o.apply(&Action::PageDown, 3, DRAWN);
        assert_eq!(o, Overlay::Bookmarks { selected: 1 });
        o.apply(&Action::Bottom, 3, DRAWN);
        assert_eq!(o, Overlay::Bookmarks { selected: 2 });
        assert_eq!(
            o.apply(&Action::ToggleBookmark, 3, DRAWN),
            Effect::RemoveBookmark(2)
        );
        o.clamp_selection(2);
        assert_eq!(o, Overlay::Bookmarks { selected: 1 });
        assert_eq!(o.apply(&Action::Open, 2, DRAWN), Effect::OpenBookmark(1));
        assert_eq!(o, Overlay::None);
        let mut empty = Overlay::Bookmarks { selected: 0 };
        assert_eq!(empty.apply(&Action::Open, 0, DRAWN), Effect::None);
        assert_eq!(empty.apply(&Action::Down, 0, DRAWN), Effect::None);
    }
}
