"""The desk's screens, mounted by ArticleAdmin: 데스크 홈, the dashboard and the stories readers
want followed up. Each takes the ArticleAdmin first (for its permissions and site)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from articles import roles
from articles.admin import dashboard
from articles.admin.forms import DashboardPeriodForm
from articles.queries import desk

# The follow-up list shows this many stories, most wanted first.
FOLLOW_UP_LIST_SIZE = 100


def _context(model_admin, request, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.opts,
        **extra,
    }


def home(model_admin, request):
    """데스크 홈: what waits for the desk, each list linked to the filtered changelist."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    context = _context(
        model_admin,
        request,
        "데스크 홈",
        lists=desk.home_lists(model_admin.get_queryset(request)),
        can_publish=roles.can_publish(request.user),
    )
    return TemplateResponse(request, "admin/articles/desk/home.html", context)


def board(model_admin, request):
    """뉴스룸 대시보드: the last 30 days (or the chosen period) in charts, the period's most
    read stories linked to their forms, and today's numbers so far; for the desk only."""
    if not roles.can_publish(request.user):
        raise PermissionDenied
    period = DashboardPeriodForm(request.GET or None)
    first = last = None
    if period.is_bound and period.is_valid():
        first, last = period.cleaned_data["first"], period.cleaned_data["last"]
    figures = dashboard.build(first=first, last=last)
    context = _context(model_admin, request, "뉴스룸 대시보드", period_form=period, **figures)
    return TemplateResponse(request, "admin/articles/desk/dashboard.html", context)


def follow_up(model_admin, request):
    """Articles readers want followed up (추가취재 원해요, last week), newest demand first."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    days = desk.FOLLOW_UP_DAYS
    by_count = request.GET.get("o") == "count"
    articles = desk.follow_up_demand(days=days)
    if by_count:
        articles = articles.order_by("-want_more_recent", "-last_requested", "-pk")
    context = _context(
        model_admin,
        request,
        f"추가취재 요청 (최근 {days}일)",
        days=days,
        by_count=by_count,
        articles=articles[:FOLLOW_UP_LIST_SIZE],
    )
    return TemplateResponse(request, "admin/articles/article/follow_up.html", context)
