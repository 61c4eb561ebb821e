//! `mnguide quiz`: the myth-or-fact quiz in line mode (answers read from standard input, so it
//! works in a pipe), and `mnguide quiz --stats` for progress so far.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Context, QuizMode, emit, render, to_json};
use crate::content::Answer;
use crate::quiz::{Mode, Phase, Progress, QuizError, QuizSession, SessionOptions, Stats, stats};
use crate::term::{Painter, clean};

/// What `mnguide quiz` was asked to do.
#[derive(Debug, Clone)]
pub struct QuizArgs {
    pub mode: QuizMode,
    pub count: Option<usize>,
    pub topic: Option<String>,
    pub stats: bool,
    pub json: bool,
}

pub fn mode_of(mode: QuizMode) -> Mode {
    match mode {
        QuizMode::Due => Mode::Due,
        QuizMode::All => Mode::All,
        QuizMode::Missed => Mode::Missed,
        QuizMode::Exam => Mode::Exam,
    }
}

pub fn run(ctx: &Context, args: QuizArgs) -> ExitCode {
    let mut progress = Progress::open_default();
    for w in progress.take_warnings() {
        eprintln!("mnguide: warning: {}", clean(&w));
    }
    let now = Utc::now();
    if args.stats {
        return run_stats(ctx, &progress, args.json, now);
    }
    let options = SessionOptions::new(mode_of(args.mode))
        .count(args.count)
        .topic(args.topic.clone())
        // Any varying seed will do: it only shuffles `all` and `exam` sittings.
        .seed(now.timestamp_nanos_opt().unwrap_or_default() as u64);
    let session = match QuizSession::new(&ctx.guide, &progress, options, now) {
        Ok(s) => s,
        Err(QuizError::UnknownTopic { given, closest }) => {
            eprintln!("mnguide: no topic '{}'", clean(&given));
            if !closest.is_empty() {
                eprintln!("closest topic ids: {}", closest.join(", "));
            }
            eprintln!("list them all with: mnguide topics");
            return ExitCode::from(1);
        }
    };
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = drive(ctx, &mut progress, session, &mut input, &mut out, Utc::now);
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("mnguide: quiz stopped: {}", clean(&e.to_string()));
            return ExitCode::from(1);
        }
    }
    if progress.unsaved() > 0 {
        // One last try: the folder may have become writable again.
        if let Err(e) = progress.flush() {
            let msg = format!(
                "mnguide: {} answer{} could not be saved to {}: {e}",
                progress.unsaved(),
                if progress.unsaved() == 1 { "" } else { "s" },
                progress
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            );
            eprintln!("{}", clean(&msg));
            return ExitCode::from(1);
        }
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
    let p = ctx.painter;
    let width = ctx.width;
    if session.phase() == Phase::Finished {
        writeln!(out, "{}", nothing_to_ask(session.mode(), progress, ctx))?;
        return Ok(());
    }
    writeln!(
        out,
        "{} {} item{} ({} mode). Answer m (myth) or f (fact); q stops.{}",
        p.heading("Myth or fact?"),
        session.remaining(),
        if session.remaining() == 1 { "" } else { "s" },
        session.mode().as_str(),
        if session.is_exam() {
            " Feedback comes at the end."
        } else {
            ""
        }
    )?;
    let mut line = String::new();
    // The count asked for is the number of different items; a missed item that comes back
    // later in the session is an extra and says so, instead of silently growing the count.
    let planned = session.remaining();
    let mut asked: HashSet<String> = HashSet::new();
    'ask: while session.phase() == Phase::Asking {
        let Some(entry) = session.current_entry() else {
            break;
        };
        let place = if asked.insert(entry.item.id.clone()) {
            format!("[{}/{planned}]", asked.len())
        } else {
            "[extra: missed earlier]".to_string()
        };
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            p.dim(&format!(
                "{place} {} > {}",
                clean(&entry.topic_title),
                clean(&entry.section_title)
            ))
        )?;
        writeln!(
            out,
            "{}",
            p.bold(wrap(&entry.item.statement, width, "").trim_end())
        )?;
        let given = loop {
            write!(out, "Myth or fact? [m/f/q] ")?;
            out.flush()?;
            line.clear();
            if input.read_line(&mut line)? == 0 {
                writeln!(out)?;
                break 'ask;
            }
            match parse_answer(&line) {
                Some(Reply::Answer(a)) => break a,
                Some(Reply::Quit) => break 'ask,
                None => writeln!(
                    out,
                    "Please type m (myth) or f (fact), or q to stop; got '{}'.",
                    crate::term::clean_line(line.trim())
                )?,
            }
        };
        let Some(outcome) = session.answer(progress, given, clock()) else {
            break;
        };
        if let Some(e) = &outcome.save_error {
            writeln!(
                out,
                "{}",
                p.warn(&format!("Progress not saved ({}); will retry.", clean(e)))
            )?;
        }
        if let Some(fb) = outcome.feedback {
            let verdict = if fb.correct {
                p.highlight("Correct")
            } else {
                p.warn("Not quite")
            };
            writeln!(out, "{verdict}: it is a {}.", fb.item.answer.as_str())?;
            write!(out, "{}", wrap(&fb.explanation, width, "  "))?;
            if !fb.sources.is_empty() {
                let labels: Vec<String> = fb
                    .sources
                    .iter()
                    .map(|s| clean(&ctx.guide.source_label(s)).into_owned())
                    .collect();
                let line = format!("Sources: {}", labels.join("; "));
                write!(out, "{}", wrap(&line, width, "  "))?;
            }
            writeln!(
                out,
                "  Read more: mnguide show {} ({})",
                clean(&fb.section),
                clean(&fb.section_title)
            )?;
            if fb.requeued {
                writeln!(
                    out,
                    "  {}",
                    p.dim("This one comes back as an extra in a few items.")
                )?;
            }
            session.next();
        }
    }
    session.finish();
    writeln!(out)?;
    if let Some(report) = session.exam_report() {
        let pct = percent(report.score, report.total);
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
                writeln!(out, "   It is a {}.", item.answer.as_str())?;
                write!(out, "{}", wrap(explanation, width, "   "))?;
                writeln!(out, "   Read more: mnguide show {}", clean(&item.section))?;
            }
        }
    }
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
        percent(summary.score, summary.answered),
        summary.best_streak
    )?;
    if !summary.accuracy_by_topic.is_empty() {
        writeln!(out, "By topic:")?;
        for (_, title, right, total) in &summary.accuracy_by_topic {
            writeln!(out, "  {}: {right}/{total}", clean(title))?;
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
            writeln!(out, "  {}: {}", when_short(*due, now), clean(&statement))?;
        }
    }
    if let Some(path) = progress.path()
        && summary.answered > 0
        && progress.unsaved() == 0
    {
        writeln!(
            out,
            "{}",
            p.dim(&clean(&format!("Progress saved to {}", path.display())))
        )?;
    }
    Ok(())
}

