//! Inline SVG charts for the report: a visit timeline and trade values over time. Hand-written
//! rather than drawn by a plotting crate: the charts are two scatter layouts, the markup must be
//! byte-stable and escape untrusted labels, and every mark must be a link to its evidence (see
//! README, Dependencies).

use super::html::esc;
use std::fmt::Write;

/// Colour-blind-safe categorical palette (Tableau 10); categories get colours in sorted order.
const PALETTE: [&str; 10] = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

/// One mark: where it goes, what it says on hover, where it links.
pub struct Mark {
    /// Row of the timeline (visitor) or series of the trade chart (indicator).
    pub series: String,
    /// Colour category (host country for visits, indicator for trade).
    pub colour_key: String,
    /// Panel (the unit, for trade: values in different units do not share an axis).
    pub panel: String,
    /// Date as a fractional year.
    pub x: f64,
    /// Value (trade only).
    pub y: f64,
    /// day, month, year … (drawn as shape: filled circle, ring, square).
    pub precision: String,
    pub title: String,
    pub href: String,
}

/// `YYYY-MM-DD` as a fractional year.
pub fn year_frac(d: &str) -> Option<f64> {
    let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    Some(date.year() as f64 + (date.ordinal0() as f64) / 366.0)
}

fn colours(keys: impl Iterator<Item = String>) -> Vec<(String, &'static str)> {
    let mut k: Vec<String> = keys.collect();
    k.sort();
    k.dedup();
    k.into_iter().enumerate().map(|(i, k)| (k, PALETTE[i % PALETTE.len()])).collect()
}

