//! `config.toml` in the config folder: the theme and key rebinding by action name.
//!
//! ```toml
//! theme = "light"            # dark | light | high-contrast
//! [keys]
//! quit = ["q", "ctrl-q"]     # action name = keys; replaces that action's keys
//! search = ["/", "ctrl-f"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::keymap::Keymap;
use super::theme::ThemeName;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub theme: Option<ThemeName>,
    #[serde(default)]
    pub keys: BTreeMap<String, Vec<String>>,
}

pub fn default_path() -> PathBuf {
    crate::paths::config_dir().join("config.toml")
}

impl Config {
    /// Parses config text; the error names the file and what is wrong in it.
    pub fn parse(text: &str, origin: &Path) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| format!("{}: {}", origin.display(), e.message()))
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
        km.apply_overrides(&self.keys)
            .map_err(|e| format!("{}: {e}", origin.display()))?;
        Ok(km)
    }
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
        assert!(err.contains("hyper-q"), "{err}");
    }
}
