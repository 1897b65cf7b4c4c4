//! Visits: a trip by a person to a country other than their own. Read from visit verbs
//! (`visit_terms.csv`: 访问, 抵达, 赴, 访华 → CHN, "arrived in" …) and from co-presence verbs
//! with a place (在新加坡举行会晤, "held talks in Beijing"). Invitations, negated trips, returns
//! home and embassy visits are not visits; 将/定于 with a day-precise date is `scheduled`.

use super::{Cx, clause_at, date_for, evidence, inside_quotes, is_person, is_place, terms, trunc, Evidence};
use crate::normalize::date::{PDate, Precision};
use crate::normalize::{Annotated, EntityHit, Sentence};
use crate::reference::{EntRef, Hit, Reference, Term};
use chrono::{Datelike, Duration};
use regex::Regex;
use std::sync::LazyLock;

/// One visit as read from one sentence (before merging).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct VisitRec {
    pub visitor: EntRef,
    /// The visitor's office or capacity as written (特使, "Chairman of the WPK").
    pub role: String,
    pub host: String,
    pub city: String,
    pub start: Option<PDate>,
    pub end: Option<PDate>,
    pub scheduled: bool,
    pub purpose: String,
    pub evidence: Vec<Evidence>,
    /// The date was read from the sentence (not carried from context).
    pub explicit: bool,
    /// Read from a travel verb (抵达, 访问) rather than a meeting in a place.
    pub travel: bool,
    /// Undated mention of repeated or lifetime travel (生前, 多次).
    pub generic: bool,
}

static RE_DURATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"为期\s*([0-9]+|[一二两三四五六七八九十]+)\s*(?:天|日)").expect("valid"));

/// 刘国中与诺瓦克分别于8日和9日抵达平壤: the two days of a "respectively" (分别) pair, read as
/// one range, go one to each of the sentence's two travellers with that range, in the order
/// the travellers are named.
fn respectively(r: &Cx, s: &Sentence, rows: &mut [VisitRec]) {
    let Some(at) = s.shadow.find("分别").map(|b| s.shadow[..b].chars().count()) else { return };
    // The range right after 分别 (于8日和9日), its two ends joined by 和 or 、.
    let Some(d) = s.dates.iter().find(|d| d.start >= at && d.start <= at + 4 && d.end_date.is_some()) else { return };
    if !s.sh(d.start, d.end).contains(['和', '、']) {
        return;
    }
    let (first, second) = (d.date, d.end_date.unwrap_or(d.date));
    let mut idx: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].start == Some(first) && rows[i].end == Some(second)).collect();
    if idx.len() != 2 {
        return;
    }
    // (In the order the text names them: by where each traveller's evidence starts.)
    idx.sort_by_key(|&i| rows[i].evidence.first().map(|e| e.start).unwrap_or(0));
    let written = |i: usize| s.entities.iter().find(|e| e.start < at && r.ent(e.entity).entity_id == rows[i].visitor.entity_id).map(|e| e.start);
    if let (Some(a), Some(b)) = (written(idx[0]), written(idx[1])) {
        if a > b {
            idx.swap(0, 1);
        }
    }
    rows[idx[0]].end = None;
    rows[idx[1]].start = Some(second);
    rows[idx[1]].end = None;
}

/// A visit's length in days as the sentence states it (为期三天, 为期 4 日).
fn duration_days(shadow: &str) -> Option<i64> {
    let c = RE_DURATION.captures(shadow)?;
    c[1].parse::<i64>().ok().or_else(|| crate::normalize::amount::chinese_numeral(&c[1]).map(|v| v as i64))
}
static RE_ORDINAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"第\s*(?:[一二两三四五六七八九十]+|[0-9]+)\s*[次度]$").expect("valid"));
static RE_REFTIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^，。,]{0,6}?(?:[0-9]+|[一二两三四五六七八九十几数半]+)\s*(?:个)?\s*(?:月|天|日|年|周|星期)\s*[前后]的").expect("valid")
});
static RE_COUNT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:[二两三四五六七八九十几数]|[0-9]+)\s*[次度]$").expect("valid"));

/// Visit-lexicon hits of a sentence (matched once per sentence).
type Hits<'a> = [Hit<'a, Term>];

/// Whether the words after a person (up to the travel verb) make the person a possessor, not
/// the traveller: 习近平的特使, 习近平特使X, 习近平总书记、国家主席的特别代表 (titles and
/// enumeration commas between the name and 的).
fn possessor(r: &Cx, after: &str) -> bool {
    let mut rest = after;
    loop {
        let t = rest.trim_start_matches(['、', ' ']);
        match r.names.titles.find_str(t).first().filter(|h| h.start == 0) {
            Some(h) if h.end > 0 => rest = &t[t.char_indices().nth(h.end).map_or(t.len(), |(b, _)| b)..],
            _ => {
                rest = t;
                break;
            }
        }
    }
    rest.starts_with('的') || rest.starts_with("特使") || rest.starts_with("特别代表")
}

fn has_role(hits: &Hits, a: usize, b: usize, role: &str) -> bool {
    hits.iter().any(|h| h.item.role == role && h.start >= a && h.end <= b)
}

fn country_of(r: &Cx, e: &EntityHit) -> String {
    r.ent(e.entity).country.clone()
}

/// A traveller's country: the entity's own, else, for the head of a delegation
/// (以X为团长的朝鲜劳动党代表团, X率领的朝鲜代表团), the country of the body or country named
/// right after the head's phrase.
fn traveller_country(r: &Cx, s: &Sentence, e: &EntityHit) -> String {
    let own = country_of(r, e);
    if !own.is_empty() {
        return own;
    }
    let Some(n) = s.entities.iter().find(|n| n.start >= e.end && n.start <= e.end + 5) else { return own };
    let gap = s.sh(e.end, n.start);
    let heads = ["为团长的", "为首的", "率领的", "带领的", "为团长、", "为团长"].contains(&gap.as_str());
    let delegation = s.sh(n.end, (n.end + 4).min(s.len())).contains("代表团");
    if heads && delegation && matches!(r.ent(n.entity).kind.as_str(), "org" | "country") {
        country_of(r, n)
    } else {
        own
    }
}

fn city_of(r: &Cx, e: &EntityHit) -> String {
    let ent = &r.ent(e.entity);
    if ent.kind == "place" {
        if ent.city.is_empty() {
            ent.name_en.clone()
        } else {
            ent.city.clone()
        }
    } else {
        ent.city.clone()
    }
}

/// Place right after position `p` (allowing a few linking chars), within `limit`.
fn place_after<'a>(r: &Cx, s: &'a Sentence, p: usize, limit: usize) -> Option<&'a EntityHit> {
    s.entities.iter().find(|e| e.start >= p && e.start <= p + 3 && e.start < limit && is_place(r, e))
}

/// The most specific place in a run of places (越南首都河内 → Hanoi).
fn refine_city(r: &Cx, s: &Sentence, host: &EntityHit, limit: usize) -> String {
    let mut city = city_of(r, host);
    let country = country_of(r, host);
    for e in s.entities.iter().filter(|e| e.start >= host.end && e.start <= host.end + 4 && e.start < limit) {
        if r.ent(e.entity).kind == "place" && r.ent(e.entity).country == country {
            city = city_of(r, e);
        }
    }
    city
}

/// The end of a trip told after it, by the travellers' short form (一行, 代表团, 他) rather
/// than a name: 代表团一行将于16日结束访问回国, 他于16日离开平壤回国.
static RE_END_VISIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:一行|代表团|访问团|他们|他|她)[^，。；,;]{0,14}?(?:结束(?:[^，。；,;]{0,12}的)?(?:访问|行程)|离开[^，。；,;]{1,10}回国)").expect("valid")
});

/// Sets the last day of the document's last dated trip from a sentence like those of
/// [`RE_END_VISIT`]: the day the sentence gives before its verb, when it falls within eight
/// weeks after the trip's first day and the trip has no last day yet.
fn end_of_last_visit(r: &Cx, s: &Sentence, out: &mut [VisitRec]) {
    let Some(m) = RE_END_VISIT.find(&s.shadow) else { return };
    let (a, b) = (s.shadow[..m.start()].chars().count(), s.shadow[..m.end()].chars().count());
    let Some(d) = s.dates.iter().rfind(|d| d.start >= a && d.end <= b && d.date.p == Precision::Day && d.end_date.is_none()) else { return };
    let Some(last) = out.iter().rev().find(|v| !v.generic && v.start.is_some_and(|x| x.p == Precision::Day)) else { return };
    let (start, visitor, host) = (last.start.expect("dated"), last.visitor.entity_id.clone(), last.host.clone());
    // (Another person named before the verb is whose trip ends: not the one just reported.)
    if s.entities.iter().any(|e| e.end <= b && is_person(r, e) && r.ent(e.entity).entity_id != visitor) {
        return;
    }
    let days = (d.date.first_day() - start.first_day()).num_days();
    if !(1..=56).contains(&days) {
        return;
    }
    for v in out.iter_mut().filter(|v| v.visitor.entity_id == visitor && v.host == host && v.start == Some(start) && v.end.is_none()) {
        v.end = Some(d.date);
    }
}

/// Words for a travelling group opening a sentence as its subject (代表团于18日抵达).
const GROUP_SUBJECTS: &[&str] = &["该代表团", "代表团一行", "代表团", "访问团", "该团"];

/// The person a Chinese sentence names as a delegation's head: 以X为团长, X率领/率 (the
/// delegation), 由X率领.
fn delegation_head(r: &Cx, s: &Sentence) -> Option<usize> {
    s.entities.iter().filter(|e| is_person(r, e)).find_map(|e| {
        let after = s.sh(e.end, (e.end + 4).min(s.len()));
        let heads = after.starts_with("为团长") || after.starts_with("率领") || (after.starts_with('率') && s.sh(e.end, s.len()).contains("代表团"));
        (heads && s.sh(e.end, s.len()).contains('团')).then_some(e.entity)
    })
}

/// A sentence whose subject is the delegation just named (代表团于18日乘飞机抵达平壤), with a
/// hit for the delegation's head over the group word, so that the trip is the head's; `None`
/// for any other sentence.
fn delegation_subject(r: &Cx, s: &Sentence, head: Option<usize>) -> Option<Sentence> {
    let head = head?;
    if s.lang == "en" {
        return None;
    }
    let start = super::past_dateline(s, 0);
    let rest = s.sh(start, s.len());
    let word = GROUP_SUBJECTS.iter().find(|w| rest.trim_start().starts_with(*w))?;
    let a = start + (rest.chars().count() - rest.trim_start().chars().count());
    let b = a + word.chars().count();
    // (Only when nobody is named before its verb: 代表团团长X抵达 names its own traveller.)
    if s.entities.iter().any(|e| e.start < b + 6 && is_person(r, e)) {
        return None;
    }
    Some(with_hit(s, a, b, head))
}

/// A copy of a sentence with one more entity hit (an antecedent over the words that stand for it).
fn with_hit(s: &Sentence, start: usize, end: usize, entity: usize) -> Sentence {
    let mut x = s.clone();
    x.entities.push(EntityHit { start, end, entity });
    x.entities.sort_by_key(|e| (e.start, e.end));
    x
}

