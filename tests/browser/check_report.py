"""Renders the cnkp report in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)
and checks what a reader sees: no console errors, the charts' marks match the published tables,
the axes are labelled. Saves a screenshot of the timeline and trade chart.

usage: check_report.py PAGE.html PROCESSED_DIR SCREENSHOT.png
"""
import csv
import pathlib
import sys

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def main(page_path, processed, shot):
    processed = pathlib.Path(processed)
    expect_visits = sum(1 for r in rows(processed / "visits.csv") if r["start_date"])
    expect_trade = sum(1 for r in rows(processed / "trade.csv") if r["period_start"] and is_number(r["value"]))
    errors = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
        page.goto(pathlib.Path(page_path).resolve().as_uri(), wait_until="load")
        visits = page.locator("#visit-timeline .mark").count()
        trade = page.locator("#trade-chart .mark").count()
        # Marks are drawn (have a size on screen), not only present in the DOM.
        box = page.locator("#visit-timeline").bounding_box()
        labels = page.locator("svg .axis-label").all_text_contents()
        top = page.locator("#visits").bounding_box()["y"]
        bottom = page.locator("#trade-chart").bounding_box()
        page.screenshot(path=shot, full_page=True,
                        clip={"x": 0, "y": top - 10, "width": 1100, "height": bottom["y"] + bottom["height"] - top + 20})
        browser.close()
    problems = list(errors)
    if visits != expect_visits:
        problems.append(f"timeline has {visits} marks, visits.csv has {expect_visits} dated visits")
    if trade != expect_trade:
        problems.append(f"trade chart has {trade} marks, trade.csv has {expect_trade} dated figures")
    if not box or box["width"] < 500 or box["height"] < 100:
        problems.append(f"timeline is not laid out: {box}")
    for want in ("Start date (year)", "Visitor", "Period start (year)"):
        if want not in labels:
            problems.append(f"axis label {want!r} missing (have {labels})")
    if problems:
        print("report check FAILED:\n  " + "\n  ".join(problems))
        return 1
    print(f"report check: {visits} visit marks, {trade} trade marks, axes {sorted(set(labels))}, no console errors; screenshot {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
