"""gunicorn's threaded worker, with request heads buffered without holding a thread.

With the sync worker, a client that sent its request a line at a time held a whole worker
until it finished: six such sockets tied up three workers and normal readers waited more than
25 seconds. gunicorn's gthread worker gives each connection a thread, but a thread still blocks
on a slow client once the first bytes arrived.

Here a connection only gets a thread when bytes are there to read: each time it becomes
readable, what arrived is added to its buffer without blocking, and until the head of the
request (request line and headers, up to the blank line) is complete the connection goes back
to gunicorn's poller, which waits on thousands of sockets in one thread. A client that pauses
longer than gunicorn's `keepalive` between two pieces, or takes longer than HEADER_TIMEOUT
for the whole head, is disconnected. Only then is the request parsed and handed to Django.

Request bodies are buffered the same way: a request whose head announces a body
(Content-Length) goes to a thread only once the whole body is there, so 30 sockets that send a
POST head and then nothing hold no thread, and readers are answered meanwhile. A body must
arrive within BODY_TIMEOUT plus one second per MIN_BODY_RATE bytes (a photo on a slow uplink
has time, a stalled one does not) and with no pause longer than `keepalive`; else the client gets
408 and the connection is closed. Bodies past MAX_BODY_BYTES get 413, and bodies sent chunked
(no browser does for a form) 411: neither could be buffered, and a thread reading them could be
held without end. A reverse proxy that buffers whole requests (nginx's default) does the same.

What is buffered is held in memory, so its sum is bounded too: bodies being received take at
most BUFFERED_BODY_BYTES of a worker process at once, and those of one client address at most
BUFFERED_BODY_BYTES_PER_CLIENT, counted by the length each head announces. A body past the
first gets 503, past the second 429, both before any of it is read. Without them a stranger
could make a worker hold 64 MiB per connection it opened, sending a byte every few seconds.

A connection the server ends is closed at once: gunicorn 27 lingers on each, reading what the
client still sends for up to 2 s, in the one loop that accepts every connection and tells the
arbiter the worker is alive. Ten clients that kept their end open after their answer stalled
every reader of the worker for 20 s; fifteen got it killed as hung. Here only what has already
arrived is read, without waiting, so that closing does not reset the connection under the
answer.

Connections are bounded per client address too: one address (an IPv6 client's /64) may hold
CONNECTIONS_PER_CLIENT of a worker process's connections at once. gunicorn takes no new
connection once a worker holds `worker_connections` (1,000), so without this one stranger
opening a thousand connections and sending a header line now and then would keep every other
reader out. A connection past it is answered 429 and closed before anything is read.

TLS and HTTP/2 prior knowledge go to gunicorn's own path unchanged: the embedded default serves
plain HTTP/1.1, and a deployment terminates TLS in front.
"""

import contextlib
import functools
import ipaddress
import os
import re
import socket
import threading
import time
from collections import Counter

from gunicorn import util
from gunicorn.http2 import negotiation
from gunicorn.workers.gthread import _DEFER, ThreadWorker

HEADER_TIMEOUT = float(os.environ.get("HEADER_TIMEOUT", "15"))
BODY_TIMEOUT = float(os.environ.get("BODY_TIMEOUT", "15"))
MIN_BODY_RATE = 64 * 1024  # bytes a second a body may take at the slowest, past BODY_TIMEOUT
# The largest body buffered: more than the admin's largest form with its photos.
MAX_BODY_BYTES = int(os.environ.get("MAX_BODY_BYTES", str(64 * 1024 * 1024)))
# Bodies being received, held in one worker process's memory at once: in all, and from one
# client address (two of the largest bodies; behind a proxy every client shares its address).
BUFFERED_BODY_BYTES = int(os.environ.get("BUFFERED_BODY_BYTES", str(256 * 1024 * 1024)))
BUFFERED_BODY_BYTES_PER_CLIENT = int(
    os.environ.get("BUFFERED_BODY_BYTES_PER_CLIENT", str(128 * 1024 * 1024))
)
# Connections one client address holds in a worker process at once (gunicorn's
# worker_connections is 1,000): a browser opens six at most, an office behind one address more.
CONNECTIONS_PER_CLIENT = int(os.environ.get("CONNECTIONS_PER_CLIENT", "128"))
# gunicorn's own limits refuse heads larger than about this; past it the parser says so.
MAX_HEAD_BYTES = 128 * 1024
READY, WAITING, EXPIRED = "ready", "waiting", "expired"
BODY_EXPIRED, TOO_LARGE, CHUNKED = "body expired", "too large", "chunked"
WORKER_FULL, CLIENT_FULL = "worker's buffers full", "client's buffers full"
TOO_MANY_CONNECTIONS = "too many connections from one address"

