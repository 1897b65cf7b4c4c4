//! Chinese name shapes. Input is one sentence's Simplified shadow with known names masked
//! (U+E000); output is the spans of names the gazetteer lacks.

use super::{is_break, Found};
use crate::clean::is_cjk;
use crate::reference::{Hit, Reference, Term};
use regex::Regex;
use std::sync::LazyLock;

/// What may stand between a body's name and its speech verb: adverbs, the day it spoke, a
/// report noun (卫报又称, 新华社仅报道, 新华社通稿称, 《中央日报》19日报道, 《劳动新闻》在当年12月19日评论道).
static SPEAKER_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[又便仅也曾则亦还更就再均都已随即]|在|当年|今年|去年|当天|当日|同日|今天|昨天|\d{1,4}年|\d{1,2}月|\d{1,2}日|[今昨前明][（(]\d{1,2}[）)]日|通稿|报道|文章|社论|评论|的报道|的文章)*$").expect("valid regex")
});

/// A listener written between a speaker and the cue: 对/向/跟 and a (masked) name or a word
/// for the press (对美国之音, 向记者, 对本台记者).
static RE_LISTENER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[对向跟](?:\x{E000}+[^，。；：、“”\x{E000}]{0,3}?(?:记者)?|本台记者|本报记者|记者|媒体|笔者|本台|本报)$").expect("valid regex"));

/// A time word or a 在…时/期间/上 phrase ending right before a verb.
static RE_TIME_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:在[^，。、；：“”\x{E000}]{1,10}?(?:时|期间|之际|时候|会上|会见中|会谈中|会谈时)|本周|上周|下周|本月|上月|今天|今日|昨天|昨日|前天|次日|当天|当日|当晚|同日|\d{1,2}月\d{1,2}日|\d{1,2}日|[今昨前明][（(]\d{1,2}[）)]日)$").expect("valid regex")
});

/// True when the text between a body's name and a cue keeps the name in the speaker's place.
fn speaker_gap(m: &[char], a: usize, b: usize) -> bool {
    a <= b && b - a <= 12 && SPEAKER_GAP.is_match(&m[a..b].iter().collect::<String>())
}

/// Time words that end a name right before them (绍伊古本周…, 普京今天…, 罗斯其后…).
const TIME_WORDS: &[&str] = &["本周", "上周", "下周", "本月", "上月", "今天", "昨天", "今日", "昨日", "前天", "当天", "当日", "今年", "去年", "日前", "近日", "星期", "礼拜", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "明天", "明日", "今晨", "今晚", "昨晚", "其后", "随后", "此后", "其间", "事后", "稍后"];

/// Nouns for a travelling group.
const DELEGATION_WORDS: &[&str] = &["代表团", "访问团", "考察团"];

/// Function characters that never continue a name: a name ends before one (王毅说, 赵通对BBC).
const STOP: &str = "举摄首再第一夫在对向于的和与及等也则曾已将说称指认今昨周就为被把从同跟给让并又都亦仍再便即而但却是不没以因由率访抵会接发受当这那此日月年号时中后前上下里外说讲谈问答回透告宣警呼批反谴坦承";

/// Where a name may end: a break, a stop character, or the start of a lexicon term (a cue verb,
/// a title, a visit verb).
/// Words that may close a foreign official's name written right after the office (…主席通伦在).
const TITLE_NAME_ENDS: &str = "在于对曾将也还应";

/// A stop, a conjunction or a closing word (`TITLE_NAME_ENDS`) after a name written right after
/// a foreign office (美国驻联合国大使黑利，…, 总统普京和…, 主席通伦在…).
fn closes_title_name(c: char) -> bool {
    // (A day written in digits closes it too: 国家主席通伦16日抵达河内.)
    matches!(c, '，' | '、' | '；' | '。' | '和' | '与' | '及') || c.is_ascii_digit() || TITLE_NAME_ENDS.contains(c)
}

fn boundary(m: &[char], e: usize, starts: &[usize]) -> bool {
    e >= m.len() || is_break(m[e]) || m[e].is_ascii() || STOP.contains(m[e]) || starts.contains(&e)
}

/// Stop characters that still occur inside given names (金日成, 金正日, 李明国): allowed inside a
/// name, as long as a boundary follows the whole name.
const IN_NAMES: &str = "日成中明国正会发一";

/// Stop characters that occur inside the names of bodies (中央, 对外, 国会, 日本).
const IN_BODIES: &str = "中对外会日上";

fn name_char(c: char) -> bool {
    is_cjk(c) && (!STOP.contains(c) || IN_NAMES.contains(c))
}

