//! The one place that parses YAML, for rule packs and Markdown front matter.
//!
//! The YAML parser crate is kept behind these two functions so that it can be replaced without
//! touching anything else; errors come out as [`YamlError`], which carries the line and column
//! the user must look at.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

/// A YAML document that could not be read into the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line of the problem, when the parser knows it.
    pub line: Option<usize>,
    /// 1-based column of the problem, when the parser knows it.
    pub column: Option<usize>,
    /// The parser's description, without its own "at line N column M" suffix.
    pub message: String,
}

impl YamlError {
    fn from_parser(error: &serde_yaml::Error) -> YamlError {
        let location = error.location();
        let mut message = error.to_string();
        // The parser appends its location in prose; the caller formats the location itself.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        YamlError {
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message,
        }
    }
}

/// Reads `text` into `T`; the shape of `T` (with `deny_unknown_fields`) decides what is accepted.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| YamlError::from_parser(&e))
}

/// Reads a mapping of scalar values (front matter), as strings. Keys whose value is a list or a
/// mapping are left out; null values are `None`.
pub fn parse_scalar_map(text: &str) -> Result<BTreeMap<String, Option<String>>, YamlError> {
    if text.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    let value: serde_yaml::Value = parse(text)?;
    let mapping = match value {
        serde_yaml::Value::Mapping(mapping) => mapping,
        serde_yaml::Value::Null => return Ok(BTreeMap::new()),
        _ => {
            return Err(YamlError {
                line: Some(1),
                column: Some(1),
                message: "front matter must be a mapping of keys to values (title: ..., date: ...)"
                    .to_string(),
            });
        }
    };
    let mut out = BTreeMap::new();
    for (key, value) in mapping {
        let Some(key) = scalar_to_string(&key) else {
            continue;
        };
        match value {
            serde_yaml::Value::Null => {
                out.insert(key, None);
            }
            other => {
                if let Some(text) = scalar_to_string(&other) {
                    out.insert(key, Some(text));
                }
            }
        }
    }
    Ok(out)
}

fn scalar_to_string(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Tagged(tagged) => scalar_to_string(&tagged.value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_map_keeps_scalars_as_strings() {
        let map = parse_scalar_map(
            "title: Fire at the docks\ndate: 2025-03-14\nyear: 2025\ntags: [a, b]\nurl:\n",
        )
        .unwrap();
        assert_eq!(map["title"].as_deref(), Some("Fire at the docks"));
        assert_eq!(map["date"].as_deref(), Some("2025-03-14"));
        assert_eq!(map["year"].as_deref(), Some("2025"));
        assert_eq!(map["url"], None);
        assert!(!map.contains_key("tags"));
    }

    #[test]
    fn errors_carry_line_and_column() {
        let error = parse_scalar_map("title: ok\ndate: [unclosed\n").unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(!error.message.contains(" at line "), "{}", error.message);
    }
}
