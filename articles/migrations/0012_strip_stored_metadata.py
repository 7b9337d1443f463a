"""Strip EXIF, GPS and other metadata from photos uploaded before uploads were cleaned.

New uploads lose their metadata when they are saved (articles/photos.py); this rewrites the
files already in storage, so no public file keeps a camera serial number or a position.
Photos whose pixels turn upright get their size and renditions again.
"""

from django.core.files.storage import default_storage
from django.db import migrations

from articles.photos import clean_stored_file, make_renditions


def strip_stored_metadata(apps, schema_editor):
    Photo = apps.get_model("articles", "Photo")
    Reporter = apps.get_model("articles", "Reporter")
    Article = apps.get_model("articles", "Article")

    names = Photo.objects.exclude(image="").values_list("image", flat=True).distinct()
    for name in list(names):
        if not default_storage.exists(name) or not clean_stored_file(default_storage, name):
            continue
        photos = list(Photo.objects.filter(image=name))
        for item in photos[0].renditions or ():
            if item["name"] != name:
                default_storage.delete(item["name"])
        first = photos[0]
        first.image.name = name
        renditions = make_renditions(first.image)
        first.image.open("rb")
        try:
            width, height = first.image.width, first.image.height
        finally:
            first.image.close()
        Photo.objects.filter(image=name).update(renditions=renditions, width=width, height=height)

    for model, field in ((Reporter, "photo"), (Article, "share_image")):
        for name in model.objects.exclude(**{field: ""}).values_list(field, flat=True).distinct():
            if default_storage.exists(name):
                clean_stored_file(default_storage, name)


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_photo_library")]

    operations = [migrations.RunPython(strip_stored_metadata, migrations.RunPython.noop)]
