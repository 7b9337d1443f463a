"""Cache tags: what a cached page or fragment shows, and invalidating exactly that.

Every cached page and fragment lists the objects it shows as tags ("article:12", the list of a
section, the front page's lists ...). Writing an object invalidates its tags: the server's own
cache compares, on every hit, the version each tag had when the entry was stored with its
version now (the design of Symfony's TagAwareAdapter), and a cache in front (Varnish, Fastly,
Cloudflare) is told to purge the same tags (newsroom/cache/edge.py).

A tag's version is the time (in nanoseconds) of its last invalidation. Nothing is stored for a
tag until it is invalidated: a missing version reads as 0, so looking up the tags of a made-up
page stores nothing. Versions live in Redis with REDIS_URL, else in the file every process on
the machine shares (newsroom/counters.py), and expire after TAG_VERSION_SECONDS, which is longer
than any entry lives: an entry never outlives the record of a change it missed.

An entry computed while one of its tags was invalidated may hold what was there before: it is
not stored, and a response in that case is kept by a cache in front for a moment only
(`changed_since`). Clocks of the servers are trusted to agree within CACHE_CLOCK_MARGIN_MS: a
change this close to the start of a computation counts as made during it.
"""

import contextlib
import contextvars
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from newsroom import counters

T = TypeVar("T")

VERSION_KEY = "tv:{}"
# Every entry carries this tag too: invalidating it empties the whole cache (a restored backup).
EVERYTHING = "site"


def now_ns() -> int:
    return time.time_ns()


# Reading versions


# The versions read in this request (or task), so that a page and its fragments read each tag
# once; an invalidation made meanwhile is taken out of it.
_read: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
    "tag_versions", default=None
)


def _fetch(tags: list[str]) -> dict[str, int]:
    if not tags:
        return {}
    if not settings.REDIS_URL:
        return counters.shared_file.tag_versions(tags)
    found = cache.get_many([VERSION_KEY.format(tag) for tag in tags])
    return {tag: int(found.get(VERSION_KEY.format(tag), 0)) for tag in tags}


def versions(tags: Iterable[str]) -> dict[str, int]:
    """The current version of each tag (0: not invalidated lately)."""
    wanted = list(dict.fromkeys(tags))
    read = _read.get()
    if read is None:
        return _fetch(wanted)
    missing = [tag for tag in wanted if tag not in read]
    read.update(_fetch(missing))
    return {tag: read[tag] for tag in wanted}


def versions_now(tags: Iterable[str]) -> dict[str, int]:
    """The current version of each tag, asked of the store even if this request read it
    before: whether something changed while a page was drawn is a question about now, and
    another process may have invalidated a tag since this request first read it."""
    wanted = list(dict.fromkeys(tags))
    fresh = _fetch(wanted)
    read = _read.get()
    if read is not None:
        read.update(fresh)
    return fresh