/// A Chinese sentence with 他/她 as the subject of a clause (她曾于…访问俄罗斯, 此前，他曾…),
/// with a hit for the person last named first in a sentence over the pronoun; `None` for any
/// other sentence.
///
/// A time may open the clause before the pronoun (3月底他到访北京). A person named earlier in
/// the same sentence (这是金正恩第三次访华，3月底他到访北京) is whom a pronoun opening a later
/// clause stands for: the first one named.
fn pronoun_subject(r: &Cx, s: &Sentence, person: Option<usize>) -> Option<Sentence> {
    if s.lang == "en" {
        return None;
    }
    let start = super::past_dateline(s, 0);
    let chars: Vec<char> = s.shadow.chars().collect();
    let clause_start = |i: usize| i == start || matches!(chars[i - 1], '，' | ',');
    // The clause's opening time, if the pronoun follows one (3月底他, 5月上旬她).
    let opened_at = |i: usize| {
        s.dates
            .iter()
            .filter(|d| d.end <= i && i - d.end <= 2 && clause_start(d.start))
            .find(|d| chars[d.end..i].iter().all(|c| matches!(c, '底' | '初' | '末' | '中' | '上' | '下' | '旬')))
            .map(|d| d.start)
    };
    let first_before = |i: usize| s.entities.iter().find(|e| e.start < i && is_person(r, e)).map(|e| e.entity);
    let at = (start..chars.len()).find(|&i| {
        let open = if clause_start(i) { Some(i) } else { opened_at(i) };
        matches!(chars[i], '他' | '她')
            // (他们 is a group; 他国 another country.)
            && !matches!(chars.get(i + 1), Some('们' | '国' | '人' | '方'))
            // (An opener before the comma: 此前，她…; not a clause of another subject's, unless
            // this sentence named the person before.)
            && open.is_some_and(|o| o - start <= 5 || first_before(i).is_some())
    })?;
    let person = first_before(at).or(person)?;
    Some(with_hit(s, at, at + 1, person))
}

/// A Chinese sentence whose clause opens with 两人/二人 (兩人8個月前在新加坡舉行首次峰會), with
/// hits over the pronoun for the two people it stands for: the last two named, of two
/// countries (`recent`: people named so far, last last); `None` for any other sentence.
fn pair_subject(r: &Cx, s: &Sentence, recent: &[usize]) -> Option<Sentence> {
    if s.lang == "en" {
        return None;
    }
    let chars: Vec<char> = s.shadow.chars().collect();
    let start = super::past_dateline(s, 0);
    let at = (start..chars.len().saturating_sub(1)).find(|&i| {
        matches!(chars[i], '两' | '二') && chars[i + 1] == '人' && (i == start || matches!(chars[i - 1], '，' | ','))
            && !matches!(chars.get(i + 2), Some('的' | '之'))
    })?;
    // The people named so far, then those this sentence names before the pronoun.
    let mut people: Vec<usize> = recent.to_vec();
    for e in s.entities.iter().filter(|e| e.end <= at && is_person(r, e)) {
        people.retain(|p| *p != e.entity);
        people.push(e.entity);
    }
    let (&b, rest) = people.split_last()?;
    let a = *rest.iter().rev().find(|&&p| p != b)?;
    let (ca, cb) = (&r.ent(a).country, &r.ent(b).country);
    if ca.is_empty() || cb.is_empty() || ca == cb {
        return None;
    }
    let x = with_hit(s, at, at + 1, a);
    Some(with_hit(&x, at + 1, at + 2, b))
}

/// A cancel word of the clause `[ca, cb)` that takes the trip at `h` back (取消, "postponed",
/// "Hopes for"). A modal phrase with its own verb ("may visit Japan") qualifies only that verb.
pub(super) fn cancels(n: &Hit<Term>, h: &Hit<Term>, ca: usize, cb: usize) -> bool {
    n.item.role == "cancel" && n.start >= ca && n.end <= cb && (!n.item.term.contains("visit") || n.start <= h.start && n.end >= h.end)
}

/// English words after which a name is an object, not a traveller (read by the shared visit
/// rule: "met X and then went on to Y" is the subject's trip).
const EN_OBJECT_BEFORE: &[&str] = &["met", "meets", "meeting", "with", "by", "received", "receives", "hosted", "hosts", "welcomed", "welcomes", "greeted", "of", "to", "and", "from"];

