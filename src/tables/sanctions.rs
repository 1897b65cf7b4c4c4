//! Sanctions: UN Security Council resolutions by number in any script (第2270號決議,
//! Resolution 2270, S/RES/2270), national announcements (商务部 海关总署 2017年第12号公告), and
//! measures announced by an authority (暂停进口, 禁运, 将制裁, "imposed sanctions on") read from
//! `reference/sanction_terms.csv`. Calls, hypotheticals and reactions are not measures.

use super::{Cx, clause_at, evidence, measure_date_for, inside_quotes, is_actor, past_dateline, terms, trunc, Evidence};
use crate::normalize::date::{PDate, Precision};
use crate::normalize::{Annotated, EntityHit};
use crate::reference::Reference;
use regex::Regex;
use std::sync::LazyLock;

/// One sanction measure.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SanctionRec {
    pub authority: String,
    pub issuer: String,
    pub instrument: String,
    pub identifier: String,
    pub date: Option<PDate>,
    pub target: String,
    pub target_country: String,
    pub measures: String,
    pub evidence: Vec<Evidence>,
    /// The target names someone (a person or body, not only a count or a country): such
    /// designations of one day are separate measures when their names differ.
    #[serde(default)]
    pub named: bool,
    /// The issuer is a body of its country (a ministry, the Treasury), not the country itself:
    /// two bodies' measures of one day are separate ("the Treasury … and the State Department
    /// was also blacklisting …").
    #[serde(default)]
    pub body: bool,
}

static RE_UNSC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第?\s*([0-9]{3,4})\s*号\s*(?:[^\s，。0-9]{0,4}?)决议|[Rr]esolution\s+(?:No\.\s*)?([0-9]{3,4})|S/RES/([0-9]{3,4})").expect("valid")
});
/// "resolutions 1695 of July 2006, 1718 of October 2006 and 2397 in December, 2017": a list
/// of numbered resolutions (group 1: the list), each item with its own month and year, if given.
static RE_UNSC_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[Rr]esolutions\s+((?:[0-9]{3,4}(?:\s+(?:of|in)\s+[A-Z][a-z]+,?\s+[0-9]{4})?(?:,\s*(?:and\s+)?|\s+and\s+)?){2,})").expect("valid")
});
/// English: the Security Council voting for sanctions or adopting a resolution without its
/// number ("voted unanimously on Wednesday to impose new sanctions", "a unanimous Security
/// Council vote on a resolution", "adopted a new resolution that expands sanctions"; the noun
/// with the body in front: "Wednesday's U.N. unanimous vote to expand existing sanctions").
static RE_UNSC_VOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bSecurity Council(?:'s|’s)?\s+(?:[A-Za-z]+\s+){0,3}?(?:(?:voted|votes)\b[^.;]{0,40}?\bto\s+(?:impose|tighten|expand|strengthen|toughen|adopt)|(?:vote|voting)\b[^.;]{0,30}?\bon\s+(?:a|the|another)\s+(?:new\s+)?(?:draft\s+)?resolution|(?:unanimously\s+)?(?:adopted|passed|approved|adopts|passes|approves)\s+(?:a|another)\s+(?:new\s+)?resolution)\b|\b(?:U\.N\.|UN|United Nations)(?:\s+Security Council)?(?:'s|’s)?\s+(?:unanimous\s+)?vote\s+to\s+(?:impose|tighten|expand|strengthen|toughen)\b").expect("valid")
});
/// An unnumbered Council resolution told by what it requires of states ("A U.N. Security Council
/// resolution in early March required member states to sever …"): a measure even where the
/// word "sanctions" is not written. (What it bans or imposes is read as that measure.)
static RE_UNSC_REQUIRES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:U\.N\.|UN|United Nations)\s+Security Council\s+resolution\b[^.;,]{0,40}?\b(?:also\s+)?(?:required|requires|obliged|obliges|ordered|orders|called on|calls on)\b").expect("valid")
});
/// Council sanctions named by their year (groups: the years): "the 2017 UN sanctions", "under
/// U.N. sanctions since 2006", 联合国(安理会)2016年和2017年(对朝鲜)实施/通过的制裁, 自2006年以来
/// 一直受到联合国制裁 (on the Simplified shadow).
static RE_UN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:19|20)[0-9]{2})\s+(?:U\.N\.|UN|United Nations)(?:\s+Security Council)?\s+sanctions\b|\b(?:U\.N\.|UN|United Nations)(?:\s+Security Council)?\s+sanctions\s+since\s+((?:19|20)[0-9]{2})\b|(?:联合国|安理会)(?:安理会)?((?:19|20)[0-9]{2})年(?:和((?:19|20)[0-9]{2})年)?[^，。、]{0,6}?(?:通过|实施|施加)的[^，。、]{0,6}?制裁|自((?:19|20)[0-9]{2})年以来[^，。、]{0,6}?受到(?:联合国|安理会)[^，。、]{0,4}?制裁").expect("valid")
});
/// One item of such a list: its number, then its date.
static RE_UNSC_ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9]{3,4})(?:\s+(?:of|in)\s+[A-Z][a-z]+,?\s+[0-9]{4})?").expect("valid"));
static RE_EO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第?\s*([0-9]{5})\s*号\s*(?:总统)?行政命令|Executive Order\s+(?:\(E\.?O\.?\)\s+)?(?:No\.\s*)?([0-9]{5})|\bE\.?O\.?\s+([0-9]{5})").expect("valid")
});
static RE_ACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"《((?:[0-9]{4}年)?[^《》]{2,40}?(?:法案|制裁法|条例|法令))》|\b((?:[A-Z][A-Za-z'’.-]*\s+(?:(?:of|and|on|for|the)\s+)*){1,10}Act(?:\s+of\s+[0-9]{4})?)").expect("valid")
});
/// "added three officials to its (autonomous) sanctions list": the object of "added" is the
/// target.
static RE_ADDED_TO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:added|adds|adding|placed|places|put|puts)\s+(.+?)\s+(?:to|on)\s+(?:its|the|their|a|[A-Z][A-Za-z.]*(?:'s|’s))\s+(?:[A-Za-z-]+\s+){0,6}$").expect("valid"));
static RE_SANCTIONS_ON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[a-z-]+\s+){0,2}sanctions\s+(?:on|against)\s+").expect("valid"));
/// Nothing but a time (or nothing) before a clause's subject: 去年12月，, 周四.
static RE_LEAD_TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[0-9]{4}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}[日号])?(?:当天|同日|此前|随后|目前|日前|近日)?$").expect("valid"));
static RE_YEAR_IN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([12][0-9]{3})").expect("valid"));
static RE_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:([0-9]{4})\s*年\s*)?第\s*([0-9]{1,3})\s*号\s*公告|[Aa]nnouncement\s+No\.?\s*([0-9]{1,3})").expect("valid")
});

/// The authority a body acts for: its country, or for an international body the one the
/// contract knows (the Security Council and its 1718 Committee, or "the UN" imposing sanctions
/// → UNSC; the EU and its Council → EU). Other international bodies (a panel of experts, a
/// UN agency) impose nothing: no authority; nor does a news outlet.
fn authority_of(r: &Cx, e: &EntityHit) -> String {
    let ent = r.ent(e.entity);
    // (A news outlet, a wire's credit line included, imposes nothing: 路透社4月24日报道--美国
    // 财政部周一宣布对…实施制裁 is the Treasury's measure.)
    if r.r.is_press(ent) || r.r.is_state_media(ent) {
        String::new()
    } else if !ent.country.is_empty() {
        ent.country.clone()
    } else if ent.kind == "org" && ent.origin == "reference" {
        match ent.entity_id.trim_start_matches("O_") {
            "UNSC" | "UN1718" | "UN" => "UNSC".into(),
            id if id == "EU" || id.starts_with("EU") => "EU".into(),
            _ => String::new(),
        }
    } else {
        String::new()
    }
}

fn target_in(r: &Cx, ents: &[&EntityHit]) -> String {
    ents.iter().find(|e| r.ent(e.entity).kind == "country").map(|e| r.ent(e.entity).country.clone()).unwrap_or_default()
}

/// A literal the pattern cannot match without: sentences lacking all of them skip the (costly,
/// capture-group) regex. Same matches, a fraction of the time.
fn has_any(sh: &str, words: &[&str]) -> bool {
    words.iter().any(|w| sh.contains(w))
}

/// Reads the sanctions of one document.
/// A country written before one of these is an adjective ("its North Korea sanctions list").
const SANCTION_NOUNS: &[&str] = &[" sanctions list", " sanctions regime", " sanctions committee", " sanctions program", " sanctions law", " sanctions policy", " sanctions designation"];

/// "designated X pursuant to" / "sanctioned X under": the object before an executive order.
static RE_DESIGNATED_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:designated|sanctioned|designating|sanctioning)\s+(.{3,160}?)\s+(?:pursuant to|under)\s*$").expect("valid"));

/// The passive: "RI Song Chol (Ri), a DPRK national, is being designated pursuant to" - the
/// subject (less its parenthesis and apposition) is the target.
static RE_DESIGNATED_PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([^,(]{3,120}?)\s*(?:\([^)]*\)\s*)?(?:,[^,]{1,80},\s*)?(?:is|are|was|were|has been|have been)\s+(?:also\s+)?(?:being\s+)?(?:designated|sanctioned)\s+(?:pursuant to|under)\s*$").expect("valid")
});

/// Verbs that put an object on a list (将 X 列入制裁名单).
const LIST_VERBS: &[&str] = &["列入", "纳入", "加入", "增列"];

