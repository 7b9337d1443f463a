"""A photo uploaded in the admin lands in the bucket, private, until the worker has made its
public copy without the camera's metadata and its renditions; the public page never links a
file that does not exist."""

import html
import io
import re
import time

import requests
from PIL import Image

from tests.cluster.cluster import BUCKET, Editor

MAKE, GPS_IFD = 0x010F, 0x8825
LINK = re.compile(r'(?:src|srcset|content|href)="([^"]+)"')


def camera_jpeg(size=(3000, 2000)):
    exif = Image.Exif()
    exif[MAKE] = "Canon"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (37.0, 33.0, 58.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 110, 170)).save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def media_links(cluster, page):
    """Every address of the bucket the page links (img src and srcset, og:image ...)."""
    found = set()
    for value in LINK.findall(page):
        for candidate in html.unescape(value).split(","):
            address = candidate.strip().split(" ")[0]
            if address.startswith(cluster.media):
                found.add(address)
    return found


def all_exist(links, checked):
    for link in links - checked:
        assert requests.get(link, timeout=10).status_code == 200, f"broken link {link}"
        checked.add(link)


def acl_is_public(cluster, key):
    grants = cluster.s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    return any(
        grant["Grantee"].get("URI", "").endswith("/global/AllUsers")
        and grant["Permission"] == "READ"
        for grant in grants
    )


def keys(cluster):
    listed = cluster.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {item["Key"] for item in listed}


def test_an_uploaded_photo_reaches_the_bucket_and_its_renditions_without_a_broken_link(
    cluster, figures
):
    pk = cluster.articles["photo"]
    path = f"/news/{pk}/"
    before = keys(cluster)
    editor = Editor(cluster.site)
    form = editor.change_form(pk)
    row = int(form["photos-INITIAL_FORMS"])
    fields = {
        "photos-TOTAL_FORMS": str(row + 1),
        f"photos-{row}-caption": "▲ 자동화 설비를 들인 물류센터에서 직원이 상자를 옮기고 있다.",
        f"photos-{row}-credit": "사진제공=한빛물류",
        f"photos-{row}-alt": "물류센터 내부",
        f"photos-{row}-placement": "0",
        f"photos-{row}-order": "0",
    }

    cluster.pause("worker")  # the upload waits in the queue while we look
    try:
        saved_at = time.monotonic()
        editor.save(
            pk,
            files={f"photos-{row}-image": ("camera.jpg", camera_jpeg(), "image/jpeg")},
            **fields,
        )
        answered_in = time.monotonic() - saved_at
        (incoming,) = keys(cluster) - before
        assert incoming.startswith("incoming/")
        assert not acl_is_public(cluster, incoming)
        waiting = cluster.reader_get(path).text
        assert "incoming/" not in waiting
        checked: set[str] = set()
        all_exist(media_links(cluster, waiting), checked)
    finally:
        cluster.resume("worker")

    started = time.monotonic()
    while True:
        page = cluster.reader_get(path).text
        links = media_links(cluster, page)
        all_exist(links, checked)
        assert "incoming/" not in page
        if '<figure class="photo"' in page and len(links) >= 3:
            break
        assert time.monotonic() - started < 20, "the photo and its renditions never showed"
        time.sleep(0.1)
    shown_after = time.monotonic() - started

    stored = keys(cluster) - before
    assert incoming not in stored
    assert not any(key.startswith("incoming/") for key in stored)
    assert all(acl_is_public(cluster, key) for key in stored)
    original = max(
        stored, key=lambda key: cluster.s3.head_object(Bucket=BUCKET, Key=key)["ContentLength"]
    )
    body = cluster.s3.get_object(Bucket=BUCKET, Key=original)["Body"].read()
    exif = Image.open(io.BytesIO(body)).getexif()
    assert MAKE not in exif and GPS_IFD not in exif
    figures.append(
        f"photos: the admin answered the upload in {answered_in * 1000:.0f} ms; the page showed "
        f"the photo {shown_after * 1000:.0f} ms after the worker resumed, linking "
        f"{len(links)} bucket files, all present; {len(stored)} objects public, none incoming"
    )