/// Reads the visits of one document.
pub fn extract(doc: &Annotated, r: &Reference) -> Vec<VisitRec> {
    let r = &Cx::new(r, doc);
    let mut out = Vec::new();
    // Where the story was filed: the place of a same-day meeting it tells without one.
    let dateline = super::dateline::of_document(doc, r);
    let mut en_state = super::visits_en::State::with_dateline(dateline.as_ref());
    // The country the document names most: the host of a trip whose place goes unsaid.
    let topic: Option<EntityHit> = super::most_named_country(doc, r);
    // The head of the delegation last named (以X为团长的…代表团, X率领的代表团), for a later
    // sentence whose subject is the delegation itself (代表团于18日抵达平壤).
    let mut last_head: Option<usize> = None;
    // The first person named in the last Chinese sentence that named one: whom a clause-initial
    // 他/她 stands for (此前，她曾于2024年11月访问俄罗斯).
    let mut last_subject: Option<usize> = None;
    // People named in Chinese sentences so far, the last named last (for 两人).
    let mut recent: Vec<usize> = Vec::new();
    for s in doc.sentences.iter().filter(|s| !s.apparatus) {
        let resolved;
        let s = match delegation_subject(r, s, last_head).or_else(|| pronoun_subject(r, s, last_subject)).or_else(|| pair_subject(r, s, &recent)) {
            Some(x) => {
                resolved = x;
                &resolved
            }
            None => s,
        };
        if s.lang != "en" {
            last_head = delegation_head(r, s).or(last_head);
            // (A named person, not an office such as the spokesperson announcing a trip.)
            last_subject = s.entities.iter().find(|e| r.ent(e.entity).kind == "person").map(|e| e.entity).or(last_subject);
            for e in s.entities.iter().filter(|e| r.ent(e.entity).kind == "person") {
                recent.retain(|p| *p != e.entity);
                recent.push(e.entity);
            }
            if recent.len() > 8 {
                recent.drain(..recent.len() - 8);
            }
        }
        let rows_before = out.len();
        let hits = terms(&r.visit_terms, s);
        if s.lang == "en" {
            // A caption does not change who the prose is talking about.
            let mut state = if s.caption { en_state.clone() } else { std::mem::take(&mut en_state) };
            super::visits_en::sentence(doc, r, s, &mut state, topic.as_ref(), &mut out);
            if !s.caption {
                en_state = state;
            }
        } else {
            visitor_list(doc, r, s, &hits, &mut out);
        }
        if s.caption && hits.is_empty() {
            caption_scene(doc, r, s, &mut out);
        }
        for h in &hits {
            if !matches!(h.item.role.as_str(), "visit" | "visit_place" | "visit_in" | "meet") || inside_quotes(s, h.start) {
                continue;
            }
            if h.item.role == "visit_place" && place_after(r, s, h.end, s.len()).is_none_or(|p| p.start > h.end) {
                continue;
            }
            // 中国访朝官员有主席胡锦涛（2005）…: a list of visitors with their years, read above.
            if s.lang != "en" && heads_list(s, h) {
                continue;
            }
            // English "to visit" is a plan or a purpose, not a trip; "returned … after a visit
            // to" is dated by its return (both read by visits_en).
            if s.lang == "en" && (s.sh(h.start.saturating_sub(3), h.start) == "to " || super::visits_en::returns_after(&s.sh(0, h.start))) {
                continue;
            }
            // "met visiting Lao Deputy Prime Minister X": the guest's trip (read by visits_en),
            // not one of the subject to the guest's country.
            if s.lang == "en" && h.item.term == "visiting" && !s.sh(h.end, (h.end + 4).min(s.len())).starts_with(" in") {
                let prev = super::clause_en::words_before(s, h.start).first().map(|w| w.2.to_lowercase()).unwrap_or_default();
                if EN_OBJECT_BEFORE.contains(&prev.as_str()) || matches!(prev.as_str(), "the" | "a" | "an") {
                    continue;
                }
            }
            // "访问朝鲜两个月前的9月15日": the trip is a time reference, not a report.
            if RE_REFTIME.is_match(&s.sh(h.end, (h.end + 12).min(s.len()))) {
                continue;
            }
            let (ca, cb) = clause_at(s, h.start);
            let before = s.sh(ca, h.start);
            // "这是X 2022年6月出任外务相以来首次访华": the trip is the one just reported, ranked
            // since a time; the time is not its date.
            if s.lang != "en" && before.contains("以来") {
                continue;
            }
            // Negated, invited, or a summary count (三次访华) without a date of its own.
            if hits.iter().any(|n| n.item.role == "negation" && n.start >= ca && n.end <= h.start && h.start - n.end <= 6) {
                continue;
            }
            // (或 right before the verb is "may": 习近平或访平壤 is a possible trip.)
            if hits.iter().any(|n| cancels(n, h, ca, cb)) || s.lang != "en" && h.start > 0 && s.orig[h.start - 1] == '或' {
                continue;
            }
            let invited =
                hits.iter().any(|n| n.item.role == "invitation" && n.start >= ca && n.end <= h.start && !s.sh(ca, n.start).contains('应'));
            // 他建议记者，到美国各州去看 / 邀请各国记者，前往…参观: a clause with no subject of its
            // own after an invitation or a suggestion travels with the one invited, not the
            // one who asked.
            // (The verb's clause names nobody before it.)
            let zero_subject = !s.entities.iter().any(|e| e.start >= ca && e.end <= h.start);
            let invited = invited
                || s.lang != "en" && ca > 0 && zero_subject && {
                    let (pa, _) = clause_at(s, ca - 1);
                    hits.iter().any(|n| n.item.role == "invitation" && n.start >= pa && n.end <= ca && !s.sh(pa, n.start).contains('应'))
                };
            // 接受X邀请，在方便的时候访问…: an accepted invitation is a promise, not a trip.
            let accepted = hits.iter().any(|n| n.item.role == "invitation" && n.end <= h.start && s.sh(0, n.start).contains("接受"));
            let clause_dated = s.dates.iter().any(|d| d.start >= ca && d.end <= cb);
            // 发出了访朝邀请, "an invitation to visit": the verb names the invitation.
            let invitation_noun = hits.iter().any(|n| n.item.role == "invitation" && n.start >= h.end && n.start <= h.end + 1);
            if invited || invitation_noun || accepted && !clause_dated {
                continue;
            }
            let generic = has_role(&hits, ca, h.start, "generic");
            let trimmed = before.trim_end_matches(['曾', '先', '后']);
            let counted = RE_COUNT.is_match(trimmed) && !RE_ORDINAL.is_match(trimmed);
            if counted && !clause_dated && !generic {
                continue;
            }
            let scheduled = has_role(&hits, ca, h.start, "scheduled");
            // 若消息屬實，這將是習近平…首次訪問北韓: a trip the sentence frames as conditional or
            // still to come, in a clause before the verb's, is no report of one.
            if s.lang != "en" && !clause_dated && ["将是", "将会是", "如果", "假如", "倘若", "若消息", "若属实"].iter().any(|w| s.sh(0, ca).contains(w) || s.sh(ca, h.start).contains(w)) {
                continue;
            }
            // (So is one whose subject planned it in the clause before: 習近平計劃於美朝峯會後，
            // 首次到訪平壤, the verb's clause naming nobody.)
            if s.lang != "en" && !clause_dated && zero_subject && ca > 0 && {
                let (pa, _) = clause_at(s, ca - 1);
                ["计划", "打算", "准备", "拟"].iter().any(|w| s.sh(pa, ca).contains(w))
            } {
                continue;
            }
            if h.item.role == "meet" {
                meet(doc, r, s, &hits, h.start, h.end, ca, cb, scheduled, dateline.as_ref(), &mut out);
                continue;
            }
            // 与到访的日本首相X会谈: the verb describes the person after 的, who visits; the
            // country after it is that person's own, not a destination (the meeting is read by
            // its place).
            // (Unless the place stands before the verb: 正在南韓訪問的美國總統特朗普 visits it.)
            let place_before_verb = s.entities.iter().any(|e| e.end == h.start && e.start > 0 && is_place(r, e) && matches!(s.orig[e.start - 1], '在' | '对' | '對' | '赴' | '到'));
            if h.item.role != "visit_in" && s.sh(h.end, (h.end + 1).min(s.len())) == "的" && !place_before_verb {
                continue;
            }
            // Host. (A place before the verb may open a list of hosts: 对中国、越南和老挝进行访问.)
            let mut list_at = None;
            let (host, city, host_end) = if h.item.role == "visit_in" && !h.item.value.is_empty() {
                let city =
                    place_after(r, s, h.end, cb).filter(|e| country_of(r, e) == h.item.value).map(|e| city_of(r, e)).unwrap_or_default();
                (h.item.value.clone(), city, h.end)
            } else if h.item.role == "visit_in" && (s.sh(h.end, (h.end + 1).min(s.len())) == "的" || h.item.term.ends_with('的')) {
                // 来访的俄罗斯国防部长X: the country after 的 is the visitor's own; the host is
                // the place of the meeting (在平壤会见了来访的…), else the other side's (below).
                let at = s.entities.iter().rev().find(|e| e.start > ca && e.end <= h.start && is_place(r, e) && matches!(s.orig[e.start - 1], '在' | '於'));
                match at {
                    Some(p) => (country_of(r, p), refine_city(r, s, p, cb), h.end),
                    None => (String::new(), String::new(), h.end),
                }
            } else if let Some(p) = place_after(r, s, h.end, cb).filter(|_| !(place_before_verb && s.sh(h.end, (h.end + 1).min(s.len())) == "的")) {
                if embassy_near(&hits, p.end) {
                    continue;
                }
                (country_of(r, p), refine_city(r, s, p, cb), p.end)
            } else if let Some(p) = s.entities.iter().rev().find(|e| {
                e.start >= ca
                    && e.end <= h.start
                    && is_place(r, e)
                    && s.orig.get(e.start.wrapping_sub(1)).is_some_and(|c| matches!(c, '对' | '對' | '赴' | '到' | '往') || (*c == '从' || *c == '從') && h.item.value == "return"
                        // (在南韓訪問: the place right before the verb is where the visit is.)
                        || *c == '在' && e.end == h.start && s.lang != "en")
            }) {
                if embassy_near(&hits, p.end) {
                    continue;
                }
                list_at = Some(p.end);
                (country_of(r, p), refine_city(r, s, p, cb), h.end)
            } else if h.item.role == "visit_in" || (h.item.value == "open" && s.sh(h.end, cb).trim().is_empty()) {
                // 来访 / 前往 with no place: the country of another actor in the sentence.
                (String::new(), String::new(), h.end)
            } else {
                continue;
            };
            // Visitor: the first person in the verb's clause, else the nearest before it in the
            // sentence, else one after the verb (来华出席…的金正恩); 来访的X: X.
            // Companions (与夫人X) and possessors (习近平特使的X) are not the traveller.
            let traveller = |e: &&EntityHit| {
                let prev_end = s.entities.iter().filter(|o| o.end <= e.start).map(|o| o.end).max().unwrap_or(0);
                let gap = s.sh(prev_end, e.start);
                                // Not one who sends somebody (习近平派出的最高官员访问朝鲜), nor one whose phrase
                // modifies the next person's (蓬佩奥最新任命的特使X).
                let sends = e.end <= h.start && s.sh(e.end, h.start).contains('派');
                let modifier = s.entities.iter().find(|o| o.start >= e.end && o.end <= h.start && is_person(r, o)).is_some_and(|o| {
                    let between = s.sh(e.end, o.start);
                    between.contains('的') && !between.contains(['，', ',', '、', '和', '与', '及'])
                });
                // English: a person right after a meeting verb or a preposition is the object
                // ("met Choe Ryong Hae … and then went on to"), not the traveller.
                // (Past a title: "signed a treaty with leader Kim Jong Un before flying on to".)
                let object = s.lang == "en" && {
                    let w = super::clause_en::words_before(s, e.start);
                    w.iter().take(4).find(|(_, _, x)| !r.names.is_title(x)).is_some_and(|(_, _, x)| EN_OBJECT_BEFORE.contains(&x.to_lowercase().as_str()))
                };
                // English: "Minister Sato welcomed Minister Batbold's visit": the visit is the
                // possessor's, not the clause subject's.
                let owned = s.lang == "en"
                    && s.entities.iter().any(|o| {
                        o.start > e.end && o.end <= h.start && is_person(r, o) && {
                            let gap = s.sh(o.end, h.start);
                            gap.strip_prefix("'s ").or_else(|| gap.strip_prefix("’s ")).is_some_and(|w| w.split_whitespace().count() <= 3 && w.chars().all(|c| c.is_lowercase() || c == ' ' || c == '-'))
                        }
                    });
                // Not the one on whose behalf another travels (宋涛代表习近平出访朝鲜, 代表国家主席X).
                let title_only = |t: &str| t.is_empty() || r.names.is_title(t);
                // (代表 as a verb between two people; 特别代表X is a title.)
                let after_person = s.entities.iter().any(|o| o.end == prev_end && is_person(r, o));
                let principal = e.end <= h.start && after_person && gap.strip_prefix("代表").is_some_and(title_only);
                // 拉夫罗夫陪同普京访问北京: the one accompanied (after 陪同, titles between) makes
                // the trip; the one accompanying is of the entourage. (Not 在/由X陪同下: X
                // escorts; nor 陪同下, no title.)
                let escort_gap = |g: &str| g.rsplit_once("陪同").is_some_and(|(pre, post)| title_only(post.trim()) && !pre.contains(['在', '由', '，', ',', '的']) && pre.chars().count() <= 12);
                let escorted = escort_gap(&gap);
                let escorting = s.entities.iter().find(|o| o.start >= e.end && o.end <= h.start && is_person(r, o)).is_some_and(|o| escort_gap(&s.sh(e.end, o.start)));
                (escorted || !["夫人", "妻子", "陪同", "随行"].iter().any(|c| gap.contains(c)))
                    && !escorting
                    && !principal
                    && !object
                    && !owned
                    && !sends
                    && !modifier
                    && !(e.end < h.start && possessor(r, &s.sh(e.end, h.start)))
            };
            let in_clause = s.entities.iter().rev().filter(|e| e.start >= ca && e.end <= h.start && is_person(r, e)).filter(traveller);
            let earlier = s.entities.iter().rev().filter(|e| e.end <= ca && is_person(r, e)).filter(traveller);
            let after = s.entities.iter().filter(|e| e.start >= host_end && e.start < cb && is_person(r, e)).filter(traveller);
            // The person a trip ending in 的 describes, in the same clause (访问朝鲜的中国领导人是胡锦涛,
            // 之前访问中国的金正恩).
            let described = (s.lang != "en" && s.sh(host_end, host_end + 1) == "的")
                .then(|| s.entities.iter().find(|e| e.start > host_end && e.start <= host_end + 14 && is_person(r, e)))
                .flatten()
                .filter(|e| !(host_end..e.start).any(|i| super::is_clause_break(s.orig[i])));
            // 最近一次访问朝鲜的中国领导人是胡锦涛: the trip is that of the one named after 是
            // (titles may stand between: 是时任国家主席胡锦涛).
            let identified = described.filter(|e| s.sh(host_end, e.start).rsplit_once('是').is_some_and(|(_, t)| t.chars().count() <= 10 && !t.contains('的')));
            // 之前访问中国的金正恩的专列: otherwise it tells who the person is, not news; without a
            // date inside its own words it is no row.
            // (Unless it is news by its own words: 剛結束訪問華盛頓的南韓總統文在寅 "who has just
            // ended a visit to Washington".)
            // (Or one under way: 正在南韓訪問的美國總統特朗普 "who is visiting South Korea".)
            let under_way = s.sh(ca, h.end).contains("正在")
                // (So is one whose traveller acts on a day named right after the name: 訪問日本的
                // 美國總統特朗普周一說 "Trump, visiting Japan, said on Monday".)
                || described.is_some_and(|e| s.dates.iter().any(|d| d.start >= e.end && d.start <= e.end + 2 && d.date.p == Precision::Day && d.end_date.is_none()));
            let just = ["刚刚", "刚结束", "刚完成", "刚访问", "刚从"].iter().any(|w| s.sh(ca, h.end).contains(w)) || under_way;
            if h.item.role != "visit_in" && identified.is_none() && !just && described.is_some_and(|e| e.start <= host_end + 12) && !s.dates.iter().any(|d| d.start >= ca && d.end <= host_end) {
                continue;
            }
            let candidates: Vec<&EntityHit> = if let Some(e) = identified {
                vec![e]
            } else if h.item.role == "visit_in" && h.item.value.is_empty() {
                // 来访的X, 来访的俄罗斯国防部长X: the first person after it, with only the
                // person's country and titles between.
                let described = s.sh(h.end, h.end + 1) == "的" || h.item.term.ends_with('的');
                s.entities
                    .iter()
                    .filter(|e| e.start >= h.end && is_person(r, e))
                    .take(1)
                    .filter(|e| e.start <= h.end + 3 || described && e.start <= h.end + 16 && !(h.end..e.start).any(|i| super::is_clause_break(s.orig[i])))
                    .collect()
            } else {
                in_clause.chain(earlier).chain(after).collect()
            };
            let names_country = h.item.role == "visit" && place_after(r, s, h.end, cb).is_some_and(|p| r.ent(p.entity).kind == "country" && p.start <= h.end + 1)
                || h.item.role == "visit_in" && !h.item.value.is_empty();
            let mut chosen: Option<(&EntityHit, String)> = None;
            for e in candidates {
                let vc = traveller_country(r, s, e);
                let host = if host.is_empty() {
                    match s
                        .entities
                        .iter()
                        .find(|o| is_person(r, o) && o.end <= h.start && country_of(r, o) != vc && !country_of(r, o).is_empty())
                    {
                        Some(o) => country_of(r, o),
                        None => continue,
                    }
                } else {
                    host.clone()
                };
                // A visitor whose country the text never states still travels when the host
                // is a country named as such (访问韩国, 访华): nobody 访问 their own country.
                // The subject of the travel verb's own clause, that is (not a name from another
                // clause, the byline, or the object after the verb).
                let subject = e.start >= ca && e.end <= h.start;
                if vc != host && (!vc.is_empty() || names_country && subject && r.ent(e.entity).kind == "person") {
                    chosen = Some((e, host));
                    break;
                }
            }
            let Some((visitor, host)) = chosen else { continue };
            let (start, end, explicit) = if generic && !clause_dated {
                (None, None, false)
            } else if let Some((d, e)) = super::leg_date(s, h.start, h.end) {
                (Some(d), e, true)
            } else {
                date_for(s, h.start)
            };
            // In a dated news article a trip the sentence does not date is undated: the running
            // context there is another paragraph's topic.
            // 自2019年金正恩访问海参崴以来: the trip that opens a "since" span is dated by it.
            let (mut start, mut end, explicit) = match since_span_date(s, h.start, h.end, ca, cb) {
                Some(d) => (Some(d.date), d.end_date, true),
                _ => (start, end, explicit),
            };
            if !explicit {
                let carried = carried_day(doc, s).filter(|_| !BEFORE_WORDS.iter().any(|w| s.sh(0, h.start).contains(w)));
                (start, end) = (carried.or_else(|| super::undated_news(doc, s, start, super::present_verb(&h.item.term, s, h.start) || super::ongoing(s, h.start), super::perfect(s, h.start))), None);
                // (A trip just ended is of the article's month: 剛結束訪問華盛頓.)
                if just && start.is_none() {
                    start = s.item_date.or(doc.doc_date.map(PDate::day)).map(|d| d.coarsen(Precision::Month));
                }
            }
            // A planned trip is dated in its own clause (将于9月8日访问), not by the day it was
            // announced (周二宣布，…将出访).
            // (A sentence opened by a clause that is only the date dates all of it: 6月18日至20日，
            // X将访问越南.)
            let opening = |d: &crate::normalize::date::DateMention| {
                matches!(s.sh(0, d.start).trim(), "" | "从" | "自" | "于" | "在") && s.sh(d.end, (d.end + 1).min(s.len())) == "，"
            };
            if scheduled && !s.dates.iter().any(|d| (d.start >= ca && d.end <= cb || opening(d)) && d.date.p == Precision::Day) {
                continue;
            }
            if scheduled && (!explicit || start.is_none_or(|d| d.p != Precision::Day)) {
                continue;
            }
            // 结束对俄罗斯的访问，于7日回国 / 结束为期三天的访问: the clause's date is the last day
            // (the length, when given, dates the first).
            // (从俄罗斯回国: a return, dated by the day it ended, the same way.)
            let ended = s.sh(ca, h.start).contains("结束") || h.item.value == "return";
            if ended && explicit && end.is_none() {
                if let Some(st) = start.filter(|d| d.p == Precision::Day) {
                    let n = duration_days(&s.shadow);
                    end = Some(st);
                    start = n.filter(|n| (2..60).contains(n)).map(|n| PDate::day(st.first_day() - Duration::days(n - 1)));
                }
            }
            if let (Some(st), None, false) = (start, end, ended) {
                if let (Some(n), Precision::Day) = (duration_days(&s.shadow), st.p) {
                    if n > 1 && n < 60 {
                        end = Some(PDate::day(st.first_day() + Duration::days(n - 1)));
                    }
                }
            }
            if start.is_some_and(|d| end.is_some_and(|e| e < d)) {
                end = None;
            }
            if generic && !clause_dated {
                start = None;
            }
            let a = visitor.start.min(h.start).min(ca);
            let b = host_end.max(h.end).min(s.len());
            // Coordinated visitors (周恩来、邓小平等…出访) each travel; companions (与夫人…) do not count.
            let mut visitors = vec![visitor.entity];
            let persons: Vec<&EntityHit> = s.entities.iter().filter(|e| e.end <= h.start.max(visitor.end) && is_person(r, e)).collect();
            let idx = persons.iter().position(|e| e.start == visitor.start).unwrap_or(0);
            let linked = |x: &EntityHit, y: &EntityHit| {
                let gap = s.sh(x.end, y.start);
                gap.chars().count() <= 15
                    && ["、", "和", "与", "及"].iter().any(|c| gap.contains(c))
                    && !["夫人", "妻子", "陪同", "随行", "会见", "会晤", "，"].iter().any(|c| gap.contains(c))
            };
            let ok = |e: &EntityHit| !country_of(r, e).is_empty() && country_of(r, e) != host;
            let mut i = idx;
            while i > 0 && linked(persons[i - 1], persons[i]) && ok(persons[i - 1]) {
                visitors.push(persons[i - 1].entity);
                i -= 1;
            }
            let mut j = idx;
            while j + 1 < persons.len() && linked(persons[j], persons[j + 1]) && ok(persons[j + 1]) {
                visitors.push(persons[j + 1].entity);
                j += 1;
            }
            // 访问韩国、中国和日本: each country of a list after the travel word is a host.
            let mut hosts = vec![(host.clone(), city.clone())];
            if s.lang != "en" {
                let mut end = list_at.unwrap_or(host_end);
                let list_start = end;
                while let Some(n) = s.entities.iter().find(|e| e.start >= end && e.start <= end + 2 && is_place(r, e)) {
                    let gap = s.sh(end, n.start);
                    if !["、", "和", "与", "及", ",", "，"].contains(&gap.as_str()) || hosts.len() >= 8 {
                        break;
                    }
                    let c = country_of(r, n);
                    // A city of the country just named (中国北京) is the same host.
                    if !c.is_empty() && !hosts.iter().any(|(h, _)| *h == c) {
                        hosts.push((c, if r.ent(n.entity).kind == "place" { city_of(r, n) } else { String::new() }));
                    }
                    end = n.end;
                }
                // A bare comma lists only when 和/与/及 closes the list.
                if hosts.len() > 1 && !["和", "与", "及"].iter().any(|w| s.sh(list_start, end).contains(w)) {
                    hosts.truncate(1);
                }
            }
            let hit_rows = out.len();
            for (v, (k, (host, city))) in visitors.iter().flat_map(|v| hosts.iter().enumerate().map(move |h| (*v, (h.0, h.1.clone())))) {
                if r.ent(v).country == host {
                    continue;
                }
                // A tour's later stops are not reached on the day it began (对中国、越南和老挝进行
                // 访问 from 21 March): only its month is theirs. (A stated window, 9月10-15日访问
                // 韩国、中国和日本, holds every stop.)
                let (start, end) = if k > 0 && end.is_none() && start.is_some_and(|d| d.p == Precision::Day) { (start.map(|d| d.coarsen(Precision::Month)), None) } else { (start, end) };
                let at = s.entities.iter().find(|e| e.entity == v).map(|e| e.start).unwrap_or(visitor.start);
                out.push(VisitRec {
                    visitor: r.ent(v).clone(),
                    role: super::visits_en::role_before(r, s, at),
                    host: host.clone(),
                    city: city.clone(),
                    start,
                    end,
                    scheduled,
                    purpose: purpose(s, ca, cb),
                    evidence: vec![evidence(doc, s, a, b, if generic { "visit:generic" } else { "visit:verb" })],
                    explicit,
                    // (A visit under way, 正在…访问的X, is dated by a day of the stay, not its arrival.)
                    travel: !under_way,
                    generic: generic && start.is_none(),
                });
            }
            // 金正恩在去年3月、5月、6月三次访华: a trip counted as often as the dates listed
            // before it is one trip on each of them.
            if s.lang != "en" && explicit && out.len() == hit_rows + 1 {
                let listed = counted_dates(s, ca, h.start);
                if listed.len() >= 2 && listed.iter().any(|d| Some(*d) == out[hit_rows].start) {
                    let row = out.remove(hit_rows);
                    out.extend(listed.into_iter().map(|d| VisitRec { start: Some(d), end: None, ..row.clone() }));
                }
            }
        }
        // (The traveller this sentence reported is whom a later 他/她 stands for.)
        if s.lang != "en" {
            if let Some(v) = out[rows_before..].last() {
                if let Some(e) = s.entities.iter().find(|e| r.ent(e.entity).entity_id == v.visitor.entity_id) {
                    last_subject = Some(e.entity);
                }
            }
        }
        // "A与B分别于8日和9日抵达": each traveller its own day, in the order written.
        if s.lang != "en" {
            respectively(r, s, &mut out[rows_before..]);
        }
        // 代表团一行将于16日结束访问回国: a later sentence that ends the trip just reported,
        // with no traveller of its own, gives that trip its last day.
        if s.lang != "en" && out.len() == rows_before {
            end_of_last_visit(r, s, &mut out);
        }
        // The visitor this sentence reported, for "The delegation arrived …" next.
        if s.lang == "en" && !s.caption {
            if let Some(v) = out[rows_before..].last() {
                if let Some(e) = s.entities.iter().find(|e| r.ent(e.entity).entity_id == v.visitor.entity_id) {
                    en_state.last_visitor = Some(e.entity);
                }
                en_state.last_trip = Some((v.host.clone(), v.city.clone()));
            }
        }
    }
    // 拉夫罗夫近日到访平壤 in a page of 1 June after 拉夫罗夫31日到访平壤: a trip dated only to a
    // month, by the traveller and host of a trip dated in the last days before that month
    // began, is that trip (a vague "recently" took the page's month).
    let dated: Vec<(String, String, PDate)> = out
        .iter()
        .filter_map(|v| v.start.filter(|d| d.p == Precision::Day).map(|d| (v.visitor.entity_id.clone(), v.host.clone(), d)))
        .collect();
    for v in out.iter_mut() {
        let Some(m) = v.start.filter(|d| d.p == Precision::Month) else { continue };
        let before = dated.iter().find(|(id, host, d)| *id == v.visitor.entity_id && *host == v.host && d.first_day() < m.first_day() && (m.first_day() - d.first_day()).num_days() <= 10);
        if let Some((_, _, d)) = before {
            v.start = Some(*d);
        }
    }
    // "The Chinese delegation, led by Zhao Leji, arrived …": the head travels; the delegation
    // read from the same words is not a second visitor.
    let led = |e: &Evidence| e.text.contains("led by ") || e.text.contains("headed by ");
    let overlap = |a: &Evidence, b: &Evidence| a.doc_id == b.doc_id && a.start < b.end && b.start < a.end;
    let headed: Vec<bool> = out
        .iter()
        .map(|g| {
            g.visitor.kind == "role"
                && out.iter().any(|p| {
                    p.visitor.kind == "person" && p.host == g.host && p.start == g.start && p.evidence.iter().any(|pe| g.evidence.iter().any(|ge| overlap(pe, ge) && (led(pe) || led(ge))))
                })
        })
        .collect();
    // "North Korea's top diplomat left Moscow …" then "Choe Son Hui arrived in Moscow …": an
    // office holder left unnamed is the person of that country the story names on the same
    // trip (same host, within a week), not a second traveller.
    let near = |a: Option<PDate>, b: Option<PDate>| match (a, b) {
        (Some(a), Some(b)) => (a.first_day() - b.first_day()).num_days().abs() <= 7,
        (None, _) => true,
        _ => false,
    };
    // (Its other legs are that person's too: "left Moscow for Minsk".)
    let doc_led = {
        let all: String = doc.cleaned.shadow.iter().collect();
        ["率领", "为团长", "带领", "率团", "led by", "headed by"].iter().any(|w| all.contains(w))
    };
    let mut same: Vec<(String, EntRef)> = Vec::new();
    for g in &out {
        // (So is an unnamed delegation when the text says elsewhere that a person led one:
        // 朝鲜劳动党代表团…会见王沪宁 beside a caption 会见由…金成男率领的代表团.)
        let group = ["delegation", "officials", "mission", "team"].iter().any(|w| g.visitor.name_en.contains(w));
        let office = g.visitor.kind == "role" && (!group || g.visitor.name_en.contains("delegation") && doc_led);
        if !office || g.visitor.country.is_empty() || same.iter().any(|(id, _)| *id == g.visitor.entity_id) {
            continue;
        }
        let person = out.iter().find(|p| p.visitor.kind == "person" && (p.visitor.country == g.visitor.country || p.visitor.country.is_empty()) && p.host == g.host && near(g.start, p.start));
        if let Some(p) = person {
            same.push((g.visitor.entity_id.clone(), p.visitor.clone()));
        }
    }
    let mut keep = headed.iter().map(|h| !h);
    out.retain(|_| keep.next().unwrap_or(true));
    // A trip that starts after the page was published has not taken place yet, however its
    // sentence is worded (a headline: "X to make state visit to China from Sunday").
    if let Some(published) = doc.doc_date {
        for v in out.iter_mut() {
            if v.start.is_some_and(|d| d.first_day() > published) {
                v.scheduled = true;
            }
        }
    }
    for v in out.iter_mut() {
        if let Some((_, p)) = same.iter().find(|(id, _)| *id == v.visitor.entity_id) {
            v.visitor = p.clone();
        }
    }
    // (A leg told under both names is one row, with the evidence of both.)
    if !same.is_empty() {
        let mut merged: Vec<VisitRec> = Vec::new();
        for v in out {
            match merged.iter_mut().find(|m| m.visitor.entity_id == v.visitor.entity_id && m.host == v.host && m.start == v.start) {
                Some(m) => {
                    // (The person's own report gives the role the group's lacked.)
                    if m.role.is_empty() {
                        m.role = v.role;
                    }
                    m.evidence.extend(v.evidence);
                }
                None => merged.push(v),
            }
        }
        return merged;
    }
    out
}

