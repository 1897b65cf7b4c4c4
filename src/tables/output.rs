//! Turns records into output rows with stable IDs, and every record's evidence into `mentions`
//! rows whose `evidence` is exactly the raw text `[char_start, char_end)`.

use super::sanctions::Sanction;
use super::statements::StatementRec;
use super::trade::TradeRec;
use super::visits::Visit;
use super::{Evidence, Row};
use crate::model::content_id;
use crate::normalize::date::PDate;

/// The visits a statement can be linked to: of its speaker, dated to the day, covering the
/// statement's day; the first in the order given wins.
#[derive(Default)]
pub struct VisitIndex(std::collections::HashMap<String, SpeakerVisits>);

/// One speaker's day-dated visits, sorted by first day: (first day, last day, order given, id).
#[derive(Default)]
pub struct SpeakerVisits {
    by_start: Vec<(chrono::NaiveDate, chrono::NaiveDate, usize, String)>,
    /// The longest visit, in days: only visits starting that long before a day can cover it.
    longest: i64,
}

impl VisitIndex {
    /// The index of the published visits' keys (id, visitor, start, end; see
    /// [`Output::add_visits`]).
    pub fn new(keys: Vec<(String, String, Option<PDate>, Option<PDate>)>) -> Self {
        let mut m: std::collections::HashMap<String, SpeakerVisits> = Default::default();
        for (pos, (id, who, s, en)) in keys.into_iter().enumerate() {
            let Some(s) = s.filter(|s| s.p == crate::normalize::date::Precision::Day) else { continue };
            let (a, b) = (s.first_day(), en.unwrap_or(s).last_day());
            let v = m.entry(who).or_default();
            v.longest = v.longest.max((b - a).num_days());
            v.by_start.push((a, b, pos, id));
        }
        for v in m.values_mut() {
            v.by_start.sort();
        }
        VisitIndex(m)
    }

    /// The visit of `speaker` that covers `day` (the first in the order given).
    pub fn covering(&self, speaker: &str, day: chrono::NaiveDate) -> Option<&str> {
        let v = self.0.get(speaker)?;
        let from = v.by_start.partition_point(|x| x.0 < day - chrono::Duration::days(v.longest));
        let to = v.by_start.partition_point(|x| x.0 <= day);
        v.by_start[from..to.max(from)].iter().filter(|x| x.1 >= day).min_by_key(|x| x.2).map(|x| x.3.as_str())
    }
}

/// The published rows of every table.
#[derive(Default)]
pub struct Output {
    pub visits: Vec<Row>,
    pub trade: Vec<Row>,
    pub sanctions: Vec<Row>,
    pub statements: Vec<Row>,
    pub mentions: Vec<Row>,
}

