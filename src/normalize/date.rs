//! Dates with precision. Finds full and partial dates in Chinese and English, ranges, and
//! relative forms, and resolves them against an anchor (the running context date of the
//! document, or its publication date). A vague form gets the coarser precision it deserves.

use crate::model::month_en;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    /// `year`, `month` or `day`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A date known to some precision (unknown parts are 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct PDate {
    pub y: i32,
    pub m: u32,
    pub d: u32,
    pub p: Precision,
}

impl PDate {
    /// A valid date, or `None`.
    pub fn new(y: i32, m: Option<u32>, d: Option<u32>) -> Option<PDate> {
        if !(1000..=2999).contains(&y) {
            return None;
        }
        let p = match (m, d) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        };
        let (mm, dd) = (m.unwrap_or(1), if m.is_some() { d.unwrap_or(1) } else { 1 });
        NaiveDate::from_ymd_opt(y, mm, dd)?;
        Some(PDate { y, m: mm, d: dd, p })
    }

    /// From a calendar date, at day precision.
    pub fn day(nd: NaiveDate) -> PDate {
        PDate { y: nd.year(), m: nd.month(), d: nd.day(), p: Precision::Day }
    }

    /// The same date cut to a coarser precision.
    pub fn coarsen(self, p: Precision) -> PDate {
        let p = p.min(self.p);
        PDate { y: self.y, m: if p >= Precision::Month { self.m } else { 1 }, d: if p == Precision::Day { self.d } else { 1 }, p }
    }

    /// First calendar day of the period.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.y, self.m, self.d).unwrap_or_default()
    }

    /// Last calendar day of the period.
    pub fn last_day(&self) -> NaiveDate {
        let first = self.first_day();
        match self.p {
            Precision::Day => first,
            Precision::Month => {
                let (y, m) = if self.m == 12 { (self.y + 1, 1) } else { (self.y, self.m + 1) };
                NaiveDate::from_ymd_opt(y, m, 1).map(|d| d - Duration::days(1)).unwrap_or(first)
            }
            Precision::Year => NaiveDate::from_ymd_opt(self.y, 12, 31).unwrap_or(first),
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn text(&self) -> String {
        match self.p {
            Precision::Year => format!("{:04}", self.y),
            Precision::Month => format!("{:04}-{:02}", self.y, self.m),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.y, self.m, self.d),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<PDate> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let y = parts.first()?.parse().ok()?;
        let m = parts.get(1).and_then(|x| x.parse().ok());
        let d = parts.get(2).and_then(|x| x.parse().ok());
        if parts.len() > 3 || (parts.len() >= 2 && m.is_none()) || (parts.len() == 3 && d.is_none()) {
            return None;
        }
        PDate::new(y, m, d)
    }

    /// Whether two dates agree at the coarser of their precisions.
    pub fn agrees(&self, other: &PDate) -> bool {
        let p = self.p.min(other.p);
        self.coarsen(p) == other.coarsen(p)
    }
}

/// A date or a range of dates found in text.
#[derive(Clone, Debug)]
pub struct DateMention {
    /// Char offsets in the searched text.
    pub start: usize,
    pub end: usize,
    pub date: PDate,
    pub end_date: Option<PDate>,
    /// A relative form (去年, 次日, "on Tuesday"): does not move the document's running context.
    pub relative: bool,
    /// Which rule read it (for `mentions.rule`).
    pub rule: &'static str,
}

/// What relative and partial dates are resolved against.
#[derive(Clone, Copy, Debug, Default)]
pub struct Anchor {
    /// The running context: the last explicit date of the document so far.
    pub context: Option<PDate>,
    /// The document's publication date.
    pub doc: Option<NaiveDate>,
    /// "This year" of a page with no publication date, when something else tells it (the
    /// newest upload folder of its images): what 今年/去年 count from before the running context.
    pub this_year: Option<i32>,
    /// The running context is a bare year set in an earlier paragraph of a dated page (2024年
    /// 中朝贸易总额… then, a paragraph later, 1月份): a month without a year counts from the
    /// publication date, not from that year.
    pub stale: bool,
    /// The running context is a month with no day, set in an earlier paragraph of a dated page
    /// (今年六月在新加坡举行了峰会 … then 比根10号抵达韩国): a day written alone is of the
    /// publication's month, not that one.
    pub month_stale: bool,
    /// The running context is the first day of a span ("on March 18 and 19"): "the same day"
    /// after it names no one day.
    pub range: bool,
    /// The running context is of an earlier year than the page's and was set in an earlier
    /// paragraph (a dated photo caption, an aside): a day and month within a week of
    /// publication (据路透社首尔于4月18日报道) are the page's own, not that year's.
    pub older: bool,
}

impl Anchor {
    fn year(&self) -> Option<i32> {
        if self.stale {
            return self.doc.map(|d| d.year());
        }
        self.context.map(|c| c.y).or(self.doc.map(|d| d.year()))
    }
    /// The year of a month (and day) written without one: the running context's, or on a stale
    /// context the latest such date not after the publication date.
    fn year_of(&self, mo: Option<u32>, day: Option<u32>) -> Option<i32> {
        if let Some(y) = self.near_publication(mo, day) {
            return Some(y);
        }
        let y = self.year()?;
        if !self.stale {
            return Some(y);
        }
        match (self.doc, mo.and_then(|m| NaiveDate::from_ymd_opt(y, m, day.unwrap_or(1)))) {
            (Some(doc), Some(date)) if date > doc + chrono::Duration::days(3) => Some(y - 1),
            _ => Some(y),
        }
    }
    /// The page's year, for a day and month without a year that in that year fall within a
    /// week before publication (or three days after), when the running context is `older`.
    fn near_publication(&self, mo: Option<u32>, day: Option<u32>) -> Option<i32> {
        let (true, Some(doc), Some(mo), Some(day)) = (self.older, self.doc, mo, day) else { return None };
        let date = NaiveDate::from_ymd_opt(doc.year(), mo, day)?;
        (date <= doc + chrono::Duration::days(3) && date + chrono::Duration::days(7) >= doc).then_some(doc.year())
    }
    fn month(&self) -> Option<(i32, u32)> {
        if self.month_stale {
            if let Some(d) = self.doc {
                return Some((d.year(), d.month()));
            }
        }
        match self.context {
            Some(c) if c.p >= Precision::Month => Some((c.y, c.m)),
            Some(_) => None,
            None => self.doc.map(|d| (d.year(), d.month())),
        }
    }
    fn today(&self) -> Option<NaiveDate> {
        self.doc.or(self.context.filter(|c| c.p == Precision::Day).map(|c| c.first_day()))
    }
    fn doc_year(&self) -> Option<i32> {
        self.doc.map(|d| d.year()).or(self.this_year).or(self.context.map(|c| c.y))
    }
}

/// The year of an English month or day written without one ("visited Pyongyang in July",
/// "on July 5"): the running year, unless that puts a past event after the publication date
/// (then the year before). A plan ("will visit in July", "scheduled for July") keeps the year.
fn year_without(anchor: &Anchor, text: &str, at: usize, mo: Option<u32>, day: Option<u32>) -> Option<i32> {
    if let Some(y) = anchor.near_publication(mo, day) {
        return Some(y);
    }
    let y = anchor.year()?;
    let (Some(today), Some(mo)) = (anchor.today(), mo) else { return Some(y) };
    let Some(date) = NaiveDate::from_ymd_opt(y, mo, day.unwrap_or(1)) else { return Some(y) };
    // The clause before the date, back to its sentence's start (at most 120 characters: "X
    // will pay an official visit to North Korea on March 10-12" puts the "will" far back).
    let head: String = text[..at].chars().rev().take(120).collect::<Vec<char>>().into_iter().rev().collect();
    let head = head.rsplit(['\n', '。', '!', '?']).next().unwrap_or("");
    let head = head.rsplit(". ").next().unwrap_or("").to_lowercase();
    let future = ["will", "would", "to be", "to visit", "to travel", "scheduled", "plans", "planned", "expected", "due", "next", "upcoming", "later this"]
        .iter()
        .any(|w| head.contains(w));
    // A plan is never long before the publication: a running year an earlier paragraph left
    // ("the 2025 APEC summit … Trump's planned visit to China in April" in a story of January
    // 2026) gives way to the publication's year, or the next. ("would" tells a past plan.)
    let plan = ["will", "scheduled", "plans", "planned", "upcoming", "next", "set to", "due to"].iter().any(|w| head.contains(w));
    if plan && y < today.year() {
        let ty = today.year();
        if let Some(d) = NaiveDate::from_ymd_opt(ty, mo, day.unwrap_or(1)) {
            let ahead = if day.is_some() { d + chrono::Duration::days(3) >= today } else { mo >= today.month() };
            if ahead {
                return Some(ty);
            }
            if plan_next_year(today, ty, d) {
                return Some(ty + 1);
            }
        }
    }
    if date <= today + chrono::Duration::days(3) {
        return Some(if future && plan_next_year(today, y, date) { y + 1 } else { y });
    }
    Some(if future { y } else { y - 1 })
}

/// A plan dated by a day or month of the running year that is long past ("will visit Beijing
/// from Jan. 4", 将于1月4日访问 in a story of late December) is next year's, when that puts it
/// within half a year ahead.
fn plan_next_year(today: NaiveDate, y: i32, date: NaiveDate) -> bool {
    y == today.year()
        && date + chrono::Duration::days(90) < today
        && date.with_year(y + 1).is_some_and(|next| next <= today + chrono::Duration::days(183))
}

/// The year of a Chinese month written without one, when it is the publication year's but
/// that month is still ahead: 12月下旬…访问北京 in a story of January tells last December, unless
/// the sentence plans it (将, 预计) or sets it as a deadline (12月底前).
fn past_month_year(anchor: &Anchor, y: i32, mo: Option<u32>, d: Option<u32>, before: &str, after: &str) -> i32 {
    let (Some(doc), Some(mo)) = (anchor.doc, mo) else { return y };
    let Some(date) = NaiveDate::from_ymd_opt(y, mo, d.unwrap_or(1)) else { return y };
    // (The plan word may follow the date in its sentence, outside a quotation: 从9月18日到20日，
    // 双方将举行峰会.)
    let rest = after.split(['。', '；', '！', '？', '“', '「', '"']).next().unwrap_or("");
    let planned = ZH_PLAN.iter().any(|w| before.contains(w) || rest.contains(w)) || modal_hui(before);
    let plan = planned || ["前", "之前", "以前", "底前", "起", "开始"].iter().any(|w| after.trim_start_matches(['上', '中', '下', '旬', '初', '底', '末']).starts_with(w));
    if y == doc.year() && date > doc + chrono::Duration::days(3) && !plan {
        y - 1
    } else if planned && plan_next_year(doc, y, date) {
        y + 1
    } else {
        y
    }
}

/// 会 as the modal "will" in the clause before a date (会派遣代表团十月份访问, 也会在10月):
/// not the 会 of a noun or a verb it forms (会谈, 会见, 大会, 社会, 峰会, 会上).
fn modal_hui(before: &str) -> bool {
    let tail: Vec<char> = before.chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
    let clause_start = tail.iter().rposition(|c| matches!(c, '，' | '；' | '：' | '“' | '「')).map_or(0, |i| i + 1);
    let clause = &tail[clause_start..];
    clause.iter().enumerate().any(|(i, &c)| {
        c == '会'
            && !clause.get(i + 1).is_some_and(|n| "议见谈晤面上后前长场所员址期计务费标徽旗堂馆话合同师友客演聚商".contains(*n))
            && !i.checked_sub(1).and_then(|j| clause.get(j)).is_some_and(|p| "社大国峰宴集开照协学工委理常联机都体约聚领误幽晚舞年酒例赛展博庙盛茶年酒总商议省".contains(*p))
    })
}

/// Words that make a Chinese date ahead of the publication date a plan, not a past event.
const ZH_PLAN: &[&str] = &["将", "拟", "计划", "预计", "定于", "准备", "即将", "届时", "预定", "有望"];

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect("valid regex"));
    };
}