/// Words that put a trip before the running time (此前曾访问, 过去曾到访).
const BEFORE_WORDS: &[&str] = &["曾", "此前", "之前", "以前", "过去", "先前", "早前", "上次", "上一次", "首次", "第一次", "近期", "最近", "近日", "日前", "近来"];

/// The day the sentence right before this one, in the same paragraph, dated (会议9月11日开幕。
/// 习近平抵达符拉迪沃斯托克…): a trip this sentence tells without a date of its own is that
/// day's, when the running context is still that day.
fn carried_day(doc: &Annotated, s: &Sentence) -> Option<PDate> {
    let i = doc.sentences.iter().position(|x| std::ptr::eq(x, s))?;
    let p = doc.sentences[..i].iter().rev().find(|x| !x.apparatus)?;
    let text = &doc.cleaned.text.chars;
    if text[p.end.min(s.start)..s.start].contains(&'\n') {
        return None;
    }
    // (A day still ahead of the page is a plan's: no trip told as done took place on it.)
    let c = s.context.filter(|c| c.p == Precision::Day && doc.doc_date.is_none_or(|d| c.first_day() <= d))?;
    p.dates.iter().any(|d| d.date == c && d.end_date.is_none()).then_some(c)
}

/// "met Russian Foreign Minister Sergey Lavrov": only capitalized title words (and "of", "the")
/// between the verb and the person it met.
fn titled_object(s: &Sentence, he: usize, at: usize) -> bool {
    let gap = s.sh(he, at);
    s.lang == "en" && gap.chars().count() <= 48 && gap.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(w, "of" | "the"))
}

