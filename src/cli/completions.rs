//! `mnguide completions SHELL`: clap's completion script, with the guide's own ids written
//! into it, so `mnguide show numb<TAB>` completes a section id and `quiz --topic <TAB>` a
//! topic. The ids are those of the guide the script was generated from.

use clap::builder::PossibleValuesParser;

use super::{Result, write_out};
use crate::content::Guide;

/// The clap command with section, topic and quiz ids as possible values of their arguments.
pub fn command_with_ids(guide: &Guide, cli: clap::Command) -> clap::Command {
    let sections: Vec<String> = guide.sections.iter().map(|s| s.id.clone()).collect();
    let topics: Vec<String> = guide.topics.iter().map(|t| t.id.clone()).collect();
    let sections_and_topics: Vec<String> = sections.iter().chain(&topics).cloned().collect();
    cli.mut_subcommand("show", |c| {
        c.mut_arg("id", |a| {
            a.value_parser(PossibleValuesParser::new(sections_and_topics))
        })
    })
    .mut_subcommand("open", |c| {
        c.mut_arg("id", |a| {
            a.value_parser(PossibleValuesParser::new(sections))
        })
    })
    .mut_subcommand("quiz", |c| {
        c.mut_arg("topic", |a| {
            a.value_parser(PossibleValuesParser::new(topics))
        })
    })
}

/// The completion script for `shell` of the command line `cli`, with `guide`'s ids.
pub fn run(guide: &Guide, cli: clap::Command, shell: clap_complete::Shell) -> Result {
    let mut cmd = command_with_ids(guide, cli);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "mnguide", &mut out);
    let mut script = String::from_utf8_lossy(&out).into_owned();
    if shell == clap_complete::Shell::Fish {
        script.push_str(&fish_positionals(guide));
    }
    write_out(&script)
}

/// clap's fish script completes options but not positional values; these lines add the ids
/// of `show` and `open` in fish's own `complete` form.
fn fish_positionals(guide: &Guide) -> String {
    let sections: Vec<&str> = guide.sections.iter().map(|s| s.id.as_str()).collect();
    let topics: Vec<&str> = guide.topics.iter().map(|t| t.id.as_str()).collect();
    let mut out = String::from("# Section and topic ids of the guide this script was made from\n");
    for (sub, ids) in [
        ("show", [sections.as_slice(), topics.as_slice()].concat()),
        ("open", sections.clone()),
    ] {
        out.push_str(&format!(
            "complete -c mnguide -n \"__fish_mnguide_using_subcommand {sub}\" -f -a \"{}\"\n",
            ids.join(" ")
        ));
    }
    out
}
