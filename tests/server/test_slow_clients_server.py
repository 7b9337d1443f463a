"""Slow clients against the real gunicorn: sockets that send their request a line at a time,
or a POST head and no body, hold no worker, so other readers are answered at once
(newsroom/gunicorn_worker.py)."""

import socket
import threading
import time

import pytest

from tests.server.gunicorn import request, serving_article

SLOW_CLIENTS = 12  # four times the workers, more than the threads of one worker
SILENT_BODIES = 30  # more than the threads of all three workers (3 × 8)
STAYING_CLIENTS = 10  # each held the accepting loop 2 s when gunicorn lingered on it


@pytest.fixture
def server(tmp_path, fresh_database_url):
    with serving_article(
        tmp_path,
        fresh_database_url,
        "느린 연결 시험 기사",
        workers=3,
        HEADER_TIMEOUT="8",
        BODY_TIMEOUT="6",
    ) as server:
        yield server


def timed_reads(port, pk, rounds):
    """A reader asking for the front page and the article, `rounds` times: (seconds, status,
    path) of each answer."""
    timings = []
    for _ in range(rounds):
        for path in ("/", f"/news/{pk}/"):
            before = time.monotonic()
            status, _, _ = request(port, "GET", path)
            timings.append((time.monotonic() - before, status, path))
        time.sleep(0.2)
    return timings


def trickle(port, stop, outcome, pause):
    """Sends a request head one header line every `pause` seconds, never finishing it."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        number = 0
        try:
            while not stop.is_set():
                time.sleep(pause)
                sock.sendall(f"X-Slow-{number}: {'a' * 20}\r\n".encode())
                number += 1
            sock.settimeout(5)
            answer = sock.recv(1024)  # b"" once the server has closed the connection
            outcome.append("answered" if answer else "closed by the server")
        except OSError:
            outcome.append("closed by the server")


def test_slow_clients_do_not_hold_the_workers(server):
    port = server["port"]
    stop = threading.Event()
    outcomes = []
    slow = [
        threading.Thread(target=trickle, args=(port, stop, outcomes, 2.0))
        for _ in range(SLOW_CLIENTS)
    ]
    for thread in slow:
        thread.start()
    time.sleep(1.0)  # every slow socket has sent its first line and waits
    try:
        timings = timed_reads(port, server["pk"], 20)  # about 5 s, while the heads trickle
    finally:
        # The slow sockets keep going past the head deadline (8 s): the server closes them.
        time.sleep(6)
        stop.set()
        for thread in slow:
            thread.join(timeout=30)
    assert all(status == 200 for _, status, _ in timings), timings
    slowest = max(seconds for seconds, _, _ in timings)
    assert slowest < 2.0, timings
    # Past HEADER_TIMEOUT (8 s) every slow head was cut off.
    assert outcomes.count("closed by the server") == SLOW_CLIENTS, outcomes


def test_heads_in_pieces_silence_and_keep_alive(server):
    """A head sent in pieces in time is answered; a client that falls silent is cut off;
    two requests on one connection, the second pipelined behind the first, both answered."""
    port, pk = server["port"], server["pk"]
    pieces = [
        f"GET /news/{pk}/ HTTP/1.1\r\n".encode(),
        b"Host: 127.0.0.1\r\n",
        b"Accept: text/html\r\n",
        b"Connection: close\r\n\r\n",
    ]
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        for piece in pieces:
            sock.sendall(piece)
            time.sleep(1.0)
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 200 OK")
    assert "느린 연결 시험 기사" in answer.decode()

    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        before = time.monotonic()
        assert sock.recv(1024) == b""  # closed, no answer: the head never ended
        waited = time.monotonic() - before
    assert 4 <= waited <= 9, waited  # gunicorn's keepalive (5 s) of silence

    one = b"GET /healthz/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(one + one[:-2] + b"Connection: close\r\n\r\n")
        answer = read_all(sock)
    assert answer.count(b"HTTP/1.1 200 OK") == 2


def read_all(sock):
    answer = b""
    while chunk := sock.recv(65536):
        answer += chunk
    return answer


def post_head_and_wait(port, pk, outcome, ready, pause):
    """Sends a POST head announcing a body, then a byte of it every `pause` seconds (never
    silent long enough for the keep-alive limit), never finishing it."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            f"POST /news/{pk}/react/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 1000\r\n\r\n".encode()
        )
        ready.release()
        try:
            for _ in range(40):
                time.sleep(pause)
                sock.sendall(b"k")
            outcome.append("sent it all")
        except OSError:
            outcome.append("closed by the server")
            return
        answer = sock.recv(1024)
        outcome.append(answer.split(b"\r\n", 1)[0].decode() if answer else "closed")


