"""What readers leave, in the admin: the comment queue, banned words and reactions."""

from django.conf import settings
from django.contrib import admin
from django.contrib import messages as django_messages
from django.db import models
from django.utils.text import Truncator

from articles.actions import comments, reactions
from articles.models import BannedWord, Comment, Reaction
from articles.queries.comments import decorate, needs_review


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
            "needed": lambda: queryset.filter(needs_review()),
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
        "banned_words",
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
        "banned_words",
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
                models.When(needs_review(), then=models.Value(1)),
                default=models.Value(0),
                output_field=models.IntegerField(),
            )
        )
        return queryset.order_by(*self.get_ordering(request))

    def get_list_display(self, request):
        # The banned words are read once for the page, not once for each comment.
        words = list(BannedWord.objects.values_list("word", flat=True))

        @admin.display(description="걸린 금칙어")
        def held_by(comment):
            return ", ".join(comments.banned_words_in(comment.body, words)) or "-"

        display = list(super().get_list_display(request))
        display.insert(display.index("status") + 1, held_by)
        return display

    @admin.display(description="걸린 금칙어")
    def banned_words(self, comment):
        return ", ".join(comments.banned_words_in(comment.body)) or "없음"

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
            return f"{comment.nickname} ({decorate(comment).badge})"
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
