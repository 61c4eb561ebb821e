//! `mnguide quiz`: the myth-or-fact quiz in line mode (answers read from standard input, so it
//! works in a pipe), and `mnguide quiz --stats` for progress so far.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Context, Error, ItemKind, QuizMode, emit, render, write_json};
use crate::content::{Answer, OPTION_LETTERS, QuizKind};
use crate::format;
use crate::quiz::stats::{MASTERY_MEANING, NOT_YET_ANSWERED};
use crate::quiz::{
    DeckItem, ExamReport, Feedback, Grade, Mode, Phase, Progress, QuizError, QuizSession,
    SessionOptions, Stats, counts, deck, stats,
};
use crate::term::{self, CleanWriter, Painter};

// What `mnguide quiz` was asked to do, read by clap straight from the command line: the
// doc comments are the options' `--help` lines.
#[derive(Debug, Clone, clap::Args)]
pub struct QuizArgs {
    /// Which items to ask
    #[arg(long, value_enum, default_value_t = QuizMode::Due)]
    pub mode: QuizMode,
    /// How many items to ask
    #[arg(long)]
    pub count: Option<usize>,
    /// Only items about this topic id
    #[arg(long)]
    pub topic: Option<String>,
    /// Only items of this kind (asked, or listed with --list)
    #[arg(long, value_enum, conflicts_with_all = ["stats", "reset"])]
    pub kind: Option<ItemKind>,
    /// Print progress instead of asking
    #[arg(long)]
    pub stats: bool,
    /// With --stats, print JSON
    #[arg(long, requires = "stats")]
    pub json: bool,
    /// Never ask this item again (until --unsuspend)
    #[arg(long, value_name = "ITEM_ID", conflicts_with = "unsuspend")]
    pub suspend: Option<String>,
    /// Ask a suspended item again
    #[arg(long, value_name = "ITEM_ID")]
    pub unsuspend: Option<String>,
    /// List the items by topic with their state (new, learning, due, learnt, suspended);
    /// --topic narrows it
    #[arg(long)]
    pub list: bool,
    /// Forget all progress of one topic's items (asks first; `--yes` skips the question)
    #[arg(long, value_name = "TOPIC_ID")]
    pub reset: Option<String>,
    /// With --reset, do not ask
    #[arg(long, requires = "reset")]
    pub yes: bool,
}

pub fn mode_of(mode: QuizMode) -> Mode {
    match mode {
        QuizMode::Due => Mode::Due,
        QuizMode::All => Mode::All,
        QuizMode::Missed => Mode::Missed,
        QuizMode::Exam => Mode::Exam,
    }
}

pub fn kind_of(kind: ItemKind) -> QuizKind {
    match kind {
        ItemKind::MythOrFact => QuizKind::MythFact,
        ItemKind::BestOfFive => QuizKind::BestOfFive,
    }
}

pub fn run(ctx: &Context, args: QuizArgs) -> ExitCode {
    let mut progress = Progress::open_default();
    for w in progress.take_warnings() {
        crate::term::say!("mnguide: warning: {w}");
    }
    let now = Utc::now();
    if args.stats {
        return run_stats(ctx, &progress, args.json, now);
    }
    let kind = args.kind.map(kind_of);
    if args.list {
        return list_items(ctx, &progress, args.topic.as_deref(), kind, now);
    }
    if let Some(topic) = &args.reset {
        return run_reset(ctx, &mut progress, topic, args.yes);
    }
    if let Some((id, on)) = args
        .suspend
        .as_ref()
        .map(|i| (i, true))
        .or(args.unsuspend.as_ref().map(|i| (i, false)))
    {
        return set_suspended(ctx, &mut progress, id.trim(), on);
    }
    run_sitting(ctx, &mut progress, &args, kind, now)
}

/// `--reset TOPIC` at the terminal: asks for confirmation on stdin unless `yes`.
fn run_reset(ctx: &Context, progress: &mut Progress, topic: &str, yes: bool) -> ExitCode {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match reset_topic(ctx, progress, topic, yes, &mut input, &mut out) {
        Ok(code) => code,
        Err(e) => {
            crate::term::say!("mnguide: {e}");
            ExitCode::from(1)
        }
    }
}

