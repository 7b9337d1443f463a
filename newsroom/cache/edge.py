"""Purging the cache in front of the site (Varnish, Fastly, Cloudflare) by tag.

Pages name what they show in a tag header (newsroom/cache/pages.py); when something changes,
the tags of what shows it are purged here. One interface, three backends, chosen by
EDGE_PURGE ("varnish", "fastly", "cloudflare"; empty: no cache in front):

- Varnish with varnish-modules' xkey: `PURGE /` with the header `xkey-purge: <tags>` to each
  Varnish (EDGE_PURGE_URLS), which answers for the tags it knew (deploy/varnish/).
- Fastly: `POST /service/<id>/purge` with the tags in `Surrogate-Key` (256 a call).
- Cloudflare: `POST /zones/<id>/purge_cache` with `{"tags": [...]}` (30 a call).

A purge runs as a task (django-tasks), off the request that made the change, and is retried
with a growing pause (up to EDGE_PURGE_RETRY_MAX_SECONDS) until it lands: each failure is
logged. Once it is older than EDGE_MAX_AGE it has nothing left to do (every copy it was meant
for has expired) and is dropped, saying so in the log.
"""

import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from newsroom.cache import tags as cache_tags

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5
# The most tags one call takes, per backend (Varnish: a header under its 8 KB limit).
BATCH = {"varnish": 200, "fastly": 256, "cloudflare": 30}
# How long a purge waits for the writer's own invalidation after its commit (tags.on_commit)
# before it invalidates in its place: a writer's request seconds past its commit has stopped.
WRITER_INVALIDATES_WITHIN_SECONDS = 5


class PurgeFailed(Exception):
    """A purge the cache in front did not confirm."""


def _batches(names: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(names), size):
        yield list(names[start : start + size])


def _send(request: urllib.request.Request) -> None:
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            if not 200 <= response.status < 300:
                raise PurgeFailed(f"{request.full_url} answered {response.status}")
    except (urllib.error.URLError, OSError) as error:
        raise PurgeFailed(f"{request.full_url}: {error}") from error


def purge_varnish(names: list[str]) -> None:
    for url in settings.EDGE_PURGE_URLS:
        request = urllib.request.Request(
            url, method="PURGE", headers={"xkey-purge": " ".join(names)}
        )
        _send(request)


def purge_fastly(names: list[str]) -> None:
    url = f"{settings.FASTLY_API_URL.rstrip('/')}/service/{settings.FASTLY_SERVICE_ID}/purge"
    headers = {"Fastly-Key": settings.FASTLY_API_TOKEN, "Surrogate-Key": " ".join(names)}
    _send(urllib.request.Request(url, method="POST", headers=headers))


def purge_cloudflare(names: list[str]) -> None:
    url = (
        f"{settings.CLOUDFLARE_API_URL.rstrip('/')}/zones/{settings.CLOUDFLARE_ZONE_ID}/purge_cache"
    )
    headers = {
        "Authorization": f"Bearer {settings.CLOUDFLARE_API_TOKEN}",
        "Content-Type": "application/json",
    }
    body = json.dumps({"tags": names}).encode()
    _send(urllib.request.Request(url, data=body, method="POST", headers=headers))


BACKENDS = {"varnish": purge_varnish, "fastly": purge_fastly, "cloudflare": purge_cloudflare}


def purge_now(names: Sequence[str]) -> None:
    """Purge `names` from the cache in front, in batches; raises PurgeFailed."""
    backend = settings.EDGE_PURGE
    if not backend:
        return
    send = BACKENDS[backend]
    for batch in _batches(sorted(set(names)), BATCH[backend]):
        send(batch)


def purge_later(names: Sequence[str], settled_after_ns: int) -> None:
    """Queue a purge of `names` (nothing without a cache in front), to run once the server's
    own cache has them invalidated at `settled_after_ns` or later (tags.on_commit says when).
    Queued in the current transaction: with the database's task queue, the purge commits with
    the change that made it, or not at all."""
    if settings.EDGE_PURGE and names:
        purge.enqueue(sorted(set(names)), time.time(), 0, settled_after_ns)


def _pause(attempt: int) -> float:
    return float(min(2**attempt, settings.EDGE_PURGE_RETRY_MAX_SECONDS))


@task()
def purge(names: list[str], asked_at: float, attempt: int, settled_after_ns: int = 0) -> int:
    """Purge `names`; on failure, log and try again later, until it lands or is moot.

    The server's own cache first: a reader the cache in front sends on once it has purged
    must find a page drawn after the change there, and not one drawn during it (which the
    cache in front would keep a moment only and fetch again)."""
    if attempt == 0:
        cache_tags.settled_after(names, settled_after_ns, WRITER_INVALIDATES_WITHIN_SECONDS)
    try:
        purge_now(names)
    except PurgeFailed as error:
        if time.time() - asked_at > settings.EDGE_MAX_AGE:
            logger.warning(
                "Dropping a purge of %d tags after %d tries: every copy it was for has "
                "expired since (%s).",
                len(names),
                attempt + 1,
                error,
            )
            return attempt + 1
        pause = _pause(attempt)
        logger.warning(
            "Purge of %d tags failed (try %d): %s; trying again in %.0f s.",
            len(names),
            attempt + 1,
            error,
            pause,
        )
        purge.using(run_after=timezone.now() + timedelta(seconds=pause)).enqueue(
            names, asked_at, attempt + 1
        )
    return attempt + 1