fn colour_of<'a>(map: &'a [(String, &'static str)], key: &str) -> &'a str {
    map.iter().find(|(k, _)| k == key).map(|(_, c)| *c).unwrap_or("#888888")
}

/// Round tick step for a span (1, 2 or 5 times a power of ten) giving at most `n` ticks.
fn step(span: f64, n: f64) -> f64 {
    let raw = (span / n).max(f64::MIN_POSITIVE);
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * p).find(|s| *s >= raw).unwrap_or(10.0 * p)
}

/// Short number: 6500000000 → "6.5 bn".
pub fn short_num(v: f64) -> String {
    let a = v.abs();
    let (d, s) = if a >= 1e12 {
        (1e12, " tn")
    } else if a >= 1e9 {
        (1e9, " bn")
    } else if a >= 1e6 {
        (1e6, " m")
    } else if a >= 1e4 {
        (1e3, " k")
    } else {
        (1.0, "")
    };
    let x = v / d;
    let t = if (x - x.round()).abs() < 1e-9 { format!("{}", x.round()) } else { format!("{x:.1}") };
    format!("{t}{s}")
}

/// A year axis covering the marks: (min, max, step).
fn year_axis(marks: &[Mark]) -> (f64, f64) {
    let lo = marks.iter().map(|m| m.x).fold(f64::INFINITY, f64::min).floor();
    let hi = marks.iter().map(|m| m.x).fold(f64::NEG_INFINITY, f64::max).floor() + 1.0;
    if lo.is_finite() && hi.is_finite() {
        (lo, hi.max(lo + 1.0))
    } else {
        (2000.0, 2001.0)
    }
}

fn shape(o: &mut String, class: &str, m: &Mark, cx: f64, cy: f64, colour: &str) {
    let title = format!("<title>{}</title>", esc(&m.title));
    let _ = write!(o, "<a href=\"#{}\">", esc(&m.href));
    match m.precision.as_str() {
        "day" => {
            let _ = write!(o, "<circle class=\"{class}\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"5\" fill=\"{colour}\" stroke=\"{colour}\">{title}</circle>");
        }
        "month" | "week" => {
            let _ = write!(o, "<circle class=\"{class}\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"5\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\">{title}</circle>");
        }
        _ => {
            let _ = write!(
                o,
                "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"9\" height=\"9\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\">{title}</rect>",
                cx - 4.5,
                cy - 4.5
            );
        }
    }
    o.push_str("</a>");
}

fn x_axis(o: &mut String, lo: f64, hi: f64, left: f64, right: f64, y: f64, top: f64, label: &str) {
    let sx = |v: f64| left + (v - lo) / (hi - lo) * (right - left);
    let st = step(hi - lo, 10.0).max(1.0);
    let _ = write!(o, "<line x1=\"{left}\" y1=\"{y}\" x2=\"{right}\" y2=\"{y}\" stroke=\"#333\"/>");
    let mut t = (lo / st).ceil() * st;
    while t <= hi + 1e-9 {
        let x = sx(t);
        let _ = write!(
            o,
            "<line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{y}\" stroke=\"#e5e5e5\"/><text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\" class=\"tick\">{}</text>",
            y + 16.0,
            t as i64
        );
        t += st;
    }
    let _ = write!(o, "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" class=\"axis-label\">{}</text>", (left + right) / 2.0, y + 36.0, esc(label));
}

fn legend(o: &mut String, x0: f64, y: f64, title: &str, items: &[(String, &str)]) -> f64 {
    let _ = write!(o, "<text x=\"{x0}\" y=\"{y}\" class=\"legend-title\">{}</text>", esc(title));
    let mut x = x0 + 8.0 * title.chars().count() as f64 + 10.0;
    for (k, c) in items {
        let _ = write!(o, "<circle cx=\"{:.1}\" cy=\"{}\" r=\"5\" fill=\"{c}\"/><text x=\"{:.1}\" y=\"{}\" class=\"legend\">{}</text>", x, y - 4.0, x + 9.0, y, esc(k));
        x += 24.0 + 7.0 * k.chars().count() as f64;
    }
    x
}

fn precision_legend(o: &mut String, x0: f64, y: f64) {
    let _ = write!(
        o,
        "<text x=\"{x0}\" y=\"{y}\" class=\"legend-title\">Date precision</text>\
         <circle cx=\"{:.1}\" cy=\"{}\" r=\"5\" fill=\"#555\"/><text x=\"{:.1}\" y=\"{y}\" class=\"legend\">day</text>\
         <circle cx=\"{:.1}\" cy=\"{}\" r=\"5\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"2\"/><text x=\"{:.1}\" y=\"{y}\" class=\"legend\">month</text>\
         <rect x=\"{:.1}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"2\"/><text x=\"{:.1}\" y=\"{y}\" class=\"legend\">year or coarser</text>",
        x0 + 120.0,
        y - 4.0,
        x0 + 129.0,
        x0 + 180.0,
        y - 4.0,
        x0 + 189.0,
        x0 + 245.5,
        y - 8.5,
        x0 + 259.0
    );
}

/// Visit timeline: one row per visitor (ordered by first visit), x = start date, colour = host
/// country, shape = date precision.
pub fn timeline(marks: &[Mark]) -> String {
    let mut visitors: Vec<(f64, String)> = Vec::new();
    for m in marks {
        match visitors.iter_mut().find(|(_, v)| *v == m.series) {
            Some(e) => e.0 = e.0.min(m.x),
            None => visitors.push((m.x, m.series.clone())),
        }
    }
    visitors.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let hosts = colours(marks.iter().map(|m| m.colour_key.clone()));
    let (left, right, top, row) = (230.0, 940.0, 60.0, 20.0);
    let bottom = top + row * visitors.len().max(1) as f64 + 10.0;
    let height = bottom + 50.0;
    let (lo, hi) = year_axis(marks);
    let sx = |v: f64| left + (v - lo) / (hi - lo) * (right - left);
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg id=\"visit-timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 {height}\" width=\"960\" height=\"{height}\" role=\"img\" aria-label=\"Visit timeline\">"
    );
    legend(&mut o, 10.0, 18.0, "Host country", &hosts);
    precision_legend(&mut o, 10.0, 40.0);
    x_axis(&mut o, lo, hi, left, right, bottom, top, "Start date (year)");
    let _ = write!(
        o,
        "<text transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\" class=\"axis-label\">Visitor</text>",
        (top + bottom) / 2.0
    );
    for (i, (_, v)) in visitors.iter().enumerate() {
        let y = top + row * (i as f64 + 0.5);
        let _ = write!(
            o,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{right}\" y2=\"{y:.1}\" stroke=\"#f0f0f0\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" class=\"row-label\">{}</text>",
            left - 8.0,
            y + 4.0,
            esc(&super::html::cut(v, 32))
        );
    }
    for m in marks {
        let i = visitors.iter().position(|(_, v)| *v == m.series).unwrap_or(0);
        let y = top + row * (i as f64 + 0.5);
        shape(&mut o, "mark visit", m, sx(m.x), y, colour_of(&hosts, &m.colour_key));
    }
    o.push_str("</svg>");
    o
}