/// A Chinese, Korean or Japanese personal name starting at `p`: a surname from
/// `name_surnames.csv` and a one- or two-character given name (Japanese: one to three), ending at
/// a boundary. Returns the end and the surname length.
fn surname_name(r: &Reference, m: &[char], p: usize, starts: &[usize], strict: bool) -> Option<(usize, usize, &'static str)> {
    let lex = &r.names;
    let two: String = m[p..(p + 2).min(m.len())].iter().collect();
    let one: String = m[p..(p + 1).min(m.len())].iter().collect();
    let mut shapes: Vec<(usize, &'static str, usize)> = Vec::new(); // (surname len, shape, max given)
    if let Some(role) = lex.surnames.get(&two) {
        if !(strict && role.1) {
            shapes.push((2, if role.0 == "ja" { "ja" } else { "zh" }, if role.0 == "ja" { 2 } else { 2 }));
        }
    }
    if let Some(role) = lex.surnames.get(&one) {
        let function_char = STOP.contains(m[p]) && !IN_NAMES.contains(m[p]);
        if !function_char && !(strict && role.1) {
            shapes.push((1, if role.0 == "ja" { "ja" } else { "zh" }, 2));
        } else if p + 3 <= m.len() {
            // A surname that is also a prose word (金) opens a name at a clause head only as
            // three characters none of whose leading words is a common word (金日成, not 金融业),
            // and whose given name is not one either (中国坚持要求: 国 + 坚持 is "insists").
            let w2: String = m[p..p + 2].iter().collect();
            let w3: String = m[p..p + 3].iter().collect();
            let given: String = m[p + 1..p + 3].iter().collect();
            if !lex.common_words.contains(&w2) && !lex.common_words.contains(&w3) && !lex.common_words.contains(&given) {
                shapes.push((1, if role.0 == "ja" { "ja" } else { "zh" }, 2));
            }
        }
    }
    for (sl, shape, max_given) in shapes {
        for gl in (1..=max_given).rev() {
            let e = p + sl + gl;
            // (和 ends a two-character given name where it cannot be "and": right before 与, 及,
            // a comma or a stop: 韩国外长康京和与美国国务卿通电话.)
            let final_he = gl == 2 && e <= m.len() && m[e - 1] == '和' && m.get(e).is_some_and(|c| matches!(c, '与' | '及' | '、' | '，' | '。' | '：'));
            let given_ok = |i: usize, c: char| name_char(c) || final_he && i == e - 1;
            // The surname itself may be a function character (周 also means "week").
            if e > m.len() || !(p + sl..e).all(|i| given_ok(i, m[i])) || !(name_char(m[p]) || (sl == 1 && gl == 2)) {
                continue;
            }
            // A count is not a given name (金正恩曾三次访问: 曾 + 三次).
            if gl == 2 && "一二两三四五六七八九十几多".contains(m[p + sl]) && "次度个年名位天届轮".contains(m[p + sl + 1]) {
                continue;
            }
            // A one-character given name must not stop before a character that may continue it
            // (金正 + 日首次…: the name is 金正日).
            let may_continue = gl == 1 && m.get(e).is_some_and(|c| IN_NAMES.contains(*c));
            if boundary(m, e, starts) && !starts.iter().any(|&s| s > p && s < e) && !may_continue {
                return Some((e, sl, shape));
            }
        }
    }
    None
}

/// Whether the character before `e` is one of `preps` (于, 在 …) and a date starts at `e`
/// (a number, or 今年, 本月, 上周 …): a preposition, not a name's last syllable.
fn preposition_before_date(m: &[char], e: usize, preps: &str) -> bool {
    preps.contains(m[e - 1]) && m.get(e).is_some_and(|c| c.is_ascii_digit() || "今本昨明上下近去前".contains(*c))
}

/// A run of transliteration characters starting at `p` (2–7 characters, not all of them also
/// common prose characters), ending at a boundary.
fn translit_run(r: &Reference, m: &[char], p: usize, starts: &[usize]) -> Option<usize> {
    let lex = &r.names;
    let mut e = p;
    while e < m.len() && e - p < 7 && (lex.translit.contains(&m[e]) || (e > p && m[e] == '-')) {
        e += 1;
    }
    // A preposition before a date is not the name's last syllable (奥云额尔登于3月5日).
    if e > p + 2 && preposition_before_date(m, e, "于在将曾") {
        e -= 1;
    }
    // Nor is the 日 of a time word (呼日勒苏赫日前访问: 日前 "recently").
    if e > p + 2 && m[e - 1] == '日' && m.get(e).is_some_and(|c| "前内起晚".contains(*c)) {
        e -= 1;
    }
    while e > p + 1 {
        let weak = m[p..e].iter().all(|c| lex.translit_common.contains(c));
        if boundary(m, e, starts) && !weak && m[e - 1] != '-' && !starts.iter().any(|&s| s > p && s < e) {
            return Some(e);
        }
        e -= 1;
    }
    None
}

/// After a foreign office: the longest run of transliteration characters (two to four, weak or
/// not) that a stop, a conjunction or a closing word (`TITLE_NAME_ENDS`) follows.
fn weak_title_run(r: &Reference, m: &[char], p: usize) -> Option<usize> {
    let mut e = p;
    while e < m.len() && e - p < 4 && r.names.translit.contains(&m[e]) {
        e += 1;
    }
    (p + 2..=e).rev().find(|&q| m.get(q).is_some_and(|&c| closes_title_name(c)))
}

/// Names joined by a middle dot (唐纳德·特朗普, 布赖恩·E·尼尔森, 琳达·托马斯-格林菲尔德): the
/// transliteration run before the first dot and after the last.
fn dotted(r: &Reference, m: &[char]) -> Vec<(usize, usize)> {
    let lex = &r.names;
    let dot = |c: char| matches!(c, '·' | '•' | '‧' | '・' | '．');
    let part = |c: char| lex.translit.contains(&c) || (is_cjk(c) && !STOP.contains(c));
    let mut out = Vec::new();
    let mut i = 0;
    // 詹姆斯-卡鲁基: a hyphen joins the parts like a dot when both sides are runs of at least two
    // transliteration characters.
    let hyphen = |i: usize| {
        matches!(m[i], '-' | '－' | '‐')
            && i >= 2
            && m[i - 2..i].iter().all(|c| lex.translit.contains(c))
            && m.get(i + 1..i + 3).is_some_and(|x| x.iter().all(|c| lex.translit.contains(c)))
    };
    while i < m.len() {
        if !dot(m[i]) && !hyphen(i) {
            i += 1;
            continue;
        }
        let mut a = i;
        while a > 0 && i - a < 6 && lex.translit.contains(&m[a - 1]) {
            a -= 1;
        }
        if a == i || (hyphen(i) && a + 2 > i) {
            i += 1;
            continue;
        }
        let mut e = i;
        loop {
            // after a dot: a part of transliteration characters (or a Latin initial)
            let mut k = e + 1;
            if k < m.len() && m[k].is_ascii_uppercase() {
                k += 1;
                while k < m.len() && m[k] == '.' {
                    k += 1;
                }
            } else {
                while k < m.len() && k - e <= 9 && (part(m[k]) || (m[k] == '-' && k > e + 1)) {
                    if !lex.translit.contains(&m[k]) && m[k] != '-' {
                        break;
                    }
                    k += 1;
                }
            }
            if k == e + 1 {
                break;
            }
            e = k;
            if e < m.len() && dot(m[e]) {
                continue;
            }
            break;
        }
        // 通伦·西苏里于10月9日: a function character closing the last part before a number or a
        // stop (于, 在, 将) is not part of the name.
        let last_dot = (a..e).rev().find(|&k| dot(m[k])).unwrap_or(i);
        // (Not before its Latin form in brackets: 凯文·马洛里（Kevin Mallory）.)
        if e >= last_dot + 4 && STOP.contains(m[e - 1]) && m.get(e).is_none_or(|c| c.is_ascii_digit() || is_break(*c) && !matches!(c, '（' | '(')) {
            e -= 1;
        }
        if e > i + 1 {
            out.push((a, e));
        }
        i = e.max(i + 1);
    }
    // A dotted name with a rarer character in a part (埃文斯·芮维勒, 马修·芮克) is whole when its
    // Latin form follows in brackets: two parts of one to five name characters, at most one of
    // them outside the transliteration set each, inside the part (学者马修: not the title).
    let part_before = |end: usize| -> usize {
        let (mut a, mut rare) = (end, false);
        while a > 0 && end - a < 5 && part(m[a - 1]) && !dot(m[a - 1]) {
            // (The rarer character stands inside the part: a dot or a transliteration character
            // before it; 专家埃文斯 does not take 家.)
            if !lex.translit.contains(&m[a - 1]) {
                if rare || a < 2 || !(dot(m[a - 2]) || lex.translit.contains(&m[a - 2])) {
                    break;
                }
                rare = true;
            }
            a -= 1;
        }
        a
    };
    for b in (1..m.len()).filter(|&b| matches!(m[b], '（' | '(') && m.get(b + 1).is_some_and(|c| c.is_ascii_alphabetic())) {
        let d = part_before(b);
        if d == b || d == 0 || !dot(m[d - 1]) {
            continue;
        }
        let a = part_before(d - 1);
        if a == d - 1 || out.iter().any(|&(x, y)| x < b && y > a) {
            continue;
        }
        out.push((a, b));
    }
    out.sort_unstable();
    out
}

/// The country stated in front of a title chain (日本外务大臣…): the nearest country, place or
/// organization hit before `p` with only name-like text between.
fn country_before(r: &Reference, kinds: &dyn Fn(usize) -> Option<(String, String)>, hits: &[(usize, usize, usize)], m: &[char], p: usize) -> String {
    for &(s, e, ent) in hits.iter().rev() {
        if e > p {
            // 统一部长官: a body whose last character opens the title (部长官) is the office
            // holder's body, and its country theirs.
            if s < p {
                if let Some((_, country)) = kinds(ent).filter(|(k, c)| k == "org" && !c.is_empty()) {
                    return country;
                }
            }
            continue;
        }
        // Only name-like text (or other known names, or 驻) between it and the title.
        // (A list of offices held together, 中共中央政治局常委、全国人大常委会委员长, is one phrase.)
        if m[e..p].iter().any(|c| (is_break(*c) && !matches!(*c, '\u{E000}' | '、')) || matches!(*c, '的' | '和' | '与' | '在' | '对' | '向')) || p - e > 24 {
            return String::new();
        }
        // 美国驻韩国大使: the country after 驻 is the posting, not the nationality; 朝鲜问题特使
        // (envoy for North Korea), 中国研究中心主任 (head of a China studies centre): the
        // country is the portfolio or the field.
        let portfolio = ["问题", "事务", "核问题", "研究"].iter().any(|w| m[e..p].iter().collect::<String>().starts_with(w));
        if s > 0 && m[s - 1] == '驻' || portfolio {
            continue;
        }
        if let Some((kind, country)) = kinds(ent) {
            // 韩国 + 外交部: a known body written right after another country is that country's.
            if kind == "org" {
                if let Some(&(_, _, prev)) = hits.iter().find(|h| h.1 == s) {
                    if let Some((pk, pc)) = kinds(prev).filter(|(k, c)| k == "country" && !c.is_empty()) {
                        let _ = pk;
                        return pc;
                    }
                }
            }
            if matches!(kind.as_str(), "country" | "place" | "org" | "role") && !country.is_empty() {
                return country;
            }
        }
        let _ = r;
    }
    String::new()
}

/// A clause may begin at `p` without punctuation: after an opener word (直至, 此后) or after a
/// date written in digits (1970年4月周恩来…).
fn opens_clause(links: &[Hit<Term>], m: &[char], p: usize) -> bool {
    if links.iter().any(|h| h.item.role == "opener" && h.end == p) {
        return true;
    }
    p >= 2 && matches!(m[p - 1], '年' | '月' | '日') && m[p - 2].is_ascii_digit() || dateline_end(m, p)
}

/// A wire dateline (韩联社首尔8月20日电) ends right before `p`: the story's first clause starts
/// there, though no punctuation marks it.
fn dateline_end(m: &[char], p: usize) -> bool {
    p >= 3 && m[p - 1] == '电' && m[p - 2] == '日' && m[p - 3].is_ascii_digit()
}

/// A surname that in Chinese-language news names Koreans (朴): no pinyin for such a name.
fn korean_surname(r: &Reference, c: char) -> bool {
    r.names.korean_surnames.contains(&c)
}

/// Recognizes names in one Chinese sentence. `m` is the masked shadow; `hits` the known-name
/// spans (start, end, entity index); `kinds` gives an entity's kind and country.
/// The English name of another country's counterpart of a known body (韩国 + 外交部, the
/// gazetteer's "Chinese Ministry of Foreign Affairs" → "South Korean Ministry of Foreign
/// Affairs"): the body's English names that open with its country's demonym, the formal
/// "… of …" form first, with the other country's demonym instead.
fn counterpart_english(r: &Reference, body: &crate::reference::Entity, from: &str, to: &str) -> Option<String> {
    let (d_from, d_to) = (super::en::demonym(r, from)?, super::en::demonym(r, to)?);
    let names: Vec<&str> = std::iter::once(body.name_en.as_str()).chain(body.aliases.split('|').map(str::trim)).collect();
    let rest = |n: &str| n.strip_prefix(d_from.as_str()).and_then(|x| x.strip_prefix(' ')).map(str::to_string);
    let formal = names.iter().filter_map(|n| rest(n)).find(|x| x.contains(" of "));
    let any = names.iter().filter_map(|n| rest(n)).next();
    formal.or(any).map(|x| format!("{d_to} {x}"))
}

/// Where a personal name in Latin letters starting at `p` ends: two to four capitalized words
/// (Stephen Biegun, Bruce E. Nelson), not all capitals (ICBM), ending at a non-letter.
fn latin_name(m: &[char], p: usize) -> Option<usize> {
    let mut q = p;
    let mut words = 0;
    loop {
        let w0 = q;
        if !m.get(q).is_some_and(|c| c.is_ascii_uppercase()) {
            break;
        }
        q += 1;
        while m.get(q).is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '\'' | '’' | '-' | '.')) {
            q += 1;
        }
        let word: String = m[w0..q].iter().collect();
        if word.chars().filter(|c| c.is_ascii_lowercase()).count() == 0 && word.trim_end_matches('.').chars().count() > 1 {
            q = w0;
            break;
        }
        words += 1;
        if m.get(q) == Some(&' ') && m.get(q + 1).is_some_and(|c| c.is_ascii_uppercase()) {
            q += 1;
            continue;
        }
        break;
    }
    while q > p && m[q - 1] == ' ' {
        q -= 1;
    }
    let ends_clean = m.get(q).is_none_or(|c| !c.is_ascii_alphanumeric());
    ((2..=4).contains(&words) && ends_clean).then_some(q)
}

