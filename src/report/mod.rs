//! `cnkp report`: one self-contained HTML page from a published folder — counts, a visit
//! timeline and trade chart (inline SVG), the sanctions table, top speakers, quality figures, the
//! run report, the sources with their licences, and every record's evidence span.
//!
//! The page uses no script, no external resource and no clock: the same folder gives the same
//! bytes. Every value from the data is escaped ([`html::esc`]).

pub mod html;
pub mod svg;

use anyhow::{Context, Result};
use html::{anchor, cut, esc, table};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use svg::Mark;

/// A CSV table as read: header and rows.
struct Tab {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Tab {
    /// Rows ordered by the given columns, empty values last (then by all columns, so the order
    /// is total).
    fn sorted(&self, by: &[&str]) -> Vec<&Vec<String>> {
        let idx: Vec<usize> = by.iter().map(|c| self.col(c)).collect();
        let mut v: Vec<&Vec<String>> = self.rows.iter().collect();
        v.sort_by(|a, b| {
            let key = |r: &Vec<String>| -> Vec<(bool, String)> {
                idx.iter().map(|&i| r.get(i).map(|v| (v.is_empty(), v.clone())).unwrap_or((true, String::new()))).collect()
            };
            let (ka, kb) = (key(a), key(b));
            ka.cmp(&kb).then_with(|| a.cmp(b))
        });
        v
    }

    fn read(dir: &Path, name: &str) -> Result<Tab> {
        let path = dir.join(format!("{name}.csv"));
        let mut r = csv::Reader::from_path(&path).with_context(|| format!("{}: cannot read", path.display()))?;
        let header = r.headers()?.iter().map(String::from).collect();
        let mut rows = Vec::new();
        for (i, rec) in r.records().enumerate() {
            rows.push(rec.with_context(|| format!("{}: row {}", path.display(), i + 2))?.iter().map(String::from).collect());
        }
        Ok(Tab { header, rows })
    }

    fn col(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap_or(usize::MAX)
    }

    /// `row[name]`, empty when the column is absent.
    fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        row.get(self.col(name)).map(String::as_str).unwrap_or("")
    }
}

/// The marks the charts draw, counted for tests and the page's own summary.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub visits: usize,
    pub trade: usize,
}

/// Evidence of each record: (table, record_id) → mention anchors in text order.
type EvidenceIndex = BTreeMap<(String, String), Vec<String>>;

fn evidence_link(ev: &EvidenceIndex, table: &str, id: &str) -> String {
    match ev.get(&(table.to_string(), id.to_string())) {
        Some(v) if !v.is_empty() => {
            let more = if v.len() > 1 { format!(" <span class=\"more\">+{}</span>", v.len() - 1) } else { String::new() };
            format!("<a href=\"#{}\">evidence</a>{more}", esc(&v[0]))
        }
        _ => "<span class=\"none\">none</span>".to_string(),
    }
}

