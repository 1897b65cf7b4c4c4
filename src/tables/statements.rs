//! Statements: one row per cue verb per speaker, as reported in a document. Cues come from
//! `reference/cues.csv` (指出, 表示, 称, said, told …; `block` rows stop words such as 称为 or 据悉
//! from counting). The speaker is the subject of the cue's clause: gazetteer entities before the
//! cue, minus objects of prepositions (向/对…), possessives (X的) and modifiers (the country or
//! body in front of a title and a name); coordinated subjects (X和Y) each get a row. Zero-subject
//! cues take the subject of the nearest earlier clause; pronouns and short forms (他, 该文, he,
//! 双方) come from `reference/anaphora.csv`.

use super::{Cx, clause_at, date_outside, evidence, inside_quotes, is_actor, is_person, terms, trunc, Evidence};
use crate::normalize::date::{PDate, Precision};
use crate::normalize::{Annotated, EntityHit, Sentence};
use crate::reference::{EntRef, Reference, Term};
use std::collections::BTreeMap;

/// One statement as read from a sentence.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct StatementRec {
    pub doc_id: String,
    pub speaker: EntRef,
    pub cue: String,
    pub text: String,
    pub date: Option<PDate>,
    pub language: String,
    pub is_direct_quote: bool,
    pub topics: Vec<String>,
    pub evidence: Evidence,
    /// Clean-text offset of the cue (orders statements within a document).
    pub pos: usize,
}

#[derive(Clone, Debug)]
enum Cand {
    Entity(EntityHit),
    Anaphor { start: usize, end: usize, role: String, value: String },
}

impl Cand {
    fn span(&self) -> (usize, usize) {
        match self {
            Cand::Entity(e) => (e.start, e.end),
            Cand::Anaphor { start, end, .. } => (*start, *end),
        }
    }
}

const PREPS: &[char] = &['向', '对', '同', '跟', '给', '为', '被', '把', '从', '让', '令', '在', '于', '自', '与'];
/// The mark of an enumerated item: 二、 (二) （二） 2、 2. (2).
/// "called the move \"…\"", "branded it “…”": a naming verb whose object, within six words,
/// runs into an opening quote (the verb is group 1).
static RE_CALLED_QUOTE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"\b(called|calls|dubbed|dubs|termed|terms|branded|brands|labeled|labels)\s+(?:[\w'’-]+\s+){1,6}["“]"#).expect("valid")
});
static CALLED: std::sync::LazyLock<Term> = std::sync::LazyLock::new(|| Term { term: "called".into(), role: "act".into(), value: String::new() });

static RE_ENUM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．])").expect("valid")
});
const COORD: &[&str] = &["和", "与", "及", "以及", "、", " and ", "&"];
/// Verbs after a 据 source that introduce its content (据美国情报显示，…).
const ACCORDING_VERBS: &[&str] = &["显示", "指出", "透露", "表示", "称", "说"];
const REPORT_NOUNS: &[&str] = &["报道", "报导", "文章", "声明", "社评", "社论", "评论", "消息", "分析", "报告", "话", "统计数据", "数据", "统计", "说法"];
/// Verbs by which a report quotes somebody (援引X的话说): the quoted person is the speaker.
const QUOTING: &[&str] = &["援引", "引述", "引用", "转引"];
const COUNTRY_GAP_OK: &[char] = &[
    '对', '向', '也', '还', '又', '均', '都', '则', '曾', '已', '再', '在', '就', '更', '亦', '便', '仍', '将', '会', '当', '随', '正',
    '一', '并',
];
const LEADING: &[char] = &['，', ',', '：', ':', '“', '"', '「', '『', ' ', '道'];

fn rank(r: &Cx, c: &Cand) -> u8 {
    match c {
        Cand::Anaphor { .. } => 4,
        Cand::Entity(e) => match r.ent(e.entity).kind.as_str() {
            "country" => 0,
            "org" => 1,
            "role" => 2,
            _ => 3,
        },
    }
}

/// Whether an entity hit is a bare country name (中国, 朝鲜) rather than a government form
/// (中国政府, 朝方, 美方, "China" in English, which acts as a subject freely).
fn bare_country(r: &Cx, s: &Sentence, e: &EntityHit) -> bool {
    if r.ent(e.entity).kind != "country" {
        return false;
    }
    let written = s.sh(e.start, e.end);
    let is_cjk = written.chars().any(crate::clean::is_cjk);
    is_cjk && !GOVERNMENT_FORMS.iter().any(|g| written.ends_with(g))
}

const GOVERNMENT_FORMS: &[&str] = &["政府", "方", "当局"];
const ORG_TITLES: &[&str] = &["机关报", "官媒", "旗下", "下属", "所属", "的"];

/// Whether a preposition in the gap before a candidate governs it. 与/同/跟 between two common
/// nouns (研究与外交政策的主任) join words, not parties: they count only next to a name (金日成与…,
/// 《人民日报》与…, 与中国…) or a title, or right before the candidate; any other preposition in
/// the gap does.
fn governed(r: &Cx, s: &Sentence, from: usize, gap: &str) -> bool {
    let chars: Vec<char> = gap.chars().collect();
    let titles = r.names.titles.find_str(gap);
    // (至于/至於 "as for" marks a topic, which is the subject when a cue follows: 至於北韓則稱.)
    let topic = |i: usize| i > 0 && chars[i] == '于' && chars[i - 1] == '至';
    chars.iter().enumerate().filter(|(i, c)| PREPS.contains(c) && !topic(*i)).any(|(i, c)| {
        let at = from + i;
        let name_before = s.entities.iter().any(|e| e.end == at || e.end + 1 == at && matches!(s.orig[at - 1], '》' | '」' | '”' | '）' | ')'));
        !matches!(c, '与' | '同' | '跟')
            || i + 1 == chars.len()
            || name_before
            || s.entities.iter().any(|e| e.start == at + 1)
            || titles.iter().any(|h| h.start == i + 1)
    })
}

/// A cue that opens with a data or report noun (数据显示, 报告显示, 调查表明).
fn data_cue(c: &crate::reference::Hit<Term>) -> bool {
    c.item.term.ends_with("显示") || c.item.term.ends_with("表明")
}

/// What stands between a body and its data or report when the cue opens with the noun
/// (海关总署的数据显示, 海关总署本周一公布的数据显示): 的, after a publishing verb and a time.
static RE_ISSUED_OF: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^(?:[^，。；,;]{0,8}?(?:公布|发布|发表|公开|提供|披露)了?)?的$").expect("valid regex"));

/// What may stand between a capital used as a speaker and its cue: a time (在7月, 周二, 当天)
/// and adverbs (北京则敦促, 平壤在7月曾邀请).
static RE_CAPITAL_GAP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:在?(?:[0-9]{1,4}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?|(?:周|星期)[一二三四五六日天]|今天|昨天|本周|上周|当天|日前|此前|近日|随后)(?:则|还|也|亦|更|曾|已|已经|随即|一再|再次|同时|立即|迅速|很快|则是|也曾|还曾)*$").expect("valid regex")
});

/// True when `p` opens a clause: nothing but a clause break (or the sentence start) before it,
/// and at most a contrastive conjunction (…，而平壤则要求).
fn clause_opening(s: &Sentence, p: usize) -> bool {
    let lead = s.sh(p.saturating_sub(2), p);
    let p = CLAUSE_CONJUNCTIONS.iter().find(|c| lead.ends_with(*c)).map_or(p, |c| p - c.chars().count());
    (0..p).rev().map(|i| s.orig[i]).find(|c| !c.is_whitespace()).is_none_or(|c| super::is_clause_break(c) || matches!(c, '”' | '」' | '：' | ':'))
}

/// Conjunctions that may open a clause before its subject (Simplified shadow).
const CLAUSE_CONJUNCTIONS: &[&str] = &["而", "但", "但是", "然而", "不过", "同时"];

/// Words ending in 应 that are not the 应 of "at the request of" (回应, 反应, 供应 …).
const YING_WORDS: &[&str] = &["回应", "响应", "反应", "相应", "供应", "答应", "适应", "对应", "呼应", "感应", "效应", "理应", "本应"];

/// True when the gap before a candidate ends with 应 meaning "at the request/invitation of"
/// (应中国政府要求, 应朝方邀请): the candidate is the one who asked, not the subject.
fn at_request(gap_before: &str) -> bool {
    gap_before.ends_with('应') && !YING_WORDS.iter().any(|w| gap_before.ends_with(w))
}

/// Whether what stands between a bare country name and its cue lets the country be the subject:
/// nothing, an adverb (中国则称, 朝鲜也表示), or a time, bracketed or not (美国星期五（2018年9月
/// 14日）指责, 中国周二表示), after 方面 or 当局 or not.
fn country_gap_ok(after: &str) -> bool {
    // (A country named as a side: 朝鲜方面重申, 北韓方面並重申, 美国当局表示.)
    let after = after.trim();
    let after = after.strip_prefix("方面").or_else(|| after.strip_prefix("当局")).unwrap_or(after);
    after.is_empty() || after.starts_with(COUNTRY_GAP_OK) || RE_CAPITAL_GAP.is_match(&RE_PAREN.replace_all(after, ""))
}