/// Words before a resolution's number that cite it rather than report its adoption.
const REFERENCE_LEADS: &[&str] = &["violation of", "violating", "violates", "violated", "breach of", "breaching", "pursuant to", "under", "in line with", "according to", "违反", "违背", "根据", "依据", "按照"];

pub fn extract(doc: &Annotated, r: &Reference) -> Vec<SanctionRec> {
    let r = &Cx::new(r, doc);
    let mut out: Vec<SanctionRec> = Vec::new();
    for s in doc.sentences.iter().filter(|s| !s.apparatus && !s.caption) {
        let sh = &s.shadow;
        let b2c = crate::model::byte_to_char(sh);
        let mut sentence_has_notice = false;
        for c in RE_UNSC.captures_iter(if has_any(sh, &["决议", "esolution", "S/RES"]) { sh } else { "" }) {
            let m = c.get(0).expect("m");
            let num = c.get(1).or(c.get(2)).or(c.get(3)).map(|x| x.as_str().to_string()).unwrap_or_default();
            let (a, b) = (b2c[m.start()], b2c[m.end()]);
            let (ca, cb) = clause_at(s, a);
            let (d, _, explicit) = date_outside(s, a, b);
            // A resolution cited as the rule broken or applied ("in violation of Resolution
            // 2397", 根据第2397号决议) is an older instrument: the text's time is not its date.
            let mut lead = s.sh(a.saturating_sub(30), a).to_lowercase();
            loop {
                let t = lead.trim_end().trim_end_matches('第').trim_end();
                let next = ["security council", "un", "u.n.", "the", "联合国", "安理会"].iter().find_map(|w| t.strip_suffix(w)).map(str::to_string);
                match next {
                    Some(n) => lead = n,
                    None => {
                        lead = t.to_string();
                        break;
                    }
                }
            }
            let cited = REFERENCE_LEADS.iter().any(|w| lead.ends_with(w));
            let date = if explicit { d } else if cited { None } else { d.map(|d| d.coarsen(Precision::Year)) };
            push(&mut out, un_resolution(doc, r, s, num, date, (ca, cb), (ca.min(a), cb.max(b))));
        }
        for c in RE_UNSC_LIST.captures_iter(if sh.contains("esolutions") { sh } else { "" }) {
            let list = c.get(1).expect("list");
            let (ca, cb) = clause_at(s, b2c[list.start()]);
            for item in RE_UNSC_ITEM.captures_iter(list.as_str()) {
                let m = item.get(0).expect("item");
                let (a, b) = (b2c[list.start() + m.start()], b2c[list.start() + m.end()]);
                let date = s.dates.iter().find(|d| d.start >= a && d.end <= b).map(|d| d.date);
                push(&mut out, un_resolution(doc, r, s, item[1].to_string(), date, (ca, cb), (a, b)));
            }
        }
        // (Only about sanctions, when no numbered resolution is named: that one is the row; not
        // a vote to come or one that failed.)
        let numbered = RE_UNSC.is_match(sh) || sh.contains("esolutions");
        let requires = RE_UNSC_REQUIRES.find_iter(if s.lang == "en" && !numbered { sh } else { "" });
        for m in RE_UNSC_VOTE.find_iter(if s.lang == "en" && !numbered && sh.contains("sanction") { sh } else { "" }).chain(requires) {
            let (a, b) = (b2c[m.start()], b2c[m.end()]);
            let (ca, cb) = clause_at(s, a);
            let lead = s.sh(ca, b).to_lowercase();
            let pending = ["will ", "would ", "expected", "plans to", "set to", "due to", "could ", "may ", "failed", "veto", "draft resolution", "if ", "not ", "n't ", "refused"].iter().any(|w| lead.contains(w));
            if pending {
                continue;
            }
            let (date, _, explicit) = measure_date_for(s, a);
            // (A vote the sentence does not date, in a dated article, is not the running date
            // of another paragraph: undated, as any measure told so.)
            let date = if explicit || doc.doc_date.is_none() || s.item_date.is_some() { date } else { None };
            push(&mut out, un_resolution(doc, r, s, String::new(), date, (ca, cb), (a, b)));
        }
        // "the 2017 UN sanctions", "under U.N. sanctions since 2006", 联合国2016年和2017年对朝鲜
        // 实施的制裁, 自2006年以来一直受到联合国制裁: Council sanctions named by their year (a
        // resolution of that year, its number not given), one row per year.
        for c in RE_UN_YEAR.captures_iter(if !numbered && has_any(sh, &["sanctions", "制裁"]) { sh } else { "" }) {
            let m = c.get(0).expect("m");
            let (a, b) = (b2c[m.start()], b2c[m.end()]);
            if inside_quotes(s, a) {
                continue;
            }
            let (ca, cb) = clause_at(s, a);
            for y in (1..c.len()).filter_map(|g| c.get(g)).filter_map(|y| y.as_str().parse::<i32>().ok()) {
                let mut rec = un_resolution(doc, r, s, String::new(), PDate::new(y, None, None), (ca, cb), (a, b));
                rec.evidence[0].rule = "sanction:un-year".into();
                push(&mut out, rec);
            }
        }
        for c in RE_NOTICE.captures_iter(if has_any(sh, &["公告", "nnouncement"]) { sh } else { "" }) {
            let m = c.get(0).expect("m");
            let (a, b) = (b2c[m.start()], b2c[m.end()]);
            let (date, _, _) = date_outside(s, a, b);
            let year = c.get(1).map(|y| y.as_str().to_string()).or(date.map(|d| d.y.to_string())).unwrap_or_default();
            let n = c.get(2).or(c.get(3)).map(|x| x.as_str()).unwrap_or_default();
            let issuers: Vec<&EntityHit> = s.entities.iter().filter(|e| e.end <= a && r.ent(e.entity).kind == "org").collect();
            let Some(first) = issuers.first() else { continue };
            let authority = r.ent(first.entity).country.clone();
            let issuer = issuers.iter().map(|e| r.ent(e.entity).name_en.clone()).collect::<Vec<_>>().join("+");
            let after: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= b).collect();
            sentence_has_notice = true;
            push(
                &mut out,
                SanctionRec {
                    authority,
                    issuer,
                    instrument: "announcement".into(),
                    identifier: format!("{year} No.{n}"),
                    date,
                    target: String::new(),
                    target_country: target_in(r, &after),
                    measures: trunc(&s.text(b, s.len()), 300),
                    evidence: vec![evidence(doc, s, first.start, s.len(), "sanction:announcement")],
                    named: false,
                    body: false,
                },
            );
        }
        let hits = terms(&r.sanction_terms, s);
        // Executive orders: each sentence naming one is a designation under it.
        let mut instrument_spans: Vec<(usize, usize)> = Vec::new();
        for c in RE_EO.captures_iter(if has_any(sh, &["行政命令", "Executive Order", "EO", "E.O"]) { sh } else { "" }) {
            let m = c.get(0).expect("m");
            let (a, b) = (b2c[m.start()], b2c[m.end()]);
            instrument_spans.push((a, b));
            let num = c.get(1).or(c.get(2)).or(c.get(3)).map(|x| x.as_str().to_string()).unwrap_or_default();
            // The body that acted: the nearest organization before the order, else a country.
            let before_eo = |k: &str| s.entities.iter().filter(|e| e.end <= a && !authority_of(r, e).is_empty() && r.ent(e.entity).kind == k).last();
            let actor = before_eo("org");
            let by_instrument = hits.iter().find(|h| h.item.role == "authority" && h.start >= a && h.end <= b + 4).map(|h| h.item.value.clone());
            let authority = actor.map(|e| authority_of(r, e)).filter(|x| !x.is_empty()).or(by_instrument).or_else(|| before_eo("country").map(|e| authority_of(r, e))).unwrap_or_default();
            if authority.is_empty() {
                continue;
            }
            // A sentence naming two orders ("pursuant to E.O. 13382 and E.O. 13722") is one act.
            if instrument_spans.len() > 1 {
                continue;
            }
            let issuer = actor.map(|e| r.ent(e.entity).name_en.clone()).unwrap_or_default();
            let (date, _, _) = date_outside(s, a, b);
            let lead = s.text(0, a);
            // "The designations were made pursuant to E.O. 13382": the order of the designation
            // just reported (the document's last one by the same authority), not a new one.
            let lead_l = lead.trim_start().to_lowercase();
            if s.lang == "en" && ["the designations", "these designations", "today's action", "this action", "the sanctions", "these sanctions", "today's designations"].iter().any(|w| lead_l.starts_with(w)) {
                if let Some(o) = out.iter_mut().rev().find(|o| o.authority == authority) {
                    if o.identifier.is_empty() && o.instrument == "designation" {
                        o.identifier = num;
                    }
                }
                continue;
            }
            // English names the target before the order: "designated X pursuant to E.O. 13382".
            let before_order = (s.lang == "en")
                .then(|| RE_DESIGNATED_BEFORE.captures(&lead).or_else(|| RE_DESIGNATED_PASSIVE.captures(&lead)).and_then(|c| c.get(1)).map(|m| m.as_str().trim().to_string()))
                .flatten()
                .filter(|t| !t.is_empty());
            let after_text = s.text(b, s.len());
            let after_text = after_text.trim();
            // (Nothing but another order or punctuation after it names no target.)
            let rest = RE_EO.replace_all(after_text, "");
            let names_something = rest.split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty() && !["and", "or", "as", "well"].contains(&w));
            let after_target = if names_something { after_text.to_string() } else { String::new() };
            let after: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= b).collect();
            out.push(SanctionRec {
                authority,
                issuer,
                instrument: "designation".into(),
                identifier: num,
                date,
                target: trunc(&before_order.unwrap_or(after_target), 200),
                target_country: target_in(r, &after),
                measures: trunc(&s.text(0, s.len()), 300),
                evidence: vec![evidence(doc, s, actor.map(|e| e.start).unwrap_or(a).min(a), s.len(), "sanction:executive-order")],
                named: false,
                body: false,
            });
        }
        // Acts of a legislature ("the Iran North Korea Syria Nonproliferation Act", 《…法案》).
        for c in RE_ACT.captures_iter(if has_any(sh, &["Act", "法案", "制裁法", "条例", "法令"]) { sh } else { "" }) {
            let m = c.get(0).expect("m");
            let name = c.get(1).or(c.get(2)).map(|x| x.as_str().trim().trim_start_matches("The ").trim_start_matches("the ").to_string()).unwrap_or_default();
            if name.split_whitespace().count() < 2 && !name.chars().any(crate::clean::is_cjk) {
                continue;
            }
            // An act about sanctions, or one that names its target in its title.
            let ctx = hits.iter().any(|h| h.item.role == "context")
                || ["制裁", "Sanction", "Korea", "DPRK", "朝鲜", "Nonproliferation", "Non-proliferation"].iter().any(|w| name.contains(w));
            if !ctx {
                continue;
            }
            let (a, b) = (b2c[m.start()], b2c[m.end()]);
            instrument_spans.push((a, b));
            let actor = s.entities.iter().find(|e| e.end <= a && !authority_of(r, e).is_empty() && matches!(r.ent(e.entity).kind.as_str(), "org" | "country"));
            // Without a body named before it, the authority of the document's last measure by a
            // state, else the country of the first place or country the sentence names (an act
            // is a legislature's: never the Security Council's or another international body's,
            // "帮助起草了2016年《…法》的华盛顿律师…").
            let national = |a: &str| a.len() == 3 && a.chars().all(|c| c.is_ascii_uppercase());
            let (authority, issuer, ev_a) = match actor {
                Some(e) => (authority_of(r, e), r.ent(e.entity).name_en.clone(), e.start.min(a)),
                None => match out.iter().rev().find(|o| national(&o.authority)) {
                    Some(o) => (o.authority.clone(), o.issuer.clone(), a),
                    None => match s.entities.iter().map(|e| r.ent(e.entity)).find(|e| matches!(e.kind.as_str(), "country" | "place") && !e.country.is_empty()) {
                        Some(e) => (e.country.clone(), String::new(), a),
                        None => continue,
                    },
                },
            };
            let year = RE_YEAR_IN.captures(&name).map(|y| y[1].to_string());
            let date = year.and_then(|y| y.parse().ok()).and_then(|y| PDate::new(y, None, None)).or_else(|| date_outside(s, a, b).0);
            out.push(SanctionRec {
                authority,
                issuer,
                instrument: "act".into(),
                identifier: name,
                date,
                target: String::new(),
                target_country: target_in(r, &s.entities.iter().filter(|e| e.start >= b).collect::<Vec<_>>()),
                measures: trunc(&s.text(0, s.len()), 300),
                evidence: vec![evidence(doc, s, ev_a, b, "sanction:act")],
                named: false,
                body: false,
            });
        }
        // "sanctions approved by the Security Council last March": a resolution without its number.
        for h in hits.iter().filter(|h| h.item.role == "adopted") {
            let (ca, cb) = clause_at(s, h.start);
            // "approved by the Security Council" / 安理会…通过.
            let body = s.entities.iter().find(|e| e.start >= h.end && e.start <= h.end + 5 && authority_of(r, e) == "UNSC").or_else(|| {
                s.entities.iter().rfind(|e| {
                    e.end <= h.start
                        && e.start + 12 >= h.start
                        && authority_of(r, e) == "UNSC"
                        && s.lang != "en"
                        && !(e.start > 0 && "对向把将与和".contains(s.orig[e.start - 1]))
                })
            });
            let Some(body) = body else { continue };
            let clause = s.sh(ca, cb);
            if s.lang != "en" && !["制裁", "决议", "禁令"].iter().any(|w| clause.contains(w)) {
                continue;
            }
            if hits.iter().any(|n| n.item.role == "negation" && n.start >= ca && n.end <= cb) {
                continue;
            }
            let before = s.sh(ca.saturating_sub(0), h.start);
            if s.lang == "en" && !before.contains("sanction") || s.sh(ca, cb).contains("号决议") {
                continue;
            }
            let (date, _, explicit) = measure_date_for(s, body.end);
            // "自2006年以来，安理会通过了几项制裁决议": resolutions adopted since a year are dated
            // by it (the first of them), not by the report.
            let since = s.since_dates.iter().rfind(|d| d.end <= body.start).map(|d| d.date);
            let date = if explicit { date } else { since.or(date) };
            out.push(SanctionRec {
                authority: "UNSC".into(),
                issuer: r.ent(body.entity).name_en.clone(),
                instrument: "resolution".into(),
                identifier: String::new(),
                date,
                target: String::new(),
                target_country: target_in(r, &s.entities.iter().collect::<Vec<_>>()),
                measures: trunc(&s.text(past_dateline(s, ca), cb), 300),
                evidence: vec![evidence(doc, s, ca, cb, "sanction:un-adopted")],
                named: false,
                body: false,
            });
            instrument_spans.push((ca, cb));
        }
        if sentence_has_notice {
            continue;
        }
        // The row of the sentence's last measure: (its authority's hit start, row index, clause start).
        let mut sentence_row: Option<(usize, usize, usize)> = None;
        // (A context word valued `counted` is a designation when a count of targets follows it:
        // 以…为由，制裁5名个人与1个实体.)
        for h in hits.iter().filter(|h| h.item.role == "measure" || h.item.value == "counted" && counted_next(&s.sh(h.end, s.len()))) {
            let instrument = if h.item.role == "measure" { h.item.value.clone() } else { "designation".to_string() };
            // (A term holding a scare-quoted word, 所谓“制裁”名单, is read at its last word.)
            let quoted_term = h.item.term.starts_with(['"', '“']);
            if inside_quotes(s, if quoted_term { h.end.saturating_sub(1) } else { h.start }) {
                continue;
            }
            let (ca, cb) = clause_at(s, h.start);
            // (In English, words reported after the measure ("suspended the project …, saying
            // it would no longer allow …") are what was said about it, not a hypothetical.)
            let reported_after = |n: &crate::reference::Hit<crate::reference::Term>| {
                s.lang == "en" && n.start >= h.end && [" saying ", " said ", " says "].iter().any(|w| s.sh(h.end, n.start).contains(w))
            };
            if hits.iter().any(|n| n.item.role == "negation" && n.start >= ca && n.end <= cb && !reported_after(n)) {
                continue;
            }
            // A purpose clause of help (以协助联合国对朝鲜实施制裁: "to help the UN enforce
            // sanctions") tells what another's measure is served by, not a measure; 以协助X为由
            // (on the grounds of helping X) is a reason and stays.
            let lead = s.sh(ca, h.start);
            if ["以协助", "以帮助", "以支持", "以配合"].iter().any(|w| lead.trim_start().starts_with(w)) && !lead.contains("为由") && !lead.contains("为理由") {
                continue;
            }
            // The measure must be about trade, money or sanctions (not, say, a military drill),
            // unless its own words say so (imposed sanctions, 禁运).
            // (The term's own words count: 进出口禁令 hides the context words 进口 and 禁令.)
            // (A named designation list is about sanctions too: 列入特别指定国民清单, "the UK
            // Sanctions List", "the Consolidated List".)
            // (禁止进口/禁止从…进口: a prohibition on trade is a measure in its own words.)
            // (So is a finding named for what it finds: "a primary money laundering concern", 洗钱关注.)
            let self_evident = ["sanction", "制裁", "禁运", "禁令", "禁止", "embargo", "ban", "barred", "laundering", "洗钱"].iter().any(|w| h.item.term.contains(w)) || is_list_term(&h.item.term);
            // (So is any act of a body whose acts are sanctions, role `body`: "OFAC designated X".)
            let by_body = s.entities.iter().any(|e| e.start >= ca && e.end <= h.start && r.r.sanction_terms.payloads().any(|t| t.role == "body" && t.term == r.ent(e.entity).entity_id));
            // "Five representatives (A, B and C) were also designated": in a report of
            // designations, an agentless passive designation is one more of them, by the
            // authority of the last one, a few sentences back.
            let passive_en = s.lang == "en" && agentless_passive(s, h, (ca, cb));
            let continued = passive_en.then(|| continued_designation(doc, r, &out, s, h, (ca, cb), &instrument)).flatten();
            // (A later clause of a sentence whose measure was read, "…, and said the State
            // Department was also designating two agents", shares that measure's context.)
            let same_sentence = sentence_row.is_some();
            if !self_evident && !by_body && !same_sentence && continued.is_none() && !hits.iter().any(|n| n.item.role == "context" && n.start >= ca && n.end <= cb) {
                continue;
            }
            // An adjective (美国指定的…, "US-designated"), not an act.
            if s.orig.get(h.end).is_some_and(|c| *c == '的') || s.sh(h.start.saturating_sub(3), h.start).ends_with("US-") {
                continue;
            }
            // A participle between a determiner and its noun ("its banned weapons programs",
            // "the sanctioned entities"): what the thing is, not an act.
            if s.lang == "en" && h.item.term.ends_with("ed") && !h.item.term.contains(' ') {
                let prev = s.sh(h.start.saturating_sub(8), h.start);
                let word = prev.trim_end().rsplit(' ').next().unwrap_or("");
                let det = prev.ends_with(' ') && (matches!(word, "its" | "their" | "his" | "her" | "the" | "a" | "an" | "other" | "any") || word.ends_with("'s") || word.ends_with("’s"));
                let noun_next = s.sh(h.end, (h.end + 2).min(s.len())).chars().nth(1).is_some_and(|c| c.is_lowercase()) && s.sh(h.end, h.end + 1) == " ";
                let by_next = s.sh(h.end, (h.end + 4).min(s.len())) == " by ";
                if det && noun_next && !by_next {
                    continue;
                }
            }
            // "whether the goods are banned under UN resolutions": a passive with no agent says
            // what is banned, not who bans it (the subject is the goods).
            if passive_en {
                if let Some(rec) = continued {
                    push(&mut out, rec);
                }
                continue;
            }
            // A measure named by an instrument in the same clause (a resolution "which imposed
            // sanctions", an executive order) is that instrument's row.
            if RE_UNSC.is_match(&s.sh(0, h.start)) || !instrument_spans.is_empty() {
                continue;
            }
            // The authority: the nearest actor before the measure in the sentence.
            // An object (将/把/对 X…, 协助X) is not the authority: only text without such a marker
            // may stand between its clause start and it.
            // (A clause opened by 以及 continues the list of the one before it: 对一家公司、其
            // 首席执行官，以及其位于俄罗斯的姊妹公司实施制裁. A country after 位于/设在 is where
            // a target is, not who acts.)
            let object = |e: &EntityHit| {
                let (mut ea, _) = clause_at(s, e.start);
                while ea >= 2 && ["以及", "及其", "还有"].iter().any(|w| s.sh(ea, ea + 2) == *w) {
                    ea = clause_at(s, ea - 1).0;
                }
                let lead = s.sh(ea, e.start);
                // (A marker is a word of its own, not a character of a name: the 同 of 共同社.)
                let named = |i: usize| s.entities.iter().any(|o| o.start <= i && i < o.end);
                lead.chars().enumerate().any(|(i, c)| "将把对向从与被给让同跟为助".contains(c) && !named(ea + i)) || ["位于", "设在", "设于"].iter().any(|w| lead.ends_with(w))
            };
            // "its North Korea sanctions list": a country before a noun is an adjective.
            let adjective = |e: &EntityHit| {
                let next = s.sh(e.end, (e.end + 24).min(s.len()));
                s.lang == "en" && SANCTION_NOUNS.iter().any(|n| next.starts_with(n))
            };
            // English puts the target before the list it is added to ("added five Chinese
            // companies to the Entity List"): that object is not the actor.
            // (The object may hold a comma, "two vessels, the Sea Star and the Moon Bay, to its
            // list": then the verb is in an earlier clause of the sentence.)
            // (span of the object, start of the clause holding the verb)
            let added_at = (s.lang == "en")
                .then(|| {
                    [ca, past_dateline(s, 0)].into_iter().find_map(|from| {
                        let lead = s.sh(from, h.start);
                        let c = RE_ADDED_TO.captures(&lead)?;
                        let (v, m) = (c.get(0)?, c.get(1)?);
                        let at = |b: usize| from + lead[..b].chars().count();
                        Some(((at(m.start()), at(m.end())), clause_at(s, at(v.start())).0))
                    })
                })
                .flatten();
            let added = added_at.map(|(span, _)| span);
            let can_act = |e: &&EntityHit| {
                e.end <= h.start
                    && !added.is_some_and(|(a, b)| e.start >= a && e.end <= b)
                    && !adjective(e)
                    && is_actor(r, e)
                    && !inside_quotes(s, e.start)
                    && (matches!(r.ent(e.entity).kind.as_str(), "org" | "country") || super::is_person(r, e))
                    && !authority_of(r, e).is_empty()
                    && !object(e)
            };
            // English puts the authority first in its clause ("The European Union added four
            // North Korean individuals to its sanctions list"): the first actor of the clause,
            // not the nearest (an adjective inside the object).
            let ca = added_at.map(|(_, verb_clause)| verb_clause).unwrap_or(clause_at(s, h.start).0);
            // ("Seoul imposed sanctions …", "Tokyo extended its ban": a capital opening the
            // clause stands for its government; not the place of a dateline before it,
            // "Pyongyang, March 6 (KCNA) -- The U.S. …".)
            let ca_text = past_dateline(s, ca);
            let capital_subject = |e: &&EntityHit| e.end <= h.start && r.capital_country(e.entity).is_some() && s.sh(ca_text, e.start).trim().is_empty();
            let first_en = (s.lang == "en").then(|| s.entities.iter().find(|e| e.start >= ca_text && (can_act(e) || capital_subject(e)))).flatten();
            // "adding X to Japan's asset-freeze list", "updated the UK Sanctions List": the country
            // owning the list (a possessive or adjective right before it) is the authority, not
            // a body named inside the object. (Not the list's subject: "its North Korea
            // sanctions list" is North Korea's only as its target.)
            let owner = (s.lang == "en" && is_list_term(&h.item.term))
                // (Or an international body's: "added to a U.N. blacklist".)
                .then(|| s.entities.iter().rfind(|e| e.end <= h.start && matches!(r.ent(e.entity).kind.as_str(), "country" | "org")))
                .flatten()
                .filter(|e| matches!(s.sh(e.end, h.start).trim(), "" | "'s" | "\u{2019}s"))
                .filter(|e| !authority_of(r, e).is_empty() && !r.r.sanction_terms.payloads().any(|t| t.role == "subject" && t.term == authority_of(r, e)));
            // "additional sanctions were imposed by the US Treasury on …": a passive names its
            // authority after "by".
            let by_agent = (s.lang == "en")
                .then(|| {
                    let lead = s.sh(ca, h.start);
                    // ("was re-designated": the prefix is the verb's.)
                    let last = lead.trim_end().trim_end_matches("re-").trim_end().rsplit(' ').next().unwrap_or("");
                    let passive = ["is", "are", "was", "were", "been", "being"].contains(&last) || ["were", "was", "been"].iter().any(|w| s.sh(h.start, h.end).starts_with(&format!("{w} ")) || s.sh(h.start, h.end).contains(&format!(" {w} ")));
                    // ("were imposed by the Treasury"; after a complement: "was designated a state
                    // sponsor of terrorism by the U.S.")
                    let window = s.sh(h.end, (h.end + 60).min(s.len()));
                    let stop = window.find([',', ';']).unwrap_or(window.len());
                    let by = if window.trim_start().starts_with("by ") { Some(window.len() - window.trim_start().len()) } else { window[..stop].find(" by ").map(|i| i + 1) }?;
                    let rest = &window[by + 3..];
                    let the = if rest.starts_with("the ") { 4 } else { 0 };
                    let skip = window[..by + 3 + the].chars().count();
                    passive.then(|| s.entities.iter().find(|e| e.start == h.end + skip && is_actor(r, e) && !authority_of(r, e).is_empty())).flatten()
                })
                .flatten();
            // "has been sanctioned by the U.S., the UK and Ukraine": each agent of a list is an
            // authority of its own (one row each); the list is not the target.
            let mut co_agents: Vec<&EntityHit> = by_agent.map(|a| joined_actors(r, s, a, s.len(), &["", ",", "and", ", and", "and the", ", the", ", and the", "the"]).0).unwrap_or_default();
            let agents_end = co_agents.last().map(|e| e.end).or(by_agent.map(|a| a.end)).unwrap_or(0);
            // "The United States, the Republic of Korea (ROK), and Japan issued designations …":
            // each actor of a subject list is an authority of its own (one row each).
            let subjects = if s.lang == "en" && by_agent.is_none() && owner.is_none() { subject_list(r, s, h.start) } else { Vec::new() };
            let first_en = subjects.first().copied().or(first_en);
            co_agents.extend(subjects.iter().skip(1));
            // Chinese too: an actor opening the measure's clause is its subject, however many
            // names stand between it and the measure (美國起訴中國商業間諜並限制…出口: 美國).
            let first_zh = (s.lang != "en")
                .then(|| s.entities.iter().find(|e| e.start >= ca_text && can_act(e) && RE_LEAD_TIME.is_match(s.sh(ca_text, e.start).trim())))
                .flatten();
            // 韩国和美国政府23日将…指定为制裁对象: each actor of a list opening the clause is an
            // authority of its own, as in English.
            if let Some(f) = first_zh.filter(|_| by_agent.is_none() && owner.is_none() && first_en.is_none()) {
                co_agents.extend(zh_subject_list(r, s, f, h.start).into_iter().skip(1));
            }
            let Some(auth) = by_agent.or(owner).or(first_en).or(first_zh).or_else(|| s.entities.iter().rev().find(|e| can_act(e))) else {
                continue;
            };
            let auth = &EntityHit { entity: r.capital_country(auth.entity).unwrap_or(auth.entity), ..auth.clone() };
            let ent = &r.ent(auth.entity);
            // The dataset's subject country taking a measure ("Pyongyang announced it was ending
            // all economic cooperation with the South") is a policy step, reported as a
            // statement: sanctions are measures on it and its dealings (role `subject`).
            if r.r.sanction_terms.payloads().any(|t| t.role == "subject" && t.term == authority_of(r, auth)) {
                continue;
            }
            // A later clause with no subject of its own continues the same act
            // (宣布对六名官员实施制裁，冻结其资产): one measure, its words extended.
            if let Some((a0, idx, ca0)) = sentence_row.filter(|(a0, _, _)| *a0 == auth.start && auth.end <= ca) {
                let o = &mut out[idx];
                o.measures = trunc(&s.text(past_dateline(s, ca0), cb), 300);
                if o.instrument == "other" {
                    o.instrument = instrument.clone();
                    // Now of the kind of an undated mention before it (a headline): one measure.
                    let rec = out.remove(idx);
                    push(&mut out, rec);
                    sentence_row = None;
                    continue;
                }
                sentence_row = Some((a0, idx, ca0));
                continue;
            }
            let (date, _, explicit) = measure_date_for(s, h.start);
            let date = announced_day(s, date).or(date);
            // "said it was blacklisting", "has imposed": an undated measure told as news in a
            // dated article is the article's, not the running date of another paragraph.
            let date = match (explicit, doc.doc_date, s.item_date) {
                (false, Some(d), None) if s.lang == "en" && news_tense(s, h.start, h.end) => Some(PDate::day(d)),
                (false, Some(_), None) if date.is_none() && !s.is_heading => lead_month(doc, s),
                (false, Some(_), None) if s.lang == "en" => None,
                _ => date,
            };
            // The target: the first country after the measure other than the authority's own
            // ("a ban on trade between Taiwan and North Korea" by Taiwan targets North Korea).
            let own = authority_of(r, auth);
            let others = |e: &&EntityHit| r.ent(e.entity).country != own;
            let after: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= h.end && e.start < cb).filter(others).filter(|e| e.start >= agents_end).collect();
            let mut target_country = or(target_in(r, &after), &target_in(r, &s.entities.iter().filter(|e| e.start >= h.end && e.start >= agents_end).filter(others).collect::<Vec<_>>()));
            // English names the target right after the measure ("sanctions on three North
            // Korean officials involved in arms transfers to Russia"): when its head is a
            // person, role or body of a known nationality, that nationality is the target's
            // country, not a country named later in the phrase.
            if s.lang == "en" {
                let head = after.first().filter(|e| {
                    let gap = s.sh(h.end, e.start);
                    is_actor(r, e) && r.ent(e.entity).kind != "country" && !gap.contains([',', ';']) && gap.split_whitespace().count() <= 4
                });
                if let Some(c) = head.map(|e| r.ent(e.entity).country.clone()).filter(|c| !c.is_empty()) {
                    target_country = c;
                }
            }
            // Chinese names the target before the measure: 对三家中国企业实施制裁.
            let object_from = (s.lang != "en")
                .then(|| s.sh(ca, h.start).chars().rev().position(|c| c == '对').map(|k| h.start - k))
                .flatten()
                .filter(|&o| !s.sh(o, h.start).contains("制裁"))
                // And before a listing verb: 将两家公司列入制裁名单 (将/把 X 列入 the list).
                .or_else(|| {
                    let lead = s.sh(ca, h.start);
                    // (列入所谓“制裁”名单: "so-called" between the verb and the list.)
                    let lead = lead.strip_suffix("所谓").unwrap_or(&lead).to_string();
                    let verb = LIST_VERBS.iter().find(|v| lead.ends_with(*v))?;
                    let k = lead[..lead.len() - verb.len()].rfind(['将', '把'])?;
                    let o = ca + lead[..k].chars().count() + 1;
                    (o + verb.chars().count() < h.start).then_some(o)
                });
            let object_span = object_from.map(|o| (o, h.start)).or(added);
            if let Some((o, oe)) = object_span {
                let inside: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= o && e.end <= oe).filter(others).collect();
                // A country, else the country of a group or person named there ("three North
                // Korean officials").
                let named = or(target_in(r, &inside), &inside.iter().map(|e| r.ent(e.entity).country.clone()).find(|c| !c.is_empty() && *c != own).unwrap_or_default());
                if !named.is_empty() {
                    target_country = named;
                }
            }
            // A passive with its agent ("North Korea was designated … by the U.S."): the
            // subject before the verb is the target.
            if by_agent.is_some() && target_country.is_empty() {
                target_country = target_in(r, &s.entities.iter().filter(|e| e.start >= ca && e.end <= h.start).filter(others).collect::<Vec<_>>());
            }
            // Nobody sanctions itself: a measure "by" its own target is a misreading.
            if target_country.is_empty() && target_in(r, &s.entities.iter().filter(|e| e.start >= h.end && e.start < cb && e.start >= agents_end).collect::<Vec<_>>()) == own {
                continue;
            }
            // The table is of measures over the DPRK: a measure aimed at another country in a
            // sentence that names nothing North Korean (美國…限制對中國芯片生產商出口 in a story
            // of the Korean talks) is another story's. (Not a designation: the firms of other
            // countries listed for their North Korean dealings are named without the DPRK.)
            let dprk_named = s.entities.iter().any(|e| {
                let x = r.ent(e.entity);
                x.entity_id == "PRK" || x.country == "PRK"
            });
            if !target_country.is_empty() && target_country != "PRK" && !dprk_named && instrument != "designation" {
                continue;
            }
            let before_len = out.len();
            let rec = SanctionRec {
                authority: authority_of(r, auth),
                issuer: ent.name_en.clone(),
                instrument,
                identifier: String::new(),
                date,
                target: match object_from {
                    // 对北韩实施为期两年的进出口全面禁令: the object ends at the light verb.
                    Some(o) => {
                        let sh = s.sh(o, h.start);
                        let cut = ["实施", "施加", "进行", "采取"].iter().chain(LIST_VERBS).filter_map(|v| sh.find(v).map(|b| sh[..b].chars().count())).min().unwrap_or(sh.chars().count());
                        trunc(s.text(o, o + cut).trim(), 200)
                    }
                    None => match added {
                        Some((a, b)) => trunc(s.text(a, b).trim().trim_end_matches([',', ';']).trim_end(), 200),
                        None => {
                            // "… two individuals for facilitating arms transfers": the reason is not the target.
                            // (A list of agents, "by the U.S., the UK and Ukraine", is skipped whole.)
                            let mut t = if by_agent.is_none() || co_agents.is_empty() { s.text(h.end, cb) } else { format!(" {}", s.text(agents_end.min(cb), cb)) };
                            // "designated three IT workers on Thursday": a time phrase is not
                            // part of the target.
                            for d in s.dates.iter().filter(|d| d.start >= h.end && d.end <= cb) {
                                let when = s.text(d.start, d.end);
                                // (Only "on/in/since DATE": "until the end of 2017" is a term.)
                                let own = ["on ", "in ", "since "].iter().any(|p| when.starts_with(p)).then(|| format!(" {when}"));
                                if let Some(phrase) = [" on ", " in ", " since "].iter().map(|p| format!("{p}{when}")).chain(own).find(|p| t.contains(p.as_str())) {
                                    t = t.replacen(&phrase, " ", 1);
                                }
                            }
                            // ("were imposed by the US Treasury on X": the agent is not the target.)
                            if let Some(a) = by_agent {
                                let agent = s.text(a.start, a.end);
                                for w in [format!("by the {agent}"), format!("by {agent}")] {
                                    if t.trim_start().starts_with(&w) {
                                        t = t.trim_start()[w.len()..].to_string();
                                        break;
                                    }
                                }
                            }
                            let t = t.trim();
                            // "imposed (unilateral) sanctions on X": X is the target.
                            let t = RE_SANCTIONS_ON.find(t).map(|m| &t[m.end()..]).unwrap_or(t);
                            let t = t.trim_start_matches("on ").trim_start_matches("against ");
                            let cut = [" for ", " over ", " as punishment", " as a punishment", " in retaliation"].iter().filter_map(|w| t.find(w)).min().unwrap_or(t.len());
                            let t = t[..cut].trim_end_matches(['.', ',']);
                            // ("updated the UK Sanctions List on GOV.UK": a web address is where, not whom.)
                            let web = !t.contains(' ') && t.contains('.');
                            // A passive with its agent and nothing after ("the Angara was sanctioned
                            // by the US government in May 2022"): the subject is the target.
                            if t.trim().is_empty() && by_agent.is_some() {
                                passive_subject(&s.text(ca, h.start))
                            } else if web { String::new() } else { trunc(t, 200) }
                        }
                    },
                },
                target_country: target_country.clone(),
                measures: trunc(&s.text(past_dateline(s, ca), cb), 300),
                evidence: vec![evidence(doc, s, auth.start.min(ca), cb, "sanction:measure")],
                named: false,
                body: ent.kind != "country",
            };
            // (Whether the target names someone, read once it is known.)
            let rec = SanctionRec { named: names_someone(r, s, &rec.target), ..rec };
            let co_recs: Vec<SanctionRec> = co_agents
                .iter()
                .map(|e| {
                    let x = r.ent(r.capital_country(e.entity).unwrap_or(e.entity));
                    SanctionRec { authority: authority_of(r, e), issuer: x.name_en.clone(), body: x.kind != "country", ..rec.clone() }
                })
                .collect();
            push(&mut out, rec);
            sentence_row = (out.len() > before_len).then(|| (auth.start, out.len() - 1, ca));
            for c in co_recs {
                push(&mut out, c);
            }
        }
    }
    list_designations(doc, r, &mut out);
    // "OFAC today sanctioned one individual, two banks and a trading company", followed by each
    // of them by name: the count summarises the named designations, it is not one more.
    // (Only an undated-order count of the same day: "imposed sanctions on two shipping
    // companies on Nov. 19" in a story of other measures is a measure of its own.)
    // (The named ones are of the same day, or come after it under an order of their own.)
    let named = |i: usize, c: &SanctionRec| {
        out.iter().enumerate().any(|(j, o)| {
            o.authority == c.authority
                && !o.target.is_empty()
                && !counted_only(&o.target)
                && (o.date.zip(c.date).is_some_and(|(a, b)| a.agrees(&b)) || j > i && !o.identifier.is_empty())
        })
    };
    // (Council sanctions named by their year when the document numbers that year's
    // resolution: that resolution.)
    let numbered_as = |c: &SanctionRec| {
        c.evidence.first().is_some_and(|e| e.rule == "sanction:un-year")
            && out.iter().any(|o| o.authority == "UNSC" && !o.identifier.is_empty() && o.date.zip(c.date).is_some_and(|(a, b)| a.agrees(&b)))
    };
    let keep: Vec<bool> = out.iter().enumerate().map(|(i, o)| !(o.identifier.is_empty() && counted_only(&o.target) && named(i, o)) && !numbered_as(o)).collect();
    let mut k = keep.into_iter();
    out.retain(|_| k.next().unwrap_or(true));
    out
}