/// `YYYY-MM-DD` (years are 1000–2999, see `PDate::new`); chrono's formatter is general and slow.
fn iso(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn date_cols(r: &mut Row, col: &'static str, prec_col: Option<&'static str>, d: Option<PDate>) {
    r.set(col, d.map(|d| iso(d.first_day())).unwrap_or_default());
    if let Some(p) = prec_col {
        r.set(p, d.map(|d| d.p.as_str()).unwrap_or_default());
    }
}

impl Output {
    /// A `mentions` row for one piece of evidence (taken by value: its text moves into the row).
    fn mention(&mut self, table: &'static str, id: &str, e: Evidence) {
        let (a, b) = (e.start.to_string(), e.end.to_string());
        let mut r = Row::new();
        r.set("mention_id", content_id("M", &[table, id, &e.doc_id, &a, &b, &e.rule]));
        r.set("table", table);
        r.set("record_id", id);
        r.set("doc_id", e.doc_id);
        r.set("char_start", a);
        r.set("char_end", b);
        r.set("evidence", e.text);
        r.set("rule", e.rule);
        self.mentions.push(r);
    }

    /// Adds the visits (already merged). Their mentions are not made here: each document adds
    /// those of its own records ([`Output::add_mention`]), when its turn comes to be written.
    pub fn add_visits(&mut self, visits: Vec<Visit>) -> Vec<(String, String, Option<PDate>, Option<PDate>)> {
        let mut keys = Vec::new();
        for v in visits {
            let x = v.rec;
            let e = &x.visitor;
            let start = x.start.map(|d| d.text()).unwrap_or_default();
            let id = content_id("V", &[&e.entity_id, &x.host, &start]);
            let mut r = Row::new();
            r.set("visit_id", &id);
            r.set("visitor_id", &e.entity_id);
            r.set("visitor_name", &e.name_en);
            r.set("visitor_kind", &e.kind);
            r.set("visitor_country", &e.country);
            r.set("visitor_role", &x.role);
            r.set("host_country", &x.host);
            r.set("city", &x.city);
            date_cols(&mut r, "start_date", None, x.start);
            date_cols(&mut r, "end_date", None, x.end);
            // (Only the end known, "returned home on Friday after a visit to": its precision.)
            r.set("date_precision", x.start.or(x.end).map(|d| d.p.as_str()).unwrap_or_default());
            r.set("status", if x.scheduled { "scheduled" } else { "took_place" });
            r.set("purpose", &x.purpose);
            r.set("n_sources", v.sources.to_string());
            r.set("date_disagreements", v.disagreements.join("|"));
            self.visits.push(r);
            keys.push((id, e.entity_id.clone(), x.start, x.end));
        }
        keys
    }

    /// Adds trade figures.
    pub fn add_trade(&mut self, recs: Vec<TradeRec>) {
        for x in recs {
            let raw = x.evidence.start;
            let id = content_id("T", &[&x.evidence.doc_id, &raw.to_string(), &x.value, &x.unit, &x.indicator]);
            let mut r = Row::new();
            r.set("trade_id", &id);
            r.set("doc_id", &x.evidence.doc_id);
            date_cols(&mut r, "period_start", Some("period_precision"), x.period_start);
            r.set("period_end", x.period_end.or(x.period_start).map(|d| iso(d.last_day())).unwrap_or_default());
            r.set("indicator", &x.indicator);
            r.set("flow", &x.flow);
            r.set("commodity", &x.commodity);
            r.set("value", &x.value);
            r.set("unit", &x.unit);
            r.set("reporter", &x.reporter);
            r.set("partner", &x.partner);
            r.set("qualifier", &x.qualifier);
            r.set("source_org", &x.source_org);
            r.set("original", &x.original);
            self.trade.push(r);
            self.mention("trade", &id, x.evidence);
        }
    }

    /// Adds sanctions (already merged), returning their ids in the order given. Their mentions
    /// are added by each document, as the visits' are.
    pub fn add_sanctions(&mut self, recs: Vec<Sanction>) -> Vec<String> {
        let mut ids = Vec::new();
        for m in recs {
            let x = m.rec;
            let date = x.date.map(|d| d.text()).unwrap_or_default();
            let first = x.evidence.first().map(|e| format!("{}@{}", e.doc_id, e.start)).unwrap_or_default();
            let key = if x.identifier.is_empty() {
                format!("{}|{}|{}", x.instrument, date, first)
            } else if x.instrument == "designation" {
                super::sanctions::designation_key(&x)
            } else {
                x.identifier.clone()
            };
            let id = content_id("S", &[&x.authority, &key]);
            let mut r = Row::new();
            r.set("sanction_id", &id);
            r.set("authority", &x.authority);
            r.set("issuer", &x.issuer);
            r.set("instrument", &x.instrument);
            r.set("identifier", &x.identifier);
            date_cols(&mut r, "date", Some("date_precision"), x.date);
            r.set("target", x.target.trim());
            r.set("target_country", &x.target_country);
            r.set("measures", x.measures.trim());
            r.set("n_sources", m.sources.to_string());
            self.sanctions.push(r);
            ids.push(id);
        }
        ids
    }

    /// A `mentions` row for evidence of a record of `table` with id `id`.
    pub fn add_mention(&mut self, table: &'static str, id: &str, e: Evidence) {
        self.mention(table, id, e);
    }

    /// Adds statements, linking each to a visit of its speaker that covers its date.
    pub fn add_statements(&mut self, recs: Vec<StatementRec>, visits: &VisitIndex) {
        // The same words from the same speaker repeated in one document (a headline restated in a
        // version list, a summary box) are one statement with several pieces of evidence.
        let mut seen: std::collections::HashMap<(String, String, String, String, String), String> = Default::default();
        for x in recs {
            let e = &x.speaker;
            let same = (
                x.doc_id.clone(),
                e.entity_id.clone(),
                x.cue.clone(),
                x.text.split_whitespace().collect::<Vec<_>>().join(" "),
                x.date.map(|d| d.text()).unwrap_or_default(),
            );
            if let Some(id) = seen.get(&same) {
                let id = id.clone();
                self.mention("statements", &id, x.evidence);
                continue;
            }
            let raw = x.evidence.start;
            let id = content_id("Q", &[&x.doc_id, &raw.to_string(), &x.pos.to_string(), &e.entity_id, &x.cue]);
            let visit = x.date.filter(|d| d.p == crate::normalize::date::Precision::Day).and_then(|d| visits.covering(&e.entity_id, d.first_day()));
            let mut r = Row::new();
            r.set("statement_id", &id);
            r.set("doc_id", &x.doc_id);
            date_cols(&mut r, "date", Some("date_precision"), x.date);
            r.set("speaker_id", &e.entity_id);
            r.set("speaker_name", &e.name_en);
            r.set("cue", &x.cue);
            r.set("text", x.text);
            r.set("language", &x.language);
            r.set("is_direct_quote", if x.is_direct_quote { "true" } else { "false" });
            r.set("topics", x.topics.join("|"));
            r.set("visit_id", visit.unwrap_or_default());
            self.statements.push(r);
            seen.insert(same, id.clone());
            self.mention("statements", &id, x.evidence);
        }
    }
}
