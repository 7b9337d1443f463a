"""The cluster proof (`make test-cluster`): every test here is marked `cluster` and shares one
cluster (tests/cluster/cluster.py) started once for the run. Figures measured along the way
are printed at the end of the run."""

import shutil
from pathlib import Path

import pytest

from tests.cluster.cluster import Cluster

HERE = Path(__file__).resolve().parent
FIGURES: list[str] = []


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Everything in this folder is a cluster test, so `-m "not cluster"` leaves it out."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.cluster)


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("cluster figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    missing = [tool for tool in ("varnishd", "redis-cli", "pg_isready") if not shutil.which(tool)]
    if missing:
        pytest.fail(f"Missing {', '.join(missing)}: run `make test-cluster`, which installs them.")
    running = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture
def figures():
    """Lines for the run's summary: what a test measured."""
    return FIGURES