/// The actors of a list that is the whole subject of an English sentence's verb at `verb`
/// ("The United States, the Republic of Korea (ROK), and Japan, issued …"), when it names two
/// or more authorities; else empty.
fn subject_list<'a>(r: &Cx, s: &'a crate::normalize::Sentence, verb: usize) -> Vec<&'a EntityHit> {
    static RE_ABBREV: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\([A-Z][A-Za-z.]{1,8}\)").expect("valid"));
    let gap_of = |a: usize, b: usize| RE_ABBREV.replace_all(&s.sh(a, b), "").trim().to_string();
    let mut list: Vec<&EntityHit> = Vec::new();
    let from = past_dateline(s, 0);
    let mut end = from;
    for e in s.entities.iter().filter(|e| e.start >= from && e.end <= verb) {
        // (An abbreviation in brackets after a name is that name: "the Republic of Korea (ROK)".)
        if !list.is_empty() && s.sh(end, e.start).trim() == "(" && s.sh(e.end, e.end + 1) == ")" {
            end = e.end + 1;
            continue;
        }
        let gap = gap_of(end, e.start);
        // (A fronted time may open the sentence: "In November, the U.S., Japan and …".)
        let timed = |g: &str| {
            g.rsplit_once(',').is_some_and(|(lead, tail)| {
                ["", "the"].contains(&tail.trim()) && lead.split_whitespace().count() <= 5 && s.dates.iter().any(|d| d.start >= end && d.end <= e.start)
            })
        };
        let joined = if list.is_empty() { ["", "the", "The"].contains(&gap.as_str()) || timed(&gap) } else { [",", "and", ", and", "and the", ", the", ", and the"].contains(&gap.as_str()) };
        if !joined || !is_actor(r, e) || authority_of(r, e).is_empty() {
            return Vec::new();
        }
        if !list.iter().any(|x| authority_of(r, x) == authority_of(r, e)) {
            list.push(e);
        }
        end = e.end;
    }
    let rest = gap_of(end, verb);
    let rest = rest.trim_matches(|c: char| c == ',' || c.is_whitespace());
    if list.len() < 2 || !["", "have", "have all", "have jointly", "jointly", "also", "have also", "each"].contains(&rest) {
        return Vec::new();
    }
    list
}

