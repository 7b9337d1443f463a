"""Purging the cache in front (newsroom/cache/edge.py), against a real HTTP server on
127.0.0.1 that stands in for Varnish, Fastly's API or Cloudflare's: each backend is sent the
request it expects, with every tag once, sorted, in batches no bigger than it takes; a purge
that fails is logged and tried again later with a growing pause, until it lands or is older
than EDGE_MAX_AGE; without a cache in front nothing is queued or sent."""

import json
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from newsroom.cache import edge, tags
from tests import tasks


@dataclass
class Received:
    method: str
    path: str
    headers: Message
    body: bytes


@dataclass
class FakeEdge:
    """An HTTP server that records every request and answers `status` to each."""

    status: int = 200
    received: list[Received] = field(default_factory=list)

    def __post_init__(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                fake.received.append(Received(self.command, self.path, self.headers, body))
                self.send_response(fake.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_PURGE = do_POST = answer

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self):
        """Stop answering: connections to its port are refused from now on."""
        if self.thread.is_alive():
            self.server.shutdown()
            self.thread.join()
        self.server.server_close()


@pytest.fixture
def start_edge():
    started = []

    def start():
        started.append(FakeEdge())
        return started[-1]

    yield start
    for fake in started:
        fake.close()


@pytest.fixture
def front(start_edge):
    return start_edge()


@pytest.fixture
def varnish(settings, front):
    use_varnish(settings, front)
    settings.EDGE_PURGE_RETRY_MAX_SECONDS = 60
    return front


def use_fastly(settings, front):
    settings.EDGE_PURGE = "fastly"
    settings.FASTLY_API_URL = f"{front.url}/"
    settings.FASTLY_SERVICE_ID = "service-7"
    settings.FASTLY_API_TOKEN = "fastly-token"


def use_cloudflare(settings, front):
    settings.EDGE_PURGE = "cloudflare"
    settings.CLOUDFLARE_API_URL = f"{front.url}/client/v4"
    settings.CLOUDFLARE_ZONE_ID = "zone-9"
    settings.CLOUDFLARE_API_TOKEN = "cloudflare-token"


def use_varnish(settings, front):
    settings.EDGE_PURGE = "varnish"
    settings.EDGE_PURGE_URLS = [f"{front.url}/"]


def tags_sent(request: Received) -> list[str]:
    if request.path.endswith("/purge_cache"):
        return json.loads(request.body)["tags"]
    return (request.headers["xkey-purge"] or request.headers["Surrogate-Key"]).split(" ")


def warnings_of(caplog) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "newsroom.cache.edge" and record.levelno == logging.WARNING
    ]


def test_each_varnish_is_sent_a_purge_of_the_tags_in_its_xkey_header(settings, start_edge):
    first, second = start_edge(), start_edge()
    settings.EDGE_PURGE = "varnish"
    settings.EDGE_PURGE_URLS = [f"{first.url}/", f"{second.url}/"]
    edge.purge_now(["section:3", "article:1", "section:3"])
    for fake in (first, second):
        (request,) = fake.received
        assert (request.method, request.path) == ("PURGE", "/")
        assert request.headers["xkey-purge"] == "article:1 section:3"


def test_fastly_is_sent_a_post_to_its_service_with_the_key_and_the_tags(settings, front):
    use_fastly(settings, front)
    edge.purge_now(["section:3", "article:1"])
    (request,) = front.received
    assert (request.method, request.path) == ("POST", "/service/service-7/purge")
    assert request.headers["Fastly-Key"] == "fastly-token"
    assert request.headers["Surrogate-Key"] == "article:1 section:3"


def test_cloudflare_is_sent_a_post_to_its_zone_with_the_token_and_the_tags_as_json(settings, front):
    use_cloudflare(settings, front)
    edge.purge_now(["section:3", "article:1"])
    (request,) = front.received
    assert (request.method, request.path) == ("POST", "/client/v4/zones/zone-9/purge_cache")
    assert request.headers["Authorization"] == "Bearer cloudflare-token"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.body) == {"tags": ["article:1", "section:3"]}


@pytest.mark.parametrize(
    ("use", "batch"), [(use_varnish, 200), (use_fastly, 256), (use_cloudflare, 30)]
)
def test_many_tags_go_in_batches_the_backend_takes_each_tag_once_and_sorted(
    settings, front, use, batch
):
    use(settings, front)
    names = [f"article:{number}" for number in range(2 * batch + 7)]
    edge.purge_now(list(reversed(names)) + names[:50])
    batches = [tags_sent(request) for request in front.received]
    assert [len(sent) for sent in batches] == [batch, batch, 7]
    assert [tag for sent in batches for tag in sent] == sorted(names)


def test_a_backend_answering_an_error_fails_the_purge(varnish):
    varnish.status = 500
    with pytest.raises(edge.PurgeFailed):
        edge.purge_now(["article:1"])
    assert len(varnish.received) == 1


def test_a_backend_that_is_down_fails_the_purge(varnish):
    varnish.close()
    with pytest.raises(edge.PurgeFailed):
        edge.purge_now(["article:1"])


def test_a_failed_purge_is_logged_and_lands_when_tried_again_later(varnish, caplog):
    varnish.status = 500
    edge.purge.enqueue(["article:1"], time.time(), 0, 0)
    assert "Purge of 1 tags failed (try 1)" in warnings_of(caplog)[0]
    (later,) = tasks.waiting_tasks("purge")
    assert later.task.run_after > timezone.now()
    varnish.status = 200
    assert tasks.run_due(later.task.run_after + timedelta(seconds=1)) == 1
    assert [tags_sent(request) for request in varnish.received] == [["article:1"]] * 2
    assert tasks.waiting_tasks("purge") == []
    assert len(warnings_of(caplog)) == 1


def test_the_pause_between_tries_doubles_up_to_its_limit(settings, varnish):
    settings.EDGE_PURGE_RETRY_MAX_SECONDS = 5
    varnish.status = 500
    edge.purge.enqueue(["article:1"], time.time(), 0, 0)
    pauses = []
    for _ in range(5):
        (later,) = tasks.waiting_tasks("purge")
        pauses.append(round((later.task.run_after - later.enqueued_at).total_seconds()))
        tasks.run_due(later.task.run_after)
    assert pauses == [1, 2, 4, 5, 5]
    assert len(varnish.received) == 6


def test_a_failed_purge_older_than_the_longest_a_copy_is_kept_is_dropped(settings, varnish, caplog):
    varnish.status = 500
    edge.purge.enqueue(["article:1"], time.time() - settings.EDGE_MAX_AGE - 10, 0, 0)
    (warning,) = warnings_of(caplog)
    assert warning.startswith("Dropping a purge of 1 tags after 1 tries")
    assert tasks.waiting_tasks("purge") == []
    assert len(varnish.received) == 1


def test_purge_later_queues_a_purge_that_reaches_the_cache_in_front(varnish):
    names = ["section:3", "article:1", "article:1"]
    edge.purge_later(names, tags.on_commit(names))
    (request,) = varnish.received
    assert request.headers["xkey-purge"] == "article:1 section:3"


def test_without_a_cache_in_front_nothing_is_queued_or_sent(settings, front, monkeypatch):
    settings.EDGE_PURGE = ""
    settings.EDGE_PURGE_URLS = [f"{front.url}/"]
    queued = []
    monkeypatch.setattr(
        tasks.TestBackend, "enqueue", lambda self, task, args, kwargs: queued.append(task)
    )
    edge.purge_later(["article:1"], tags.now_ns())
    edge.purge_now(["article:1"])
    assert queued == [] and front.received == []