enum Reply {
    Answer(Answer),
    Quit,
}

/// `m`/`myth`, `f`/`fact`, `q`/`quit`, any case, surrounding space ignored.
fn parse_answer(line: &str) -> Option<Reply> {
    match line.trim().to_lowercase().as_str() {
        "m" | "myth" => Some(Reply::Answer(Answer::Myth)),
        "f" | "fact" => Some(Reply::Answer(Answer::Fact)),
        "q" | "quit" => Some(Reply::Quit),
        _ => None,
    }
}

fn nothing_to_ask(mode: Mode, progress: &Progress, ctx: &Context) -> String {
    match mode {
        Mode::Due => {
            let next = progress.data().items.values().map(|p| p.card.due).min();
            match next {
                Some(due) => format!(
                    "Nothing is due now; the next review is {}. Try: mnguide quiz --mode all",
                    when(due, Utc::now())
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

/// "in 10 minutes (2026-01-01 09:10 UTC)", "now (...)".
fn when(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let stamp = due.format("%Y-%m-%d %H:%M UTC");
    let d = due - now;
    let rel = if d.num_seconds() <= 0 {
        "now".to_string()
    } else if d.num_minutes() < 1 {
        "under a minute".to_string()
    } else if d.num_hours() < 1 {
        plural(d.num_minutes(), "minute")
    } else if d.num_days() < 1 {
        plural(d.num_hours(), "hour")
    } else {
        plural(d.num_days(), "day")
    };
    if rel == "now" {
        format!("now ({stamp})")
    } else {
        format!("in {rel} ({stamp})")
    }
}

/// "now", "in 9 minutes", "in 5 hours", or the date when a day or more away.
fn when_short(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let d = due - now;
    if d.num_seconds() <= 0 {
        "now".to_string()
    } else if d.num_minutes() < 1 {
        "in under a minute".to_string()
    } else if d.num_hours() < 1 {
        format!("in {}", plural(d.num_minutes(), "minute"))
    } else if d.num_days() < 1 {
        format!("in {}", plural(d.num_hours(), "hour"))
    } else {
        format!("on {}", due.format("%Y-%m-%d"))
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

fn plural(n: i64, unit: &str) -> String {
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// Rounded percentage; 0 of 0 is 0%.
fn percent(a: usize, b: usize) -> usize {
    (a * 100 + b / 2).checked_div(b).unwrap_or(0)
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    wrap_hanging(text, width, indent, indent)
}

/// Wraps cleaned text paragraph by paragraph, `first` before its first line.
fn wrap_hanging(text: &str, width: usize, first: &str, rest: &str) -> String {
    let text = clean(text);
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest);
    let mut s = String::new();
    for para in text.trim().split('\n') {
        for l in textwrap::wrap(para.trim(), &opts) {
            s.push_str(&l);
            s.push('\n');
        }
    }
    s
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
        return emit(&to_json(&StatsJson {
            progress_file: file,
            stats: &s,
        }));
    }
    emit(&stats_text(&s, &file, ctx.painter, ctx.width))
}

fn stats_text(s: &Stats, file: &str, p: Painter, width: usize) -> String {
    let mut out = String::new();
    out.push_str(&p.heading("Quiz progress"));
    out.push('\n');
    out.push_str(&format!(
        "Answered {} of {} items ({} answers, {}% right). Due now: {}. New: {}.\n",
        s.seen,
        s.items,
        s.reviews,
        (s.accuracy * 100.0).round() as u32,
        s.due_now,
        s.new
    ));
    let header: Vec<String> = ["Topic", "Seen", "Right", "Due", "Mastery"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    let rows: Vec<Vec<String>> = s
        .topics
        .iter()
        .map(|t| {
            vec![
                format!("{} ({})", clean(&t.title), t.id),
                format!("{}/{}", t.seen, t.items),
                format!("{}%", (t.accuracy * 100.0).round() as u32),
                t.due_now.to_string(),
                format!("{}%", (t.mastery * 100.0).round() as u32),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&render::table(&header, &rows, width, ""));
    out.push_str(&p.dim(&format!("\nProgress file: {}\n", clean(file))));
    out
}
