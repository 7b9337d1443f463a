"""Photo uploads: validation that refuses bad files clearly, and responsive renditions."""

import secrets
from io import BytesIO
from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
PHOTO_MIN_SIDE = 50
PHOTO_MAX_RATIO = 10
SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


# Stored names are random: a draft's photo is served from /media/ like every other file, so
# its address must not be guessable from the upload's name or an article's id. The name
# keeps only the image's suffix, for the content type the file is served with.


def _random_name(folder: str, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix == ".jpeg":
        suffix = ".jpg"
    if suffix not in SUFFIXES.values():
        suffix = ".jpg"
    return f"{folder}/{secrets.token_urlsafe(16)}{suffix}"


def _dated_folder(prefix: str) -> str:
    return f"{prefix}/{timezone.localdate():%Y/%m}"


# Uploads are stored first as they came, under this folder, where no page links them; a task
# (articles/actions/photos.py) strips their metadata into the public file, then makes the
# renditions. A file here is never shown to readers.
INCOMING = "incoming"


def incoming_path(filename: str) -> str:
    return _random_name(INCOMING, filename)


def is_incoming(name: str | None) -> bool:
    return bool(name) and name.startswith(f"{INCOMING}/")


def article_photo_path(instance: object, filename: str) -> str:
    return _random_name(_dated_folder("photos"), filename)


def share_image_path(instance: object, filename: str) -> str:
    return _random_name(_dated_folder("share"), filename)


def reporter_photo_path(instance: object, filename: str) -> str:
    return _random_name("reporters", filename)


def validate_photo_upload(file):
    """Refuse files that are too large, not images, or of a format browsers may not show.

    Only new uploads are checked: a file already in storage passed when it was uploaded, and
    re-reading it on every later save of its article would open it for nothing (and fail)."""
    if getattr(file, "_committed", False):
        return
    limit = settings.PHOTO_MAX_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError(
            "사진 파일이 너무 큽니다(%(size)s). %(limit)s 이하로 올려 주세요.",
            code="photo_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "사진 파일을 읽을 수 없습니다. JPEG, PNG, WebP, GIF 이미지를 올려 주세요.",
            code="photo_invalid",
        ) from None
    finally:
        file.seek(position)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "지원하지 않는 사진 형식입니다(%(format)s). JPEG, PNG, WebP, GIF만 올릴 수 있습니다.",
            code="photo_format",
            params={"format": image_format},
        )
    if width * height > settings.PHOTO_MAX_PIXELS:
        raise ValidationError(
            "사진 해상도가 너무 큽니다(%(width)d×%(height)d). 4천만 화소 이하로 줄여 주세요.",
            code="photo_pixels",
            params={"width": width, "height": height},
        )
    # Renditions scale the width down; a sliver (2000×1) would have no height left.
    if min(width, height) < PHOTO_MIN_SIDE or max(width, height) > PHOTO_MAX_RATIO * min(
        width, height
    ):
        raise ValidationError(
            "사진 크기가 %(width)d×%(height)d라 기사에 실을 수 없습니다. 가로세로가 모두 "
            "%(side)d픽셀 이상이고, 긴 쪽이 짧은 쪽의 %(ratio)d배를 넘지 않게 해 주세요.",
            code="photo_shape",
            params={
                "width": width,
                "height": height,
                "side": PHOTO_MIN_SIDE,
                "ratio": PHOTO_MAX_RATIO,
            },
        )
    # verify() reads the structure only: a file cut off in transfer passes it and then failed
    # when it was re-encoded, after the upload was stored. Decode every pixel now (the pixel
    # count is known to be sane).
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "사진 파일이 손상되었거나 끝부분이 잘렸습니다. 원본 파일을 다시 올려 주세요.",
            code="photo_damaged",
        ) from None
    finally:
        file.seek(position)


class PhotoUploadField(forms.ImageField):
    """The admin's image field with the project's checks first, so that a refused file gets
    their Korean reason and code (photo_too_large, photo_invalid, ...), not Django's
    generic "invalid_image" for every kind of bad file."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_photo_upload(upload)
        return super().to_python(data)


# Formats re-encoded as themselves; anything else is stored as PNG (lossless, no metadata).
_CLEAN_SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
    "GIF": {},
}


def strip_metadata(upload: File) -> ContentFile:
    """A copy of `upload` turned upright and re-encoded without EXIF, XMP, GPS or comments.

    The stored original is public (it is the largest size in the page's srcset), so a
    reporter's camera serial number or the GPS position of a source must never reach it.
    EXIF orientation is applied to the pixels first: once the tag is gone, browsers could
    no longer rotate the picture themselves. Returns a ContentFile named like the upload.
    """
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        if image_format == "GIF" and getattr(original, "is_animated", False):
            # Animated GIFs carry no EXIF; re-encoding frame by frame would break timing.
            upload.seek(0)
            return ContentFile(upload.read(), name=PurePosixPath(upload.name).name)
        original.load()
        upright = ImageOps.exif_transpose(original)
    clean = upright.copy()
    clean.info = {}  # Pillow writes icc_profile/exif/comment found here into PNG and WebP
    if image_format not in _CLEAN_SAVE_OPTIONS:
        image_format = "PNG"
    if image_format == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    buffer = BytesIO()
    clean.save(buffer, image_format, **_CLEAN_SAVE_OPTIONS[image_format])
    # The suffix of what is stored, whatever the upload was called (upload_to keeps only it).
    name = f"{PurePosixPath(upload.name).stem}{SUFFIXES[image_format]}"
    return ContentFile(buffer.getvalue(), name=name)


def make_renditions(image_field: FieldFile) -> list[dict[str, Any]]:
    """Write JPEG copies at the configured widths; return [{"name", "width"}] for srcset."""
    storage = image_field.storage
    stem = PurePosixPath(image_field.name)
    image_field.open("rb")
    try:
        with Image.open(image_field) as original:
            original.load()
            source = original.convert("RGB")
    finally:
        image_field.close()
    renditions = []
    for width in settings.PHOTO_RENDITION_WIDTHS:
        if width >= source.width:
            continue
        height = round(source.height * width / source.width)
        copy = source.resize((width, height), Image.Resampling.LANCZOS)
        buffer = BytesIO()
        copy.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
        name = storage.save(
            f"renditions/{stem.parent}/{stem.stem}-{width}w.jpg", ContentFile(buffer.getvalue())
        )
        renditions.append({"name": name, "width": width})
    renditions.append({"name": image_field.name, "width": source.width})
    return renditions


_METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "photoshop"}


def clean_stored_file(storage, name):
    """Re-encode a file already in storage without its metadata, under the same name.

    For files uploaded before metadata was stripped on upload. Returns True when the file
    was rewritten (its pixels may have turned upright, so its size and renditions change)."""
    with storage.open(name, "rb") as stored:
        data = stored.read()
    try:
        with Image.open(BytesIO(data)) as image:
            if not image.getexif() and not _METADATA_KEYS & set(image.info):
                return False
            clean = strip_metadata(ContentFile(data, name=PurePosixPath(name).name))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False  # unreadable files are left for a person to look at, not destroyed
    storage.delete(name)
    storage.save(name, ContentFile(clean.read()))
    return True
