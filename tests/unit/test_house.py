"""The house rules that keep the code navigable, checked by reading the code itself.

Each rule says where one thing lives; a second copy of it anywhere else fails here, naming the
file and line to fold back into the one place.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_CODE = ("articles", "newsroom", "demo")

# The imports that must stay inside a function, and why each does.
ALLOWED_INNER_IMPORTS = {
    ("articles/apps.py", "ready"): (
        "AppConfig.ready() runs once the models are loaded; the modules that connect signals "
        "and checks need them, and importing them at the top of apps.py would load the models "
        "while Django is still reading the app list"
    ),
}


def app_files():
    for package in APP_CODE:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def relative(path):
    return path.relative_to(ROOT).as_posix()


def inner_imports(tree):
    """(function name, line, import) for every import inside a function body."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    yield node.name, inner.lineno, ast.unparse(inner)


def test_no_import_hides_inside_a_function():
    """An import inside a function usually dodges a cycle that a layer would remove."""
    found = [
        f"{relative(path)}:{line} in {function}(): {statement}"
        for path in app_files()
        for function, line, statement in inner_imports(ast.parse(path.read_text()))
        if (relative(path), function) not in ALLOWED_INNER_IMPORTS
    ]
    assert found == []


def test_the_allowed_inner_imports_are_still_there():
    """An allow-list entry for an import that is gone would let the next one in unseen."""
    for (name, function), _why in ALLOWED_INNER_IMPORTS.items():
        tree = ast.parse((ROOT / name).read_text())
        assert any(found == function for found, _line, _ in inner_imports(tree)), name


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_infrastructure_imports_nothing_from_the_app():
    """newsroom/ (settings, HTTP helpers, addresses, counters, caches, CSP, request ids) sits
    below the domain: only the URL configuration joins the two."""
    found = [
        f"{relative(path)}: {module}"
        for path in sorted((ROOT / "newsroom").rglob("*.py"))
        if relative(path) != "newsroom/urls.py"
        for module in imported_modules(ast.parse(path.read_text()))
        if module == "articles" or module.startswith("articles.")
    ]
    assert found == []


def occurrences(pattern, *, allowed):
    """file:line of every match of `pattern` in app code outside the `allowed` files."""
    found = []
    for path in app_files():
        if relative(path) in allowed:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{relative(path)}:{number}: {line.strip()}")
    return found


def test_the_publication_rule_is_written_once():
    """What the public may see (published, and its time has come) is published_rule() and its
    SQL and Python twins in articles/models/articles.py; everything else calls them."""
    rule = re.compile(
        r"published_at__(lte|lt|gt)\b|published_at\s*(<=|<|>)[^=]|[<>]=?\s*\w*\.?published_at\b"
    )
    assert occurrences(rule, allowed={"articles/models/articles.py"}) == []


def test_html_becomes_plain_text_in_one_place():
    """articles.body.plain_text() is the one HTML-to-text (search, revisions, photo rows)."""
    conversion = re.compile(r"\bstrip_tags\(|\bunescape\(|\bstriptags\b")
    assert occurrences(conversion, allowed={"articles/body.py"}) == []


HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_no_decision_is_taken_on_korean_text():
    """Words are for people: code compares codes, enums or exceptions, never a message. (The
    demo's grammar helpers and story data work on Korean words by nature, and are left out.)"""
    found = []
    for path in app_files():
        if relative(path).startswith("demo/"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Compare):
                continue
            if not any(isinstance(op, ast.In | ast.NotIn | ast.Eq | ast.NotEq) for op in node.ops):
                continue
            texts = [node.left, *node.comparators]
            if any(
                isinstance(text, ast.Constant)
                and isinstance(text.value, str)
                and HANGUL.search(text.value)
                for text in texts
            ):
                found.append(f"{relative(path)}:{node.lineno}: {ast.unparse(node)}")
    assert found == []
