//! The `documents` and `entities` tables.

use super::Row;
use crate::normalize::Annotated;
use crate::reference::{EntRef, Reference};

/// One `documents` row.
pub fn document_row(d: &Annotated) -> Row {
    let x = &d.cleaned.doc;
    let m = &x.meta;
    let mut r = Row::new();
    r.set("doc_id", &x.doc_id);
    r.set("path", &x.path);
    r.set("sha256", &x.sha256);
    r.set("bytes", x.bytes.to_string());
    r.set("n_chars", x.raw.len().to_string());
    r.set("encoding", &x.encoding);
    r.set("format", &x.format);
    r.set("languages", d.cleaned.languages.join("|"));
    r.set("title", m.title.clone().unwrap_or_default());
    r.set("publisher", m.publisher.clone().unwrap_or_default());
    r.set("url", m.url.clone().unwrap_or_default());
    r.set("published_date", m.published_date.clone().unwrap_or_default());
    r.set("published_date_source", m.published_date_source.clone().unwrap_or_default());
    r.set("licence", m.licence.clone().unwrap_or_default());
    r.set("n_sentences", d.sentences.len().to_string());
    r
}

/// All `entities` rows: the gazetteer in `reference/entities.csv` order, then the extracted
/// entities records refer to, by id (the first document, in `doc_id` order, that names one
/// decides its attributes; a country stated by any document fills an empty one).
pub fn entity_rows(reference: &Reference, extracted: &[EntRef]) -> Vec<Row> {
    let mut by_id: std::collections::BTreeMap<&str, crate::reference::Entity> = std::collections::BTreeMap::new();
    for e in extracted {
        let slot = by_id.entry(e.entity_id.as_str()).or_insert_with(|| (**e).clone());
        if slot.country.is_empty() {
            slot.country = e.country.clone();
        }
        // One name across documents: an English form one of them gives (紹伊古（Sergei Shoigu）)
        // wins over the characters another kept, whichever document comes first; the aliases
        // of all are kept.
        if !slot.name_en.is_ascii() && e.name_en.is_ascii() {
            slot.name_en = e.name_en.clone();
        }
        if slot.name_zh_hant.is_empty() {
            slot.name_zh_hant = e.name_zh_hant.clone();
        }
        if !e.aliases.is_empty() && e.aliases != slot.aliases {
            let mut all: Vec<&str> = slot.aliases.split('|').chain(e.aliases.split('|')).filter(|a| !a.is_empty() && *a != slot.name_en).collect();
            all.sort_unstable();
            all.dedup();
            slot.aliases = all.join("|");
        }
    }
    let extra: Vec<crate::reference::Entity> = by_id.into_values().collect();
    reference
        .entities
        .iter()
        .map(|e| &**e)
        .chain(extra.iter())
        .map(|e| {
            let mut r = Row::new();
            r.set("entity_id", &e.entity_id);
            r.set("kind", &e.kind);
            r.set("name_en", &e.name_en);
            r.set("name_zh_hans", &e.name_zh_hans);
            r.set("name_zh_hant", &e.name_zh_hant);
            r.set("aliases", &e.aliases);
            r.set("country", &e.country);
            r.set("city", &e.city);
            r.set("wikidata", &e.wikidata);
            r.set("origin", &e.origin);
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::entity_rows;
    use crate::reference::{EntRef, Entity, Reference};

    fn extracted(name_en: &str, aliases: &str) -> EntRef {
        EntRef(std::sync::Arc::new(Entity {
            entity_id: "Xtest".into(),
            kind: "person".into(),
            name_en: name_en.into(),
            name_zh_hans: "别列佐夫斯基".into(),
            name_zh_hant: String::new(),
            aliases: aliases.into(),
            country: "RUS".into(),
            city: String::new(),
            wikidata: String::new(),
            origin: "extracted".into(),
        }))
    }

    #[test]
    fn an_extracted_name_is_the_same_whatever_document_comes_first() {
        let r = Reference::load_files(&crate::bundled::Files::reference(None)).expect("bundled reference loads");
        let plain = extracted("别列佐夫斯基", "");
        let glossed = extracted("Pavel Berezovsky", "Berezovsky");
        for order in [vec![plain.clone(), glossed.clone()], vec![glossed, plain]] {
            let rows = entity_rows(&r, &order);
            let row = rows.iter().find(|x| x.get("entity_id") == "Xtest").expect("the extracted row");
            assert_eq!(row.get("name_en"), "Pavel Berezovsky");
            assert_eq!(row.get("aliases"), "Berezovsky");
        }
    }
}