def test_posts_that_never_send_their_body_do_not_hold_the_workers(server):
    port, pk = server["port"], server["pk"]
    outcomes, ready = [], threading.Semaphore(0)
    silent = [
        threading.Thread(target=post_head_and_wait, args=(port, pk, outcomes, ready, 1.0))
        for _ in range(SILENT_BODIES)
    ]
    for thread in silent:
        thread.start()
    for _ in silent:
        assert ready.acquire(timeout=30)
    time.sleep(1.0)  # every socket has sent its head and holds its body back
    timings = timed_reads(port, pk, 6)
    for thread in silent:
        thread.join(timeout=60)
    assert all(status == 200 for _, status, _ in timings), timings
    # Held by the silent bodies, a reader waited out the 60 s timeout; answered, well under
    # 5 s even on a busy two-core machine.
    assert max(seconds for seconds, _, _ in timings) < 5.0, timings
    # Past BODY_TIMEOUT (6 s, plus a moment for 1,000 bytes) each was answered 408 and closed.
    assert len(outcomes) == SILENT_BODIES
    assert set(outcomes) <= {"closed by the server", "HTTP/1.1 408 Request Timeout"}, outcomes
    assert "Refused a request body (body expired)" in server["log"].read_text()


def test_a_body_in_pieces_in_time_is_answered_and_odd_bodies_are_refused(server):
    port, pk = server["port"], server["pk"]
    body = b"kind=like"
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            f"POST /news/{pk}/react/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n"
            f"Expect: 100-continue\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        )
        assert sock.recv(1024).startswith(b"HTTP/1.1 100 Continue")
        for byte in body:
            sock.sendall(bytes([byte]))
            time.sleep(0.3)
        answer = read_all(sock)
    final = answer.split(b"HTTP/1.1 ")[-1]
    assert final.startswith(b"303 "), answer[:200]

    for head, status, words in [
        ("Transfer-Encoding: chunked\r\n", b"HTTP/1.1 411 Length Required", "길이를 밝히지"),
        (
            f"Content-Length: {65 * 1024 * 1024}\r\n",
            b"HTTP/1.1 413 Content Too Large",
            "받을 수 있는 크기보다 큽니다",
        ),
    ]:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(
                f"POST /news/{pk}/react/ HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}\r\n".encode()
            )
            answer = read_all(sock)
        assert answer.startswith(status)
        assert words in answer.decode()  # what a person sees, in Korean


