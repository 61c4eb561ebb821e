//! The `mnguide` program: the command line's definition and which command runs what.
//! Everything else is in the library; `cli::error` turns failures into exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use mnguide::cli::error::reported;
use mnguide::cli::{
    self, Error, ExportFormat, MAX_LIMIT, check, completions, export, index, manual, quiz, search,
    show, sources, topics,
};
use mnguide::env::{Env, Locations, Validation};
use mnguide::paths;
use mnguide::term::{self, ColorChoice};
use mnguide::tui::{self, theme::ThemeName};

#[derive(Debug, Parser)]
#[command(
    name = "mnguide",
    version,
    about = "Offline terminal reference guide on microneedling (collagen induction therapy)",
    long_about = "Offline terminal reference guide on microneedling (collagen induction therapy).\n\
                  With no command, opens the terminal browser. For education only: it does not \
                  replace clinical judgement."
)]
struct Cli {
    /// Guide folder to read (default: ./guide when present, else the built-in guide)
    #[arg(long, global = true, env = paths::GUIDE_ENV, value_name = "DIR")]
    guide: Option<PathBuf>,

    /// Folder for the search index (default: ./index beside ./guide, else the cache folder)
    #[arg(long, global = true, env = paths::INDEX_ENV, value_name = "DIR")]
    index_dir: Option<PathBuf>,

    /// When to colour output; NO_COLOR is honoured
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Colours of the terminal browser (default: from config.toml, else dark)
    #[arg(long, global = true, value_enum, value_name = "THEME")]
    theme: Option<ThemeName>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
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
    Quiz(quiz::QuizArgs),
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

/// `search` takes every word after its options as the query, hyphens included, so that any
/// text can be searched ("-sun", "- -"). A word that is exactly one of its own options
/// (`--json`, `--first`, `--limit N`, `--limit=N`, `-n N`) is still read as that option, as
/// grep and most tools do: nobody searches a guide for "--json", and many type it last.
fn hoist_search_options(cli: &mut Cli) {
    let Some(Command::Search {
        json,
        limit,
        first,
        query,
    }) = &mut cli.command
    else {
        return;
    };
    let mut words = Vec::with_capacity(query.len());
    let mut rest = std::mem::take(query).into_iter().peekable();
    while let Some(w) = rest.next() {
        match w.as_str() {
            "--json" => *json = true,
            "--first" => *first = true,
            "--limit" | "-n" if rest.peek().is_some_and(|n| parse_limit(n).is_ok()) => {
                *limit = rest
                    .next()
                    .and_then(|n| parse_limit(&n).ok())
                    .unwrap_or(*limit);
            }
            _ if w
                .strip_prefix("--limit=")
                .is_some_and(|n| parse_limit(n).is_ok()) =>
            {
                *limit = parse_limit(&w["--limit=".len()..]).unwrap_or(*limit);
            }
            _ => words.push(w),
        }
    }
    if words.is_empty() {
        Cli::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "search needs at least one word to look for",
            )
            .exit();
    }
    if *json && *first {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--first cannot be used with --json",
            )
            .exit();
    }
    *query = words;
}

fn main() -> ExitCode {
    paths::drop_empty_path_vars();
    let mut cli = Cli::parse();
    hoist_search_options(&mut cli);
    Error::finish(run(cli))
}

fn run(cli: Cli) -> cli::Result {
    if let Some(Command::Man) = &cli.command {
        return cli::write_out(&manual::page(Cli::command()));
    }
    if let Some(Command::Keys) = &cli.command {
        return cli::write_out(&tui::keymap::reference());
    }
    let at = Locations::find(cli.guide.as_deref(), cli.index_dir.as_deref());
    // A search against a current index needs nothing of the guide but its files' hash:
    // skipping the guide load makes a one-off `mnguide search` about twice as fast.
    if let Some(Command::Search {
        json,
        limit,
        query,
        first: false,
    }) = &cli.command
    {
        let out = search::Output {
            painter: mnguide::env::stdout_painter(cli.color),
            width: term::width(),
            json: *json,
        };
        if let Some(result) = search::run_on_current_index(&at, out, query, *limit) {
            return result;
        }
    }
    // `check` validates in full every time; everything else may start from the cache of
    // the validated guide kept beside the index.
    let validation = match cli.command {
        Some(Command::Check) => Validation::Full,
        _ => Validation::Cached,
    };
    let described = at.guide_source.describe();
    let env = Env::load(at, cli.color, validation).map_err(|problems| Error::Guide {
        problems,
        at: described,
        color: term::color_for(
            cli.color,
            std::io::IsTerminal::is_terminal(&std::io::stderr()),
        ),
    })?;
    match cli.command {
        None if tui::is_interactive() => reported(tui::run(&env, cli.theme, None)),
        Some(Command::Open { id }) => open(&env, cli.theme, &id),
        None => topics::run_default(&env),
        Some(Command::Topics { json }) => topics::run(&env, json),
        Some(Command::Sources { json }) => sources::run(&env, json),
        Some(Command::Show { id, json, brief }) => show::run(&env, &id, json, brief),
        Some(Command::Export { format }) => export::run(&env, format),
        Some(Command::Check) => check::run(&env),
        Some(Command::Search {
            query, first: true, ..
        }) => search::run_first(&env, &query),
        Some(Command::Search {
            json, limit, query, ..
        }) => search::run(&env, &query, json, limit),
        Some(Command::Index { rebuild }) => index::run(&env, rebuild),
        Some(Command::Quiz(args)) => reported(quiz::run(&env, args)),
        Some(Command::Completions { shell }) => completions::run(&env.guide, Cli::command(), shell),
        Some(Command::Man | Command::Keys) => Ok(()),
    }
}

/// `mnguide open ID`: the browser at that section; an unknown id is refused before the
/// screen is taken over, so the message stays readable.
fn open(env: &Env, theme: Option<ThemeName>, id: &str) -> cli::Result {
    if env.guide.section(id.trim()).is_none() {
        return Err(show::unknown_id(&env.guide, id));
    }
    if !tui::is_interactive() {
        return Err(Error::Unsupported(
            "open needs a terminal; to print the section use: mnguide show ID".into(),
        ));
    }
    reported(tui::run(env, theme, Some(id.trim())))
}