/// A meeting with no place named, on a day of its own, between a traveller the document has
/// already put in a country and a person of that country (朴明浩星期天会晤了蒙古国外长X, after
/// his trip to Mongolia from 11 March was told): another day of that trip, in its city.
#[allow(clippy::too_many_arguments)]
fn continued_trip(doc: &Annotated, r: &Cx, s: &Sentence, hs: usize, he: usize, ca: usize, cb: usize, scheduled: bool, out: &mut Vec<VisitRec>) {
    let (Some(start), end, true) = date_for(s, hs) else { return };
    if start.p != Precision::Day || scheduled {
        return;
    }
    let subjects: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= ca && e.end <= hs && is_person(r, e) && !inside_quotes(s, e.start) && !(e.start > 0 && matches!(s.orig[e.start - 1], '与' | '與' | '同' | '和' | '跟'))).collect();
    let partners: Vec<String> = s
        .entities
        .iter()
        .filter(|e| e.start >= he && e.start < cb && is_person(r, e) && met_after(r, s, he, e))
        .map(|e| country_of(r, e))
        .filter(|c| !c.is_empty())
        .collect();
    let mut found: Vec<VisitRec> = Vec::new();
    for p in subjects {
        let id = &r.ent(p.entity).entity_id;
        let Some(trip) = out.iter().rev().find(|v| {
            v.visitor.entity_id == *id
                && !v.scheduled
                && partners.contains(&v.host)
                && country_of(r, p) != v.host
                && v.start.is_some_and(|d| d.p == Precision::Day && (d.first_day() - start.first_day()).num_days().abs() <= 7)
        }) else {
            continue;
        };
        found.push(VisitRec {
            visitor: trip.visitor.clone(),
            role: trip.role.clone(),
            host: trip.host.clone(),
            city: trip.city.clone(),
            start: Some(start),
            end,
            scheduled: false,
            purpose: purpose(s, ca, cb),
            evidence: vec![evidence(doc, s, p.start, he, "visit:meeting-host-official")],
            explicit: true,
            travel: false,
            generic: false,
        });
    }
    out.extend(found);
}

/// A meeting told without a place in a story filed from a city (a wire dateline: "WASHINGTON
/// --", 新华社北京3月28日电), on a day of the story's news (the last three days, or the next
/// week for a plan): it took place there, and each participant of another country travelled to
/// it. Only when someone of the dateline's country takes part (the host side is at home) and
/// the clause names no place of another country.
fn dateline_meeting(
    doc: &Annotated,
    r: &Cx,
    s: &Sentence,
    hs: usize,
    he: usize,
    ca: usize,
    cb: usize,
    scheduled: bool,
    d: &super::dateline::Dateline,
    out: &mut Vec<VisitRec>,
) {
    let Some(filed) = doc.doc_date else { return };
    let (Some(start), end, explicit) = date_for(s, hs) else { return };
    let days = (start.first_day() - filed).num_days();
    let window = if scheduled { -3..=7 } else { -3..=0 };
    if start.p != Precision::Day || !window.contains(&days) || scheduled && !explicit {
        return;
    }
    // Without a day of its own in the sentence, only an English report in the simple past
    // ("Obama met Chinese President Xi Jinping and …") takes the story's running day: a
    // Chinese 举行峰会 or "has met" may be a plan, a topic or a record.
    let verb = s.sh(hs, he);
    let perfect = super::clause_en::words_before(s, hs).first().is_some_and(|w| matches!(w.2.to_lowercase().as_str(), "has" | "have" | "had" | "never" | "not"));
    if !explicit && (s.lang != "en" || !(verb.starts_with("met") || verb.starts_with("held")) || perfect) {
        return;
    }
    // A place the clause names, known or not ("… summit in Gyeongju"), is the meeting's own.
    let clause = s.sh(ca, cb);
    let b2c = crate::model::byte_to_char(&clause);
    let unknown_place = s.lang == "en"
        && RE_IN_NAME.captures_iter(&clause).any(|c| {
            let w = c.get(1).expect("group");
            let at = ca + b2c[w.start()];
            !s.entities.iter().any(|e| e.start == at && is_place(r, e)) && !crate::normalize::entity::CALENDAR_WORDS.contains(&w.as_str())
        });
    if unknown_place || s.entities.iter().any(|e| e.start >= ca && e.end <= cb && r.ent(e.entity).kind == "place" && r.ent(e.entity).country != d.country) {
        return;
    }
    let people: Vec<&EntityHit> = s
        .entities
        .iter()
        .filter(|e| is_person(r, e) && !inside_quotes(s, e.start) && (e.start >= ca && e.end <= hs || e.start >= he && e.start < cb && met_after(r, s, he, e)))
        .collect();
    if !people.iter().any(|e| country_of(r, e) == d.country) {
        return;
    }
    let mut seen = Vec::new();
    for p in people {
        let vc = country_of(r, p);
        if vc.is_empty() || vc == d.country || seen.contains(&p.entity) || resident_envoy(r, s, p, &d.country) {
            continue;
        }
        seen.push(p.entity);
        out.push(VisitRec {
            visitor: r.ent(p.entity).clone(),
            role: super::visits_en::role_before(r, s, p.start),
            host: d.country.clone(),
            city: d.city.clone(),
            start: Some(start),
            end,
            scheduled,
            purpose: purpose(s, ca, cb),
            evidence: vec![evidence(doc, s, p.start.min(hs).max(ca), he.max(p.end), "visit:meeting-dateline")],
            explicit,
            travel: false,
            generic: false,
        });
    }
}

/// "in" before a capitalized word that is not a month or a day ("held in Gyeongju"): a place.
static RE_IN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bin\s+(?:the\s+)?([A-Z][a-z]+)\b").expect("valid")
});

/// A participant who is his country's resident envoy in the host country (中国驻朝鲜大使X,
/// "Ambassador X"): at home there, not a visitor. An envoy posted elsewhere (美國駐菲律賓大使X
/// meeting in Singapore, "ambassador to the Philippines") travelled.
fn resident_envoy(r: &Cx, s: &Sentence, p: &EntityHit, host: &str) -> bool {
    let from = p.start.saturating_sub(12).max(clause_at(s, p.start).0);
    let ahead = s.sh(from, p.start);
    let role = super::visits_en::role_before(r, s, p.start).to_lowercase();
    let envoy = ahead.contains('驻') || role.contains("ambassador") || role.contains("大使") && !role.contains("特");
    // The posting: a place right after 驻 or "ambassador to (the)".
    let posted = s.entities.iter().filter(|e| e.start >= from && e.end <= p.start && is_place(r, e)).find(|e| {
        let lead = s.sh(e.start.saturating_sub(16), e.start).to_lowercase();
        lead.ends_with('驻') || lead.ends_with("ambassador to ") || lead.ends_with("ambassador to the ")
    });
    envoy && posted.is_none_or(|e| country_of(r, e) == host)
}

