//! How a percentage, a date and a due time are written, in one place so the CLI, the browser
//! and the export agree (2 of 3 is 67% everywhere).

use chrono::{DateTime, NaiveDate, Utc};

/// `part` of `whole` as a rounded percentage; 0 of 0 is 0%.
pub fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

/// A fraction (0.0 to 1.0) as a rounded percentage; not-a-number is 0%.
pub fn percent_of(fraction: f32) -> u32 {
    // `as` saturates: NaN becomes 0 and negatives 0.
    (fraction * 100.0).round() as u32
}

/// A calendar date as the guide writes it: "2026-01-20".
pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// When an item is due, short: "now", "in 9 minutes", "in 5 hours", or the date when a day
/// or more away ("on 2026-01-21").
pub fn due(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match relative(due, now) {
        None => "now".to_string(),
        Some(_) if due - now >= chrono::Duration::days(1) => {
            format!("on {}", date(due.date_naive()))
        }
        Some(rel) => format!("in {rel}"),
    }
}

/// When an item is due, with the time: "in 10 minutes (2026-01-01 09:10 UTC)", "now (...)".
pub fn due_at(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let stamp = due.format("%Y-%m-%d %H:%M UTC");
    match relative(due, now) {
        None => format!("now ({stamp})"),
        Some(rel) => format!("in {rel} ({stamp})"),
    }
}

/// "under a minute", "9 minutes", "5 hours", "3 days"; `None` when already due.
fn relative(due: DateTime<Utc>, now: DateTime<Utc>) -> Option<String> {
    let d = due - now;
    Some(if d.num_seconds() <= 0 {
        return None;
    } else if d.num_minutes() < 1 {
        "under a minute".to_string()
    } else if d.num_hours() < 1 {
        plural(d.num_minutes(), "minute")
    } else if d.num_days() < 1 {
        plural(d.num_hours(), "hour")
    } else {
        plural(d.num_days(), "day")
    })
}

fn plural(n: i64, unit: &str) -> String {
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn percentages_round_to_nearest() {
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent_of(2.0 / 3.0), 67);
        assert_eq!(percent_of(f32::NAN), 0);
    }

    #[test]
    fn due_times_read_as_words_then_dates() {
        let now = Utc
            .with_ymd_and_hms(2026, 1, 20, 9, 0, 0)
            .single()
            .expect("date");
        assert_eq!(due(now, now), "now");
        assert_eq!(due(now + Duration::seconds(30), now), "in under a minute");
        assert_eq!(due(now + Duration::minutes(1), now), "in 1 minute");
        assert_eq!(due(now + Duration::minutes(10), now), "in 10 minutes");
        assert_eq!(due(now + Duration::hours(5), now), "in 5 hours");
        assert_eq!(due(now + Duration::days(1), now), "on 2026-01-21");
        assert_eq!(
            due_at(now + Duration::minutes(10), now),
            "in 10 minutes (2026-01-20 09:10 UTC)"
        );
        assert_eq!(due_at(now, now), "now (2026-01-20 09:00 UTC)");
    }
}
