//! Keys as data: the default bindings live in `keymap.toml` (one table per scope, each
//! binding `{ on, run, desc }`), embedded in the binary. This module reads that file, looks
//! keys up, builds every hint from it, and applies `config.toml` rebindings; it holds no
//! list of bindings itself.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use serde::Deserialize;

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
                        None => return Err(unknown_key(s, rest)),
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

impl Key {
    /// The key as written in keymap and config files ("ctrl-n", "G", "pgdn", "space"):
    /// [`Key::parse`] reads it back.
    pub fn spec(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("shift-");
        }
        let name = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Up => "up".into(),
            KeyCode::Down => "down".into(),
            KeyCode::Left => "left".into(),
            KeyCode::Right => "right".into(),
            KeyCode::PageUp => "pgup".into(),
            KeyCode::PageDown => "pgdn".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::Delete => "delete".into(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_ascii_lowercase(),
        };
        out.push_str(&name);
        out
    }
}

/// Key names [`Key::parse`] reads besides single characters.
const KEY_NAMES: &[&str] = &[
    "enter",
    "return",
    "esc",
    "escape",
    "tab",
    "backspace",
    "up",
    "down",
    "left",
    "right",
    "pgup",
    "pageup",
    "pgdn",
    "pagedown",
    "home",
    "end",
    "delete",
    "del",
    "space",
];

