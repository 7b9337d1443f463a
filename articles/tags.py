"""Tags (django-taggit) always have an address: /tag/<slug>/ must resolve for every tag.

taggit derives the slug from the name; a name without a letter or digit ("!!!") gives an empty
slug, and every page linking to the tag failed. The admin refuses such a name with a message
(admin/forms.py, VersionedArticleForm); a tag made any other way gets a generated slug instead.
"""

import secrets

from django.db.models.signals import pre_save
from django.utils.text import slugify
from taggit.models import Tag


def has_address(name):
    return bool(slugify(name, allow_unicode=True))


def fallback_slug():
    return f"tag-{secrets.token_hex(4)}"


def give_empty_slug_a_fallback(sender, instance, **kwargs):
    if not instance.slug:
        instance.slug = fallback_slug()


def connect_signals():
    pre_save.connect(give_empty_slug_a_fallback, sender=Tag, dispatch_uid="tag-fallback-slug")
