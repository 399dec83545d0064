//! The built-in pack is data users trust without reading: these tests hold it to account.
//! Every entry cites a source, the pack says when it was reviewed, and no name is claimed by
//! institutions of two countries unless that sharing is real and listed here. Every G20 country
//! and the EU has its parliament, top court, police, intelligence service, prosecutor and
//! ministries of justice, interior, foreign affairs and defence, or a stated reason why not.
//! And docs/pack.schema.json, which editors check packs against while they are typed, says
//! exactly what the loader accepts: for every object of the format the keys the schema allows
//! are the keys the loader accepts (read from the loader's own refusal of an unknown key), and
//! every file of the built-in pack validates.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crosscheck::pack::{EntityKind, Pack, PackBuilder};
use serde_json::Value;

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

#[test]
fn every_office_holder_cites_a_source() {
    let pack = Pack::default_pack().unwrap();
    let missing: Vec<String> = pack
        .offices
        .iter()
        .flat_map(|o| o.holders.iter().map(move |h| (o, h)))
        .filter(|(_, h)| {
            h.source
                .as_deref()
                .is_none_or(|s| !s.starts_with("http://") && !s.starts_with("https://"))
        })
        .map(|(o, h)| format!("{} in {}", h.name, o.id))
        .collect();
    assert!(
        missing.is_empty(),
        "holders without a source URL: {missing:?}"
    );
}

#[test]
fn office_ids_are_unique_and_terms_of_one_office_do_not_overlap() {
    let pack = Pack::default_pack().unwrap();
    let mut ids = BTreeSet::new();
    for office in &pack.offices {
        assert!(
            ids.insert(office.id.as_str()),
            "office id {} twice",
            office.id
        );
        let mut terms: Vec<_> = office
            .holders
            .iter()
            .flat_map(|h| h.terms.iter().map(move |t| (t, h.name.as_str())))
            .collect();
        terms.sort_by_key(|(t, _)| t.start.earliest);
        for pair in terms.windows(2) {
            let ((a, who_a), (b, who_b)) = (pair[0], pair[1]);
            let a_end = a.end.map(|e| e.earliest);
            assert!(
                a_end.is_some_and(|end| b.start.latest >= end),
                "{}: {who_a} ({:?}) and {who_b} ({:?}) overlap",
                office.id,
                a,
                b
            );
        }
    }
}

#[test]
fn offices_are_covered_from_2000_and_bounded_by_the_review_date() {
    let pack = Pack::default_pack().unwrap();
    let reviewed = pack
        .infos
        .iter()
        .filter_map(|i| i.reviewed.as_deref())
        .max()
        .expect("the pack is dated")
        .to_string();
    // The offices the pack promises, each complete from before 2001 except where the office
    // is younger or the record of its holders starts later.
    const REQUIRED: &[&str] = &[
        "gb-prime-minister",
        "gb-monarch",
        "us-president",
        "fr-president",
        "fr-prime-minister",
        "de-chancellor",
        "de-president",
        "it-prime-minister",
        "it-president",
        "jp-prime-minister",
        "jp-emperor",
        "ca-prime-minister",
        "cn-president",
        "cn-premier",
        "ru-president",
        "ru-prime-minister",
        "in-prime-minister",
        "in-president",
        "eu-commission-president",
        "eu-council-president",
        "eu-parliament-president",
        "gb-dpp",
        "gb-met-commissioner",
        "gb-mi5-director-general",
        "gb-mi6-chief",
        "gb-gchq-director",
        "us-attorney-general",
        "us-fbi-director",
        "us-cia-director",
        "us-nsa-director",
    ];
    for id in REQUIRED {
        let office = pack.offices.iter().find(|o| o.id == *id);
        assert!(office.is_some(), "the pack lists {id}");
    }
    for office in &pack.offices {
        for holder in &office.holders {
            for term in &holder.terms {
                assert!(
                    term.start.earliest.to_string() <= reviewed,
                    "{} in {} starts after the review date",
                    holder.name,
                    office.id
                );
            }
        }
        let open = office
            .holders
            .iter()
            .flat_map(|h| &h.terms)
            .filter(|t| t.end.is_none())
            .count();
        assert!(open <= 1, "{} has {open} open terms", office.id);
    }
}

