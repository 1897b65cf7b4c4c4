//! `cnkp report`: marks match the tables, bytes are deterministic, untrusted text stays text.

use super::common::{cnkp, read_csv, root, stderr};
use std::path::Path;

fn report(dir: &Path, out: &Path) -> String {
    let o = cnkp().arg("report").arg(dir).arg("--out").arg(out).output().expect("cnkp runs");
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read_to_string(out).expect("page written")
}

#[test]
fn report_marks_match_the_tables_and_bytes_are_stable() {
    let t = tempfile::tempdir().expect("tempdir");
    let processed = root().join("processed");
    let page = report(&processed, &t.path().join("a.html"));
    let visits = read_csv(&processed.join("visits.csv"));
    let trade = read_csv(&processed.join("trade.csv"));
    let dated_visits = visits.iter().filter(|r| !r["start_date"].is_empty()).count();
    let dated_trade = trade.iter().filter(|r| !r["period_start"].is_empty() && r["value"].parse::<f64>().is_ok()).count();
    assert!(dated_visits > 10 && dated_trade > 3);
    assert_eq!(page.matches("class=\"mark visit\"").count(), dated_visits);
    assert_eq!(page.matches("class=\"mark trade\"").count(), dated_trade);
    // Every mark links to an evidence row that exists on the page.
    for href in page.split("<a href=\"#ev-").skip(1) {
        let id = &href[..href.find('"').expect("closing quote")];
        assert!(page.contains(&format!("id=\"ev-{id}\"")), "dangling evidence link {id}");
    }
    // Labelled axes, every table counted.
    assert!(page.contains("Start date (year)") && page.contains("Period start (year)") && page.contains(">Visitor<"));
    assert!(page.contains(&format!("data-table=\"statements\">{}<", read_csv(&processed.join("statements.csv")).len())));
    // No script, no external resource.
    assert!(!page.to_lowercase().contains("<script"));
    assert!(!page.contains("src=\"http") && !page.contains("@import"));
    assert_eq!(page, report(&processed, &t.path().join("b.html")), "same folder, same bytes");
}

#[test]
fn report_shows_hostile_article_text_as_text() {
    let t = tempfile::tempdir().expect("tempdir");
    // A curator's copy of the reference data with a speaker whose name is hostile too.
    let o = cnkp().arg("init").arg(t.path().join("proj")).output().expect("cnkp runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let reference = t.path().join("proj/reference");
    let mut ents = std::fs::read_to_string(reference.join("entities.csv")).expect("entities");
    ents.push_str("P_HOSTILE,person,\"Zed <script>alert(1)</script> \"\"onload=x </svg>\",,,Zed Quorra,PRK,,\n");
    std::fs::write(reference.join("entities.csv"), ents).expect("write");
    let raw = t.path().join("raw");
    std::fs::create_dir_all(&raw).expect("mkdir");
    std::fs::write(
        raw.join("hostile.txt"),
        "Pyongyang, March 3, 2019\n\nZed Quorra said on Monday that \"<script>alert(2)</script> \"onload=alert(3) </svg><img src=x onerror=alert(4)> is our answer\".\n",
    )
    .expect("write");
    let out = t.path().join("out");
    let o = cnkp().arg("run").arg("--raw").arg(&raw).arg("--out").arg(&out).arg("--reference").arg(&reference).output().expect("cnkp runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let st = read_csv(&out.join("statements.csv"));
    assert!(st.iter().any(|r| r["speaker_name"].contains("<script>") && r["text"].contains("</svg>")), "the hostile statement is published: {st:?}");
    let page = report(&out, &t.path().join("r.html"));
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script") && !lower.contains("<img"), "no element injected");
    assert_eq!(page.matches("</svg>").count(), 2, "only the two charts close an svg");
    // Inside real tags (between `<` and `>`), no event handler attribute.
    for tag in lower.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        assert!(!tag.contains("onload") && !tag.contains("onerror"), "attribute injected: <{tag}>");
    }
    assert!(page.contains("Zed &lt;script&gt;alert(1)&lt;/script&gt; &quot;onload=x &lt;/svg&gt;"), "the name is shown as text");
    assert!(page.contains("&lt;img src=x onerror=alert(4)&gt;"), "the statement is shown as text");
}