/// A person right after a meeting verb ending at `he` is the one met: within eight characters,
/// or after a title ("met North Korean Vice Foreign Minister X", 會晤北韓首席核談判代表X).
/// So is one joined to such a person ("met with Japanese Prime Minister Shinzo Abe and South
/// Korean President Park Geun-hye", 会见了X和Y).
fn met_after(r: &Cx, s: &Sentence, he: usize, e: &EntityHit) -> bool {
    let direct = |e: &EntityHit| e.start <= he + 8 || titled_object(s, he, e.start) || titled_object_zh(r, s, he, e.start);
    let mut cur = e;
    for _ in 0..4 {
        if direct(cur) {
            return true;
        }
        let Some(prev) = s.entities.iter().rfind(|p| p.start >= he && p.end <= cur.start && is_person(r, p)) else { return false };
        if !joined_names(r, s, prev.end, cur.start) {
            return false;
        }
        cur = prev;
    }
    false
}

/// True when `[a, b)` joins two names as one list: a coordinator (and, ",", 和, 与, 及, 、) and
/// then only the second name's titles ("and South Korean President", 和韩国总统).
fn joined_names(r: &Cx, s: &Sentence, a: usize, b: usize) -> bool {
    let gap = s.sh(a, b);
    if s.lang == "en" {
        let t = gap.trim_start_matches(',').trim_start();
        let Some(rest) = t.strip_prefix("and ").or_else(|| (gap.starts_with(", ") && !t.starts_with("and")).then_some(t)) else { return false };
        return gap.chars().count() <= 52 && rest.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(w, "of" | "the") || r.names.is_title(w));
    }
    let n = gap.chars().count();
    gap.starts_with(['和', '与', '與', '及', '、']) && n <= 17 && !(a..b).any(|i| super::is_clause_break(s.orig[i])) && (n == 1 || titled_object_zh(r, s, a + 1, b))
}

/// 会见由X率领的代表团, 会见以X为团长的代表团: the head of the delegation met, however long
/// the titles before the name.
fn heads_object(s: &Sentence, e: &EntityHit) -> bool {
    s.lang != "en" && ["率领的", "为团长的", "率领之"].iter().any(|w| s.sh(e.end, (e.end + 4).min(s.len())).starts_with(w))
}

/// 會晤北韓首席核談判代表金英哲: in Chinese, a title of up to 16 characters (its country
/// included) between the verb and the person met.
fn titled_object_zh(r: &Cx, s: &Sentence, he: usize, at: usize) -> bool {
    let gap = s.sh(he, at);
    let n = gap.chars().count();
    s.lang != "en" && n <= 16 && !(he..at).any(|i| super::is_clause_break(s.orig[i])) && r.names.titles.find_str(&gap).iter().any(|t| t.end == n)
}

/// "in the (coastal) city of " right before a place name.
static RE_IN_THE_CITY_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bin\s+the\s+(?:[a-z-]+\s+){0,2}(?:city|town|port|capital|resort|region|province|county)\s+of\s+$").expect("valid"));

static RE_LIST_HEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[^，。]{0,8}?(?:有|包括|计有|如)").expect("valid"));
/// A travel word with its host that opens a list of visitors (访朝官员有…, 访华的领导人包括…).
fn heads_list(s: &Sentence, h: &Hit<Term>) -> bool {
    h.item.role == "visit_in" && !h.item.value.is_empty() && RE_LIST_HEAD.is_match(&s.sh(h.end, s.len()))
}
static RE_YEAR4: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(1[89][0-9]{2}|20[0-9]{2})").expect("valid"));

/// A list of visitors with their years (中国访朝官员有主席胡锦涛（2005），总理温家宝（2009）…):
/// each person followed by years in parentheses visited the host of the travel word once a year.
fn visitor_list(doc: &Annotated, r: &Cx, s: &Sentence, hits: &Hits, out: &mut Vec<VisitRec>) {
    for h in hits.iter().filter(|h| heads_list(s, h)) {
        for e in s.entities.iter().filter(|e| e.start >= h.end && is_person(r, e)) {
            if !matches!(s.orig.get(e.end), Some('（') | Some('(')) {
                continue;
            }
            // The parenthesis, nested ones included.
            let mut depth = 0;
            let mut close = e.end;
            for (i, c) in s.orig.iter().enumerate().skip(e.end) {
                match c {
                    '（' | '(' => depth += 1,
                    '）' | ')' => {
                        depth -= 1;
                        if depth == 0 {
                            close = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if close <= e.end {
                // An unclosed parenthesis (宋涛（2017（未见到金正恩、2018）): up to the next item.
                close = (e.end + 1..s.len()).find(|&i| matches!(s.orig[i], '，' | '。' | ',' | '；')).unwrap_or(s.len());
            }
            let inner = s.text(e.end + 1, close);
            let visitor = r.ent(e.entity);
            if visitor.country == h.item.value {
                continue;
            }
            for y in RE_YEAR4.find_iter(&inner) {
                let start = y.as_str().parse().ok().and_then(|y| PDate::new(y, None, None));
                out.push(VisitRec {
                    visitor: visitor.clone(),
                    role: super::visits_en::role_before(r, s, e.start),
                    host: h.item.value.clone(),
                    city: String::new(),
                    start,
                    end: None,
                    scheduled: false,
                    purpose: trunc(&s.text(h.start, s.len()), 200),
                    evidence: vec![evidence(doc, s, e.start, close + 1, "visit:list")],
                    explicit: true,
                    travel: true,
                    generic: false,
                });
            }
        }
    }
}

fn embassy_near(hits: &Hits, p: usize) -> bool {
    hits.iter().any(|t| t.item.role == "embassy" && t.start >= p && t.start <= p + 4)
}

#[allow(clippy::too_many_arguments)]
/// Whether a country's name qualifies the person named right after it (在美国总统特朗普和…:
/// whose president, not where they met): a title or a person follows it.
fn names_a_person(r: &Cx, s: &Sentence, e: &EntityHit) -> bool {
    s.entities.iter().any(|o| o.start == e.end && is_person(r, o))
        || r.names.titles.find_str(&s.sh(e.end, (e.end + 8).min(s.len()))).first().is_some_and(|t| t.start == 0)
}

fn meet(
    doc: &Annotated,
    r: &Cx,
    s: &Sentence,
    hits: &Hits,
    hs: usize,
    he: usize,
    ca: usize,
    cb: usize,
    scheduled: bool,
    dateline: Option<&super::dateline::Dateline>,
    out: &mut Vec<VisitRec>,
) {
    // 在 + place before the verb, in the clause (a date may stand between: 在2018年新加坡会谈期间).
    let locative = |at: usize| at > 0 && matches!(s.orig[at - 1], '在' | '于' | '於');
    let dated_locative = |at: usize| {
        let at = (0..at).rev().find(|&i| !s.orig[i].is_whitespace()).map_or(0, |i| i + 1);
        s.dates.iter().any(|d| d.end == at && locative((0..d.start).rev().find(|&i| !s.orig[i].is_whitespace()).map_or(0, |i| i + 1)))
    };
    let place = s.entities.iter().rev().find(|e| {
        e.start >= ca
            && e.end <= hs
            && (is_place(r, e) || !r.ent(e.entity).city.is_empty())
            && (locative(e.start) || dated_locative(e.start))
            && !names_a_person(r, s, e)
            || e.start >= ca && e.end <= hs && is_place(r, e) && s.sh(e.start.saturating_sub(3), e.start).ends_with(" in")
    });
    // English: "met Trump in Singapore" — the place follows the verb.
    // ("… in the coastal city of Wonsan")
    let place = place.or_else(|| {
        s.entities.iter().find(|e| {
            e.start >= he
                && e.start < cb
                && is_place(r, e)
                && (s.sh(e.start.saturating_sub(3), e.start) == "in " || RE_IN_THE_CITY_OF.is_match(&s.sh(e.start.saturating_sub(40).max(he), e.start)))
        })
    });
    // 将出席11月5日在北京举行的纪念大会: the event's place, after the verb.
    let place = place.or_else(|| {
        s.entities.iter().find(|e| {
            e.start > he
                && e.end < cb
                && is_place(r, e)
                && matches!(s.orig[e.start - 1], '在' | '于' | '於')
                && ["举行", "舉行", "召开", "召開", "开幕", "開幕"].iter().any(|w| s.sh(e.end, (e.end + 2).min(s.len())) == *w)
        })
    });
    // A caption or dateline sets the scene in a clause of its own before the meeting
    // (2018年6月12日，新加坡圣淘沙，X与Y举行峰会): a clause that holds nothing but places.
    let place = place.or_else(|| {
        s.entities.iter().rev().find(|e| e.end <= ca && is_place(r, e) && locative_clause(r, s, e))
    });
    // The subject and its place in a clause of their own, the verb opening the next
    // (周五，特朗普在白宮橢圓形辦公室，會晤北韓首席核談判代表金英哲): the place of that clause.
    let place = place.or_else(|| {
        if ca == 0 || !s.sh(ca, hs).trim().is_empty() {
            return None;
        }
        let (pa, _) = super::clause_at(s, ca - 1);
        s.entities.iter().rev().find(|e| e.start >= pa && e.end < ca && (is_place(r, e) || !r.ent(e.entity).city.is_empty()) && locative(e.start) && !names_a_person(r, s, e))
    });
    // 与X握手: a verb without an object; only the people before it took part.
    let intransitive = hits.iter().any(|h| h.start == hs && h.end == he && h.item.value == "intransitive");
    let Some(place) = place else {
        let before = out.len();
        continued_trip(doc, r, s, hs, he, ca, cb, scheduled, out);
        if out.len() == before {
            if let Some(d) = dateline {
                dateline_meeting(doc, r, s, hs, he, ca, cb, scheduled, d, out);
            }
        }
        return;
    };
    if embassy_near(hits, place.end) {
        return;
    }
    let host = country_of(r, place);
    let city = refine_city(r, s, place, hs);
    // (自从去年10月在河内举行峰会以来: a meeting that opens a "since" span is dated by it.)
    let (start, end, explicit) = match since_span_date(s, hs, he, ca, cb) {
        Some(d) => (Some(d.date), d.end_date, true),
        None => date_for(s, hs),
    };
    // (Not the date opening a later clause that tells a meeting or trip of its own: 在新加坡
    // 及越南与金正恩会晤，去年六月更在板门店与金正恩会面 does not date Singapore.)
    let borrowed = explicit
        && s.dates.iter().find(|d| d.start >= cb && Some(d.date) == start).is_some_and(|d| {
            let (da, db) = super::clause_at(s, d.start);
            hits.iter().any(|h| h.start >= da && h.end <= db && h.start >= d.end && matches!(h.item.role.as_str(), "meet" | "visit" | "visit_place" | "visit_in"))
        });
    if borrowed {
        return;
    }
    let verb: String = s.text(hs, he);
    let (start, end) = if !explicit { (super::undated_event(doc, s, start, super::present_tense(&verb)), None) } else { (start, end) };
    // X、Y也在平壤出席庆典: others at the event just reported; kept undated (its day is that
    // event's, which this sentence does not give).
    let also_present = ["出席", "参加", "观礼"].contains(&s.sh(hs, he).as_str()) && s.sh(ca, hs).contains(['也', '亦']);
    if start.is_none() && !also_present || scheduled && (!explicit || start.is_some_and(|d| d.p != Precision::Day)) {
        return;
    }
    // 于1930至1940年代期间在中国东北参加抗日战争: years spent in a place are a stay, not a trip.
    if let (Some(a), Some(b)) = (start, end) {
        if (b.last_day() - a.first_day()).num_days() > 366 {
            return;
        }
    }
    let participants = s.entities.iter().filter(|e| {
        is_person(r, e)
            && ((e.start >= ca && e.end <= hs && !inside_quotes(s, e.start))
                || (!intransitive && e.start >= he && e.start < cb && (met_after(r, s, he, e) || heads_object(s, e))))
    });
    let mut participants: Vec<&EntityHit> = participants.collect();
    // A clause whose only people are the other party (与蓬佩奥在纽约会面) takes its subject from
    // an earlier clause (金英哲赴美，30日至31日与蓬佩奥在纽约会面).
    let with_party = |e: &&EntityHit| e.start > 0 && matches!(s.orig[e.start - 1], '与' | '與' | '同' | '和' | '跟');
    let has_subject = participants.iter().any(|e| e.end <= hs && !with_party(e));
    // "X, the North's foreign minister, met Y in Beijing": the subject stands before an
    // apposition set off by commas, outside the verb's clause.
    if !has_subject && s.lang == "en" {
        if let super::clause_en::Subject::Hits(v) = super::clause_en::subject(r, s, hs) {
            participants.extend(v.into_iter().filter(|e| e.end < ca && is_person(r, e)));
        }
    }
    if !has_subject && participants.iter().any(with_party) {
        if let Some(e) = s.entities.iter().rev().find(|e| e.end <= ca && is_person(r, e)) {
            participants.push(e);
        }
    }
    // A clause naming nobody after a clause that is nothing but its people (习近平与金正恩，
    // 本周一至周二在大连会晤): those people met.
    if participants.is_empty() && ca > 0 {
        let (pa, _) = super::clause_at(s, ca - 1);
        let people: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= pa && e.end < ca && is_person(r, e)).collect();
        if !people.is_empty() && only_names(r, s, pa, ca - 1) {
            participants = people;
        }
    }
    // A meeting told in a clause that names nobody, its people opening the next clause
    // (自从去年6月在新加坡举行首次美朝峰会后，金正恩与特朗普一直保持书信往来): they met there.
    if participants.is_empty() && cb + 1 < s.len() {
        participants = people_opening(r, s, cb + 1);
    }
    // Places joined to the first before the verb (在新加坡及越南与金正恩会晤): a meeting in
    // each. (Not after 与, which joins the other party.)
    let mut places = vec![(place, host, city)];
    while let Some(next) = places.last().and_then(|(last, _, _)| {
        s.entities.iter().find(|e| e.start > last.end && e.end <= hs && is_place(r, e) && ["及", "和", "、", "以及", "and", ","].contains(&s.sh(last.end, e.start).trim()))
    }) {
        if embassy_near(hits, next.end) {
            break;
        }
        places.push((next, country_of(r, next), refine_city(r, s, next, hs)));
    }
    // (先后/分别, "respectively": as many dates joined before the places, one for each in turn:
    // 2018年和2019年，特朗普先后在新加坡及越南与金正恩会晤.)
    let respective = if places.len() >= 2 && (s.sh(0, hs).contains("先后") || s.sh(0, hs).contains("分别") || s.sh(he, s.len()).contains("respectively")) {
        let before: Vec<&crate::normalize::date::DateMention> = s.dates.iter().filter(|d| d.end <= places[0].0.start).collect();
        let run = &before[before.len().saturating_sub(places.len())..];
        let joined = run.len() == places.len() && run.windows(2).all(|w| ["和", "及", "、", "与", "and", ","].contains(&s.sh(w[0].end, w[1].start).trim()) && w[0].date.p == w[1].date.p);
        joined.then(|| run.iter().map(|d| d.date).collect::<Vec<_>>())
    } else {
        None
    };
    for (k, (place, host, city)) in places.into_iter().enumerate() {
        let start = respective.as_ref().map_or(start, |v| Some(v[k]));
        let end = if respective.is_some() { None } else { end };
        let mut seen = Vec::new();
        for p in &participants {
            let vc = country_of(r, p);
            if vc.is_empty() || vc == host || seen.contains(&p.entity) {
                continue;
            }
            // 中国驻朝鲜大使X在平壤出席招待会: a resident envoy is at home in the host country.
            if resident_envoy(r, s, p, &host) {
                continue;
            }
            seen.push(p.entity);
            let a = p.start.min(place.start).min(ca);
            out.push(VisitRec {
                visitor: r.ent(p.entity).clone(),
                role: super::visits_en::role_before(r, s, p.start),
                host: host.clone(),
                city: city.clone(),
                start,
                end,
                scheduled,
                purpose: purpose(s, ca, cb),
                evidence: vec![evidence(doc, s, a, he.max(place.end), "visit:meeting-place")],
                explicit,
                travel: false,
                generic: false,
            });
        }
    }
}

/// The date opening a span 自/从 … 以来 that the event at `[hs, he)` stands inside, in its
/// clause `[ca, cb)` (自2019年金正恩访问海参崴以来): the event's own date.
fn since_span_date(s: &Sentence, hs: usize, he: usize, ca: usize, cb: usize) -> Option<&crate::normalize::date::DateMention> {
    s.since_dates.iter().rfind(|d| d.end <= hs && d.start >= ca && s.sh(he, cb).contains("以来"))
}

/// The people who open the clause at `at` as its subject: two or more of different countries,
/// named one after another with nothing but titles and 与/和/、 between them (金正恩與特朗普…).
/// One name alone is too weak a sign that the clause's subject was at another clause's event.
fn people_opening<'s>(r: &Cx, s: &'s Sentence, at: usize) -> Vec<&'s EntityHit> {
    let (a, b) = super::clause_at(s, at);
    let a = (a..b).find(|&i| !s.orig[i].is_whitespace()).unwrap_or(b);
    let people: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= a && e.end <= b && is_person(r, e)).collect();
    let Some(k) = (1..=people.len()).rev().find(|&k| only_names(r, s, a, people[k - 1].end)) else {
        return Vec::new();
    };
    let lead = &people[..k];
    let countries: std::collections::BTreeSet<String> = lead.iter().map(|e| country_of(r, e)).filter(|c| !c.is_empty()).collect();
    if lead.len() < 2 || countries.len() < 2 {
        return Vec::new();
    }
    lead.to_vec()
}

