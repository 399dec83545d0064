//! The built-in pack is data users trust without reading: these tests hold it to account.
//! Every entry cites a source, the pack says when it was reviewed, and no name is claimed by
//! institutions of two countries unless that sharing is real and listed here.

use std::collections::{BTreeMap, BTreeSet};

use crosscheck::pack::Pack;

/// Names that institutions of several countries really share, each with the countries that
/// define it. Sharing makes an attribution to any of them acceptable.
const SHARED_NAMES: &[(&str, &[&str])] = &[
    ("bundeskriminalamt", &["AT", "DE"]),
    ("bundespolizei", &["AT", "DE"]),
    ("bundesrat", &["AT", "CH", "DE"]),
    ("central military commission", &["CN", "KP"]),
    ("centro nacional de inteligencia", &["ES", "MX"]),
    ("cni", &["ES", "MX"]),
    ("council of states", &["CH", "IN"]),
    ("federal criminal police office", &["AT", "DE"]),
    ("federal investigation agency", &["MX", "PK"]),
    ("house of commons", &["CA", "GB"]),
    ("icac", &["AU", "CN"]),
    ("independent commission against corruption", &["AU", "CN"]),
    ("intelligence bureau", &["IN", "PK"]),
    ("ministry of public security", &["CN", "IL", "VN"]),
    ("ministry of state security", &["CN", "DE", "KP"]),
    ("mss", &["CN", "KP"]),
    ("national intelligence center", &["ES", "MX"]),
    ("national intelligence centre", &["ES", "MX"]),
    ("national intelligence service", &["KE", "KR"]),
    ("national security agency", &["EG", "US"]),
    ("national security bureau", &["PL", "TW"]),
    ("nationalrat", &["AT", "CH"]),
    ("public security ministry", &["CN", "IL", "VN"]),
    ("serious fraud office", &["GB", "NZ"]),
    ("supreme court of justice of the nation", &["AR", "MX"]),
    ("supreme people's court", &["CN", "VN"]),
    ("supreme prosecutor's office", &["KR", "TW"]),
    ("supreme prosecutors office", &["KR", "TW"]),
    ("supreme prosecutors' office", &["KR", "TW"]),
];

#[test]
fn every_entry_cites_a_source_and_the_pack_is_dated() {
    let pack = Pack::default_pack().unwrap();
    assert!(
        pack.infos.iter().any(|i| i.reviewed.is_some()),
        "the pack states when it was reviewed"
    );
    let missing: Vec<&str> = pack
        .entities
        .iter()
        .filter(|e| e.source.as_deref().is_none_or(|s| s.trim().is_empty()))
        .map(|e| e.id.as_str())
        .chain(
            pack.countries
                .iter()
                .filter(|c| c.source.as_deref().is_none_or(|s| s.trim().is_empty()))
                .map(|c| c.id.as_str()),
        )
        .collect();
    assert!(missing.is_empty(), "entries without a source: {missing:?}");
}

#[test]
fn no_name_belongs_to_two_countries_unless_listed() {
    let pack = Pack::default_pack().unwrap();
    let mut owners: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for entity in &pack.entities {
        let country = pack.countries[entity.country].id.as_str();
        for name in std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .chain(&entity.abbreviations)
        {
            owners
                .entry(name.to_lowercase().replace('’', "'"))
                .or_default()
                .insert(country);
        }
    }
    let unexpected: Vec<String> = owners
        .iter()
        .filter(|(_, countries)| countries.len() > 1)
        .filter(|(name, countries)| {
            !SHARED_NAMES
                .iter()
                .any(|(shared, listed)| shared == name && countries.iter().eq(listed.iter()))
        })
        .map(|(name, countries)| format!("{name}: {countries:?}"))
        .collect();
    assert!(
        unexpected.is_empty(),
        "names claimed by several countries: {unexpected:?}"
    );
}

#[test]
fn generic_names_are_not_bound_to_one_country() {
    const GENERIC: &[&str] = &[
        "supreme court",
        "ministry of justice",
        "ministry of defence",
        "ministry of defense",
        "interior ministry",
        "foreign ministry",
        "parliament",
        "national assembly",
        "senate",
        "house of representatives",
        "federal police",
        "national police",
        "constitutional court",
        "central bank",
        "cabinet",
        "foreign office",
        "justice department",
        "dpp",
        "director of public prosecutions",
        "police",
        "army",
        "navy",
    ];
    let pack = Pack::default_pack().unwrap();
    let bound: Vec<String> = pack
        .entities
        .iter()
        .flat_map(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .chain(&e.abbreviations)
                .map(move |n| (e, n))
        })
        .filter(|(_, n)| GENERIC.contains(&n.to_lowercase().as_str()))
        .map(|(e, n)| format!("{} ({})", n, e.id))
        .collect();
    assert!(
        bound.is_empty(),
        "generic names used as entity names: {bound:?}"
    );
}

#[test]
fn every_rule_carries_flag_and_pass_examples() {
    let pack = Pack::default_pack().unwrap();
    for rule in &pack.rules {
        assert!(
            !rule.examples.flag.is_empty() && !rule.examples.pass.is_empty(),
            "{}",
            rule.id
        );
    }
    let report = crosscheck::examples::run(&pack);
    assert!(report.failures.is_empty(), "{:#?}", report.failures);
}
