"""The article in the admin: the form, the list and its bulk actions, revisions and roles.

A 기자 (no publish permission) sees and edits only the articles on their byline, and only while
they are drafts or in review; the 데스크 publish, schedule, archive and restore. The desk's
screens (admin/desk.py), the history's compare and 바로잡습니다 (admin/history.py), and the
form's presence and preview (admin/editing.py) are mounted here by get_urls().
"""

import functools

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import actions as admin_actions
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles import revisions, roles
from articles.actions import notifications, presence, publishing
from articles.admin import desk, editing, filters, history
from articles.admin.formats import moment
from articles.admin.forms import (
    SectionTreeChoiceField,
    VersionedArticleForm,
    sections_in_tree_order,
)
from articles.admin.photos import PhotoInline
from articles.models import Article, ArticleReporter, Section
from articles.photos import PhotoUploadField
from articles.queries.desk import others_present
from newsroom import csp

# The read-only view's stand-ins for form fields (a 기자's story once the desk has it).
READ_ONLY_VIEW = {"body": "body_display", "corrections_panel": "corrections_list"}

NOT_YOURS = (
    "이 기사를 열 권한이 없습니다. 기자는 자기 바이라인이 있는 기사만 볼 수 있습니다. "
    "필요하면 데스크에 요청해 주세요."
)


def _to(status):
    """The bulk change of status to `status` (publishing.change_status), for ArticleAdmin._bulk."""
    return functools.partial(publishing.change_status, status=status)


