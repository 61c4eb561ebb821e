//! The terminal browser: a topic tree, a reader, live search, help, history, bookmarks and
//! the quiz. Elm style: one [`App`](app::App) state, [`update`](update::update) applies
//! actions to it without a terminal, the panes draw it; this file runs the loop.

pub mod action;
pub mod app;
pub mod config;
pub mod guard;
pub mod input;
pub mod keymap;
pub mod memory;
pub mod pane;
pub mod quiz_state;
pub mod rawinput;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::{EnableBracketedPaste, Event, KeyCode, KeyModifiers};
use crossterm::terminal::EnterAlternateScreen;

use crate::content::Guide;
use crate::env::Env;
use crate::search::{IndexStatus, SearchIndex, Storage};
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
    // In memory: the browser runs for hours, and a file changed under a mapping would kill
    // it (SIGBUS) or feed the searcher bad bytes.
    match SearchIndex::open_or_build_with(guide, index_dir, Storage::Memory) {
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
    env: &Env,
    theme_flag: Option<ThemeName>,
    color: ColorChoice,
    paths: &Paths,
) -> Result<App, String> {
    let mut app = prepare_without_search(env, theme_flag, color, paths)?;
    let (search, note) = open_search(&env.guide, &env.index_dir);
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
    env: &Env,
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
    let (memory, mem_warning) = Memory::load_for(&paths.memory, &env.guide.meta.title);
    let mut app = App::new(Arc::clone(&env.guide), None, keymap, theme, memory);
    app.mouse = config.mouse.unwrap_or(true);
    show_notice_once(&mut app);
    app.search_loading = true;
    app.quiz.attach_store(&paths.data_dir);
    app.rebuild_tree();
    app.message = mem_warning.or(app.quiz.take_warning());
    Ok(app)
}

