"""An article's past in the admin: its revisions compared, and 바로잡습니다 added.

Each view takes the ArticleAdmin first (for its permissions and site)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.models import Version

from articles import revisions, roles
from articles.actions import publishing
from articles.admin.forms import CorrectionForm
from articles.models import Article


def article_to_change(model_admin, request, object_id):
    """The article, if this user may change it (and so see and restore its revisions)."""
    article = model_admin.get_object(request, object_id)
    if article is None or not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    return article


def article_to_view(model_admin, request, object_id):
    """The article, if this user may open it (and so read and compare its revisions)."""
    article = model_admin.get_object(request, object_id)
    if article is None or not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    return article


# The history's comment of a save that sent a story back, before the desk's note.
SENT_BACK = "반려: "


def sent_back_note(article):
    """The desk's note when the article's last saved revision sent it back, as
    {"text", "who", "when"}; None once anyone has saved it since."""
    latest = Version.objects.get_for_object(article).select_related("revision__user").first()
    comment = latest.revision.comment if latest is not None else ""
    if not comment.startswith(SENT_BACK):
        return None
    user = latest.revision.user
    return {
        "text": comment.removeprefix(SENT_BACK),
        "who": roles.display_name(user) if user is not None else "데스크",
        "when": latest.revision.date_created,
    }


def compare(model_admin, request, object_id):
    """Two revisions side by side: removed words struck through, added ones marked."""
    article = article_to_view(model_admin, request, object_id)
    versions = Version.objects.get_for_object(article).select_related("revision__user")
    chosen = [request.GET.get(name, "") for name in ("old", "new")]
    if not all(value.isdigit() for value in chosen):
        raise Http404("비교할 두 판을 골라 주세요.")
    old, new = (get_object_or_404(versions, pk=int(value)) for value in chosen)
    if old.revision.date_created > new.revision.date_created:
        old, new = new, old
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"판 비교: {article.title}",
        "opts": model_admin.opts,
        "original": article,
        "old": old,
        "new": new,
        "rows": revisions.compare(old.field_dict, new.field_dict),
        "can_restore": model_admin.has_change_permission(request, article),
    }
    return TemplateResponse(request, "admin/articles/article/compare.html", context)


def corrections_panel(article, *, can_add=True):
    """The article form's list of its corrections, with the link to add one."""
    if not article.pk:
        return "기사를 저장하고 출고한 뒤 바로잡을 수 있습니다."
    items = format_html_join(
        "",
        "<li>{} {}</li>",
        (
            (timezone.localtime(c.created_at).strftime("%Y-%m-%d %H:%M"), c.text)
            for c in article.corrections.all()
        ),
    )
    add = ""
    if can_add and article.status == Article.Status.PUBLISHED:
        url = reverse("admin:articles_article_correct", args=[article.pk])
        add = format_html('<a class="addlink" href="{}">바로잡습니다 추가</a>', url)
    return format_html('<ul class="correction-list">{}</ul>{}', items, add)


def correct(model_admin, request, object_id):
    """The desk adds a 바로잡습니다 note to a published article."""
    article = model_admin.get_object(request, object_id)
    if article is None or not roles.can_publish(request.user):
        raise PermissionDenied
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    if article.status != Article.Status.PUBLISHED:
        model_admin.message_user(request, "출고된 기사만 바로잡을 수 있습니다.", messages.ERROR)
        return redirect(change_url)
    form = CorrectionForm(request.POST or None, initial={"created_at": timezone.now()})
    if request.method == "POST" and form.is_valid():
        publishing.add_correction(
            article=article,
            text=form.cleaned_data["text"],
            created_at=form.cleaned_data["created_at"],
        )
        model_admin.message_user(request, "바로잡습니다를 더했습니다.", messages.SUCCESS)
        return redirect(change_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"바로잡습니다 추가: {article.title}",
        "opts": model_admin.opts,
        "original": article,
        "form": form,
    }
    return TemplateResponse(request, "admin/articles/article/correct.html", context)
