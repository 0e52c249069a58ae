//! System query options of a collection read: which ones the entity set allows (`$filter`
//! rules, `$orderby` values, `$expand` names, as SAP's API description lists them), and the
//! tenant's server paging (`$skiptoken` after 1,000 rows, `__next`).

use std::cmp::Ordering;

use super::errors::ApiError;
use super::filter::{self, Expr, Record, Rules};
use super::odata::Call;
use super::PAGE_SIZE;

/// What one entity set allows.
pub(crate) struct SetRules {
    pub set: &'static str,
    pub filter: Option<&'static Rules>,
    /// Accepted `$orderby` values (normalised: single spaces, no `asc`).
    pub orderby: &'static [&'static str],
    pub expand: &'static [&'static str],
    /// `$top` and `$skip`.
    pub paging: bool,
    pub page_size: usize,
}

impl SetRules {
    pub const fn plain(set: &'static str) -> Self {
        Self {
            set,
            filter: None,
            orderby: &[],
            expand: &[],
            paging: true,
            page_size: PAGE_SIZE,
        }
    }
}

/// The options of one collection read, checked against the set's rules.
pub(crate) struct ListQuery {
    pub filter: Option<Expr>,
    pub orderby: Vec<(String, bool)>,
    pub top: Option<usize>,
    pub skip: usize,
    pub skiptoken: usize,
    pub inlinecount: bool,
    pub expand: Vec<String>,
}

/// Options every collection read accepts (answered generically by the OData library).
const GENERIC: &[&str] = &["$format", "$select", "$inlinecount", "$skiptoken"];

fn number(call: &Call, name: &str) -> Result<Option<usize>, ApiError> {
    call.param(name)
        .map(|text| {
            text.trim().parse::<usize>().map_err(|_| {
                ApiError::bad_request(format!(
                    "Invalid system query option {name}: '{text}' is not a non-negative integer."
                ))
            })
        })
        .transpose()
}

pub(crate) fn parse(call: &Call, rules: &SetRules) -> Result<ListQuery, ApiError> {
    for (name, _) in &call.query {
        if !name.starts_with('$') {
            continue;
        }
        let allowed = GENERIC.contains(&name.as_str())
            || (name == "$filter" && rules.filter.is_some())
            || (name == "$orderby" && !rules.orderby.is_empty())
            || (name == "$expand" && !rules.expand.is_empty())
            || ((name == "$top" || name == "$skip") && rules.paging);
        if !allowed {
            let known = [
                "$filter",
                "$orderby",
                "$expand",
                "$top",
                "$skip",
                "$format",
                "$select",
                "$inlinecount",
                "$skiptoken",
            ];
            return Err(if known.contains(&name.as_str()) {
                ApiError::bad_request(format!(
                    "The system query option {name} is not supported for {}.",
                    rules.set
                ))
            } else {
                ApiError::bad_request(format!("Invalid system query option '{name}'."))
            });
        }
    }
    let filter = match (call.param("$filter"), rules.filter) {
        (Some(text), Some(filter_rules)) => Some(filter::parse(text, filter_rules)?),
        _ => None,
    };
    let orderby = match call.param("$orderby") {
        None => Vec::new(),
        Some(text) => orderby(text, rules)?,
    };
    let inlinecount = match call.param("$inlinecount") {
        None | Some("none") => false,
        Some("allpages") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "Invalid system query option $inlinecount: '{other}' (use allpages or none)."
            )))
        }
    };
    let expand = match call.param("$expand") {
        None => Vec::new(),
        Some(text) => text
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| {
                if rules.expand.contains(&name) {
                    Ok(name.to_owned())
                } else {
                    Err(ApiError::bad_request(format!(
                        "The navigation property '{name}' cannot be expanded for {}.",
                        rules.set
                    )))
                }
            })
            .collect::<Result<_, _>>()?,
    };
    Ok(ListQuery {
        filter,
        orderby,
        top: number(call, "$top")?,
        skip: number(call, "$skip")?.unwrap_or(0),
        skiptoken: number(call, "$skiptoken")?.unwrap_or(0),
        inlinecount,
        expand,
    })
}

