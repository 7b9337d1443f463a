"""The 500 handler, which tells a database that refuses writes apart from a real failure.

When the database is read-only (a PostgreSQL standby or `default_transaction_read_only`, a
SQLite file or disk that cannot be written), pages keep being served, since they only read, and
every write (a reaction, a comment, a vote, an admin save, a sign-in) is refused with a 503, a
Korean explanation and Retry-After. The handler sees the exception wherever it was raised: in
a view or in a middleware (the session saved after a sign-in).
"""

import sqlite3
import sys

from django.http import HttpResponse
from django.views.defaults import server_error

from newsroom.http import refusal

READ_ONLY_MESSAGE = (
    "지금은 점검 중이라 새 글과 반응을 저장할 수 없습니다. 기사는 계속 읽을 수 있습니다. "
    "잠시 뒤에 다시 시도해 주세요."
)
RETRY_AFTER_SECONDS = 120
# PostgreSQL's SQLSTATE for a write in a read-only transaction.
READ_ONLY_SQL_TRANSACTION = "25006"


def is_read_only(error):
    """True if error, or an error it was raised from, is the database refusing a write."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if getattr(error, "sqlstate", None) == READ_ONLY_SQL_TRANSACTION:
            return True
        if isinstance(error, sqlite3.OperationalError) and "readonly database" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False


def read_only_response(request):
    kept = "" if request.path.startswith("/admin/") else request.POST.get("body", "")
    try:
        response = refusal(
            request,
            503,
            READ_ONLY_MESSAGE,
            heading="잠시 저장할 수 없습니다",
            kept_text=kept,
            back=request.headers.get("Referer", "/") if _same_site(request) else "/",
            back_label="기사로 돌아가기",
        )
    except Exception:  # the page itself could not be drawn: the message alone
        response = HttpResponse(
            READ_ONLY_MESSAGE, status=503, content_type="text/plain; charset=utf-8"
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _same_site(request):
    referer = request.headers.get("Referer", "")
    return referer.startswith(f"{request.scheme}://{request.get_host()}/")


def handler500(request, template_name="500.html"):
    """Django calls this inside its except block, so sys.exc_info() is the error."""
    if is_read_only(sys.exc_info()[1]):
        return read_only_response(request)
    return server_error(request, template_name)