#[test]
fn one_person_has_the_same_aliases_in_every_office() {
    let pack = Pack::default_pack().unwrap();
    let mut seen: BTreeMap<&str, (&str, BTreeSet<&str>)> = BTreeMap::new();
    for office in &pack.offices {
        for holder in &office.holders {
            let aliases: BTreeSet<&str> = holder.aliases.iter().map(String::as_str).collect();
            if let Some((first, known)) = seen.get(holder.name.as_str()) {
                assert_eq!(
                    known, &aliases,
                    "{} has other aliases in {} than in {first}",
                    holder.name, office.id
                );
            } else {
                seen.insert(&holder.name, (&office.id, aliases));
            }
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("docs/pack.schema.json")).unwrap();
    serde_json::from_str(&text).expect("docs/pack.schema.json is JSON")
}

/// For each object of the format, the name of its definition in the schema (empty for the
/// file itself) and a pack that puts an unknown key `bogus_key` first in such an object.
const PROBES: &[(&str, &str)] = &[
    ("", "bogus_key: 1"),
    ("pack", "pack: {bogus_key: 1, name: x}"),
    ("country", "countries: [{bogus_key: 1, id: XX, name: X}]"),
    (
        "region",
        "countries: [{id: XX, name: X, regions: [{bogus_key: 1, name: R}]}]",
    ),
    ("entity", "entities: [{bogus_key: 1}]"),
    ("lexicon", "lexicon: {bogus_key: 1}"),
    ("rule", "rules: [{bogus_key: 1}]"),
    ("examples", "rules: [{id: r, examples: {bogus_key: 1}}]"),
    ("office", "offices: [{bogus_key: 1}]"),
    (
        "holder",
        "offices: [{id: o, name: O, country: XX, since: '2000', holders: [{bogus_key: 1}]}]",
    ),
    (
        "term",
        "offices: [{id: o, name: O, country: XX, since: '2000', holders: [{name: A, terms: [{bogus_key: 1}]}]}]",
    ),
    ("credibility", "credibility: {bogus_key: 1}"),
    ("band", "credibility: {bands: [{bogus_key: 1}]}"),
    ("names", "credibility: {names: {bogus_key: 1}}"),
    ("signal", "credibility: {signals: [{bogus_key: 1}]}"),
    (
        "examples",
        "credibility: {signals: [{id: s, examples: {bogus_key: 1}}]}",
    ),
    ("outlet", "credibility: {outlets: [{bogus_key: 1}]}"),
];

/// The keys the loader accepts where it refused `bogus_key`, from its message
/// ("unknown field `bogus_key`, expected one of `id`, `name`").
fn accepted_keys(probe: &str) -> BTreeSet<String> {
    let mut builder = PackBuilder::new();
    let error = builder
        .add_text("probe.yaml", probe)
        .expect_err("an unknown key is refused")
        .to_string();
    let (_, expected) = error
        .split_once("unknown field `bogus_key`, expected")
        .unwrap_or_else(|| panic!("not an unknown-key error for {probe:?}: {error}"));
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn schema_keys(schema: &Value, definition: &str) -> BTreeSet<String> {
    let object = if definition.is_empty() {
        schema
    } else {
        &schema["$defs"][definition]
    };
    assert_eq!(
        object["additionalProperties"],
        Value::Bool(false),
        "schema definition '{definition}' must refuse unknown keys, as the loader does"
    );
    object["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("schema definition '{definition}' has no properties"))
        .keys()
        .cloned()
        .collect()
}

#[test]
fn schema_and_loader_accept_the_same_keys_everywhere() {
    let schema = schema();
    for (definition, probe) in PROBES {
        let loader = accepted_keys(probe);
        let documented = schema_keys(&schema, definition);
        assert_eq!(
            documented,
            loader,
            "keys of '{definition}': only in the schema {:?}, only in the loader {:?}",
            documented.difference(&loader).collect::<Vec<_>>(),
            loader.difference(&documented).collect::<Vec<_>>()
        );
    }
    let probed: BTreeSet<&str> = PROBES.iter().map(|(d, _)| *d).collect();
    let defined: BTreeSet<&str> = schema["$defs"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, d)| d["type"] == "object")
        .map(|(name, _)| name.as_str())
        .chain([""])
        .collect();
    assert_eq!(
        probed, defined,
        "every object of the schema is compared with the loader"
    );
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

#[test]
fn every_built_in_pack_file_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("the schema compiles");
    let mut files = Vec::new();
    yaml_files(&root().join("rules"), &mut files);
    assert!(files.len() > 10, "the built-in pack is found");
    let mut failures = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let value: Value = serde_yaml::from_str(&text).unwrap();
        for error in validator.iter_errors(&value) {
            failures.push(format!(
                "{}: {}: {error}",
                file.display(),
                error.instance_path()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schema_refuses_what_the_loader_refuses() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    for bad in [
        "entities: [{id: x, name: X, kind: embassy, country: GB}]",
        "rules: [{id: r, severty: error}]",
        "offices: [{id: o, name: O, country: GB, since: 'last year', holders: []}]",
    ] {
        let value: Value = serde_yaml::from_str(bad).unwrap();
        assert!(!validator.is_valid(&value), "the schema accepts {bad}");
        let mut builder = PackBuilder::new();
        builder.add_default().unwrap();
        let refused = builder.add_text("bad.yaml", bad).is_err() || builder.build().is_err();
        assert!(refused, "the loader accepts {bad}");
    }
}

/// The G20 countries and the EU, whose institutions the built-in pack promises to cover.
const G20: &[&str] = &[
    "AR", "AU", "BR", "CA", "CN", "DE", "EU", "FR", "GB", "ID", "IN", "IT", "JP", "KR", "MX", "RU",
    "SA", "TR", "US", "ZA",
];

/// Functions a G20 country lacks, with the reason.
const NO_SUCH_INSTITUTION: &[(&str, &str, &str)] = &[
    (
        "BR",
        "interior ministry",
        "the justice ministry holds public security",
    ),
    (
        "FR",
        "public prosecutor",
        "prosecutors are local, save the financial and anti-terrorism ones",
    ),
    (
        "IN",
        "public prosecutor",
        "prosecutors are appointed by each state",
    ),
    (
        "IT",
        "public prosecutor",
        "prosecutors are local, save the anti-mafia directorate",
    ),
    (
        "MX",
        "justice ministry",
        "the attorney general's office is autonomous",
    ),
    (
        "US",
        "interior ministry",
        "the Department of Homeland Security holds it",
    ),
];

#[test]
fn every_g20_country_has_its_core_institutions() {
    let pack = Pack::default_pack().unwrap();
    let mut missing = Vec::new();
    for country in G20 {
        let own: Vec<_> = pack
            .entities
            .iter()
            .filter(|e| pack.countries[e.country].id == *country)
            .collect();
        let has_kind = |kinds: &[EntityKind]| own.iter().any(|e| kinds.contains(&e.kind));
        let has_function =
            |function: &str| own.iter().any(|e| e.function.as_deref() == Some(function));
        for kinds in [
            &[EntityKind::Parliament][..],
            &[EntityKind::Court],
            &[EntityKind::Police],
            &[EntityKind::Intelligence, EntityKind::SecurityService],
        ] {
            if !has_kind(kinds) {
                missing.push(format!("{country}: {kinds:?}"));
            }
        }
        for function in [
            "public prosecutor",
            "foreign ministry",
            "defence ministry",
            "interior ministry",
            "justice ministry",
        ] {
            let excused = NO_SUCH_INSTITUTION
                .iter()
                .any(|(c, f, _)| c == country && *f == function);
            if !excused && !has_function(function) {
                missing.push(format!("{country}: {function}"));
            }
        }
    }
    assert!(missing.is_empty(), "missing institutions: {missing:?}");
}