/// Subject candidates in `[a, b)` of a sentence (b = the cue). `walk_back`: the region is an
/// earlier clause, where a bare country name is more often an object than the speaker.
fn subjects(r: &Cx, s: &Sentence, a: usize, b: usize, anaphora: &[crate::reference::Hit<Term>], walk_back: bool) -> Vec<Cand> {
    let mut cands: Vec<Cand> = Vec::new();
    // 平壤方面 / 北京当局: a capital named as a side speaks for its country; so does a bare
    // capital opening its clause right before the cue, with at most an adverb between
    // (北京则敦促, 华盛顿还指责, 平壤随即回应).
    let capital_side = |e: &EntityHit| {
        r.capital_country(e.entity).is_some()
            && (["方面", "当局"].iter().any(|w| s.sh(e.end, (e.end + 2).min(s.len())) == *w)
                || e.end <= b && RE_CAPITAL_GAP.is_match(&s.sh(e.end, b)) && clause_opening(s, e.start))
    };
    // 美国驻联合国大使, 法国常驻联合国代表: the body or country after 驻 is the posting, not the
    // one who speaks.
    // 亲克里姆林宫媒体 ("pro-Kremlin media"), 反政府: a name after pro-/anti- describes the
    // speaker, it is not the speaker.
    let posting = |e: &EntityHit| e.start > 0 && matches!(s.orig[e.start - 1], '驻' | '駐' | '亲' | '親' | '反');
    for e in s.entities.iter().filter(|e| e.start >= a && e.end <= b && (is_actor(r, e) || capital_side(e)) && !inside_quotes(s, e.start) && !posting(e)) {
        cands.push(Cand::Entity(e.clone()));
    }
    let mut described: Vec<(usize, usize)> = Vec::new();
    for h in anaphora.iter().filter(|h| h.start >= a && h.end <= b && h.item.role != "block" && !inside_quotes(s, h.start)) {
        if s.entities.iter().any(|e| e.start < h.end && e.end > h.start) {
            continue;
        }
        // An earlier clause read for a zero subject: a word such as 双方 deep inside it is an
        // object or a modifier (举行记者会交代双方会谈结果), not that clause's subject.
        if walk_back && s.sh(a, h.start).trim().chars().count() > 4 {
            continue;
        }
        // 声明表示: the statement noun speaks only as the clause's subject (not 在声明中…, not
        // 白宫声明, where the issuer is named).
        if h.item.role == "issuer" && (!s.sh(a, h.start).trim().trim_start_matches(LEADING).is_empty() || s.entities.iter().any(|e| e.end == h.start)) {
            continue;
        }
        // 这位中国前外交官说: a demonstrative and its description, up to the cue, stand for the
        // last person (a country inside the description is not the speaker), unless a name
        // follows in it (这位朝鲜外交官金某说: the name).
        let demonstrative = h.item.role == "person" && h.item.term.starts_with(['这', '该']);
        let description = demonstrative
            && b - h.end <= 16
            && !(h.end..b).any(|i| super::is_clause_break(s.orig[i]))
            && !s.entities.iter().any(|e| e.start >= h.end && e.end <= b && is_person(r, e));
        // A title right before a name (发言人洪磊) is not a pronoun.
        if !description && s.entities.iter().any(|e| e.start >= h.end && e.start <= h.end + 1 && e.end <= b) {
            continue;
        }
        let end = if description { b } else { h.end };
        if description {
            described.push((h.start, end));
        }
        cands.push(Cand::Anaphor { start: h.start, end, role: h.item.role.clone(), value: h.item.value.clone() });
    }
    cands.retain(|c| !matches!(c, Cand::Entity(e) if described.iter().any(|(x, y)| e.start >= *x && e.end <= *y)));
    // 曾任联合国粮农组织顾问、现任某大学教授的李明浩说: a person right after 的 is the head of
    // the description before it; the names inside that description do not speak.
    // (Not a listener: 金日成对来访的钱其琛说.)
    // (So is one after 的 and a short title with its country or posting: 担任安理会轮值主席的
    // 美国驻联合国大使X说.)
    let titled_after_de = |e: &EntityHit| {
        let Some(d) = (a..e.start).rev().find(|&i| s.orig[i] == '的') else { return false };
        let gap = s.sh(d + 1, e.start);
        let n = gap.chars().count();
        n <= 12 && !(d + 1..e.start).any(|i| super::is_clause_break(s.orig[i])) && r.names.titles.find_str(&gap).iter().any(|t| t.end == n)
    };
    let head = s.entities.iter().filter(|e| e.start > a && e.end <= b && is_person(r, e) && (s.orig[e.start - 1] == '的' || titled_after_de(e))).last();
    // (A locative 在 inside the description is its own: 曾在世卫组织任职的X说.)
    // (与, 和, 及 and 同 join nouns too, 研究与外交政策的主任X: only right after a name are they
    // "with" someone.)
    let listener = |h: &EntityHit| {
        (a..h.start).any(|i| match s.orig[i] {
            '对' | '對' | '于' | '向' | '跟' | '给' | '給' | '把' | '被' | '让' | '讓' | '令' => true,
            '同' | '与' | '與' | '和' | '及' => s.entities.iter().any(|e| e.end == i),
            _ => false,
        })
    };
    let head = head.filter(|h| !listener(h)).map(|h| h.start);
    if let Some(head) = head {
        cands.retain(|c| c.span().0 >= head - 1 || c.span().1 > head);
    }
    cands.sort_by_key(|c| c.span());
    // Objects of prepositions, possessives, existentials, and countries not acting as subjects.
    let mut kept: Vec<Cand> = Vec::new();
    let mut prev_end = a;
    for c in cands {
        let (cs, ce) = c.span();
        let gap_before = s.sh(prev_end, cs);
        // 记者从丹东海关获悉: the body after 从 is where the news came from.
        let learned_from = gap_before.ends_with('从') && ["获悉", "了解到", "得知"].iter().any(|w| s.sh(b, (b + w.chars().count()).min(s.len())) == *w);
        if governed(r, s, prev_end, &gap_before) && !gap_before.ends_with('据') && !learned_from && head != Some(cs) {
            continue;
        }
        // 应中国政府要求，…: the one at whose request something is done does not speak here.
        if at_request(&gap_before) {
            continue;
        }
        let after = s.sh(ce, b);
        let after_t = after.trim();
        // (X的数据显示, X本周一公布的数据显示: the cue opens with the report noun.)
        let cue_noun = REPORT_NOUNS.iter().any(|n| s.sh(b, (b + 4).min(s.len())).starts_with(n)) && RE_ISSUED_OF.is_match(&after);
        if (after.starts_with('的') || after.starts_with('之')) && !cue_noun {
            let noun = after.trim_start_matches(['的', '之']);
            if !REPORT_NOUNS.iter().any(|n| noun.starts_with(n)) {
                continue;
            }
        }
        // (有 right before the cue marks a finished act, as Taiwanese news writes it: 他们有要求.)
        if after.starts_with('有') && after_t != "有" || RE_DATELINE.is_match(&after) {
            continue;
        }
        // 专家的看法和美方差不多，认为…: the one compared with (和/与/同/跟 X 一样) is no subject.
        let lead = s.sh(cs.saturating_sub(1), cs);
        if matches!(lead.as_str(), "和" | "与" | "同" | "跟") && COMPARED.iter().any(|w| after_t.starts_with(w)) {
            continue;
        }
        if let Cand::Entity(e) = &c {
            let english_country = r.ent(e.entity).kind == "country" && !s.sh(e.start, e.end).chars().any(crate::clean::is_cjk);
            if english_country && (!after_t.is_empty() || walk_back) {
                continue; // "the US analysts", "of China and the DPRK on Thursday"
            }
            // 朝方评论员: the country's commentator is the previous speaker, not the country.
            if r.ent(e.entity).kind == "country" && anaphora.iter().any(|h| h.start == e.end && h.item.role == "previous") {
                continue;
            }
            if bare_country(r, s, e) && !country_gap_ok(after_t) {
                // Kept only where a following name may make it a modifier (中国外交部发言人…).
                let next_is_cand = s.entities.iter().any(|n| n.start >= ce && n.start <= ce + 12 && n.end <= b && is_actor(r, n));
                if !next_is_cand {
                    continue;
                }
            }
            if walk_back && bare_country(r, s, e) {
                continue;
            }
        }
        prev_end = ce;
        kept.push(c);
    }
    // A body's English gloss in brackets (兰德公司（RAND Corporation）) is the same body once.
    let mut kept = kept;
    kept.dedup_by(|y, x| matches!((&*x, &*y), (Cand::Entity(x), Cand::Entity(y)) if x.entity == y.entity && matches!(s.sh(x.end, y.start).trim(), "（" | "(")));
    // Modifiers: a country or body directly in front of a title and a name (中国外交部发言人耿爽,
    // 朝鲜劳动党机关报劳动新闻); a person never modifies a person.
    let mut out: Vec<Cand> = Vec::new();
    for i in 0..kept.len() {
        if let (Some(n), Cand::Entity(_)) = (kept.get(i + 1), &kept[i]) {
            let (_, ce) = kept[i].span();
            let (ns, _) = n.span();
            // An English gloss in brackets (兰德公司（Rand Corporation）分析师…) is not distance.
            let gap = RE_PAREN.replace_all(&s.sh(ce, ns), "").to_string();
            let glen = gap.chars().count();
            let (rn, rc) = (rank(r, n), rank(r, &kept[i]));
            // A title ends the gap (布鲁金斯学会研究与外交政策的主任 + name): a coordinator inside
            // the title phrase does not coordinate two subjects.
            // (So does a chain of titles listed with 、, each ending in a title: 劳动党中央委员会
            // 政治局候补委员、党中央委员会国际部长 + name.)
            let ends_titled = |g: &str| {
                let n = g.chars().count();
                n > 0 && r.names.titles.find_str(g).iter().any(|h| h.end == n)
            };
            let titled = rn == 3
                && !gap.contains(['，', ','])
                && (glen <= 20 && ends_titled(&gap) || glen <= 40 && gap.contains('、') && gap.split('、').all(ends_titled));
            let close = matches!(n, Cand::Entity(_)) && (glen <= 12 && !COORD.iter().any(|k| gap.contains(k)) || titled);
            let org_title = rc == 1 && rn == 1 && (gap.is_empty() || ORG_TITLES.iter().any(|t| gap.ends_with(t)));
            if close && (rn > rc || org_title) {
                continue;
            }
            // (Through a further modifier: 史汀生中心 + 中国问题专家 + name, the country being the
            // expert's field.)
            let through = kept[i + 1..].iter().position(|c| rank(r, c) == 3).is_some_and(|j| {
                let p = &kept[i + 1 + j];
                let between_ok = kept[i + 1..i + 1 + j].iter().all(|c| matches!(c, Cand::Entity(_)) && rank(r, c) < 3);
                let gap = RE_PAREN.replace_all(&s.sh(ce, p.span().0), "").to_string();
                // (Or through a chain of titles listed with 、: 韩国国会议员、延世大学朝鲜研究所
                // 客座研究员 + name.)
                let chain = !gap.contains(['，', ',']) && gap.chars().count() <= 40 && gap.contains('、') && gap.split('、').all(ends_titled);
                between_ok && j > 0 && rc < 3 && (!gap.contains(['，', ',', '、']) && gap.chars().count() <= 20 && ends_titled(&gap) || chain)
            });
            if through {
                continue;
            }
        }
        if let Cand::Entity(e) = &kept[i] {
            let after = s.sh(e.end, b);
            let after = after.trim();
            // 美国和朝鲜承诺…: a country coordinated with the next subject is a subject too.
            let coordinated = kept.get(i + 1).is_some_and(|n| COORD.contains(&s.sh(e.end, n.span().0).as_str()));
            if bare_country(r, s, e) && !country_gap_ok(after) && !coordinated {
                continue;
            }
        }
        out.push(kept[i].clone());
    }
    // The first subject and those coordinated with it.
    let mut chain: Vec<Cand> = Vec::new();
    for c in out {
        if let Some(last) = chain.last() {
            // (An English gloss in brackets is not distance, and a title may open the next
            // name: 史密斯（Chris Smith）、民主党籍参议员默克利.)
            let gap = RE_PAREN.replace_all(&s.sh(last.span().1, c.span().0), "").to_string();
            // 蓬佩奥与金英哲会谈后…称: the one met with is the partner of the meeting, not a
            // second speaker.
            let (_, ce) = c.span();
            let partner = matches!(gap.trim(), "与" | "和" | "同" | "跟")
                && r.visit_terms.find_str(&s.sh(ce, (ce + 6).min(s.len()))).iter().any(|h| h.item.role == "meet" && h.start <= 2);
            if partner {
                break;
            }
            if gap.chars().count() <= 15 && COORD.iter().any(|k| gap.contains(k)) {
                chain.push(c);
                continue;
            }
            break;
        }
        chain.push(c);
    }
    chain
}

