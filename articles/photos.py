"""Photo uploads: validation that refuses bad files clearly, and responsive renditions."""

from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


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


def make_renditions(image_field):
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
