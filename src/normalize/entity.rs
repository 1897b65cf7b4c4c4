//! People, places and organizations via the gazetteer. An alias shared by several entities
//! (a short form such as "Kim" or 外交部) resolves to the one mentioned most recently in the
//! document, else to the first listed in `reference/entities.csv`.

use super::EntityHit;
use crate::reference::Reference;
use std::collections::HashMap;

/// Remembers where each entity was last mentioned in a document.
#[derive(Default)]
pub struct Tracker {
    last: HashMap<usize, usize>,
}

impl Tracker {
    /// Entity hits in one sentence (`offset` = sentence start in the document).
    pub fn resolve(&mut self, reference: &Reference, shadow: &str, b2c: &[usize], offset: usize) -> Vec<EntityHit> {
        let mut out = Vec::new();
        for h in reference.entity_matcher.find(shadow, b2c) {
            let cands = h.item;
            let pick = if cands.len() == 1 {
                cands[0]
            } else {
                *cands
                    .iter()
                    .max_by_key(|&&c| (self.last.get(&c).copied().map(|p| p + 1).unwrap_or(0), usize::MAX - c))
                    .unwrap_or(&cands[0])
            };
            self.last.insert(pick, offset + h.start);
            out.push(EntityHit { start: h.start, end: h.end, entity: pick });
        }
        out
    }
}