/// How many sentences on 他们 still stands for the people of the last joint statement.
const GROUP_SENTENCES: usize = 3;

/// The people of the last joint statement (`last_group`: its speakers and sentence), if it was
/// made at most `GROUP_SENTENCES` before sentence `si`.
fn recent_group(last_group: &Option<(Vec<usize>, usize)>, si: usize) -> &[usize] {
    last_group.as_ref().filter(|g| si - g.1 <= GROUP_SENTENCES).map_or(&[], |g| &g.0)
}

/// How many sentences a speaker's dated occasion carries to their undated statements.
const OCCASION_SENTENCES: usize = 3;

/// The day each speaker last spoke on, as a sentence dated it, and that sentence's number: a
/// statement of theirs with no date of its own in the next `OCCASION_SENTENCES` sentences is the
/// same occasion (博尔顿星期一…承认…。他说：…; "The ministry said Tuesday … the ministry added").
#[derive(Default)]
pub(crate) struct Occasions(BTreeMap<usize, (PDate, usize)>);

impl Occasions {
    /// The day all of `speakers` last spoke on, if it is within reach of sentence `at` and the
    /// running date (if any) agrees with it: not past a time the text has moved on to since.
    pub(crate) fn carried(&self, speakers: &[usize], at: usize, running: Option<PDate>) -> Option<PDate> {
        speakers
            .iter()
            .map(|sp| self.0.get(sp).filter(|(_, s)| at - s <= OCCASION_SENTENCES).map(|(d, _)| *d))
            .reduce(|a, b| a.filter(|a| Some(*a) == b))
            .flatten()
            .filter(|c| running.is_none_or(|d| d.agrees(c)))
    }

    /// Records a statement in sentence `at`: only its speakers keep an occasion (another voice
    /// in between ends it), its day when the day was read (`dated`) rather than assumed.
    pub(crate) fn note(&mut self, speakers: &[usize], date: Option<PDate>, dated: bool, at: usize) {
        self.0.retain(|k, _| speakers.contains(k));
        for &sp in speakers {
            match date.filter(|d| d.p == Precision::Day && dated) {
                Some(d) => self.0.insert(sp, (d, at)),
                None => self.0.remove(&sp),
            };
        }
    }
}

/// Phrases that place what follows during the visit or talks just told (Simplified shadow,
/// English in lower case).
const DURING_VISIT: &[&str] =
    &["访问期间", "访华期间", "访朝期间", "访俄期间", "访美期间", "会谈期间", "会谈中", "during the visit", "during his visit", "during her visit", "during the trip", "during the talks", "during his trip", "during her trip"];

/// Adverbs, connectives and time words that may stand between a clause start and a cue without
/// being a subject. Anything else there (专家, 分析人士, 部分外媒) is an unnamed speaker.
const FILLERS: &[&str] = &[
    // (Manner adverbs: 发表谈话，强烈谴责…)
    "强烈",
    "严厉",
    "坚决",
    "并且",
    "并",
    "也",
    "还",
    "又",
    "甚至",
    "同时",
    "更",
    "随后",
    "另外",
    "亦",
    "再次",
    "不点名地",
    "不点名",
    "点名",
    "公开",
    "则",
    "便",
    "就此",
    "曾",
    "已",
    "此前",
    "当天",
    "同日",
    "随即",
    "最后",
    "此外",
    "再",
    "仅",
    "一直",
    "均",
    "都",
    "进一步",
    "分别",
    "当时",
    "后来",
    "而",
    "但",
    "但是",
    "不过",
    "然而",
    "简要",
    "及时",
    "明确",
    "先后",
    "多次",
    "正式",
    "首先",
    "其后",
    "之后",
    "还曾",
    "有关",
    "进行",
    "予以",
    "作出",
    "发表",
    "and",
    "also",
    "later",
    "then",
    "but",
    "further",
    "for his part",
    "for her part",
    "moreover",
    "Moreover",
    "however",
    "However",
];

/// True when `region` holds nothing but fillers, dates, digits and punctuation.
fn empty_region(region: &str) -> bool {
    let mut t = region.trim().to_string();
    let date_re = &*RE_DATEISH;
    t = date_re.replace_all(&t, "").to_string();
    let mut changed = true;
    while changed {
        changed = false;
        let tt =
            t.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || "，、：；“”「」（）《》".contains(c)).to_string();
        if tt != t {
            t = tt;
            changed = true;
        }
        for f in FILLERS {
            if let Some(rest) = t.strip_prefix(f) {
                t = rest.to_string();
                changed = true;
            }
        }
    }
    t.is_empty() || (t.chars().count() <= 4 && t.ends_with('中'))
}

/// A news-agency dateline after a name (新华社平壤4月21日电, 新华社布鲁塞尔2025年11月4日电): the agency filed the story, it is
/// not the speaker.
static RE_DATELINE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(&format!(r"^[^，。,]{{0,8}}?{}", super::ZH_DATELINE_DATE)).expect("valid"));

/// A bracketed gloss (（Rand Corporation）, (KCNA)).
static RE_PAREN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| regex::Regex::new(r"（[^（）]*）|\([^()]*\)").expect("valid"));

static RE_DATEISH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"[0-9]+\s*[年月日号]|[上下]午|晚上|当地时间|今年|去年|次日|同日|当天|翌日|[0-9]+").expect("valid")
});

/// Words after 和/与 X that make X the standard of a comparison (和美方差不多, 与中方一致).
const COMPARED: &[&str] = &["一样", "相同", "差不多", "类似", "相似", "一致", "相近", "不同", "不一样"];

const NOMINAL_BEFORE: &[&str] = &["的", "等", "之", "一些", "这些", "受到", "遭到", "其", "跟进", "进行", "被"];
/// A negation right before a cue (未确认, 并无对此加以证实, 拒绝公开评论): nothing was said.
static RE_NEGATION_BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:未|没有|并无|并未|尚未|暂未|无法|不|拒绝)(?:对此|就此)?(?:加以|予以|公开|正式)?$").expect("valid")
});
/// 应 opening a nominal invitation (崔龙海是应赵乐际邀请抵达…, 并将应邀): not 应该/应对/回应.
static RE_AT_INVITATION: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(?:^|[是将已曾并于也还，、\s\x{E000}])应[^该对当有]").expect("valid"));
const PREP_LEAD: &[char] = &['就', '对', '关', '针', '在', '为', '据'];

/// The person a bare 他/她 at `[a, b)` stands for when an earlier clause of its sentence opens
/// with one (特朗普之前幾次都對北韓去核化表示信心，他在1月6日說): that clause's subject, not
/// the last speaker of an earlier sentence.
fn sentence_subject(r: &Cx, s: &Sentence, a: usize, b: usize) -> Option<usize> {
    if !matches!(s.sh(a, b).as_str(), "他" | "她") {
        return None;
    }
    // (In the sentence's first clause, with no preposition right before it: 美国总统特朗普…)
    let first = s.entities.iter().find(|e| e.end <= a && super::is_person(r, e) && !inside_quotes(s, e.start))?;
    let first_clause = !(0..first.start).any(|i| super::is_clause_break(s.orig[i]));
    let governed = first.start > 0 && PREPS.contains(&s.orig[first.start - 1]);
    let after = s.sh(first.end, (first.end + 1).min(s.len()));
    (first_clause && !governed && after != "的" && !(first.end..a).any(|i| matches!(s.orig[i], '“' | '「'))).then_some(first.entity)
}

/// An unknown news outlet, with the place it filed from, as the subject of a report verb
/// (共同社北京, 韩国中央日报, 某电视台): its name ends in an outlet word.
static RE_OUTLET: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:据)?\p{Han}{0,10}(?:通讯社|新闻社|社|日报|时报|晚报|周刊|电视台|广播公司|电台|网站|新闻网)\p{Han}{0,3}$").expect("valid")
});

