"""Photos in the admin: the article form's photo rows and the 사진 자료실."""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.urls import path, reverse
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
            kwargs["widget"] = LibraryPhotoSelect(db_field, self.admin_site)
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


class LibraryPhotoSelect(AutocompleteSelect):
    """The library picker: asks the library's own search (thumbnail, credit, article) and
    draws each choice with its thumbnail (js/photo-library-picker.js)."""

    def get_url(self):
        return reverse("admin:articles_photo_library_search")

    def build_attrs(self, base_attrs, extra_attrs=None):
        return {**super().build_attrs(base_attrs, extra_attrs), "data-photo-library": ""}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if not label:
            option["attrs"]["label"] = "고르지 않음"  # an empty option needs a label in HTML
        return option

    @property
    def media(self):
        return super().media + forms.Media(js=["js/photo-library-picker.js"])


class LibrarySearch(AutocompleteJsonView):
    """The admin's autocomplete answer for library photos, with what an editor chooses by."""

    def get_queryset(self):
        return super().get_queryset().select_related("article", "credit_reporter")

    def serialize_result(self, photo, to_field_name):
        credit, article = photo.credit_text, photo.article.title
        about = " · ".join(part for part in (credit, article) if part)
        return {
            **super().serialize_result(photo, to_field_name),
            "text": f"{photo.caption} ({about})" if about else photo.caption,
            "caption": photo.caption,
            "credit": credit,
            "article": article,
            "thumbnail": thumbnail_url(photo),
        }


def thumbnail_url(photo):
    """The smallest copy of a photo (the original when it has none)."""
    small = min(photo.renditions or [{}], key=lambda item: item.get("width", 0))
    return photo.image.storage.url(small.get("name") or photo.image.name)


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

    def get_urls(self):
        search = LibrarySearch.as_view(admin_site=self.admin_site)
        return [
            path(
                "library-search/",
                self.admin_site.admin_view(search),
                name="articles_photo_library_search",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="사진")
    def thumbnail(self, photo):
        return format_html('<img src="{}" alt="" height="60">', thumbnail_url(photo))

    @admin.display(description="출처")
    def credit_display(self, photo):
        return photo.credit_text

    @admin.display(description="크기")
    def size(self, photo):
        return f"{photo.width}×{photo.height}"