/// The actors of a Chinese list opening a measure's clause, from `first` (韩国和美国政府,
/// 美国、日本及韩国), when it names two or more authorities and no passive marker stands
/// between it and the measure at `verb` (伊朗和朝鲜遭到制裁 are targets); else empty.
fn zh_subject_list<'a>(r: &Cx, s: &'a crate::normalize::Sentence, first: &'a EntityHit, verb: usize) -> Vec<&'a EntityHit> {
    let (more, end) = joined_actors(r, s, first, verb, &["和", "与", "與", "及", "、", "以及", "同", "跟"]);
    let mut list = vec![first];
    list.extend(more);
    if list.len() < 2 || ["被", "遭", "受到", "受"].iter().any(|w| s.sh(end, verb).contains(w)) {
        return Vec::new();
    }
    list
}

/// The actors that follow `first` in a list (each joined to the one before it by one of
/// `joiners`, gaps trimmed; ending by `limit`), one per authority and none of `first`'s, and
/// where the list ends.
fn joined_actors<'a>(r: &Cx, s: &'a crate::normalize::Sentence, first: &EntityHit, limit: usize, joiners: &[&str]) -> (Vec<&'a EntityHit>, usize) {
    let mut list: Vec<&EntityHit> = Vec::new();
    let mut end = first.end;
    for e in s.entities.iter().filter(|e| e.start >= first.end && e.end <= limit) {
        if !joiners.contains(&s.sh(end, e.start).trim()) || !is_actor(r, e) || authority_of(r, e).is_empty() {
            break;
        }
        if authority_of(r, e) != authority_of(r, first) && !list.iter().any(|x| authority_of(r, x) == authority_of(r, e)) {
            list.push(e);
        }
        end = e.end;
    }
    (list, end)
}