/// The press named by no outlet before a report cue: 媒体, 综合媒体, 多家外媒, 据外媒.
static RE_UNNAMED_MEDIA: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^(?:据|综合)?(?:多家|各|国际|海外|境外|外国|当地|西方)?(?:外媒|媒体|新闻媒体|传媒)$").expect("valid"));

/// A pronoun or a name made to do the cue by a causative verb (…是使他感到乐观的理由, 令美方
/// 表示担忧的是…): the cue is part of a description, nobody's statement. (Not the 使 of 大使
/// or 特使, nor the 令 of 司令, which end titles before a name; 迫使/促使 "forced, prompted"
/// him to do what he then did.)
static RE_CAUSED: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(?:^|[^大特公专密天信司指法迫促])(?:使|使得|令|让)$").expect("valid"));
/// The same, with the pronoun made to do it.
static RE_CAUSED_PRONOUN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:^|[^大特公专密天信司指法迫促])(?:使|使得|令|让)(?:他|她|他们|她们|我|我们|人们|人)$").expect("valid")
});

fn caused(s: &Sentence, before: &str, cue: usize) -> bool {
    RE_CAUSED_PRONOUN.is_match(before.trim_end())
        || s.entities.iter().any(|e| {
            let lead = s.sh(e.start.saturating_sub(3), e.start);
            e.end == cue && e.start > 0 && (RE_CAUSED.is_match(&lead) || RE_CAUSED_PRONOUN.is_match(&lead))
        })
}

/// Whether a state agency's, a body's or a country's speech cue only frames the next speaker's
/// words: its content's first clause is a named speaker (a person, a role or a body, not a bare
/// country) and that speaker's own speech cue (朝中社报道，…国际部长金成男说，…; 据朝鲜称，普京
/// 表示…). A person who tells what another said (金与正表示，岸田最近表示…) makes a statement
/// of their own, and an outlet's own report is kept or dropped whole by `--media-statements`.
fn frames_voice(r: &Cx, s: &Sentence, cue: &crate::reference::Hit<Term>, later: &[crate::reference::Hit<Term>], anaphora: &[crate::reference::Hit<Term>], speakers: &[usize]) -> bool {
    if s.lang == "en" || !opens_content(s, cue) || speakers.iter().any(|&sp| r.is_press(r.ent(sp)) || matches!(r.ent(sp).kind.as_str(), "person" | "role")) {
        return false;
    }
    let from = cue.end + 1;
    let Some(next) = later.iter().find(|n| n.start >= from && !inside_quotes(s, n.start)) else { return false };
    if next.item.role != "speech" || next.start - from > 40 || (from..next.start).any(|i| super::is_clause_break(s.orig[i])) {
        return false;
    }
    subjects(r, s, from, next.start, anaphora, false)
        .iter()
        .any(|c| matches!(c, Cand::Entity(e) if is_actor(r, e) && !bare_country(r, s, e) && !r.is_press(r.ent(e.entity)) && !r.is_state_media(r.ent(e.entity))))
}

/// A speech cue followed by ，/：/“ opens a content clause (说，中国外交部已经…).
fn opens_content(s: &Sentence, cue: &crate::reference::Hit<Term>) -> bool {
    cue.item.role == "speech"
        && s.orig[cue.end.min(s.len())..].iter().find(|c| !c.is_whitespace()).is_some_and(|c| matches!(c, '，' | '：' | ',' | ':' | '“' | '「'))
}

/// A region with gazetteer names and the prepositions before them removed (对中国进行 → 进行).
fn masked_region(s: &Sentence, a: usize, b: usize) -> String {
    let m: String = s.masked.chars().skip(a).take(b.saturating_sub(a)).collect();
    let mut out = String::new();
    let chars: Vec<char> = m.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == '\u{E000}' || (PREPS.contains(c) && chars.get(i + 1) == Some(&'\u{E000}')) {
            continue;
        }
        out.push(*c);
    }
    out
}

/// A clause whose subject the gazetteer does not know, told by the partner named after it
/// (克林顿政府与北韩协议): the zero subject of a later clause is that unknown one, so walking
/// back past it would hand the cue to an older subject.
fn unknown_partner_subject(s: &Sentence, a: usize, b: usize) -> bool {
    s.entities
        .iter()
        .filter(|e| e.start > a && e.end <= b)
        .find(|e| matches!(s.sh(e.start - 1, e.start).as_str(), "与" | "和" | "同" | "跟"))
        .is_some_and(|e| !empty_region(&masked_region(s, a, e.start - 1)))
}

/// Letters and digits from `t0` to the end of its clause.
fn clause_len(s: &Sentence, t0: usize) -> usize {
    let (_, cb) = clause_at(s, t0.min(s.len().saturating_sub(1)));
    s.orig[t0.min(s.len())..cb.max(t0).min(s.len())].iter().filter(|c| c.is_alphanumeric()).count()
}

/// Unnamed or unresolved speakers met while reading (for the run report).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unresolved {
    pub doc_id: String,
    pub cue: String,
    pub who: String,
}

/// What may follow a body's unnamed officials before their cue: a listener (对韩联社, 向记者)
/// or a time word (此前, 当天, 周三), or their information (官员消息指).
const UNNAMED_TAILS: &[&str] = &["对", "向", "此前", "曾", "也", "还", "日前", "近日", "当天", "今天", "昨天", "早些时候", "则", "在", "周", "星期", "上周", "本周", "早前", "稍早", "消息", "的消息"];

/// Reads the statements of one document.
pub fn extract(doc: &Annotated, r: &Reference) -> Vec<StatementRec> {
    extract_with_report(doc, r).0
}

/// A pair of one-character country short forms before a word of a meeting or a
/// relation (中美元首, 朝美峰会, 中朝关系).
static RE_SHORT_PAIR: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(\p{Han})(\p{Han})(?:两国)?(?:元首|首脑|领导人|峰会|会谈|会晤|关系)").expect("valid regex"));

/// The two countries of the last short-form pair before `before` in the sentence (中 is China;
/// the others come from `country_short.csv`); `group_members` also reads the sentence before.
fn short_pair(r: &Cx, s: &Sentence, before: usize) -> Option<Vec<usize>> {
    let text = s.sh(0, before.min(s.len()));
    let c = RE_SHORT_PAIR.captures_iter(&text).last()?;
    let one = |m: &str| -> Option<usize> {
        let ch = m.chars().next()?;
        if ch == '中' { r.country_index("CHN") } else { r.r.country_short.get(&ch).copied() }
    };
    let (a, b) = (one(&c[1])?, one(&c[2])?);
    (a != b).then(|| vec![a, b])
}

/// The members of a group named by one word (`both` rows of `anaphora.csv`): 双方 / "both
/// sides" (value empty) are the people named before `before` in the sentence, or else the first
/// two people named in the sentence before (…金正恩…应习近平邀请访华。报道称，双方表示…);
/// 三国 (value `3:country`) are the first three countries named there, a person standing for
/// their country; with nobody named in the sentence, a pair of country short forms in it or
/// in the sentence before (中美元首峰会…双方称) are the two countries. Fewer members than the word says: nobody (never a guess).
fn group_members(r: &Cx, s: &Sentence, prev: &[&Sentence], value: &str, before: usize) -> Vec<usize> {
    let (n, countries) = match value.split_once(':') {
        Some((n, k)) => (n.trim().parse::<usize>().unwrap_or(2), k.trim() == "country"),
        None => (2, false),
    };
    let member = |sent: &Sentence, e: &EntityHit| -> Option<usize> {
        if inside_quotes(sent, e.start) {
            return None;
        }
        if !countries {
            return super::is_person(r, e).then_some(e.entity);
        }
        let ent = r.ent(e.entity);
        match ent.kind.as_str() {
            "country" => Some(e.entity),
            "person" | "role" | "org" if !ent.country.is_empty() => r.country_index(&ent.country),
            _ => None,
        }
    };
    let mut here: Vec<usize> = Vec::new();
    for e in s.entities.iter().filter(|e| e.end <= before) {
        if let Some(x) = member(s, e) {
            if !here.contains(&x) {
                here.push(x);
            }
        }
    }
    if here.len() >= n || (!countries && here.len() >= 2) {
        return here;
    }
    // (中美元首峰会结束，双方称…: no people named, the two sides are the countries of a pair of
    // one-character short forms before a word of the meeting.)
    if here.is_empty() {
        if let Some(pair) = short_pair(r, s, before).or_else(|| prev.last().and_then(|p| short_pair(r, p, p.len()))) {
            return pair;
        }
    }
    // People: the first two of the sentence before. Countries: walking back sentence by
    // sentence until there are as many as the word says.
    let window = if countries { prev.len() } else { prev.len().min(1) };
    let mut there: Vec<usize> = Vec::new();
    for p in prev.iter().rev().take(window) {
        let mut these: Vec<usize> = Vec::new();
        for e in &p.entities {
            if let Some(x) = member(p, e) {
                if !these.contains(&x) && !there.contains(&x) {
                    these.push(x);
                }
            }
        }
        if !countries {
            these.truncate(n);
        }
        these.extend(there);
        there = these;
        if there.len() >= n {
            break;
        }
    }
    if there.len() == n || (!countries && there.len() >= n) {
        there.truncate(n);
        return there;
    }
    Vec::new()
}

/// A participle and a short time phrase after a document noun, before its "by X":
/// " released Thursday ", " published on May 3 ", " issued last week ".
pub(super) static RE_RELEASED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s+(?:released|published|issued|compiled|prepared|presented|put out|made public)(?:\s+(?:on|last|this|earlier|late|in))?(?:\s+[A-Z0-9][A-Za-z0-9]*\.?){0,2}(?:\s+(?:week|month|year))?\s+").expect("valid regex")
});

