"""Sign-in attempts (django-axes) for the desk: who is being targeted, and 잠금 해제 in one click.

axes' own list shows one row per (username, address, browser); the desk also needs to see an
account tried from many addresses at once (someone guessing its password), and to lift the lock
of one pair (a colleague who mistyped) without deleting anything else.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

# An account tried from at least this many addresses is shown as targeted: one person mistyping
# does it from one or two.
TARGETED_FROM_ADDRESSES = 3


def targeted_accounts():
    """Usernames with failed sign-ins from many addresses, or past the slowing ceiling, most
    failures first."""
    found = (
        AccessAttempt.objects.values("username")
        .annotate(
            addresses=Count("ip_address", distinct=True),
            failures=Sum("failures_since_start"),
            last=Max("attempt_time"),
        )
        .order_by("-failures", "username")
    )
    return [
        account
        for account in found
        if account["addresses"] >= TARGETED_FROM_ADDRESSES
        or account["failures"] >= settings.ADMIN_LOGIN_SLOWDOWN_AFTER
    ]


def is_locked(attempt: AccessAttempt) -> bool:
    """This row's pair is locked now (its own failures; a pair with several browsers has one
    row for each, and the sum is what axes counts)."""
    pair = AccessAttempt.objects.filter(
        username=attempt.username,
        ip_address=attempt.ip_address,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).aggregate(failures=Sum("failures_since_start"))
    return (pair["failures"] or 0) >= settings.AXES_FAILURE_LIMIT


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class SignInAttemptAdmin(AccessAttemptAdmin):
    change_list_template = "admin/axes/accessattempt/change_list.html"
    # The browser last: its long text pushes whatever follows out of sight.
    list_display = [
        "attempt_time",
        "username",
        "ip_address",
        "failures_since_start",
        "lock_state",
        "user_agent",
    ]
    list_filter = ["attempt_time"]

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description="잠금")
    def lock_state(self, attempt):
        if not is_locked(attempt):
            return "—"
        url = reverse("admin:axes_accessattempt_unlock", args=[attempt.pk])
        # The list sits inside the admin's changelist form, which carries the CSRF token.
        return format_html(
            '<button type="submit" class="button unlock-pair" formaction="{}" formmethod="post">'
            "잠금 해제</button>",
            url,
        )

    def changelist_view(self, request, extra_context=None):
        context = {"targeted_accounts": targeted_accounts(), **(extra_context or {})}
        return super().changelist_view(request, context)

    def get_urls(self):
        unlock = self.admin_site.admin_view(require_POST(self.unlock_view))
        mounted = [path("<int:pk>/unlock/", unlock, name="axes_accessattempt_unlock")]
        return [*mounted, *super().get_urls()]

    def unlock_view(self, request, pk):
        """잠금 해제: forget the failures of one pair (username, address), nothing else."""
        if not self.has_delete_permission(request):
            raise PermissionDenied
        attempt = get_object_or_404(AccessAttempt, pk=pk)
        AccessAttempt.objects.filter(
            username=attempt.username, ip_address=attempt.ip_address
        ).delete()
        self.message_user(
            request,
            # Korean first: the admin capitalises a message's first letter, not a username's.
            f"잠금을 풀었습니다: {attempt.username} 계정, {attempt.ip_address} 주소.",
            messages.SUCCESS,
        )
        return redirect("admin:axes_accessattempt_changelist")