// A headline's plan: a capitalized subject of one to four words, then "to" and a verb of
// travel or meeting ("President Lee to make state visit to China from Sunday").
re!(RE_HEADLINE_PLAN, r"^\s*(?:[A-Z][\w.'’-]*\s+){1,4}to\s+(?:make|pay|visit|travel|tour|hold|attend|meet|host)\b");

const SEP: &str = r"\s*(?:至|到|-|—|–|~|～|和)\s*";
re!(
    RE_YMD,
    &format!(r"(\d{{4}})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*(?:[日号]?{SEP}(?:(\d{{1,2}})\s*月\s*)?(\d{{1,2}})\s*[日号]|[日号])")
);
re!(RE_YMD_ISO, r"\b(\d{4})-(\d{2})-(\d{2})\b");
re!(RE_YM, &format!(r"(\d{{4}})\s*年\s*(\d{{1,2}})\s*月(?:{SEP}(\d{{1,2}})\s*月)?"));
re!(
    RE_MD,
    &format!(
        r"(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*[日号]?(?:{SEP}(?:(\d{{1,2}})\s*月\s*)?(\d{{1,2}})\s*[日号])|(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*[日号]"
    )
);
re!(RE_YY, r"(\d{4})\s*年?\s*(?:至|到|-|—|–)\s*(\d{4})\s*年");
re!(RE_Y, r"(\d{4})\s*年(初|底|末|中|年初|年底|年末)?");
re!(RE_M, r"(\d{1,2})\s*月(?:份)?");
// A month in Chinese numerals (五月初, 今年十月, 2019年十一月): months only, the common case in
// Hong Kong and Taiwan prose; days in numerals stay unread.
re!(RE_M_ZH, r"(?:(\d{4})\s*年\s*)?(十[一二]|[一二三四五六七八九十])\s*月(?:份)?");
re!(RE_MM, r"(\d{1,2})\s*(?:-|—|–|~|～|至|到)\s*(\d{1,2})\s*月(?:份)?");
/// What may follow a day written with 号 alone (a verb, a time of day, a clause break).
const ZH_HAO_NEXT: &[&str] = &[
    "抵达", "到达", "到访", "前往", "起", "前", "晚", "早", "上午", "下午", "凌晨", "中午", "傍晚", "夜", "透露", "表示", "说", "宣布", "举行", "会见", "会晤",
    "访问", "发表", "出发", "离开", "启程", "召开", "公布", "发布", "签署", "通过", "报道", "指出", "致电", "举办", "开始", "结束", "当天", "，", "。", "、", "在",
    "至", "到", "将", "也", "还", "又", "就", "已", "刚",
];
re!(RE_D, &format!(r"(\d{{1,2}})\s*[日号]?{SEP}(\d{{1,2}})\s*[日号]|(\d{{1,2}})\s*[日号]"));
re!(RE_REL_MD, r"(今年|去年|明年|前年)\s*([0-9]{1,2})\s*(?:月\s*)?(?:(?:至|到|-|—|–|~|～)\s*([0-9]{1,2})\s*)?月(?:\s*([0-9]{1,2})\s*[日号])?");
re!(
    RE_REL,
    r"今年|去年|明年|前年|当年|是年|同年|翌年|次年|次日|翌日|同日|当天|当日|本月|上个?月|这个?月|当月|同月|下个?月|昨天|昨日|前天|今天|今日|今晚|日前|不久前|近日|前不久|上个?(?:周|星期|礼拜)|(?:本|这)个?(?:周|星期|礼拜)|下个?(?:周|星期|礼拜)"
);
// A day of a month named relative to publication: 本月12日, 上个月28日, 下月3号.
re!(RE_REL_MONTH_DAY, r"(本月|这个?月|上个?月|下个?月)\s*(\d{1,2})\s*[日号]");
// Taiwan press: 今（20）日, 昨（19）日 — the day of the month in parentheses after the relative day.
re!(RE_REL_PAREN, r"([今昨前明])\s*[（(]\s*(\d{1,2})\s*[）)]\s*日");
// 周日（10）: a bare day number in brackets after a weekday.
re!(RE_BRACKET_DAY, r"^[（(]([0-9]{1,2})[）)]");
re!(RE_WD_ZH, r"(上|下|本|这)?个?(?:周|星期|礼拜)([一二三四五六日天])");
const MON: &str = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
re!(RE_ZH_DAYS_AGO, r"([0-9]{1,2}|[一二两三四五六七八九十]{1,3})天(?:前|以前|之前)");
// 8个月前, 两年前: months or years counted back from publication (not 2018年前往, 年前来).
re!(RE_ZH_UNITS_AGO, r"(^|[^0-9])([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(个月|個月|年)(?:前|以前|之前)([往来夕]?)");
re!(RE_ZH_UNITS_LATER, r"(^|[^0-9])([0-9]{1,2}|[一二两兩三四五六七八九十]{1,3})\s*(个月|個月|年)(?:之后|之後|以后|以後|后|後)");
re!(RE_EN_UNITS_LATER, r"\b([0-9]{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+(months?|years?)\s+later\b");
re!(RE_EN_UNITS_AGO, r"\b([0-9]{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+(months?|years?)\s+ago\b");
re!(RE_EN_DAYS_AGO, r"\b([0-9]{1,2}|(?i:a|one|two|three|four|five|six|seven|eight|nine|ten))\s+days?\s+ago\b");
re!(RE_EN_NEXT_DAY, r"\b(?:(?i:the)\s+(?:following|next)\s+day|(?i:a)\s+day\s+later|((?i:the)\s+same\s+day|(?i:that)\s+(?:same\s+)?day|(?:later|earlier)\s+that\s+day))\b");
re!(RE_EN_MD, &format!(r"\b{MON}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:(?:\s*[-–]\s*|\s+(?:to|through|until|till|and)\s+)(\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(\d{{4}}))?\b"));
// "May 30 to June 2, 2019": a range across two months.
re!(RE_EN_MDMD, &format!(r"\b{MON}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*|\s+(?:to|through|until|till)\s+){MON}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b"));
re!(RE_EN_DM, &format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:(?:\s*[-–]\s*|\s+(?:to|through|until|till|and)\s+)(\d{{1,2}})(?:st|nd|rd|th)?)?\s+{MON}\.?(?:,?\s+(\d{{4}}))?\b"));
re!(RE_EN_MY, &format!(r"\b{MON}\.?,?\s+(\d{{4}})\b"));
// A span of months: "the January-June period", "January to September 2023", "Jan.-Sept.".
re!(RE_EN_MM, &format!(r"\b{MON}\.?(?:\s*[-–]\s*|\s+(?:to|through)\s+){MON}\b\.?(?:,?\s+(\d{{4}}))?"));
re!(RE_EN_M, &format!(r"\b(?:in|In|since|Since|by|By|early|late|mid-|until|Until)\s+{MON}\b(?:\.)?(?:\s+|,|$)"));
re!(RE_EN_Y, r"\b(?:in|In|since|Since|by|By|of|during|During|until|Until|after|After|before|Before|around|from|From|through|early|late|mid|mid-|Between|between)\s+(\d{4})\b");
re!(RE_EN_Y_MORE, r"^(?:\s*,\s*|,?\s+(?:and|or)\s+)((?:1[89]|20)\d{2})\b(?:\s*[,.;]|\s+(?:and|or)\b|\s+[A-Z]|\s+(?:to|when|as|he|she|they|it|the)\b|$)");
// "a 2000 visit", "his 1999 trip": a year written as an attribute of an event noun.
re!(RE_EN_Y_NOUN, r"\b(?:a|an|the|his|her|their|its)\s+(?:(?:previous|earlier|later|first|second|third|last|subsequent|return|historic|landmark|official|state|secret|brief)\s+)?((?:1[89]|20)\d{2})\s+(?:[A-Za-z-]+\s+){0,3}?(?:visit|trip|tour|summit|meeting|talks|election|test|conflict|war|raid|crisis|attack|bombing|launch|coup|invasion|ceasefire|negotiations|conference|forum|congress|Olympics|Games|Summit|War|Conference|Congress|Forum)s?\b");
re!(RE_EN_Y_PAREN, r"\((1[89][0-9]{2}|20[0-9]{2})(?:\s+est\.?|[–-](?:[0-9]{2}|[0-9]{4}))?\)|(?:'s|’s)\s+(1[89][0-9]{2}|20[0-9]{2})\s+(?:visit|trip|summit|meeting|talks|agreement|election|test|census)\b");
re!(RE_EN_LASTMONTH, &format!(r"\b(last|this|next|Last|This|Next|earlier this|later this)\s+{MON}\b"));
re!(
    RE_EN_REL,
    r"\b(?:(last|next|this|on|On|Last|This|Next)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow|Today|Yesterday|Tomorrow)\b|\b(last year|this year|next year|earlier this year|later this year|earlier this month|later this month|last month|this month|next month|last week|this week|earlier this week|later this week|next week|Last year|This year|Last month|Last week|Earlier this month|Earlier this week)\b"
);