def answer_then_stay(port, path, answered, leave):
    """Asks for `path` on a connection the server is to close, reads the whole answer, and
    keeps its own end open (sending nothing) until `leave` is set."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        answered.append(read_all(sock).split(b"\r\n", 1)[0])
        leave.wait(timeout=60)


@pytest.fixture
def one_worker(tmp_path, fresh_database_url):
    title = "닫히지 않는 연결 시험 기사"
    with serving_article(tmp_path, fresh_database_url, title, workers=1) as server:
        yield server


def test_clients_that_keep_their_end_open_do_not_stall_the_worker(one_worker):
    """Answered and closed by the server, a connection whose client never closes its own end
    costs the worker nothing more: gunicorn 27 lingers up to 2 s on each one, reading, in the
    loop that accepts every connection and tells the arbiter the worker is alive."""
    port, pk = one_worker["port"], one_worker["pk"]
    answered, leave = [], threading.Event()
    stayers = [
        threading.Thread(target=answer_then_stay, args=(port, "/healthz/", answered, leave))
        for _ in range(STAYING_CLIENTS)
    ]
    try:
        for thread in stayers:
            thread.start()
        timings = timed_reads(port, pk, 8)
    finally:
        leave.set()
        for thread in stayers:
            thread.join(timeout=60)
    assert answered == [b"HTTP/1.1 200 OK"] * STAYING_CLIENTS
    assert all(status == 200 for _, status, _ in timings), timings
    # Lingered on in turn, the ten held the loop 20 s; closed at once, readers wait for nothing.
    assert max(seconds for seconds, _, _ in timings) < 2.0, timings
    assert "WORKER TIMEOUT" not in one_worker["log"].read_text()


MIB = 1024 * 1024


def body_head(pk, length):
    return (
        f"POST /news/{pk}/react/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def connected_from(port, address):
    """A connection to the server from `address` (any of 127.0.0.0/8): another client."""
    return socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(address, 0))


def status_line_and_words(sock):
    head, _, body = read_all(sock).partition(b"\r\n\r\n")
    return head.split(b"\r\n", 1)[0], body.decode()


@pytest.fixture
def small_buffers(tmp_path, fresh_database_url):
    with serving_article(
        tmp_path,
        fresh_database_url,
        "버퍼 상한 시험 기사",
        workers=1,
        BUFFERED_BODY_BYTES=str(3 * MIB),
        BUFFERED_BODY_BYTES_PER_CLIENT=str(2 * MIB),
    ) as server:
        yield server


def test_bodies_held_at_once_are_bounded_in_all_and_per_address(small_buffers):
    """Bodies still arriving are held in the worker's memory: a head announcing one more
    than the budget allows is refused at once, before any of it is read."""
    port, pk = small_buffers["port"], small_buffers["pk"]
    length = 3 * MIB // 2
    body = b"kind=like&pad=" + b"a" * (length - len(b"kind=like&pad="))

    def refused(address):
        """The answer to a head announcing the body, sent from `address`: (status, words)."""
        with connected_from(port, address) as sock:
            sock.sendall(body_head(pk, length))
            return status_line_and_words(sock)

    with connected_from(port, "127.0.0.1") as first, connected_from(port, "127.0.0.2") as other:
        first.sendall(body_head(pk, length) + body[:MIB])
        time.sleep(0.5)
        # A second body from the same address would hold 3 MiB of its 2.
        status, words = refused("127.0.0.1")
        assert status == b"HTTP/1.1 429 Too Many Requests"
        assert "이 주소에서 한꺼번에 보내는 내용이 너무 많습니다" in words
        other.sendall(body_head(pk, length) + body[:MIB])
        time.sleep(0.5)
        # A third address would take the worker past its 3 MiB.
        status, words = refused("127.0.0.3")
        assert status == b"HTTP/1.1 503 Service Unavailable"
        assert "잠시 후 다시 보내 주세요" in words
        # Readers are answered meanwhile.
        assert request(port, "GET", f"/news/{pk}/")[0] == 200
        # The bodies held are answered once complete, and free their room.
        first.sendall(body[MIB:])
        other.sendall(body[MIB:])
        assert status_line_and_words(first)[0] == b"HTTP/1.1 303 See Other"
        assert status_line_and_words(other)[0] == b"HTTP/1.1 303 See Other"
    with connected_from(port, "127.0.0.3") as third:
        third.sendall(body_head(pk, length) + body)
        assert status_line_and_words(third)[0] == b"HTTP/1.1 303 See Other"


HELD_CONNECTIONS = 4


@pytest.fixture
def few_connections(tmp_path, fresh_database_url):
    with serving_article(
        tmp_path,
        fresh_database_url,
        "연결 상한 시험 기사",
        workers=1,
        CONNECTIONS_PER_CLIENT=str(HELD_CONNECTIONS),
    ) as server:
        yield server


def test_one_address_holds_a_bounded_share_of_the_connections(few_connections):
    """gunicorn takes no new connection once a worker holds worker_connections, so one address
    that opens connections and never finishes a head could keep every other reader out."""
    port, pk = few_connections["port"], few_connections["pk"]

    def asked(address, path):
        with connected_from(port, address) as sock:
            sock.sendall(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
            )
            return status_line_and_words(sock)

    held = [connected_from(port, "127.0.0.2") for _ in range(HELD_CONNECTIONS)]
    try:
        for sock in held:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # a head never finished
        time.sleep(0.5)
        with connected_from(port, "127.0.0.2") as one_more:
            status, words = status_line_and_words(one_more)
        assert status == b"HTTP/1.1 429 Too Many Requests"
        assert "이 주소에서 열어 둔 연결이 너무 많습니다" in words
        # Another address is served meanwhile.
        assert asked("127.0.0.3", f"/news/{pk}/")[0] == b"HTTP/1.1 200 OK"
        # A connection that leaves frees its place.
        held.pop().close()
        time.sleep(0.5)
        assert asked("127.0.0.2", f"/news/{pk}/")[0] == b"HTTP/1.1 200 OK"
    finally:
        for sock in held:
            sock.close()
    # Connections answered and closed are no longer counted.
    for _ in range(2 * HELD_CONNECTIONS):
        assert asked("127.0.0.2", "/healthz/")[0] == b"HTTP/1.1 200 OK"
