//! The terminal browser: a topic tree, a reader, live search, help, history, bookmarks and
//! the quiz. Elm style: one [`App`](app::App) state, [`update`](update::update) applies
//! actions to it without a terminal, the panes draw it; this file runs the loop.

pub mod action;
pub mod app;
pub mod config;
pub mod input;
pub mod keymap;
pub mod memory;
pub mod pane;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};

use crate::cli::Context;
use crate::content::Guide;
use crate::search::{IndexStatus, SearchIndex};
use crate::term::ColorChoice;
use app::App;
use config::Config;
use memory::Memory;
use theme::{Theme, ThemeName};

/// True when the browser can run: both ends of the conversation are a terminal.
pub fn is_interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Where the browser keeps its files; tests and the CLI can point them elsewhere.
#[derive(Debug, Clone)]
pub struct Paths {
    pub config: PathBuf,
    pub memory: PathBuf,
    pub data_dir: PathBuf,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            config: config::default_path(),
            memory: memory::default_path(),
            data_dir: crate::paths::data_dir(),
        }
    }
}

/// Opens the search index, falling back to memory; a note for the status line when degraded.
pub fn open_search(guide: &Guide, index_dir: &Path) -> (Option<SearchIndex>, Option<String>) {
    match SearchIndex::open_or_build(guide, index_dir) {
        Ok((index, IndexStatus::InMemory { warning })) => (Some(index), Some(warning)),
        Ok((index, _)) => (Some(index), None),
        Err(e) => match SearchIndex::build_in_memory(guide) {
            Ok(index) => (
                Some(index),
                Some(format!("Search index kept in memory: {e}")),
            ),
            Err(e2) => (None, Some(format!("Search is unavailable: {e2}"))),
        },
    }
}

/// Builds the app the way the binary does (config, theme, memory, index), without a terminal.
pub fn prepare(
    ctx: &Context,
    theme_flag: Option<ThemeName>,
    color: ColorChoice,
    paths: &Paths,
) -> Result<App, String> {
    let mut app = prepare_without_search(ctx, theme_flag, color, paths)?;
    let (search, note) = open_search(&ctx.guide, &ctx.index_dir);
    app.search = search;
    app.search_loading = false;
    if app.message.is_none() {
        app.message = note;
    }
    Ok(app)
}

/// Everything but the search index, which the binary opens on a thread meanwhile so the
/// first frame does not wait for it.
fn prepare_without_search(
    ctx: &Context,
    theme_flag: Option<ThemeName>,
    color: ColorChoice,
    paths: &Paths,
) -> Result<App, String> {
    let config = Config::load(&paths.config)?;
    let keymap = config.keymap(&paths.config)?;
    let name = theme_flag.or(config.theme).unwrap_or_default();
    // The browser only runs on a terminal, so `auto` depends on NO_COLOR alone.
    let use_color = crate::term::color_for(color, true);
    let theme = Theme::new(name, use_color);
    let (memory, mem_warning) = Memory::load(&paths.memory);
    let mut app = App::new(ctx.guide.clone(), None, keymap, theme, memory);
    app.search_loading = true;
    app.quiz.attach_store(&app.guide, &paths.data_dir);
    app.rebuild_tree();
    app.message = mem_warning.or(app.quiz.take_warning());
    Ok(app)
}

/// Puts the index opened on the start-up thread into the app.
fn search_ready(app: &mut App, search: Option<SearchIndex>, note: Option<String>) {
    app.search = search;
    app.search_loading = false;
    if note.is_some() && app.message.is_none() {
        app.message = note;
    }
    // Whatever was typed while the index opened is searched now.
    if !app.search_ui.query().is_empty() {
        pane::search::refresh(app);
    }
}

/// Ends the process when the terminal is gone for good. A closed terminal whose shell did
/// not pass on SIGHUP reads as endless end-of-file, and crossterm's `poll` then spins inside
/// itself without returning, so the event loop can neither notice that nor a later signal.
/// This thread can: when the parent (the shell that started us) is gone, or a SIGTERM/SIGHUP
/// has not ended the loop within two seconds, it exits. Nothing is lost: bookmarks, history
/// and quiz answers are saved after every action.
fn spawn_watchdog(stop: Arc<AtomicUsize>) {
    let parent = parent_pid();
    std::thread::spawn(move || {
        let mut signalled_at: Option<std::time::Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(500));
            if parent_pid() != parent {
                std::process::exit(128 + 1);
            }
            let sig = stop.load(Ordering::Relaxed);
            if sig != 0 {
                let since = *signalled_at.get_or_insert_with(std::time::Instant::now);
                if since.elapsed() > Duration::from_secs(2) {
                    std::process::exit(128 + sig as i32);
                }
            }
        }
    });
}