/// Adverbs that may stand between an auxiliary and its participle ("were also designated").
const PASSIVE_ADVERBS: &[&str] = &["also", "now", "already", "later", "subsequently", "previously", "since", "then", "formally", "officially", "likewise", "similarly"];

/// A list item naming a designee: "Korea Sobaeksu Trading Company – A front company …",
/// "Kim Se Un: a representative …" (group 1: the name, bold marks aside), after an optional
/// list marker.
static RE_LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[0-9]{1,2}[.)]\s*|[-*•]\s+)?\**([A-Z][A-Za-z0-9.'’&() -]{1,80}?)\**\s*(?:[–—]|\s-|:)\s+\S").expect("valid"));
/// A list marker left alone on its line ("1.", "2)", "-").
static RE_LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[0-9]{1,2}[.)]|[-*•])$").expect("valid"));

/// The date of a measure told before the story has named any time (its lead): the days before
/// the report, so the report's month; the day is not known. None once a time has been named.
fn lead_month(doc: &Annotated, s: &crate::normalize::Sentence) -> Option<PDate> {
    doc.doc_date.filter(|_| s.context.is_none()).map(|d| PDate::day(d).coarsen(Precision::Month))
}

/// English: a sentence announcing designations and ending in a colon ("OFAC's latest round of
/// sanctions lists the following entities and individuals …:"), followed by list items each
/// naming a designee: one designation per item, by the authority the announcement names, of
/// its date.
fn list_designations(doc: &Annotated, r: &Cx, out: &mut Vec<SanctionRec>) {
    let sents: Vec<&crate::normalize::Sentence> = doc.sentences.iter().filter(|s| !s.apparatus && !s.caption).collect();
    for (i, s) in sents.iter().enumerate() {
        let text = s.text(0, s.len());
        let sh = s.sh(0, s.len()).to_lowercase();
        if s.lang != "en" || !text.trim_end().ends_with(':') || !["sanction", "designat", "blacklist"].iter().any(|w| sh.contains(w)) {
            continue;
        }
        // The body the announcement names, else ("The latest round of sanctions lists …:") the
        // one of the document's last designation.
        let named = s.entities.iter().find(|e| is_actor(r, e) && matches!(r.ent(e.entity).kind.as_str(), "org" | "country") && !authority_of(r, e).is_empty());
        let by = named.map(|e| (authority_of(r, e), r.ent(e.entity).name_en.clone())).or_else(|| out.iter().rev().find(|o| o.instrument == "designation").map(|o| (o.authority.clone(), o.issuer.clone())));
        let Some((authority, issuer)) = by else { continue };
        let (date, _, explicit) = measure_date_for(s, s.len().saturating_sub(1));
        let date = if explicit || date.is_some() { date } else { lead_month(doc, s) };
        for item in sents[i + 1..].iter().filter(|t| !RE_LIST_MARKER.is_match(t.text(0, t.len()).trim())) {
            let t = item.text(0, item.len());
            let Some(c) = RE_LIST_ITEM.captures(&t) else { break };
            let name = c[1].trim().to_string();
            // (A name, not a sentence opening: two capitalized words at least.)
            if name.split_whitespace().filter(|w| w.starts_with(|c: char| c.is_uppercase())).count() < 2 {
                break;
            }
            let at = c.get(1).map_or(0, |m| t[..m.start()].chars().count());
            push(
                out,
                SanctionRec {
                    authority: authority.clone(),
                    issuer: issuer.clone(),
                    instrument: "designation".into(),
                    identifier: String::new(),
                    date,
                    target: trunc(&name, 200),
                    target_country: String::new(),
                    measures: trunc(t.trim(), 300),
                    evidence: vec![evidence(doc, item, at, item.len(), "sanction:list-item")],
                    named: true,
                    body: false,
                },
            );
        }
    }
}