HEAD_END = re.compile(rb"\r?\n\r?\n")
CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
# Status line (and headers) of each refusal, and the words a person sees in the browser.
REFUSALS = {
    BODY_EXPIRED: (
        b"408 Request Timeout",
        "보내는 데 너무 오래 걸려 연결을 끊었습니다. 다시 보내 주세요.",
    ),
    TOO_LARGE: (b"413 Content Too Large", "보낸 내용이 받을 수 있는 크기보다 큽니다."),
    CHUNKED: (b"411 Length Required", "길이를 밝히지 않고 보낸 내용은 받지 않습니다."),
    WORKER_FULL: (
        b"503 Service Unavailable\r\nRetry-After: 10",
        "지금 받고 있는 내용이 많습니다. 잠시 후 다시 보내 주세요.",
    ),
    CLIENT_FULL: (
        b"429 Too Many Requests\r\nRetry-After: 10",
        "이 주소에서 한꺼번에 보내는 내용이 너무 많습니다. 잠시 후 다시 보내 주세요.",
    ),
    TOO_MANY_CONNECTIONS: (
        b"429 Too Many Requests\r\nRetry-After: 10",
        "이 주소에서 열어 둔 연결이 너무 많습니다. 잠시 후 다시 접속해 주세요.",
    ),
}


def client_of(conn):
    """The address a connection's limits are counted by: an IPv4 address, or an IPv6
    address's /64 (one subscriber's network, where a client can change addresses at will)."""
    if not isinstance(conn.client, tuple):
        return str(conn.client)  # a Unix socket: whoever is in front
    host = conn.client[0]
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return host
    if address.version == 6:
        if address.ipv4_mapped:  # an IPv4 client of a server bound to "::"
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return host


class BodyBudget:
    """The bytes of request bodies this process is receiving at once, in all and by client
    address. Threads reserve and release; a connection holds what it reserved as `budgeted`
    until its request is answered or it is closed."""

    def __init__(self, limit, per_client):
        self.limit, self.per_client = limit, per_client
        self.lock = threading.Lock()
        self.total, self.by_client = 0, Counter()

    def reserve(self, conn, size):
        """None once `size` bytes are counted against `conn`'s address, else the refusal."""
        client = client_of(conn)
        with self.lock:
            if self.by_client[client] + size > self.per_client:
                return CLIENT_FULL
            if self.total + size > self.limit:
                return WORKER_FULL
            self.by_client[client] += size
            self.total += size
        conn.budgeted = (client, size)
        return None

    def release(self, conn):
        client, size = conn.__dict__.pop("budgeted", (None, 0))
        if size:
            with self.lock:
                self.total -= size
                self.by_client[client] -= size
                if not self.by_client[client]:
                    del self.by_client[client]


BODIES = BodyBudget(BUFFERED_BODY_BYTES, BUFFERED_BODY_BYTES_PER_CLIENT)


class ConnectionCount:
    """The connections this process holds, by client address. Counted once accepted,
    uncounted once closed (close_without_waiting)."""

    def __init__(self, per_client):
        self.per_client = per_client
        self.lock = threading.Lock()
        self.by_client = Counter()

    def admit(self, conn):
        """True once `conn` is counted against its address; False when the address is full."""
        client = client_of(conn)
        with self.lock:
            if self.by_client[client] >= self.per_client:
                return False
            self.by_client[client] += 1
        conn.counted = client
        return True

    def release(self, conn):
        client = conn.__dict__.pop("counted", None)
        if client is not None:
            with self.lock:
                self.by_client[client] -= 1
                if not self.by_client[client]:
                    del self.by_client[client]


CONNECTIONS = ConnectionCount(CONNECTIONS_PER_CLIENT)


def head_complete(data):
    return b"\r\n\r\n" in data or b"\n\n" in data


def body_length(head):
    """(bytes the body announced, chunked?) from a complete head; (0, False) when the head
    says nothing of a body, or something gunicorn's parser refuses by itself (two lengths)."""
    lengths, chunked = [], False
    for line in bytes(head).split(b"\n")[1:]:
        name, colon, value = line.partition(b":")
        if not colon:
            continue
        name = name.strip().lower()
        if name == b"content-length":
            lengths.append(value.strip())
        elif name == b"transfer-encoding":
            chunked = True
    if chunked:
        return 0, True
    if len(lengths) != 1 or not lengths[0].isdigit():
        return 0, False
    return int(lengths[0]), False


def close_without_waiting(conn, graceful=False):
    """TConn.close, minus the wait: on a graceful close, the end of the answer (FIN) is sent and
    what the client sent meanwhile is read as far as it has arrived (64 KiB at most). Neither
    the connection nor whatever body it was receiving is counted any more."""
    BODIES.release(conn)
    CONNECTIONS.release(conn)
    if graceful:
        with contextlib.suppress(OSError):  # BlockingIOError too: nothing more has arrived
            conn.sock.shutdown(socket.SHUT_WR)
            conn.sock.setblocking(False)
            for _ in range(16):
                if not conn.sock.recv(4096):
                    break
    util.close(conn.sock)


