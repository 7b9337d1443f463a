"""Slow clients against the real gunicorn: sockets that send their request a line at a time
hold no worker, so other readers are answered at once (newsroom/gunicorn_worker.py)."""

import socket
import threading
import time

import pytest

from tests.server.gunicorn import base_env, published_article, request, running

SLOW_CLIENTS = 12  # four times the workers, more than the threads of one worker


@pytest.fixture
def server(tmp_path, fresh_database_url):
    env = base_env(tmp_path, fresh_database_url, HEADER_TIMEOUT="8")
    pk = published_article(env, "느린 연결 시험 기사")
    with running(env, workers=3, log_path=tmp_path / "server.log") as port:
        yield {"port": port, "pk": pk, "log": tmp_path / "server.log"}


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
    timings = []
    try:
        started = time.monotonic()
        while time.monotonic() - started < 6:
            for path in ("/", f"/news/{server['pk']}/"):
                before = time.monotonic()
                status, _, _ = request(port, "GET", path)
                timings.append((time.monotonic() - before, status, path))
            time.sleep(0.2)
    finally:
        # The slow sockets keep going past the head deadline (8 s): the server closes them.
        time.sleep(6)
        stop.set()
        for thread in slow:
            thread.join(timeout=30)
    assert all(status == 200 for _, status, _ in timings), timings
    assert len(timings) >= 10
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
