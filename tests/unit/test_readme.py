"""The README stays a short, true guide: under 300 lines, every path in its map exists, and
the configuration table (docs/configuration.md) names every variable the settings and
gunicorn read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("newsroom/settings.py", "gunicorn.conf.py")
READ = re.compile(r"""(?:environ\.get|env_bool|env_int|env_list)\(\s*["']([A-Z][A-Z0-9_]+)["']""")
CHECKED = re.compile(r"""["']([A-Z][A-Z0-9_]+)["']\s+(?:not\s+)?in\s+os\.environ""")


def variables_read():
    names = set()
    for source in SOURCES:
        text = (ROOT / source).read_text()
        names |= set(READ.findall(text)) | set(CHECKED.findall(text))
    return names


def test_every_variable_the_settings_read_is_in_the_configuration_table():
    reference = (ROOT / "docs" / "configuration.md").read_text()
    table = reference.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = variables_read()
    assert len(names) > 50  # the reader above still finds them
    missing = sorted(name for name in names if f"`{name}`" not in table)
    assert missing == []


def test_the_readme_is_short_and_its_map_names_paths_that_exist():
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) < 300
    where = readme.split("## Where things are", 1)[1].split("\n## ", 1)[0]
    paths = re.findall(r"^\| `([^`]+)`", where, flags=re.MULTILINE)
    assert len(paths) > 10
    missing = [path for path in paths if not (ROOT / path.rstrip("/")).exists()]
    assert missing == []
    for linked in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / linked).exists(), linked
