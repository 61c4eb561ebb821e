//! The scriptable command line: one file per subcommand, all reading the same `Guide`.

pub mod anki;
pub mod brief;
pub mod check;
pub mod completions;
pub mod export;
pub mod index;
pub mod manual;
pub mod quiz;
pub mod render;
pub mod search;
pub mod show;
pub mod sources;
pub mod topics;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::content::{self, Guide, GuideSource, Problem};
use crate::paths;
use crate::term::{self, ColorChoice, Painter};

#[derive(Debug, Parser)]
#[command(
    name = "mnguide",
    version,
    about = "Offline terminal reference guide on microneedling (collagen induction therapy)",
    long_about = "Offline terminal reference guide on microneedling (collagen induction therapy).\n\
                  With no command, opens the terminal browser. For education only: it does not \
                  replace clinical judgement."
)]
pub struct Cli {
    /// Guide folder to read (default: ./guide when present, else the built-in guide)
    #[arg(long, global = true, env = paths::GUIDE_ENV, value_name = "DIR")]
    pub guide: Option<PathBuf>,

    /// Folder for the search index (default: ./index beside ./guide, else the cache folder)
    #[arg(long, global = true, env = paths::INDEX_ENV, value_name = "DIR")]
    pub index_dir: Option<PathBuf>,

    /// When to colour output; NO_COLOR is honoured
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Colours of the terminal browser (default: from config.toml, else dark)
    #[arg(long, global = true, value_enum, value_name = "THEME")]
    pub theme: Option<crate::tui::theme::ThemeName>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search the guide: ranked sections with highlighted snippets
    Search {
        /// Print hits as a JSON array
        #[arg(long)]
        json: bool,
        /// Most hits to show (1 to 1000)
        #[arg(long, short = 'n', default_value_t = 10, value_parser = parse_limit)]
        limit: usize,
        /// Print only the best hit, in the short form of `show --brief`
        #[arg(long, conflicts_with = "json")]
        first: bool,
        /// What to look for; any text is valid (`topic:ID` and `tag:TAG` narrow it)
        #[arg(required = true, num_args = 1.., allow_hyphen_values = true)]
        query: Vec<String>,
    },
    /// Show one section as readable text
    Show {
        /// Section or topic id (see `mnguide topics`)
        id: String,
        /// Print the section as JSON
        #[arg(long)]
        json: bool,
        /// Only the title, bottom line, evidence line and key numbers
        #[arg(long, short = 'b', conflicts_with = "json")]
        brief: bool,
    },
    /// Open the terminal browser at one section
    Open {
        /// Section id (see `mnguide topics`)
        id: String,
    },
    /// List every source: its full reference and the sections that cite it
    Sources {
        /// Print the list as JSON, with every structured field
        #[arg(long)]
        json: bool,
    },
    /// List the topic tree
    Topics {
        /// Print the tree as JSON
        #[arg(long)]
        json: bool,
    },
    /// Export the whole guide
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
    },
    /// Validate the guide (and the search index) and print a summary
    Check,
    /// Build the search index and print what it holds
    Index {
        /// Rebuild even when the index is up to date
        #[arg(long)]
        rebuild: bool,
    },
    /// Myth-or-fact quiz in line mode, answers read from standard input
    Quiz {
        /// Which items to ask
        #[arg(long, value_enum, default_value_t = QuizMode::Due)]
        mode: QuizMode,
        /// How many items to ask
        #[arg(long)]
        count: Option<usize>,
        /// Only items about this topic id
        #[arg(long)]
        topic: Option<String>,
        /// Print progress instead of asking
        #[arg(long)]
        stats: bool,
        /// With --stats, print JSON
        #[arg(long, requires = "stats")]
        json: bool,
        /// Never ask this item again (until --unsuspend)
        #[arg(long, value_name = "ITEM_ID", conflicts_with = "unsuspend")]
        suspend: Option<String>,
        /// Ask a suspended item again
        #[arg(long, value_name = "ITEM_ID")]
        unsuspend: Option<String>,
        /// List the items by topic with their state (new, learning, due, learnt, suspended);
        /// --topic narrows it
        #[arg(long)]
        list: bool,
        /// Forget all progress of one topic's items (asks first; `--yes` skips the question)
        #[arg(long, value_name = "TOPIC_ID")]
        reset: Option<String>,
        /// With --reset, do not ask
        #[arg(long, requires = "reset")]
        yes: bool,
    },
    /// Print a shell completion script (completes section, topic and quiz ids too)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff); see the README for installing it
    Man,
    /// Print the browser's key bindings and how config.toml rebinds them
    Keys,
}

/// Most hits `search --limit` accepts: far more than any guide's sections, and small
/// enough that nothing sized by it can exhaust memory.
pub const MAX_LIMIT: usize = 1000;

