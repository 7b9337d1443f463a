"""A request id on every response and on every log line of that request.

The id is generated here unless DJANGO_TRUST_REQUEST_ID says that a proxy in front sets
X-Request-ID (then a well-formed one is kept, so one id follows the request through both logs).
Log lines carry the method and the path, never the query string, the body, cookies or the
client address: those hold passwords, tokens and personal data.
"""

import contextvars
import logging
import re
import uuid

from django.conf import settings
from django.utils.log import log_response

HEADER = "X-Request-ID"
# Letters, digits and a few separators, as proxies generate them (UUIDs, hex, base64url);
# anything else (a log-injection attempt, a megabyte of text) is replaced by our own.
WELL_FORMED = re.compile(r"[A-Za-z0-9._:-]{8,64}")

current = contextvars.ContextVar("request_context", default=None)


def request_id_for(request):
    offered = request.headers.get(HEADER, "")
    if settings.TRUST_REQUEST_ID_HEADER and WELL_FORMED.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_for(request)
        token = current.set((request.id, request.method, request.path))
        try:
            response = self.get_response(request)
            if response.status_code >= 400:
                # Django logs 4xx and 5xx answers after the middleware has returned, outside
                # this request's context; logged here, the same line carries the id (and is
                # marked so that Django does not log it twice).
                log_response(
                    "%s: %s",
                    response.reason_phrase,
                    request.path,
                    response=response,
                    request=request,
                )
        finally:
            current.reset(token)
        response[HEADER] = request.id
        return response


class RequestContextFilter(logging.Filter):
    """Adds request_id, method and path to each record (a dash outside a request), and drops
    the request object that Django's request logger attaches: a handler or formatter that
    printed it would print cookies, POST data and the client address."""

    def filter(self, record):
        request_id, method, path = current.get() or ("-", "-", "-")
        record.request_id = request_id
        record.method = method
        record.path = path
        if hasattr(record, "request"):
            record.request = None
        return True