/// English: the measure at `h` is told in the passive with no agent ("whether the goods are
/// banned under UN resolutions", "were also designated for …"; not the progressive "was
/// suspending", and not with "by …" after it).
fn agentless_passive(s: &crate::normalize::Sentence, h: &crate::reference::Hit<crate::reference::Term>, (ca, cb): (usize, usize)) -> bool {
    let lead = s.sh(ca, h.start);
    // (Past an adverb: "were also designated".)
    let aux = lead.split_whitespace().rev().find(|w| !PASSIVE_ADVERBS.contains(w)).unwrap_or("");
    let passive = ["is", "are", "was", "were", "be", "been", "being"].contains(&aux);
    let progressive = s.sh(h.start, h.end).split_whitespace().next().is_some_and(|w| w.ends_with("ing"));
    passive && !progressive && !s.sh(h.end, cb).contains(" by ")
}

/// How far back (in characters of the raw text, markup included) the designation a passive
/// continues may be.
const CONTINUED_WITHIN: usize = 2500;

/// An agentless English passive designation ("X, Y and Z were also designated for …") continuing
/// the document's last designation: the same authority and issuer, its subject the target. Its
/// date is its own if it states one, else the last designation's. None when no designation by a
/// named authority stands within [`CONTINUED_WITHIN`] characters before it, or the subject is
/// no more than a pronoun or a determiner phrase ("they", "the entities").
fn continued_designation(doc: &Annotated, r: &Cx, out: &[SanctionRec], s: &crate::normalize::Sentence, h: &crate::reference::Hit<crate::reference::Term>, (ca, cb): (usize, usize), instrument: &str) -> Option<SanctionRec> {
    if instrument != "designation" {
        return None;
    }
    let prev = out.iter().rev().find(|o| o.instrument == "designation" && !o.authority.is_empty() && !o.issuer.is_empty())?;
    let here = doc.cleaned.text.raw_span(s.start, s.start + 1).0;
    let prev_at = prev.evidence.iter().filter(|e| e.doc_id == doc.cleaned.doc.doc_id).map(|e| e.start).max()?;
    if prev_at > here || here - prev_at > CONTINUED_WITHIN {
        return None;
    }
    // (The subject may hold commas: "Five representatives (A, B, and C) were designated".)
    let ca = past_dateline(s, 0).min(ca);
    let subject = s.text(ca, h.start);
    let words: Vec<&str> = subject.split_whitespace().collect();
    let aux = words.iter().rposition(|w| ["is", "are", "was", "were", "been", "being"].contains(w))?;
    let target = words[..aux].join(" ");
    let target = target.trim_end_matches(',').trim();
    let lower = target.to_lowercase();
    if target.is_empty() || ["they", "it", "he", "she", "these", "those", "the ", "these ", "those ", "such "].iter().any(|w| lower == w.trim() || lower.starts_with(w) && w.ends_with(' ')) {
        return None;
    }
    let (own, _, explicit) = measure_date_for(s, h.start);
    Some(SanctionRec {
        authority: prev.authority.clone(),
        issuer: prev.issuer.clone(),
        instrument: instrument.to_string(),
        identifier: String::new(),
        date: if explicit { own } else { prev.date },
        target: trunc(target, 200),
        target_country: String::new(),
        measures: trunc(&s.text(ca, cb), 300),
        evidence: vec![evidence(doc, s, ca, cb, "sanction:measure")],
        named: names_someone(r, s, target),
        body: false,
    })
}

