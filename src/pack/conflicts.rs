//! Conflicting definitions between packs, found while a later pack is merged over earlier ones.
//!
//! A later pack may replace an entry by id; that is how built-in knowledge is corrected. But a
//! replacement that moves an institution or an office to another country, or a new institution
//! that takes a name another country's institution already answers to, changes what the checks
//! accept without saying so. These are reported as [`Conflict`]s naming both files, and the merge
//! goes ahead: the later pack wins, as documented, and the user sees that it did.

use std::collections::HashMap;
use std::fmt;

use super::raw::{RawEntity, RawOffice};

/// Two packs that say different things about the same institution, office or name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The file of the later definition.
    pub file: String,
    /// The file of the earlier definition.
    pub earlier_file: String,
    /// What differs, in a sentence.
    pub message: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (earlier definition in {})",
            self.file, self.message, self.earlier_file
        )
    }
}

/// An entry already merged: its id, country and the file it came from.
pub struct Earlier<'a> {
    pub id: &'a str,
    pub country: &'a str,
    pub file: &'a str,
}

/// How names are compared: case, curly apostrophes and runs of spaces do not matter.
fn normalise(name: &str) -> String {
    name.replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn names(entity: &RawEntity) -> impl Iterator<Item = &String> {
    std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .chain(&entity.abbreviations)
}

/// Conflicts between the entities of a new pack (`added`, each with its file) and those merged
/// from earlier packs (`earlier`, with the raw entries for their names).
pub fn entities(
    earlier: &[(Earlier<'_>, &RawEntity)],
    added: &[(&RawEntity, &str)],
) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    let replaced: Vec<&str> = added.iter().map(|(e, _)| e.id.as_str()).collect();
    let mut owners: HashMap<String, Vec<&Earlier<'_>>> = HashMap::new();
    for (entry, raw) in earlier {
        if replaced.contains(&entry.id) {
            continue;
        }
        for name in names(raw) {
            owners.entry(normalise(name)).or_default().push(entry);
        }
    }
    for (entity, file) in added {
        if let Some((old, _)) = earlier.iter().find(|(e, _)| e.id == entity.id)
            && old.country != entity.country
        {
            conflicts.push(Conflict {
                file: file.to_string(),
                earlier_file: old.file.to_string(),
                message: format!(
                    "entity '{}' is given country {} instead of {}; the later definition replaces the earlier one",
                    entity.id, entity.country, old.country
                ),
            });
        }
        let mut reported = Vec::new();
        for name in names(entity) {
            let key = normalise(name);
            for old in owners.get(&key).into_iter().flatten() {
                if old.country == entity.country || reported.contains(&(old.id, key.clone())) {
                    continue;
                }
                reported.push((old.id, key.clone()));
                conflicts.push(Conflict {
                    file: file.to_string(),
                    earlier_file: old.file.to_string(),
                    message: format!(
                        "entity '{}' ({}) is called '{}', a name entity '{}' ({}) already has; \
                         that name is then accepted for either country, so give it a distinctive form unless both really share it",
                        entity.id, entity.country, name, old.id, old.country
                    ),
                });
            }
        }
    }
    conflicts
}

/// Conflicts between the offices of a new pack and those merged from earlier packs.
pub fn offices(earlier: &[Earlier<'_>], added: &[(&RawOffice, &str)]) -> Vec<Conflict> {
    added
        .iter()
        .filter_map(|(office, file)| {
            let old = earlier.iter().find(|e| e.id == office.id)?;
            (old.country != office.country).then(|| Conflict {
                file: file.to_string(),
                earlier_file: old.file.to_string(),
                message: format!(
                    "office '{}' is given country {} instead of {}; the later definition replaces the earlier one",
                    office.id, office.country, old.country
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::pack::PackBuilder;

    fn conflicts(user: &str) -> Vec<String> {
        let mut builder = PackBuilder::new();
        builder.add_default().unwrap();
        builder.add_text("mine.yaml", user).unwrap();
        let pack = builder.build().unwrap();
        pack.conflicts.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn moving_a_built_in_entity_to_another_country_names_both_files() {
        let found = conflicts(
            "entities:\n  - {id: gb-cps, name: Crown Prosecution Service, kind: prosecutor, country: IE}\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("mine.yaml: entity 'gb-cps' is given country IE instead of GB")
        );
        assert!(
            found[0].contains("<built-in>/rules/entities/gb.yaml"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn a_new_entity_taking_another_countrys_name_is_reported() {
        let found = conflicts(
            "entities:\n  - {id: ie-bnd, name: Bureau of National Defence, abbreviations: [BND], kind: agency, country: IE}\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("'ie-bnd' (IE) is called 'BND'"),
            "{}",
            found[0]
        );
        assert!(found[0].contains("'de-bnd' (DE)"), "{}", found[0]);
    }

    #[test]
    fn corrections_within_one_country_and_new_names_are_quiet() {
        let found = conflicts(
            "entities:\n  - {id: gb-cps, name: Crown Prosecution Service, aliases: [CPS England], kind: prosecutor, country: GB}\n  - {id: ie-dpp-office, name: Office of the Director of Public Prosecutions of Ireland, kind: prosecutor, country: IE}\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn moving_an_office_to_another_country_is_reported() {
        let found = conflicts(
            "offices:\n  - {id: gb-prime-minister, name: Prime Minister, country: IE, generic_titles: [Taoiseach], since: 2024, holders: [{name: Ann Example, terms: [{start: 2024}]}]}\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("office 'gb-prime-minister' is given country IE instead of GB"));
    }
}
