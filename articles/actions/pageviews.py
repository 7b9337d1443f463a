"""Views counted without a database write per view.

The page's script sends a beacon (readers without JavaScript and bots are not counted); one
view per reader per article per VIEW_COUNT_WINDOW counts. Counted views wait in a buffer and
reach the database in batches, at most VIEW_FLUSH_SECONDS or VIEW_FLUSH_EVERY views apart:
Article.view_count and the day's DailyViews row move together, by F() updates.

The buffer is a Redis hash when REDIS_URL is set (shared by every process; a worker that dies
loses nothing), else a counter in the process (written at a clean exit through gunicorn's
worker_exit hook and atexit; a process killed outright loses at most its last few seconds).
"""

import atexit
import logging
import threading
import uuid
from collections import Counter
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from articles.models import Article, DailyViews

if TYPE_CHECKING:  # redis is imported only where REDIS_URL makes Django's cache use it
    from redis import Redis

logger = logging.getLogger(__name__)

PENDING_KEY = "views:pending"
BUFFERED_KEY = "views:buffered"
FLUSH_LOCK_KEY = "views:flush-due"


def _redis() -> "Redis | None":
    """The raw client behind Django's Redis cache, or None for the local-memory cache."""
    backend = getattr(cache, "_cache", None)
    get_client = getattr(backend, "get_client", None)
    client: Redis | None = get_client(write=True) if get_client else None
    return client


class _LocalBuffer:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[int] = Counter()
        self.total = 0

    def add(self, article_id: int) -> int:
        with self.lock:
            self.counts[article_id] += 1
            self.total += 1
            return self.total

    def take(self) -> Counter[int]:
        with self.lock:
            counts, self.counts, self.total = self.counts, Counter(), 0
        return counts

    def give_back(self, counts: Counter[int]) -> None:
        with self.lock:
            self.counts.update(counts)
            self.total += sum(counts.values())


_local = _LocalBuffer()


def _key(name: str) -> str:
    return cache.make_key(name)


def record(article_id: int) -> None:
    """Buffer one view of an article, and write the buffer out when it is due: when it holds
    VIEW_FLUSH_EVERY views, or when VIEW_FLUSH_SECONDS have passed since the last write (the
    marker FLUSH_LOCK_KEY has expired; with Redis one process wins it for everyone)."""
    client = _redis()
    buffered = None
    if client is not None:
        try:
            client.hincrby(_key(PENDING_KEY), str(article_id), 1)
            buffered = client.incr(_key(BUFFERED_KEY))
        except Exception as error:  # Redis down: keep the view in this process instead
            logger.warning("View buffer in Redis unavailable (%s); buffering locally.", error)
    if buffered is None:
        buffered = _local.add(article_id)
    full = buffered >= settings.VIEW_FLUSH_EVERY
    if full:
        cache.set(FLUSH_LOCK_KEY, 1, settings.VIEW_FLUSH_SECONDS)
    if full or cache.add(FLUSH_LOCK_KEY, 1, settings.VIEW_FLUSH_SECONDS):
        flush()


def _take_shared(client: "Redis") -> tuple[Counter[int], str | None]:
    """Move the shared hash aside atomically and read it: no view is taken twice."""
    aside = f"{_key(PENDING_KEY)}:{uuid.uuid4().hex}"
    try:
        client.delete(_key(BUFFERED_KEY))
        client.rename(_key(PENDING_KEY), aside)
    except Exception:  # nothing pending (or Redis down)
        return Counter(), None
    raw = client.hgetall(aside)
    return Counter({int(k): int(v) for k, v in raw.items()}), aside


def flush() -> int:
    """Write every buffered view to the database; returns how many views were written."""
    counts = _local.take()
    client = _redis()
    aside = None
    if client is not None:
        shared, aside = _take_shared(client)
        counts.update(shared)
    if not counts:
        return 0
    try:
        _write(counts)
    except Exception:
        # Kept in this process for the next flush (or its exit).
        logger.exception("Could not write %d buffered views; keeping them.", sum(counts.values()))
        _local.give_back(counts)
        return 0
    finally:
        if client is not None and aside is not None:
            client.delete(aside)
    return sum(counts.values())


def _write(counts: Counter[int]) -> None:
    today = timezone.localdate()
    with transaction.atomic():
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


def flush_at_exit() -> None:
    try:
        flush()
    except Exception:
        logger.exception("Could not write buffered views at exit.")


atexit.register(flush_at_exit)
