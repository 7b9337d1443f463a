"""scripts/check_lock.py: the dev stamp's check that the lock still holds what pyproject.toml
asks, extras included (`pip check` reads plain requirements only)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_lock.py"
spec = importlib.util.spec_from_file_location("check_lock", SCRIPT)
check_lock = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_lock)


def test_the_installed_packages_meet_the_project_and_its_dev_extra():
    assert check_lock.unmet(["dev"]) == []


def test_a_requirement_the_lock_lacks_is_named(monkeypatch):
    asked = [
        "Django>=5.2",
        'pytest>=999; extra == "dev"',
        'no-such-package-in-the-lock>=1; extra == "dev"',
        'no-such-package-either; extra == "docs"',
    ]
    monkeypatch.setattr(check_lock, "requires", lambda project: asked)
    found = check_lock.unmet(["dev"])
    assert len(found) == 2
    assert found[0].startswith("pytest>=999") and "installed" in found[0]
    assert found[1].startswith("no-such-package-in-the-lock>=1") and "not installed" in found[1]
    assert check_lock.unmet([]) == []  # without the extra, only Django is asked
