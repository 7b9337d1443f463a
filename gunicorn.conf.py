"""gunicorn settings shared by `make run` and the tests that start the real server."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Threads, with request heads buffered in the poller (newsroom/gunicorn_worker.py): a slow
# client holds no thread while it sends its request line by line. Each thread keeps its own
# database connection; the process-wide state (view buffer, shared counters) is thread-safe.
worker_class = "newsroom.gunicorn_worker.BufferingThreadWorker"
threads = int(os.environ.get("WEB_THREADS", "8"))
# Also the longest pause allowed between two pieces of a request head.
keepalive = 5
timeout = 30
graceful_timeout = 10
accesslog = os.environ.get("ACCESS_LOG", "-") or None  # ACCESS_LOG= turns it off
errorlog = "-"
# The request id ties an access line to the application's log lines (newsroom/requestid.py);
# the path without its query string (tokens travel there) and no client address.
access_log_format = '%(t)s %({x-request-id}o)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
# Workers are forked after the app loads, so they share its memory; SQLite connections are
# opened per request after the fork, never shared.
preload_app = True
# gunicorn's control socket lives at one path per user ($HOME/.gunicorn/gunicorn.ctl), which two
# servers on one host (make run beside a test server) would fight over; nothing here uses it.
control_socket_disable = True