/// A sitting at the terminal, then one last try at saving what could not be saved during it.
fn run_sitting(
    ctx: &Context,
    progress: &mut Progress,
    args: &QuizArgs,
    kind: Option<QuizKind>,
    now: DateTime<Utc>,
) -> ExitCode {
    let options = SessionOptions::new(mode_of(args.mode))
        .count(args.count)
        .topic(args.topic.clone())
        .kind(kind)
        // Any varying seed will do: it only shuffles `all` and `exam` sittings.
        .seed(now.timestamp_nanos_opt().unwrap_or_default() as u64);
    let session = match QuizSession::new(&ctx.guide, progress, options, now) {
        Ok(s) => s,
        Err(QuizError::UnknownTopic { given, closest }) => {
            return Error::finish(Err(Error::no_such(
                "topic",
                &given,
                "closest topic ids",
                &closest,
                Some("list them all with: mnguide topics"),
            )));
        }
    };
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = drive(ctx, progress, session, &mut input, &mut out, Utc::now);
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            crate::term::say!("mnguide: quiz stopped: {e}");
            return ExitCode::from(1);
        }
    }
    flush_unsaved(progress)
}

/// Saves answers that could not be saved during the sitting (the folder may have become
/// writable again); failure is reported with how many were lost and where they belonged.
fn flush_unsaved(progress: &mut Progress) -> ExitCode {
    if progress.unsaved() == 0 {
        return ExitCode::SUCCESS;
    }
    if let Err(e) = progress.flush() {
        crate::term::say!(
            "mnguide: {} answer{} could not be saved to {}: {e}",
            progress.unsaved(),
            if progress.unsaved() == 1 { "" } else { "s" },
            progress
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// Runs a session against any input and output, reading one answer per line. `clock` gives
/// the time of each answer. Ends at the last item, on `q`, or at the end of input, then
/// prints the summary (and the report of an exam).
pub fn drive(
    ctx: &Context,
    progress: &mut Progress,
    mut session: QuizSession,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    clock: fn() -> DateTime<Utc>,
) -> io::Result<()> {
    // Everything the sitting prints is cleaned on the way out, so no line has to clean the
    // guide text or input it quotes.
    let mut out = CleanWriter::new(out, ctx.painter);
    let out: &mut dyn Write = &mut out;
    let p = ctx.painter;
    if session.phase() == Phase::Finished {
        writeln!(out, "{}", nothing_to_ask(session.mode(), progress, ctx))?;
        return Ok(());
    }
    write_intro(out, ctx, &session, progress, clock)?;
    // The count asked for is the number of different items; a missed item that comes back
    // later in the session is an extra and says so, instead of silently growing the count.
    let planned = session.remaining();
    let mut asked: HashSet<String> = HashSet::new();
    // An answer typed at the grade prompt: the grade stays natural and the line answers
    // the next item, so answers piped one per line keep working.
    let mut carried: Option<String> = None;
    'ask: while session.phase() == Phase::Asking {
        let Some(entry) = session.current_entry() else {
            break;
        };
        let place = if asked.insert(entry.item.id.clone()) {
            format!("[{}/{planned}]", asked.len())
        } else {
            "[extra: missed earlier]".to_string()
        };
        write_item(out, ctx, entry, &place)?;
        let kind = entry.item.kind();
        let Some(reply) = read_reply(input, out, kind, carried.take())? else {
            break;
        };
        let given = match reply {
            Reply::Answer(a) => a,
            Reply::Quit => break 'ask,
            Reply::Undo => {
                undo(&mut session, progress, out, p)?;
                continue 'ask;
            }
            Reply::Suspend => {
                suspend(&mut session, progress, out, p)?;
                continue 'ask;
            }
        };
        let Some(outcome) = session.answer(progress, given, clock()) else {
            break;
        };
        if let Some(e) = &outcome.save_error {
            writeln!(
                out,
                "{}",
                p.warn(&format!("Progress not saved ({}); will retry.", e))
            )?;
        }
        if let Some(fb) = outcome.feedback {
            write_feedback(out, ctx, &fb)?;
            match ask_grade(ctx, &mut session, progress, &fb, input, out, clock)? {
                AfterFeedback::Next => {}
                AfterFeedback::Carry(reply) => carried = Some(reply),
                AfterFeedback::Stop => break 'ask,
            }
        }
    }
    session.finish();
    writeln!(out)?;
    if let Some(report) = session.exam_report() {
        write_exam_report(out, ctx, &report)?;
    }
    write_summary(out, ctx, progress, &session, clock)
}

/// The sitting's first lines: how many items from where, the keys, and the queue's counts.
fn write_intro(
    out: &mut dyn Write,
    ctx: &Context,
    session: &QuizSession,
    progress: &Progress,
    clock: fn() -> DateTime<Utc>,
) -> io::Result<()> {
    let p = ctx.painter;
    // A one-topic sitting names its topic by title, as the lines of each item do.
    let from = session
        .topic()
        .and_then(|t| ctx.guide.topic(t))
        .map(|t| format!(" from {}", t.title))
        .unwrap_or_default();
    writeln!(
        out,
        "{} {} item{}{from} ({} mode). Answer m (myth) or f (fact), or a-e for a best-of-five case; u undoes the last answer, s suspends an item, q stops.{}",
        p.heading("Quiz:"),
        session.remaining(),
        if session.remaining() == 1 { "" } else { "s" },
        session.mode().as_str(),
        if session.is_exam() {
            " Feedback comes at the end."
        } else {
            ""
        }
    )?;
    if let Ok(mut deck) = deck::build(&ctx.guide, session.topic()) {
        deck.retain(|d| session.kind().is_none_or(|k| d.item.kind() == k));
        let c = counts(&deck, progress, clock());
        writeln!(
            out,
            "{}",
            p.dim(&format!(
                "New {} · learning {} · due {}",
                c.new, c.learning, c.due
            ))
        )?;
    }
    Ok(())
}

/// Where an item is from, its statement and, for a case, its options.
fn write_item(out: &mut dyn Write, ctx: &Context, entry: &DeckItem, place: &str) -> io::Result<()> {
    let p = ctx.painter;
    let width = ctx.width;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        p.dim(&format!(
            "{place} {} > {}",
            entry.topic_title, entry.section_title
        ))
    )?;
    writeln!(
        out,
        "{}",
        p.bold(wrap(&entry.item.statement, width, "").trim_end())
    )?;
    if let Some(case) = &entry.item.case {
        for (l, o) in OPTION_LETTERS.iter().zip(&case.options) {
            write!(
                out,
                "{}",
                wrap_hanging(o, width, &format!("  {l}) "), "     ")
            )?;
        }
    }
    Ok(())
}

/// The verdict on an answer, the explanation, its sources and where to read more.
fn write_feedback(out: &mut dyn Write, ctx: &Context, fb: &Feedback) -> io::Result<()> {
    let p = ctx.painter;
    let width = ctx.width;
    let verdict = if fb.correct {
        p.highlight("Correct")
    } else {
        p.warn("Not quite")
    };
    match fb.item.kind() {
        QuizKind::MythFact => writeln!(out, "{verdict}: it is a {}.", fb.item.answer.as_str())?,
        QuizKind::BestOfFive => {
            write!(
                out,
                "{}",
                wrap_hanging(
                    &format!("best answer {}", fb.item.answer_text()),
                    width,
                    &format!("{verdict}: "),
                    "  "
                )
            )?;
        }
    }
    for para in fb.explanation.split('\n') {
        write!(out, "{}", wrap_hanging(para, width, "  ", "     "))?;
    }
    if !fb.sources.is_empty() {
        let labels: Vec<String> = fb
            .sources
            .iter()
            .map(|s| ctx.guide.source_label(s))
            .collect();
        let line = format!("Sources: {}", labels.join("; "));
        write!(out, "{}", wrap(&line, width, "  "))?;
    }
    writeln!(
        out,
        "  Read more: mnguide show {} ({})",
        fb.section, fb.section_title
    )?;
    if fb.requeued {
        writeln!(
            out,
            "  {}",
            p.dim("This one comes back as an extra in a few items.")
        )?;
    }
    Ok(())
}

/// An exam's score and each missed item with its answer, shown once the exam is over.
fn write_exam_report(out: &mut dyn Write, ctx: &Context, report: &ExamReport) -> io::Result<()> {
    let p = ctx.painter;
    let width = ctx.width;
    let pct = format::percent(report.score, report.total);
    writeln!(
        out,
        "{} {} of {} right ({pct}%)",
        p.heading("Exam report:"),
        report.score,
        report.total
    )?;
    if report.unanswered > 0 {
        writeln!(out, "{} not answered.", report.unanswered)?;
    }
    if !report.missed.is_empty() {
        writeln!(out, "Missed:")?;
        for (i, (item, explanation)) in report.missed.iter().enumerate() {
            let first = format!("{}. ", i + 1);
            write!(
                out,
                "{}",
                wrap_hanging(&item.statement, width, &first, "   ")
            )?;
            match item.kind() {
                QuizKind::MythFact => writeln!(out, "   It is a {}.", item.answer.as_str())?,
                QuizKind::BestOfFive => write!(
                    out,
                    "{}",
                    wrap(&format!("Best answer {}", item.answer_text()), width, "   ")
                )?,
            }
            write!(out, "{}", wrap(explanation, width, "   "))?;
            writeln!(out, "   Read more: mnguide show {}", item.section)?;
        }
    }
    Ok(())
}

/// The session's score, accuracy by topic, what is due next and where progress was saved.
fn write_summary(
    out: &mut dyn Write,
    ctx: &Context,
    progress: &Progress,
    session: &QuizSession,
    clock: fn() -> DateTime<Utc>,
) -> io::Result<()> {
    let p = ctx.painter;
    let summary = session.summary(progress);
    if summary.answered == 0 {
        writeln!(out, "No answers given; nothing recorded.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{} {} of {} right ({}%), best streak {}.",
        p.heading("Session:"),
        summary.score,
        summary.answered,
        format::percent(summary.score, summary.answered),
        summary.best_streak
    )?;
    if !summary.accuracy_by_topic.is_empty() {
        writeln!(out, "By topic:")?;
        for (_, title, right, total) in &summary.accuracy_by_topic {
            writeln!(out, "  {}: {right}/{total}", title)?;
        }
    }
    if !summary.due_next.is_empty() {
        writeln!(out, "Due next:")?;
        let now = clock();
        for (id, due) in &summary.due_next {
            let statement = ctx
                .guide
                .quiz
                .iter()
                .find(|q| q.id == *id)
                .map(|q| shorten(&q.statement, 56))
                .unwrap_or_else(|| id.clone());
            writeln!(out, "  {}: {}", format::due(*due, now), statement)?;
        }
    }
    if let Some(path) = progress.path()
        && summary.answered > 0
        && progress.unsaved() == 0
    {
        writeln!(
            out,
            "{}",
            p.dim(&format!("Progress saved to {}", path.display()))
        )?;
    }
    Ok(())
}

/// Prompts until a reply to an item of `kind` is one `parse_answer` reads (an answer, undo,
/// suspend or quit), starting with the line `carried` over from the grade prompt, if any.
/// `None` at the end of input.
fn read_reply(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    kind: QuizKind,
    mut carried: Option<String>,
) -> io::Result<Option<Reply>> {
    let mut line = String::new();
    loop {
        let reply = match carried.take() {
            Some(l) => l,
            None => {
                match kind {
                    QuizKind::MythFact => write!(out, "Myth or fact? [m/f/u/s/q] ")?,
                    QuizKind::BestOfFive => write!(out, "Best answer? [a-e/u/s/q] ")?,
                }
                out.flush()?;
                line.clear();
                if input.read_line(&mut line)? == 0 {
                    writeln!(out)?;
                    return Ok(None);
                }
                line.clone()
            }
        };
        match parse_answer(&reply, kind) {
            Some(r) => return Ok(Some(r)),
            None => match kind {
                QuizKind::MythFact => ask_again(
                    out,
                    "m (myth) or f (fact), u (undo), s (suspend) or q to stop",
                    &reply,
                )?,
                QuizKind::BestOfFive => ask_again(
                    out,
                    "a letter a-e, u (undo), s (suspend) or q to stop",
                    &reply,
                )?,
            },
        }
    }
}

/// Says what a prompt accepts after a reply it could not read, quoting the reply on one
/// line and cut short (a pasted page is not echoed whole).
fn ask_again(out: &mut dyn Write, accepted: &str, reply: &str) -> io::Result<()> {
    writeln!(
        out,
        "Please type {accepted}; got '{}'.",
        term::quote(reply.trim())
    )
}

/// What the grade prompt leads to.
enum AfterFeedback {
    /// The next item.
    Next,
    /// The next item, already answered by the line typed at the prompt.
    Carry(String),
    /// The end of the sitting (`q` or the end of input).
    Stop,
}

/// Asks for a grade after feedback (Enter keeps the natural one) and applies it, or an undo,
/// a suspension or a stop; an answer to the next item typed here is carried over to it.
fn ask_grade(
    ctx: &Context,
    session: &mut QuizSession,
    progress: &mut Progress,
    fb: &Feedback,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    clock: fn() -> DateTime<Utc>,
) -> io::Result<AfterFeedback> {
    let p = ctx.painter;
    let mut line = String::new();
    loop {
        grade_prompt(out, fb.correct)?;
        line.clear();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            session.next();
            return Ok(AfterFeedback::Stop);
        }
        let reply = line.trim().to_lowercase();
        if reply.is_empty() {
            session.next();
            return Ok(AfterFeedback::Next);
        }
        if let Some(g) = Grade::parse(&reply) {
            if apply_grade(session, progress, fb, g, out, p, clock)? {
                return Ok(AfterFeedback::Next);
            }
            continue;
        }
        if let Some(after) = other_reply(session, progress, &reply, out, p)? {
            return Ok(after);
        }
        ask_again(
            out,
            "a grade 1-4, Enter, u (undo), s (suspend) or q",
            &reply,
        )?;
    }
}

/// The grade prompt: a choice of four after a correct answer; after a miss the grade is
/// fixed, so only the other keys are offered.
fn grade_prompt(out: &mut dyn Write, correct: bool) -> io::Result<()> {
    if correct {
        write!(
            out,
            "Grade: 1 again, 2 hard, 3 good, 4 easy [Enter = good, u undo, s suspend] "
        )?;
    } else {
        write!(
            out,
            "Graded again (missed) [Enter = next, u undo, s suspend] "
        )?;
    }
    out.flush()
}

/// Records grade `g` for the answered item, warning when it could not be saved yet and
/// confirming a grade other than the natural one. `false` when the session refused it (the
/// reason is printed) and the prompt should ask again.
fn apply_grade(
    session: &mut QuizSession,
    progress: &mut Progress,
    fb: &Feedback,
    g: Grade,
    out: &mut dyn Write,
    p: Painter,
    clock: fn() -> DateTime<Utc>,
) -> io::Result<bool> {
    match session.grade(progress, g, clock()) {
        Ok(err) => {
            if let Some(e) = err {
                writeln!(
                    out,
                    "{}",
                    p.warn(&format!("Progress not saved ({}); will retry.", e))
                )?;
            }
            if g != Grade::natural(fb.correct) {
                writeln!(out, "  {}", p.dim(&format!("Graded {}.", g.as_str())))?;
            }
            Ok(true)
        }
        Err(e) => {
            writeln!(out, "{}.", capitalise(&e.to_string()))?;
            Ok(false)
        }
    }
}

/// A reply at the grade prompt that is not a grade: undo, suspend, quit, or the next item's
/// answer typed straight away (which keeps the natural grade). `None` if it is none of these.
fn other_reply(
    session: &mut QuizSession,
    progress: &mut Progress,
    reply: &str,
    out: &mut dyn Write,
    p: Painter,
) -> io::Result<Option<AfterFeedback>> {
    match reply {
        "u" | "undo" => {
            undo(session, progress, out, p)?;
            return Ok(Some(AfterFeedback::Next));
        }
        "s" | "suspend" => {
            suspend(session, progress, out, p)?;
            return Ok(Some(AfterFeedback::Next));
        }
        "q" | "quit" => {
            session.next();
            return Ok(Some(AfterFeedback::Stop));
        }
        _ => {}
    }
    let next_kind = session.peek_next().map(|d| d.item.kind());
    if let Some(k) = next_kind
        && matches!(parse_answer(reply, k), Some(Reply::Answer(_)))
    {
        session.next();
        return Ok(Some(AfterFeedback::Carry(reply.to_string())));
    }
    Ok(None)
}

enum Reply {
    Answer(Answer),
    Undo,
    Suspend,
    Quit,
}

/// `m`/`myth`, `f`/`fact` (or a letter `a`-`e` for a case), `u`/`undo`, `s`/`suspend`,
/// `q`/`quit`, any case, surrounding space ignored.
fn parse_answer(line: &str, kind: QuizKind) -> Option<Reply> {
    let l = line.trim().to_lowercase();
    match (l.as_str(), kind) {
        ("m" | "myth", QuizKind::MythFact) => Some(Reply::Answer(Answer::Myth)),
        ("f" | "fact", QuizKind::MythFact) => Some(Reply::Answer(Answer::Fact)),
        ("q" | "quit", _) => Some(Reply::Quit),
        ("u" | "undo", _) => Some(Reply::Undo),
        ("s" | "suspend", _) => Some(Reply::Suspend),
        (_, QuizKind::BestOfFive) => Answer::from_letter(&l).map(Reply::Answer),
        _ => None,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn undo(
    session: &mut QuizSession,
    progress: &mut Progress,
    out: &mut dyn Write,
    p: Painter,
) -> io::Result<()> {
    match session.undo(progress) {
        Some(u) => {
            let what = if u.answer {
                "the last answer"
            } else {
                "the suspension"
            };
            writeln!(out, "{}", p.dim(&format!("Undone: {what} ({}).", u.id)))?;
            if let Some(e) = u.save_error {
                writeln!(
                    out,
                    "{}",
                    p.warn(&format!("Progress not saved ({}); will retry.", e))
                )?;
            }
        }
        None => writeln!(out, "Nothing to undo.")?,
    }
    Ok(())
}

fn suspend(
    session: &mut QuizSession,
    progress: &mut Progress,
    out: &mut dyn Write,
    p: Painter,
) -> io::Result<()> {
    match session.suspend(progress) {
        Some(Ok(id)) => writeln!(
            out,
            "{}",
            p.dim(&format!(
                "Suspended {}: not asked again until `mnguide quiz --unsuspend {}` (u undoes).",
                id, id
            ))
        )?,
        Some(Err(e)) => writeln!(
            out,
            "{}",
            p.warn(&format!("Suspension not saved ({}); will retry.", e))
        )?,
        None => {}
    }
    Ok(())
}

fn nothing_to_ask(mode: Mode, progress: &Progress, ctx: &Context) -> String {
    match mode {
        Mode::Due => {
            let next = progress.data().items.values().map(|p| p.card.due).min();
            match next {
                Some(due) => format!(
                    "Nothing is due now; the next review is {}. Try: mnguide quiz --mode all",
                    format::due_at(due, Utc::now())
                ),
                None => "Nothing to ask.".to_string(),
            }
        }
        Mode::Missed => {
            "No missed items: every item answered so far was last answered right.".to_string()
        }
        Mode::All | Mode::Exam => {
            if ctx.guide.quiz.is_empty() {
                "This guide has no quiz items.".to_string()
            } else {
                "Nothing to ask.".to_string()
            }
        }
    }
}

/// The first `max` characters of `s`, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    wrap_hanging(text, width, indent, indent)
}

/// Wraps cleaned text paragraph by paragraph, `first` before its first line.
fn wrap_hanging(text: &str, width: usize, first: &str, rest: &str) -> String {
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest);
    let mut s = String::new();
    for para in text.trim().split('\n') {
        for l in term::wrap(para.trim(), &opts) {
            s.push_str(&l);
            s.push('\n');
        }
    }
    s
}

fn unknown_topic(given: &str, closest: &[String]) -> ExitCode {
    Error::finish(Err(Error::no_such(
        "topic",
        given,
        "closest topic ids",
        closest,
        None,
    )))
}

/// `--list`: every item by topic, with its state and kind.
fn list_items(
    ctx: &Context,
    progress: &Progress,
    topic: Option<&str>,
    kind: Option<QuizKind>,
    now: DateTime<Utc>,
) -> ExitCode {
    let mut deck = match deck::build(&ctx.guide, topic) {
        Ok(d) => d,
        Err(QuizError::UnknownTopic { given, closest }) => return unknown_topic(&given, &closest),
    };
    deck.retain(|d| kind.is_none_or(|k| d.item.kind() == k));
    // Grouped by topic in guide order; within a topic, file order (items, then cases).
    let topic_pos = |id: &str| ctx.guide.topics.iter().position(|t| t.id == id);
    deck.sort_by_key(|d| topic_pos(&d.topic_id));
    let mut out = String::new();
    let mut last_topic = "";
    for d in &deck {
        if d.topic_id != last_topic {
            if !last_topic.is_empty() {
                out.push('\n');
            }
            out.push_str(
                &ctx.painter
                    .heading(&format!("{} ({})", d.topic_title, d.topic_id)),
            );
            out.push('\n');
            last_topic = &d.topic_id;
        }
        let state = crate::quiz::state_of(d, progress, now);
        out.push_str(&format!(
            "  {:<9} {:<12} {}  {}\n",
            state.as_str(),
            d.item.kind().as_str(),
            ctx.painter.plain(&d.item.id),
            ctx.painter.plain(&shorten(
                &d.item.statement,
                ctx.width.saturating_sub(40).max(20)
            ))
        ));
    }
    let c = counts(&deck, progress, now);
    out.push_str(&format!(
        "\n{} items: {} new, {} learning, {} due.\n",
        deck.len(),
        c.new,
        c.learning,
        c.due
    ));
    emit(ctx.painter, &out)
}

/// `--reset TOPIC`: forgets the progress of the topic's items after asking.
fn reset_topic(
    ctx: &Context,
    progress: &mut Progress,
    topic: &str,
    yes: bool,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    // As in a sitting: what is written is cleaned on the way out.
    let mut out = CleanWriter::new(out, ctx.painter);
    let out: &mut dyn Write = &mut out;
    let deck = match deck::build(&ctx.guide, Some(topic)) {
        Ok(d) => d,
        Err(QuizError::UnknownTopic { given, closest }) => {
            return Ok(unknown_topic(&given, &closest));
        }
    };
    // Reset means back to new: an item with only a suspension has something to reset too.
    let ids: Vec<String> = deck
        .iter()
        .filter(|d| progress.get(&d.item.id).is_some() || progress.is_suspended(&d.item.id))
        .map(|d| d.item.id.clone())
        .collect();
    let suspended = ids.iter().filter(|id| progress.is_suspended(id)).count();
    let title = deck
        .first()
        .map(|d| d.topic_title.clone())
        .unwrap_or_default();
    if ids.is_empty() {
        writeln!(out, "Nothing to reset: no item of {} has progress.", title)?;
        return Ok(ExitCode::SUCCESS);
    }
    if !yes {
        write!(
            out,
            "Forget the progress of {} item{} in {}{}? This cannot be undone. [y/N] ",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            title,
            if suspended > 0 {
                format!(" and unsuspend {suspended}")
            } else {
                String::new()
            }
        )?;
        out.flush()?;
        let mut line = String::new();
        input.read_line(&mut line)?;
        if !matches!(line.trim().to_lowercase().as_str(), "y" | "yes") {
            writeln!(out, "Nothing reset.")?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    match progress.reset(&ids) {
        Ok(()) => {
            writeln!(
                out,
                "Reset {} item{} in {}: {} new again{}.",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" },
                title,
                if ids.len() == 1 { "it is" } else { "they are" },
                if suspended > 0 {
                    format!(" ({suspended} unsuspended)")
                } else {
                    String::new()
                }
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            crate::term::say!("mnguide: could not save: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

/// `--suspend ID` / `--unsuspend ID`: the id must name a quiz item of the guide.
fn set_suspended(ctx: &Context, progress: &mut Progress, id: &str, on: bool) -> ExitCode {
    if !ctx.guide.quiz.iter().any(|q| q.id == id) {
        let mut near: Vec<(f64, &str)> = ctx
            .guide
            .quiz
            .iter()
            .map(|q| (strsim::jaro_winkler(id, &q.id), q.id.as_str()))
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0));
        let best: Vec<&str> = near.first().map(|(_, best)| *best).into_iter().collect();
        return Error::finish(Err(Error::no_such(
            "quiz item",
            id,
            "closest item id",
            &best,
            None,
        )));
    }
    // The id is one of the guide's by now, and printed through the common output.
    if progress.is_suspended(id) == on {
        return emit(
            ctx.painter,
            &format!(
                "{id} is already {}.\n",
                if on { "suspended" } else { "not suspended" }
            ),
        );
    }
    match progress.set_suspended(id, on) {
        Ok(()) if on => emit(
            ctx.painter,
            &format!("Suspended {id}: it is not asked until `mnguide quiz --unsuspend {id}`.\n"),
        ),
        Ok(()) => emit(
            ctx.painter,
            &format!("Unsuspended {id}: it is asked again.\n"),
        ),
        Err(e) => {
            crate::term::say!("mnguide: could not save: {e}");
            ExitCode::from(1)
        }
    }
}

#[derive(Serialize)]
struct StatsJson<'a> {
    progress_file: String,
    #[serde(flatten)]
    stats: &'a Stats,
}

fn run_stats(ctx: &Context, progress: &Progress, json: bool, now: DateTime<Utc>) -> ExitCode {
    let s = stats(&ctx.guide, progress, now);
    let file = progress
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if json {
        return Error::finish(write_json(&StatsJson {
            progress_file: file,
            stats: &s,
        }));
    }
    emit(ctx.painter, &stats_text(&s, &file, ctx.painter, ctx.width))
}

fn stats_text(s: &Stats, file: &str, p: Painter, width: usize) -> String {
    let mut out = String::new();
    out.push_str(&p.heading("Quiz progress"));
    out.push('\n');
    if s.reviews == 0 {
        out.push_str(&format!(
            "No answers yet: all {} items are new. Start with: mnguide quiz\n",
            s.items
        ));
    } else {
        out.push_str(&format!(
            "Answered {} of {} items ({} answers, {}% right). Due now: {}. New: {}.\n",
            s.seen,
            s.items,
            s.reviews,
            format::percent_of(s.accuracy),
            s.due_now,
            s.new
        ));
    }
    let header: Vec<String> = ["Topic", "Seen", "Right", "Due", "Mastery"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    let rows: Vec<Vec<String>> = s
        .topics
        .iter()
        .map(|t| {
            vec![
                format!("{} ({})", t.title, t.id),
                format!("{}/{}", t.seen, t.items),
                t.right_percent()
                    .map_or(NOT_YET_ANSWERED.to_string(), |r| format!("{r}%")),
                t.due_now.to_string(),
                format!("{}%", format::percent_of(t.mastery)),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&render::table(&header, &rows, width, ""));
    out.push('\n');
    out.push_str(MASTERY_MEANING);
    out.push('\n');
    out.push_str(&p.dim(&format!("\nProgress file: {}\n", file)));
    out
}