def _refuse(conn, state):
    """Best effort: the client may be gone already."""
    status, message = REFUSALS[state]
    body = message.encode() + b"\n"
    with contextlib.suppress(OSError):
        conn.sock.sendall(
            b"HTTP/1.1 " + status + b"\r\nConnection: close\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n"
            b"Cache-Control: no-store\r\n\r\n" + body
        )


class BufferingThreadWorker(ThreadWorker):
    def enqueue_req(self, conn):
        # Runs on the accepting loop for each new connection, and again each time a kept or
        # waiting one has bytes to read.
        if "close" not in conn.__dict__:  # new: not yet given the close below
            # Every way gunicorn closes a connection goes through conn.close().
            conn.close = functools.partial(close_without_waiting, conn)
            if not CONNECTIONS.admit(conn):
                self.log.info("Refused a connection: %s holds too many.", client_of(conn))
                conn.sock.setblocking(False)
                _refuse(conn, TOO_MANY_CONNECTIONS)
                conn.close(graceful=True)
                self.nr_conns -= 1
                return
        super().enqueue_req(conn)

    def finish_request(self, conn, fs):
        if fs.cancelled() or fs.exception() is not None or fs.result() is not _DEFER:
            BODIES.release(conn)  # answered, refused or dropped: no longer receiving a body
        super().finish_request(conn, fs)

    def handle(self, conn):
        if (
            self.cfg.is_ssl
            or conn.is_http2
            or negotiation.prior_knowledge_allowed(self.cfg, conn.client)
        ):
            return super().handle(conn)
        try:
            state = self.read_head(conn)
        except OSError:
            return False  # reset by the client: gunicorn closes the connection
        if state == WAITING:
            return _DEFER  # back to the poller, no thread held
        if state == EXPIRED:
            self.log.info("Closed a connection that sent its request head too slowly.")
            return False
        if state in REFUSALS:
            self.log.info("Refused a request body (%s); the connection is closed.", state)
            _refuse(conn, state)
            return False
        return super().handle(conn)

    def read_head(self, conn):
        """Adds what arrived to the connection's buffer; READY once the head, and the body it
        announces, are complete."""
        head = getattr(conn, "head", None)
        if head is None:
            # A kept-alive connection may hold the start of its next request already.
            held = conn.parser.unreader.take_buffered() if conn.parser else b""
            head = conn.head = bytearray(held)
            conn.head_deadline = time.monotonic() + HEADER_TIMEOUT
            conn.wanted = None  # the whole request's length, once the head says it
        closed = False
        if not self._complete(conn, head):
            conn.sock.setblocking(False)
            try:
                while conn.wanted is not None or len(head) <= MAX_HEAD_BYTES:
                    chunk = conn.sock.recv(65536)
                    if not chunk:
                        closed = True
                        break
                    head += chunk
                    if self._complete(conn, head):
                        break
            except BlockingIOError:
                pass
        if isinstance(conn.wanted, str):  # refused before its body
            del conn.head
            return conn.wanted
        if self._complete(conn, head) or closed or len(head) > MAX_HEAD_BYTES + (conn.wanted or 0):
            # gunicorn parses what was buffered as if it came from the socket.
            conn.init()
            conn.parser.unreader.unread(bytes(head))
            del conn.head
            return READY
        if time.monotonic() > conn.head_deadline:
            del conn.head
            return EXPIRED if conn.wanted is None else BODY_EXPIRED
        return WAITING

    def _complete(self, conn, buffered):
        """True once the head, and the body it announces, are all in `buffered`. When the
        head completes, says how much to wait for and until when (or the refusal)."""
        if conn.wanted is None:
            end = HEAD_END.search(buffered)
            if end is None:
                return False
            length, chunked = body_length(buffered[: end.start()])
            if chunked:
                conn.wanted = CHUNKED
                return True
            if length > MAX_BODY_BYTES:
                conn.wanted = TOO_LARGE
                return True
            refused = BODIES.reserve(conn, length) if length else None
            if refused:
                conn.wanted = refused
                return True
            conn.wanted = end.end() + length
            if length:
                conn.head_deadline = time.monotonic() + BODY_TIMEOUT + length / MIN_BODY_RATE
                if (
                    len(buffered) < conn.wanted
                    and b"100-continue" in buffered[: end.start()].lower()
                ):
                    # The client waits for this before it sends the body (gunicorn would send
                    # it only once the thread reads the body: a second one is allowed).
                    conn.sock.sendall(CONTINUE)
        if isinstance(conn.wanted, str):
            return True
        return len(buffered) >= conn.wanted