/// Between an actor and a statement noun: the actor issued it (白宫周二就会谈发表声明, 发出“白宫
/// 声明”, "The White House issued a statement", "the ministry's statement", "the panel’s 66-page
/// report").
static RE_ISSUED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"^(?:[^，。；！？,;]{0,10}?(?:发表|发出|发布|公布|宣读|通过)了?(?:一份|一项|一篇|的)?(?:新闻|书面|正式|官方)?|的|\s*(?:'s|’s)\s+(?:[a-z0-9-]+\s+){0,2}|\s+(?:[a-z]+\s+)?(?:issued|released|put out|published|read out|made|submitted|delivered|presented|unveiled)\s+(?:a|an|its|the)\s+(?:[a-z0-9-]+\s+){0,2}|\s+(?:said|says|announced|added)\s+in\s+(?:a|an|its)\s+(?:[a-z]+\s+)?)?[“"「]?$"#)
        .expect("valid regex")
});

/// The actor this sentence says issued a statement (the nouns of `anaphora.csv` rows with role
/// `issuer`): the nearest actor before the noun with only an issuing verb between, or the one
/// after "statement from/by". A joint statement (联合声明, "joint statement") has no one issuer:
/// an empty list, so a later 声明 names nobody; a letter's senders listed together are all its
/// issuers. `None` when the sentence names no statement.
pub(super) fn issuer_in(r: &Cx, s: &Sentence, nouns: &[String]) -> Option<Vec<usize>> {
    let text = s.sh(0, s.len());
    let mut found = None;
    for noun in nouns {
        for (bi, _) in text.match_indices(noun.as_str()) {
            let at = text[..bi].chars().count();
            let before = s.sh(at.saturating_sub(8), at);
            if before.ends_with("联合") || before.to_lowercase().ends_with("joint ") {
                found = Some(Vec::new());
                continue;
            }
            let by = s
                .entities
                .iter()
                .filter(|e| e.end <= at && is_actor(r, e))
                .filter(|e| RE_ISSUED.is_match(&s.sh(e.end, at)))
                .max_by_key(|e| e.end)
                .map(|e| e.entity);
            let after = s.sh(at + noun.chars().count(), (at + noun.chars().count() + 50).min(s.len()));
            // "a statement from X", "a report released Thursday by X".
            let tail = RE_RELEASED.find(&after).map(|m| &after[m.end()..]).unwrap_or(after.trim_start());
            let from = ["from ", "by "].iter().find_map(|p| tail.strip_prefix(p)).and_then(|rest| {
                let skip = rest.strip_prefix("the ").unwrap_or(rest);
                let start = at + noun.chars().count() + (after.chars().count() - skip.chars().count());
                s.entities.iter().find(|e| e.start == start && is_actor(r, e)).map(|e| e.entity)
            });
            // 7国集团…计划向中国致函 / 史密斯、默克利致函给…: a letter is its sender's, the
            // first actor of the clause that sends it (not one it is sent to: 向/给/对 X).
            // (A person first: 美国国会中国执行委员会主席史密斯 is Smith, the body is his title; and
            // never the news agency that reports the letter: 路透社报道-7国集团…致函.)
            let sending = s.sh(at.saturating_sub(1), at).ends_with(['致', '发', '写', '去', '来']) || s.sh(at.saturating_sub(8), at).ends_with("sent a ") || s.sh(at.saturating_sub(9), at).ends_with("wrote a ");
            let sent = sending
                .then(|| {
                    let (ca, _) = clause_at(s, at);
                    let senders: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= ca && e.end <= at && is_actor(r, e) && !r.is_press(r.ent(e.entity)) && !(e.start > 0 && matches!(s.orig[e.start - 1], '向' | '给' | '給' | '对' | '對' | '致'))).collect();
                    let first = senders.iter().position(|e| is_person(r, e)).or((!senders.is_empty()).then_some(0))?;
                    // (Senders listed together sign together: 史密斯（Chris Smith）、民主党籍参议员
                    // 默克利（Jeff Merkley）致函; a title may open each name after the first.)
                    let mut joint = vec![senders[first].entity];
                    let mut last = senders[first];
                    for e in &senders[first + 1..] {
                        let gap = RE_PAREN.replace_all(&s.sh(last.end, e.start), "").to_string();
                        let listed = gap.starts_with(['、', '和', '与', '與', '及']) && gap.chars().count() <= 15 && !gap.contains(['，', ',']);
                        if !listed || !is_person(r, e) {
                            break;
                        }
                        if !joint.contains(&e.entity) {
                            joint.push(e.entity);
                        }
                        last = e;
                    }
                    Some(joint)
                })
                .flatten();
            if let Some(x) = by.or(from) {
                found = Some(vec![x]);
            } else if let Some(x) = sent {
                found = Some(x);
            } else if sending {
                // (A letter from someone the text does not name as an actor: no issuer known.)
                found = Some(Vec::new());
            }
        }
    }
    found
}

