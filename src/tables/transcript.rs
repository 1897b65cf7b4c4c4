//! Press-conference transcripts (外交部发言人例行记者会): an answer paragraph (答：…) is the
//! words of the spokesperson who hosts the conference, and a paragraph opened by a person's
//! name and a colon (何启明：…) is that person's. A question's own request (能否介绍…？) is
//! nobody's statement (read in `statements`).

use super::statements::StatementRec;
use super::{date_for, evidence, is_person, trunc, Cx};
use crate::normalize::{Annotated, Sentence};

/// Rows of a transcript's answers and named remarks, in document order.
pub fn rows(doc: &Annotated, r: &Cx, body: &[&Sentence]) -> Vec<StatementRec> {
    let mut out = Vec::new();
    // The host until a named line names them: the spokesperson the heading names (外交部发言人
    // …主持例行记者会: the person after the title, else the office, "Chinese Foreign Ministry
    // spokesperson").
    let host = body.iter().take(4).find_map(|s| {
        let at = s.shadow.find("发言人").map(|b| s.shadow[..b].chars().count() + 3)?;
        let person = s.entities.iter().find(|e| e.start >= at && e.start <= at + 1 && is_person(r, e) && r.ent(e.entity).kind == "person");
        let office = s.entities.iter().find(|e| e.start < at && e.end >= at && r.ent(e.entity).kind == "role");
        person.or(office).map(|e| e.entity)
    });
    let mut speaker = host;
    for (si, s) in body.iter().enumerate() {
        // (A headline "X：…" restates the story; it is no remark of X's.)
        if super::headline(doc, body, si) {
            continue;
        }
        let lead = s.orig.iter().take_while(|c| c.is_whitespace() || **c == '\u{3000}').count();
        let rest: String = s.orig[lead..].iter().take(2).collect();
        // 何启明：… — a named remark; it also names who answers next.
        let named = s.entities.iter().find(|e| e.start == lead && is_person(r, e) && matches!(s.orig.get(e.end), Some('：') | Some(':')));
        let (who, from, cue) = if let Some(e) = named {
            speaker = Some(e.entity);
            (e.entity, e.end + 1, s.text(e.end, e.end + 1))
        } else if rest == "答：" || rest == "答:" {
            let Some(w) = speaker else { continue };
            (w, lead + 2, "答".to_string())
        } else {
            continue;
        };
        let text = s.text(from, s.len()).trim().to_string();
        if text.chars().count() < 4 {
            continue;
        }
        // (Said at the conference: dated by it, not by dates inside the answer.)
        let date = match doc.doc_date.or(s.item_date.map(|d| d.first_day())) {
            Some(_) => super::undated_event(doc, s, s.context, true),
            None => date_for(s, 0).0,
        };
        out.push(StatementRec {
            doc_id: doc.cleaned.doc.doc_id.clone(),
            speaker: r.ent(who).clone(),
            cue,
            text: trunc(&text, 2000),
            date,
            language: s.lang.to_string(),
            is_direct_quote: true,
            topics: {
                let mut v: Vec<String> = r.topics.find_str(&r.script.simplify(&text)).into_iter().map(|h| h.item.value.clone()).collect();
                v.sort();
                v.dedup();
                v
            },
            evidence: evidence(doc, s, lead, s.len(), "statement:transcript"),
            pos: s.start + lead,
        });
    }
    out
}
