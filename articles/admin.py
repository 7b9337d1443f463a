from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from articles import reactions, roles
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
    readonly_fields = ["revised_at", "created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["label", "title", "deck", "section", "body", "tags"]}),
        ("출고", {"fields": ["status", "published_at", "revised_at", "comment_policy"]}),
        ("부가 정보", {"fields": ["video_url", "created_at", "updated_at"]}),
    ]

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


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["nickname", "body", "article", "status", "report_count", "created_at"]
    list_filter = ["status"]
    list_select_related = ["article"]
    search_fields = ["nickname", "body"]
    raw_id_fields = ["article", "parent", "author"]
    exclude = ["password", "visitor", "client"]


@admin.register(BannedWord)
class BannedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "created_at"]
    search_fields = ["word"]


class CuratedSlotInline(admin.TabularInline):
    model = CuratedSlot
    extra = 1
    autocomplete_fields = ["article"]


@admin.register(CuratedBox)
class CuratedBoxAdmin(admin.ModelAdmin):
    inlines = [CuratedSlotInline]
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
