//! Property tests: no input makes extract, clean, normalize or the parsers panic, and the
//! offset invariants hold: 2,000 cases per property in `make test`, 200,000 in `make fuzz`.

use cnkp::model::Mapped;
use cnkp::normalize::{amount, date};
use cnkp::reference::Reference;
use proptest::prelude::*;
use std::sync::LazyLock;

static REFERENCE: LazyLock<Reference> =
    LazyLock::new(|| Reference::load(&super::common::root().join("reference")).expect("reference loads"));

fn text_like() -> impl Strategy<Value = String> {
    // Mixed Chinese, digits, markup and punctuation, biased towards what the rules look at.
    let atoms = prop::sample::select(vec![
        "金正恩",
        "習近平",
        "访问",
        "抵达",
        "北京",
        "朝鲜",
        "表示",
        "称",
        "说",
        "，",
        "。",
        "“",
        "”",
        "年",
        "月",
        "日",
        "至",
        "亿",
        "万",
        "美元",
        "%",
        "吨",
        "[",
        "](../Page/X.md \"wikilink\")",
        "\\[1\\]",
        "-{}-",
        "<p>",
        "&nbsp;",
        "\n",
        "\n\n",
        " ",
        "said",
        "Kim",
        "Xi",
        "May 7-8",
        "2018",
        "3",
        "27",
        ".",
        "第",
        "号决议",
        "公告",
        "据",
        "他",
        "双方",
        "在",
        "与",
        "将于",
        "为期",
        "四天",
        "九成",
        "近",
        "US$",
        "billion",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
}

fn run_all(bytes: &[u8]) {
    if let Ok(x) = cnkp::extract::extract("doc", "doc.txt", bytes) {
        assert_eq!(x.text.chars.len(), x.text.raw.len());
        assert!(x.text.raw.iter().all(|&r| r < x.raw.len()));
        let c = cnkp::clean::clean(x, &REFERENCE.script);
        assert_eq!(c.shadow.len(), c.text.chars.len());
        let mut last = 0;
        for &(a, b) in &c.sentences {
            assert!(a >= last && a < b && b <= c.text.chars.len());
            last = b;
        }
        let _ = cnkp::pipeline::process("doc", "doc.txt", bytes, None, &REFERENCE, Default::default()).expect("extracted once, processes");
    }
}

/// Cases per property in `make test`; `make fuzz` sets PROPTEST_CASES higher.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn prop_arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        run_all(&bytes);
    }

    #[test]
    fn prop_arbitrary_unicode_never_panics(s in any::<String>()) {
        run_all(s.as_bytes());
    }

    #[test]
    fn prop_article_like_text_never_panics(s in text_like()) {
        run_all(s.as_bytes());
    }

    #[test]
    fn prop_date_and_amount_parsers_never_panic(s in any::<String>(), t in text_like(), y in 1000i32..3000, m in 1u32..13, d in 1u32..29) {
        let a = date::Anchor { context: date::PDate::new(y, Some(m), Some(d)), doc: chrono::NaiveDate::from_ymd_opt(y, m, d), this_year: None, stale: false, month_stale: false, range: false, older: false };
        for x in [&s, &t] {
            for found in date::find(x, &a) {
                prop_assert!(found.start < found.end);
                if let Some(e) = found.end_date { prop_assert!(e > found.date); }
            }
            let _ = date::find(x, &date::Anchor::default());
            let _ = amount::find(x);
        }
    }

    #[test]
    fn prop_word_start_captures_equal_a_leading_word_boundary(s in "[ABKMDHrsy.\\- a1_\u{4e2d}\u{e9}]{0,40}") {
        // `captures_at_word_start` stands for `\b` + pattern, on any text: same matches, same groups.
        for pat in [r"([A-Z]{2,}) [A-Z][a-z]", r"(?:Mr|Ms|Mrs|Dr|H\.E)\.? ([A-Z]{2,}) [A-Z][a-z]", r"[A-Z]+s?"] {
            let fast = regex::Regex::new(pat).expect("valid");
            let slow = regex::Regex::new(&format!(r"\b(?:{pat})")).expect("valid");
            let got: Vec<Vec<Option<(usize, usize)>>> = cnkp::model::captures_at_word_start(&fast, &s).iter().map(|c| c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect()).collect();
            let want: Vec<Vec<Option<(usize, usize)>>> = slow.captures_iter(&s).map(|c| c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect()).collect();
            prop_assert_eq!(got, want, "pattern {} on {:?}", pat, s);
        }
    }

    #[test]
    fn prop_scaling_is_exact(i in 0u64..1_000_000_000, frac in 0u32..1000, e in 0u32..13) {
        let s = format!("{i}.{frac:03}");
        let want = (u128::from(i) * 1000 + u128::from(frac)) * 10u128.pow(e);
        let got = amount::scale_decimal(&s, e).expect("decimal");
        // got == want / 1000, written exactly
        let (int, f) = got.split_once('.').unwrap_or((&got, ""));
        let rebuilt = int.parse::<u128>().expect("int") * 1000 + format!("{f:0<3}").parse::<u128>().expect("frac");
        prop_assert_eq!(rebuilt, want);
    }

    #[test]
    fn prop_mapped_edits_keep_offsets(s in "[a-z\\u4e00-\\u4e20 ]{0,40}", cuts in prop::collection::vec((0usize..40, 0usize..5), 0..6)) {
        let raw: Vec<char> = s.chars().collect();
        let m = Mapped::identity(&raw);
        let edits = cuts.into_iter().map(|(a, l)| cnkp::model::Edit { start: a.min(raw.len()), end: (a + l).min(raw.len()), with: String::new() }).collect();
        let e = m.apply(edits);
        for (c, r) in e.chars.iter().zip(&e.raw) {
            prop_assert_eq!(*c, raw[*r]);
        }
        prop_assert!(e.raw.windows(2).all(|w| w[0] < w[1]));
    }
}
