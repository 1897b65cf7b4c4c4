#!/usr/bin/env bash
# The report as a reader sees it: installs Debian's Chromium (and CJK fonts) when missing,
# Playwright's Python driver in .ci/venv-browser (cached), then renders the page and checks it.
# usage: tests/browser/run.sh PAGE.html PROCESSED_DIR SCREENSHOT.png
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk fonts-dejavu-core >/dev/null
fi
venv=.ci/venv-browser
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/browser/requirements.txt
"$venv/bin/python" tests/browser/check_report.py "$@"
