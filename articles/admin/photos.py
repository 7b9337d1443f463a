"""Photos in the admin: the article form's photo rows and the 사진 자료실."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from articles import roles
from articles.admin.photo_forms import PhotoForm
from articles.body import placement_choices
from articles.models import Article, Photo
from articles.photos import PhotoUploadField


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
        if not photo.is_ready:
            # The upload as it came is never served (it still carries the camera's metadata).
            return "사진을 처리하는 중입니다. 잠시 뒤 다시 열면 보입니다."
        return format_html(
            '<img src="{}" alt="" style="max-height:120px"> <span>{}×{}</span>',
            photo.image.url,
            photo.width,
            photo.height,
        )


def photo_library(photos, user):
    """The photos `user` may reuse: all for the desk; for a 기자 those of public articles and of
    articles they may open (never another reporter's embargoed picture); never an upload
    still being processed."""
    photos = photos.shown()
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