fn orderby(text: &str, rules: &SetRules) -> Result<Vec<(String, bool)>, ApiError> {
    let clauses: Vec<(String, bool)> = text
        .split(',')
        .map(|clause| {
            let mut words = clause.split_whitespace();
            let property = words.next().unwrap_or_default().to_owned();
            let descending = matches!(words.next(), Some("desc"));
            (property, descending)
        })
        .collect();
    let normalised = clauses
        .iter()
        .map(|(property, desc)| {
            if *desc {
                format!("{property} desc")
            } else {
                property.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    if rules.orderby.contains(&normalised.as_str()) {
        Ok(clauses)
    } else {
        Err(ApiError::bad_request(format!(
            "The $orderby value '{text}' is not supported for {}; supported: {}.",
            rules.set,
            rules.orderby.join(", ")
        )))
    }
}

impl ListQuery {
    pub fn expands(&self, navigation: &str) -> bool {
        self.expand.iter().any(|name| name == navigation)
    }

    pub fn keep(&self, record: &dyn Record) -> bool {
        self.filter.as_ref().is_none_or(|expr| expr.matches(record))
    }

    /// Sorts by `$orderby` (stable, so the set's own order breaks ties).
    pub fn sort<T: Record>(&self, items: &mut [T]) {
        if self.orderby.is_empty() {
            return;
        }
        items.sort_by(|a, b| {
            for (property, descending) in &self.orderby {
                let ordering = a.field(property).compare(&b.field(property));
                let ordering = if *descending {
                    ordering.reverse()
                } else {
                    ordering
                };
                if ordering != Ordering::Equal {
                    return ordering;
                }
            }
            Ordering::Equal
        });
    }

    /// The rows of this page among `total` matching rows: their range, and the `$skiptoken`
    /// of the next page if the server cut this one.
    pub fn page(&self, total: usize, page_size: usize) -> (std::ops::Range<usize>, Option<usize>) {
        let window_start = self.skip.min(total);
        let window_end = match self.top {
            Some(top) => window_start.saturating_add(top).min(total),
            None => total,
        };
        let start = window_start.saturating_add(self.skiptoken).min(window_end);
        let end = start.saturating_add(page_size).min(window_end);
        let next = (end < window_end).then_some(self.skiptoken + (end - start));
        (start..end, next)
    }
}

/// The `__next` link: the same request with `$skiptoken` set, other options kept.
pub(crate) fn next_link(call: &Call, path: &str, skiptoken: usize) -> String {
    let mut query: Vec<String> = call
        .query
        .iter()
        .filter(|(name, _)| name != "$skiptoken")
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect();
    query.push(format!("$skiptoken={skiptoken}"));
    format!("{}{path}?{}", call.root, query.join("&"))
}

/// Percent-encodes what a query value cannot carry literally.
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'\''
            | b'('
            | b')'
            | b','
            | b'/'
            | b':'
            | b'$' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(top: Option<usize>, skip: usize, skiptoken: usize) -> ListQuery {
        ListQuery {
            filter: None,
            orderby: Vec::new(),
            top,
            skip,
            skiptoken,
            inlinecount: false,
            expand: Vec::new(),
        }
    }

    #[test]
    fn server_paging_cuts_at_the_page_size_and_continues() {
        assert_eq!(query(None, 0, 0).page(2500, 1000), (0..1000, Some(1000)));
        assert_eq!(query(None, 0, 2000).page(2500, 1000), (2000..2500, None));
        assert_eq!(
            query(Some(1500), 100, 1000).page(2500, 1000),
            (1100..1600, None)
        );
        assert_eq!(
            query(Some(1500), 100, 0).page(2500, 1000),
            (100..1100, Some(1000))
        );
        assert_eq!(
            query(Some(10), 5000, 0).page(2500, 1000),
            (2500..2500, None)
        );
    }
}
