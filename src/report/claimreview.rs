//! schema.org ClaimReview JSON-LD, one review per flagged claim, for a fact-check CMS.
//!
//! Each finding becomes a `ClaimReview` of the sentence it was found in: the claim (`itemReviewed`,
//! a `Claim`) appeared in the story (a `CreativeWork` with its URL or id, headline, outlet and
//! date), the review is by the reviewer (an `Organization`) on the day given, and its rating says
//! in words what is wrong ("Misattributed institution"). The properties follow Google's
//! fact-check markup guide: `claimReviewed`, `reviewRating` with `alternateName`, and `url` where
//! the reviewer's page is known (a CMS adds it when it publishes the review).
//!
//! Rendering is pure: the reviewer and today's date come in as a [`Reviewer`].

use std::io::{self, Write};

use serde::Serialize;

use crate::dates::Date;
use crate::findings::Kind;
use crate::outcome::{Document, Located, Outcome};

/// The best rating: the claim is accurate. crosscheck reviews only flagged claims, so never
/// gives it; it is stated so that the numbers can be read.
const BEST_RATING: u8 = 5;

/// The worst rating: the claim is false.
const WORST_RATING: u8 = 1;

/// Who publishes the reviews, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewer {
    /// The organisation named as the reviews' author.
    pub author: String,
    /// The reviews' publication date (today, as the caller sees it).
    pub today: Date,
    /// The page that will host the reviews, where it is known.
    pub url: Option<String>,
}

