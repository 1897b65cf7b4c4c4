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
