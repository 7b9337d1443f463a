"""While an article's form is open: who else has it open (the form's heartbeat), and 미리 보기,
the form's current content on the public template, without saving.

The change form posts itself here (a second submit button with formaction), so unsaved
edits are what the desk sees. The page is rendered with the public article template and
shown at phone and desktop width in two iframes (srcdoc: no URL to fetch, nothing stored).
"""

import secrets
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.text import slugify

from articles import roles
from articles.actions import presence as presence_actions
from articles.admin.formats import moment
from articles.admin.forms import (
    PUBLISH_NOW_BUTTON,
    REVIEW_BUTTON,
    SCHEDULE_BUTTON,
    SEND_BACK_BUTTON,
)
from articles.body import layout
from articles.models import Article, Photo, Reporter
from articles.queries.desk import others_present

WIDTHS = (("phone", "휴대전화", 390, 844), ("desktop", "PC", 1280, 1400))
# Byline rows read from a posted form: more than any story has, few enough that a forged form
# cannot make the preview read thousands.
PREVIEW_MAX_BYLINES = 50


def _bylines(request):
    """Reporters chosen in the byline rows now, in their order, skipping rows marked deleted."""
    rows = []
    total = int(request.POST.get("bylines-TOTAL_FORMS") or 0)
    for index in range(min(total, PREVIEW_MAX_BYLINES)):
        prefix = f"bylines-{index}-"
        reporter = request.POST.get(prefix + "reporter")
        if not reporter or not reporter.isdigit() or request.POST.get(prefix + "DELETE"):
            continue
        order = request.POST.get(prefix + "order") or "0"
        rows.append((int(order) if order.isdigit() else 0, index, int(reporter)))
    rows.sort()
    found = Reporter.objects.in_bulk([pk for _, _, pk in rows])
    return [found[pk] for _, _, pk in rows if pk in found]


def _photos(model_admin, request, article, *, change):
    """The photo rows of the form as they are now, uploads and library picks included, in
    their order; rows that are empty, refused or marked deleted are left out. A valid upload
    is kept for the form as on any refused save (photo_forms.py); nothing else is stored."""
    formsets, _inlines = model_admin._create_formsets(request, article, change=change)
    photos = []
    for formset in formsets:
        if formset.model is not Photo:
            continue
        formset.is_valid()
        for form in formset.forms:
            cleaned = getattr(form, "cleaned_data", None)
            if not cleaned or cleaned.get("DELETE") or form.errors or not form.instance.image:
                continue
            photos.append(form.instance)
    photos.sort(key=lambda photo: (photo.order, photo.pk or 0))
    return photos


def _own_byline(user):
    """With no byline chosen, saving gives the writer's own (ArticleAdmin.save_related)."""
    reporter = Reporter.objects.filter(user=user).first()
    return [reporter] if reporter is not None else []


def action_bar(article, user):
    """The buttons at the top of the article form (저장 · 검토 요청 · 출고 · 예약), as they
    apply to this article and this user; the form applies them (VersionedArticleForm)."""
    status = Article.Status(article.status) if article is not None else Article.Status.DRAFT
    public = article is not None and article.is_public
    scheduled = article is not None and article.is_scheduled
    publisher = roles.can_publish(user)
    return {
        "review": status == Article.Status.DRAFT,
        "publish": publisher and not public,
        "publish_label": "지금 출고" if scheduled else "출고",
        "scheduled_for": article.published_at if scheduled else None,
        "send_back": publisher and status == Article.Status.REVIEW,
    }


def action_done(data, article):
    """What the action bar's button pressed did, as the end of a sentence, or None."""
    if REVIEW_BUTTON in data and article.status == Article.Status.REVIEW:
        return "검토 요청했습니다."
    if PUBLISH_NOW_BUTTON in data and article.is_public:
        return "출고했습니다. 지금 독자에게 보입니다."
    if SEND_BACK_BUTTON in data and article.status == Article.Status.DRAFT:
        return "작성 중으로 돌려보냈습니다. 기자에게 메일로 알렸습니다."
    if SCHEDULE_BUTTON in data and article.is_scheduled:
        when = moment(article.published_at)
        return f"{when}에 출고되도록 예약했습니다."
    return None


def presence(model_admin, request, object_id):
    """The form's heartbeat (POST only): I am here (or leaving); who else is."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = model_admin.get_object(request, str(object_id))
    if article is None or not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    if request.POST.get("leave"):
        presence_actions.leave(article=article, user=request.user)
        return JsonResponse({"others": []})
    presence_actions.mark_present(article=article, user=request.user)
    return JsonResponse({"others": others_present(article, request.user)})


def preview(model_admin, request, object_id=None):
    """미리 보기 of what the form holds now, posted by the change form; saves nothing."""
    if request.method != "POST":
        raise PermissionDenied
    obj = model_admin.get_object(request, object_id) if object_id else None
    if object_id and obj is None:
        raise PermissionDenied
    allowed = (
        model_admin.has_change_permission(request, obj)
        if obj
        else model_admin.has_add_permission(request)
    )
    if not allowed:
        raise PermissionDenied

    form_class = model_admin.get_form(request, obj, change=obj is not None)
    form = form_class(request.POST, request.FILES, instance=obj)
    form.is_valid()  # fills form.instance with every valid field; nothing is saved
    article = form.instance
    photos = _photos(model_admin, request, article, change=obj is not None)
    bylines = _bylines(request) or _own_byline(request.user)
    if article.pk is None:
        article.pk = 0  # links on the page need an id; this instance is never saved
    if not article.title:
        article.title = "(제목 없음)"
    tag_names = form.cleaned_data.get("tags") or [] if hasattr(form, "cleaned_data") else []
    tags = [
        SimpleNamespace(name=name, slug=slugify(name, allow_unicode=True) or "tag")
        for name in tag_names
    ]
    context = {
        "article": article,
        "body_items": layout(article.body or "", photos),
        "bylines": bylines,
        "tags": tags,
        "related": [],
        "form_preview": True,
        # Unsaved edits must never meet the public page's cached fragments, either way: a key
        # of its own, kept for no time at all.
        "fragment_variant": f"preview-{secrets.token_hex(8)}",
        "fragment_seconds": 0,
    }
    page = render_to_string("articles/detail.html", context, request=request)
    return TemplateResponse(
        request,
        "admin/articles/article/preview.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": f"미리 보기: {article.title}",
            "opts": model_admin.opts,
            "original": obj,
            "page": page,
            "widths": WIDTHS,
            "errors": form.errors,
            "is_public": obj is not None and obj.status == Article.Status.PUBLISHED,
        },
    )
