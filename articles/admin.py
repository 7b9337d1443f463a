from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib import messages as django_messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.text import Truncator

from articles import comments, reactions, roles
from articles.body import placement_choices
from articles.models import (
    Article,
    ArticleReporter,
    BannedWord,
    Comment,
    CuratedBox,
    CuratedSlot,
    Photo,
    Reaction,
    Reporter,
    Section,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "order"]
    list_editable = ["order"]
    list_filter = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    list_display = ["name", "handle_display", "desk", "email", "user"]
    list_filter = ["desk"]
    search_fields = ["name", "email", "desk"]
    autocomplete_fields = ["user"]

    @admin.display(description="핸들")
    def handle_display(self, reporter):
        return f"@{reporter.handle}"


class BylineInline(admin.TabularInline):
    model = ArticleReporter
    extra = 1
    autocomplete_fields = ["reporter"]
    verbose_name = "기자"
    verbose_name_plural = "바이라인 (순서대로 표시)"


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 1
    fields = [
        ("image", "preview"),
        "caption",
        ("credit_reporter", "credit"),
        "alt",
        ("placement", "order"),
    ]
    readonly_fields = ["preview"]
    autocomplete_fields = ["credit_reporter"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Editors pick the paragraph by its words rather than counting paragraphs.
        stored = obj.photos.values_list("placement", flat=True) if obj and obj.pk else ()
        field = formset.form.base_fields["placement"]
        formset.form.base_fields["placement"] = forms.TypedChoiceField(
            label=field.label,
            help_text=field.help_text,
            choices=placement_choices(obj.body if obj else "", keep=tuple(stored)),
            coerce=int,
            initial=0,
        )
        return formset

    @admin.display(description="미리 보기")
    def preview(self, photo):
        if not photo.pk or not photo.image:
            return "-"
        return format_html(
            '<img src="{}" alt="" style="max-height:120px"> <span>{}×{}</span>',
            photo.image.url,
            photo.width,
            photo.height,
        )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    inlines = [BylineInline, PhotoInline]
    list_display = [
        "title",
        "label",
        "section",
        "status",
        "published_at",
        "view_count",
        "like_count",
        "angry_count",
        "sad_count",
        "want_more_count",
        "comment_count",
    ]
    list_filter = ["status", "section", "label", "bylines__reporter", "comment_policy"]
    list_select_related = ["section", "section__parent"]
    search_fields = ["title", "deck"]
    date_hierarchy = "published_at"
    # Unpublished articles (no time yet) first on every database, then the newest.
    ordering = [models.F("published_at").desc(nulls_first=True), "-id"]
    readonly_fields = ["revised_at", "created_at", "updated_at"]
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}
    }
    fieldsets = [
        (None, {"fields": ["label", "title", "deck", "section", "body", "tags"]}),
        ("출고", {"fields": ["status", "published_at", "revised_at", "comment_policy"]}),
        ("부가 정보", {"fields": ["video_url", "created_at", "updated_at"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        # The catalog loads before the body editor, which reads window.gettext when it loads.
        js = ["/jsi18n/", "js/admin-editor-labels.js"]

    def view_on_site(self, article):
        return article.get_absolute_url()

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
        return obj.status in (Article.Status.DRAFT, Article.Status.REVIEW)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not roles.can_publish(request.user):
            fields = [*fields, "published_at"]
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not roles.can_publish(request.user):
            kwargs["choices"] = [
                (value, label)
                for value, label in Article.Status.choices
                if value in (Article.Status.DRAFT, Article.Status.REVIEW)
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A reporter's new article carries their byline even if they forgot to add it.
        reporter = getattr(request.user, "reporter", None)
        article = form.instance
        if reporter is not None and not article.bylines.exists():
            ArticleReporter.objects.create(article=article, reporter=reporter, order=0)

    def get_urls(self):
        follow_up = path(
            "follow-up/",
            self.admin_site.admin_view(self.follow_up_view),
            name="articles_article_follow_up",
        )
        return [follow_up, *super().get_urls()]

    def follow_up_view(self, request):
        """Articles readers want followed up (추가취재 원해요, last 7 days), newest demand first."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        days = 7
        by_count = request.GET.get("o") == "count"
        articles = reactions.follow_up_demand(days=days)
        if by_count:
            articles = articles.order_by("-want_more_recent", "-last_requested", "-pk")
        context = {
            **self.admin_site.each_context(request),
            "title": f"추가취재 요청 (최근 {days}일)",
            "opts": self.opts,
            "days": days,
            "by_count": by_count,
            "articles": articles[:100],
        }
        return TemplateResponse(request, "admin/articles/article/follow_up.html", context)


@admin.register(Reaction)
class ReactionAdmin(admin.ModelAdmin):
    """Reactions are the readers' own: the desk may look and remove abuse, never add or edit."""

    list_display = ["article", "kind", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    date_hierarchy = "created_at"
    raw_id_fields = ["article"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # Removing a reaction must take it off the article's counter too.
    def delete_model(self, request, obj):
        reactions.withdraw_reactions(reactions=Reaction.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        reactions.withdraw_reactions(reactions=queryset)


class CommentReviewFilter(admin.SimpleListFilter):
    """The moderation queue: comments waiting for approval, and reported ones."""

    title = "검토"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("needed", "검토 필요 (승인 대기·신고)"),
            ("pending", "승인 대기"),
            ("reported", "신고됨"),
            ("folded", f"신고 {settings.COMMENT_REPORT_THRESHOLD}건 이상 (가려짐)"),
        ]

    def queryset(self, request, queryset):
        visible = Comment.Status.VISIBLE
        return {
            "needed": lambda: queryset.filter(comments.needs_review()),
            "pending": lambda: queryset.filter(status=Comment.Status.PENDING),
            "reported": lambda: queryset.filter(status=visible, report_count__gt=0),
            "folded": lambda: queryset.filter(
                status=visible, report_count__gte=settings.COMMENT_REPORT_THRESHOLD
            ),
        }.get(self.value(), lambda: queryset)()


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Comments to review first (승인 대기, then the most reported), then the newest.

    Readers write comments; the desk only changes their status, and every change goes through
    articles.comments so that the articles' comment counts stay exact. Deleting is a soft
    delete: a deleted comment with replies keeps its place as 삭제된 댓글입니다."""

    list_display = [
        "excerpt",
        "writer",
        "article",
        "status",
        "report_count",
        "like_count",
        "dislike_count",
        "created_at",
    ]
    list_filter = [CommentReviewFilter, "status", "created_at"]
    list_select_related = ["article", "author__reporter"]
    search_fields = ["nickname", "body"]
    search_help_text = "닉네임이나 댓글 내용으로 찾습니다."
    actions = ["approve", "hide", "soft_delete"]
    list_per_page = 50
    fields = [
        "article",
        "parent",
        "nickname",
        "author",
        "body",
        "status",
        ("like_count", "dislike_count", "report_count"),
        "created_at",
    ]
    readonly_fields = [
        "article",
        "parent",
        "nickname",
        "author",
        "body",
        "like_count",
        "dislike_count",
        "report_count",
        "created_at",
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        # ModelAdmin.get_queryset orders before we could annotate: build it here instead.
        queryset = self.model._default_manager.annotate(
            needs_review=models.Case(
                models.When(comments.needs_review(), then=models.Value(1)),
                default=models.Value(0),
                output_field=models.IntegerField(),
            )
        )
        return queryset.order_by(*self.get_ordering(request))

    def get_ordering(self, request):
        return ["-needs_review", "-report_count", "-created_at", "-id"]

    def has_add_permission(self, request):
        return False

    # Only the soft delete below: a hard delete would take the replies with it.
    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="내용")
    def excerpt(self, comment):
        return Truncator(comment.body).chars(80)

    @admin.display(description="작성자", ordering="nickname")
    def writer(self, comment):
        if comment.author_id:
            return f"{comment.nickname} ({comments.decorate(comment).badge})"
        return comment.nickname

    def save_model(self, request, obj, form, change):
        # Only the status is editable; saving the whole row would undo concurrent votes.
        if change and "status" in form.changed_data:
            was_deleted = form.initial.get("status") == Comment.Status.DELETED
            comments.set_status(comments=Comment.objects.filter(pk=obj.pk), status=obj.status)
            if was_deleted:
                self.message_user(
                    request, "삭제된 댓글은 되살릴 수 없습니다.", django_messages.WARNING
                )

    def _moderate(self, request, queryset, action, done):
        changed = comments.moderate(comments=queryset, action=action)
        self.message_user(request, f"댓글 {changed}개를 {done}.", django_messages.SUCCESS)

    @admin.action(description="선택한 댓글 승인 (게시하고 신고를 지움)", permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, comments.Moderation.APPROVE, "승인했습니다")

    @admin.action(description="선택한 댓글 숨김", permissions=["change"])
    def hide(self, request, queryset):
        self._moderate(request, queryset, comments.Moderation.HIDE, "숨겼습니다")

    @admin.action(description="선택한 댓글 삭제 (되돌릴 수 없음)", permissions=["change"])
    def soft_delete(self, request, queryset):
        self._moderate(request, queryset, comments.Moderation.DELETE, "삭제했습니다")


@admin.register(BannedWord)
class BannedWordAdmin(admin.ModelAdmin):
    """Words that hold a comment for review instead of publishing it."""

    list_display = ["word", "created_at"]
    search_fields = ["word"]
    fieldsets = [
        (
            None,
            {
                "fields": ["word"],
                "description": (
                    "이 낱말이 들어간 댓글은 바로 게시되지 않고 검토 대기로 들어갑니다. "
                    "띄어쓰기, 문장 부호, 대소문자가 달라도 찾아냅니다."
                ),
            },
        )
    ]

    def save_model(self, request, obj, form, change):
        obj.word = obj.word.strip()
        super().save_model(request, obj, form, change)


class CuratedSlotInline(admin.TabularInline):
    model = CuratedSlot
    extra = 1
    autocomplete_fields = ["article"]


@admin.register(CuratedBox)
class CuratedBoxAdmin(admin.ModelAdmin):
    inlines = [CuratedSlotInline]
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