fn num(s: Option<regex::Match>) -> Option<u32> {
    s.and_then(|m| m.as_str().parse().ok())
}

fn weekday_zh(c: &str) -> Option<Weekday> {
    Some(match c {
        "一" => Weekday::Mon,
        "二" => Weekday::Tue,
        "三" => Weekday::Wed,
        "四" => Weekday::Thu,
        "五" => Weekday::Fri,
        "六" => Weekday::Sat,
        "日" | "天" => Weekday::Sun,
        _ => return None,
    })
}

fn weekday_en(s: &str) -> Option<Weekday> {
    s.parse::<Weekday>().ok()
}

/// The most recent `wd` on or before `today`, shifted by whole weeks (`weeks = 1`: the next
/// one after `today`; `-1`: the one a week before the most recent).
fn weekday_near(today: NaiveDate, wd: Weekday, weeks: i64) -> NaiveDate {
    let back = (today.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64).rem_euclid(7);
    today - Duration::days(back) + Duration::weeks(weeks)
}

/// The first `wd` after `day` (one to seven days later): 周二及周三 is the Wednesday after that
/// Tuesday.
fn weekday_after(day: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead = (wd.num_days_from_monday() as i64 - day.weekday().num_days_from_monday() as i64).rem_euclid(7);
    day + Duration::days(if ahead == 0 { 7 } else { ahead })
}

/// Words that make an English clause a plan: a weekday in it is ahead.
const PLAN_WORDS: &[&str] = &["will ", "to be held", "scheduled to ", "due to ", "plans to ", "planning to ", "expected to ", "set to "];

/// A weekday opening its clause with the plan after it ("On Tuesday, Lee will meet …", "…;
/// on Wednesday he is scheduled to …"): `lead` is the sentence before the weekday, `rest` after
/// it. The plan word must come before any reporting verb ("On Tuesday, he said he will …" is
/// past).
fn plan_after_opening(lead: &str, rest: &str) -> bool {
    let lead = lead.trim_end();
    let lead = lead.strip_suffix("On").or_else(|| lead.strip_suffix("on")).unwrap_or(lead).trim_end();
    if !(lead.is_empty() || lead.ends_with([',', ';', ':']) || lead.ends_with("--")) {
        return false;
    }
    let clause = outside_quotes(rest.split(['.', ';']).next().unwrap_or(""));
    let plan = PLAN_WORDS.iter().filter_map(|w| clause.find(w)).min();
    let reported = [" said", " told", " announced", " reported", " added", " says"].iter().filter_map(|w| clause.find(w)).min();
    plan.is_some_and(|p| reported.is_none_or(|r| p < r))
}

