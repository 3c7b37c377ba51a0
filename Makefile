# Two commands matter: `make run` and `make test`. Both set up what is missing and are quick
# the second time (the install step reruns only when pyproject.toml changes).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
# Tests run on two processes (each with its own database copy, or its own PostgreSQL database).
PYTEST_ARGS ?= -n 2
PORT   ?= 5000

.PHONY: run test install translations migrate lint pytest bench bench-portfolio bench-workshop bench-account bench-scale messages front-images clean

run: install translations migrate
	$(VENV)/bin/exitcoach serve --host $(HOST) --port $(PORT)

test: install translations lint pytest

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Exit Coach needs Python 3.11 or newer: set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

translations: install
	@$(PY) -c 'from app.i18n import compile_catalogues; [print("compiled", p) for p in compile_catalogues("app/translations")]'

migrate: install
	$(VENV)/bin/flask --app app:create_app db upgrade

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

pytest: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# PDF render speed, memory and a 30-export burst against the real server (docs/performance.md).
bench: install translations
	$(PY) -m bench.pdf_bench --record

# The portfolio with 5,000 clients: CSV parse + analysis, the overview page, memory (same file).
bench-portfolio: install translations
	$(PY) -m bench.portfolio_bench --record

# A workshop of thirty against the real server: autosaves, progress view, projector, role-play
# documents (same file).
bench-workshop: install translations
	$(PY) -m bench.workshop_bench --record

# Issue 15's targets: autosaves on gunicorn ×2, click to file, 30 exports on the scale-out stack
# (gunicorn, RQ workers, Redis, PostgreSQL), a cold command line (same file).
bench-scale: install translations
	$(PY) -m bench.scale_bench --record

# The printed page on the front page (static/img/printed-plan-<lang>.png, committed): page 1 of
# the plan PDF of each language's exit example case, made by the app's own PDF path
# (`exitcoach pdf`) and turned into a PNG by pdftoppm (poppler-utils). Rerun after changing the
# print layout or the example cases.
FRONT_CASES := en:en-northwind-retail nl:nl-van-dijk-installatietechniek
front-images: install translations
	@mkdir -p build
	@for pair in $(FRONT_CASES); do \
	  lang=$${pair%%:*}; case=$${pair#*:}; \
	  $(VENV)/bin/exitcoach pdf content/examples/$$case.json -o build/front-$$lang.pdf || exit 1; \
	  pdftoppm -png -f 1 -l 1 -singlefile -scale-to-x 840 -scale-to-y -1 \
	    build/front-$$lang.pdf static/img/printed-plan-$$lang || exit 1; \
	  echo "wrote static/img/printed-plan-$$lang.png"; \
	done

# The download of all one's data and deleting the account, with 200 plans (same file).
bench-account: install translations
	$(PY) -m bench.account_bench --record

# Re-extract interface strings after changing templates or code, then translate the new ones.
messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --width 100 -o app/translations/messages.pot .
	$(VENV)/bin/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching --width 100
	$(PY) -c 'from app.i18n import fill_source_language; fill_source_language("app/translations/en/LC_MESSAGES/messages.po")'

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis tests/screenshots
	find app -name '*.mo' -delete
