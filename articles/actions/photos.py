"""Photos made public: an upload's metadata stripped into its public file, then its renditions,
by a task, off the editor's request.

An upload is stored as it came under incoming/ (articles/photos.py), where no page links it:
pages show a photo once its public file exists, at its own size until its renditions exist,
then with them in its srcset. A task run twice (a worker killed halfway) does no harm: the
second run finds the public file made, or makes it again.
"""

import logging

from django.core.files.storage import default_storage
from django_tasks import task
from PIL import Image

from articles import invalidation, photos
from articles.models import Photo, delete_unused_files

logger = logging.getLogger(__name__)


def photo_saved(sender: type, instance: Photo, **kwargs: object) -> None:
    """A photo saved with a new upload, or without renditions: queue its processing (in the
    same transaction: with the database's task queue it commits with the photo)."""
    if instance.needs_processing:
        process_photo.enqueue(instance.pk)


@task()
def process_photo(photo_id: int) -> None:
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None or not photo.image:
        return
    name = photo.image.name
    if photos.is_incoming(name):
        with default_storage.open(name, "rb") as raw:
            clean = photos.strip_metadata(raw)
        with Image.open(clean) as image:
            width, height = image.size
        clean.seek(0)
        public = default_storage.save(photos.article_photo_path(photo, clean.name or name), clean)
        moved = Photo.objects.filter(pk=photo_id, image=name).update(
            image=public, width=width, height=height, renditions=[]
        )
        if not moved:  # replaced or removed meanwhile: this file shows nothing
            default_storage.delete(public)
            return
        delete_unused_files(name, [])
        photo.refresh_from_db()
    if not photo.renditions:
        renditions = photos.make_renditions(photo.image)
        Photo.objects.filter(pk=photo_id, image=photo.image.name).update(renditions=renditions)
    invalidation.purge({invalidation.article(photo.article_id)})