fn parse_limit(s: &str) -> Result<usize, String> {
    let n: u64 = s
        .trim()
        .parse()
        .map_err(|_| format!("expected a whole number from 1 to {MAX_LIMIT}"))?;
    match usize::try_from(n) {
        Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        _ => Err(format!("{n} is out of range: use 1 to {MAX_LIMIT}")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Markdown,
    /// Anki's plain-text import format: one note per quiz item
    Anki,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuizMode {
    /// Items due for review first
    Due,
    /// Every item, shuffled
    All,
    /// Items answered wrong before
    Missed,
    /// N items, no feedback until the scored report
    Exam,
}

/// What every subcommand needs: the guide and where things live.
pub struct Context {
    pub guide: Guide,
    pub guide_source: GuideSource,
    pub index_dir: PathBuf,
    pub painter: Painter,
    pub width: usize,
    /// Warnings from loading, for `check` to print.
    pub warnings: Vec<Problem>,
}

impl Context {
    /// Where the guide and its index are, by the precedence in the README.
    fn locate(cli: &Cli) -> (GuideSource, PathBuf) {
        let guide_source = paths::guide_source(cli.guide.as_deref());
        let index_dir = paths::index_dir(cli.index_dir.as_deref(), &guide_source);
        (guide_source, index_dir)
    }

    /// How stdout is painted: colour by `--color`, `NO_COLOR` and whether it is a terminal.
    fn painter(cli: &Cli) -> Painter {
        Painter {
            color: term::use_color(cli.color),
        }
    }

    /// Loads the guide; on failure prints every problem and returns exit code 1.
    pub fn load(cli: &Cli) -> Result<Context, ExitCode> {
        let (guide_source, index_dir) = Context::locate(cli);
        let stderr_color = term::color_for(
            cli.color,
            std::io::IsTerminal::is_terminal(&std::io::stderr()),
        );
        // `check` validates in full every time; everything else may start from the cache
        // of the validated guide kept beside the index.
        let loaded = if matches!(cli.command, Some(Command::Check)) {
            content::load(&guide_source)
        } else {
            content::load_cached(&guide_source, &index_dir)
        };
        match loaded {
            Ok(loaded) => Ok(Context {
                guide: loaded.guide,
                guide_source,
                index_dir,
                painter: Context::painter(cli),
                width: term::width(),
                warnings: loaded.warnings,
            }),
            Err(problems) => {
                print_problems(&problems, stderr_color);
                let errors = problems.iter().filter(|p| p.is_error()).count();
                eprintln!(
                    "mnguide: the guide at {} has {errors} error{}; nothing was shown",
                    term::clean_line(&guide_source.describe()),
                    if errors == 1 { "" } else { "s" }
                );
                Err(ExitCode::from(1))
            }
        }
    }
}

pub fn print_problems(problems: &[Problem], color: bool) {
    for p in problems {
        eprintln!("{}", p.render(color));
    }
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    if let Some(Command::Man) = &cli.command {
        return emit(&manual::page());
    }
    if let Some(Command::Keys) = &cli.command {
        return emit(&crate::tui::keymap::reference());
    }
    // A search against a current index needs nothing of the guide but its files' hash:
    // skipping the guide load makes a one-off `mnguide search` about twice as fast.
    if let Some(Command::Search {
        json,
        limit,
        query,
        first: false,
    }) = &cli.command
    {
        let (source, index_dir) = Context::locate(&cli);
        let out = search::Output {
            painter: Context::painter(&cli),
            width: term::width(),
            json: *json,
        };
        if let Some(code) = search::run_on_current_index(&source, &index_dir, out, query, *limit) {
            return code;
        }
    }
    let ctx = match Context::load(&cli) {
        Ok(ctx) => ctx,
        Err(code) => return code,
    };
    match cli.command {
        None if crate::tui::is_interactive() => crate::tui::run(&ctx, cli.theme, cli.color, None),
        Some(Command::Open { id }) => open(&ctx, cli.theme, cli.color, &id),
        None => topics::run_default(&ctx),
        Some(Command::Topics { json }) => topics::run(&ctx, json),
        Some(Command::Sources { json }) => sources::run(&ctx, json),
        Some(Command::Show { id, json, brief }) => show::run(&ctx, &id, json, brief),
        Some(Command::Export { format }) => export::run(&ctx, format),
        Some(Command::Check) => check::run(&ctx),
        Some(Command::Search {
            query, first: true, ..
        }) => search::run_first(&ctx, &query),
        Some(Command::Search {
            json, limit, query, ..
        }) => search::run(&ctx, &query, json, limit),
        Some(Command::Index { rebuild }) => index::run(&ctx, rebuild),
        Some(Command::Quiz {
            mode,
            count,
            topic,
            stats,
            json,
            suspend,
            unsuspend,
            list,
            reset,
            yes,
        }) => quiz::run(
            &ctx,
            quiz::QuizArgs {
                mode,
                count,
                topic,
                stats,
                json,
                suspend,
                unsuspend,
                list,
                reset,
                yes,
            },
        ),
        Some(Command::Completions { shell }) => completions::run(&ctx.guide, shell),
        Some(Command::Man | Command::Keys) => ExitCode::SUCCESS,
    }
}

/// `mnguide open ID`: the browser at that section; an unknown id is refused before the
/// screen is taken over, so the message stays readable.
fn open(
    ctx: &Context,
    theme: Option<crate::tui::theme::ThemeName>,
    color: ColorChoice,
    id: &str,
) -> ExitCode {
    if ctx.guide.section(id.trim()).is_none() {
        show::unknown_id(&ctx.guide, id);
        return ExitCode::from(1);
    }
    if !crate::tui::is_interactive() {
        eprintln!("mnguide: open needs a terminal; to print the section use: mnguide show ID");
        return ExitCode::from(2);
    }
    crate::tui::run(ctx, theme, color, Some(id.trim()))
}

/// Writes to stdout, treating a closed pipe (`mnguide export | head`) as success.
pub fn emit(text: &str) -> ExitCode {
    use std::io::Write;
    // Every command's output passes here: whatever a renderer let through, no control or
    // bidi character but the painter's colours reaches the terminal.
    let text = term::sanitize_output(text);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mnguide: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Pretty JSON of any serialisable value, followed by a newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_string());
    s.push('\n');
    term::escape_json_controls(s)
}