/// `text` without its quoted passages ("…" and “…”; an unclosed quotation runs to the end).
fn outside_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    for c in text.chars() {
        match (open, c) {
            (None, '"') => open = Some('"'),
            (None, '“') => open = Some('”'),
            (Some(close), c) if c == close => open = None,
            (None, c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Finds every date in `text` (Simplified shadow or English, digits folded), resolving partial
/// and relative forms against `anchor`, and, within the text, against the explicit dates before
/// them (5月29日…30日至31日 → May 30–31). Mentions do not overlap; earlier, then longer, win.
pub fn find(text: &str, anchor: &Anchor) -> Vec<DateMention> {
    let first = find_once(text, anchor);
    // Anchors: every explicit date that names at least a month or a year.
    // (A month of a year named relative to the report, 去年3月, is one too: 去年3月、5月、6月
    // are three months of last year.)
    let is_full = |m: &DateMention| (!m.relative && m.rule != "date:zh-day") || (m.relative && m.date.p == Precision::Year) || m.rule == "date:zh-relative-month";
    let c2b: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    // Anchors without a year of their own (5月29日) take it from the anchor before them.
    let mut fulls: Vec<DateMention> = first.iter().filter(|m| is_full(m)).cloned().collect();
    if fulls.is_empty() {
        return weekday_days(text, first);
    }
    let own_year = |m: &DateMention| {
        matches!(m.rule, "date:zh-ymd" | "date:iso" | "date:zh-ym" | "date:zh-year-range" | "date:zh-year" | "date:en-my" | "date:en-year" | "date:zh-relative-month")
    };
    for i in 1..fulls.len() {
        if own_year(&fulls[i]) {
            continue;
        }
        let ctx = Anchor { context: Some(fulls[i - 1].date), doc: anchor.doc, this_year: anchor.this_year, stale: false, month_stale: false, range: false, older: false };
        // Re-read with the words before it since the previous anchor ("will pay a visit on
        // March 10-12": a plan keeps its year).
        let from = fulls[i - 1].end.min(fulls[i].start);
        let sub = &text[c2b[from]..c2b[fulls[i].end]];
        if let Some(again) = find_once(sub, &ctx).into_iter().find(|m| m.start == fulls[i].start - from) {
            if again.end == fulls[i].end - from {
                fulls[i].date = again.date;
                fulls[i].end_date = again.end_date;
            }
        }
    }
    let fulls: Vec<&DateMention> = fulls.iter().collect();
    // Before the first full date: as read. After each full date: re-read the stretch up to the
    // next full date with that date as the context.
    let mut out: Vec<DateMention> = first.iter().filter(|m| m.end <= fulls[0].start).cloned().collect();
    for (i, f) in fulls.iter().enumerate() {
        out.push((*f).clone());
        let seg_end = fulls.get(i + 1).map(|n| n.start).unwrap_or(c2b.len() - 1);
        if seg_end <= f.end {
            continue;
        }
        let seg = &text[c2b[f.end]..c2b[seg_end]];
        let ctx = Anchor { context: Some(f.date), doc: anchor.doc, this_year: anchor.this_year, stale: false, month_stale: false, range: false, older: false };
        for mut m in find_once(seg, &ctx) {
            m.start += f.end;
            m.end += f.end;
            out.push(m);
        }
    }
    weekday_days(text, crate::model::non_overlapping(out, |d| (d.start, d.end)))
}

/// 周四（28日）: a day of the month in brackets right after a weekday is that weekday's date,
/// whatever month the context was in; it is read as the day with that number nearest the
/// weekday's date (within a week). So is a bare number in brackets (周日（10）).
fn weekday_days(text: &str, mut found: Vec<DateMention>) -> Vec<DateMention> {
    if !text.contains('（') && !text.contains('(') {
        return found;
    }
    let chars: Vec<char> = text.chars().collect();
    let nearest = |wd: NaiveDate, n: u32| (0..=7i64).flat_map(|k| [wd + Duration::days(k), wd - Duration::days(k)]).find(|d| d.day() == n);
    for w in found.iter_mut().filter(|w| w.rule == "date:zh-weekday" && w.date.p == Precision::Day) {
        let tail: String = chars[w.end.min(chars.len())..(w.end + 4).min(chars.len())].iter().collect();
        let n = RE_BRACKET_DAY.captures(&tail).and_then(|c| c[1].parse::<u32>().ok()).filter(|n| (1..=31).contains(n));
        if let Some(d) = n.and_then(|n| nearest(w.date.first_day(), n)) {
            w.date = PDate::day(d);
        }
    }
    for i in 1..found.len() {
        let (w, m) = (&found[i - 1], &found[i]);
        let bracketed = w.end + 1 == m.start && matches!(chars.get(w.end), Some('（' | '('));
        if !bracketed || w.rule != "date:zh-weekday" || m.rule != "date:zh-day" || w.date.p != Precision::Day || m.date.p != Precision::Day {
            continue;
        }
        if let Some(d) = nearest(w.date.first_day(), m.date.first_day().day()) {
            found[i].date = PDate::day(d);
        }
    }
    found
}

fn find_once(text: &str, anchor: &Anchor) -> Vec<DateMention> {
    let b2c = crate::model::byte_to_char(text);
    // Each pattern runs only where a literal it cannot match without is present: the same
    // matches (parse() reads ASCII digits only), without a capture search on every sentence.
    let digits = text.bytes().any(|b| b.is_ascii_digit());
    let latin = text.bytes().any(|b| b.is_ascii_alphabetic());
    let has = |c: char| text.contains(c);
    let mut found: Vec<DateMention> = Vec::new();
    let mut add = |s: usize, e: usize, date: Option<PDate>, end: Option<PDate>, relative: bool, rule: &'static str| {
        if let Some(date) = date {
            let end = end.filter(|x| *x > date);
            found.push(DateMention { start: b2c[s], end: b2c[e], date, end_date: end, relative, rule });
        }
    };
    for c in RE_YMD.captures_iter(if digits && has('年') && has('月') { text } else { "" }) {
        let m = c.get(0).expect("m");
        let y = c[1].parse().ok();
        let (mo, d) = (num(c.get(2)), num(c.get(3)));
        let start = y.and_then(|y| PDate::new(y, mo, d));
        let end = y.and_then(|y| PDate::new(y, num(c.get(4)).or(mo), num(c.get(5))));
        add(m.start(), m.end(), start, end, false, "date:zh-ymd");
    }
    for c in RE_YMD_ISO.captures_iter(if digits { text } else { "" }) {
        let m = c.get(0).expect("m");
        add(m.start(), m.end(), c[1].parse().ok().and_then(|y| PDate::new(y, num(c.get(2)), num(c.get(3)))), None, false, "date:iso");
    }
    for c in RE_YM.captures_iter(if digits && has('年') && has('月') { text } else { "" }) {
        let m = c.get(0).expect("m");
        if text[m.end()..].trim_start().starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let y = c[1].parse().ok();
        let start = y.and_then(|y| PDate::new(y, num(c.get(2)), None));
        let end = y.and_then(|y| num(c.get(3)).and_then(|m2| PDate::new(y, Some(m2), None)));
        add(m.start(), m.end(), start, end, false, "date:zh-ym");
    }
    for c in RE_YY.captures_iter(if digits { text } else { "" }) {
        let m = c.get(0).expect("m");
        let s = c[1].parse().ok().and_then(|y| PDate::new(y, None, None));
        let e = c[2].parse().ok().and_then(|y| PDate::new(y, None, None));
        add(m.start(), m.end(), s, e, false, "date:zh-year-range");
    }
    for c in RE_Y.captures_iter(if digits && has('年') { text } else { "" }) {
        let m = c.get(0).expect("m");
        let rest = &text[m.end()..];
        if rest.starts_with('代') || (c.get(2).is_none() && rest.trim_start().starts_with(|ch: char| ch.is_ascii_digit())) {
            continue;
        }
        add(m.start(), m.end(), c[1].parse().ok().and_then(|y| PDate::new(y, None, None)), None, false, "date:zh-year");
    }
    for c in RE_MD.captures_iter(if digits && has('月') { text } else { "" }) {
        let m = c.get(0).expect("m");
        if text[..m.start()].ends_with(|ch: char| ch.is_ascii_digit() || ch == '年') {
            continue;
        }
        let (mo, d, mo2, d2) = if c.get(1).is_some() {
            (num(c.get(1)), num(c.get(2)), num(c.get(3)).or(num(c.get(1))), num(c.get(4)))
        } else {
            (num(c.get(5)), num(c.get(6)), None, None)
        };
        let y = anchor.year_of(mo, d).map(|y| past_month_year(anchor, y, mo, d, &text[..m.start()], &text[m.end()..]));
        let start = y.and_then(|y| PDate::new(y, mo, d));
        let end = y.and_then(|y| d2.and_then(|d2| PDate::new(y, mo2, Some(d2))));
        add(m.start(), m.end(), start, end, false, "date:zh-md");
    }
    // 1-5月, 1至5月 (a customs period written without its year): the months of the year the
    // last of them falls in.
    for c in RE_MM.captures_iter(if digits && has('月') { text } else { "" }) {
        let m = c.get(0).expect("m");
        let before = &text[..m.start()];
        if before.ends_with(|ch: char| ch.is_ascii_digit() || ch == '年' || ch == '.') {
            continue;
        }
        let (Some(m1), Some(m2)) = (num(c.get(1)), num(c.get(2))) else { continue };
        if !(1..=12).contains(&m1) || !(1..=12).contains(&m2) || m1 >= m2 {
            continue;
        }
        let y = anchor.year_of(Some(m2), None);
        add(m.start(), m.end(), y.and_then(|y| PDate::new(y, Some(m1), None)), y.and_then(|y| PDate::new(y, Some(m2), None)), false, "date:zh-month-range");
    }
    for c in RE_M.captures_iter(if digits && has('月') { text } else { "" }) {
        let m = c.get(0).expect("m");
        let before = &text[..m.start()];
        if before.ends_with(|ch: char| ch.is_ascii_digit() || ch == '年' || ch == '.')
            || text[m.end()..].trim_start().starts_with(|ch: char| ch.is_ascii_digit())
        {
            continue;
        }
        let Some(mo) = num(c.get(1)) else { continue };
        let y = anchor.year_of(Some(mo), None).map(|y| past_month_year(anchor, y, Some(mo), None, before, &text[m.end()..]));
        add(m.start(), m.end(), y.and_then(|y| PDate::new(y, Some(mo), None)), None, false, "date:zh-month");
    }
    for c in RE_M_ZH.captures_iter(if has('月') { text } else { "" }) {
        let m = c.get(0).expect("m");
        let before = &text[..m.start()];
        // Not part of a longer numeral or a count (十五月, 三个月 does not match; 第五月, 每月).
        // (A span after 相隔/时隔/近/约: 相隔一月 is a month apart, not January.)
        if before.ends_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '〇', '零', '两', '第', '每', '个', '隔', '近', '约', '逾', '满'])
            || text[m.end()..].starts_with(['天', '球', '饼'])
            // An event named by its month (八月宗派事件, 十月革命) is a name, not a date.
            || ["革命", "事件", "宗派", "起义", "运动", "危机"].iter().any(|w| text[m.end()..].starts_with(w))
        {
            continue;
        }
        let mo = match c[2].chars().collect::<Vec<_>>()[..] {
            ['十', '一'] => 11,
            ['十', '二'] => 12,
            [ch] => "一二三四五六七八九十".chars().position(|x| x == ch).map_or(0, |i| i as u32 + 1),
            _ => 0,
        };
        if mo == 0 {
            continue;
        }
        let (y, rule) = match c.get(1).and_then(|y| y.as_str().parse::<i32>().ok()) {
            Some(y) => (Some(y), "date:zh-ym"),
            None => (anchor.year_of(Some(mo), None).map(|y| past_month_year(anchor, y, Some(mo), None, before, &text[m.end()..])), "date:zh-month"),
        };
        add(m.start(), m.end(), y.and_then(|y| PDate::new(y, Some(mo), None)), None, false, rule);
    }
    for c in RE_D.captures_iter(if digits && (has('日') || has('号')) { text } else { "" }) {
        let m = c.get(0).expect("m");
        let before = &text[..m.start()];
        let after = &text[m.end()..];
        // 号 also numbers things (光明星3号卫星, 火星15号, 2号线): a day only before a verb or a
        // time of day (比根10号抵达, 白宫10号透露, 12号到15号他将访问).
        // (A span, 12号到15号, is days whatever follows.)
        if m.as_str().ends_with('号') && (c.get(1).is_none() && !ZH_HAO_NEXT.iter().any(|w| after.starts_with(w)) || before.ends_with(['星', '河', '型', '线', '楼', '号', '代', '门', '台', '编', '舰'])) {
            continue;
        }
        if before.ends_with(|ch: char| ch.is_ascii_digit() || ch == '.' || ch == '第' || ch == '月' || ch == '年')
            || after.starts_with(['本', '元', '圆', '语'])
            // 人民日报 is a paper; 9日报道 is a day.
            || after.starts_with('报') && !after.starts_with("报道") && !after.starts_with("报导")
        {
            continue;
        }
        let Some((mut y, mut mo)) = anchor.month() else { continue };
        let (d, d2) = if c.get(1).is_some() { (num(c.get(1)), num(c.get(2))) } else { (num(c.get(3)), None) };
        // A day after today in today's month, told as past (29日抵达 in a story of 2 October),
        // fell in the month before; a plan (将于29日) keeps this month.
        // And a plan (将于25日) read in an earlier month's context is this month's, if that
        // day is still ahead.
        if let (Some(today), Some(day)) = (anchor.doc, d) {
            let this_month = today.year() == y && today.month() == mo;
            // (Or after it in its clause: 12号到15号他将访问.)
            let clause_after = &after[..after.find(['，', '。', '；', ',', ';']).unwrap_or(after.len())];
            let plan = ZH_PLAN.iter().any(|w| before.contains(w) || clause_after.contains(w));
            if this_month && day > today.day() + 3 && !plan {
                let prev = if mo == 1 { (y - 1, 12) } else { (y, mo - 1) };
                if NaiveDate::from_ymd_opt(prev.0, prev.1, day).is_some() {
                    (y, mo) = prev;
                }
            } else if plan && !this_month && day >= today.day() && NaiveDate::from_ymd_opt(y, mo, day).is_some_and(|x| x < today) {
                (y, mo) = (today.year(), today.month());
            }
        }
        let start = PDate::new(y, Some(mo), d);
        let end = d2.and_then(|d2| PDate::new(y, Some(mo), Some(d2)));
        add(m.start(), m.end(), start, end, false, "date:zh-day");
    }
    for c in RE_REL_MD.captures_iter(if digits && has('月') { text } else { "" }) {
        let m = c.get(0).expect("m");
        let off = match &c[1] {
            "去年" => -1,
            "前年" => -2,
            "明年" => 1,
            _ => 0,
        };
        // 今年1至5月: a range of months (no day then).
        let (date, end) = match c.get(3) {
            Some(m2) => (
                anchor.doc_year().and_then(|y| PDate::new(y + off, num(c.get(2)), None)),
                anchor.doc_year().and_then(|y| PDate::new(y + off, m2.as_str().parse().ok(), None)),
            ),
            None => (anchor.doc_year().and_then(|y| PDate::new(y + off, num(c.get(2)), num(c.get(4)))), None),
        };
        add(m.start(), m.end(), date, end, true, "date:zh-relative-month");
    }
    for c in RE_REL_MONTH_DAY.captures_iter(if digits { text } else { "" }) {
        let m = c.get(0).expect("m");
        let step = match &c[1] {
            w if w.starts_with('上') => -1,
            w if w.starts_with('下') => 1,
            _ => 0,
        };
        // (Counted from publication. 当月16日, "the 16th of that month", is left to the running
        // context: its month is often one of several the sentence names.)
        let date = anchor.today().and_then(|t| month_from(t, step, num(c.get(2))));
        add(m.start(), m.end(), date, None, true, "date:zh-relative-day");
    }
    // 一天前, 三天前: counted back from the day the text is at (一天前，华盛顿宣布… after a
    // sentence dated the 14th is the 13th), else from publication.
    for c in RE_ZH_DAYS_AGO.captures_iter(if text.contains('天') { text } else { "" }) {
        let m = c.get(0).expect("m");
        let n = c[1].parse::<i64>().ok().or_else(|| crate::normalize::amount::chinese_numeral(&c[1]).map(|n| n as i64)).filter(|n| (1..=31).contains(n));
        let from = anchor.context.filter(|c| c.p == Precision::Day && !anchor.range).map(|c| c.first_day()).or(anchor.today());
        let date = n.and_then(|n| from.map(|t| PDate::day(t - Duration::days(n))));
        add(m.start(), m.end(), date, None, true, "date:zh-days-ago");
    }
    // 两个月后, 一年后: counted on from the date the text is at (去年二月…金正恩两个月后在海参崴
    // 会晤 is April), at the precision of the unit; nothing without such a date.
    for c in RE_ZH_UNITS_LATER.captures_iter(if text.contains('后') || text.contains('後') { text } else { "" }) {
        let (Some(n), Some(unit)) = (c.get(2), c.get(3)) else { continue };
        let n = n.as_str().parse::<i32>().ok().or_else(|| crate::normalize::amount::chinese_numeral(&n.as_str().replace('兩', "两")).map(|n| n as i32)).filter(|n| *n >= 1);
        let date = n.and_then(|n| later(anchor.context, n, unit.as_str() == "年"));
        add(c.get(2).expect("n").start(), c.get(0).expect("m").end(), date, None, true, "date:zh-units-later");
    }
    for c in RE_ZH_UNITS_AGO.captures_iter(if text.contains('前') { text } else { "" }) {
        let (Some(n), Some(unit)) = (c.get(2), c.get(3)) else { continue };
        if !c[4].is_empty() {
            continue;
        }
        let n = n.as_str().parse::<i32>().ok().or_else(|| crate::normalize::amount::chinese_numeral(n.as_str()).map(|n| n as i32)).filter(|n| *n >= 1);
        let date = n.and_then(|n| ago(anchor, n, unit.as_str() == "年"));
        add(c.get(2).expect("n").start(), c.get(0).expect("m").end(), date, None, true, "date:zh-units-ago");
    }
    for m in RE_REL.find_iter(text) {
        let w = m.as_str();
        let ctx = anchor.context;
        let today = anchor.today();
        let dy = anchor.doc_year();
        let date = match w {
            "今年" => dy.and_then(|y| PDate::new(y, None, None)),
            "去年" => dy.and_then(|y| PDate::new(y - 1, None, None)),
            "前年" => dy.and_then(|y| PDate::new(y - 2, None, None)),
            "明年" => dy.and_then(|y| PDate::new(y + 1, None, None)),
            "当年" | "是年" | "同年" => ctx.map(|c| c.coarsen(Precision::Year)),
            "翌年" | "次年" => ctx.and_then(|c| PDate::new(c.y + 1, None, None)),
            "次日" | "翌日" => ctx.filter(|c| c.p == Precision::Day).map(|c| PDate::day(c.first_day() + Duration::days(1))),
            "同日" | "当天" | "当日" => ctx.filter(|c| c.p == Precision::Day),
            "这月" | "这个月" => today.map(|t| PDate::day(t).coarsen(Precision::Month)),
            "本月" | "当月" | "同月" => ctx.filter(|c| c.p >= Precision::Month).map(|c| c.coarsen(Precision::Month)),
            "上月" | "上个月" => today.and_then(|t| month_from(t, -1, None)),
            "下月" | "下个月" => today.and_then(|t| month_from(t, 1, None)),
            "昨天" | "昨日" => today.map(|t| PDate::day(t - Duration::days(1))),
            "前天" => today.map(|t| PDate::day(t - Duration::days(2))),
            "今天" | "今日" | "今晚" => today.map(PDate::day),
            // Vague: only the month is known.
            // (上周, 上个星期, 这礼拜 …: a week, whatever the word for it.)
            // (A week word counts from the page's date, not from a month the story ran back to:
            // 北韩外长上周到莫斯科 in a 2018 story after 2017年11月; a day being told still anchors it.)
            _ if matches!(w, "日前" | "不久前" | "近日" | "前不久") || w.ends_with('周') || w.ends_with("星期") || w.ends_with("礼拜") => ctx
                .filter(|c| c.p >= Precision::Month && (c.p == Precision::Day || !(w.ends_with('周') || w.ends_with("星期") || w.ends_with("礼拜")) || today.is_none()))
                .map(|c| c.coarsen(Precision::Month))
                .or(today.map(|t| PDate::day(t).coarsen(Precision::Month))),
            _ => None,
        };
        add(m.start(), m.end(), date, None, true, "date:zh-relative");
    }
    for c in RE_REL_PAREN.captures_iter(if has('（') || has('(') { text } else { "" }) {
        let m = c.get(0).expect("m");
        let Some(today) = anchor.today() else { continue };
        let offset = match &c[1] {
            "今" => 0,
            "昨" => -1,
            "前" => -2,
            _ => 1,
        };
        let Ok(n) = c[2].parse::<u32>() else { continue };
        // The relative word and the day agree when the article is dated right; else the day
        // written is the nearest such day on or before the one the word points to.
        let near = today + Duration::days(offset);
        let date = (0..62).map(|k| near - Duration::days(k)).find(|d| d.day() == n).map(PDate::day);
        add(m.start(), m.end(), date, None, true, "date:zh-relative-day");
    }
    // The weekday just read and where it ended: 周二及周三 names the Wednesday after that Tuesday.
    // (周一至周二 is one span of days.)
    let mut last_wd: Option<(usize, usize, NaiveDate)> = None;
    for c in RE_WD_ZH.captures_iter(if has('周') || text.contains("星期") || text.contains("礼拜") { text } else { "" }) {
        let m = c.get(0).expect("m");
        let (Some(today), Some(wd)) = (anchor.today(), weekday_zh(&c[2])) else { continue };
        let paired = last_wd.filter(|(_, end, _)| c.get(1).is_none() && matches!(&text[*end..m.start()], "及" | "和" | "与" | "、" | "至" | "到" | "-" | "—" | "或"));
        if let Some((from, end, prev)) = paired {
            let day = weekday_after(prev, wd);
            last_wd = Some((m.start(), m.end(), day));
            // (周二及周三两天: two named days that are one span.)
            let span = matches!(&text[end..m.start()], "至" | "到" | "-" | "—") || ["两天", "两日"].iter().any(|w| text[m.end()..].starts_with(w));
            if span {
                add(from, m.end(), Some(PDate::day(prev)), Some(PDate::day(day)), true, "date:zh-weekday-range");
            } else {
                add(m.start(), m.end(), Some(PDate::day(day)), None, true, "date:zh-weekday");
            }
            continue;
        }
        // (周二起 / 周二开始: the day a measure takes effect, after the day it was announced.)
        // (Not a word opening with 起: 周四起诉, 周一起飞.)
        let rest = &text[m.end()..];
        let from_then = rest.starts_with("开始") || rest.starts_with("生效") || rest.starts_with('起') && !rest[3..].starts_with(['诉', '草', '飞', '航', '义', '来', '身', '床', '点', '爆', '火', '程']);
        let future = text[..m.start()].contains('将') || from_then;
        // 上周五 / 下周一 name a day of the calendar week (Monday first) before or after the
        // current one; a bare 周五 is the most recent one (the next one in a future clause).
        let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
        let day = match c.get(1).map(|x| x.as_str()) {
            Some("上") => monday - Duration::weeks(1) + Duration::days(wd.num_days_from_monday() as i64),
            Some("下") => monday + Duration::weeks(1) + Duration::days(wd.num_days_from_monday() as i64),
            _ if future => weekday_near(today, wd, 1),
            _ => weekday_near(today, wd, 0),
        };
        last_wd = Some((m.start(), m.end(), day));
        add(m.start(), m.end(), Some(PDate::day(day)), None, true, "date:zh-weekday");
    }
    for c in RE_EN_MDMD.captures_iter(if digits && latin { text } else { "" }) {
        let m = c.get(0).expect("m");
        let y = num(c.get(5)).map(|y| y as i32).or(anchor.year());
        let start = y.and_then(|y| PDate::new(y, month_en(&c[1]), num(c.get(2))));
        let end = y.and_then(|y| PDate::new(y, month_en(&c[3]), num(c.get(4))));
        add(m.start(), m.end(), start, end, false, "date:en-md");
    }
    for c in RE_EN_MD.captures_iter(if digits && latin { text } else { "" }) {
        let m = c.get(0).expect("m");
        let mo = month_en(&c[1]);
        let y = num(c.get(4)).map(|y| y as i32).or_else(|| year_without(&anchor, text, m.start(), mo, num(c.get(2))));
        let start = y.and_then(|y| PDate::new(y, mo, num(c.get(2))));
        let end = y.and_then(|y| num(c.get(3)).and_then(|d2| PDate::new(y, mo, Some(d2))));
        add(m.start(), m.end(), start, end, false, "date:en-md");
    }
    for c in RE_EN_DM.captures_iter(if digits && latin { text } else { "" }) {
        let m = c.get(0).expect("m");
        let mo = month_en(&c[3]);
        let y = num(c.get(4)).map(|y| y as i32).or_else(|| year_without(&anchor, text, m.start(), mo, num(c.get(1))));
        let start = y.and_then(|y| PDate::new(y, mo, num(c.get(1))));
        let end = y.and_then(|y| num(c.get(2)).and_then(|d2| PDate::new(y, mo, Some(d2))));
        add(m.start(), m.end(), start, end, false, "date:en-dm");
    }
    for c in RE_EN_MY.captures_iter(if digits && latin { text } else { "" }) {
        let m = c.get(0).expect("m");
        add(m.start(), m.end(), c[2].parse().ok().and_then(|y| PDate::new(y, month_en(&c[1]), None)), None, false, "date:en-my");
    }
    for c in RE_EN_MM.captures_iter(if latin { text } else { "" }) {
        let m = c.get(0).expect("m");
        // ("June 5-July 3" and "June-July 3" are days: read by the day patterns.)
        if text[m.end()..].trim_start().starts_with(|ch: char| ch.is_ascii_digit()) && c.get(3).is_none() {
            continue;
        }
        let (a, b) = (month_en(&c[1]), month_en(&c[2]));
        let (Some(ma), Some(mb)) = (a, b) else { continue };
        // Without a year, the span's last month is the latest such month the text can mean.
        let y = match c.get(3) {
            Some(y) => y.as_str().parse().ok(),
            None => year_without(&anchor, text, m.start(), b, None),
        };
        // (November-February runs across the new year.)
        let start = y.and_then(|y| PDate::new(if ma > mb { y - 1 } else { y }, a, None));
        add(m.start(), m.end(), start, y.and_then(|y| PDate::new(y, b, None)), false, "date:en-month-range");
    }
    for c in RE_EN_M.captures_iter(if latin { text } else { "" }) {
        let g = c.get(1).expect("month");
        if text[g.end()..].trim_start().starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let y = year_without(&anchor, text, g.start(), month_en(g.as_str()), None);
        add(g.start(), g.end(), y.and_then(|y| PDate::new(y, month_en(g.as_str()), None)), None, false, "date:en-month");
    }
    for c in RE_EN_Y.captures_iter(if digits && latin { text } else { "" }) {
        let g = c.get(1).expect("y");
        add(g.start(), g.end(), c[1].parse().ok().and_then(|y| PDate::new(y, None, None)), None, false, "date:en-year");
        // "in 1949 and 1950", "in 1998, 2000 and 2003": the years joined to it are dates too.
        // (Not "between 2021 and 2024", "from … and": a span, read as one elsewhere.)
        let lead = c.get(0).expect("m").as_str();
        if !(lead.starts_with("in") || lead.starts_with("In") || lead.starts_with("during") || lead.starts_with("During")) {
            continue;
        }
        let mut at = g.end();
        while let Some(n) = RE_EN_Y_MORE.captures(&text[at..]) {
            let y = n.get(1).expect("y");
            add(at + y.start(), at + y.end(), y.as_str().parse().ok().and_then(|y| PDate::new(y, None, None)), None, false, "date:en-year");
            at += y.end();
        }
    }
    for c in RE_EN_Y_NOUN.captures_iter(if digits && latin { text } else { "" }) {
        let g = c.get(1).expect("y");
        add(g.start(), g.end(), g.as_str().parse().ok().and_then(|y| PDate::new(y, None, None)), None, false, "date:en-year");
    }
    for c in RE_EN_Y_PAREN.captures_iter(if digits { text } else { "" }) {
        let g = c.get(1).or(c.get(2)).expect("y");
        add(g.start(), g.end(), g.as_str().parse().ok().and_then(|y| PDate::new(y, None, None)), None, false, "date:en-year");
    }
    for c in RE_EN_LASTMONTH.captures_iter(if latin { text } else { "" }) {
        let m = c.get(0).expect("m");
        let (Some(today), Some(mo)) = (anchor.today(), month_en(&c[2])) else { continue };
        let y = match c[1].to_ascii_lowercase().as_str() {
            "last" => {
                if mo < today.month() {
                    today.year()
                } else {
                    today.year() - 1
                }
            }
            "next" => {
                if mo > today.month() {
                    today.year()
                } else {
                    today.year() + 1
                }
            }
            _ => today.year(),
        };
        add(m.start(), m.end(), PDate::new(y, Some(mo), None), None, true, "date:en-relative-month");
    }
    // "the following day", "the next day", "a day later": the day after the running one (as 次日);
    // "the same day", "that day": the running day itself (as 同日).
    for c in RE_EN_NEXT_DAY.captures_iter(if latin && text.contains("day") { text } else { "" }) {
        let m = c.get(0).expect("m");
        let same = c.get(1).is_some();
        let date = anchor.context.filter(|c| c.p == Precision::Day && !(same && anchor.range)).map(|c| if same { c } else { PDate::day(c.first_day() + Duration::days(1)) });
        add(m.start(), m.end(), date, None, true, if same { "date:en-same-day" } else { "date:en-next-day" });
    }
    // "three days ago": counted back from publication.
    for c in RE_EN_DAYS_AGO.captures_iter(if latin && text.contains(" ago") { text } else { "" }) {
        let m = c.get(0).expect("m");
        let w = c[1].to_ascii_lowercase();
        let n = en_count(&w).map(i64::from);
        let date = n.filter(|n| (1..=31).contains(n)).and_then(|n| anchor.today().map(|t| PDate::day(t - Duration::days(n))));
        add(m.start(), m.end(), date, None, true, "date:en-days-ago");
    }
    // "two months later", "a year later": counted on from the date the text is at.
    for c in RE_EN_UNITS_LATER.captures_iter(if latin && text.contains(" later") { text } else { "" }) {
        let m = c.get(0).expect("m");
        let n = en_count(&c[1].to_ascii_lowercase());
        let date = n.filter(|n| *n >= 1).and_then(|n| later(anchor.context, n, c[2].starts_with("year")));
        add(m.start(), m.end(), date, None, true, "date:en-units-later");
    }
    // "eight months ago", "two years ago": counted back from publication.
    for c in RE_EN_UNITS_AGO.captures_iter(if latin && text.contains(" ago") { text } else { "" }) {
        let m = c.get(0).expect("m");
        let w = c[1].to_ascii_lowercase();
        let n = en_count(&w);
        let date = n.filter(|n| *n >= 1).and_then(|n| ago(anchor, n, c[2].starts_with("year")));
        add(m.start(), m.end(), date, None, true, "date:en-units-ago");
    }
    // The last weekday a plan in this sentence named: a later weekday of the same plan is after
    // it ("will leave on next Tuesday … before returning home on Wednesday").
    let mut planned: Option<NaiveDate> = None;
    for c in RE_EN_REL.captures_iter(if latin { text } else { "" }) {
        let m = c.get(0).expect("m");
        let today = anchor.today();
        let date = if let Some(w) = c.get(2) {
            let w = w.as_str().to_ascii_lowercase();
            match w.as_str() {
                "today" => today.map(PDate::day),
                "yesterday" => today.map(|t| PDate::day(t - Duration::days(1))),
                "tomorrow" => today.map(|t| PDate::day(t + Duration::days(1))),
                _ => {
                    // ("…, the ministry said Tuesday": a day right after a past verb is past,
                    // whatever the sentence plans; "is scheduled to visit on Friday" is ahead.)
                    let lead = text[..m.start()].trim_end();
                    let lead = lead.strip_suffix(" on").unwrap_or(lead);
                    let last = lead.rsplit(' ').next().unwrap_or("");
                    let past = matches!(last, "said" | "told" | "announced" | "reported") || (last.ends_with("ed") && last.len() > 4);
                    // (Not a "will" inside a quotation before it: what someone said of the future.)
                    let unquoted = outside_quotes(&text[..m.start()]);
                    // (A headline's "X to make a visit … from Sunday" is ahead too.)
                    let future = !past
                        && (PLAN_WORDS.iter().any(|w| unquoted.contains(w))
                            || RE_HEADLINE_PLAN.is_match(&unquoted)
                            || plan_after_opening(&text[..m.start()], &text[m.end()..]));
                    let weeks = match c.get(1).map(|x| x.as_str().to_ascii_lowercase()).as_deref() {
                        Some("last") => -1,
                        Some("next") => 1,
                        _ if future => 1,
                        _ => 0,
                    };
                    // "last Tuesday" is the Tuesday of the previous calendar week (said on a
                    // Monday, six days before), not the one a week before the most recent.
                    let day = |t: NaiveDate, wd: Weekday| {
                        if weeks == -1 {
                            t - Duration::days(t.weekday().num_days_from_monday() as i64) - Duration::weeks(1) + Duration::days(wd.num_days_from_monday() as i64)
                        } else {
                            weekday_near(t, wd, weeks)
                        }
                    };
                    let on = weekday_en(&w).and_then(|wd| today.map(|t| (wd, day(t, wd))));
                    let on = match (on, planned) {
                        (Some((wd, d)), Some(p)) if future && weeks >= 0 && d <= p => Some(weekday_after(p, wd)),
                        (on, _) => on.map(|(_, d)| d),
                    };
                    if future || weeks == 1 {
                        planned = on.or(planned);
                    }
                    on.map(PDate::day)
                }
            }
        } else {
            let dy = anchor.doc_year();
            match c.get(3).map(|x| x.as_str().to_ascii_lowercase()).as_deref() {
                Some("last year") => dy.and_then(|y| PDate::new(y - 1, None, None)),
                Some("this year") => dy.and_then(|y| PDate::new(y, None, None)),
                Some("next year") => dy.and_then(|y| PDate::new(y + 1, None, None)),
                Some("earlier this year") | Some("later this year") => dy.and_then(|y| PDate::new(y, None, None)),
                Some("earlier this month") | Some("this month") | Some("later this month") => today.map(|t| PDate::day(t).coarsen(Precision::Month)),
                // A week: only the month is known (the month of a day in that week).
                Some("last week") => today.map(|t| PDate::day(t - Duration::days(7)).coarsen(Precision::Month)),
                Some("this week") | Some("earlier this week") | Some("later this week") => today.map(|t| PDate::day(t).coarsen(Precision::Month)),
                Some("next week") => today.map(|t| PDate::day(t + Duration::days(7)).coarsen(Precision::Month)),
                Some("next month") => today.and_then(|t| month_from(t, 1, None)),
                Some("last month") => today.and_then(|t| month_from(t, -1, None)),
                _ => None,
            }
        };
        add(m.start(), m.end(), date, None, true, "date:en-relative");
    }
    crate::model::non_overlapping(found, |d| (d.start, d.end))
}

