"""The ordered ids of an article list, kept until an article joins or leaves it.

A list page (section, tag, reporter) needs two things from the database: which articles the
whole list holds, in order (for its page count and for the slice that is this page), and the
rows of this page. The first is the expensive part on a large archive (a count and a deep
OFFSET over a join) and changes only when an article joins, leaves or moves in the list
(invalidation.py purges the list's tag then, a scheduled article when it comes due): it is
kept for LISTING_SECONDS at most, for the first LISTING_IDS_CAP articles. Pages past those
come straight from the database.
"""

import hashlib

from django.conf import settings

from newsroom.cache import tags as cache_tags


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


def ids(key, queryset, *, names):
    """The ordered ids of the public articles in `queryset` (a list keyed `key`, whose
    membership the tags `names` follow)."""
    ordered = queryset.order_by("-published_at", "-id")
    digest = hashlib.blake2b(key.encode(), digest_size=12).hexdigest()

    def compute():
        cache_tags.add(*names)
        cap = settings.LISTING_IDS_CAP
        kept = list(ordered.values_list("pk", flat=True)[: cap + 1])
        total = len(kept) if len(kept) <= cap else ordered.count()
        return kept[:cap], total

    kept, total = cache_tags.cached(f"listing:{digest}", compute, settings.LISTING_SECONDS)
    return Ids(ordered, kept, total)
