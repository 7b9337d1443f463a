"""The article form's photo rows: uploads that survive a refused form, and the photo library.

A browser never re-sends a chosen file: when anything on the article page is refused, the
file inputs come back empty. So a valid upload is stored (metadata stripped, under its final
name) as soon as it passes its own checks, and the row carries a signed reference to it; the
next submission attaches that file without the reporter choosing it again.

The library is every photo already in the archive: a row may take one of them (file,
caption, credit and alt) instead of an upload, and the file is then shared, never copied.
"""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html

from articles import photos
from articles.models import Photo, delete_unused_files
from articles.photos import incoming_path

_SALT = "articles.photo.kept-upload"
KEPT_FOR_SECONDS = 24 * 60 * 60

KEPT_NOTICE = "보관한 사진: {name}. 다시 고르지 않아도 저장하면 들어갑니다."
NEEDS_A_PHOTO = "사진 파일을 고르거나 사진 자료실에서 사진을 골라 주세요."
NEEDS_ALT = "사진을 볼 수 없는 독자에게 읽어 줄 설명을 적어 주세요."


def keep_token(name, original=""):
    """A signed reference to a kept upload: its stored name, and the file name the editor
    chose (stored names are random), to name it in the note."""
    return signing.dumps({"name": name, "original": original}, salt=_SALT)


def kept_upload(token):
    """(stored name, original file name) of the upload a token names, or None when it is
    forged, expired or gone."""
    if not token:
        return None
    try:
        kept = signing.loads(token, salt=_SALT, max_age=KEPT_FOR_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(kept, dict):
        return None
    name, original = kept.get("name"), kept.get("original")
    if not isinstance(name, str) or not isinstance(original, str):
        return None
    if not default_storage.exists(name):
        return None
    return name, original


class KeptUploadWidget(AdminFileWidget):
    """The file input, and under it the upload already kept: a note, and the signed reference
    the next submission sends back."""

    kept = None  # (input name, token, stored name, original file name), set by the form

    def is_initial(self, value):
        # An upload the worker has not yet stripped of its metadata is never served (incoming/):
        # no link to it, the photo's preview says it is being processed.
        return super().is_initial(value) and not photos.is_incoming(getattr(value, "name", ""))

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.kept:
            return html
        field, token, stored, original = self.kept
        # Kept as it came (incoming/), with the camera's metadata: never served, so named only.
        return format_html(
            '{}<input type="hidden" name="{}" value="{}"><p class="kept-upload">{}</p>',
            html,
            field,
            token,
            KEPT_NOTICE.format(name=original or stored.rsplit("/", 1)[-1]),
        )


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = [
            "image",
            "caption",
            "credit_reporter",
            "credit",
            "alt",
            "placement",
            "order",
            "library_photo",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Either may come from the library or a kept upload; clean() asks for what is missing.
        for name in ("image", "alt"):
            if name in self.fields:
                self.fields[name].required = False
        self._kept = None  # the stored name of an upload kept for this row
        self._kept_original = ""  # and the name of the file the editor chose
        self._library = None  # the library photo this row takes its file from
        if "image" in self.fields:
            self.fields["image"].widget = KeptUploadWidget()
            kept = kept_upload(self.data.get(self.add_prefix("kept_upload")))
            if kept:
                self._kept, self._kept_original = kept
                self._show_kept(self._kept, self._kept_original)

    def _show_kept(self, stored, original):
        self.fields["image"].widget.kept = (
            self.add_prefix("kept_upload"),
            keep_token(stored, original),
            stored,
            original,
        )

    def has_changed(self):
        # A row whose only news is a kept upload is still a photo to save.
        return super().has_changed() or bool(self._kept)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("image")
        self._library = cleaned.get("library_photo")
        if isinstance(upload, UploadedFile):
            self._library = None  # a new file wins over anything chosen before
        elif self._kept:
            cleaned["image"] = self._kept
            self._library = None
        elif self._library and (not upload or self.instance.library_photo_id != self._library.pk):
            cleaned["image"] = self._library.image.name
        else:
            self._library = None
        if self._library:
            for name in ("caption", "credit", "alt"):
                if not cleaned.get(name):
                    cleaned[name] = getattr(self._library, name)
            if not cleaned.get("credit_reporter") and not cleaned.get("credit"):
                cleaned["credit_reporter"] = self._library.credit_reporter
        if not cleaned.get("image") and "image" not in self.errors:
            self.add_error("image", forms.ValidationError(NEEDS_A_PHOTO, code="required"))
        if not cleaned.get("alt") and "alt" in self.fields:
            self.add_error("alt", forms.ValidationError(NEEDS_ALT, code="required"))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        photo = self.instance
        upload = self.cleaned_data.get("image")
        if isinstance(upload, UploadedFile) and not self.has_error("image"):
            # Passed every check of its own: keep it now, whatever else the page refuses.
            replaced = self._kept
            # Kept as it came, where no page links it; the photo's task strips it once saved.
            stored = default_storage.save(incoming_path(upload.name), upload)
            photo.image = stored
            photo.renditions = []
            self._kept, self._kept_original = stored, upload.name
            self._show_kept(stored, upload.name)
            if replaced and replaced != stored:
                delete_unused_files(replaced, [])
        elif self._library and photo.image.name == self._library.image.name:
            photo.renditions = list(self._library.renditions)
            photo.width, photo.height = self._library.width, self._library.height
