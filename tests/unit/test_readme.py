"""The README's configuration table names every variable the settings and gunicorn read."""

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
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = variables_read()
    assert len(names) > 50  # the reader above still finds them
    missing = sorted(name for name in names if f"`{name}`" not in table)
    assert missing == []