/// "unknown key `pgdown` (did you mean `pgdn`?)": the closest names for the part after the
/// modifiers, or the modifiers when the prefix is the unknown part ("hyper-x").
fn unknown_key(whole: &str, name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let prefix = &whole[..whole.len() - name.len()];
    let mut scored: Vec<(f64, String)> = KEY_NAMES
        .iter()
        .map(|k| k.to_string())
        .chain((1..=12).map(|n| format!("f{n}")))
        .map(|k| (strsim::jaro_winkler(&lower, &k), k))
        .filter(|(score, _)| *score > 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut close: Vec<String> = scored
        .into_iter()
        .take(3)
        .map(|(_, k)| format!("`{prefix}{k}`"))
        .collect();
    if close.is_empty()
        && let Some((_, last)) = name.rsplit_once('-')
        && last.chars().count() == 1
    {
        close = ["ctrl", "alt", "shift"]
            .iter()
            .map(|m| format!("`{prefix}{m}-{last}`"))
            .collect();
    }
    if close.is_empty() {
        format!("unknown key `{whole}`")
    } else {
        format!("unknown key `{whole}` (did you mean {}?)", close.join(", "))
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
    /// A word or two for the status line ("open", "back"); bindings without one are not
    /// shown there.
    pub hint: Option<String>,
    /// A sentence for the help overlay; `{action}` stands for that action's key.
    pub desc: String,
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

/// The default bindings, as data: one table per scope, each binding `{ on, run, desc }`.
pub const DEFAULT_TOML: &str = include_str!("keymap.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    keymap: Vec<RawBinding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    on: OneOrMany,
    run: String,
    desc: String,
    #[serde(default)]
    hint: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl Keymap {
    /// Reads a keymap file in the shape of [`DEFAULT_TOML`]. Every action, key and `{action}`
    /// placeholder is checked, and no key may mean two things in one scope.
    pub fn from_toml(text: &str) -> Result<Keymap, String> {
        let raw: std::collections::BTreeMap<String, RawScope> =
            toml::from_str(text).map_err(|e| e.to_string())?;
        let mut bindings = Vec::new();
        for (name, _) in raw.iter() {
            if Scope::from_name(name).is_none() {
                return Err(format!("unknown scope [{name}]"));
            }
        }
        for scope in Scope::ALL {
            let Some(table) = raw.get(scope.name()) else {
                continue;
            };
            for rb in &table.keymap {
                let action = action_named(&rb.run)
                    .ok_or_else(|| format!("[{}]: unknown action `{}`", scope.name(), rb.run))?;
                let on = match &rb.on {
                    OneOrMany::One(k) => vec![k.clone()],
                    OneOrMany::Many(ks) => ks.clone(),
                };
                let mut keys = Vec::new();
                for k in &on {
                    let key =
                        Key::parse(k).map_err(|e| format!("[{}] {}: {e}", scope.name(), rb.run))?;
                    if !scope.is_command(&key) {
                        return Err(format!(
                            "[{}] {}: `{k}` would type itself in a scope that takes typed text",
                            scope.name(),
                            rb.run
                        ));
                    }
                    keys.push(key);
                }
                bindings.push(Binding {
                    scope,
                    keys,
                    action,
                    hint: rb.hint.clone(),
                    desc: rb.desc.clone(),
                });
            }
        }
        let km = Keymap { bindings };
        for b in &km.bindings {
            for name in placeholders(&b.desc) {
                if action_named(name).is_none() {
                    return Err(format!(
                        "[{}] {}: unknown action {{{name}}} in desc",
                        b.scope.name(),
                        b.action.name().unwrap_or_default()
                    ));
                }
            }
            for k in &b.keys {
                let twice = km.scope(b.scope).filter(|o| o.keys.contains(k)).count();
                if twice > 1 {
                    return Err(format!(
                        "[{}]: `{}` is bound twice",
                        b.scope.name(),
                        k.spec()
                    ));
                }
            }
        }
        Ok(km)
    }

    /// A binding's help text with each `{action}` replaced by the key that runs it in the
    /// binding's scope, so help follows rebinding.
    pub fn describe(&self, b: &Binding) -> String {
        let mut out = String::new();
        let mut rest = b.desc.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            out.push_str(&rest[..open]);
            let name = &rest[open + 1..open + close];
            let key = action_named(name).and_then(|a| self.key_name(b.scope, &a));
            out.push_str(key.as_deref().unwrap_or(name));
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// The config reference: how `config.toml` rebinds keys, then every scope with each action,
/// its default keys (as written in `config.toml`) and what it does. `mnguide keys` prints
/// it and the README carries it (a test keeps the two equal).
pub fn reference() -> String {
    use std::fmt::Write as _;
    let km = Keymap::default();
    let mut out = String::from(
        "# The browser's keys, and how config.toml rebinds them. config.toml lives in the\n\
         # config folder (or the folder MNGUIDE_CONFIG names); this text is itself a valid\n\
         # config.toml that sets every default. Keys given for an action replace its defaults:\n\
         #\n\
         #   [keys]\n\
         #   quit = [\"q\", \"ctrl-q\"]   # every scope that does not take typed text\n\
         #   [keys.reader]\n\
         #   down = [\"j\", \"ctrl-e\"]   # the reader only\n\
         #\n\
         # Keys: \"x\", \"G\", \"ctrl-n\", \"alt-b\", \"shift-tab\", \"enter\", \"esc\", \"tab\",\n\
         # \"backspace\", \"delete\", \"up\", \"down\", \"left\", \"right\", \"home\", \"end\", \"pgup\",\n\
         # \"pgdn\", \"space\", \"f1\" to \"f12\". The search box takes typed text: printable keys\n\
         # always type there and cannot be bound in [keys.search]. The tree, reader, search and\n\
         # quiz also answer the [keys.global] keys they do not bind themselves; help, bookmarks\n\
         # and references answer only their own. Ctrl-C always quits. The `search` action goes\n\
         # under [keys.global] when a [keys.search] table is also written (TOML cannot hold\n\
         # both `search = [..]` and `[keys.search]`).\n",
    );
    for scope in Scope::ALL {
        let rows: Vec<(String, String)> = km
            .scope(scope)
            .map(|b| {
                let keys = b
                    .keys
                    .iter()
                    .map(|k| format!("{:?}", k.spec()))
                    .collect::<Vec<_>>()
                    .join(", ");
                let name = b.action.name().unwrap_or_default();
                (format!("{name} = [{keys}]"), km.describe(b))
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n[keys.{}]  # {}", scope.name(), scope.title());
        let w = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
        for (line, desc) in rows {
            let _ = writeln!(out, "{line:<w$}  # {desc}");
        }
    }
    out
}

/// The `{name}` placeholders of a description.
fn placeholders(desc: &str) -> Vec<&str> {
    desc.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

/// The nameable action called `name` ("toggle_bookmark").
pub fn action_named(name: &str) -> Option<Action> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

impl Default for Keymap {
    /// The embedded default keymap; the tests below check that it reads cleanly.
    fn default() -> Self {
        static DEFAULT: std::sync::LazyLock<Keymap> = std::sync::LazyLock::new(|| {
            Keymap::from_toml(DEFAULT_TOML).unwrap_or_else(|e| {
                panic!("the built-in keymap.toml is invalid (a unit test checks it): {e}")
            })
        });
        DEFAULT.clone()
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

fn override_error<P: Clone>(at: &P, message: String) -> OverrideError<P> {
    OverrideError {
        at: at.clone(),
        message,
    }
}

/// The action an override names, or an error with the closest names.
fn override_action<P: Clone>(o: &Override<P>) -> Result<Action, OverrideError<P>> {
    let name = &o.action;
    action_named(name).ok_or_else(|| {
        let close = closest_actions(name);
        let hint = if close.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", close.join(", "))
        };
        override_error(&o.action_at, format!("unknown action `{name}`{hint}"))
    })
}

/// The keys an override gives, parsed, each with where it was written.
fn override_keys<P: Clone>(o: &Override<P>) -> Result<Vec<(Key, P)>, OverrideError<P>> {
    let name = &o.action;
    let mut parsed = Vec::new();
    for (k, at) in &o.keys {
        let key = Key::parse(k).map_err(|e| {
            override_error(
                at,
                format!(
                    "{e} for action `{name}` (keys look like \"x\", \"G\", \"ctrl-n\", \"pgdn\", \"space\", \"f1\")"
                ),
            )
        })?;
        parsed.push((key, at.clone()));
    }
    Ok(parsed)
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

    /// The first key for `action` in `scope` as a hint names it ("Enter"), or "(unbound)"
    /// when no key reaches it, so a hint never promises a key that does nothing.
    pub fn key_hint(&self, scope: Scope, action: &Action) -> String {
        self.key_name(scope, action)
            .unwrap_or_else(|| "(unbound)".to_string())
    }

    /// Every key for `action` in `scope` as a hint names them ("m / ←"), or "(unbound)".
    pub fn keys_hint(&self, scope: Scope, action: &Action) -> String {
        self.key_names(scope, action, " / ")
            .unwrap_or_else(|| "(unbound)".to_string())
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
    pub fn status_hints(&self, scope: Scope) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = Vec::new();
        let mut shown: Vec<&Action> = Vec::new();
        let mut scopes = vec![scope];
        if scope.falls_through() {
            scopes.push(Scope::Global);
        }
        let panes = matches!(scope, Scope::Tree | Scope::Reader);
        for s in scopes {
            for b in self.scope(s) {
                let Some(label) = b.hint.as_deref() else {
                    continue;
                };
                if s == Scope::Global && !panes && b.action == Action::FocusNext {
                    continue;
                }
                if shown.contains(&&b.action) {
                    continue;
                }
                if let Some(k) = self.key_name(scope, &b.action) {
                    out.push((k, label));
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
        // Where each key given in the config was written, per scope, to blame conflicts.
        let mut written: Vec<(Scope, Key, P)> = Vec::new();
        let ordered = overrides
            .iter()
            .filter(|o| o.scope.is_none())
            .chain(overrides.iter().filter(|o| o.scope.is_some()));
        for o in ordered {
            let action = override_action(o)?;
            let keys = override_keys(o)?;
            self.rebind(o, &action, &keys, &mut written)?;
        }
        self.check_written(&written)?;
        self.check_conflicts(overrides)
            .map_err(|(at, message)| override_error(at, message))
    }

    /// Gives `keys` to the bindings of `action` that the override `o` names (in its scope,
    /// or every scope that does not take typed text), noting each key in `written`.
    fn rebind<P: Clone>(
        &mut self,
        o: &Override<P>,
        action: &Action,
        keys: &[(Key, P)],
        written: &mut Vec<(Scope, Key, P)>,
    ) -> Result<(), OverrideError<P>> {
        let mut found = false;
        for binding in self.bindings.iter_mut().filter(|b| {
            b.action == *action
                && match o.scope {
                    Some(s) => b.scope == s,
                    None => !b.scope.takes_text(),
                }
        }) {
            if let Some((k, at)) = keys.iter().find(|(k, _)| !binding.scope.is_command(k)) {
                return Err(override_error(
                    at,
                    format!(
                        "`{k}` cannot be bound in [keys.{}]: that scope takes typed text, so printable keys type themselves",
                        binding.scope.name()
                    ),
                ));
            }
            binding.keys = keys.iter().map(|(k, _)| *k).collect();
            found = true;
            for (k, at) in keys {
                written.retain(|(s, wk, _)| !(*s == binding.scope && wk == k));
                written.push((binding.scope, *k, at.clone()));
            }
        }
        if found {
            return Ok(());
        }
        let name = &o.action;
        let scopes: Vec<&str> = self
            .bindings
            .iter()
            .filter(|b| b.action == *action)
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
        Err(override_error(&o.action_at, message))
    }

    /// No key the config wrote may end up on two actions of one scope.
    fn check_written<P: Clone>(&self, written: &[(Scope, Key, P)]) -> Result<(), OverrideError<P>> {
        for (scope, key, at) in written {
            let actions: Vec<&Action> = self
                .scope(*scope)
                .filter(|b| b.keys.contains(key))
                .map(|b| &b.action)
                .collect();
            if actions.len() > 1 {
                let names: Vec<String> = actions.iter().filter_map(|a| a.name()).collect();
                return Err(override_error(
                    at,
                    format!(
                        "`{key}` is bound twice in [keys.{}]: to {}",
                        scope.name(),
                        names.join(" and ")
                    ),
                ));
            }
        }
        Ok(())
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
                            // A text box takes printable keys itself.
                            && !(key.typed_char().is_some()
                                && (o.scope.takes_text() || b.scope.takes_text()))
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
    fn the_embedded_keymap_reads_and_every_key_prints_back_as_written() {
        let km = Keymap::from_toml(DEFAULT_TOML).expect("keymap.toml is valid");
        for scope in [
            Scope::Global,
            Scope::Tree,
            Scope::Reader,
            Scope::Search,
            Scope::Quiz,
        ] {
            assert!(km.scope(scope).count() > 3, "{scope:?} has bindings");
        }
        for b in &km.bindings {
            for k in &b.keys {
                assert_eq!(Key::parse(&k.spec()), Ok(*k), "{k}");
            }
        }
    }

    #[test]
    fn a_broken_keymap_file_says_what_is_wrong() {
        let bad = |text: &str, want: &str| {
            let e = Keymap::from_toml(text).expect_err(text);
            assert!(e.contains(want), "{text}: {e}");
        };
        bad(
            "[tree]\nkeymap = [{ on = \"j\", run = \"dwn\", desc = \"x\" }]",
            "dwn",
        );
        bad(
            "[tree]\nkeymap = [{ on = \"hyper-j\", run = \"down\", desc = \"x\" }]",
            "hyper-j",
        );
        bad("[tre]\nkeymap = []", "[tre]");
        bad(
            "[search]\nkeymap = [{ on = \"x\", run = \"down\", desc = \"x\" }]",
            "typed text",
        );
        bad(
            "[tree]\nkeymap = [{ on = \"j\", run = \"down\", desc = \"x\" },\n{ on = \"j\", run = \"up\", desc = \"y\" }]",
            "twice",
        );
        bad(
            "[tree]\nkeymap = [{ on = \"j\", run = \"down\", desc = \"{upp}\" }]",
            "upp",
        );
    }

    #[test]
    fn descriptions_name_the_keys_in_force() {
        let mut km = Keymap::default();
        let list = |km: &Keymap| {
            let b = km
                .scope(Scope::Quiz)
                .find(|b| b.action == Action::QuizList)
                .expect("bound");
            km.describe(b)
        };
        assert!(
            list(&km).contains("(s suspends, Enter opens"),
            "{}",
            list(&km)
        );
        km.apply_overrides(&[o(Some(Scope::Quiz), "quiz_suspend", &["alt-s"])])
            .expect("valid");
        assert!(list(&km).contains("(Alt-s suspends"), "{}", list(&km));
    }

    /// The README's copy of the reference, between its markers.
    fn readme_reference(readme: &str) -> Option<(usize, usize)> {
        let start = readme.find("<!-- keys reference")?;
        let body = start + readme[start..].find("```toml\n")? + "```toml\n".len();
        let end = body + readme[body..].find("```\n<!-- end of keys reference -->")?;
        Some((body, end))
    }

    #[test]
    fn the_readme_carries_the_generated_reference() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("README.md");
        let (body, end) = readme_reference(&readme).expect("README has the keys reference block");
        let want = reference();
        // `MNGUIDE_WRITE_README=1 cargo test --lib readme` refreshes the copy after a change.
        if std::env::var_os("MNGUIDE_WRITE_README").is_some() {
            let fresh = format!("{}{want}{}", &readme[..body], &readme[end..]);
            std::fs::write(path, fresh).expect("write README.md");
            return;
        }
        assert!(
            readme[body..end] == want,
            "README's keys reference differs from `mnguide keys`; rerun with MNGUIDE_WRITE_README=1"
        );
    }

    #[test]
    fn the_reference_is_a_config_that_sets_the_defaults_and_names_every_action() {
        let text = reference();
        let c = crate::tui::config::Config::parse(&text, std::path::Path::new("config.toml"))
            .expect("the reference parses as config.toml");
        let km = c
            .keymap(std::path::Path::new("config.toml"))
            .expect("the reference rebinds cleanly");
        let d = Keymap::default();
        for (a, b) in km.bindings.iter().zip(&d.bindings) {
            assert_eq!((a.scope, &a.action, &a.keys), (b.scope, &b.action, &b.keys));
            let name = b.action.name().expect("named");
            assert!(text.contains(&format!("\n{name} = [")), "{name}");
        }
    }

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("ctrl-n"), Ok(Key::ctrl('n')));
        assert_eq!(Key::parse("shift-g"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("pgdn"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("F1"), Ok(Key::plain(KeyCode::F(1))));
        let e = Key::parse("hyper-x").expect_err("no hyper modifier");
        assert!(e.contains("`ctrl-x`") && e.contains("`alt-x`"), "{e}");
        let e = Key::parse("ctrl-pgdown").expect_err("misspelt");
        assert!(e.contains("`ctrl-pgdn`"), "{e}");
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
            Some(&Action::DeleteBack)
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
