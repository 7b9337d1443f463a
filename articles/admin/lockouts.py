"""django-axes' sign-in records named in Korean (they call themselves "Attempted Access: …" in
English; their list is admin/signins.py's), and 잠금 해제 on a locked-out colleague's user
page: one press, through axes' own reset."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path

from articles.admin.formats import moment


def _attempt_name(attempt):
    return f"로그인 실패 기록: {attempt.username} ({moment(attempt.attempt_time)})"


def _log_name(log):
    return f"로그인 기록: {log.username} ({moment(log.attempt_time)})"


def _failure_name(failure):
    locked = ", 잠김" if failure.locked_out else ""
    return f"로그인 실패: {failure.username} ({moment(failure.attempt_time)}){locked}"


# The records' own names, in titles, breadcrumbs and the history: axes writes them in English
# in its models' __str__, which no translation reaches.
AccessAttempt.__str__ = _attempt_name
AccessLog.__str__ = _log_name
AccessFailureLog.__str__ = _failure_name


class NewsroomUserAdmin(UserAdmin):
    """Django's user admin, with 잠금 해제 for a colleague locked out of signing in."""

    change_form_template = "admin/auth/user/newsroom_change_form.html"

    def get_urls(self):
        unlock = self.admin_site.admin_view(self.unlock_view)
        return [path("<int:user_id>/unlock/", unlock, name="auth_user_unlock"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        user = self.get_object(request, object_id)
        if user is not None:
            failures = AccessAttempt.objects.filter(username=user.get_username()).aggregate(
                most=Max("failures_since_start")
            )["most"]
            extra_context = {**(extra_context or {}), "sign_in_failures": failures}
        return super().change_view(request, object_id, form_url, extra_context)

    def unlock_view(self, request, user_id):
        """잠금 해제 (POST): forget the user's failed sign-ins, as axes' reset does."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        user = get_object_or_404(User, pk=user_id)
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        reset(username=user.get_username())
        self.message_user(
            request,
            f"‘{user.get_username()}’의 로그인 잠금을 풀었습니다. 바로 다시 로그인할 수 있습니다.",
            messages.SUCCESS,
        )
        return redirect("admin:auth_user_change", user.pk)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
