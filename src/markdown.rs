//! Section bodies are Markdown. This turns them into a small list of blocks that both the
//! plain-text CLI and the terminal reader render, so the two never disagree on structure.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A run of text with its inline style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub emph: bool,
    pub code: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Span>),
    Heading(Vec<Span>),
    /// A list item; `depth` 0 is the outermost list, `marker` is "•" or "3.".
    Item {
        depth: usize,
        marker: String,
        spans: Vec<Span>,
    },
    Quote(Vec<Span>),
    Code(String),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Rule,
}

/// The text of spans without styling.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    spans: Vec<Span>,
    lists: Vec<Option<u64>>,
    item: Option<(usize, String)>,
    strong: usize,
    emph: usize,
    quote: usize,
    code: Option<String>,
    table: Option<(Vec<String>, Vec<Vec<String>>)>,
    row: Vec<String>,
}

impl Builder {
    fn push_text(&mut self, text: &str, code: bool) {
        if let Some(buf) = self.code.as_mut() {
            buf.push_str(text);
            return;
        }
        self.spans.push(Span {
            text: text.to_string(),
            strong: self.strong > 0,
            emph: self.emph > 0,
            code,
        });
    }

    fn take_spans(&mut self) -> Vec<Span> {
        let mut spans = std::mem::take(&mut self.spans);
        // Trim the outer whitespace so wrapped text starts and ends cleanly.
        if let Some(first) = spans.first_mut() {
            first.text = first.text.trim_start().to_string();
        }
        if let Some(last) = spans.last_mut() {
            last.text = last.text.trim_end().to_string();
        }
        spans.retain(|s| !s.text.is_empty());
        spans
    }

    fn flush_item(&mut self) {
        if let Some((depth, marker)) = self.item.take() {
            let spans = self.take_spans();
            self.blocks.push(Block::Item {
                depth,
                marker,
                spans,
            });
        }
    }

    fn flush_paragraph(&mut self) {
        let spans = self.take_spans();
        if spans.is_empty() {
            return;
        }
        if self.quote > 0 {
            self.blocks.push(Block::Quote(spans));
        } else {
            self.blocks.push(Block::Paragraph(spans));
        }
    }
}

pub fn parse(markdown: &str) -> Vec<Block> {
    let mut b = Builder::default();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => b.start(tag),
            Event::End(tag) => b.end(tag),
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => b.push_text(&t, false),
            Event::Code(t) => b.push_text(&t, true),
            Event::SoftBreak | Event::HardBreak => b.push_text(" ", false),
            Event::Rule => {
                b.flush_paragraph();
                b.blocks.push(Block::Rule);
            }
            _ => {}
        }
    }
    b.flush_item();
    b.flush_paragraph();
    b.blocks
}

/// What each tag's start and end do to the blocks being built.
impl Builder {
    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { .. } => self.flush_paragraph(),
            Tag::BlockQuote(_) => self.quote += 1,
            Tag::CodeBlock(_) => self.code = Some(String::new()),
            Tag::List(start) => {
                if self.item.is_some() {
                    self.flush_item();
                } else {
                    self.flush_paragraph();
                }
                self.lists.push(start);
            }
            Tag::Item => {
                // Deeper lists are shown at the deepest indent: 30,000 levels would
                // otherwise print 30,000 columns of indent per line.
                let depth = self.lists.len().saturating_sub(1).min(MAX_LIST_DEPTH);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}.");
                        *n += 1;
                        m
                    }
                    _ => "•".to_string(),
                };
                self.item = Some((depth, marker));
            }
            Tag::Table(_) => self.table = Some((Vec::new(), Vec::new())),
            Tag::TableHead | Tag::TableRow => self.row.clear(),
            Tag::TableCell => self.spans.clear(),
            Tag::Emphasis => self.emph += 1,
            Tag::Strong => self.strong += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if self.item.is_some() {
                    self.push_text(" ", false);
                } else if self.table.is_none() {
                    self.flush_paragraph();
                }
            }
            TagEnd::Heading(_) => {
                let spans = self.take_spans();
                self.blocks.push(Block::Heading(spans));
            }
            TagEnd::BlockQuote(_) => self.quote = self.quote.saturating_sub(1),
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.blocks.push(Block::Code(code.trim_end().to_string()));
                }
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Item => {
                if self.item.is_some() {
                    self.flush_item();
                } else {
                    self.flush_paragraph();
                }
            }
            TagEnd::TableCell => {
                let cell = plain(&self.take_spans());
                self.row.push(cell);
            }
            TagEnd::TableHead => {
                let row = std::mem::take(&mut self.row);
                if let Some(t) = self.table.as_mut() {
                    t.0 = row;
                }
            }
            TagEnd::TableRow => {
                let row = std::mem::take(&mut self.row);
                if let Some(t) = self.table.as_mut() {
                    t.1.push(row);
                }
            }
            TagEnd::Table => {
                if let Some((header, rows)) = self.table.take() {
                    self.blocks.push(Block::Table { header, rows });
                }
            }
            TagEnd::Emphasis => self.emph = self.emph.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            _ => {}
        }
    }
}

/// Deepest list indent rendered; anything deeper is drawn at this depth.
pub const MAX_LIST_DEPTH: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_tables_and_emphasis_become_blocks() {
        let md = "Intro with **bold** and *soft*.\n\n- one\n- two\n  1. nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let blocks = parse(md);
        assert_eq!(
            plain(match &blocks[0] {
                Block::Paragraph(s) => s,
                other => panic!("expected paragraph, got {other:?}"),
            }),
            "Intro with bold and soft."
        );
        assert!(
            matches!(&blocks[0], Block::Paragraph(s) if s.iter().any(|x| x.strong && x.text == "bold"))
        );
        assert!(
            matches!(&blocks[1], Block::Item { depth: 0, marker, spans } if marker == "•" && plain(spans) == "one")
        );
        assert!(matches!(&blocks[2], Block::Item { depth: 0, spans, .. } if plain(spans) == "two"));
        assert!(
            matches!(&blocks[3], Block::Item { depth: 1, marker, spans } if marker == "1." && plain(spans) == "nested")
        );
        assert_eq!(
            blocks[4],
            Block::Table {
                header: vec!["a".into(), "b".into()],
                rows: vec![vec!["1".into(), "2".into()]],
            }
        );
    }
}