/// The month `step` months from the month of `t` (上个月: -1, 下个月: 1), at month precision, or
/// its day `day` (本月12日).
/// A count written in digits or in English words ("12", "a", "one" … "twelve"; lower case);
/// the patterns that call it decide which words may stand.
fn en_count(w: &str) -> Option<i32> {
    const WORDS: [&str; 12] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    w.parse::<i32>().ok().or_else(|| WORDS.iter().position(|x| *x == w).map(|i| i as i32 + 1)).or(matches!(w, "a" | "an").then_some(1))
}

/// The month (or year) `n` months (years) before publication: 8个月前, "two years ago".
fn ago(anchor: &Anchor, n: i32, years: bool) -> Option<PDate> {
    let t = anchor.doc?;
    if years {
        PDate::new(t.year() - n, None, None)
    } else {
        month_from(t, -n, None)
    }
}

/// `n` months (or years) after the running date, at the precision of the unit: a month needs
/// a running month, a year a running year.
fn later(ctx: Option<PDate>, n: i32, years: bool) -> Option<PDate> {
    let c = ctx?;
    if years {
        PDate::new(c.y + n, None, None)
    } else if c.p >= Precision::Month {
        let months = c.y * 12 + c.m as i32 - 1 + n;
        PDate::new(months.div_euclid(12), Some(months.rem_euclid(12) as u32 + 1), None)
    } else {
        None
    }
}