/// The parent process id, to notice being orphaned when the terminal closes.
#[cfg(unix)]
fn parent_pid() -> u32 {
    std::os::unix::process::parent_id()
}

#[cfg(not(unix))]
fn parent_pid() -> u32 {
    0
}

/// Runs the browser until the user quits; restores the terminal on every exit path,
/// including a panic (ratatui's hook) and SIGTERM/SIGHUP.
pub fn run(
    ctx: &Context,
    theme_flag: Option<ThemeName>,
    color: ColorChoice,
    open: Option<&str>,
) -> ExitCode {
    let paths = Paths::default();
    let mut app = match prepare_without_search(ctx, theme_flag, color, &paths) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("mnguide: {e}");
            return ExitCode::from(1);
        }
    };
    // `mnguide open ID` starts at that section instead of where the last session ended.
    if let Some(id) = open {
        update::run(&mut app, action::Action::OpenSection(id.to_string()));
    }
    // Holds the number of a SIGTERM/SIGHUP received, 0 until then.
    let stop = Arc::new(AtomicUsize::new(0));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // Without the handler a signal kills the process with the terminal left raw; if it
        // cannot be installed, the browser still runs.
        let _ = signal_hook::flag::register_usize(sig, Arc::clone(&stop), sig as usize);
    }
    spawn_watchdog(Arc::clone(&stop));
    let mut terminal = ratatui::init();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture);
    // The first frame is drawn before the index is opened, so the two do not compete for
    // the processor; the index usually arrives before the first key.
    let first = terminal.draw(|f| view::draw(&mut app, f)).map(|_| ());
    let (tx, rx) = mpsc::channel();
    let guide = ctx.guide.clone();
    let index_dir = ctx.index_dir.clone();
    std::thread::spawn(move || {
        // The receiver may be gone if the user quit first; nothing to do then.
        let _ = tx.send(open_search(&guide, &index_dir));
    });
    let result = first.and_then(|()| event_loop(&mut terminal, &mut app, &paths, &stop, &rx));
    let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = std::io::stdout().flush();
    save_memory(&mut app, &paths);
    let signal = stop.load(Ordering::Relaxed);
    match result {
        // Stopped by a signal: the terminal is restored, and the exit status says why, as
        // the shell convention 128 + signal number.
        Ok(()) if signal > 0 => ExitCode::from(128u8.saturating_add(signal as u8)),
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mnguide: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

fn save_memory(app: &mut App, paths: &Paths) {
    if app.memory_dirty {
        match app.memory.save(&paths.memory) {
            Ok(()) => app.memory_dirty = false,
            Err(e) => {
                app.message = Some(format!(
                    "Could not save bookmarks and history to {}: {e}",
                    paths.memory.display()
                ));
                // Stop retrying every event; the next change tries again.
                app.memory_dirty = false;
            }
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    paths: &Paths,
    stop: &AtomicUsize,
    search_rx: &mpsc::Receiver<(Option<SearchIndex>, Option<String>)>,
) -> std::io::Result<()> {
    // The caller drew the first frame.
    let mut dirty = false;
    while !app.should_quit && stop.load(Ordering::Relaxed) == 0 {
        if app.search_loading
            && let Ok((search, note)) = search_rx.try_recv()
        {
            search_ready(app, search, note);
            dirty = true;
        }
        if dirty {
            terminal.draw(|f| view::draw(app, f))?;
            dirty = false;
        }
        // A timeout lets the loop notice a signal (and the index) even when no key comes.
        let wait = if app.search_loading { 10 } else { 200 };
        if !event::poll(Duration::from_millis(wait))? {
            continue;
        }
        let action = match event::read()? {
            Event::Key(k) => update::key_action(app, k),
            Event::Mouse(m) => update::mouse_action(m),
            Event::Resize(_, _) => Some(action::Action::Resize),
            _ => None,
        };
        if let Some(a) = action {
            update::run(app, a);
            save_memory(app, paths);
            dirty = true;
        }
    }
    Ok(())
}