@contextlib.contextmanager
def reading() -> Iterator[None]:
    """Read each tag's version once for the duration (one request, one task)."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def _margin_ns() -> int:
    return int(settings.CACHE_CLOCK_MARGIN_MS * 1_000_000)


def changed_since(tags: Iterable[str], started_ns: int) -> bool:
    """True if one of `tags` was invalidated after `started_ns` (or within the clocks' margin
    of it): what was computed since may hold the state before the change."""
    return any(v > started_ns - _margin_ns() for v in versions_now(tags).values())


# Invalidating


def invalidate_now(tags: Iterable[str]) -> None:
    """Give each tag a new version: every entry stored under an older one is stale."""
    tags = sorted(set(tags))
    if not tags:
        return
    version = now_ns()
    read = _read.get()
    if read is not None:
        for tag in tags:
            read.pop(tag, None)
    if not settings.REDIS_URL:
        counters.shared_file.set_tag_versions(tags, version, settings.TAG_VERSION_SECONDS)
        return
    cache.set_many({VERSION_KEY.format(tag): version for tag in tags}, settings.TAG_VERSION_SECONDS)


# Collecting the tags of what is computed


@dataclass
class Collection:
    tags: set[str] = field(default_factory=set)
    started_ns: int = field(default_factory=now_ns)
    seconds: float | None = None  # the shortest lifetime among the parts, if any asked for one

    def shorten(self, seconds: float) -> None:
        self.seconds = seconds if self.seconds is None else min(self.seconds, seconds)


_collections: contextvars.ContextVar[tuple[Collection, ...]] = contextvars.ContextVar(
    "tag_collections", default=()
)


def add(*tags: str) -> None:
    """Say that what is being computed shows these objects."""
    stack = _collections.get()
    if stack:
        stack[-1].tags.update(tags)


def lasts_at_most(seconds: float) -> None:
    """Say that what is being computed may be kept this long at most (a part that changes
    without any write: the day's date, most-viewed counts, a scheduled article's time)."""
    stack = _collections.get()
    if stack:
        stack[-1].shorten(seconds)


@contextlib.contextmanager
def collecting(
    *, lifetime: bool = True, passes: Callable[[str], bool] | None = None
) -> Iterator[Collection]:
    """Collect the tags (and the shortest lifetime) of what is computed inside; they count
    for the enclosing collection too, as that shows it. For a part the page's script
    refreshes: `lifetime=False`, the page need not keep to its lifetime, and `passes`, which
    of its tags the page follows (all, if not given)."""
    outer = _collections.get()
    collection = Collection()
    token = _collections.set((*outer, collection))
    try:
        yield collection
    finally:
        _collections.reset(token)
        if outer:
            names = collection.tags if passes is None else filter(passes, collection.tags)
            outer[-1].tags.update(names)
            if lifetime and collection.seconds is not None:
                outer[-1].shorten(collection.seconds)


class Shown:
    """A list a page shows, read once, that says what it shows each time it is drawn: into the
    fragment drawing it then, or the page (a lazy list read first by another fragment would
    otherwise leave the next one without its tags)."""

    def __init__(self, compute: Callable[[], Iterable[Any]]) -> None:
        self._compute = compute
        self._found: tuple[list[Any], tuple[str, ...]] | None = None

    def _items(self) -> list[Any]:
        if self._found is None:
            with collecting() as collection:
                items = list(self._compute())
            self._found = (items, tuple(collection.tags))
        items, names = self._found
        add(*names)
        return items

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())

    def __bool__(self) -> bool:
        return bool(self._items())

    def __getitem__(self, index: int) -> Any:
        return self._items()[index]


# The server's own tagged cache


class Entry(NamedTuple):
    value: Any
    versions: dict[str, int]
    expires: float  # the time (time.time()) it may be kept until
    # The time until which what it shows holds, if something in it said so (lasts_at_most):
    # what shows it may be kept that long at most. Its own `expires` is no such limit, only
    # how long this cache keeps it: its tags say when it is stale.
    holds_until: float | None = None


def get(key: str) -> Entry | None:
    """The entry under `key` if none of its tags changed since it was stored; its tags (and
    the time it has left) count for what is being computed."""
    entry = cache.get(key)
    if not isinstance(entry, Entry):
        return None
    if versions(entry.versions) != entry.versions:
        return None
    add(*entry.versions)
    if entry.holds_until is not None:
        lasts_at_most(max(entry.holds_until - time.time(), 0.0))
    return entry


def put(key: str, value: Any, collection: Collection, seconds: float) -> bool:
    """Store `value` computed in `collection` for `seconds` (or the collection's shorter
    lifetime); not if one of its tags changed while it was computed."""
    current = versions_now({*collection.tags, EVERYTHING})
    if any(v > collection.started_ns - _margin_ns() for v in current.values()):
        return False
    lifetime = seconds if collection.seconds is None else min(seconds, collection.seconds)
    if lifetime <= 0:
        return False
    started = collection.started_ns / 1e9
    holds_until = None if collection.seconds is None else started + collection.seconds
    cache.set(key, Entry(value, current, time.time() + lifetime, holds_until), lifetime)
    return True


def cached(key: str, compute: Callable[[], T], seconds: float) -> T:
    """`compute()` kept under `key` until one of the tags it collected is invalidated, or
    for `seconds`."""
    entry = get(key)
    if entry is not None:
        return cast(T, entry.value)
    with collecting() as collection:
        value = compute()
    put(key, value, collection, seconds)
    return value


def on_commit(names: Iterable[str]) -> int:
    """Invalidate `names` now and again once the current transaction commits: the writer's own
    request sees its change at once, and whatever another process drew in between from the
    rows before the commit (and stored under the first new version) is stale after it.

    Returns the moment (now_ns()) after which the last of these invalidations comes: a
    purge of the cache in front waits for it (settled_after)."""
    names = sorted(set(names))
    if not names:
        return now_ns()
    if not transaction.get_connection().in_atomic_block:
        moment = now_ns()
        invalidate_now(names)
        return moment
    invalidate_now(names)
    moment = now_ns()
    transaction.on_commit(lambda: invalidate_now(names))
    return moment


def settled_after(names: Iterable[str], moment: int, seconds: float) -> None:
    """Return once each of `names` has been invalidated at `moment` or later, and the clocks'
    margin has passed since: a cache in front that fetches a page once purged then finds it
    drawn from the rows after the change, and counted so (not as drawn during the change,
    which it would keep a moment only and fetch again).

    The writer invalidates once its transaction commits, which a task queued in that
    transaction may overtake. A tag still older after `seconds` (the writer stopped between
    its commit and that invalidation) is invalidated here."""
    names = sorted(set(names))
    deadline = time.monotonic() + seconds
    current = versions_now(names)
    while late := [tag for tag, version in current.items() if version < moment]:
        if time.monotonic() >= deadline:
            invalidate_now(late)
            current = versions_now(names)
            break
        time.sleep(0.01)
        current = versions_now(names)
    newest = max(current.values(), default=0)
    pause = (newest + _margin_ns() - now_ns()) / 1e9
    if pause > 0:
        time.sleep(pause)