fn month_from(t: NaiveDate, step: i32, day: Option<u32>) -> Option<PDate> {
    let months = t.year() * 12 + t.month0() as i32 + step;
    PDate::new(months.div_euclid(12), Some(months.rem_euclid(12) as u32 + 1), day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(y: i32, m: u32, d: u32) -> Anchor {
        Anchor { context: PDate::new(y, Some(m), Some(d)), doc: NaiveDate::from_ymd_opt(y, m, d), this_year: None, stale: false, month_stale: false, range: false, older: false }
    }

    #[test]
    fn days_ago_count_back() {
        let a = Anchor { context: PDate::new(2018, Some(8), Some(20)), ..anchor(2018, 9, 5) };
        // (Chinese counts from the day the text is at, English "ago" from publication.)
        assert_eq!(find("一天前，代表团团长表示", &a)[0].date.text(), "2018-08-19");
        assert_eq!(find("三天前他曾说", &anchor(2018, 9, 5))[0].date.text(), "2018-09-02");
        assert_eq!(find("the envoy said two days ago", &a)[0].date.text(), "2018-09-03");
        assert_eq!(find("12 days ago", &a)[0].date.text(), "2018-08-24");
    }

    #[test]
    fn months_and_years_ago_count_back_from_publication() {
        let a = Anchor { context: PDate::new(2016, Some(3), None), ..anchor(2019, 2, 25) };
        assert_eq!(find("两人8個月前在新加坡舉行首次峰會", &a)[0].date.text(), "2018-06");
        assert_eq!(find("两年前他曾访问", &a)[0].date.text(), "2017");
        assert_eq!(find("they first met eight months ago", &a)[0].date.text(), "2018-06");
        assert_eq!(find("a year ago", &a)[0].date.text(), "2018");
        // (Not a year followed by 前往, nor 年前来.)
        assert!(find("他2018年前往平壤", &a).iter().all(|d| d.rule != "date:zh-units-ago"));
        assert!(find("三年前来访", &a).is_empty());
    }

    #[test]
    fn same_day_is_the_running_day_unless_a_span_set_it() {
        let a = anchor(2025, 10, 10);
        let f = find("The same day, the minister attended a parade.", &a);
        assert_eq!(f.iter().map(|d| d.date.text()).collect::<Vec<_>>(), vec!["2025-10-10"]);
        assert_eq!(find("later that day", &a)[0].date.text(), "2025-10-10");
        assert_eq!(find("the next day", &a)[0].date.text(), "2025-10-11");
        // (After "on March 18 and 19", "the same day" names no one day.)
        let span = Anchor { range: true, ..anchor(2025, 3, 18) };
        assert!(find("On the same day, the minister met his counterpart.", &span).is_empty());
        assert_eq!(find("the next day", &span)[0].date.text(), "2025-03-19");
    }

    #[test]
    fn weekdays_in_pairs_and_with_their_day() {
        // (Published Tuesday 2018-06-19.)
        let f = find("周二及周三两天将访问", &anchor(2018, 6, 19));
        assert_eq!((f[0].date.text(), f[0].end_date.map(|d| d.text())), ("2018-06-19".into(), Some("2018-06-20".into())));
        let f = find("本周一至周二在大连会晤", &anchor(2018, 5, 8));
        assert_eq!((f[0].date.text(), f[0].end_date.map(|d| d.text())), ("2018-05-07".into(), Some("2018-05-08".into())));
        // A bracketed day after a weekday is that weekday's, not the running month's.
        let a = Anchor { context: PDate::new(2017, Some(10), Some(26)), ..anchor(2017, 12, 29) };
        // A bare day number in brackets: 周日（10） on a Sunday the 10th is that day.
        assert_eq!(find("将于周日（10）起连续两日会面", &anchor(2018, 6, 10))[0].date.text(), "2018-06-10");
        let f = find("特朗普周四（28日）在推特上称", &a);
        assert_eq!(f.iter().map(|d| d.date.text()).collect::<Vec<_>>(), vec!["2017-12-28", "2017-12-28"]);
        // 周二起 is from the coming Tuesday; 周四起诉 is a Thursday that has passed.
        assert_eq!(find("周一宣布，周二起全面禁止进口", &anchor(2017, 8, 14))[1].date.text(), "2017-08-15");
        assert_eq!(find("美国政府周四起诉一名黑客", &anchor(2018, 9, 7))[0].date.text(), "2018-09-06");
        // 相隔一月 is a span, not January.
        assert!(find("相隔一月再访华", &anchor(2018, 5, 8)).is_empty());
    }

    #[test]
    fn chinese_forms() {
        let a = anchor(2019, 2, 27);
        let f = find("2018年5月7至8日", &a);
        assert_eq!(f[0].date.text(), "2018-05-07");
        assert_eq!(f[0].end_date.map(|d| d.text()), Some("2018-05-08".into()));
        let f = find("将于5月7日至8日", &a);
        assert_eq!((f[0].date.text(), f[0].end_date.unwrap().text()), ("2019-05-07".into(), "2019-05-08".into()));
        // Told as past, a month still ahead of the publication date is last year's.
        let f = find("5月7日至8日访问了北京", &a);
        assert_eq!(f[0].date.text(), "2018-05-07");
        assert_eq!(find("12月下旬访问北京", &a)[0].date.text(), "2018-12");
        assert_eq!(find("12月底前公布", &a)[0].date.text(), "2019-12");
        assert_eq!(find("2013年初", &a)[0].date.text(), "2013");
        assert_eq!(find("1953年11月", &a)[0].date.text(), "1953-11");
        assert_eq!(find("特朗普20日说", &a)[0].date.text(), "2019-02-20");
        assert_eq!(find("去年 6 月", &a)[0].date.text(), "2018-06");
        assert_eq!(find("今年3月", &a)[0].date.text(), "2019-03");
        // A range of months with 月 written twice (去年10月至12月).
        let r = find("去年10月至12月", &a);
        assert_eq!((r[0].date.text(), r[0].end_date.map(|d| d.text())), ("2018-10".to_string(), Some("2018-12".to_string())));
        assert!(find("1990年代", &a).is_empty());
        // Calendar weeks start on Monday: on Wednesday 2024-03-06, 上周五 is 2024-03-01.
        let w = anchor(2024, 3, 6);
        assert_eq!(find("上周五（3月1日）", &w)[0].date.text(), "2024-03-01");
        assert_eq!(find("下周一", &w)[0].date.text(), "2024-03-11");
        assert_eq!(find("周一", &w)[0].date.text(), "2024-03-04");
        // Colloquial forms with 个: 上个月 is the month before publication, 上个星期五 a weekday.
        assert_eq!(find("安全局上个月表示", &w)[0].date.text(), "2024-02");
        assert_eq!(find("下个月", &w)[0].date.text(), "2024-04");
        assert_eq!(find("这个月", &w)[0].date.text(), "2024-03");
        assert_eq!(find("上个星期五", &w)[0].date.text(), "2024-03-01");
        assert_eq!(find("上个星期", &w)[0].date.text(), "2024-03");
        assert_eq!(find("外长本月12日抵达平壤", &w)[0].date.text(), "2024-03-12");
        assert_eq!(find("上个月28日", &w)[0].date.text(), "2024-02-28");
        assert_eq!(find("下月3号", &w)[0].date.text(), "2024-04-03");
        assert!(find("第12号公告", &a).is_empty());
        // A day written with 号 alone before a verb, or a span of them; not a thing's number.
        assert_eq!(find("特使5号抵达首尔", &w)[0].date.text(), "2024-03-05");
        assert_eq!(find("12号到15号他将访问中国", &w)[0].date.text(), "2024-03-12");
        assert!(find("试射光明星3号卫星", &w).is_empty());
        assert!(find("乘坐2号线", &w).is_empty());
        assert!(find("5号选手", &w).is_empty());
    }

    #[test]
    fn months_later_count_on_from_the_running_date() {
        let a = anchor(2020, 4, 27);
        let f = find("去年二月的会面没有成果之后，两个月后在海参崴会晤", &a);
        assert_eq!(f.iter().find(|m| m.rule == "date:zh-units-later").map(|m| m.date.text()).as_deref(), Some("2019-04"));
        let f = find("The talks failed in February 2019. Two months later he met Putin.", &a);
        assert_eq!(f.iter().find(|m| m.rule == "date:en-units-later").map(|m| m.date.text()).as_deref(), Some("2019-04"));
        // (Nothing to count from: no date.)
        let none = Anchor { context: None, ..a };
        assert!(find("两个月后在海参崴会晤", &none).iter().all(|m| m.rule != "date:zh-units-later"));
    }

    #[test]
    fn a_stale_bare_year_does_not_date_a_later_month() {
        // 2024年全年… in an earlier paragraph of a page published 2025-02-20: 1月份 is January 2025.
        let doc = NaiveDate::from_ymd_opt(2025, 2, 20);
        let stale = Anchor { context: PDate::new(2024, None, None), doc, this_year: None, stale: true, month_stale: false, range: false, older: false };
        assert_eq!(find("1月份，中国向朝鲜出口大米", &stale)[0].date.text(), "2025-01");
        // …and a month after the publication date is last year's.
        assert_eq!(find("11月3日", &stale)[0].date.text(), "2024-11-03");
        // In the same paragraph the year still carries (2024年…，1月份…).
        let fresh = Anchor { stale: false, ..stale };
        assert_eq!(find("1月份", &fresh)[0].date.text(), "2024-01");
    }

    #[test]
    fn english_month_spans() {
        let a = anchor(2025, 9, 5);
        let span = |t: &str| find(t, &a).first().map(|d| (d.date.text(), d.end_date.map(|e| e.text()).unwrap_or_default()));
        assert_eq!(span("in the January-June period"), Some(("2025-01".into(), "2025-06".into())));
        assert_eq!(span("from January to September 2023"), Some(("2023-01".into(), "2023-09".into())));
        // The span's last month is not after the publication: November-February ended in February.
        assert_eq!(span("the November-February season"), Some(("2024-11".into(), "2025-02".into())));
        // Days are read by the day patterns.
        assert_eq!(span("from June 5-July 3"), Some(("2025-06-05".into(), "2025-07-03".into())));
    }

    #[test]
    fn a_plan_is_not_dated_by_a_stale_running_year() {
        // The running year is last year's (an earlier paragraph), the story is of early January.
        let a = Anchor { context: PDate::new(2025, None, None), doc: NaiveDate::from_ymd_opt(2026, 1, 2), this_year: None, stale: false, month_stale: false, range: false, older: false };
        let f = find("the president's planned visit to China in April", &a);
        assert_eq!(f.last().map(|d| d.date.text()), Some("2026-04".into()));
        let f = find("the president visited China in April", &a);
        assert_eq!(f.last().map(|d| d.date.text()), Some("2025-04".into()));
        // A weekday opening a clause with the plan after it is ahead (the story is of a Friday).
        let f = find("On Tuesday, the president will meet the premier.", &a);
        assert_eq!(f.last().map(|d| d.date.text()), Some("2026-01-06".into()));
        let f = find("On Tuesday, the president said he will meet the premier.", &a);
        assert_eq!(f.last().map(|d| d.date.text()), Some("2025-12-30".into()));
    }

    #[test]
    fn a_plan_after_a_dateline_keeps_its_year() {
        // Re-read against the dateline, the date still sees the "will" before it.
        let a = Anchor { context: None, doc: NaiveDate::from_ymd_opt(2025, 3, 2), this_year: None, stale: false, month_stale: false, range: false, older: false };
        let f = find("HANOI, March 2, 2025 (Wire) -- The Lao president of the republic will pay an official visit to the country on March 10-12", &a);
        assert_eq!(f.last().map(|d| d.date.text()), Some("2025-03-10".into()));
        // A past event after the publication day is last year's.
        let f = find("HANOI, March 2, 2025 (Wire) -- The delegation visited the country on March 10-12", &a);
        assert_eq!(f.last().map(|d| d.date.text()), Some("2024-03-10".into()));
    }

    #[test]
    fn english_forms() {
        let a = anchor(2025, 9, 5);
        assert_eq!(find("BEIJING, Sept. 4 (Xinhua)", &a)[0].date.text(), "2025-09-04");
        assert_eq!(find("on Thursday reaffirmed", &a)[0].date.text(), "2025-09-04");
        assert_eq!(find("last March", &a)[0].date.text(), "2025-03");
        // (Said on a Monday, "last Tuesday" is six days before, "last Monday" a week before.)
        let monday = anchor(2025, 6, 16);
        assert_eq!(find("arrived last Tuesday", &monday)[0].date.text(), "2025-06-10");
        assert_eq!(find("arrived last Monday", &monday)[0].date.text(), "2025-06-09");
        assert_eq!(find("next March", &a)[0].date.text(), "2026-03");
        assert_eq!(find("earlier this month", &a)[0].date.text(), "2025-09");
        assert_eq!(find("held talks in Beijing last week", &a)[0].date.text(), "2025-08");
        assert_eq!(find("Last month", &a)[0].date.text(), "2025-08");
        assert_eq!(find("will travel to Moscow next month", &a)[0].date.text(), "2025-10");
        assert_eq!(find("earlier this year", &a)[0].date.text(), "2025");
        let f = find("27-28 February 2019", &a);
        assert_eq!((f[0].date.text(), f[0].end_date.unwrap().text()), ("2019-02-27".into(), "2019-02-28".into()));
        // Day ranges written out before the month ("from 10 to 13 June", "between 3rd and 5th May").
        let f = find("an official visit from 10 to 13 June", &a);
        assert_eq!((f[0].date.text(), f[0].end_date.unwrap().text()), ("2025-06-10".into(), "2025-06-13".into()));
        let f = find("between 3rd and 5th May 2024", &a);
        assert_eq!((f[0].date.text(), f[0].end_date.unwrap().text()), ("2024-05-03".into(), "2024-05-05".into()));
    }
}