/// True when `[a, b)` holds nothing but names, their offices and coordinators (中国国家主席
/// 习近平与朝鲜领导人金正恩): a subject set off by a comma from its predicate.
fn only_names(r: &Cx, s: &Sentence, a: usize, b: usize) -> bool {
    let mut rest = String::new();
    let mut i = a;
    while i < b {
        if let Some(e) = s.entities.iter().find(|e| e.start == i && e.end <= b) {
            rest.push('|');
            i = e.end;
        } else {
            rest.push(s.sh(i, i + 1).chars().next().unwrap_or(' '));
            i += 1;
        }
    }
    let mut left = rest.clone();
    for t in r.names.titles.find_str(&rest).iter().rev() {
        let cs: Vec<char> = left.chars().collect();
        left = cs[..t.start].iter().chain(std::iter::repeat_n(&'|', 1)).chain(cs[t.end..].iter()).collect();
    }
    // (驻 joins a posting to its title: 美国驻菲律宾大使X.)
    left.chars().all(|c| matches!(c, '|' | '与' | '和' | '及' | '同' | '跟' | '、' | '的' | '驻' | ' '))
}

/// A photo caption without a verb shows its people where they were: 图为X和Y2017年11月在北京,
/// "X and Y in Beijing". Read as a meeting at that place (only a foreigner there travelled).
fn caption_scene(doc: &Annotated, r: &Cx, s: &Sentence, out: &mut Vec<VisitRec>) {
    for p in s.entities.iter().filter(|e| is_place(r, e) && e.start > 0) {
        // The "verb" position: after 在+place (Chinese), before "in" (English).
        let at = if matches!(s.orig[p.start - 1], '在' | '于' | '於') {
            p.end
        } else if s.sh(p.start.saturating_sub(4), p.start) == " in " {
            p.start - 3
        } else {
            continue;
        };
        let (ca, cb) = clause_at(s, p.start);
        if s.entities.iter().any(|e| e.start >= ca && e.end <= at && is_person(r, e)) {
            meet(doc, r, s, &[], at, at, ca, cb, false, None, out);
            return;
        }
    }
}

/// Whether the clause around place hit `p` is a bare location: places only (新加坡圣淘沙), the
/// scene-setting clause of a caption or dateline.
fn locative_clause(r: &Cx, s: &Sentence, p: &EntityHit) -> bool {
    let (a, b) = clause_at(s, p.start);
    let mut i = a;
    while i < b {
        if let Some(e) = s.entities.iter().find(|e| e.start == i && e.end <= b && is_place(r, e)) {
            i = e.end;
        } else if s.orig[i].is_whitespace() {
            i += 1;
        } else {
            return false;
        }
    }
    b > a
}

/// A visit after merging across sentences and documents.
#[derive(Clone, Debug)]
pub struct Visit {
    /// The merged record: the words (purpose) of its first report in merge order, with the
    /// merged dates, city, role and status. Its evidence is that report's.
    pub rec: VisitRec,
    /// Disagreeing start dates reported by some sources (`YYYY-MM-DD` …), for the record.
    pub disagreements: Vec<String>,
    /// How many documents report it.
    pub sources: usize,
}

fn compatible(a: &VisitRec, b: &VisitRec) -> bool {
    if a.visitor != b.visitor || a.host != b.host {
        return false;
    }
    if !a.city.is_empty() && !b.city.is_empty() && a.city != b.city {
        return false;
    }
    match (a.start, b.start) {
        (None, None) => true,
        (Some(x), Some(y)) => {
            if x.agrees(&y) && (x.p != Precision::Day || y.p != Precision::Day) {
                return true;
            }
            let (xs, xe) = (x.first_day(), a.end.unwrap_or(x).last_day());
            let (ys, ye) = (y.first_day(), b.end.unwrap_or(y).last_day());
            // Overlapping or within three days of each other.
            xs <= ye + Duration::days(3) && ys <= xe + Duration::days(3) && x.p == Precision::Day && y.p == Precision::Day
        }
        _ => false,
    }
}

/// Merges visit records: the same visitor and host with compatible dates (overlapping, within
/// three days, or agreeing at the coarser precision) and no conflicting city are one visit.
/// The start is the earliest date read from a travel verb (arrival), else from a meeting; other
/// explicit starts are kept in `disagreements`. An undated, non-generic mention joins the
/// document's visit of the same visitor and host, if there is one.
/// A visit's purpose: its clause, without a wire dateline the sentence opens with ("June 17
/// (Wire) -- …" is where and when it was filed, not what the visit was for).
fn purpose(s: &crate::normalize::Sentence, ca: usize, cb: usize) -> String {
    trunc(&s.text(ca.max(super::clause_en::dateline_end(s, cb).min(cb)), cb).trim(), 200)
}

pub fn merge(recs: Vec<VisitRec>) -> Vec<Visit> {
    merge_tagged(recs.into_iter().map(|r| (r, ())).collect()).into_iter().map(|(v, _)| v).collect()
}

