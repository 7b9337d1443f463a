import reversion
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib import messages as django_messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, slugify
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.models import TaggedItem

from articles import (
    boxes,
    comments,
    dashboard,
    desk,
    editing,
    notifications,
    preview,
    reactions,
    revisions,
    roles,
)
from articles.body import placement_choices
from articles.models import (
    Article,
    ArticleReporter,
    BannedWord,
    Comment,
    Correction,
    CuratedBox,
    CuratedSlot,
    Photo,
    Publisher,
    Reaction,
    Reporter,
    Section,
)
from articles.photo_forms import PhotoForm
from articles.photos import PhotoUploadField
from newsroom import csp

NOT_YOURS = (
    "이 기사를 열 권한이 없습니다. 기자는 자기 바이라인이 있는 기사만 볼 수 있습니다. "
    "필요하면 데스크에 요청해 주세요."
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "order"]
    list_editable = ["order"]
    list_filter = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


NO_SLUG = "이메일 아이디로 주소 이름을 정할 수 없습니다. 직접 입력해 주세요."
SLUG_TAKEN = "같은 주소 이름(‘{slug}’)을 쓰는 기자가 이미 있습니다. 다른 이름을 입력해 주세요."


class ReporterForm(forms.ModelForm):
    """The 주소 이름 (slug) may be left empty: it then follows the e-mail's handle."""

    class Meta:
        model = Reporter
        fields = ["name", "slug", "email", "photo", "bio", "desk", "user"]
        help_texts = {
            "slug": "기자 페이지 주소(/reporter/…/)에 쓰입니다. 비워 두면 이메일 아이디로 정합니다."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:  # not there when the form is view-only
            self.fields["slug"].required = False

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email") or ""
        if not cleaned.get("slug") and email:
            slug = slugify(email.split("@", 1)[0].replace("_", "-").replace(".", "-"))
            if not slug:
                self.add_error("slug", NO_SLUG)
            elif Reporter.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
                self.add_error("slug", SLUG_TAKEN.format(slug=slug))
            else:
                cleaned["slug"] = slug
                self.instance.slug = slug
        return cleaned


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    form = ReporterForm
    formfield_overrides = {models.ImageField: {"form_class": PhotoUploadField}}
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
    form = PhotoForm
    formfield_overrides = {models.ImageField: {"form_class": PhotoUploadField}}
    extra = 1
    fields = [
        ("image", "preview"),
        "library_photo",
        "caption",
        ("credit_reporter", "credit"),
        "alt",
        ("placement", "order"),
    ]
    readonly_fields = ["preview"]
    autocomplete_fields = ["credit_reporter", "library_photo"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "library_photo":
            kwargs["queryset"] = photo_library(Photo.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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


def photo_library(photos, user):
    """The photos `user` may reuse: all for the desk; for a 기자 those of public articles and of
    articles they may open (never another reporter's embargoed picture)."""
    if roles.can_publish(user):
        return photos
    return photos.filter(
        models.Q(article__in=Article.objects.published())
        | models.Q(article__in=Article.objects.previewable_by(user))
    )


@admin.register(Photo)
class PhotoLibraryAdmin(admin.ModelAdmin):
    """사진 자료실: every photo in the archive, to find one and reuse it in another article.

    Photos are added, changed and removed in their article's form; here they are only looked
    up. A 기자 sees the photos of public articles and of the articles they may open."""

    list_display = ["thumbnail", "caption", "credit_display", "article", "size"]
    list_select_related = ["article", "credit_reporter"]
    search_fields = ["caption", "credit", "alt", "article__title"]
    search_help_text = "사진 설명, 출처, 대체 텍스트, 기사 제목에서 찾습니다."
    ordering = ["-id"]

    def get_queryset(self, request):
        return photo_library(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Asked for each photo when its article is deleted: whoever may change the article
        # may remove its photos. Nothing is deleted from the library itself (no actions).
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or self.admin_site._registry[Article].has_change_permission(
            request, obj.article
        )

    def get_actions(self, request):
        return {}

    @admin.display(description="사진")
    def thumbnail(self, photo):
        small = min(photo.renditions or [{}], key=lambda item: item.get("width", 0))
        name = small.get("name") or photo.image.name
        return format_html('<img src="{}" alt="" height="60">', photo.image.storage.url(name))

    @admin.display(description="출처")
    def credit_display(self, photo):
        return photo.credit_text

    @admin.display(description="크기")
    def size(self, photo):
        return f"{photo.width}×{photo.height}"


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["text", "created_at"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "cols": 60})}


# A revision holds the article with its bylines and photos. Corrections are left out on
# purpose: restoring an old version must never delete a correction published since.
reversion.register(Article, follow=["bylines", "photos", "tagged_items"])
reversion.register(ArticleReporter)
reversion.register(Photo)
reversion.register(TaggedItem)


def sections_in_tree_order(queryset):
    """Each top section followed by its sub-sections (one level deep, see Section.clean)."""
    return queryset.select_related("parent").order_by(
        Coalesce("parent__order", "order"),
        Coalesce("parent__name", "name"),
        Coalesce("parent_id", "id"),
        models.F("parent_id").asc(nulls_first=True),
        "order",
        "name",
    )


def section_tree_label(section):
    return f"— {section.name}" if section.parent_id else section.name


class SectionTreeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section):
        return section_tree_label(section)


class SectionTreeFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        sections = sections_in_tree_order(Section.objects.all())
        return [(section.pk, section_tree_label(section)) for section in sections]


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = editing.VersionedArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    inlines = [BylineInline, PhotoInline]
    list_display = [
        "title",
        "label",
        "section",
        "status_display",
        "published_at",
        "view_count",
        "like_count",
        "angry_count",
        "sad_count",
        "want_more_count",
        "comment_count",
    ]
    list_filter = [
        "status",
        desk.ScheduleFilter,
        desk.MineFilter,
        desk.StaleDraftFilter,
        ("section", SectionTreeFilter),
        "label",
        "bylines__reporter",
        "comment_policy",
    ]
    list_select_related = ["section", "section__parent"]
    search_fields = ["title", "deck", "body"]
    search_help_text = "제목, 부제, 본문에서 찾습니다."
    actions = ["publish", "archive", "request_review"]
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
        (None, {"fields": ["label", "title", "deck", "section", "body", "tags", "version"]}),
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
            "js/photo-placement.js",
        ]

    def view_on_site(self, article):
        return article.get_absolute_url()

    @admin.display(description="상태", ordering="status")
    def status_display(self, article):
        if desk.is_scheduled(article):
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
        if obj.status in editing.REPORTER_EDITABLE:
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
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not roles.can_publish(request.user):
            kwargs["choices"] = [
                (value, label)
                for value, label in Article.Status.choices
                if value in (Article.Status.DRAFT, Article.Status.REVIEW)
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.display(description="바로잡은 내용")
    def corrections_panel(self, article):
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
        if article.status == Article.Status.PUBLISHED:
            url = reverse("admin:articles_article_correct", args=[article.pk])
            add = format_html('<a class="addlink" href="{}">바로잡습니다 추가</a>', url)
        return format_html('<ul class="correction-list">{}</ul>{}', items, add)

    def correct_view(self, request, object_id):
        """The desk adds a 바로잡습니다 note to a published article."""
        article = self.get_object(request, object_id)
        if article is None or not roles.can_publish(request.user):
            raise PermissionDenied
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if article.status != Article.Status.PUBLISHED:
            self.message_user(request, "출고된 기사만 바로잡을 수 있습니다.", django_messages.ERROR)
            return redirect(change_url)
        form = CorrectionForm(request.POST or None, initial={"created_at": timezone.now()})
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                correction = form.save(commit=False)
                correction.article = article
                correction.save()
                # A correction changes what readers read: it moves the article's 수정 time.
                Article.objects.filter(pk=article.pk).update(revised_at=correction.created_at)
            self.message_user(request, "바로잡습니다를 더했습니다.", django_messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"바로잡습니다 추가: {article.title}",
            "opts": self.opts,
            "original": article,
            "form": form,
        }
        return TemplateResponse(request, "admin/articles/article/correct.html", context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            kwargs["queryset"] = sections_in_tree_order(Section.objects.all())
            kwargs["form_class"] = SectionTreeChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("status") if change else None
        super().save_model(request, obj, form, change)
        notifications.status_changed(article=obj, previous=previous, actor=request.user)

    # Bulk actions. Each keeps to the roles: only the desk publishes or archives, and a 기자
    # may send for review only their own drafts (get_queryset already limits them to theirs).
    def _bulk_status(self, request, queryset, status, done):
        changed = 0
        with transaction.atomic():
            # Locked by id: a 기자's list is DISTINCT, which PostgreSQL cannot lock FOR UPDATE.
            chosen = list(queryset.values_list("pk", flat=True))
            locked = Article.objects.filter(pk__in=chosen).select_for_update()
            for article in locked.order_by("pk"):
                previous = article.status
                if status == Article.Status.REVIEW and previous != Article.Status.DRAFT:
                    continue
                if previous == status:
                    continue
                article.status = status
                # Publish now, unless a future time was set: that one stays scheduled.
                if status == Article.Status.PUBLISHED and (
                    article.published_at is None or article.published_at <= timezone.now()
                ):
                    article.published_at = timezone.now()
                article.save()
                # In the history, and named when a 기자's open form is refused (editing.py).
                self.log_change(request, article, [{"changed": {"fields": ["상태"]}}])
                notifications.status_changed(article=article, previous=previous, actor=request.user)
                changed += 1
        level = django_messages.SUCCESS if changed else django_messages.WARNING
        self.message_user(request, f"기사 {changed}건을 {done}.", level)

    @admin.action(description="선택한 기사 출고", permissions=["publish"])
    def publish(self, request, queryset):
        self._bulk_status(request, queryset, Article.Status.PUBLISHED, "출고했습니다")

    @admin.action(description="선택한 기사 보관", permissions=["publish"])
    def archive(self, request, queryset):
        self._bulk_status(request, queryset, Article.Status.ARCHIVED, "보관했습니다")

    @admin.action(description="선택한 기사 검토 요청 (작성 중인 기사만)", permissions=["change"])
    def request_review(self, request, queryset):
        self._bulk_status(request, queryset, Article.Status.REVIEW, "검토 요청했습니다")

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    # History: only someone who may change this article sees or restores its revisions.
    def _article_to_change(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None or not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_to_change(request, object_id)
        response = super().history_view(request, object_id, extra_context)
        # reversion lists its versions without their ids; the compare form needs them.
        for action in response.context_data.get("action_list", []):
            action["version_id"] = int(action["url"].rstrip("/").rsplit("/", 1)[-1])
        response.context_data["versions"] = response.context_data.get("action_list")
        response.context_data["compare_url"] = reverse(
            "admin:articles_article_compare", args=[article.pk]
        )
        return response

    def compare_view(self, request, object_id):
        """Two revisions side by side: removed words struck through, added ones marked."""
        article = self._article_to_change(request, object_id)
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        chosen = [request.GET.get(name, "") for name in ("old", "new")]
        if not all(value.isdigit() for value in chosen):
            raise Http404("비교할 두 판을 골라 주세요.")
        old, new = (get_object_or_404(versions, pk=int(value)) for value in chosen)
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "title": f"판 비교: {article.title}",
            "opts": self.opts,
            "original": article,
            "old": old,
            "new": new,
            "rows": revisions.compare(old.field_dict, new.field_dict),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

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

    def render_change_form(self, request, context, *args, **kwargs):
        # The body editor's import map is an inline script: it runs under the admin's CSP
        # only with this request's nonce (newsroom/csp.py).
        context["media"] = csp.with_nonce(request, context["media"])
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self):
        follow_up = path(
            "follow-up/",
            self.admin_site.admin_view(self.follow_up_view),
            name="articles_article_follow_up",
        )
        presence = path(
            "<int:object_id>/presence/",
            self.admin_site.admin_view(self.presence_view),
            name="articles_article_presence",
        )

        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        correct = path(
            "<path:object_id>/correct/",
            self.admin_site.admin_view(self.correct_view),
            name="articles_article_correct",
        )
        desk_home = path(
            "desk/", self.admin_site.admin_view(self.desk_view), name="articles_article_desk"
        )
        board = path(
            "dashboard/",
            self.admin_site.admin_view(self.dashboard_view),
            name="articles_article_dashboard",
        )
        previews = [
            path(
                "preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_article_preview_new",
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_article_preview",
            ),
        ]
        return [
            follow_up,
            presence,
            compare,
            correct,
            desk_home,
            board,
            *previews,
            *super().get_urls(),
        ]

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore an old revision's content (title, label, deck, body, bylines, photos, tags)
        into the article as it is now: its status, times, counters and settings stay, unless
        the desk changes them in the form, so restoring a draft never takes a live story down."""
        article = self._article_to_change(request, object_id)
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
                    when=date_format(
                        timezone.localtime(version.revision.date_created), "Y.m.d H:i"
                    ),
                ),
                django_messages.SUCCESS,
            )
        return response

    def response_change(self, request, obj):
        if getattr(request, "article_before_restore", None) is not None:
            # revision_view says what a restore did; the stock "saved" line would say less.
            return redirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_change(request, obj)

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
        if article is not None and self.has_change_permission(request, article):
            editing.mark_present(article, request.user)
            extra_context["others_editing"] = editing.others_present(article, request.user)
            extra_context["presence_url"] = reverse(
                "admin:articles_article_presence", args=[article.pk]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @method_decorator(require_POST)
    def presence_view(self, request, object_id):
        """The form's heartbeat: I am here (or leaving); who else is."""
        article = self.get_object(request, str(object_id))
        if article is None or not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.POST.get("leave"):
            editing.leave(article, request.user)
            return JsonResponse({"others": []})
        editing.mark_present(article, request.user)
        return JsonResponse({"others": editing.others_present(article, request.user)})

    def preview_view(self, request, object_id=None):
        """미리 보기 of what the form holds now, posted by the change form; saves nothing."""
        return preview.render(self, request, object_id)

    def desk_view(self, request):
        """데스크 home: what waits for the desk, each list linked to the filtered changelist."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "데스크 홈",
            "opts": self.opts,
            "lists": desk.home_lists(self.get_queryset(request)),
            "can_publish": roles.can_publish(request.user),
        }
        return TemplateResponse(request, "admin/articles/desk/home.html", context)

    def dashboard_view(self, request):
        """뉴스룸 대시보드: the last 30 days in charts, for the desk only."""
        if not roles.can_publish(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "뉴스룸 대시보드",
            "opts": self.opts,
            **dashboard.build(),
        }
        return TemplateResponse(request, "admin/articles/desk/dashboard.html", context)

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
    fields = ["article", "starts_at", "ends_at", "order"]
    # Rows are shown in their order so that the ↑/↓ buttons (js/box-order.js) move what
    # the reader will see; without the script the order field still works.
    ordering = ["order", "id"]


@admin.register(CuratedBox)
class CuratedBoxAdmin(admin.ModelAdmin):
    inlines = [CuratedSlotInline]
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "not_shown"]
    readonly_fields = ["not_shown"]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/box-order.js"]

    @admin.display(description="지금 보이지 않는 기사")
    def not_shown(self, box):
        hidden = boxes.hidden_slots(box) if box.pk else []
        if not hidden:
            return f"없음 (최대 {boxes.BOX_SIZE}개까지 보입니다)"
        return format_html(
            '<ul class="box-hidden">{}</ul>',
            format_html_join(
                "", "<li>{} — {}</li>", ((slot.article.title, why) for slot, why in hidden)
            ),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        over = [slot for slot, why in boxes.hidden_slots(form.instance) if "초과" in why]
        if over:
            titles = ", ".join(f"‘{slot.article.title}’" for slot in over)
            self.message_user(
                request,
                f"이 박스에는 {boxes.BOX_SIZE}개까지만 보입니다. 보이지 않는 기사: {titles}",
                django_messages.WARNING,
            )


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    """One row: the list goes straight to it (or to the empty form before it exists)."""

    fields = ["registration", "publisher", "editor", "youth_officer", "address", "contact"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Publisher.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if Publisher.objects.exists():
            return redirect("admin:articles_publisher_change", 1)
        if self.has_add_permission(request):
            return redirect("admin:articles_publisher_add")
        return super().changelist_view(request, extra_context)
