# The two commands of the README do all the set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install lock clean bench

# The venv is rebuilt whenever the pinned dependencies or the project metadata change.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Builds the bundled example articles from scratch and shows where everything went.
run: $(STAMP)
	rm -rf out && mkdir -p out
	$(BIN)/conflictkg build --examples --store out/store --export out/graph.trig
	$(BIN)/conflictkg validate --store out/store
	$(BIN)/conflictkg export gexf out/actors.gexf --store out/store --view actors
	$(BIN)/conflictkg export gexf out/events.gexf --store out/store --view events
	$(BIN)/conflictkg export csv out/events.csv --store out/store
	$(BIN)/conflictkg export quickstatements out/wikidata.qs --store out/store
	$(BIN)/conflictkg export html out/picture.html --store out/store
	$(BIN)/conflictkg export geojson out/events.geojson --store out/store
	@echo "outputs in out/: graph.trig (RDF dataset), actors.gexf and events.gexf (Gephi),"
	@echo "events.csv (ACLED columns), wikidata.qs (QuickStatements), picture.html (open in a browser),"
	@echo "events.geojson (a map layer for QGIS or kepler.gl)"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

# Re-pin after changing dependencies in pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet -e '.[test,analysis]'
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock

clean:
	rm -rf out conflictkg-store .pytest_cache