/// Whether a target names someone: a person or body the sentence's names include, or (English)
/// a run of two or more capitalized words that is not a country's name ("Ho Chong Son", not
/// "North Korean").
fn names_someone(r: &Cx, s: &crate::normalize::Sentence, target: &str) -> bool {
    static RE_CAPS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*)+").expect("valid"));
    if target.trim().is_empty() {
        return false;
    }
    let named = |kinds: &[&str]| s.entities.iter().filter(|e| kinds.contains(&r.ent(e.entity).kind.as_str())).map(|e| s.text(e.start, e.end)).filter(|t| target.contains(t.as_str())).collect::<Vec<_>>();
    if !named(&["person", "org"]).is_empty() {
        return true;
    }
    let countries = named(&["country"]);
    RE_CAPS.find_iter(target).any(|m| !countries.iter().any(|c| c.contains(m.as_str())))
}

/// Whether two designations of the same day name different targets: both name someone (not
/// empty, not only counted, "two banks"), and neither target's lead name (up to its first
/// comma or bracket) is in the other. A count, or an unnamed target, may summarise the named
/// ones and stays one measure with them.
fn distinct_targets(a: &SanctionRec, b: &SanctionRec) -> bool {
    if a.instrument != "designation" || b.instrument != "designation" || !a.named || !b.named || counted_only(&a.target) || counted_only(&b.target) {
        return false;
    }
    let lead = |t: &str| t.split([',', '(', '，', '（', ';', '、']).next().unwrap_or("").trim().to_lowercase();
    let (la, lb) = (lead(&a.target), lead(&b.target));
    let (ta, tb) = (a.target.to_lowercase(), b.target.to_lowercase());
    !(la.is_empty() || lb.is_empty() || ta.contains(&lb) || tb.contains(&la))
}

/// A measure term naming a designation list (制裁名单, 特别指定国民清单, "sanctions list").
/// A Security Council resolution read from sentence `s`: its number and date, the clause it
/// stands in (its measures), and the span its evidence covers.
fn un_resolution(doc: &Annotated, r: &Cx, s: &crate::normalize::Sentence, identifier: String, date: Option<PDate>, (ca, cb): (usize, usize), (ea, eb): (usize, usize)) -> SanctionRec {
    let ents: Vec<&EntityHit> = s.entities.iter().collect();
    SanctionRec {
        authority: "UNSC".into(),
        issuer: "UN Security Council".into(),
        instrument: "resolution".into(),
        identifier,
        date,
        target: String::new(),
        target_country: or(target_in(r, &ents), "PRK"),
        measures: trunc(&s.text(past_dateline(s, ca), cb), 300),
        evidence: vec![evidence(doc, s, ea, eb, "sanction:un-resolution")],
        named: false,
        body: false,
    }
}

/// English: the measure at `[a, b)` is told in the progressive or the present perfect ("was
/// blacklisting", "is imposing", "has designated"), as news of the day.
fn news_tense(s: &crate::normalize::Sentence, a: usize, b: usize) -> bool {
    let before = s.sh(a.saturating_sub(24), a);
    // (Past an adverb: "was also blacklisting".)
    let last = before.split_whitespace().rev().find(|w| !matches!(*w, "also" | "now" | "already" | "still" | "currently")).unwrap_or("");
    let term = s.sh(a, b);
    super::perfect(s, a) || term.split(' ').next().is_some_and(|w| w.ends_with("ing")) && matches!(last, "is" | "are" | "was" | "were")
}

fn is_list_term(term: &str) -> bool {
    ["名单", "清单", "清單", "list", "List", "Designated Nationals"].iter().any(|w| term.contains(w))
}

