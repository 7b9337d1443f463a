"""django-axes' sign-in records in the admin, in Korean: its admin classes name a column
"Status" (shown as STATUS) and its records call themselves "Attempted Access: …" in English."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from django.utils.dateformat import format as date_format

from articles.admin.formats import ADMIN_DATETIME


def _moment(value):
    return date_format(timezone.localtime(value), ADMIN_DATETIME) if value else ""


def _attempt_name(attempt):
    return f"로그인 실패 기록: {attempt.username} ({_moment(attempt.attempt_time)})"


def _log_name(log):
    return f"로그인 기록: {log.username} ({_moment(log.attempt_time)})"


def _failure_name(failure):
    locked = ", 잠김" if failure.locked_out else ""
    return f"로그인 실패: {failure.username} ({_moment(failure.attempt_time)}){locked}"


# The records' own names, in titles, breadcrumbs and the history: axes writes them in English
# in its models' __str__, which no translation reaches.
AccessAttempt.__str__ = _attempt_name
AccessLog.__str__ = _log_name
AccessFailureLog.__str__ = _failure_name


class LockoutAdmin(AccessAttemptAdmin):
    @admin.display(description="상태")
    def status(self, attempt):
        left = settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        return f"{left}번 더 시도할 수 있음" if left > 0 else "잠김"

    @admin.display(description="만료 시각")
    def expiration(self, attempt):
        return super().expiration(attempt)


for model, model_admin in (
    (AccessAttempt, LockoutAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, model_admin)
