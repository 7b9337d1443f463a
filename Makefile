# newsroom: the few verbs a newcomer needs. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
TEST_ENV := DJANGO_SECRET_KEY=test-only-secret-key-not-for-production
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
# The unit tests run on every core (pytest-xdist); TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= auto

.PHONY: run serve lock test test-fast test-postgres test-cluster mutation lint format bench browser-deps clean backup restore

# Installs come from the locks in requirements/, every package pinned with its hashes (Python
# 3.11 on Linux x86_64): base.txt is what the site runs on, dev.txt that plus pyproject.toml's
# dev extra. The project itself goes in editable, without dependencies. A changed lock
# reinstalls; `pip check` (and scripts/check_lock.py for the dev extra, which pip check does
# not read) fails when pyproject.toml asks for more than the lock holds: then `make lock`.
$(VENV)/.installed: requirements/base.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.txt
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(PY) -m pip check
	$(PY) scripts/check_lock.py dev
	touch $@

## lock: write requirements/base.txt and dev.txt from pyproject.toml with pip-compile (pinned,
##       hashed). Pins that still fit are kept; LOCK_ARGS=--upgrade moves everything to the
##       newest versions the ranges allow, LOCK_ARGS="--upgrade-package gunicorn" one package.
LOCK_ARGS ?=
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
# pip-tools comes from the dev lock. Not through the stamps: their `pip check` refuses a
# pyproject.toml that has just outgrown the lock, which is when this is run.
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(VENV)/bin/pip-compile || $(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file requirements/base.txt pyproject.toml
	$(PIP_COMPILE) $(LOCK_ARGS) --extra dev --constraint requirements/base.txt \
	  --output-file requirements/dev.txt pyproject.toml

## run: install, migrate, load the demo content once, and serve on http://127.0.0.1:$(PORT)
##      with gunicorn, a task worker beside it (Ctrl-C stops both)
run: $(VENV)/.installed
	@export NEWSROOM_VAR_DIR="$(CURDIR)/var"; \
	$(PY) manage.py migrate --noinput -v0 && \
	$(PY) manage.py load_demo && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	$(PY) manage.py ensure_admin && \
	echo "" && echo "  뉴스룸: http://127.0.0.1:$(PORT)/   (편집국: http://127.0.0.1:$(PORT)/admin/)" && echo "" && \
	export PORT=$(PORT); \
	$(PY) manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(VENV)/bin/gunicorn -c gunicorn.conf.py newsroom.wsgi

## test: install what tests need (Chromium, fonts, Redis for the two-instance test), run every test:
##       tests/unit on every core, then tests/browser and tests/server one at a time
test: $(VENV)/.installed-dev browser-deps node_modules/.installed
	@bash scripts/ensure-services redis
	$(call every_test,$(TEST_ENV) $(PY) -m pytest)

## test-fast: the unit tests alone (tests/unit, no browser, no server), on every core: the loop
##            while you work, under 2 minutes; `make test` before you commit
test-fast: $(VENV)/.installed-dev
	@bash scripts/ensure-services redis
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal tests/unit

## test-postgres: the same suite against the local PostgreSQL (and Redis as the cache)
test-postgres: $(VENV)/.installed-dev browser-deps node_modules/.installed
	@bash scripts/ensure-services redis postgres
	$(call every_test,$(TEST_ENV) DATABASE_URL=$(POSTGRES_URL) REDIS_URL=$(REDIS_TEST_URL) $(PY) -m pytest)

## test-cluster: the cluster proof (tests/cluster): Varnish, two gunicorns, a task worker,
##               PostgreSQL, Redis and moto's S3 server on 127.0.0.1; installs what is missing
test-cluster: $(VENV)/.installed-dev
	@bash scripts/ensure-services redis postgres varnish wrk
	$(TEST_ENV) $(PY) -m pytest tests/cluster

## mutation: mutation testing (mutmut) of the rate limits, the publication rule, the page cache
##           and the write layer against the unit tests that reach them; lists the mutants that
##           survived. Slow (one to three hours for the whole set on 2 cores): not part of
##           `make test` nor CI. MUTANTS="newsroom.ratelimit.*" for one module (10-20 min);
##           each run runs every mutant it names again. See docs/testing.md.
MUTANTS ?= "newsroom.ratelimit.*" "articles.models.articles.x_published_*" \
	"articles.models.articles.x_is_published*" "articles.models.articles.xǁArticleQuerySetǁpublished*" \
	"articles.models.articles.xǁArticleQuerySetǁscheduled*" "newsroom.cache.pages.*" \
	"articles.actions.reactions.*" "articles.actions.comments.*"
MUTATION_WORKERS ?= 2
mutation: $(VENV)/.installed-dev
	$(TEST_ENV) $(VENV)/bin/mutmut run --max-children $(MUTATION_WORKERS) $(MUTANTS)
	$(VENV)/bin/mutmut results

# $(call every_test,PYTEST): the unit tests on every core, then the browser and server tests in
# one process (they start live servers and gunicorn, and measure time); both run whatever the
# first says, and the step fails if either failed.
define every_test
	status=0; \
	$(1) -n $(TEST_WORKERS) --dist worksteal tests/unit || status=$$?; \
	$(1) tests/browser tests/server || status=$$?; \
	exit $$status
endef

browser-deps:
	@bash scripts/ensure-browser

# The Nu Html Checker (npm's vnu-jar) for tests/browser/test_html_valid.py, run on the machine's Java.
# --ignore-scripts: its postinstall would download a Java runtime; the system one is used.
node_modules/.installed: package.json package-lock.json
	@command -v java >/dev/null && command -v npm >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless npm)
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## backup: copy the database and media while the site runs, into var/backups/<date-time>
##         (or BACKUP=folder); SQLite's online backup, pg_dump with DATABASE_URL
backup: $(VENV)/.installed
	@NEWSROOM_VAR_DIR="$(CURDIR)/var" $(PY) manage.py backup $(BACKUP)

## restore: put a backup back (BACKUP=var/backups/<date-time>), then restart the server
restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || (echo "BACKUP=var/backups/<날짜-시각> 으로 복원할 백업 폴더를 주세요." && exit 2)
	@printf "$(BACKUP)로 복원하면 백업 이후에 쓴 내용이 모두 사라집니다. 계속할까요? [y/N] " && read answer && \
	  [ "$$answer" = y ] && NEWSROOM_VAR_DIR="$(CURDIR)/var" $(PY) manage.py restore "$(BACKUP)" --yes

# mypy is strict on the modules listed under [tool.mypy] files in pyproject.toml.
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(VENV)/bin/mypy
	mkdir -p var && $(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## bench: serve a demo archive with the real gunicorn, alone and behind Varnish, measure it with
##        wrk, write docs/benchmark.md
##        BENCH_ARTICLES="1000 100000" for both sizes; BENCH_ARTICLES=100 BENCH_SECONDS=1 to smoke
BENCH_ARTICLES ?= 1000
BENCH_SECONDS ?= 5
BENCH_CONNECTIONS ?= 16
bench: $(VENV)/.installed
	@bash scripts/ensure-services varnish wrk
	BENCH_ARTICLES="$(BENCH_ARTICLES)" BENCH_SECONDS=$(BENCH_SECONDS) \
	BENCH_CONNECTIONS=$(BENCH_CONNECTIONS) $(PY) scripts/bench.py

clean:
	rm -rf var screenshots .pytest_cache node_modules mutants