/// Number words that open a counted noun phrase ("two banks", 两家银行).
const COUNT_WORDS: &[&str] = &["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "dozens"];

/// A target written only as counted things ("one individual, two banks and a trading company",
/// 一名个人、两家银行和一家贸易公司): every part opens with a number.
fn counted_only(target: &str) -> bool {
    let t = target.trim();
    if t.is_empty() {
        return false;
    }
    // (Only the head nouns: "two banks and eight individuals involved in laundering and fraud".)
    let t = [" involved ", " linked ", " who ", " which ", " that ", " accused ", " associated ", " suspected ", " tied ", " based ", " for ", " over ", " in "].iter().filter_map(|w| t.find(w)).min().map_or(t, |k| &t[..k]);
    let parts: Vec<&str> = t.split(['、', '，', ',', '和', '及']).flat_map(|p| p.split(" and ")).map(str::trim).filter(|p| !p.is_empty()).collect();
    !parts.is_empty()
        && parts.iter().all(|p| {
            let first = p.split_whitespace().next().unwrap_or("");
            p.starts_with(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十几数多".contains(c)) || COUNT_WORDS.contains(&first.to_lowercase().as_str())
        })
}

/// Text that opens with a count of things (5名个人, 三家中国企业, 了两艘船): the objects of a
/// verb that designates them.
fn counted_next(after: &str) -> bool {
    let t = after.trim_start().strip_prefix('了').unwrap_or(after.trim_start());
    let n = t.chars().take_while(|c| c.is_ascii_digit() || "一二两三四五六七八九十百几数多".contains(*c)).count();
    n > 0 && t.chars().nth(n).is_some_and(|c| "名家个艘间位人批条座".contains(c))
}

/// [`measure_date_for`], ignoring dates inside the identifier itself (2017年第12号公告).
fn date_outside(s: &crate::normalize::Sentence, a: usize, b: usize) -> (Option<PDate>, Option<PDate>, bool) {
    let mut t = s.clone();
    t.dates.retain(|d| d.end <= a || d.start >= b);
    measure_date_for(&t, a)
}

fn or(a: String, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        a
    }
}

/// Words that announce a measure (Simplified shadow; English in lower case).
const ANNOUNCE_WORDS: &[&str] = &["宣布", "公布", "发布", "决定", "announced", "said", "decided", "ordered"];

/// The day a measure was announced, when the sentence dates the measure only by when it takes
/// effect: 商务部周一宣布，由8月15日起全面禁止… / "the ministry announced on Monday a ban on …
/// from Aug. 15". A measure is dated by its announcement (as the seeds date MOFCOM's notices).
fn announced_day(s: &crate::normalize::Sentence, date: Option<PDate>) -> Option<PDate> {
    let date = date?;
    let m = s.dates.iter().find(|m| m.date == date)?;
    let effective = if s.lang == "en" {
        let before = s.sh(m.start.saturating_sub(12), m.start).to_lowercase();
        ["from ", "effective ", "starting ", "beginning ", "as of "].iter().any(|w| before.ends_with(w))
    } else {
        // (周二起, 由8月15日起: not 起飞, 起草, 起诉.)
        s.sh(m.end, m.end + 1) == "起" && !s.sh(m.end + 1, m.end + 2).starts_with(['飞', '草', '诉'])
    };
    if !effective {
        return None;
    }
    let a = s.dates.iter().filter(|a| a.end <= m.start && a.date.p == Precision::Day && a.end_date.is_none()).last()?;
    let between = s.sh(a.end, m.start).to_lowercase();
    let announced = ANNOUNCE_WORDS.iter().any(|w| between.contains(w));
    let days = (date.first_day() - a.date.first_day()).num_days();
    (announced && (0..=60).contains(&days) && !between.contains(['。', ';', '；'])).then_some(a.date)
}

/// Adds a record unless the document already has the same measure: the same resolution or
/// announcement number, or a national measure taking effect within 7 days after an announcement
/// of the same authority (the announcement's effective date).
fn push(out: &mut Vec<SanctionRec>, rec: SanctionRec) {
    for o in out.iter_mut() {
        // Designations under one order are separate measures (each names its targets).
        if rec.instrument == "designation" && !rec.identifier.is_empty() {
            break;
        }
        // "Tokyo extended its ban on imports": a weak verb (extended, restricted: `other`) and the
        // measure it governs, read from the same words, are one measure, of the stronger kind.
        if o.authority == rec.authority && o.measures == rec.measures && o.date == rec.date && o.identifier.is_empty() && rec.identifier.is_empty() && (o.instrument == "other") != (rec.instrument == "other") {
            if o.instrument == "other" {
                o.instrument = rec.instrument.clone();
                if !rec.target.is_empty() {
                    o.target = rec.target.clone();
                }
            }
            o.evidence.extend(rec.evidence);
            return;
        }
        let same = if !rec.identifier.is_empty() {
            o.authority == rec.authority && o.identifier == rec.identifier
        } else {
            o.authority == rec.authority
                && match (o.date, rec.date) {
                    (Some(a), Some(b)) if a.p == Precision::Day && b.p == Precision::Day => {
                        let diff = (b.first_day() - a.first_day()).num_days();
                        (0..=7).contains(&diff) && o.instrument == "announcement"
                            || diff == 0 && o.instrument == rec.instrument && !distinct_targets(o, &rec) && !distinct_bodies(o, &rec)
                    }
                    (None, None) => o.instrument == rec.instrument && o.measures == rec.measures,
                    // An undated or less precise mention (a headline, the lead, a later reference)
                    // of the document's dated measure of the same kind by the same authority is
                    // that measure.
                    // (Not a count beside a name: the count may sum up another action, and
                    // is dropped below when it sums up this one.)
                    (Some(a), Some(b)) if a.p != b.p => {
                        let bare = o.target.trim().is_empty() || rec.target.trim().is_empty() || o.named == rec.named;
                        a.agrees(&b) && o.instrument == rec.instrument && o.identifier.is_empty() && bare && !distinct_targets(o, &rec)
                    }
                    // (A measure of unstated kind, `other`, is the same as one of a kind: the
                    // headline's 制裁 and the lead's 进行制裁.)
                    // (A resolution is a package: an undated ban, inspection or listing the
                    // story goes on to tell under the same body, "The new U.N. measures also
                    // blacklist 31 ships", is part of the dated resolution.)
                    (Some(_), None) | (None, Some(_)) => {
                        (o.instrument == rec.instrument || o.instrument == "other" || rec.instrument == "other" || o.instrument == "resolution" && rec.date.is_none())
                            && o.identifier.is_empty()
                            && !distinct_targets(o, &rec)
                    }
                    _ => false,
                }
        };
        if same {
            if o.date.is_none_or(|d| rec.date.is_some_and(|r| r.p > d.p)) && rec.date.is_some() && rec.identifier.is_empty() {
                // The dated report is the fuller one: its words lead, the headline's evidence stays.
                let mut ev = std::mem::take(&mut o.evidence);
                ev.extend(rec.evidence.iter().cloned());
                // (The kind the headline states stands when the report's is unstated.)
                let instrument = if rec.instrument == "other" { o.instrument.clone() } else { rec.instrument.clone() };
                *o = SanctionRec { evidence: ev, instrument, ..rec };
                return;
            }
            o.evidence.extend(rec.evidence);
            if o.date.is_none_or(|d| rec.date.is_some_and(|r| r.p > d.p)) && !rec.identifier.is_empty() {
                o.date = rec.date;
            }
            return;
        }
    }
    out.push(rec);
}

/// A sanction after merging across documents: its first report in merge order, and how many
/// documents report it.
#[derive(Clone, Debug)]
pub struct Sanction {
    /// The first report (its words and evidence lead).
    pub rec: SanctionRec,
    pub sources: usize,
}

/// Merges the sanctions of all documents: the same authority and identifier (or, without one,
/// the same instrument and date) are one measure.
pub fn merge(recs: Vec<SanctionRec>) -> Vec<Sanction> {
    merge_tagged(recs.into_iter().map(|r| (r, ())).collect()).into_iter().map(|(r, _)| r).collect()
}

/// [`merge`], each record carrying a tag (where it came from): each merged record comes with
/// the tags of the records merged into it.
pub fn merge_tagged<T>(mut recs: Vec<(SanctionRec, T)>) -> Vec<(Sanction, Vec<T>)> {
    recs.sort_by(|(a, _), (b, _)| merge_order(a, b));
    merge_sorted(recs)
}

/// The order records are merged in: content first, document names last, so the merged record
/// (its target, measures, date) does not depend on how the input files are named or ordered.
pub fn merge_order(a: &SanctionRec, b: &SanctionRec) -> std::cmp::Ordering {
    // Within one measure, the most precisely dated report with a named target leads.
    let key = |r: &SanctionRec| (std::cmp::Reverse(r.date.map(|d| d.p)), r.date, r.target.is_empty());
    (&a.authority, &a.identifier, &a.instrument)
        .cmp(&(&b.authority, &b.identifier, &b.instrument))
        .then_with(|| key(a).cmp(&key(b)))
        .then_with(|| (&a.target, &a.measures).cmp(&(&b.target, &b.measures)))
        .then_with(|| super::by_wording(&a.evidence, &b.evidence))
        .then_with(|| a.evidence.cmp(&b.evidence))
}

/// [`merge_tagged`] of records already in [`merge_order`] (read in bounded memory from a sorted
/// bucket): memory holds each measure's first report and the numbers of its documents.
pub fn merge_sorted<T>(recs: impl IntoIterator<Item = (SanctionRec, T)>) -> Vec<(Sanction, Vec<T>)> {
    let mut doc_ids: std::collections::HashMap<String, u32> = Default::default();
    let mut out: Vec<(SanctionRec, std::collections::BTreeSet<u32>, Vec<T>)> = Vec::new();
    for (r, tag) in recs {
        let k = match out.iter().position(|(o, _, _)| {
            o.authority == r.authority
                && if r.instrument == "designation" && !r.identifier.is_empty() {
                    o.instrument == r.instrument && designation_key(o) == designation_key(&r)
                } else if r.identifier.is_empty() {
                    o.identifier.is_empty() && o.instrument == r.instrument && o.date.is_some() && o.date == r.date && !distinct_targets(o, &r) && !distinct_bodies(o, &r)
                } else {
                    o.identifier == r.identifier
                }
        }) {
            Some(k) => k,
            None => {
                out.push((r.clone(), Default::default(), Vec::new()));
                out.len() - 1
            }
        };
        let (_, docs, tags) = &mut out[k];
        for e in &r.evidence {
            let n = doc_ids.len() as u32;
            docs.insert(*doc_ids.entry(e.doc_id.clone()).or_insert(n));
        }
        tags.push(tag);
    }
    out.into_iter().map(|(rec, docs, tags)| (Sanction { rec, sources: docs.len() }, tags)).collect()
}

/// The subject of a passive measure from the words before its verb: "While the Angara was"
/// gives "the Angara" (a subordinator before it and the auxiliaries after it dropped).
fn passive_subject(lead: &str) -> String {
    let mut words: Vec<&str> = lead.split_whitespace().collect();
    while words.last().is_some_and(|w| ["is", "are", "was", "were", "been", "being", "be", "has", "have", "had", "also", "already", "previously", "since", "later", "itself"].contains(&w.to_lowercase().as_str())) {
        words.pop();
    }
    if words.first().is_some_and(|w| ["while", "although", "though", "after", "since", "when", "because", "as", "but", "and", "whereas", "once"].contains(&w.to_lowercase().as_str())) {
        words.remove(0);
    }
    let t = words.join(" ");
    let t = t.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
    // (Only a short noun phrase: a whole clause before the verb is not a target.)
    if t.is_empty() || words.len() > 8 || t.contains([',', ';']) { String::new() } else { trunc(t, 200) }
}

/// Two bodies of one country acting on one day, told in one document ("the Treasury …, and the
/// State Department was also blacklisting …"): separate measures. (Across documents the same
/// act may be told as the Treasury's in one and OFAC's in another, so it merges there.)
fn distinct_bodies(a: &SanctionRec, b: &SanctionRec) -> bool {
    a.body && b.body && a.issuer != b.issuer && a.evidence.iter().any(|e| b.evidence.iter().any(|f| f.doc_id == e.doc_id))
}

/// What makes one designation under an order distinct from another: the order, the date and
/// the start of the text naming its targets.
pub fn designation_key(r: &SanctionRec) -> String {
    let date = r.date.map(|d| d.text()).unwrap_or_default();
    format!("{}|{}|{}", r.identifier, date, trunc(&r.target, 40))
}
