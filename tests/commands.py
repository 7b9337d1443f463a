"""manage.py in a process of its own, with an environment of the test's choosing: for what
happens at startup, on the command line, and in the servers the tests start."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_manage(environment, *args, timeout=120):
    """The finished process of `manage.py args` run with exactly `environment`, its output
    captured as text."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