/// The disclaimer, version and review date, shown by themselves at the first start (and
/// again when the guide's version changes), then remembered.
pub fn show_notice_once(app: &mut App) {
    let version = app.guide.meta.version.clone();
    if app.memory.notice_seen.as_deref() != Some(version.as_str()) {
        app.overlay = app::Overlay::About {
            scroll: 0,
            notice: true,
        };
        app.memory.notice_seen = Some(version);
        app.memory_dirty = true;
    }
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

/// Ends the process when the terminal is gone for good, or when a stop signal has not ended
/// the loop within two seconds (the loop is stuck in a long computation): the terminal is
/// restored first. Nothing is lost: bookmarks, history and quiz answers are saved after
/// every action.
fn spawn_watchdog(stop: Arc<AtomicUsize>) {
    let parent = parent_pid();
    std::thread::spawn(move || {
        let mut signalled_at: Option<std::time::Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(500));
            if parent_pid() != parent {
                guard::restore_now();
                std::process::exit(128 + 1);
            }
            let sig = stop.load(Ordering::Relaxed);
            if sig != 0 {
                let since = *signalled_at.get_or_insert_with(std::time::Instant::now);
                if since.elapsed() > Duration::from_secs(2) {
                    guard::restore_now();
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

/// Flags the signal handlers set for the event loop.
struct Signals {
    /// The number of a stop signal received (SIGTERM, SIGINT, ...), 0 until then.
    stop: Arc<AtomicUsize>,
    /// SIGTSTP: give the terminal back and stop until SIGCONT.
    suspend: Arc<AtomicBool>,
    /// SIGCONT: the shell may have changed the terminal's modes; take it over again.
    resumed: Arc<AtomicBool>,
    /// SIGWINCH: redraw at the new size.
    resized: Arc<AtomicBool>,
}

impl Signals {
    fn install() -> Signals {
        let s = Signals {
            stop: Arc::new(AtomicUsize::new(0)),
            suspend: Arc::new(AtomicBool::new(false)),
            resumed: Arc::new(AtomicBool::new(false)),
            resized: Arc::new(AtomicBool::new(false)),
        };
        // Without a handler these signals kill the process with the terminal left raw; if
        // one cannot be installed, the browser still runs.
        for &sig in guard::STOP_SIGNALS {
            let _ = signal_hook::flag::register_usize(sig, Arc::clone(&s.stop), sig as usize);
        }
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGCONT, SIGTSTP, SIGWINCH};
            let _ = signal_hook::flag::register(SIGTSTP, Arc::clone(&s.suspend));
            let _ = signal_hook::flag::register(SIGCONT, Arc::clone(&s.resumed));
            let _ = signal_hook::flag::register(SIGWINCH, Arc::clone(&s.resized));
        }
        s
    }
}

/// Takes the terminal over: raw mode, alternate screen, bracketed paste, and the mouse
/// (clicks and wheel only) unless turned off.
fn enter_terminal(mouse: bool) -> std::io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    guard::set_active(true);
    crossterm::execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        crossterm::cursor::Hide
    )?;
    if mouse {
        let mut out = std::io::stdout();
        out.write_all(update::MOUSE_ON.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}

/// Writes what the last actions asked of the terminal itself (mouse modes, clipboard).
fn write_terminal_out(app: &mut App) -> std::io::Result<()> {
    if app.terminal_out.is_empty() {
        return Ok(());
    }
    let mut out = std::io::stdout();
    for seq in app.terminal_out.drain(..) {
        out.write_all(seq.as_bytes())?;
    }
    out.flush()
}

/// Gives the terminal back as it was found.
fn leave_terminal() {
    let _ = std::io::stdout().flush();
    let _ = crossterm::terminal::disable_raw_mode();
    // Writes every "off" sequence and puts back the saved modes, even if crossterm's own
    // bookkeeping thought raw mode was already off.
    guard::set_active(true);
    guard::restore_now();
}

/// Runs the browser until the user quits; restores the terminal on every exit path,
/// including a panic, a memory fault and every signal that ends or stops the process.
pub fn run(env: &Env, theme_flag: Option<ThemeName>, open: Option<&str>) -> ExitCode {
    if let Some(why) = dumb_terminal() {
        crate::term::say!("mnguide: {why}");
        return ExitCode::from(2);
    }
    let paths = Paths::default();
    let mut app = match prepare_without_search(env, theme_flag, env.color, &paths) {
        Ok(app) => app,
        Err(e) => {
            crate::term::say!("mnguide: {e}");
            return ExitCode::from(1);
        }
    };
    let signals = Signals::install();
    spawn_watchdog(Arc::clone(&signals.stop));
    guard::save();
    guard::install();
    let terminal = enter_terminal(app.mouse).and_then(|()| {
        ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
    });
    let mut terminal = match terminal {
        Ok(t) => t,
        Err(e) => {
            leave_terminal();
            crate::term::say!("mnguide: cannot use the terminal: {e}");
            return ExitCode::from(1);
        }
    };
    // `mnguide open ID` starts at that section instead of where the last session ended.
    if let Some(id) = open {
        update::run(&mut app, action::Action::OpenSection(id.to_string()));
    }
    // The first frame is drawn before the index is opened, so the two do not compete for
    // the processor; the index usually arrives before the first key.
    let first = terminal.draw(|f| view::draw(&mut app, f)).map(|_| ());
    let (tx, rx) = mpsc::channel();
    // The search thread shares the guide; it is never copied.
    let guide = Arc::clone(&env.guide);
    let index_dir = env.index_dir.clone();
    std::thread::spawn(move || {
        // The receiver may be gone if the user quit first; nothing to do then.
        let _ = tx.send(open_search(&guide, &index_dir));
    });
    let result = first.and_then(|()| event_loop(&mut terminal, &mut app, &paths, &signals, &rx));
    leave_terminal();
    save_memory(&mut app, &paths);
    let signal = signals.stop.load(Ordering::Relaxed);
    match result {
        // Stopped by a signal: the terminal is restored, and the exit status says why, as
        // the shell convention 128 + signal number.
        Ok(()) if signal > 0 => ExitCode::from(128u8.saturating_add(signal as u8)),
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::term::say!("mnguide: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// A reason not to start the full-screen browser on this terminal, if there is one.
fn dumb_terminal() -> Option<String> {
    match std::env::var("TERM") {
        Ok(t) if t == "dumb" => Some(
            "TERM=dumb: this terminal cannot show the full-screen browser; use the commands \
             instead (`mnguide topics`, `mnguide show ID`, `mnguide search WORDS`, \
             `mnguide quiz`; see `mnguide --help`)"
                .to_string(),
        ),
        _ => None,
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

/// Gives the terminal back and stops (as the shell expects of Ctrl-Z), then takes it over
/// again and redraws everything when continued.
fn suspend(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> std::io::Result<()> {
    leave_terminal();
    #[cfg(unix)]
    {
        // Stops the process with the default action; returns once SIGCONT came.
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    }
    resume(terminal, mouse)
}

fn resume(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> std::io::Result<()> {
    // crossterm believes raw mode is still on after a stop it did not see; reset its view.
    let _ = crossterm::terminal::disable_raw_mode();
    enter_terminal(mouse)?;
    // Clear and forget what was drawn, so the next frame redraws every cell. Not
    // `Terminal::clear`: that asks the terminal for the cursor position, and crossterm's
    // reader would then take keys meant for ours.
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Events that only edit the search box can be applied in a row with one search at the end.
fn edits_search_box(a: &action::Action) -> bool {
    use action::Action::*;
    matches!(
        a,
        Type(_)
            | DeleteBack
            | DeleteForward
            | DeleteWordBack
            | DeleteWordForward
            | ClearInput
            | CursorLeft
            | CursorRight
            | CursorHome
            | CursorEnd
            | WordLeft
            | WordRight
    )
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    paths: &Paths,
    signals: &Signals,
    search_rx: &mpsc::Receiver<(Option<SearchIndex>, Option<String>)>,
) -> std::io::Result<()> {
    let mut reader = rawinput::Reader::new();
    // The caller drew the first frame.
    let mut dirty = false;
    while !app.should_quit && signals.stop.load(Ordering::Relaxed) == 0 {
        dirty |= between_events(terminal, app, signals, search_rx)?;
        if dirty {
            terminal.draw(|f| view::draw(app, f))?;
            write_terminal_out(app)?;
            dirty = false;
        }
        // A timeout lets the loop notice a signal (and the index) even when no key comes.
        let wait = if app.search_loading { 10 } else { 200 };
        let events = match reader.wait(Duration::from_millis(wait))? {
            rawinput::Batch::Events(events) => events,
            // The terminal is gone: nothing more can come, so end as after a hang-up.
            rawinput::Batch::Closed => {
                signals
                    .stop
                    .store(signal_hook::consts::SIGHUP as usize, Ordering::SeqCst);
                break;
            }
        };
        if events.is_empty() {
            continue;
        }
        apply_batch(terminal, app, events)?;
        dirty = true;
        save_memory(app, paths);
    }
    Ok(())
}

/// What happened while no key came: a stop and continue, a resize, the search index ready.
/// True when the screen must be drawn again.
fn between_events(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    signals: &Signals,
    search_rx: &mpsc::Receiver<(Option<SearchIndex>, Option<String>)>,
) -> std::io::Result<bool> {
    let mut dirty = false;
    if signals.suspend.swap(false, Ordering::SeqCst) {
        signals.resumed.store(false, Ordering::SeqCst);
        suspend(terminal, app.mouse)?;
        dirty = true;
    }
    if signals.resumed.swap(false, Ordering::SeqCst) {
        // Continued after a stop we did not ask for (SIGSTOP): the shell has reset
        // the terminal, so take it over again.
        resume(terminal, app.mouse)?;
        dirty = true;
    }
    if signals.resized.swap(false, Ordering::SeqCst) {
        update::run(app, action::Action::Resize);
        dirty = true;
    }
    if app.search_loading
        && let Ok((search, note)) = search_rx.try_recv()
    {
        search_ready(app, search, note);
        dirty = true;
    }
    Ok(dirty)
}

/// One batch of input events. The whole batch is applied before one search and one
/// redraw: a paste or a burst of keys costs one update, not one per character.
fn apply_batch(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    events: Vec<Event>,
) -> std::io::Result<()> {
    app.search_ui.defer = true;
    for ev in events {
        if app.should_quit {
            break;
        }
        let action = match ev {
            Event::Key(k)
                if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('z') =>
            {
                // Raw mode turns Ctrl-Z into a key; do what the shell would.
                pane::search::flush(app);
                suspend(terminal, app.mouse)?;
                None
            }
            Event::Key(k) => update::key_action(app, k),
            Event::Mouse(m) => update::mouse_action(m),
            Event::Resize(_, _) => Some(action::Action::Resize),
            Event::Paste(text) => {
                pane::search::paste(app, &text);
                None
            }
            _ => None,
        };
        if let Some(a) = action {
            if !edits_search_box(&a) {
                // Anything else may read the results: bring them up to date first.
                pane::search::flush(app);
            }
            update::run(app, a);
        }
    }
    pane::search::flush(app);
    app.search_ui.defer = false;
    Ok(())
}
