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

Request bodies are still read by the thread that runs the view; they are small here (forms,
photos in the admin) and bounded by DATA_UPLOAD_MAX_MEMORY_SIZE. A reverse proxy that buffers
whole requests (nginx's default) protects bodies as well.

TLS and HTTP/2 prior knowledge go to gunicorn's own path unchanged: the embedded default serves
plain HTTP/1.1, and a deployment terminates TLS in front.
"""

import os
import time

from gunicorn.http2 import negotiation
from gunicorn.workers.gthread import _DEFER, ThreadWorker

HEADER_TIMEOUT = float(os.environ.get("HEADER_TIMEOUT", "15"))
# gunicorn's own limits refuse heads larger than about this; past it the parser says so.
MAX_HEAD_BYTES = 128 * 1024
READY, WAITING, EXPIRED = "ready", "waiting", "expired"


def head_complete(data):
    return b"\r\n\r\n" in data or b"\n\n" in data


class BufferingThreadWorker(ThreadWorker):
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
        return super().handle(conn)

    def read_head(self, conn):
        """Adds what arrived to the connection's head buffer; READY once it is complete."""
        head = getattr(conn, "head", None)
        if head is None:
            # A kept-alive connection may hold the start of its next request already.
            held = conn.parser.unreader.take_buffered() if conn.parser else b""
            head = conn.head = bytearray(held)
            conn.head_deadline = time.monotonic() + HEADER_TIMEOUT
        closed = False
        if not head_complete(head):
            conn.sock.setblocking(False)
            try:
                while len(head) <= MAX_HEAD_BYTES:
                    chunk = conn.sock.recv(65536)
                    if not chunk:
                        closed = True
                        break
                    head += chunk
                    if head_complete(head):
                        break
            except BlockingIOError:
                pass
        if head_complete(head) or closed or len(head) > MAX_HEAD_BYTES:
            # gunicorn parses what was buffered as if it came from the socket.
            conn.init()
            conn.parser.unreader.unread(bytes(head))
            del conn.head
            return READY
        if time.monotonic() > conn.head_deadline:
            return EXPIRED
        return WAITING