impl Reviewer {
    /// Reviews by crosscheck itself, published on `today`.
    pub fn new(today: Date) -> Reviewer {
        Reviewer {
            author: "crosscheck".to_string(),
            today,
            url: None,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    claim_reviewed: String,
    item_reviewed: Claim<'a>,
    author: Organization<'a>,
    date_published: String,
    review_rating: Rating<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Claim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    appearance: CreativeWork<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Organization<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Organization<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
}

#[derive(Serialize, Clone, Copy)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

impl<'a> Organization<'a> {
    fn named(name: &'a str) -> Organization<'a> {
        Organization {
            kind: "Organization",
            name,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    rating_value: u8,
    best_rating: u8,
    worst_rating: u8,
    alternate_name: &'static str,
    rating_explanation: &'a str,
}

/// The rating a finding's kind gives its claim: a number on the 1 (false) to 5 (accurate) scale
/// and its words, which are what a reader is shown.
fn verdict(kind: Kind) -> (u8, &'static str) {
    match kind {
        Kind::ImplausibleEntity => (1, "Misattributed institution"),
        Kind::RoleMismatch => (1, "Wrong title for the date"),
        Kind::Contradiction => (2, "Contradicted by other coverage"),
        Kind::Credibility => (3, "Doubtful sourcing"),
    }
}

/// Writes the reviews as a pretty-printed JSON-LD array, ending with a newline.
pub fn write(outcome: &Outcome, reviewer: &Reviewer, out: &mut dyn Write) -> io::Result<()> {
    // A credibility signal rates a story's sourcing, not a claim it makes.
    let reviews: Vec<ClaimReview<'_>> = outcome
        .findings
        .iter()
        .filter(|f| f.kind != Kind::Credibility)
        .map(|finding| {
            let document = outcome.documents.iter().find(|d| d.id == finding.story);
            review(finding, document, reviewer)
        })
        .collect();
    super::write_pretty(&reviews, out)
}

fn review<'a>(
    finding: &'a Located,
    document: Option<&'a Document>,
    reviewer: &'a Reviewer,
) -> ClaimReview<'a> {
    // The sentence the finding was made in is the claim; the diff's `+` line holds it.
    let claim = finding
        .diff
        .as_ref()
        .map_or(finding.place.excerpt.as_str(), |d| d.actual.as_str());
    let outlet = document.and_then(|d| d.source.as_deref());
    let date = document.and_then(|d| d.date.as_deref());
    let (rating_value, alternate_name) = verdict(finding.kind);
    ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        url: reviewer.url.as_deref(),
        claim_reviewed: claim.split_whitespace().collect::<Vec<_>>().join(" "),
        item_reviewed: Claim {
            kind: "Claim",
            appearance: CreativeWork {
                kind: "CreativeWork",
                // Without a URL, the story's id names it: its path, or `path#id` in JSON Lines.
                url: document
                    .and_then(|d| d.url.as_deref())
                    .unwrap_or(&finding.place.story),
                headline: document.and_then(|d| d.title.as_deref()),
                publisher: outlet.map(Organization::named),
                date_published: date,
            },
            author: outlet.map(Organization::named),
            date_published: date,
        },
        author: Organization::named(&reviewer.author),
        date_published: reviewer.today.to_string(),
        review_rating: Rating {
            kind: "Rating",
            rating_value,
            best_rating: BEST_RATING,
            worst_rating: WORST_RATING,
            alternate_name,
            rating_explanation: &finding.message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::PackBuilder;

    fn reviews(files: &[(&str, String)], reviewer: &Reviewer) -> serde_json::Value {
        let mut builder = PackBuilder::new();
        builder.add_default().unwrap();
        // Credibility signals are findings too; these tests count the other rules' findings.
        builder
            .add_text(
                "no-credibility.yaml",
                "rules:\n  - id: credibility\n    enabled: false\n",
            )
            .unwrap();
        let pack = builder.build().unwrap();
        serde_json::from_str(&crate::report::render(
            &crate::check_texts(files, &pack),
            crate::report::Format::ClaimReview(reviewer),
            crate::report::Palette::plain(),
        ))
        .unwrap()
    }

    const STORY: &str = "---\ntitle: Spy shock\nsource: Example Daily\ndate: 2025-06-12\nurl: https://news.example/spy-shock\n---\n\nMPs were targeted by China's controversial\nCrown Prosecution Service, officials said.\n";

    #[test]
    fn a_misattribution_is_reviewed_with_the_story_it_appeared_in() {
        let today = Date::new(2026, 12, 2).unwrap();
        let out = reviews(&[("spy.md", STORY.to_string())], &Reviewer::new(today));
        let review = &out[0];
        assert_eq!(out.as_array().unwrap().len(), 1, "{out:#}");
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(
            review["claimReviewed"],
            "MPs were targeted by China's controversial Crown Prosecution Service, officials said."
        );
        let claim = &review["itemReviewed"];
        assert_eq!(claim["@type"], "Claim");
        assert_eq!(claim["datePublished"], "2025-06-12");
        assert_eq!(claim["appearance"]["url"], "https://news.example/spy-shock");
        assert_eq!(claim["appearance"]["headline"], "Spy shock");
        assert_eq!(claim["appearance"]["publisher"]["name"], "Example Daily");
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["author"]["name"], "crosscheck");
        assert_eq!(review["datePublished"], "2026-12-02");
        let rating = &review["reviewRating"];
        assert_eq!(rating["alternateName"], "Misattributed institution");
        assert_eq!(rating["ratingValue"], 1);
        assert_eq!(rating["bestRating"], 5);
        assert_eq!(rating["worstRating"], 1);
        assert!(review.get("url").is_none(), "no review page is known");
    }

    #[test]
    fn without_a_url_the_path_stands_for_the_story_and_the_reviewer_can_be_named() {
        let reviewer = Reviewer {
            author: "Example Fact Check".to_string(),
            today: Date::new(2026, 1, 5).unwrap(),
            url: Some("https://factcheck.example/reviews".to_string()),
        };
        let text = "Spy shock\n\nThe French FBI opened an inquiry.\n";
        let out = reviews(&[("wire/spy.txt", text.to_string())], &reviewer);
        let review = &out[0];
        assert_eq!(review["itemReviewed"]["appearance"]["url"], "wire/spy.txt");
        assert!(review["itemReviewed"].get("datePublished").is_none());
        assert_eq!(review["author"]["name"], "Example Fact Check");
        assert_eq!(review["url"], "https://factcheck.example/reviews");
    }

    #[test]
    fn a_contradiction_is_rated_as_contradicted() {
        assert_eq!(
            verdict(Kind::Contradiction),
            (2, "Contradicted by other coverage")
        );
    }

    #[test]
    fn a_clean_batch_gives_an_empty_list() {
        let text = "Charges\n\nBritain's Crown Prosecution Service charged two men.\n";
        let out = reviews(
            &[("a.txt", text.to_string())],
            &Reviewer::new(Date::new(2026, 1, 5).unwrap()),
        );
        assert_eq!(out, serde_json::json!([]));
    }
}
