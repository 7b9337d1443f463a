"""The ordered ids of an article list, kept under the site version.

A list page (section, tag, reporter) needs two things from the database: which articles the
whole list holds, in order (for its page count and for the slice that is this page), and the
rows of this page. The first is the expensive part on a large archive (a count and a deep
OFFSET over a join) and changes only with an editorial change or when a scheduled article
comes due: it is computed once per LISTING_SECONDS and site version, for the first
LISTING_IDS_CAP articles. Pages past those come straight from the database.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from newsroom.cache import versions


class Ids:
    """A list's ids, as a sequence the Paginator can count and slice."""

    def __init__(self, queryset, kept, total):
        self.queryset, self.kept, self.total = queryset, kept, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.stop or 0) > len(self.kept):
            return list(self.queryset.for_cards()[index])
        return self.kept[index]


def ids(key, queryset):
    """The ordered ids of the public articles in `queryset` (a list keyed `key`)."""
    ordered = queryset.order_by("-published_at", "-id")
    digest = hashlib.blake2b(key.encode(), digest_size=12).hexdigest()
    cache_key = f"listing:{versions.site_version()}:{digest}"

    def compute():
        cap = settings.LISTING_IDS_CAP
        kept = list(ordered.values_list("pk", flat=True)[: cap + 1])
        total = len(kept) if len(kept) <= cap else ordered.count()
        return kept[:cap], total

    kept, total = cache.get_or_set(cache_key, compute, settings.LISTING_SECONDS)
    return Ids(ordered, kept, total)