/// [`merge`], each record carrying a tag (where it came from): each visit comes with the tags
/// of the records merged into it.
pub fn merge_tagged<T>(mut recs: Vec<(VisitRec, T)>) -> Vec<(Visit, Vec<T>)> {
    recs.sort_by(|(a, _), (b, _)| merge_order(a, b));
    merge_sorted(recs)
}

/// The order records are merged in: finest first, then by date, so coarse mentions attach to
/// the visit they summarise. Ties are broken by what the evidence says before where it is
/// (document names), so the merged record does not depend on how the input files are named or
/// ordered.
pub fn merge_order(a: &VisitRec, b: &VisitRec) -> std::cmp::Ordering {
    let pa = a.start.map(|d| d.p);
    let pb = b.start.map(|d| d.p);
    pb.cmp(&pa)
        .then(b.explicit.cmp(&a.explicit))
        .then(a.start.cmp(&b.start))
        .then(b.travel.cmp(&a.travel))
        .then_with(|| super::by_wording(&a.evidence, &b.evidence))
        .then_with(|| a.evidence.cmp(&b.evidence))
}

/// What the merge keeps of a record after its group's first: dates, flags, city and role
/// (its words and evidence are not needed again, so a group holds no texts but its first's).
struct Member {
    start: Option<PDate>,
    end: Option<PDate>,
    explicit: bool,
    travel: bool,
    scheduled: bool,
    city: String,
    role: String,
    purpose: String,
}

impl Member {
    fn of(r: &VisitRec) -> Self {
        Member { start: r.start, end: r.end, explicit: r.explicit, travel: r.travel, scheduled: r.scheduled, city: r.city.clone(), role: r.role.clone(), purpose: r.purpose.clone() }
    }
}

/// [`merge_tagged`] of records already in [`merge_order`] (read in bounded memory from a sorted
/// bucket): memory holds the groups' first records and a few fields of the others.
pub fn merge_sorted<T>(recs: impl IntoIterator<Item = (VisitRec, T)>) -> Vec<(Visit, Vec<T>)> {
    // Each group keeps its distinct date/city shapes and its documents, so the same visit
    // reported by thousands of documents is still compared in constant time.
    struct Group<T> {
        first: VisitRec,
        members: Vec<Member>,
        docs: std::collections::BTreeSet<u32>,
        tags: Vec<T>,
        /// Distinct (start, end, city, scheduled) shapes, by the years they span (`None`:
        /// undated), so a record is compared only with shapes it could be compatible with.
        shapes: std::collections::HashMap<Option<i32>, Vec<VisitRec>>,
        shape_keys: std::collections::HashSet<(Option<PDate>, Option<PDate>, String, bool)>,
        cities: std::collections::BTreeSet<String>,
        dated: bool,
    }
    let mut groups: Vec<Group<T>> = Vec::new();
    // Documents by number, for counting a visit's sources.
    let mut doc_ids: std::collections::HashMap<String, u32> = Default::default();
    // Candidate groups of a record, in creation order (the first that fits wins, as a scan of
    // all groups would find): those of its visitor and host with a shape in a year it could be
    // compatible with (`compatible`: dates agree, so the same year, or overlap within three
    // days), and, for an undated mention, those holding its document.
    type Pair = (String, String);
    let mut by_year: std::collections::HashMap<(Pair, Option<i32>), std::collections::BTreeSet<usize>> = Default::default();
    let mut by_doc: std::collections::HashMap<(Pair, String), std::collections::BTreeSet<usize>> = Default::default();
    let span_years = |r: &VisitRec, pad: i64| -> Vec<Option<i32>> {
        match r.start {
            None => vec![None],
            Some(s) => {
                let (a, b) = (s.first_day(), r.end.unwrap_or(s).last_day());
                let (lo, hi) = (a.min(b) - Duration::days(pad), a.max(b) + Duration::days(pad));
                (lo.year()..=hi.year()).map(Some).collect()
            }
        }
    };
    for (r, tag) in recs {
        let doc = r.evidence.first().map(|e| e.doc_id.clone()).unwrap_or_default();
        let pair = (r.visitor.entity_id.clone(), r.host.clone());
        let found = if r.start.is_none() && !r.generic {
            by_doc.get(&(pair.clone(), doc.clone())).and_then(|c| c.iter().copied().find(|&i| groups[i].dated))
        } else {
            let years = span_years(&r, 3);
            let mut candidates: std::collections::BTreeSet<usize> = Default::default();
            for y in &years {
                if let Some(c) = by_year.get(&(pair.clone(), *y)) {
                    candidates.extend(c.iter().copied());
                }
            }
            candidates.into_iter().find(|&i| {
                let g = &groups[i];
                years.iter().filter_map(|y| g.shapes.get(y)).flatten().any(|x| compatible(x, &r))
                    && (r.city.is_empty() || g.cities.iter().all(|c| c == &r.city))
            })
        };
        let i = match found {
            Some(i) => i,
            None => {
                groups.push(Group {
                    first: r.clone(),
                    members: Vec::new(),
                    docs: Default::default(),
                    tags: Vec::new(),
                    shapes: Default::default(),
                    shape_keys: Default::default(),
                    cities: Default::default(),
                    dated: false,
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[i];
        if g.shape_keys.insert((r.start, r.end, r.city.clone(), r.scheduled)) {
            for y in span_years(&r, 0) {
                // A shape is compared by dates, city and places only: no texts copied.
                g.shapes.entry(y).or_default().push(VisitRec { evidence: Vec::new(), purpose: String::new(), ..r.clone() });
                by_year.entry((pair.clone(), y)).or_default().insert(i);
            }
        }
        if !r.city.is_empty() {
            g.cities.insert(r.city.clone());
        }
        g.dated |= r.start.is_some();
        for e in &r.evidence {
            let n = doc_ids.len() as u32;
            g.docs.insert(*doc_ids.entry(e.doc_id.clone()).or_insert(n));
        }
        by_doc.entry((pair, doc)).or_default().insert(i);
        g.members.push(Member::of(&r));
        g.tags.push(tag);
    }
    // The published id is a hash of visitor, host and start date: records that agree on those
    // are one visit, whatever else kept their groups apart (two cities read, or one mention
    // undated and generic), so they are combined here and no id is published twice.
    type Key = (String, String, Option<PDate>);
    let mut by_key: std::collections::BTreeMap<Key, Vec<(Visit, std::collections::BTreeSet<u32>, Vec<T>)>> = std::collections::BTreeMap::new();
    for g in groups {
        let v = combine(g.first, &g.members, g.docs.len());
        by_key.entry(visit_key(&v.rec)).or_default().push((v, g.docs, g.tags));
    }
    by_key
        .into_values()
        .map(|mut vs| {
            if vs.len() == 1 {
                let (v, _, tags) = vs.remove(0);
                (v, tags)
            } else {
                // (Combined again, each group counts as one record: its merged fields, its first
                // record's flags.)
                let docs: std::collections::BTreeSet<u32> = vs.iter().flat_map(|x| x.1.iter().copied()).collect();
                let members: Vec<Member> = vs.iter().map(|x| Member::of(&x.0.rec)).collect();
                let mut it = vs.into_iter();
                let (first, _, tags) = it.next().expect("two or more");
                let tags = tags.into_iter().chain(it.flat_map(|x| x.2)).collect();
                (combine(first.rec, &members, docs.len()), tags)
            }
        })
        .collect()
}

/// The fields a visit's id is made of.
pub fn visit_key(v: &VisitRec) -> (String, String, Option<PDate>) {
    (v.visitor.entity_id.clone(), v.host.clone(), v.start)
}

/// One visit from its first record and what the merge kept of all its records (the first
/// included), in merge order, reported by `sources` documents.
fn combine(first: VisitRec, g: &[Member], sources: usize) -> Visit {
    let day = |x: &&Member| x.explicit && x.start.is_some_and(|d| d.p == Precision::Day);
    let travel: Vec<&Member> = g.iter().filter(day).filter(|x| x.travel).collect();
    let meet: Vec<&Member> = g.iter().filter(day).filter(|x| !x.travel).collect();
    let basis = if travel.is_empty() { &meet } else { &travel };
    let mut v = first;
    if let Some(first) = basis.iter().min_by_key(|x| x.start) {
        v.start = first.start;
        v.end = basis.iter().chain(meet.iter()).filter_map(|x| x.end.or(x.start)).max().filter(|e| Some(*e) > v.start);
    } else if let Some(best) = g.iter().filter(|x| x.start.is_some()).max_by_key(|x| (x.explicit, x.start.map(|d| d.p), x.travel, std::cmp::Reverse(x.start))) {
        // (Of equally dated mentions, the arrival's, else the earliest: a trip starts when it
        // begins, "arrives in China" on the 3rd before "meets Hu in Beijing" on the 6th.)
        v.start = best.start;
        v.end = best.end;
    }
    let mut disagreements: Vec<String> = travel.iter().filter_map(|x| x.start).filter(|d| Some(*d) != v.start).map(|d| d.text()).collect();
    disagreements.sort();
    disagreements.dedup();
    v.city = g.iter().map(|x| x.city.clone()).find(|c| !c.is_empty()).unwrap_or_default();
    v.role = g.iter().map(|x| x.role.clone()).find(|c| !c.is_empty()).unwrap_or_default();
    // A visit that took place is described by a report of it, not by its announcement.
    if v.scheduled {
        if let Some(done) = g.iter().find(|x| !x.scheduled) {
            v.purpose = done.purpose.clone();
        }
    }
    // (Mentions with no date of their own, "Lee's first visit to China", do not say whether it
    // took place: the dated ones decide when there are any.)
    let dated = g.iter().any(|x| x.start.is_some());
    v.scheduled = g.iter().filter(|x| !dated || x.start.is_some()).all(|x| x.scheduled);
    Visit { rec: v, disagreements, sources }
}

/// The dates listed right before a travel word at `verb` in its clause, counted as often as
/// they are (去年3月、5月、6月三次访华: three), in the order written; else empty.
fn counted_dates(s: &Sentence, ca: usize, verb: usize) -> Vec<PDate> {
    let dates: Vec<&crate::normalize::date::DateMention> = s.dates.iter().filter(|d| d.start >= ca && d.end <= verb).collect();
    let Some(last) = dates.last() else { return Vec::new() };
    let mut list = vec![last.date];
    let mut at = dates.len() - 1;
    // (A range, 3月至5月, is one span, not a list.)
    while at > 0 && ["、", "和", "及", "与"].contains(&s.sh(dates[at - 1].end, dates[at].start).trim()) {
        list.push(dates[at - 1].date);
        at -= 1;
    }
    list.reverse();
    let between = s.sh(last.end, verb);
    let count = between.trim().trim_end_matches(['次', '度']);
    let count = ["先后", "共", "曾", "分别"].iter().find_map(|w| count.strip_prefix(w)).unwrap_or(count);
    let n = match count {
        "两" | "二" => 2,
        "三" => 3,
        "四" => 4,
        "五" => 5,
        "六" => 6,
        c => c.parse().unwrap_or(0),
    };
    if list.len() >= 2 && n == list.len() && between.trim().ends_with(['次', '度']) { list } else { Vec::new() }
}