class BylineInline(admin.TabularInline):
    model = ArticleReporter
    extra = 1
    autocomplete_fields = ["reporter"]
    verbose_name = "기자"
    verbose_name_plural = "바이라인 (순서대로 표시)"


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = VersionedArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    inlines = [BylineInline, PhotoInline]
    # The status right after the headline: on a phone it is what the list must still show.
    list_display = [
        "title",
        "status_display",
        "label",
        "section",
        "published_at",
        "view_count",
        "like_count",
        "angry_count",
        "sad_count",
        "want_more_count",
        "comment_count",
    ]
    list_filter = [
        filters.TrashFilter,
        "status",
        filters.ScheduleFilter,
        filters.MineFilter,
        filters.StaleDraftFilter,
        ("section", filters.SectionTreeFilter),
        "label",
        "bylines__reporter",
        "comment_policy",
    ]
    list_select_related = ["section", "section__parent"]
    search_fields = ["title", "deck", "body"]
    search_help_text = "제목, 부제, 본문에서 찾습니다."
    # delete_selected is ours (to the 휴지통); delete_forever empties it.
    actions = [
        "publish",
        "publish_now",
        "archive",
        "request_review",
        "delete_selected",
        "restore_from_trash",
        "delete_forever",
    ]
    delete_confirmation_template = "admin/articles/article/delete_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/articles/article/delete_selected_confirmation.html"
    )
    object_history_template = "admin/articles/article/revisions.html"
    revision_form_template = "admin/articles/article/revision_form.html"
    history_latest_first = True
    # Our list (with the follow-up link), not reversion's "recover deleted" list template.
    change_list_template = "admin/articles/article/change_list.html"
    date_hierarchy = "published_at"
    # Unpublished articles (no time yet) first on every database, then the newest.
    ordering = [models.F("published_at").desc(nulls_first=True), "-id"]
    readonly_fields = ["revised_at", "created_at", "updated_at", "corrections_panel"]
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"},
        models.ImageField: {"form_class": PhotoUploadField},
    }
    fieldsets = [
        # The form's version (VersionedArticleForm) is a hidden input drawn by the template:
        # in a fieldset it would get a label for a control nobody sees.
        (None, {"fields": ["label", "title", "deck", "section", "body", "tags"]}),
        ("출고", {"fields": ["status", "published_at", "revised_at", "comment_policy"]}),
        ("부가 정보", {"fields": ["video_url", "created_at", "updated_at"]}),
        ("바로잡습니다", {"fields": ["corrections_panel"]}),
        (
            "검색·공유",
            {
                "fields": ["seo_title", "seo_description", "share_image"],
                "classes": ["collapse"],
                "description": "검색 결과와 SNS 공유에 보이는 내용입니다. 모두 비워 둬도 됩니다.",
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        # The catalog loads before the body editor, which reads window.gettext when it loads.
        js = [
            "/jsi18n/",
            "js/admin-editor-labels.js",
            "js/article-editing.js",
            "js/article-counts.js",
            "js/tag-suggestions.js",
            "js/photo-placement.js",
        ]

    def view_on_site(self, article):
        return article.get_absolute_url()

    @admin.display(description="상태", ordering="status")
    def status_display(self, article):
        if article.is_scheduled:
            return "예약"
        return article.get_status_display()

    # Roles: a 기자 (no publish permission) sees and edits only the articles on their byline,
    # and only while they are drafts or in review; 데스크 publish, schedule and archive.
    def get_queryset(self, request):
        articles = super().get_queryset(request)
        if roles.can_publish(request.user):
            return articles
        return articles.filter(bylines__reporter__user=request.user).distinct()

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or roles.can_publish(request.user):
            return True
        if Article.Status(obj.status).reporter_may_edit:
            return True
        # A 기자 sending a form they opened while the story was theirs: it goes to the form,
        # which refuses to save it and keeps what they typed (VersionedArticleForm).
        return getattr(request, "sending_opened_form", False)

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if (
            article is None
            and object_id.isdigit()
            and Article.objects.filter(pk=object_id).exists()
        ):
            # It exists, on another reporter's byline: say so, not "perhaps it was deleted".
            raise PermissionDenied(NOT_YOURS)
        current = getattr(request, "article_before_restore", None)
        if article is not None and current is not None and article.pk == current.pk:
            # Reversion has put an old revision in the database for the restore form; only
            # its content comes back (revisions.keep_current_state).
            revisions.keep_current_state(article, current)
        return article

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not roles.can_publish(request.user):
            fields = [*fields, "published_at"]
        if self._view_only(request, obj):
            fields = [*fields, *READ_ONLY_VIEW.values()]
        return fields

    def _view_only(self, request, obj):
        return obj is not None and not self.has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and roles.can_publish(request.user):
            # The desk's word to the reporter, sent with 반려, beside the status.
            fieldsets = [
                (name, {**options, "fields": [*options["fields"], "desk_note"]})
                if "status" in options["fields"]
                else (name, options)
                for name, options in fieldsets
            ]
        if not self._view_only(request, obj):
            return fieldsets
        # Read-only (a 기자's story once the desk has it): the body as the page shows it and
        # the corrections without the desk's link.
        return [
            (
                name,
                {**options, "fields": [READ_ONLY_VIEW.get(f, f) for f in options["fields"]]},
            )
            for name, options in fieldsets
        ]

    @admin.display(description="본문")
    def body_display(self, article):
        # Sanitized again on the way out: whatever wrote the row, only the editor's tags show.
        body = Article._meta.get_field("body").sanitize(article.body or "")
        return format_html('<div class="article-body-readonly">{}</div>', mark_safe(body))

    @admin.display(description="바로잡은 내용")
    def corrections_list(self, article):
        return history.corrections_panel(article, can_add=False)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not roles.can_publish(request.user):
            kwargs["choices"] = [
                (status.value, status.label)
                for status in Article.Status
                if status.reporter_may_edit
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            kwargs["queryset"] = sections_in_tree_order(Section.objects.all())
            kwargs["form_class"] = SectionTreeChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("status") if change else None
        previous_time = form.initial.get("published_at") if change else None
        super().save_model(request, obj, form, change)
        note = ""
        if previous == Article.Status.REVIEW and obj.status == Article.Status.DRAFT:
            note = (form.cleaned_data.get("desk_note") or "").strip()
            request.desk_note = note  # for the history (log_change)
        notifications.status_changed(
            article=obj,
            previous=previous,
            previous_time=previous_time,
            actor=request.user,
            note=note,
        )

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if note := getattr(request, "desk_note", ""):
            # The revision's comment, shown in the history and to the reporter (change_view).
            reversion.set_comment(history.SENT_BACK + note)
        return entry

    # Bulk actions. Each keeps to the roles: only the desk publishes or archives, and a 기자
    # may send for review only their own drafts (get_queryset already limits them to theirs).
    def _bulk(self, request, queryset, change, done, *, none=""):
        """Run `change` (a publishing action taking pks and actor) on the chosen articles and
        say what it did: "기사 N건을 {done}.", or `none` when nothing changed."""
        chosen = queryset.values_list("pk", flat=True)
        changed = change(pks=chosen, actor=request.user)
        for article in changed:
            # In the history, and named when a 기자's open form is refused (admin/forms.py).
            self.log_change(request, article, [{"changed": {"fields": ["상태"]}}])
        if changed:
            self.message_user(request, f"기사 {len(changed)}건을 {done}.", messages.SUCCESS)
        elif none:
            self.message_user(request, none, messages.WARNING)
        return changed

    @admin.action(description="선택한 기사 출고", permissions=["publish"])
    def publish(self, request, queryset):
        # A scheduled story is 출고 already, for its time: say so rather than "0건".
        kept = list(queryset.scheduled().order_by("published_at"))
        changed = self._bulk(request, queryset, _to(Article.Status.PUBLISHED), "출고했습니다")
        for article in kept:
            when = moment(article.published_at)
            self.message_user(
                request,
                f"‘{article.title}’은(는) {when}에 출고되도록 예약되어 있어 그대로 두었습니다. "
                "지금 내보내려면 ‘선택한 기사 지금 출고’를 고르세요.",
                messages.WARNING,
            )
        if not changed and not kept:
            self.message_user(
                request,
                "출고할 기사가 없습니다. 고른 기사는 모두 이미 출고되어 있습니다.",
                messages.WARNING,
            )

    @admin.action(description="선택한 기사 지금 출고 (예약 시각 무시)", permissions=["publish"])
    def publish_now(self, request, queryset):
        self._bulk(
            request,
            queryset,
            publishing.publish_now,
            "지금 출고했습니다",
            none="고른 기사는 모두 이미 공개되어 있습니다.",
        )

    @admin.action(description="선택한 기사 보관", permissions=["publish"])
    def archive(self, request, queryset):
        self._bulk(
            request,
            queryset,
            _to(Article.Status.ARCHIVED),
            "보관했습니다",
            none="보관할 기사가 없습니다. 고른 기사는 모두 이미 보관되어 있습니다.",
        )

    @admin.action(description="선택한 기사 검토 요청 (작성 중인 기사만)", permissions=["change"])
    def request_review(self, request, queryset):
        self._bulk(
            request,
            queryset,
            _to(Article.Status.REVIEW),
            "검토 요청했습니다",
            none="검토 요청할 기사가 없습니다. 작성 중인 기사만 검토 요청할 수 있습니다.",
        )

    # The 휴지통: deleting moves a story there (never public, out of the list, its photos
    # kept); from there the desk brings it back as 작성 중 or deletes it for good.
    @admin.action(description="선택한 기사 휴지통으로 옮기기", permissions=["delete"])
    def delete_selected(self, request, queryset):
        self._bulk(
            request,
            queryset.exclude(status=Article.Status.TRASHED),
            _to(Article.Status.TRASHED),
            "휴지통으로 옮겼습니다. 휴지통에서 되살릴 수 있습니다",
            none="고른 기사는 이미 휴지통에 있습니다. 지우려면 ‘선택한 기사 영구 삭제’를 고르세요.",
        )

    @admin.action(
        description="선택한 기사 휴지통에서 되살리기 (작성 중으로)", permissions=["delete"]
    )
    def restore_from_trash(self, request, queryset):
        self._bulk(
            request,
            queryset.filter(status=Article.Status.TRASHED),
            _to(Article.Status.DRAFT),
            "휴지통에서 되살렸습니다. 작성 중인 기사로 돌아왔습니다",
            none="고른 기사 중 휴지통에 있는 기사가 없습니다.",
        )

    @admin.action(description="선택한 기사 영구 삭제 (휴지통의 기사만)", permissions=["delete"])
    def delete_forever(self, request, queryset):
        trashed = queryset.filter(status=Article.Status.TRASHED)
        if not trashed.exists():
            self.message_user(
                request,
                "영구 삭제는 휴지통의 기사만 할 수 있습니다. 먼저 휴지통으로 옮기세요.",
                messages.WARNING,
            )
            return None
        if not request.POST.get("post"):
            # Django's confirmation page, sent back to this action.
            response = admin_actions.delete_selected(self, request, trashed)
            response.context_data["action_name"] = "delete_forever"
            return response
        count = trashed.count()
        self.log_deletions(request, trashed)
        self.delete_queryset(request, trashed)
        self.message_user(request, f"기사 {count}건을 영구히 삭제했습니다.", messages.SUCCESS)
        return None

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_trash": self.has_delete_permission(request)}
        return super().changelist_view(request, extra_context)

    def delete_model(self, request, obj):
        if obj.status == Article.Status.TRASHED:
            return super().delete_model(request, obj)
        publishing.change_status(pks=[obj.pk], status=Article.Status.TRASHED, actor=request.user)
        request.moved_to_trash = True
        return None

    def delete_queryset(self, request, queryset):
        trashed = queryset.filter(status=Article.Status.TRASHED)
        rest = queryset.exclude(status=Article.Status.TRASHED).values_list("pk", flat=True)
        publishing.change_status(pks=rest, status=Article.Status.TRASHED, actor=request.user)
        super().delete_queryset(request, trashed)

    def log_deletions(self, request, queryset):
        # A story moved to the 휴지통 is not deleted: its history says where it went.
        trashed = [obj for obj in queryset if obj.status == Article.Status.TRASHED]
        for obj in queryset:
            if obj.status != Article.Status.TRASHED:
                self.log_change(request, obj, [{"changed": {"fields": ["상태 (휴지통)"]}}])
        return super().log_deletions(request, trashed) if trashed else []

    def response_delete(self, request, obj_display, obj_id):
        if getattr(request, "moved_to_trash", False):
            self.message_user(
                request,
                f"‘{obj_display}’ 기사를 휴지통으로 옮겼습니다. 휴지통에서 되살릴 수 있습니다.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:articles_article_changelist"))
        return super().response_delete(request, obj_display, obj_id)

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    # History: whoever may open this article reads and compares its revisions; only someone
    # who may change it restores one (revision_view).
    def history_view(self, request, object_id, extra_context=None):
        article = history.article_to_view(self, request, object_id)
        extra_context = {
            **(extra_context or {}),
            "can_restore": self.has_change_permission(request, article),
        }
        response = super().history_view(request, object_id, extra_context)
        # reversion lists its versions without their ids; the compare form needs them.
        for action in response.context_data.get("action_list", []):
            action["version_id"] = int(action["url"].rstrip("/").rsplit("/", 1)[-1])
        response.context_data["versions"] = response.context_data.get("action_list")
        response.context_data["compare_url"] = reverse(
            "admin:articles_article_compare", args=[article.pk]
        )
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A reporter's new article carries their byline even if they forgot to add it; and a
        # 기자's article always does (filed under someone else's name only, it would vanish
        # from their own list). The desk may file under any byline.
        reporter = getattr(request.user, "reporter", None)
        article = form.instance
        if reporter is None or article.bylines.filter(reporter=reporter).exists():
            return
        if not article.bylines.exists() or not roles.can_publish(request.user):
            ArticleReporter.objects.create(
                article=article, reporter=reporter, order=article.bylines.count()
            )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The body editor's import map is an inline script: it runs under the admin's CSP
        # only with this request's nonce (newsroom/csp.py).
        context["media"] = csp.with_nonce(request, context["media"])
        if add or self.has_change_permission(request, obj):
            context["action_bar"] = editing.action_bar(obj, request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _after_action_button(self, request, obj):
        """After a press of the action bar: say what happened and stay on the article."""
        done = editing.action_done(request.POST, obj)
        if done is None:
            return None
        self.message_user(request, f"‘{obj.title}’ 기사를 {done}", messages.SUCCESS)
        return redirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_action_button(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    @admin.display(description="바로잡은 내용")
    def corrections_panel(self, article):
        return history.corrections_panel(article)

    def get_urls(self):
        """The desk's screens and the form's helpers, beside the admin's own pages."""

        def view(function):
            return self.admin_site.admin_view(functools.partial(function, self))

        mounted = [
            path("follow-up/", view(desk.follow_up), name="articles_article_follow_up"),
            path(
                "<int:object_id>/presence/",
                view(editing.presence),
                name="articles_article_presence",
            ),
            path(
                "<path:object_id>/history/compare/",
                view(history.compare),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/correct/", view(history.correct), name="articles_article_correct"
            ),
            path("desk/", view(desk.home), name="articles_article_desk"),
            path("dashboard/", view(desk.board), name="articles_article_dashboard"),
            path("preview/", view(editing.preview), name="articles_article_preview_new"),
            path(
                "<path:object_id>/preview/",
                view(editing.preview),
                name="articles_article_preview",
            ),
        ]
        return [*mounted, *super().get_urls()]

    # Deleted articles: only the desk deletes, so only the desk sees what was deleted (titles
    # of stories pulled before publication among them) and brings it back. reversion asks only
    # for add and change permissions, which every 기자 has.
    def recoverlist_view(self, request, extra_context=None):
        if not roles.can_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not roles.can_publish(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore an old revision's content (title, label, deck, body, bylines, photos, tags)
        into the article as it is now: its status, times, counters and settings stay, unless
        the desk changes them in the form, so restoring a draft never takes a live story down."""
        article = history.article_to_change(self, request, object_id)
        # Reversion puts the old revision in the database before the form is built; the form
        # starts from the article as stored before that (get_object), and the edit-conflict
        # check compares with that version.
        request.article_before_restore = article
        version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
        context = {
            "title": f"이전 판으로 되돌리기: {article.title}",
            "restored_from": version.revision.date_created,
            **(extra_context or {}),
        }
        response = super().revision_view(request, object_id, version_id, context)
        if request.method == "POST" and response.status_code == 302:
            self.message_user(
                request,
                revisions.RESTORED.format(
                    title=article.title,
                    when=moment(version.revision.date_created),
                ),
                messages.SUCCESS,
            )
        return response

    def response_change(self, request, obj):
        if getattr(request, "article_before_restore", None) is not None:
            # revision_view says what a restore did; the stock "saved" line would say less.
            return redirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return self._after_action_button(request, obj) or super().response_change(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        before = getattr(request, "article_before_restore", None)
        form.stored_version = before.updated_at if before is not None else None
        form.editor = request.user
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            request.sending_opened_form = True
        article = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if article is not None and self._view_only(request, article):
            extra_context["title"] = "기사 보기"  # Django's own reads "뷰 기사"
        if article is not None and article.status == Article.Status.DRAFT:
            extra_context["sent_back"] = history.sent_back_note(article)
        if article is not None and self.has_change_permission(request, article):
            presence.mark_present(article=article, user=request.user)
            extra_context["others_editing"] = others_present(article, request.user)
            extra_context["presence_url"] = reverse(
                "admin:articles_article_presence", args=[article.pk]
            )
        return super().change_view(request, object_id, form_url, extra_context)