pub fn recognize(
    r: &Reference,
    m: &[char],
    hits: &[(usize, usize, usize)],
    kinds: &dyn Fn(usize) -> Option<(String, String)>,
    cues: &[Hit<Term>],
) -> Vec<Found> {
    let masked: String = m.iter().collect();
    let titles: Vec<Hit<Term>> = r.names.titles.find_str(&masked).into_iter().filter(|t| t.item.role != "former").collect();
    // Each lexicon is matched over the text once; the rules below filter its hits.
    let visit_hits = r.visit_terms.find_str(&masked);
    let links = r.names.links.find_str(&masked);
    let mut starts: Vec<usize> = cues.iter().map(|c| c.start).chain(titles.iter().map(|t| t.start)).collect();
    // A one-character place verb (来, 到) also ends given names (周恩来): not a boundary.
    starts.extend(visit_hits.iter().filter(|h| !(h.item.role == "visit_place" && h.end - h.start == 1)).map(|h| h.start));
    // A two-character adverb between a name and its verb (发言人华春莹随后说) ends the name too.
    starts.extend(links.iter().filter(|h| h.item.role == "adverb" && h.end - h.start >= 2).map(|h| h.start));
    // A time word or a 在…时 phrase between a name and its verb (刘国中本周访问平壤,
    // 郑义溶在访美期间表示): the name ends where it begins.
    let verb_starts: Vec<usize> = cues
        .iter()
        .map(|c| c.start)
        .chain(visit_hits.iter().filter(|h| matches!(h.item.role.as_str(), "visit" | "visit_in" | "visit_place")).map(|h| h.start))
        .collect();
    let phrases: Vec<usize> = verb_starts
        .iter()
        .filter_map(|&q| {
            let from = q.saturating_sub(14);
            let window: String = m[from..q].iter().collect();
            RE_TIME_PHRASE.find(&window).map(|x| from + window[..x.start()].chars().count())
        })
        .collect();
    starts.extend(phrases.iter().copied());
    // A time word ends a name wherever it stands (绍伊古本周第二次访问: not 绍伊古本).
    for w in TIME_WORDS {
        let w: Vec<char> = w.chars().collect();
        starts.extend((0..m.len().saturating_sub(w.len() - 1)).filter(|&i| m[i..i + w.len()] == w[..]));
    }
    starts.sort_unstable();
    starts.dedup();
    let mut out: Vec<Found> = Vec::new();
    // Names found by shape: an English form given here is a pinyin guess.
    let person = |a: usize, b: usize, country: String, english: Option<String>| {
        let pinyin = english.is_some();
        Found { start: a, end: b, kind: "person", country, english, pinyin }
    };
    // 韩军, 美军, 朝军: a country's one-character short form before 军 is that country's
    // military, a body (not a person named 韩军). The short form opens a word, and 军 ends it
    // (not 美军舰 "a US warship", 美军售 "US arms sales"; 韩军方 is the military too).
    for i in 0..m.len().saturating_sub(1) {
        if m[i + 1] != '军' {
            continue;
        }
        let Some(&c) = r.country_short.get(&m[i]) else { continue };
        let opens = i == 0 || !is_cjk(m[i - 1]) || "据与和及同对向在从由将称电、，。：；".contains(m[i - 1]);
        if !opens || m.get(i + 2).is_some_and(|x| "舰机事火费工备演售援官人区港车营力".contains(*x)) {
            continue;
        }
        let end = if m.get(i + 2) == Some(&'方') { i + 3 } else { i + 2 };
        let Some(country) = r.entities.get(c).map(|e| e.country.clone()).filter(|x| !x.is_empty()) else { continue };
        let english = super::en::demonym(r, &country).map(|d| format!("{d} military"));
        out.push(Found { start: i, end, kind: "org", country, english, pinyin: false });
    }
    for (a, b) in dotted(r, m) {
        let country = country_before(r, kinds, hits, m, a);
        out.push(person(a, b, country, None));
    }
    // Title + name.
    for t in &titles {
        let mut p = t.end;
        while p < m.len() && m[p] == ' ' {
            p += 1;
        }
        if p < m.len() && m[p] == '\u{E000}' {
            // A name already known from an earlier sentence, without a country so far: the
            // country in front of this title states it (朝鲜劳动党委员长 + 金正恩).
            if let Some(&(s, e, ent)) = hits.iter().find(|h| h.0 == p) {
                if ent >= r.entities.len() && kinds(ent).is_some_and(|(k, c)| k == "person" && c.is_empty()) {
                    let country = country_before(r, kinds, hits, m, t.start);
                    if !country.is_empty() {
                        out.push(person(s, e, country, None));
                    }
                }
            }
            continue;
        }
        if p >= m.len() || out.iter().any(|f| f.start <= p && f.end > p) {
            continue;
        }
        // A longer title written right after this one (外交部 发言人) is read on its own.
        if titles.iter().any(|u| u.start == p) {
            continue;
        }
        // 副主席宋赛·西潘敦: a dotted name whose first character the transliteration list lacks
        // (宋) starts right after the title all the same.
        if let Some(f) = out.iter_mut().find(|f| f.start == p + 1 && is_cjk(m[p]) && !STOP.contains(m[p])) {
            f.start = p;
            continue;
        }
        let country = country_before(r, kinds, hits, m, t.start);
        // A name in Latin letters after a Chinese title (特使Stephen Biegun, 专家Vipin Narang).
        if let Some(e) = latin_name(m, p) {
            let name: String = m[p..e].iter().collect();
            out.push(Found { start: p, end: e, kind: "person", country, english: Some(name), pinyin: false });
            continue;
        }
        let east_asian = matches!(country.as_str(), "CHN" | "TWN" | "HKG" | "MAC" | "SGP" | "PRK" | "KOR" | "JPN" | "");
        let zh = surname_name(r, m, p, &starts, false);
        // After a foreign office, a preposition or adverb (在, 于, 对, 曾) also ends the name:
        // 老挝国家主席通伦在访问朝鲜期间…
        let mut title_starts = starts.clone();
        if !east_asian {
            title_starts.extend((p + 2..(p + 5).min(m.len())).filter(|&i| TITLE_NAME_ENDS.contains(m[i])));
        }
        // …and a two- to four-character run of characters that are also prose words (总统普京和…)
        // is a name there when a stop or a closing word follows it.
        let tr = translit_run(r, m, p, &title_starts).or_else(|| if east_asian { None } else { weak_title_run(r, m, p) });
        let pick = match (zh, tr) {
            (Some((e, sl, shape)), Some(te)) => {
                let all_translit = m[p..te].iter().all(|c| r.names.translit.contains(c));
                if !east_asian && all_translit && te >= e {
                    Some((te, None))
                } else {
                    Some((e, (shape == "zh" && matches!(country.as_str(), "CHN" | "TWN" | "HKG" | "MAC" | "SGP" | "")).then_some(sl)))
                }
            }
            (Some((e, sl, shape)), None) => {
                Some((e, (shape == "zh" && matches!(country.as_str(), "CHN" | "TWN" | "HKG" | "MAC" | "SGP" | "")).then_some(sl)))
            }
            // Two-character transliterations (普京, 拜登) only of characters rare in prose.
            (None, Some(te)) if te - p >= 3 || m[p..te].iter().all(|c| !r.names.translit_common.contains(c)) => Some((te, None)),
            // A foreign official's two-character name closed by punctuation or a conjunction
            // right after the title (美国驻联合国大使黑利，…): the title and the stop make it a name.
            (None, Some(te))
                if !east_asian && m.get(te).is_some_and(|&c| closes_title_name(c)) =>
            {
                Some((te, None))
            }
            _ => None,
        };
        if let Some((mut e, sl)) = pick {
            // A foreign name does not end in a preposition before a date (俄罗斯总统普京于6月18日:
            // 于 is "on"), whichever reading found it.
            if !east_asian && e > p + 2 && preposition_before_date(m, e, TITLE_NAME_ENDS) {
                e -= 1;
            }
            let name: String = m[p..e].iter().collect();
            // Pinyin is a name's English form only in the Chinese-speaking world (韩国外交部发言人
            // 林秀石 is not "Lin Xiushi").
            let chinese_world = matches!(country.as_str(), "CHN" | "TWN" | "HKG" | "MAC" | "SGP" | "");
            let english = sl.filter(|_| !korean_surname(r, m[p]) && chinese_world).and_then(|sl| super::pinyin_name(r, &name, sl));
            // A Korean-language reporter or a Korean-born scholar of another country (美国之音
            // 韩语组记者金永南): the name reads as Korean, whatever the title's country.
            let heritage: String = m[t.start.saturating_sub(8)..p].iter().collect();
            if super::korean_heritage(&heritage) {
                if let Some(ko) = super::korean::romanize(r, &name, "KOR") {
                    out.push(Found { start: p, end: e, kind: "person", country, english: Some(ko), pinyin: false });
                    continue;
                }
            }
            out.push(person(p, e, country, english));
        }
    }
    // A name alone at the head of a clause, right before a cue or travel verb (李成贤指出,
    // 金正恩访华): a surname-led name, or a transliteration run of three or more.
    let travel: Vec<&Hit<Term>> = visit_hits.iter().filter(|h| matches!(h.item.role.as_str(), "visit" | "visit_in" | "visit_place")).collect();
    let mut verbs: Vec<usize> = cues.iter().map(|c| c.start).chain(travel.iter().map(|h| h.start)).collect();
    verbs.extend(links.iter().filter(|h| h.item.role == "verb").map(|h| h.start));
    verbs.extend(phrases.iter().copied());
    // A verb read across a name's last character (周恩 + 来访问: 来访 is a verb too) leaves
    // the verb after it unread: try one character on as well.
    let verb_at = |p: usize| {
        let tail: String = m[p..(p + 6).min(m.len())].iter().collect();
        r.visit_terms.find_str(&tail).iter().any(|h| h.start == 0 && matches!(h.item.role.as_str(), "visit" | "visit_in" | "visit_place"))
            || r.cues.find_str(&tail).iter().any(|h| h.start == 0 && h.item.role != "block")
    };
    // A listener between the name and its cue (李明浩对美国之音说, 金某向记者表示): the name ends
    // before 对/向.
    for c in cues {
        let lead: String = m[c.start.saturating_sub(8)..c.start].iter().collect();
        if let Some(x) = RE_LISTENER.find(&lead) {
            verbs.push(c.start - lead[x.start()..].chars().count());
        }
    }
    let shifted: Vec<usize> = verbs.iter().map(|&q| q + 1).filter(|&q| q < m.len() && verb_at(q)).collect();
    verbs.extend(shifted.iter().copied());
    verbs.sort_unstable();
    verbs.dedup();
    // A name ending in an organization or media word (韩联社称) is read as a body below, not
    // as a person (Han Lianshe).
    let heads_media: Vec<Hit<Term>> = r.names.org_heads.find_str(&masked).into_iter().filter(|h| matches!(h.item.role.as_str(), "suffix" | "media")).collect();
    // Here a link word also ends a name (金日成出席, 金正恩专程).
    let mut link_starts = starts.clone();
    link_starts.extend(links.iter().map(|h| h.start));
    link_starts.sort_unstable();
    for &q0 in &verbs {
        // Adverbs between the name and its verb (金日成曾前往, 金日成生前曾访问): the name
        // ends where they begin.
        let mut q = q0;
        while let Some(h) = links.iter().filter(|h| h.item.role == "adverb" && h.end == q && h.start < q).min_by_key(|h| h.start) {
            q = h.start;
        }
        let mut a = q;
        // (现任大学教授的李明浩说: a description ending in a title, then 的, heads the name.)
        let after_title = |p: usize| p >= 2 && m[p - 1] == '的' && titles.iter().any(|t| t.end + 1 == p);
        while a > 0 && !is_break(m[a - 1]) && !opens_clause(&links, m, a) && !after_title(a) && q - a < 5 {
            a -= 1;
        }
        if a == q || (a > 0 && !is_break(m[a - 1]) && !opens_clause(&links, m, a) && !after_title(a)) || out.iter().any(|f| f.end > a && f.start < q) {
            continue;
        }
        let span = q - a;
        if heads_media.iter().any(|h| h.end == q && h.start > a) {
            continue;
        }
        // Right after a person's name there is no second name without a break (改派X代习访朝:
        // 代习 is "on Xi's behalf"; a list writes X、Y or X和Y).
        if a > 0 && m[a - 1] == '\u{E000}' && hits.iter().find(|x| x.1 == a).and_then(|x| kinds(x.2)).is_some_and(|(k, _)| k == "person") {
            continue;
        }
        // A shifted verb: the term read across the name's last character is not a boundary.
        let unshifted: Vec<usize>;
        let own: &[usize] = if shifted.contains(&q0) {
            unshifted = link_starts.iter().copied().filter(|&x| x + 1 != q0).collect();
            &unshifted
        } else {
            &link_starts
        };
        if let Some((e, sl, shape)) = surname_name(r, m, a, own, true) {
            if e == q && (span == 3 || span == 2) {
                // (a clause-initial name)
                let name: String = m[a..e].iter().collect();
                let english = (shape == "zh" && !korean_surname(r, m[a])).then(|| super::pinyin_name(r, &name, sl)).flatten();
                out.push(person(a, e, String::new(), english));
                continue;
            }
        }
        if span >= 3 {
            if let Some(e) = translit_run(r, m, a, &starts) {
                if e == q {
                    out.push(person(a, e, String::new(), None));
                }
            }
        }
    }
    // News organizations and bodies in a speaker's place: after 据 or at the head of a clause
    // before a cue, a short name ending in an organization or media word (据新华社报道,
    // 朝鲜中央通讯社称).
    let media = heads_media;
    // Back from a head word (ending at `end`) to the clause start (or to 据, `floor`), over
    // Chinese text only: the name's start and the country written before it, if the name stands
    // at the head of its clause. `joined`: the name follows another one and a conjunction
    // (新华社及朝中社确认), which stands at the head in its place.
    let name_back = |h_start: usize, end: usize, floor: usize, joined: bool| -> Option<(usize, String, usize)> {
        let mut a = h_start;
        // 对 only opens 对外 (中共中央对外联络部).
        while a > floor && is_cjk(m[a - 1]) && end - a < 10 && !matches!(m[a - 1], '的' | '和' | '与' | '及' | '在' | '是' | '了' | '从' | '向' | '由') && !(m[a - 1] == '对' && m[a] != '外') {
            a -= 1;
        }
        // A country's name before it is part of it (据日本共同社的消息, 美国有线电视新闻网报道,
        // 美国的外交关系协会指出).
        let of = usize::from(a > floor + 1 && m[a - 1] == '的' && m[a - 2] == '\u{E000}');
        let prefix = (a > floor + of && m[a - 1 - of] == '\u{E000}')
            .then(|| hits.iter().find(|x| x.1 == a - of))
            .flatten()
            .and_then(|&(hs, _, ent)| kinds(ent).filter(|(k, _)| k == "country").map(|(_, c)| (hs, c)))
            .filter(|&(hs, _)| hs == floor || hs > 0 && (is_break(m[hs - 1]) || dateline_end(m, hs)));
        let at_head = joined || prefix.is_some() || (a == floor || is_break(m[a - 1]) || dateline_end(m, a)) && !m[floor.max(a.saturating_sub(1))..h_start].contains(&'\u{E000}');
        // 该报, 此报, 本社: a reference back, not a name.
        if matches!(m[a], '该' | '此' | '本' | '其' | '这' | '那' | '各' | '多') || !at_head || end - a < 2 || m[a..end].iter().any(|x| !is_cjk(*x)) {
            return None;
        }
        // 美国的X协会: the country is the body's, the name starts after 的.
        let (start, country) = prefix.map(|(hs, c)| (if of == 1 { a } else { hs }, c)).unwrap_or((a, String::new()));
        Some((start, country, a))
    };
    for c in cues {
        for h in media.iter().filter(|h| {
            let inside_cue = cues.iter().any(|q| q.start < h.end && q.end > h.start);
            !inside_cue && (speaker_gap(m, h.end, c.start) || (c.item.role == "according" && h.start >= c.end && h.start <= c.end + 12))
        }) {
            let end = h.end;
            let floor = if c.item.role == "according" && h.start >= c.end { c.end } else { 0 };
            let mut found = vec![];
            if let Some((start, country, a)) = name_back(h.start, end, floor, false) {
                // 韩国 + 统一部: a body word with a stated English form right after the country.
                let english = (a == h.start && !h.item.value.is_empty() && !country.is_empty())
                    .then(|| super::en::demonym(r, &country).map(|d| format!("{d} {}", h.item.value)))
                    .flatten();
                found.push((start, end, country, english));
            } else if let Some((_, _, a)) = name_back(h.start, end, floor, true) {
                // The second of two bodies joined by a conjunction: both speak.
                if a > floor + 1 && matches!(m[a - 1], '及' | '和' | '与' | '、') {
                    if let Some(h2) = media.iter().find(|h2| h2.end == a - 1) {
                        if let Some((s2, c2, _)) = name_back(h2.start, h2.end, floor, false) {
                            found.push((s2, h2.end, c2, None));
                            found.push((a, end, String::new(), None));
                        }
                    }
                }
            }
            for (start, end, country, english) in found {
                if !out.iter().any(|f| f.start < end && f.end > start) {
                    out.push(Found { start, end, kind: "org", country, english, pinyin: false });
                }
            }
        }
    }
    // A publication in title marks in a speaker's place: right before a cue, or before 发表/刊登…
    // and then a cue (《劳动新闻》发表评论称), or after 据 (据《纽约时报》报道).
    for (i, _) in m.iter().enumerate().filter(|(_, c)| **c == '《') {
        let Some(len) = m[i + 1..].iter().take(14).position(|c| *c == '》') else { continue };
        let (a, b) = (i + 1, i + 1 + len);
        if !(2..=12).contains(&len) || !m[a..b].iter().all(|c| is_cjk(*c)) || out.iter().any(|f| f.start < b + 1 && f.end > i) {
            continue;
        }
        let after = b + 1;
        let cue_at = |p: usize| cues.iter().any(|c| speaker_gap(m, p, c.start) && c.item.role != "according");
        let publishes = ["发表", "刊登", "刊文", "刊发", "载文", "社论", "评论"].iter().any(|w| {
            let n = w.chars().count();
            m.get(after..after + n).is_some_and(|x| x.iter().collect::<String>() == *w)
        }) && cues.iter().any(|c| c.start > after && c.start <= after + 12 && !m[after..c.start].iter().any(|x| is_break(*x)));
        let according = cues.iter().any(|c| c.item.role == "according" && c.end == i);
        if cue_at(after) || publishes || according {
            out.push(Found { start: a, end: b, kind: "org", country: String::new(), english: None, pinyin: false });
        }
    }
    // Organizations: a country (or a known organization) followed by a name ending in an
    // organization word (韩国国家情报院, 朝鲜国家紧急防疫司令部).
    let heads: Vec<&Hit<Term>> = media.iter().filter(|h| h.item.role == "suffix").collect();
    for (i, &(hs, he, ent)) in hits.iter().enumerate() {
        let Some((kind, country)) = kinds(ent) else { continue };
        if !matches!(kind.as_str(), "country" | "org" | "place") || country.is_empty() {
            continue;
        }
        // A known body of another country right after this one (韩国 + 外交部): this country's.
        if let Some(&(ns, ne, nent)) = hits.get(i + 1) {
            if ns == he && kind == "country" {
                if let Some((nk, nc)) = kinds(nent) {
                    if nk == "org" && nc != country {
                        let english = r.entities.get(nent).and_then(|body| counterpart_english(r, body, &nc, &country));
                        out.push(Found { start: hs, end: ne, kind: "org", country: country.clone(), english, pinyin: false });
                        continue;
                    }
                }
            }
        }
        // A city's customs house (丹东海关, 珲春海关): "<City> Customs", of the city's country.
        if kind == "place" {
            if let Some(h) = heads.iter().find(|h| h.start == he && h.item.term == "海关" && boundary(m, h.end, &starts)) {
                if !out.iter().any(|f| f.start < h.end && f.end > hs) {
                    let english = r.entities.get(ent).map(|p| format!("{} Customs", p.name_en));
                    out.push(Found { start: hs, end: h.end, kind: "org", country, english, pinyin: false });
                }
            }
            continue;
        }
        // Only a country opens a new body's name (韩国国家情报院); after a known body the text is
        // more often a verb phrase (朝中社发布署名文章).
        if kind != "country" {
            continue;
        }
        // A mission abroad: the country, 驻, where it sits (a place named, or a short form: 驻港)
        // and 大使馆/总领事馆 (中国驻朝鲜大使馆, 美国驻港总领事馆): that country's body, "Chinese
        // Embassy in Pyongyang".
        if m.get(he) == Some(&'驻') {
            let mission = heads.iter().find(|h| h.start > he + 1 && h.start <= he + 6 && ["大使馆", "总领事馆", "领事馆"].contains(&h.item.term.as_str()) && boundary(m, h.end, &starts));
            if let Some(h) = mission {
                // Where it sits: a place or country named (驻朝鲜), or a country's one-character
                // short form (驻华, 驻港); an embassy sits in the capital.
                let named = hits.iter().find(|x| x.0 == he + 1 && x.1 == h.start).map(|x| x.2);
                let short = (h.start == he + 2).then(|| r.country_short.get(&m[he + 1]).copied()).flatten();
                let seat = named.or(short).and_then(|x| r.entities.get(x).map(|e| (x, e)));
                let seat_name = seat.map(|(x, e)| {
                    let capital = (e.kind == "country" && h.item.term == "大使馆").then(|| r.capitals.iter().find(|(_, c)| **c == x).and_then(|(p, _)| r.entities.get(*p))).flatten();
                    capital.unwrap_or(e).name_en.clone()
                });
                let plain = m[he + 1..h.start].iter().all(|c| is_cjk(*c) && !STOP.contains(*c) && *c != '\u{E000}');
                if (named.is_some() || plain) && !out.iter().any(|f| f.start < h.end && f.end > hs) {
                    let english = super::en::demonym(r, &country).map(|d| match &seat_name {
                        Some(p) => format!("{d} {} in {p}", h.item.value),
                        None => format!("{d} {}", h.item.value),
                    });
                    out.push(Found { start: hs, end: h.end, kind: "org", country, english, pinyin: false });
                }
                continue;
            }
        }
        let Some(h) = heads.iter().find(|h| h.start >= he && h.end <= he + 12 && h.end > he + 1) else { continue };
        // Function characters end the span, but not those common inside bodies' names (朝鲜中央
        // 通讯社, 对外经济省, 国会).
        if m[he..h.start].iter().any(|c| !is_cjk(*c) || STOP.contains(*c) && !IN_BODIES.contains(*c) || matches!(*c, '发' | '布' | '署' | '称' | '表' | '示')) {
            continue;
        }
        if out.iter().any(|f| f.start < h.end && f.end > he) || hits.iter().any(|x| x.0 >= he && x.0 < h.end) {
            continue;
        }
        // Not a longer word that merely ends like one (…部分, …局势, …部件): the head ends
        // the name, so a boundary must follow it.
        if !boundary(m, h.end, &starts) && !heads.iter().any(|x| x.start == h.end) {
            continue;
        }
        // A body word with a stated English form right after the country (韩国 + 统一部):
        // that country's body, named in English with the country's adjective.
        let english = (h.start == he && !h.item.value.is_empty()).then(|| super::en::demonym(r, &country).map(|d| format!("{d} {}", h.item.value))).flatten();
        out.push(Found { start: hs, end: h.end, kind: "org", country, english, pinyin: false });
    }
    // A transcript's speaker: a surname and one or two characters opening the line before a
    // colon (何启明：…, 王毅：…).
    {
        let lead = m.iter().take_while(|c| c.is_whitespace() || **c == '\u{3000}').count();
        let surname_at = |a: usize| m.get(a).is_some_and(|c| r.names.surnames.contains_key(&c.to_string()));
        for len in [3usize, 2] {
            if surname_at(lead) && m.get(lead + len).is_some_and(|c| matches!(c, '：' | ':')) && m[lead..lead + len].iter().all(|c| is_cjk(*c) && !STOP.contains(*c)) {
                let name: String = m[lead..lead + len].iter().collect();
                let english = (!korean_surname(r, m[lead])).then(|| super::pinyin_name(r, &name, 1)).flatten();
                let pinyin = english.is_some();
                out.push(Found { start: lead, end: lead + len, kind: "person", country: String::new(), english, pinyin });
                break;
            }
        }
    }
    // A Latin name in parentheses right after a Chinese one is its English form (夏伟（Orville
    // Schell）); right after a run of transliteration or name characters it also marks the
    // run as a name.
    let mut i = 0;
    while i < m.len() {
        if !matches!(m[i], '（' | '(') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < m.len() && (m[j].is_ascii_alphabetic() || matches!(m[j], ' ' | '.' | '-' | '\'' | '’')) {
            j += 1;
        }
        let latin: String = m[i + 1..j].iter().collect();
        let words: Vec<&str> = latin.split_whitespace().collect();
        // (A transliteration note may follow the name inside the brackets: 李一宇（Lee Il-Woo，
        // 音译）.)
        let noted = |k: usize| {
            k < m.len() && matches!(m[k], '，' | ',' | '、') && {
                let note: String = m[k + 1..(k + 4).min(m.len())].iter().collect();
                ["音译）", "译音）", "音譯）", "譯音）", "音译)", "译音)", "音譯)", "譯音)"].contains(&note.as_str())
            }
        };
        let name_like = j < m.len()
            && (matches!(m[j], '）' | ')') || noted(j))
            && (2..=4).contains(&words.len())
            && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) && w.chars().any(|c| c.is_lowercase()));
        if name_like {
            // (A name read one or two characters short of the bracket, 铃木哲|也（Tetsuya Suzuki）:
            // a four-character Japanese name, is the whole run.)
            let short = |f: &Found| f.kind == "person" && f.end < i && i - f.end <= 2 && m[f.end..i].iter().all(|c| is_cjk(*c));
            if let Some(f) = out.iter_mut().find(|f| f.end == i && matches!(f.kind, "person" | "org") || short(f)) {
                f.end = i;
                f.english = Some(latin.clone());
                f.pinyin = false;
            } else if i >= 2 {
                let org = r.names.org_heads.find_str(&latin).iter().any(|h| h.item.role == "suffix");
                let kind = if org { "org" } else { "person" };
                // The name before the parenthesis: a transliteration run (dotted or not), else a
                // surname-led name of two or three characters after a title or a break.
                let mut a = i;
                while a > 0 && (r.names.translit.contains(&m[a - 1]) || matches!(m[a - 1], '·' | '•' | '‧' | '・' | '-')) && i - a < 12 {
                    a -= 1;
                }
                let dotted_run = m[a..i].iter().any(|c| matches!(c, '·' | '•' | '‧' | '・'));
                let start = if org {
                    // An organization: back to a break or a known name.
                    let mut b = i;
                    while b > 0 && is_cjk(m[b - 1]) && !STOP.contains(m[b - 1]) && i - b < 12 {
                        b -= 1;
                    }
                    Some(b)
                } else if dotted_run || (i - a >= 3 && !m[a..i].iter().all(|c| r.names.translit_common.contains(c))) {
                    Some(a)
                } else {
                    let title_end = titles.iter().filter(|t| t.end + 4 >= i && t.end < i).map(|t| t.end).max();
                    match title_end {
                        // (Four characters too: a Japanese name, 铃木哲也（Tetsuya Suzuki）.)
                        Some(te) if (2..=4).contains(&(i - te)) => Some(te),
                        _ => (2..=3).rev().map(|n| i.saturating_sub(n)).find(|&b| {
                            b + 2 <= i
                                && r.names.surnames.contains_key(&m[b].to_string())
                                && (b == 0 || is_break(m[b - 1]) || STOP.contains(m[b - 1]))
                        }),
                    }
                };
                if let Some(a) = start {
                    if i - a >= 2 && !out.iter().any(|f| f.start < i && f.end > a) && !m[a..i].contains(&'\u{E000}') {
                        out.push(Found { start: a, end: i, kind, country: String::new(), english: Some(latin.clone()), pinyin: false });
                    }
                }
            }
        }
        i = j.max(i + 1);
    }
    // An unnamed delegation of a country (朝鲜贸易代表团, 朝鲜劳动党代表团, 越南IT代表团): the role
    // "<demonym> delegation", as English "a DPRK delegation" — unless the text names its head
    // (以金成男为团长的…代表团, X率领的…代表团: the head travels, read by the visit rules).
    let headed = ["为团长", "为首", "率领", "带领", "率"].iter().any(|w| masked.contains(w));
    for &(hs, he, ent) in hits.iter().filter(|_| !headed) {
        let Some((kind, country)) = kinds(ent) else { continue };
        if !matches!(kind.as_str(), "country" | "org") || country.is_empty() || (hs > 0 && !is_break(m[hs - 1]) && !STOP.contains(m[hs - 1])) {
            continue;
        }
        // (A body joined to an earlier one, 美国国务院及商务部…代表团, is not the delegation's
        // country: its own default country is a guess.)
        if kind == "org" && hs > 0 && matches!(m[hs - 1], '及' | '和' | '与' | '、') {
            continue;
        }
        let rest: String = m[he..m.len().min(he + 14)].iter().collect();
        let Some(at) = DELEGATION_WORDS.iter().filter_map(|w| rest.find(w).map(|b| (b, w.chars().count()))).min() else { continue };
        let (gap, wlen) = (&rest[..at.0], at.1);
        let end = he + gap.chars().count() + wlen;
        // (美国国务院及商务部高层代表团: bodies joined after the country are that country's, and
        // so is the delegation; not when a second country is joined, 朝鲜和中国代表团.)
        let bodies_joined = hits.iter().filter(|x| x.0 >= he && x.1 <= end).all(|x| kinds(x.2).is_some_and(|(k, _)| k == "org"));
        if gap.chars().any(|c| is_break(c) && c != '-' && c != '\u{E000}' || STOP.contains(c) && c != '会' && !(bodies_joined && matches!(c, '及' | '和' | '、'))) {
            continue;
        }
        let Some(dem) = super::en::demonym(r, &country) else { continue };
        out.push(Found { start: hs, end, kind: "role", country: country.clone(), english: Some(format!("{dem} delegation")), pinyin: false });
    }
    // A common word is not a name (评论员文章, 专家普遍认为), except a transliteration right after
    // an office, where the frequent foreign names of the news stand (总统普京: jieba lists 普京 as
    // a frequent word).
    let titled = |f: &Found| {
        titles.iter().any(|t| t.item.role == "office" && (t.end == f.start || t.end + 1 == f.start)) && m[f.start..f.end].iter().all(|c| r.names.translit.contains(c))
    };
    out.retain(|f| f.kind != "person" || titled(f) || !r.names.common_words.contains(&m[f.start..f.end].iter().collect::<String>()));
    out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<Found> = Vec::new();
    for f in out {
        if kept.last().is_some_and(|l| f.start < l.end) {
            continue;
        }
        kept.push(f);
    }
    kept
}