/// Trade values over time: one panel per unit (values in different units do not share an
/// axis), x = period start, y = value, colour and connecting line = indicator.
pub fn trade(marks: &[Mark]) -> String {
    let mut units: Vec<String> = marks.iter().map(|m| m.panel.clone()).collect();
    units.sort();
    units.dedup();
    let indicators = colours(marks.iter().map(|m| m.series.clone()));
    let (lo, hi) = year_axis(marks);
    let (left, right, ph) = (90.0, 940.0, 170.0);
    let height = 40.0 + units.len().max(1) as f64 * (ph + 70.0);
    let sx = |v: f64| left + (v - lo) / (hi - lo) * (right - left);
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg id=\"trade-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 {height}\" width=\"960\" height=\"{height}\" role=\"img\" aria-label=\"Trade values over time\">"
    );
    legend(&mut o, 10.0, 18.0, "Indicator", &indicators);
    for (pi, unit) in units.iter().enumerate() {
        let top = 40.0 + pi as f64 * (ph + 70.0);
        let bottom = top + ph;
        let ms: Vec<&Mark> = marks.iter().filter(|m| m.panel == *unit).collect();
        let ymax = ms.iter().map(|m| m.y).fold(0.0, f64::max);
        let ymin = ms.iter().map(|m| m.y).fold(0.0, f64::min);
        let st = step((ymax - ymin).max(1e-9), 5.0);
        let (y0, y1) = ((ymin / st).floor() * st, ((ymax / st).ceil() * st).max(st));
        let sy = |v: f64| bottom - (v - y0) / (y1 - y0) * ph;
        let mut t = y0;
        while t <= y1 + st * 1e-6 {
            let y = sy(t);
            let _ = write!(
                o,
                "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{right}\" y2=\"{y:.1}\" stroke=\"#e5e5e5\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" class=\"tick\">{}</text>",
                left - 6.0,
                y + 4.0,
                esc(&short_num(t))
            );
            t += st;
        }
        let _ = write!(o, "<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\" stroke=\"#333\"/>");
        let _ = write!(
            o,
            "<text transform=\"translate(16 {:.1}) rotate(-90)\" text-anchor=\"middle\" class=\"axis-label\">Value ({})</text>",
            (top + bottom) / 2.0,
            esc(unit)
        );
        x_axis(&mut o, lo, hi, left, right, bottom, top, "Period start (year)");
        for (ind, c) in &indicators {
            let mut pts: Vec<&&Mark> = ms.iter().filter(|m| &m.series == ind).collect();
            if pts.len() > 1 {
                pts.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
                let path: Vec<String> = pts.iter().map(|m| format!("{:.1},{:.1}", sx(m.x), sy(m.y))).collect();
                let _ = write!(o, "<polyline class=\"series\" points=\"{}\" fill=\"none\" stroke=\"{c}\" stroke-opacity=\"0.6\"/>", path.join(" "));
            }
        }
        for m in &ms {
            shape(&mut o, "mark trade", m, sx(m.x), sy(m.y), colour_of(&indicators, &m.series));
        }
    }
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_and_numbers() {
        assert_eq!(step(10.0, 10.0), 1.0);
        assert_eq!(step(45.0, 10.0), 5.0);
        assert_eq!(short_num(6_500_000_000.0), "6.5 bn");
        assert_eq!(short_num(25.0), "25");
        assert!((year_frac("2018-01-01").unwrap() - 2018.0).abs() < 1e-9);
    }
}
