//! `Edm.DateTime` / `Edm.DateTimeOffset` values in every spelling the services use.

use chrono::{DateTime, SecondsFormat, Utc};

/// Parses `/Date(1700000000000)/`, `/Date(1700000000000+0060)/` (the milliseconds are UTC;
/// the offset only says where the value came from), plain ISO 8601 timestamps (some Gateway
/// versions, Cloud Integration's `DeployedOn`) and epoch milliseconds as a string (Cloud
/// Integration's `CreationDate`). A timestamp without a zone is read as UTC, as meant.
pub fn parse_date(value: &str) -> Option<DateTime<Utc>> {
    let value = value.trim();
    if let Some(inner) = value
        .strip_prefix("/Date(")
        .and_then(|rest| rest.strip_suffix(")/"))
    {
        // The sign of an offset is never the first character (that one belongs to the number).
        let digits_end = inner
            .char_indices()
            .skip(1)
            .find(|(_, c)| *c == '+' || *c == '-')
            .map_or(inner.len(), |(index, _)| index);
        let millis: i64 = inner[..digits_end].parse().ok()?;
        return DateTime::from_timestamp_millis(millis);
    }
    if (10..=15).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit()) {
        return DateTime::from_timestamp_millis(value.parse().ok()?);
    }
    if let Ok(date) = DateTime::parse_from_rfc3339(value) {
        return Some(date.with_timezone(&Utc));
    }
    // Plain ISO without a zone is UTC; some exports put a space instead of the `T`.
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(value, format).ok())
        .map(|naive| naive.and_utc())
}

/// RFC 3339 in UTC, to the second: `2023-11-14T22:13:20Z`.
pub fn format_date(date: &DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_spelling() {
        let expected = "2023-11-14T22:13:20Z";
        for input in [
            "/Date(1700000000000)/",
            "/Date(1700000000000+0000)/",
            "/Date(1700000000000+0060)/",
            "/Date(1700000000000-0300)/",
            "2023-11-14T22:13:20",
            "2023-11-14T22:13:20.000",
            "2023-11-14 22:13:20",
            "2023-11-14T23:13:20+01:00",
            "1700000000000",
        ] {
            let parsed = parse_date(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(format_date(&parsed), expected, "{input}");
        }
        assert_eq!(
            format_date(&parse_date("/Date(-86400000)/").unwrap()),
            "1969-12-31T00:00:00Z"
        );
        for bad in [
            "/Date()/",
            "/Date(abc)/",
            "yesterday",
            "",
            "99999999999999999999",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
