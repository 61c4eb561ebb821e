//! `config.toml` in the config folder: the theme and key rebinding by action name.
//!
//! ```toml
//! theme = "light"            # dark | light | high-contrast
//! mouse = false              # leave the mouse to the terminal (select and copy text)
//! [keys]
//! quit = ["q", "ctrl-q"]     # action = keys, in every scope that does not take typed text
//! search = ["/", "ctrl-f"]
//! [keys.reader]
//! down = ["j", "ctrl-e"]     # only in the reader
//! ```

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use super::keymap::{Keymap, Override, Scope};
use super::theme::ThemeName;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub theme: Option<ThemeName>,
    /// Whether the browser takes clicks and the wheel (default on).
    pub mouse: Option<bool>,
    /// Checked for shape and position in [`Config::keymap`], which reads the text again with
    /// spans so every error can name a line and column.
    #[serde(default)]
    pub keys: toml::Table,
    #[serde(skip)]
    text: String,
}

pub fn default_path() -> PathBuf {
    crate::paths::config_dir().join("config.toml")
}

impl Config {
    /// Parses config text; the error names the file and what is wrong in it.
    pub fn parse(text: &str, origin: &Path) -> Result<Config, String> {
        let mut c: Config = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|r| format!(":{}", line_col(text, r.start)))
                .unwrap_or_default();
            format!("{}{at}: {}", origin.display(), e.message())
        })?;
        c.text = text.to_string();
        Ok(c)
    }

    /// Reads the file; a missing file is the default config.
    pub fn load(path: &Path) -> Result<Config, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
        }
    }

    /// The default keymap with this config's rebindings applied.
    pub fn keymap(&self, origin: &Path) -> Result<Keymap, String> {
        let mut km = Keymap::default();
        if self.keys.is_empty() {
            return Ok(km);
        }
        let at =
            |r: &Range<usize>| format!("{}:{}", origin.display(), line_col(&self.text, r.start));
        let overrides = overrides(&self.text).map_err(|(r, m)| format!("{}: {m}", at(&r)))?;
        km.apply_overrides(&overrides)
            .map_err(|e| format!("{}: {}", at(&e.at), e.message))?;
        Ok(km)
    }
}

/// "line:column", both from 1, of a byte offset.
fn line_col(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    format!("{line}:{col}")
}

type Spanned<T> = (Range<usize>, T);

/// The `[keys]` table as overrides with the byte range of every name and key.
fn overrides(text: &str) -> Result<Vec<Override<Range<usize>>>, Spanned<String>> {
    let doc =
        DeTable::parse(text).map_err(|e| (e.span().unwrap_or(0..0), e.message().to_string()))?;
    let mut out = Vec::new();
    let Some((_, keys)) = doc.get_ref().iter().find(|(k, _)| k.get_ref() == "keys") else {
        return Ok(out);
    };
    let DeValue::Table(keys) = keys.get_ref() else {
        return Err((keys.span(), "[keys] must be a table".into()));
    };
    let scopes: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
    for (name, value) in keys.iter() {
        match value.get_ref() {
            DeValue::Table(inner) => {
                let Some(scope) = Scope::from_name(name.get_ref()) else {
                    return Err((
                        name.span(),
                        format!(
                            "unknown scope `{}` in [keys] (scopes: {})",
                            name.get_ref(),
                            scopes.join(", ")
                        ),
                    ));
                };
                for (action, keys) in inner.iter() {
                    out.push(one(Some(scope), action.get_ref(), action.span(), keys)?);
                }
            }
            _ => out.push(one(None, name.get_ref(), name.span(), value)?),
        }
    }
    Ok(out)
}

fn one(
    scope: Option<Scope>,
    action: &str,
    action_at: Range<usize>,
    value: &toml::Spanned<DeValue<'_>>,
) -> Result<Override<Range<usize>>, Spanned<String>> {
    let shape = || {
        (
            value.span(),
            format!("`{action}` must be a list of keys, like {action} = [\"x\", \"ctrl-x\"]"),
        )
    };
    let DeValue::Array(list) = value.get_ref() else {
        return Err(shape());
    };
    let mut keys = Vec::new();
    for k in list.iter() {
        match k.get_ref() {
            DeValue::String(s) => keys.push((s.to_string(), k.span())),
            _ => return Err(shape()),
        }
    }
    Ok(Override {
        scope,
        action: action.to_string(),
        action_at,
        keys,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::{Key, Scope};

    #[test]
    fn theme_and_keys_are_read() {
        let p = Path::new("config.toml");
        let c = Config::parse(
            "theme = \"high-contrast\"\n[keys]\nquit = [\"ctrl-q\"]\n",
            p,
        )
        .expect("valid config");
        assert_eq!(c.theme, Some(ThemeName::HighContrast));
        let km = c.keymap(p).expect("valid keys");
        assert_eq!(km.lookup(Scope::Tree, Key::ctrl('q')), Some(&Action::Quit));
    }

    #[test]
    fn bad_config_gives_a_message_naming_the_problem() {
        let p = Path::new("config.toml");
        let err = Config::parse("theme = \"purple\"\n", p).expect_err("bad theme");
        assert!(
            err.contains("config.toml") && err.contains("purple"),
            "{err}"
        );
        let err = Config::parse("colour = 1\n", p).expect_err("unknown field");
        assert!(err.contains("colour"), "{err}");
        let c = Config::parse("[keys]\nquit = [\"hyper-q\"]\n", p).expect("parses");
        let err = c.keymap(p).expect_err("bad key");
        assert!(
            err.contains("config.toml:2:9") && err.contains("hyper-q"),
            "{err}"
        );
    }

    #[test]
    fn scoped_keys_and_errors_with_line_and_column() {
        let p = Path::new("config.toml");
        let c = Config::parse("[keys]\ndown = [\"x\"]\n[keys.reader]\nup = [\"w\"]\n", p)
            .expect("parses");
        let km = c.keymap(p).expect("valid");
        assert_eq!(km.lookup(Scope::Reader, Key::ch('w')), Some(&Action::Up));
        assert_eq!(km.lookup(Scope::Tree, Key::ch('x')), Some(&Action::Down));
        assert_eq!(km.lookup(Scope::Search, Key::ch('x')), None);

        let c = Config::parse("[keys.tree]\ndown = [\"j\", \"k\"]\n", p).expect("parses");
        let err = c.keymap(p).expect_err("k is up");
        assert!(err.starts_with("config.toml:2:14: "), "{err}");
        assert!(err.contains("`k`") && err.contains("up"), "{err}");

        let c = Config::parse("[keys]\nqiut = [\"x\"]\n", p).expect("parses");
        let err = c.keymap(p).expect_err("unknown action");
        assert!(
            err.starts_with("config.toml:2:1: ") && err.contains("quit"),
            "{err}"
        );

        let c = Config::parse("[keys.serch]\ndown = [\"x\"]\n", p).expect("parses");
        let err = c.keymap(p).expect_err("unknown scope");
        assert!(
            err.contains("config.toml:1:7") && err.contains("search"),
            "{err}"
        );

        let c = Config::parse("[keys.search]\ndown = [\"x\"]\n", p).expect("parses");
        let err = c.keymap(p).expect_err("x types in search");
        assert!(
            err.contains("config.toml:2:9") && err.contains("typed text"),
            "{err}"
        );
    }
}
