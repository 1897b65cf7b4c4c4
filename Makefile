# cnkp — the two commands a user needs are `make data` and `make test`.
# One cargo profile (release) serves data, test and bench, so polars is built once.
CARGO ?= cargo
BIN := target/release/cnkp
THREADS ?=
PYTHON ?= python3
NB_VENV := .ci/venv-notebook
CNKP_PROCESSED ?= $(CURDIR)/processed

.PHONY: all build data test check-data eval bench fuzz validate clean release diff notebook notebook-strip report report-check report-screenshot
# The run that makes processed/: the release file stamps version and date into the package, the
# bundled gold is scored into quality.json; the bundled gold counts news outlets' own reports as
# statements, so this dataset keeps them (`--media-statements keep`; the default drops them).
RUN_ARGS = --reference reference --schemas schemas --curation curation/overrides.csv --release release.json --gold tests/gold --media-statements keep

all: data

build:
	$(CARGO) build --release --locked

## Run the pipeline: raw/ -> processed/ (atomic; --strict: any rejected file fails the run).
## Documents unchanged since the last run (same bytes, reference data and rules) come from the
## per-document cache in .cnkp-cache/ (an optimisation only: deleting it changes no output byte).
CACHE ?= .cnkp-cache
data: build
	$(BIN) run --raw raw --out processed --strict $(RUN_ARGS) --cache $(CACHE) $(if $(THREADS),--threads $(THREADS),)

validate: build
	$(BIN) validate processed --schemas schemas

## The test suite: unit + integration tests, then processed/ must equal a fresh `make data`.
test: build
	$(CARGO) test --release --locked
	$(MAKE) --no-print-directory check-data

## processed/ is versioned: regenerate into a temp dir and compare byte for byte.
check-data: build
	@tmp=$$(mktemp -d); \
	$(BIN) run --raw raw --out $$tmp/processed --strict $(RUN_ARGS) || exit 1; \
	if diff -r processed $$tmp/processed >/dev/null; then echo "check-data: processed/ is up to date"; rm -rf $$tmp; \
	else echo "check-data: processed/ differs from what make data produces (run make data and commit):"; diff -rq processed $$tmp/processed; rm -rf $$tmp; exit 1; fi
	$(BIN) validate processed --schemas schemas

## A dataset release: diff processed/ against the last commit's, bump the version in
## release.json and the package, prepend the CHANGELOG entry (commit all three).
release: build
	@tmp=$$(mktemp -d); git archive HEAD processed | tar -x -C $$tmp; \
	$(BIN) release --previous $$tmp/processed --new processed $(if $(DATE),--date $(DATE),); rc=$$?; rm -rf $$tmp; exit $$rc

## What processed/ changes against the last commit (Markdown).
diff: build
	@tmp=$$(mktemp -d); git archive HEAD processed | tar -x -C $$tmp; \
	$(BIN) diff $$tmp/processed processed; rc=$$?; rm -rf $$tmp; [ $$rc -le 1 ]

## Precision/recall/F1 per table against tests/gold.
eval: build
	$(BIN) eval --gold tests/gold --pred processed --reference reference

## cnkp against the notebook-style peer on one generated corpus: MB/s, peak RSS, speed ratio
## (bench/run.sh; MB=1000 for a gigabyte).
MB ?= 100
bench: build
	bash bench/run.sh $(MB) $(THREADS)

## Property tests with many more cases than `make test`.
fuzz:
	PROPTEST_CASES=200000 $(CARGO) test --release --locked -- prop_

## Execute notebooks/explore.ipynb headless against processed/ (Python deps from
## notebooks/requirements.txt in .ci/venv-notebook, made once); a failing cell or assert fails.
## The committed notebook must be stripped of outputs; NOTEBOOK_OUT=FILE keeps the executed copy.
notebook:
	@[ -x $(NB_VENV)/bin/python ] || $(PYTHON) -m venv $(NB_VENV)
	@$(NB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r notebooks/requirements.txt
	@$(NB_VENV)/bin/python notebooks/check_stripped.py notebooks/explore.ipynb
	@tmp=$$(mktemp -d); \
	JUPYTER_PATH=$(CURDIR)/$(NB_VENV)/share/jupyter CNKP_PROCESSED=$(CNKP_PROCESSED) \
	$(NB_VENV)/bin/python -m jupyter nbconvert --to notebook --execute \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
		--output-dir $$tmp --output explore.ipynb notebooks/explore.ipynb; rc=$$?; \
	if [ $$rc -eq 0 ] && [ -n "$(NOTEBOOK_OUT)" ]; then cp $$tmp/explore.ipynb "$(NOTEBOOK_OUT)"; fi; \
	rm -rf $$tmp; \
	if [ $$rc -eq 0 ]; then echo "notebook: notebooks/explore.ipynb ran without errors"; \
	else echo "notebook: notebooks/explore.ipynb failed (see the cell above)"; exit $$rc; fi

## Remove outputs and execution counts from notebooks/explore.ipynb (the committed form).
notebook-strip:
	$(PYTHON) notebooks/check_stripped.py --fix notebooks/explore.ipynb

## A self-contained HTML report of processed/ (no network, no scripts): report/index.html.
report: build
	$(BIN) report processed --out report/index.html

## Render the report in headless Chromium (Debian's, installed when missing) and check it: no
## console errors, chart marks = table rows, labelled axes. SHOT=FILE keeps the screenshot.
SHOT ?= $(shell mktemp -u)-report.png
report-check: report
	bash tests/browser/run.sh report/index.html processed $(SHOT)

## Regenerate the README's screenshot of the report (docs/report.png).
report-screenshot: report
	bash tests/browser/run.sh report/index.html processed docs/report.png

clean:
	$(CARGO) clean
