"""Hostile uploads through the admin: the article form's photo inline and the reporter photo.

A text file named .jpg, an SVG carrying a script, a truncated JPEG, a decompression bomb, a
picture past the pixel limit, a 50 MB file, and file names with ../ or NUL: each is a clear
Korean refusal with the project's own error code (articles/photos.py), never a 500, and no
file appears anywhere (the media folder and the folder around it are the same afterwards).
"""

import re
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from PIL import Image

from articles.models import Article, Photo, Reporter
from tests.factories import image_file, make_reporter, make_section
from tests.html_forms import article_form

pytestmark = pytest.mark.django_db

KOREAN = re.compile(r"[가-힣]")


def jpeg_bytes(size=(640, 480)):
    buffer = BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def png_bomb(width, height):
    """A PNG of width×height black pixels, a few kilobytes on disk, gigabytes once decoded.
    Written by hand: Pillow would have to hold the pixels to save it."""

    def chunk(kind, data):
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)

# name -> (file, the code the project refuses it with)
HOSTILE = {
    "text named .jpg": (
        lambda: upload("photo.jpg", "사진이 아닙니다\n".encode() * 50),
        "photo_invalid",
    ),
    "svg with a script": (lambda: upload("photo.svg", SVG, "image/svg+xml"), "photo_invalid"),
    "svg named .jpg": (lambda: upload("photo.jpg", SVG), "photo_invalid"),
    "truncated jpeg": (lambda: upload("cut.jpg", jpeg_bytes()[:3000]), "photo_damaged"),
    "decompression bomb": (
        lambda: upload("bomb.png", png_bomb(30_000, 30_000), "image/png"),
        "photo_invalid",
    ),
    "past the pixel limit": (
        lambda: upload("huge.png", png_bomb(9_000, 5_000), "image/png"),
        "photo_pixels",
    ),
    "a 50 MB file": (
        lambda: upload("big.jpg", jpeg_bytes() + b"\x00" * (50 * 1024 * 1024)),
        "photo_too_large",
    ),
    "a BMP": (lambda: upload("old.bmp", _bmp(), "image/bmp"), "photo_format"),
}


def _bmp():
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (1, 2, 3)).save(buffer, "BMP")
    return buffer.getvalue()


def files_around(settings):
    """Every file in the media folder and the folder that holds it."""
    root = Path(settings.MEDIA_ROOT).parent
    counters = str(settings.RATE_LIMIT_FILE)  # the test's own rate-limit file lives there too
    return {
        path for path in root.rglob("*") if path.is_file() and not str(path).startswith(counters)
    }


def codes(errors):
    """The codes of an ErrorDict or a formset's list of them."""
    if isinstance(errors, list):
        return {code for form_errors in errors for code in codes(form_errors)}
    return {error.code for found in errors.as_data().values() for error in found}


def messages_of(errors):
    if isinstance(errors, list):
        return [message for form_errors in errors for message in messages_of(form_errors)]
    return [message for found in errors.values() for message in found]


@pytest.fixture
def desk(admin_client, settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    return admin_client


def post_article(desk, photo):
    section, reporter = make_section(), make_reporter(handle=f"r{Reporter.objects.count()}")
    return desk.post(reverse("admin:articles_article_add"), article_form(section, reporter, photo))


def photo_errors(response):
    assert response.status_code == 200, response.status_code
    inlines = response.context["inline_admin_formsets"]
    photos = next(inline for inline in inlines if inline.formset.prefix == "photos")
    return photos.formset.errors


def post_reporter(desk, photo):
    data = {"name": "사진기자", "slug": "photo-desk", "email": "photo@newsroom.example"}
    return desk.post(reverse("admin:articles_reporter_add"), {**data, "photo": photo})


def reporter_errors(response):
    assert response.status_code == 200, response.status_code
    return response.context["adminform"].form.errors


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_article_photo_refuses_it_in_korean_with_its_code(desk, settings, case):
    make_file, code = HOSTILE[case]
    before = files_around(settings)
    errors = photo_errors(post_article(desk, make_file()))
    assert codes(errors) == {code}
    assert all(KOREAN.search(message) for message in messages_of(errors))
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert files_around(settings) == before


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_reporter_photo_refuses_it_in_korean_with_its_code(desk, settings, case):
    make_file, code = HOSTILE[case]
    before = files_around(settings)
    errors = reporter_errors(post_reporter(desk, make_file()))
    assert codes(errors) == {code}
    assert all(KOREAN.search(message) for message in messages_of(errors))
    assert not Reporter.objects.exists()
    assert files_around(settings) == before


def multipart_with_filename(data, field, filename):
    """The form encoded as a browser would send it, with `filename` as the file's name
    exactly (the test client would strip a path from it before sending)."""
    body = encode_multipart(BOUNDARY, data)
    sent = data[field].name.encode()
    return body.replace(b'filename="' + sent + b'"', b'filename="' + filename + b'"', 1)


HOSTILE_NAMES = [
    b"../../../../outside.jpg",
    b"..\\..\\outside.jpg",
    b"/etc/outside.jpg",
    b"photo\x00.jpg",
    b"photo.jpg\x00.php",
    b"....//....//outside.jpg",
    "../../사진.jpg".encode(),
]


@pytest.mark.parametrize("filename", HOSTILE_NAMES)
def test_a_hostile_file_name_never_writes_outside_the_media_folder(desk, settings, filename):
    """A good picture under a name that climbs out or hides a NUL: stored, if at all, inside
    the media folder under a clean name, and nothing appears anywhere else."""
    section, reporter = make_section(), make_reporter()
    data = article_form(section, reporter, image_file("photo.jpg", size=(600, 400)))
    before = files_around(settings)
    response = desk.generic(
        "POST",
        reverse("admin:articles_article_add"),
        multipart_with_filename(data, "photos-0-image", filename),
        content_type=MULTIPART_CONTENT,
    )
    assert response.status_code in (200, 302)
    media = Path(settings.MEDIA_ROOT).resolve()
    new = files_around(settings) - before
    for path in new:
        assert path.resolve().is_relative_to(media), path
        assert "\x00" not in str(path) and ".." not in path.relative_to(media).parts
    if response.status_code == 200:  # refused: in Korean, with nothing written
        assert all(KOREAN.search(m) for m in messages_of(photo_errors(response)))
        assert new == set()
    else:
        photo = Photo.objects.get()
        assert "\x00" not in photo.image.name and ".." not in photo.image.name
        assert (media / photo.image.name).is_file()


def test_a_picture_exactly_at_the_size_limit_passes_and_one_byte_more_is_refused(desk, settings):
    picture = jpeg_bytes((200, 100))
    settings.PHOTO_MAX_UPLOAD_BYTES = len(picture)
    response = post_article(desk, upload("exact.jpg", picture))
    assert response.status_code == 302
    padded = picture + b"\x00"
    errors = photo_errors(post_article(desk, upload("over.jpg", padded)))
    assert codes(errors) == {"photo_too_large"}