fn first_evidence(ev: &EvidenceIndex, table: &str, id: &str) -> String {
    ev.get(&(table.to_string(), id.to_string())).and_then(|v| v.first().cloned()).unwrap_or_default()
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1000px;color:#222;line-height:1.45}\
h1{font-size:1.6em;margin-bottom:0}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:4px}\
table{border-collapse:collapse;font-size:.85em;width:100%;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}\
th{background:#f5f5f5}td.num{text-align:right}.meta{color:#666}.none{color:#999}.more{color:#888;font-size:.85em}\
svg text{font-family:system-ui,sans-serif}.tick{font-size:11px;fill:#555}.axis-label{font-size:13px;font-weight:600}\
.legend,.row-label{font-size:11px}.legend-title{font-size:12px;font-weight:600}\
.bar{display:inline-block;height:10px;background:#4e79a7}:target{background:#fff3c4}\
blockquote{margin:0;white-space:pre-wrap}nav a{margin-right:10px}";

/// Builds the page for the published folder `dir`, returning the HTML and the chart mark counts.
pub fn build(dir: &Path) -> Result<(String, Marks)> {
    let visits = Tab::read(dir, "visits")?;
    let trade = Tab::read(dir, "trade")?;
    let sanctions = Tab::read(dir, "sanctions")?;
    let statements = Tab::read(dir, "statements")?;
    let documents = Tab::read(dir, "documents")?;
    let mentions = Tab::read(dir, "mentions")?;
    let package: Value = read_json(dir, "datapackage.json")?;
    let quality: Option<Value> = read_json(dir, "quality.json").ok();
    let issues: Option<Value> = read_json(dir, "issues.json").ok();

    // Evidence index: each record's mentions in document order.
    let mut ev: EvidenceIndex = BTreeMap::new();
    let mut ments: Vec<&Vec<String>> = mentions.rows.iter().collect();
    let num = |s: &str| s.parse::<u64>().unwrap_or(0);
    ments.sort_by(|a, b| {
        let k = |r: &Vec<String>| (mentions.get(r, "doc_id").to_string(), num(mentions.get(r, "char_start")), mentions.get(r, "mention_id").to_string());
        k(a).cmp(&k(b))
    });
    for m in &ments {
        ev.entry((mentions.get(m, "table").to_string(), mentions.get(m, "record_id").to_string()))
            .or_default()
            .push(anchor("ev", mentions.get(m, "mention_id")));
    }

    let mut o = String::new();
    let title = package["title"].as_str().unwrap_or("cnkp dataset");
    let version = package["version"].as_str().unwrap_or("");
    let created = package["created"].as_str().unwrap_or("");
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>{} — report</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n<p class=\"meta\">version {} · created {} · reference data sha256 {}</p>\n",
        esc(title),
        esc(title),
        esc(version),
        esc(created),
        esc(&cut(package["cnkp:reference_sha256"].as_str().unwrap_or(""), 16))
    );
    o.push_str("<nav><a href=\"#counts\">Counts</a><a href=\"#quality\">Quality</a><a href=\"#visits\">Visits</a><a href=\"#trade\">Trade</a><a href=\"#sanctions\">Sanctions</a><a href=\"#speakers\">Speakers</a><a href=\"#statements\">Statements</a><a href=\"#run\">Run report</a><a href=\"#sources\">Sources</a><a href=\"#evidence\">Evidence</a></nav>\n");

    // Counts.
    o.push_str("<h2 id=\"counts\">Counts</h2>\n");
    let counts: Vec<Vec<String>> = [("documents", &documents), ("visits", &visits), ("trade", &trade), ("sanctions", &sanctions), ("statements", &statements), ("mentions", &mentions)]
        .iter()
        .map(|(n, t)| vec![esc(n), format!("<span class=\"count\" data-table=\"{}\">{}</span>", esc(n), t.rows.len())])
        .collect();
    table(&mut o, "counts", &["table", "rows"], &counts);

    // Quality.
    o.push_str("<h2 id=\"quality\">Quality</h2>\n");
    match &quality {
        Some(q) => {
            let _ = write!(o, "<p>Scored against {} (one-to-one matching per document).</p>\n", esc(q["gold"].as_str().unwrap_or("the gold")));
            let mut rows = Vec::new();
            if let Some(t) = q["tables"].as_object() {
                for (name, s) in t {
                    let f = |k: &str| s[k].as_u64().map(|v| v.to_string()).or_else(|| s[k].as_f64().map(|v| format!("{v:.3}"))).unwrap_or_default();
                    rows.push(vec![esc(name), f("gold_rows"), f("predicted_rows"), f("matched"), f("precision"), f("recall"), f("f1")]);
                }
            }
            table(&mut o, "quality", &["table", "gold rows", "published", "matched", "precision", "recall", "F1"], &rows);
        }
        None => o.push_str("<p class=\"none\">No quality.json in this folder (run with --gold).</p>\n"),
    }

    // Visits.
    o.push_str("<h2 id=\"visits\">Visits</h2>\n<p>Each mark is a visit at its start date; hover for details, click for the sentence it came from. Visits without a date are listed below only.</p>\n");
    let mut vmarks = Vec::new();
    for r in &visits.rows {
        let id = visits.get(r, "visit_id");
        if let Some(x) = svg::year_frac(visits.get(r, "start_date")) {
            vmarks.push(Mark {
                series: visits.get(r, "visitor_name").to_string(),
                colour_key: visits.get(r, "host_country").to_string(),
                panel: String::new(),
                x,
                y: 0.0,
                precision: visits.get(r, "date_precision").to_string(),
                title: format!(
                    "{} → {} {} ({}, {})",
                    visits.get(r, "visitor_name"),
                    visits.get(r, "host_country"),
                    visits.get(r, "city"),
                    visits.get(r, "start_date"),
                    visits.get(r, "date_precision")
                ),
                href: first_evidence(&ev, "visits", id),
            });
        }
    }
    o.push_str(&svg::timeline(&vmarks));
    let rows: Vec<Vec<String>> = visits
        .sorted(&["start_date", "visitor_name"])
        .into_iter()
        .map(|r| {
            vec![
                esc(visits.get(r, "visitor_name")),
                esc(visits.get(r, "visitor_role")),
                esc(visits.get(r, "host_country")),
                esc(visits.get(r, "city")),
                esc(visits.get(r, "start_date")),
                esc(visits.get(r, "end_date")),
                esc(visits.get(r, "date_precision")),
                esc(visits.get(r, "status")),
                evidence_link(&ev, "visits", visits.get(r, "visit_id")),
            ]
        })
        .collect();
    table(&mut o, "visits", &["visitor", "role", "host", "city", "start", "end", "precision", "status", "source"], &rows);

    // Trade.
    o.push_str("<h2 id=\"trade\">Trade</h2>\n<p>Figures with a period, one panel per unit, coloured by indicator. Figures without a period are in the table only.</p>\n");
    let mut tmarks = Vec::new();
    for r in &trade.rows {
        let (Some(x), Ok(y)) = (svg::year_frac(trade.get(r, "period_start")), trade.get(r, "value").parse::<f64>()) else {
            continue;
        };
        if !y.is_finite() {
            continue;
        }
        tmarks.push(Mark {
            series: trade.get(r, "indicator").to_string(),
            colour_key: trade.get(r, "indicator").to_string(),
            panel: trade.get(r, "unit").to_string(),
            x,
            y,
            precision: trade.get(r, "period_precision").to_string(),
            title: format!(
                "{}: {} {} ({} {}–{}, {} → {})",
                trade.get(r, "indicator"),
                trade.get(r, "value"),
                trade.get(r, "unit"),
                trade.get(r, "flow"),
                trade.get(r, "period_start"),
                trade.get(r, "period_end"),
                trade.get(r, "reporter"),
                trade.get(r, "partner")
            ),
            href: first_evidence(&ev, "trade", trade.get(r, "trade_id")),
        });
    }
    o.push_str(&svg::trade(&tmarks));
    let rows: Vec<Vec<String>> = trade
        .sorted(&["period_start", "indicator"])
        .into_iter()
        .map(|r| {
            vec![
                esc(trade.get(r, "period_start")),
                esc(trade.get(r, "period_end")),
                esc(trade.get(r, "indicator")),
                esc(trade.get(r, "flow")),
                esc(trade.get(r, "commodity")),
                esc(trade.get(r, "value")),
                esc(trade.get(r, "unit")),
                esc(trade.get(r, "reporter")),
                esc(trade.get(r, "partner")),
                esc(&cut(trade.get(r, "original"), 60)),
                evidence_link(&ev, "trade", trade.get(r, "trade_id")),
            ]
        })
        .collect();
    table(&mut o, "trade", &["period start", "period end", "indicator", "flow", "commodity", "value", "unit", "reporter", "partner", "as written", "source"], &rows);

    // Sanctions.
    o.push_str("<h2 id=\"sanctions\">Sanctions</h2>\n");
    let rows: Vec<Vec<String>> = sanctions
        .sorted(&["date", "authority"])
        .into_iter()
        .map(|r| {
            vec![
                esc(sanctions.get(r, "date")),
                esc(sanctions.get(r, "authority")),
                esc(sanctions.get(r, "issuer")),
                esc(sanctions.get(r, "instrument")),
                esc(sanctions.get(r, "identifier")),
                esc(&cut(sanctions.get(r, "target"), 60)),
                esc(&cut(sanctions.get(r, "measures"), 80)),
                esc(sanctions.get(r, "n_sources")),
                evidence_link(&ev, "sanctions", sanctions.get(r, "sanction_id")),
            ]
        })
        .collect();
    table(&mut o, "sanctions", &["date", "authority", "issuer", "instrument", "identifier", "target", "measures", "sources", "source"], &rows);

    // Top speakers and topics.
    o.push_str("<h2 id=\"speakers\">Top speakers</h2>\n");
    let mut by_speaker: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in &statements.rows {
        *by_speaker.entry((statements.get(r, "speaker_name").to_string(), statements.get(r, "speaker_id").to_string())).or_default() += 1;
    }
    let mut top: Vec<((String, String), usize)> = by_speaker.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let max = top.first().map(|t| t.1).unwrap_or(1).max(1);
    let rows: Vec<Vec<String>> = top
        .iter()
        .take(20)
        .map(|((name, id), n)| {
            vec![esc(name), esc(id), format!("{n} <span class=\"bar\" style=\"width:{}px\"></span>", n * 300 / max)]
        })
        .collect();
    table(&mut o, "speakers", &["speaker", "entity", "statements"], &rows);

    // Statements.
    o.push_str("<h2 id=\"statements\">Statements</h2>\n");
    let rows: Vec<Vec<String>> = statements
        .sorted(&["date", "speaker_name"])
        .into_iter()
        .map(|r| {
            vec![
                esc(statements.get(r, "date")),
                esc(statements.get(r, "speaker_name")),
                esc(statements.get(r, "cue")),
                esc(&cut(statements.get(r, "text"), 160)),
                esc(&statements.get(r, "topics").replace('|', ", ")),
                evidence_link(&ev, "statements", statements.get(r, "statement_id")),
            ]
        })
        .collect();
    table(&mut o, "statements", &["date", "speaker", "cue", "text", "topics", "source"], &rows);

    // Run report.
    o.push_str("<h2 id=\"run\">Run report</h2>\n");
    run_report(&mut o, issues.as_ref());

    // Sources.
    o.push_str("<h2 id=\"sources\">Sources and licences</h2>\n");
    if let Some(ls) = package["licenses"].as_array() {
        o.push_str("<p>Licences in this package: ");
        let names: Vec<String> = ls.iter().map(|l| esc(l["title"].as_str().or(l["name"].as_str()).unwrap_or(""))).collect();
        o.push_str(&names.join("; "));
        o.push_str(". Rows derived from a ShareAlike source are ShareAlike.</p>\n");
    }
    let rows: Vec<Vec<String>> = documents
        .sorted(&["doc_id"])
        .into_iter()
        .map(|r| {
            let url = documents.get(r, "url");
            let link = if url.starts_with("https://") || url.starts_with("http://") {
                format!("<a href=\"{}\" rel=\"noreferrer\">{}</a>", esc(url), esc(&cut(url, 50)))
            } else {
                esc(url)
            };
            vec![
                format!("<span id=\"{}\">{}</span>", anchor("doc", documents.get(r, "doc_id")), esc(documents.get(r, "doc_id"))),
                esc(&cut(documents.get(r, "title"), 60)),
                esc(documents.get(r, "publisher")),
                esc(documents.get(r, "published_date")),
                esc(documents.get(r, "licence")),
                link,
            ]
        })
        .collect();
    table(&mut o, "sources", &["document", "title", "publisher", "published", "licence", "address"], &rows);

    // Evidence.
    o.push_str("<h2 id=\"evidence\">Evidence</h2>\n<p>Every span a record was read from: document, character offsets into its decoded text, and the exact text.</p>\n");
    let rows: Vec<Vec<String>> = ments
        .iter()
        .map(|m| {
            let g = |c: &str| mentions.get(m, c);
            vec![
                format!("<span id=\"{}\">{}</span>", anchor("ev", g("mention_id")), esc(g("table"))),
                esc(g("record_id")),
                format!("<a href=\"#{}\">{}</a>", anchor("doc", g("doc_id")), esc(g("doc_id"))),
                format!("{}–{}", esc(g("char_start")), esc(g("char_end"))),
                esc(g("rule")),
                format!("<blockquote>{}</blockquote>", esc(g("evidence"))),
            ]
        })
        .collect();
    table(&mut o, "evidence", &["table", "record", "document", "chars", "rule", "text"], &rows);
    o.push_str("</body></html>\n");
    Ok((o, Marks { visits: vmarks.len(), trade: tmarks.len() }))
}

fn read_json(dir: &Path, name: &str) -> Result<Value> {
    let p = dir.join(name);
    let t = std::fs::read_to_string(&p).with_context(|| format!("{}: cannot read", p.display()))?;
    serde_json::from_str(&t).with_context(|| format!("{}: not JSON", p.display()))
}

/// The run report: rejected files, quarantined records, warnings counted by code, then listed.
fn run_report(o: &mut String, issues: Option<&Value>) {
    let Some(iss) = issues else {
        o.push_str("<p class=\"none\">No issues.json in this folder.</p>\n");
        return;
    };
    let list = |k: &str| iss[k].as_array().cloned().unwrap_or_default();
    let (rejected, quarantined, warnings) = (list("rejected"), list("quarantined"), list("warnings"));
    let _ = writeln!(
        o,
        "<p>{} documents read; {} rejected; {} records quarantined; {} warnings.</p>",
        iss["documents"].as_u64().unwrap_or(0),
        rejected.len(),
        quarantined.len(),
        warnings.len()
    );
    let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
    for w in &warnings {
        *by_code.entry(w["code"].as_str().unwrap_or("").to_string()).or_default() += 1;
    }
    let rows: Vec<Vec<String>> = by_code.iter().map(|(c, n)| vec![esc(c), n.to_string()]).collect();
    table(o, "warning-codes", &["warning", "count"], &rows);
    let item = |v: &Value| {
        vec![
            esc(v["severity"].as_str().unwrap_or("")),
            esc(v["code"].as_str().or(v["constraint"].as_str()).unwrap_or("")),
            esc(v["file"].as_str().unwrap_or("")),
            esc(&v["message"].as_str().map(String::from).unwrap_or_else(|| v.to_string())),
        ]
    };
    for (name, vs) in [("Rejected files", &rejected), ("Quarantined records", &quarantined), ("Warnings", &warnings)] {
        if vs.is_empty() {
            continue;
        }
        let _ = writeln!(o, "<details><summary>{name} ({})</summary>", vs.len());
        let rows: Vec<Vec<String>> = vs.iter().map(item).collect();
        table(o, "issues", &["severity", "code", "file", "message"], &rows);
        o.push_str("</details>\n");
    }
}

/// Writes the report for `dir` into `out` (replaced atomically) and returns the mark counts.
pub fn write(dir: &Path, out: &Path) -> Result<Marks> {
    let (page, marks) = build(dir)?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    let tmp = out.with_extension("html.tmp-report");
    std::fs::write(&tmp, page).with_context(|| format!("{}: cannot write", tmp.display()))?;
    std::fs::rename(&tmp, out).with_context(|| format!("{}: cannot replace", out.display()))?;
    Ok(marks)
}
