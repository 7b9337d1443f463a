"""Version numbers that shared pages and their fragments are kept under.

A page or fragment is stored under a key holding the versions it depends on: one for the whole
site (bumped by any editorial change) and one per part of an article that readers change (its
comments, its reaction counts). A bump makes every key that held the old number unreachable, so
a change shows on the next request. The numbers live in Redis with REDIS_URL, else in the file
every process on the machine shares (newsroom/counters.py).
"""

import contextvars
import time
from collections.abc import Callable, Sequence
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from newsroom import counters

SITE_VERSION_KEY = "pc:v:site"
ARTICLE_VERSION_KEY = "pc:v:article:{}:{}"  # article id, part
# The parts of an article page that readers change, each with its own version, so that a
# reaction does not throw away the rendered comment thread.
COMMENTS, REACTIONS = "comments", "reactions"

P = ParamSpec("P")
R = TypeVar("R")


def _fresh_number() -> int:
    return time.time_ns()


# The versions a shared page has read, kept for the rest of its request (the page key, the
# fragments' keys and the section tree all ask): one read of the shared store, not three.
_read_in_request: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
    "page_versions", default=None
)


def current(keys: Sequence[str]) -> list[int]:
    """Current values of version keys, creating missing ones (evicted or never bumped) with a
    number never used before, so no page stored under an older number can come back.

    Without Redis they live in the file every process shares (newsroom/counters.py), so an
    edit saved by one gunicorn worker shows at once in the pages of every other."""
    read = _read_in_request.get()
    if read is not None:
        if all(key in read for key in keys):
            return [read[key] for key in keys]
        found = _read_versions(keys)
        read.update(zip(keys, found, strict=True))
        return found
    return _read_versions(keys)


def _read_versions(keys: Sequence[str]) -> list[int]:
    if not settings.REDIS_URL:
        return counters.shared_file.numbers(keys, _fresh_number())
    found: dict[str, int] = cache.get_many(keys)
    for key in keys:
        if key not in found:
            number = _fresh_number()
            cache.add(key, number, timeout=None)
            found[key] = cache.get(key, number)
    return [found[key] for key in keys]


def _bump(key: str) -> None:
    read = _read_in_request.get()
    if read is not None:
        read.pop(key, None)
    if not settings.REDIS_URL:
        counters.shared_file.increment(key, _fresh_number())
        return
    try:
        cache.incr(key)
    except ValueError:  # not there: any new number is newer than every page stored before
        cache.set(key, _fresh_number(), timeout=None)


def site_version() -> int:
    return current([SITE_VERSION_KEY])[0]


def bump_site() -> None:
    """An editorial change: every public page may show it."""
    _bump(SITE_VERSION_KEY)


def bump_article(article_id: int, part: str) -> None:
    """A change to one article's comments or reaction counts: its own pages only."""
    _bump(ARTICLE_VERSION_KEY.format(article_id, part))


def comments_version(article_id: int) -> int:
    return current([ARTICLE_VERSION_KEY.format(article_id, COMMENTS)])[0]


def _bump_now_and_on_commit(bump: Callable[[], None]) -> None:
    """Bump at once, and again when the transaction commits: a page rendered from the old rows
    between the two (the write not yet visible to other connections) is never reached."""
    bump()
    transaction.on_commit(bump)


def bump_site_on_commit(**kwargs: object) -> None:
    """An editorial write in the current transaction (also a signal handler)."""
    _bump_now_and_on_commit(bump_site)


def bump_article_on_commit(article_id: int, part: str) -> None:
    _bump_now_and_on_commit(lambda: bump_article(article_id, part))


def reading(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` with the versions it reads kept for its duration (one request): the
    page's key, its fragments and the section tree then read the shared store once."""

    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        token = _read_in_request.set({})
        try:
            return function(*args, **kwargs)
        finally:
            _read_in_request.reset(token)

    return run
