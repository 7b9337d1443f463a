"""What each write makes stale in the shared pages (newsroom/cache/).

Any write to an editorial model (articles, photos, bylines, tags, sections, reporters, curated
boxes, corrections, the publisher's details) bumps the site version: every public page may show
it. Comments and reaction counts bump only their article's own versions, in the write functions
that change them (articles/actions/).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from articles import models
from newsroom.cache.versions import bump_site_on_commit

EDITORIAL = [
    models.Article,
    models.ArticleReporter,
    models.Photo,
    models.Section,
    models.Reporter,
    models.CuratedBox,
    models.CuratedSlot,
    models.Correction,
    models.Publisher,
    Tag,
    TaggedItem,
]


def connect_signals():
    """Editorial models: any write or delete reaches every public page."""
    for model in EDITORIAL:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(bump_site_on_commit, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(bump_site_on_commit, sender=model, dispatch_uid=f"{uid}:delete")
    m2m_changed.connect(bump_site_on_commit, dispatch_uid="pagecache:m2m")
