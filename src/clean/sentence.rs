//! Sentence segmentation. Sentences end at 。！？!? (with closing quotes kept), at `. ` in English
//! (not after common abbreviations or initials), and at line breaks. A `；` does not end a
//! sentence. Text inside CJK quotation marks and title marks 《》 is not split (reset at each
//! line break).

const ABBREV: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Lt", "Col", "Gov", "Sen", "Rep", "Prof", "No", "vs", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "U.S", "U.N", "e.g", "i.e", "Inc", "Co", "Corp",
];

fn closing(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '"' | '\'' | ')' | '）' | '》')
}

/// Splits `chars` into sentences `[start, end)`; whitespace-only spans are dropped, and leading
/// and trailing whitespace is trimmed from each sentence.
/// Verbs that close a speaker's attribution after a quotation (“……。”X说。).
const ATTRIBUTION_VERBS: &[&str] = &["说", "說", "表示", "称", "稱", "指出", "强调", "強調", "写道", "寫道", "说道", "說道", "补充说", "補充說", "回应说", "回應說", "透露", "告诉记者", "告訴記者"];

/// Whether the quotation that opened at `start` and closed right before `after` is followed, on
/// the same line, by a short attribution ending in a speech verb and a full stop (or a comma
/// and the rest of the quotation).
fn attribution_follows(chars: &[char], start: usize, after: usize) -> bool {
    let opened = chars[start..after].iter().find(|c| !c.is_whitespace()).is_some_and(|c| matches!(c, '“' | '「' | '『'));
    if !opened {
        return false;
    }
    let rest: String = chars[after..].iter().take(48).take_while(|c| **c != '\n').collect();
    // (Or the quotation goes on after the attribution: “……。”X说，“……。”)
    let split = ["，“", "，「", "：“", "：「"].iter().filter_map(|p| rest.find(p)).min();
    let Some(stop) = rest.find(['。', '！', '？']).into_iter().chain(split).min() else { return false };
    let clause = rest[..stop].trim_end();
    // (Or a verb of telling and its listener: “……。”X告诉《南华早报》，“……。”)
    let told = ["告诉", "告訴"].iter().any(|v| clause.rsplit_once(v).is_some_and(|(_, listener)| listener.chars().count() <= 15));
    !clause.contains(['“', '「', '，', ',', '；']) && (ATTRIBUTION_VERBS.iter().any(|v| clause.ends_with(v)) || told)
}

pub fn split(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth: i32 = 0;
    let mut i = 0;
    let n = chars.len();
    while i < n {
        let c = chars[i];
        match c {
            '“' | '「' | '『' | '《' => depth += 1,
            '”' | '」' | '』' | '》' => depth = (depth - 1).max(0),
            _ => {}
        }
        let mut cut = None;
        let quote_closes_sentence =
            matches!(c, '”' | '」' | '』') && depth == 0 && i > 0 && matches!(chars[i - 1], '。' | '！' | '？' | '!' | '?');
        // …。”，并称: a comma after the closing quote continues the sentence.
        let continues = chars[i + 1..].iter().find(|c| !c.is_whitespace()).is_some_and(|c| matches!(c, '，' | '、' | ',' | '；'));
        // “……。”发言人X在记者会上说。: a quotation whose speaker follows is one sentence with it.
        let attributed = quote_closes_sentence && attribution_follows(chars, start, i + 1);
        if quote_closes_sentence && !continues && !attributed {
            cut = Some(i + 1);
        } else if c == '\n' {
            depth = 0;
            cut = Some(i);
        } else if matches!(c, '。' | '！' | '？' | '!' | '?') && depth == 0 {
            let mut j = i + 1;
            while j < n && (closing(chars[j]) || matches!(chars[j], '。' | '！' | '？' | '!' | '?')) {
                j += 1;
            }
            cut = Some(j);
        } else if c == '.' && english_stop(chars, i) {
            let mut j = i + 1;
            while j < n && closing(chars[j]) {
                j += 1;
            }
            cut = Some(j);
        }
        if let Some(e) = cut {
            push_trimmed(chars, start, e, &mut out);
            start = if c == '\n' { e + 1 } else { e };
            i = start.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(chars, start, n, &mut out);
    out
}

fn english_stop(chars: &[char], i: usize) -> bool {
    let n = chars.len();
    let mut j = i + 1;
    while j < n && closing(chars[j]) {
        j += 1;
    }
    if j < n && !chars[j].is_whitespace() {
        // "…, the report said.In addition to …": a space lost after a full stop, between a
        // lower-case word of three letters or more ("Jong-il" too) and a capitalised one; also
        // after a closing quotation mark ("… armed forces.”Kim Jong-un was …").
        let lower_before = i >= 3
            && chars[i - 2..i].iter().all(|c| c.is_ascii_lowercase())
            && (chars[i - 3].is_ascii_lowercase() || chars[i - 3] == '-' && i >= 4 && chars[i - 4].is_ascii_alphabetic())
            && (i == 3 || !matches!(chars[i - 4], '.' | '/' | '@'));
        let quote_between = j == i + 2 && matches!(chars[i + 1], '”' | '"');
        // (Or before an opening quotation mark: "… installed outright.“Technically, …".)
        if lower_before && j == i + 1 && chars[j] == '“' {
            return chars.get(j + 1).is_some_and(|c| c.is_ascii_uppercase()) && chars.get(j + 2).is_some_and(|c| c.is_ascii_lowercase());
        }
        return lower_before && (j == i + 1 || quote_between) && chars[j].is_ascii_uppercase() && chars.get(j + 1).is_some_and(|c| c.is_ascii_lowercase());
    }
    while j < n && chars[j] == ' ' {
        j += 1;
    }
    if j < n && chars[j].is_lowercase() {
        return false;
    }
    // The word before the dot.
    let mut k = i;
    while k > 0 && (chars[k - 1].is_ascii_alphanumeric() || chars[k - 1] == '.') {
        k -= 1;
    }
    let word: String = chars[k..i].iter().collect();
    if word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    // A dotted abbreviation before a number ("E.O. 13382", "S.C. 2397").
    if j < n && chars[j].is_ascii_digit() && word.contains('.') && word.chars().all(|c| c.is_ascii_uppercase() || c == '.') {
        return false;
    }
    !ABBREV.iter().any(|a| *a == word)
}

fn push_trimmed(chars: &[char], mut a: usize, mut b: usize, out: &mut Vec<(usize, usize)>) {
    b = b.min(chars.len());
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    if b > a {
        out.push((a, b));
    }
}