/// Reads the statements of one document, and lists cues whose speaker is not in the gazetteer.
pub fn extract_with_report(doc: &Annotated, r: &Reference) -> (Vec<StatementRec>, Vec<Unresolved>) {
    let r = &Cx::new(r, doc);
    let mut out: Vec<StatementRec> = Vec::new();
    let mut unresolved: Vec<Unresolved> = Vec::new();
    let mut prev_speakers: Vec<usize> = Vec::new();
    let mut occasion = Occasions::default();
    let mut last_person: Option<usize> = None;
    // The last news outlet that reported: 报道又称 ("the report also said") is its words.
    let mut last_press: Option<usize> = None;
    // Who issued the last statement named as such (白宫发表声明): 声明表示 / "the statement said".
    let mut last_issuer: Vec<usize> = Vec::new();
    // The people of the last statement made by two or more of them, and its sentence: 他们 (the
    // `group` anaphor) within `GROUP_SENTENCES` after it.
    let mut last_group: Option<(Vec<usize>, usize)> = None;
    let issuer_nouns: Vec<String> = {
        let mut v: Vec<String> = r.anaphora.terms().filter(|t| t.role == "issuer").map(|t| t.value.clone()).filter(|v| !v.is_empty()).collect();
        v.sort();
        v.dedup();
        v
    };
    let doc_id = doc.cleaned.doc.doc_id.clone();
    let text = &doc.cleaned.text.chars;
    let mut paragraph_speech = false;
    // The speakers of the last statement in this paragraph: a cue with no subject goes on with
    // them (…。报道还称), never with a speaker of an earlier paragraph.
    let mut para_speakers: Vec<usize> = Vec::new();
    let mut prev_end = 0usize;
    let mut en_state = super::statements_en::State::default();
    // Headlines and section heads restate the body's statements (a dated "Related" item's
    // headline is that item's only text, so it stays).
    let body: Vec<&Sentence> = doc.sentences.iter().filter(|s| !s.apparatus && !s.caption && (!s.is_heading || s.item_date.is_some())).collect();
    // An English story that never uses double quotation marks quotes with single ones ('…,'
    // she said): its sentences are read with those marks as double ones, and the rows they
    // give get the marks back as written.
    let single_quoted = body.iter().any(|s| s.lang == "en") && !body.iter().any(|s| s.lang == "en" && s.orig.iter().any(|c| matches!(c, '"' | '“' | '”')));
    for (si, &s) in body.iter().enumerate() {
        if super::headline(doc, &body, si) {
            continue;
        }
        // The sentences before this one (at most three, nearest last), for group words (三国).
        let prev_sentence: &[&Sentence] = &body[si.saturating_sub(3)..si];
        let new_paragraph = text[prev_end.min(s.start)..s.start].contains(&'\n');
        if new_paragraph {
            paragraph_speech = false;
            para_speakers.clear();
        }
        prev_end = s.end;
        let mut cues: Vec<_> = terms(&r.cues, s).into_iter().filter(|h| h.item.role != "block").collect();
        if s.lang == "en" {
            let requoted = if single_quoted { super::statements_en::with_double_quotes(s) } else { None };
            // "called the visit \"a new chapter\"": naming something in quoted words is a
            // statement (the verb alone is not: "a city called X", "called off").
            let text: String = requoted.as_ref().unwrap_or(s).orig.iter().collect();
            for m in RE_CALLED_QUOTE.captures_iter(&text).filter_map(|c| c.get(1)) {
                let lead = text[..m.start()].trim_end();
                let passive = ["was", "is", "were", "are", "be", "been", "so-"].iter().any(|w| lead.ends_with(w));
                let start = text[..m.start()].chars().count();
                if !passive && !cues.iter().any(|h| h.start < start + m.as_str().chars().count() && h.end > start) {
                    cues.push(crate::reference::Hit { start, end: start + m.as_str().chars().count(), item: &CALLED });
                }
            }
            cues.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
            en_state.last_issuer = last_issuer.first().copied();
            let first_row = out.len();
            super::statements_en::sentence(doc, r, requoted.as_ref().unwrap_or(s), body.get(si + 1).copied(), &mut en_state, &cues, &mut out, &mut unresolved);
            if requoted.is_some() {
                for row in &mut out[first_row..] {
                    row.text = row.text.chars().map(|c| match c { '"' => '\'', '“' => '‘', '”' => '’', c => c }).collect();
                }
            }
            last_issuer = issuer_in(r, s, &issuer_nouns).unwrap_or(last_issuer);
            continue;
        }
        let anaphora = terms(&r.anaphora, s);
        let mut speech_open = false;
        // An act cue took someone as its object (要求美国与盟国合作，…): a later act with no
        // subject of its own (…，在联合国提出这些担忧) is that one's, inside the demand.
        let mut pivot_open = false;
        let mut sentence_prev: Vec<usize> = Vec::new();
        let mut said_here = false;
        let mut accepted_ends: Vec<usize> = Vec::new();
        // The content spans of this sentence's statements: a cue inside one is nested speech.
        let mut content_spans: Vec<(usize, usize)> = Vec::new();
        // Where a bracketed byline ((本网记者X报道)) ends: its reporter is no later cue's subject.
        let mut byline_end = 0usize;
        // Set once a speech cue opens a content clause (see `opens_content`).
        let mut content_clause = false;
        // The content was opened by the press (韩联社报道，…): a government or body named as the
        // subject of a cue inside it (…，南韩政府证实，…) is a statement the outlet relays.
        let mut content_by_press = false;
        for (ci, cue) in cues.iter().enumerate() {
            if inside_quotes(s, cue.start) {
                continue;
            }
            let (ca, _) = clause_at(s, cue.start);
            let before = s.sh(ca, cue.start);
            // A nominal invitation (应X邀请), a noun use (…的指责, 等请求) or a negated verb (未确认).
            // (接受X邀请: an invitation accepted is X's noun, not the subject's words.)
            if cue.item.role == "act" && s.sh(cue.start, cue.end) == "邀请" {
                let invited_by = s.entities.iter().any(|e| e.start > ca && e.end <= cue.start && (s.sh(e.start - 1, e.start) == "应" || s.sh(e.start.saturating_sub(2), e.start) == "接受"));
                // (On the masked text, a name may stand right before 应: 金正恩应中共总书记习近平邀请.)
                let before_masked: String = s.masked.chars().skip(ca).take(cue.start - ca).collect();
                if invited_by || RE_AT_INVITATION.is_match(before_masked.trim_start()) {
                    continue;
                }
            }
            // A byline in brackets ends with its verb ((本报记者X报道) …): the reporter's credit
            // for the article, not a statement by the reporter.
            let head = s.sh(0, cue.start);
            let bracketed = head.rfind(['（', '(']).is_some_and(|o| !head[o..].contains(['）', ')']));
            if bracketed && s.orig.get(cue.end).is_some_and(|c| matches!(c, '）' | ')')) {
                byline_end = cue.end + 1;
                continue;
            }
            // A compilation credit (【某报讯】综合新华社、越通社报道：): the article is put together
            // from those reports, it does not relay one of them.
            let credit = head.rsplit(['】', ']', '）', ')']).next().unwrap_or(&head).trim_start();
            if credit.starts_with("综合") && credit.chars().count() <= 40 && s.sh(cue.start, cue.end).starts_with("报道") {
                byline_end = cue.end;
                continue;
            }
            let colon_after = s.orig.get(cue.end).is_some_and(|c| matches!(c, '：' | ':'));
            // 据X的数据显示: read from 据.
            if data_cue(cue) && cues[..ci].iter().any(|p| p.item.role == "according" && p.start >= ca) {
                continue;
            }
            // A cue glued to the next one is a noun before the verb (分析认为, 报道称).
            if cues.get(ci + 1).is_some_and(|n| n.start == cue.end) {
                continue;
            }
            if s.lang != "en"
                && ((NOMINAL_BEFORE.iter().any(|w| before.ends_with(w)) && !colon_after && !data_cue(cue))
                    || RE_NEGATION_BEFORE.is_match(&before)
                    || caused(s, &before, cue.start))
            {
                continue;
            }
            // The region of this cue's subject starts after the previous statement's cue in the
            // clause (not after a noun use, and not after a cue it is glued to: 分析认为).
            let prev_cue_end = accepted_ends.iter().rev().find(|&&e| e <= cue.start && e > ca && e < cue.start).copied();
            let mut region_start = if cue.item.role == "according" { cue.end } else { prev_cue_end.unwrap_or(ca).max(byline_end.min(cue.start)) };
            // A dateline ("BEIJING, Sept. 4 (Xinhua) --") is not part of the subject.
            if let Some(d) = s.sh(region_start, cue.start).rfind("--") {
                region_start += s.sh(region_start, cue.start)[..d].chars().count() + 2;
            }
            let region_end = if cue.item.role == "according" {
                // 据 X …：the subject follows the cue; another cue verb in the clause takes over.
                let (_, cend) = clause_at(s, cue.end);
                // (据X的报告显示: the data cue belongs to the source's phrase.)
                if cues.iter().skip(ci + 1).any(|c2| c2.start < cend && !data_cue(c2)) {
                    continue;
                }
                cend
            } else {
                cue.start
            };
            if cue.item.role != "according" {
                // "…报道援引研究员赵通的话说": the outlet's report verb only introduces the quote;
                // the person quoted after 援引/引述 is the speaker of the next cue.
                let after_cue = s.sh(cue.end, s.len());
                let after_cue = after_cue.trim_start_matches(['了', '中', '还', '也', '又', '，']);
                if QUOTING.iter().any(|q| after_cue.starts_with(q)) {
                    continue;
                }
                let lead = s.sh(region_start, region_end);
                if let Some(qend) = QUOTING
                    .iter()
                    .filter_map(|q| lead.rfind(q).map(|p| lead[..p].chars().count() + q.chars().count()))
                    .max()
                {
                    let qend = region_start + qend;
                    // A person, or a body or government side (引述南韩政府报道), not a bare country.
                    // So are a body's unnamed officials (引述美国国务院官员指, 某报引述日本政府相关
                    // 人士表示): the speaker is then nobody named, not whoever quoted them.
                    let body_speaks = |e: &EntityHit| {
                        let tail = s.sh(e.end, region_end);
                        let tail = tail.trim();
                        let unnamed = r.names.unnamed.find_str(tail).first().is_some_and(|h| h.start <= 2);
                        is_actor(r, e) && !bare_country(r, s, e) && (["", "的", "消息", "的消息", "声明", "的声明", "报告", "的报告"].contains(&tail) || unnamed)
                    };
                    if s.entities.iter().any(|e| e.start >= qend && e.end <= region_end && (super::is_person(r, e) || body_speaks(e))) {
                        region_start = qend;
                    }
                }
            }
            let own = subjects(r, s, region_start, region_end, &anaphora, false);
            if cue.item.role == "according" && own.is_empty() {
                continue;
            }
            let region = s.sh(region_start, region_end);
            let coordinated = ["并", "也", "还", "又", "甚至", "同时", "更", "随后", "另外", "并且", "亦"]
                .iter()
                .any(|w| region.trim_start().starts_with(w) || region.trim_end().ends_with(w))
                || region.trim_start().starts_with("and ");
            let mut speakers: Vec<usize> = Vec::new();
            if !own.is_empty() {
                // Inside reported content, a country named as subject is part of what was said.
                let nested_country = (speech_open || paragraph_speech)
                    && own.iter().all(|c| matches!(c, Cand::Entity(e) if r.ent(e.entity).kind == "country"));
                // "…，不过X指出": a contrast ends the reported content; X speaks for itself.
                // (So does one after 而 "whereas": …，而中國表示…; not 而且 "moreover".)
                let contrast = ["不过", "但是", "但", "然而", "可是", "而"].iter().any(|w| region.trim_start().starts_with(w))
                    && !region.trim_start().starts_with("而且");
                if nested_country && content_clause && !content_by_press && !contrast {
                    continue;
                }
                // Inside reported content only a person's act is a new statement (nested
                // attribution); a body "提出交涉" there is part of what was said.
                let nested_body = content_clause
                    && !content_by_press
                    && !contrast
                    && !coordinated
                    && own.iter().all(|c| matches!(c, Cand::Entity(e) if !matches!(r.ent(e.entity).kind.as_str(), "person" | "role")));
                if nested_body {
                    continue;
                }
                // 韩国外交部官员说: a body's unnamed officials (the body, then only a word for
                // unnamed people before the cue) are no named speaker.
                // (A listener or a time word may stand between them and the cue: 韩国统一部一名
                // 官员对韩联社表示, 俄方官员此前表示; a listener named there is not the body.)
                let listener = |e: &EntityHit| e.start > 0 && matches!(s.sh(e.start - 1, e.start).as_str(), "对" | "向");
                let unnamed_of_body = own.iter().rev().find(|c| !matches!(c, Cand::Entity(e) if listener(e))).is_some_and(|c| match c {
                    Cand::Entity(e) if !super::is_person(r, e) && e.end <= region_end => {
                        let rest = s.sh(e.end, region_end);
                        let rest = rest.trim();
                        let n = rest.chars().count();
                        n > 0
                            && r.names.unnamed.find_str(rest).iter().any(|h| {
                                let tail: String = rest.chars().skip(h.end).collect();
                                let tail_ok = tail.is_empty() || (tail.chars().count() <= 12 && UNNAMED_TAILS.iter().any(|w| tail.starts_with(w)));
                                tail_ok && rest.chars().take(h.start).all(|c| "一名位些的高级资深".contains(c))
                            })
                    }
                    _ => false,
                });
                if unnamed_of_body {
                    unresolved.push(Unresolved { doc_id: doc_id.clone(), cue: s.text(cue.start, cue.end), who: crate::tables::trunc(region.trim(), 40) });
                    speech_open |= cue.item.role == "speech";
                    continue;
                }
                for c in &own {
                    match c {
                        Cand::Entity(e) => speakers.push(e.entity),
                        Cand::Anaphor { role, value, start, end } => match role.as_str() {
                            // (他 after a clause whose subject is a person of this sentence is
                            // that person: 特朗普之前幾次都…表示信心，他在1月6日說.)
                            "person" => speakers.extend(if said_here { None } else { sentence_subject(r, s, *start, *end) }.or(last_person)),
                            "previous" => speakers.extend(prev_speakers.iter().copied()),
                            "report" => speakers.extend(last_press),
                            "issuer" => speakers.extend(last_issuer.iter().copied()),
                            "group" => speakers.extend_from_slice(recent_group(&last_group, si)),
                            "both" => {
                                for x in group_members(r, s, prev_sentence, value, cue.start) {
                                    if !speakers.contains(&x) {
                                        speakers.push(x);
                                    }
                                }
                            }
                            _ => {}
                        },
                    }
                }
            } else if coordinated && !sentence_prev.is_empty() {
                // 并呼吁, 并称: the same speakers as the statement before it in the sentence.
                speakers = sentence_prev.clone();
            } else {
                let lead_prep = region.trim_start().starts_with(PREP_LEAD);
                // 据美国传媒报道: unnamed media (a country's, or none) framing a report speak for
                // no one, and do not hand the cue to an earlier subject.
                if region.trim_start().starts_with('据') && RE_UNNAMED_MEDIA.is_match(masked_region(s, region_start, region_end).trim()) {
                    continue;
                }
                let has_content = s.orig[cue.end.min(s.len())..].iter().any(|c| c.is_alphanumeric());
                if !lead_prep && !coordinated && !empty_region(&masked_region(s, region_start, region_end)) {
                    if !has_content {
                        continue; // a heading such as 相关报道： says nothing
                    }
                    // Somebody the gazetteer does not know (专家, 分析人士, 部分外媒).
                    unresolved.push(Unresolved {
                        doc_id: doc_id.clone(),
                        cue: s.text(cue.start, cue.end),
                        who: crate::tables::trunc(region.trim(), 40),
                    });
                    // The press reporting without a name (综合媒体报导，X致函…，呼吁…) only frames
                    // the story, as 据报道 does: who acts inside it still speaks.
                    let media_frame = s.sh(cue.start, cue.end).starts_with('报') && RE_UNNAMED_MEDIA.is_match(region.trim());
                    // What an unnamed speaker says is still reported content: a bare cue inside
                    // it is not a statement of its own.
                    speech_open |= cue.item.role == "speech" && !media_frame;
                    // …and a body named inside it (分析人士说，…应由外交部出面宣布) is what was said.
                    // (Unless the unknown one is a news outlet framing the story (共同社北京
                    // 报道，中国外交部周五说): a body named as the subject there speaks.)
                    if opens_content(s, cue) && !content_clause {
                        content_clause = true;
                        content_by_press = s.sh(cue.start, cue.end).starts_with('报') && RE_OUTLET.is_match(region.trim()) || media_frame;
                    }
                    continue;
                }
                if (speech_open || (paragraph_speech && ca == 0 && region.trim().is_empty())) && !coordinated {
                    continue; // a verb inside reported content
                }
                if pivot_open && cue.item.role == "act" && !coordinated {
                    continue; // the demanded act of the one asked
                }
                // Zero subject: the subject of the nearest earlier clause in the sentence.
                let mut walked_to_content = false;
                let mut p = ca;
                while p > 0 {
                    let (pa, _) = clause_at(s, p - 1);
                    let stop = cues.iter().find(|c2| c2.start >= pa && c2.start < p).map(|c2| c2.start).unwrap_or(p - 1);
                    // An English appositive (", a former White House official,") is not a subject.
                    let clause = s.sh(pa, stop);
                    let ct = clause.trim_start();
                    // Any clause opening with a lower-case word other than a pronoun ("of the Centre
                    // for …", "who served as …") is an apposition too.
                    let lower_open = ct.chars().next().is_some_and(|c| c.is_lowercase())
                        && !["he ", "she ", "they ", "it ", "we ", "and "].iter().any(|p| ct.starts_with(p));
                    if s.lang == "en" && lower_open && pa > 0 {
                        p = pa;
                        continue;
                    }
                    let subj = subjects(r, s, pa, stop, &anaphora, true);
                    if subj.is_empty() && unknown_partner_subject(s, pa, stop) {
                        break;
                    }
                    // …南韩及美国政府官员，表示…: the earlier clause ends in a word for unnamed
                    // people after its bodies: nobody named speaks.
                    let last_end = subj.iter().map(|c| c.span().1).max().unwrap_or(stop);
                    let tail = s.sh(last_end, stop);
                    let tail = tail.trim();
                    if !subj.is_empty() && s.lang != "en" && !tail.is_empty() && r.names.unnamed.find_str(tail).iter().any(|h| h.end == tail.chars().count()) {
                        unresolved.push(Unresolved { doc_id: doc_id.clone(), cue: s.text(cue.start, cue.end), who: crate::tables::trunc(s.sh(pa, stop).trim(), 40) });
                        walked_to_content = true;
                        break;
                    }
                    let subj_written: Vec<String> = subj
                        .iter()
                        .map(|c| {
                            let (a, b) = c.span();
                            s.sh(a, b)
                        })
                        .collect();
                    if !subj.is_empty() {
                        for c in subj {
                            match c {
                                Cand::Entity(e) => speakers.push(e.entity),
                                Cand::Anaphor { role, .. } if role == "person" => speakers.extend(last_person),
                                Cand::Anaphor { role, .. } if role == "previous" => speakers.extend(prev_speakers.iter().copied()),
                                Cand::Anaphor { role, .. } if role == "issuer" => speakers.extend(last_issuer.iter().copied()),
                                Cand::Anaphor { role, .. } if role == "group" => speakers.extend_from_slice(recent_group(&last_group, si)),
                                Cand::Anaphor { role, value, .. } if role == "both" => {
                                    for x in group_members(r, s, prev_sentence, &value, pa) {
                                        if !speakers.contains(&x) {
                                            speakers.push(x);
                                        }
                                    }
                                }
                                _ => {}
                            }
                        }
                        // Inside reported content, a country found this way (朝方, 中国) is part of
                        // what was said; a named government (中国政府) is the narrator's subject.
                        let narrative = subj_written.iter().any(|w| w.ends_with("政府") || w.ends_with("当局"));
                        if (speech_open || paragraph_speech) && !narrative && speakers.iter().all(|&x| r.ent(x).kind == "country") {
                            speakers.clear();
                            walked_to_content = true;
                        }
                        break;
                    }
                    p = pa;
                }
                // Nothing in this sentence names anybody before the cue: the narrative goes on
                // with the previous speakers (…言论。”，并称“…”; 最后还对中国进行讽刺：…).
                let nobody_before = empty_region(&masked_region(s, 0, cue.start));
                if speakers.is_empty() && !walked_to_content {
                    if !sentence_prev.is_empty() && coordinated {
                        speakers = sentence_prev.clone();
                    } else if ca == 0 || nobody_before {
                        speakers = para_speakers.clone();
                    }
                }
            }
            r.capitals_as_countries(&mut speakers);
            speakers.dedup();
            if speakers.is_empty() {
                continue;
            }
            // 朝中社报道，金成男说，…: a report whose content opens with another speaker's cue
            // only frames that speaker's words (see `frames_voice`); the row is the speaker's,
            // and a body speaking inside the frame (…，外务省发言人表示) speaks for itself.
            if frames_voice(r, s, cue, &cues[ci + 1..], &anaphora, &speakers) {
                content_clause = true;
                content_by_press = true;
                speech_open = true;
                paragraph_speech = true;
                accepted_ends.push(cue.end);
                continue;
            }
            // Text: the content after the cue; before it when the cue closes the sentence
            // (English "…, Xi said.") or takes only a short object (表示遗憾).
            let mut t0 = cue.end;
            while t0 < s.len() && LEADING.contains(&s.orig[t0]) {
                t0 += 1;
            }
            if s.lang == "en" && s.sh(t0, (t0 + 5).min(s.len())) == "that " {
                t0 += 5;
            }
            let after_len = s.orig[t0.min(s.len())..].iter().filter(|c| c.is_alphanumeric()).count();
            // "“……，”贝克托尔周一在接受采访时说。": the quotation before the subject is what was said.
            let subj_start = own.first().map(|c| c.span().0).unwrap_or(ca);
            // (“……。”罗素说，“……。”: a quotation split by its speaker goes on after the cue.)
            let continued = s.lang != "en" && after_len > 0 && t0 > 0 && matches!(s.orig[t0 - 1], '“' | '「') && cue.item.role == "speech";
            // (Or a listener, then the quotation going on: “……。”宋仲平告诉《南华早报》，“……。”)
            let told_on = s.lang != "en" && cue.item.value == "addressee" && {
                let rest = s.sh(cue.end, (cue.end + 16).min(s.len()));
                rest.find(['，', ',', '：']).is_some_and(|i| rest[i..].chars().nth(1).is_some_and(|c| matches!(c, '“' | '「')))
            };
            let quote_before = if (after_len == 0 || continued || told_on) && s.lang != "en" {
                let lead = s.sh(0, subj_start);
                let t = lead.trim_end();
                // (The speaker's title may stand between: “……。”国防部发言人X说.)
                let close = t.char_indices().rev().find(|(_, c)| matches!(c, '”' | '」' | '"')).map(|(i, c)| i + c.len_utf8());
                let titled = close.is_some_and(|k| !t[k..].chars().any(|c| crate::clean::linebreak::is_cjk_punct(c) || c.is_ascii_punctuation()));
                (t.starts_with(['“', '「', '"']) && titled).then(|| t[..close.unwrap_or(t.len())].chars().count())
            } else {
                None
            };
            if after_len == 0 && cue.item.role == "speech" && s.lang != "en" && quote_before.is_none() {
                continue; // nothing was said (并随时跟进报道)
            }
            let starts_that = s.lang == "en" && t0 >= 5 && s.sh(t0 - 5, t0) == "that ";
            if cue.item.role == "according" {
                // "According to KCNA, …" / 据新华社报道，…: the content follows the source.
                t0 = own.last().map(|c| c.span().1).unwrap_or(t0);
                // 据越南外交部消息，… / 据X的报告，…: the report noun belongs to the source.
                // 据美国情报显示，…: so is the verb that introduces the content.
                let rest = s.sh(t0, s.len());
                let mut rest = rest.strip_prefix('的').unwrap_or(&rest);
                if let Some(n) = REPORT_NOUNS.iter().find(|n| rest.starts_with(**n)) {
                    rest = &rest[n.len()..];
                }
                let verb = ACCORDING_VERBS.iter().find(|n| rest.starts_with(**n));
                if let Some(n) = verb {
                    rest = &rest[n.len()..];
                }
                if verb.is_some() || rest.starts_with(['，', ',', '：']) {
                    t0 = s.len() - rest.chars().count();
                }
                while t0 < s.len() && LEADING.contains(&s.orig[t0]) {
                    t0 += 1;
                }
            }
            let (ta, tb) = if let Some(q) = quote_before {
                (0, q)
            } else if cue.item.value == "addressee" {
                // 告诉美国之音，莫斯科…: the listener, then the content.
                match (cue.end..s.len()).find(|&i| matches!(s.orig[i], '，' | '：' | ',' | ':')) {
                    Some(i) if i <= cue.end + 12 => (i + 1, s.len()),
                    _ => continue,
                }
            } else if s.lang != "en" && ["但", "不过", "不過", "然而", "却", "卻"].iter().any(|w| s.sh(t0, (t0 + 2).min(s.len())).starts_with(w)) && s.sh(0, subj_start).trim_end().ends_with(['，', ',']) && cue.item.role == "speech" {
                // "……，该社说，但没有公布细节": what follows the cue is the writer's own clause;
                // what was said came before the speaker.
                (byline_end.min(subj_start), s.sh(0, subj_start).trim_end().chars().count() - 1)
            } else if starts_that || cue.item.role == "according" {
                (t0, s.len())
            } else if s.lang == "en" && after_len < 20 && ca > 0 {
                (0, ca)
            } else if s.lang == "en" && ca > 0 {
                (0, s.len())
            } else if s.lang != "en" && cue.item.role == "act" && cues.get(ci + 1).is_some_and(|n| n.start >= cue.end && n.start <= t0 + 1) {
                // 对此表示感谢，称…: the next cue opens its own content; this act's content is
                // the act itself.
                (own.last().map(|c| c.span().1).unwrap_or(ca), cue.end)
            } else if s.lang != "en" && (after_len < 5 || clause_len(s, t0) < 5) && !s.orig[cue.end..t0].iter().any(|c| matches!(c, '：' | ':') || cue.item.role == "speech" && matches!(c, '“' | '「' | '"')) {
                // (Not after a colon, nor a verb of speech before an opening quote: 说：“此时此刻，
                // …” quotes the words however short their first clause; 感到“无比遗憾” is an
                // act's short object.)
                let mut subj_end = own.last().map(|c| c.span().1).unwrap_or(ca);
                // (A Latin gloss of the name belongs to the subject: 黄俊国（Joonkook Hwang）
                // 表示遗憾.)
                let gap = s.sh(subj_end, cue.start);
                if gap.starts_with(['（', '(']) && gap.ends_with(['）', ')']) && !gap[1..].contains(['（', '(']) {
                    subj_end = cue.start;
                }
                (subj_end, s.len())
            } else {
                (t0, s.len())
            };
            // 一、…；二、…: an enumerated item ends where the next one begins.
            let tb = (ta..tb).find(|&i| matches!(s.orig[i], '；' | ';') && RE_ENUM.is_match(&s.sh(i + 1, (i + 6).min(s.len())))).unwrap_or(tb);
            let mut text = s.text(ta, tb).trim().trim_end_matches([',', '，']).trim().to_string();
            // 金正恩同志对…表示: the honorific after the name belongs to the speaker.
            // (So does 方面 or 当局 after a country: 北韓方面並重申.)
            for h in ["同志", "先生", "女士", "阁下", "閣下", "方面", "当局", "當局"] {
                if let Some(rest) = text.strip_prefix(h) {
                    text = rest.trim_start().to_string();
                }
            }
            // 由北韓方面提出。: the cue alone, nothing said.
            if s.lang != "en" && text.trim_end_matches(['。', '.', '，', ',', '！', '？', '」', '”']) == s.text(cue.start, cue.end) {
                continue;
            }
            // 朝中社则批评此行“挑衅”: nor does an adverb between the speaker and the cue belong
            // to what was said (a short object keeps its cue: 批评此行“挑衅”).
            if s.lang != "en" && ta < cue.start {
                while let Some(h) = r.names.links.find_str(&r.script.simplify(&text)).into_iter().find(|h| h.start == 0 && h.item.role == "adverb") {
                    text = text.chars().skip(h.end).collect::<String>().trim_start().to_string();
                }
            }
            // 重申了中方的立场: the aspect particle after the cue is not what was said; nor is
            // the cue itself when the words start at it (他表示，…).
            if s.lang != "en" {
                if ta == cue.start {
                    let cue_words = s.text(cue.start, cue.end);
                    // (Only before a pause or a quotation: 批评中国 keeps its object's verb.)
                    if let Some(rest) = text.strip_prefix(cue_words.as_str()).filter(|r| r.starts_with([',', '，', ':', '：', '“', '「', '"'])) {
                        text = rest.trim_start_matches([',', '，', ':', '：', ' ']).to_string();
                    }
                }
                if ta >= cue.end && text.starts_with('了') && text.chars().count() > 3 {
                    text = text.chars().skip(1).collect();
                }
            }
            if quote_before.is_some() {
                // “……，” → “……”
                text = text.replace("，”", "”").replace("，」", "」");
                if continued {
                    text.push_str(s.text(t0 - 1, s.len()).trim());
                } else if told_on {
                    if let Some(open) = (cue.end..s.len()).find(|&i| matches!(s.orig[i], '“' | '「')) {
                        text.push_str(s.text(open, s.len()).trim());
                    }
                }
            }
            // The words of a quotation opened before the text (说：“……”) end with its closing
            // mark: an unmatched closing mark is not part of what was said.
            for (open, close) in [('“', '”'), ('「', '」'), ('『', '』')] {
                if text.ends_with(close) && !text.contains(open) {
                    text.pop();
                }
            }
            if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            let (date, end, explicit) = date_outside(s, cue.start, (ta, tb));
            // No date of its own: the publication date (of the article or its dated item), never
            // a year another paragraph was about; in an undated chronology, the running context.
            // 访问期间，X表示 / "during the visit, X said": said on some day of the visit just
            // told (the running date), so its month.
            let during = !explicit
                && s.context.is_some_and(|c| c.p >= Precision::Month)
                && {
                    let l = s.shadow.to_lowercase();
                    DURING_VISIT.iter().any(|w| l.find(w).is_some_and(|i| l[..i].chars().count() < cue.start))
                };
            // The same speakers' day a sentence or two before: the same occasion.
            let carried = occasion.carried(&speakers, si, date);
            let date = if during {
                s.context.map(|c| c.coarsen(Precision::Month))
            } else if explicit {
                date
            } else if carried.is_some() {
                carried
            } else {
                super::undated_event(doc, s, date, true)
            };
            // (A voice quoted inside the last statement's words does not end its occasion.)
            let nested = content_spans.iter().any(|&(a, b)| cue.start >= a && cue.start < b);
            content_spans.push((ta, tb));
            if !nested {
                occasion.note(&speakers, date, explicit || carried.is_some(), si);
            }
            let date = match (date, end) {
                (Some(d), Some(_)) if d.p == Precision::Day => Some(d.coarsen(Precision::Month)),
                _ => date,
            };
            let topics = {
                let mut v: Vec<String> = r.topics.find_str(&r.script.simplify(&text)).into_iter().map(|h| h.item.value.clone()).collect();
                v.sort();
                v.dedup();
                v
            };
            let cue_text = s.text(cue.start, cue.end);
            let direct = text.starts_with(['“', '"', '「', '『', '‘'])
                || s.orig.get(t0.wrapping_sub(1)).is_some_and(|c| matches!(c, '“' | '"' | '「'));
            let ev_start = own.first().map(|c| c.span().0).unwrap_or(ca).min(cue.start).min(ta);
            for &sp in &speakers {
                out.push(StatementRec {
                    doc_id: doc_id.clone(),
                    speaker: r.ent(sp).clone(),
                    cue: cue_text.clone(),
                    text: trunc(&text, 2000),
                    date,
                    language: s.lang.to_string(),
                    is_direct_quote: direct,
                    topics: topics.clone(),
                    evidence: evidence(doc, s, ev_start, tb.max(cue.end), &format!("statement:{}", cue.item.role)),
                    pos: s.start + cue.start,
                });
            }
            said_here = true;
            accepted_ends.push(cue.end);
            if opens_content(s, cue) && !content_clause {
                content_clause = true;
                content_by_press = !speakers.is_empty() && speakers.iter().all(|&sp| r.is_press(r.ent(sp)));
            }
            if cue.item.role == "speech" {
                speech_open = true;
                paragraph_speech = true;
            } else if !speakers.iter().any(|&sp| r.is_press(r.ent(sp))) {
                // (共同社首尔5月21日报道，X和Y同意…，谴责…: inside reported content, a speaker's
                // own act is the clause chain's subject now; a verb after it with no subject is
                // theirs, not part of what was reported.)
                speech_open = false;
            }
            if cue.item.value == "jussive" && s.lang != "en" && s.entities.iter().any(|e| e.start == cue.end && is_actor(r, e)) {
                pivot_open = true;
            }
            for &sp in &speakers {
                if matches!(r.ent(sp).kind.as_str(), "person" | "role") {
                    last_person = Some(sp);
                }
                if r.is_press(r.ent(sp)) {
                    last_press = Some(sp);
                }
            }
            if speakers.iter().filter(|&&sp| matches!(r.ent(sp).kind.as_str(), "person" | "role")).count() >= 2 {
                last_group = Some((speakers.clone(), si));
            }
            sentence_prev = speakers.clone();
            para_speakers = speakers.clone();
            prev_speakers = speakers;
        }
        last_issuer = issuer_in(r, s, &issuer_nouns).unwrap_or(last_issuer);
        // 他/he in the next sentence: this sentence's person speaker, else its first person.
        if !said_here {
            if let Some(e) = s.entities.iter().find(|e| super::is_person(r, e) && !inside_quotes(s, e.start)) {
                last_person = Some(e.entity);
            }
        }
    }
    // A transcript's answers are the host's words; a question's own request (问：…能否介绍…？)
    // is nobody's statement.
    out.extend(super::transcript::rows(doc, r, &body));
    // (The paragraph opens with 问：; the request is its sentence ending in a question mark.)
    let asked = |pos: usize| {
        let from = text[..pos.min(text.len())].iter().rposition(|c| *c == '\n').map_or(0, |i| i + 1);
        let head: String = text[from..].iter().skip_while(|c| c.is_whitespace() || **c == '\u{3000}').take(2).collect();
        head == "问：" || head == "问:"
    };
    out.retain(|x| !(x.text.trim_end().ends_with(['？', '?']) && asked(x.pos)));
    out.sort_by_key(|x| x.pos);
    unresolved.sort();
    unresolved.dedup();
    (out, unresolved)
}
