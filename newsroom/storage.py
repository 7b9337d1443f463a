"""Media in S3-compatible object storage (django-storages), when MEDIA_STORAGE=s3.

Files are public (pages link them from MEDIA_URL, which may be a CDN in front of the bucket),
except photo uploads still being processed (incoming/, articles/photos.py): those are written
private, since they still carry the camera's metadata, until the task has made their public
copy and removed them.
"""

from typing import Any

from storages.backends.s3 import S3Storage

PRIVATE_PREFIXES = ("incoming/",)


class MediaStorage(S3Storage):
    def get_object_parameters(self, name: str) -> dict[str, Any]:
        parameters: dict[str, Any] = super().get_object_parameters(name)
        parameters["ACL"] = "private" if name.startswith(PRIVATE_PREFIXES) else "public-read"
        return parameters
