//! False alarms on real news: crosscheck runs over the shared corpora of real stories, which
//! nobody on this project wrote and which are believed accurate. Every error-level finding
//! there is a false alarm unless it is listed below with the reason it is a true finding.
//! Skipped, with a message, where `../shared/corpora` is absent (a clone elsewhere).

use std::path::PathBuf;

use crosscheck::ingest;
use crosscheck::pack::Pack;

fn corpora() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    dir.is_dir().then_some(dir)
}

#[test]
fn real_stories_raise_no_implausible_entities() {
    let Some(dir) = corpora() else {
        eprintln!("skipped: ../shared/corpora is not beside the repository");
        return;
    };
    let pack = Pack::default_pack().unwrap();
    for name in ["wikinews_en_2019_2020", "globalvoices_en", "reuters21578"] {
        let path = dir.join(name).join("articles.jsonl");
        if !path.exists() {
            eprintln!("skipped: {} is absent", path.display());
            continue;
        }
        let batch = ingest::read_paths(&[path], &mut std::io::empty()).unwrap();
        assert!(
            batch.skipped.is_empty(),
            "{name}: {:?}",
            &batch.skipped[..batch.skipped.len().min(3)]
        );
        let outcome = crosscheck::check(batch, &pack);
        // Credibility findings are info-level signals about sourcing, not claims of error.
        let alarms: Vec<String> = outcome
            .findings
            .iter()
            .filter(|f| f.kind != crosscheck::findings::Kind::Credibility)
            .map(|f| format!("{}: {} ({})", f.place.story, f.place.excerpt, f.message))
            .collect();
        assert!(
            alarms.is_empty(),
            "{name}: {} false alarms:\n{}",
            alarms.len(),
            alarms.join("\n")
        );
    }
}
