"""Views counted without a database write per view.

The page's script sends a beacon (readers without JavaScript and bots are not counted); one
view per reader per article per VIEW_COUNT_WINDOW counts. Counted views wait in a buffer that
every process shares (a Redis hash with REDIS_URL, else the counters file every process on the
machine shares, newsroom/counters.py) and reach the database by a task, at most
VIEW_FLUSH_SECONDS or VIEW_FLUSH_EVERY views apart: Article.view_count and the day's DailyViews
row move together, by F() updates.

A flush first moves what is pending aside under a batch id of its own, then writes the batch
and records its id in the same transaction (AppliedViewBatch), then drops it. A worker killed
anywhere in between loses no view and counts none twice: the next flush finds the batch left
aside and writes it, or finds its id recorded and only drops it.
"""

import logging
import uuid
from collections import Counter
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from articles.models import AppliedViewBatch, Article, DailyViews
from newsroom import counters

if TYPE_CHECKING:  # redis is imported only where REDIS_URL makes Django's cache use it
    from redis import Redis

logger = logging.getLogger(__name__)

PENDING = "views:pending"
BATCH_PREFIX = "views:batch:"
FLUSH_DUE_KEY = "views:flush-due"
FLUSH_NOW_KEY = "views:flush-now"
# Applied batch ids are kept this long: far longer than a batch waits to be written.
APPLIED_KEPT = timedelta(days=2)


class Buffer(Protocol):
    def add(self, article_id: int) -> int: ...
    def move_pending(self) -> None: ...
    def batches(self) -> list[str]: ...
    def read(self, name: str) -> Counter[int]: ...
    def drop(self, name: str) -> None: ...


class FileBuffer:
    """In the counters file every process on the machine shares."""

    def add(self, article_id: int) -> int:
        return counters.shared_file.buffer_add(PENDING, str(article_id))

    def move_pending(self) -> None:
        counters.shared_file.buffer_move(PENDING, f"{BATCH_PREFIX}{uuid.uuid4().hex}")

    def batches(self) -> list[str]:
        return counters.shared_file.buffer_names(BATCH_PREFIX)

    def read(self, name: str) -> Counter[int]:
        found = counters.shared_file.buffer_read(name)
        return Counter({int(key): count for key, count in found.items()})

    def drop(self, name: str) -> None:
        counters.shared_file.buffer_drop(name)


class RedisBuffer:
    """A hash in Redis, shared by every process on every host."""

    def __init__(self, client: "Redis") -> None:
        self.client = client

    def add(self, article_id: int) -> int:
        key = cache.make_key(PENDING)
        pipe = self.client.pipeline()
        pipe.hincrby(key, str(article_id), 1)
        pipe.hvals(key)
        _, values = pipe.execute()
        return sum(int(value) for value in values)

    def move_pending(self) -> None:
        pending = cache.make_key(PENDING)
        # Two flushes at once: the one that finds it gone raises, and the flush logs it.
        if self.client.exists(pending):
            self.client.rename(pending, cache.make_key(BATCH_PREFIX + uuid.uuid4().hex))

    def batches(self) -> list[str]:
        prefix = cache.make_key(BATCH_PREFIX)
        names = []
        for key in self.client.scan_iter(match=f"{prefix}*", count=1000):
            name = key.decode() if isinstance(key, bytes) else key
            names.append(BATCH_PREFIX + name.removeprefix(prefix))
        return names

    def read(self, name: str) -> Counter[int]:
        raw = self.client.hgetall(cache.make_key(name))
        return Counter({int(k): int(v) for k, v in raw.items()})

    def drop(self, name: str) -> None:
        self.client.delete(cache.make_key(name))


def _redis() -> "Redis | None":
    """The raw client behind Django's Redis cache, or None for the local-memory cache."""
    backend = getattr(cache, "_cache", None)
    get_client = getattr(backend, "get_client", None)
    client: Redis | None = get_client(write=True) if get_client else None
    return client


def buffers() -> list[Buffer]:
    """Where views wait: the counters file always (also where they go while Redis is away),
    and Redis when there is one."""
    found: list[Buffer] = [FileBuffer()]
    client = _redis() if settings.REDIS_URL else None
    if client is not None:
        found.insert(0, RedisBuffer(client))
    return found


def record(article_id: int) -> None:
    """Buffer one view of an article. The first view after a flush schedules the next one
    VIEW_FLUSH_SECONDS later, so that no view waits longer, however quiet the site; a buffer
    that holds VIEW_FLUSH_EVERY views asks for one at once (at most once a second)."""
    first, *rest = buffers()
    try:
        buffered = first.add(article_id)
    except Exception as error:  # Redis gone: the file keeps the view
        if not rest:
            raise
        logger.warning("View buffer in Redis unavailable (%s); buffering in the file.", error)
        buffered = rest[0].add(article_id)
    try:
        if buffered >= settings.VIEW_FLUSH_EVERY and cache.add(FLUSH_NOW_KEY, 1, 1):
            flush_views.enqueue()
        elif cache.add(FLUSH_DUE_KEY, 1, settings.VIEW_FLUSH_SECONDS):
            later = timezone.now() + timedelta(seconds=settings.VIEW_FLUSH_SECONDS)
            flush_views.using(run_after=later).enqueue()
    except DatabaseError:
        # The database refuses writes (read-only): the view is kept, and the next one asks
        # again once it takes them.
        cache.delete_many([FLUSH_DUE_KEY, FLUSH_NOW_KEY])
        logger.warning("Could not queue a flush of the buffered views; they wait.")


def _write(batch: str, counts: Counter[int]) -> int:
    """Apply one batch to the database, once: False when it was applied before."""
    today = timezone.localdate()
    with transaction.atomic():
        try:
            with transaction.atomic():
                AppliedViewBatch.objects.create(batch_id=batch)
        except IntegrityError:
            return 0
        for article_id, views in sorted(counts.items()):
            if not Article.objects.filter(pk=article_id).update(view_count=F("view_count") + views):
                continue  # the article was deleted meanwhile
            day = DailyViews.objects.filter(article_id=article_id, day=today)
            if day.update(views=F("views") + views):
                continue
            try:
                with transaction.atomic():
                    DailyViews.objects.create(article_id=article_id, day=today, views=views)
            except IntegrityError:  # another process created the row at the same moment
                day.update(views=F("views") + views)
    return sum(counts.values())


def flush() -> int:
    """Write every buffered view to the database; returns how many views were written."""
    written = 0
    for buffer in buffers():
        try:
            buffer.move_pending()
            for batch in buffer.batches():
                written += _write(batch, buffer.read(batch))
                buffer.drop(batch)
        except Exception:
            # Left where it is: the next flush writes it (a batch is written once).
            logger.exception("Could not write buffered views; they wait for the next flush.")
    try:
        AppliedViewBatch.objects.filter(applied_at__lt=timezone.now() - APPLIED_KEPT).delete()
    except DatabaseError:
        logger.warning("Could not prune the record of written view batches.")
    return written


@task()
def flush_views() -> int:
    """The task a due flush runs as (off the reader's request)."""
    return flush()
