"""The section tree, read once per change to the sections and shared by every page (the
header's menu, the front page's rows), instead of a query or two on each page."""

import time

from articles import invalidation
from articles.models import Section
from newsroom.cache import tags as cache_tags

TREE_SECONDS = 300


def _load():
    cache_tags.add(invalidation.SECTIONS)
    every = list(Section.objects.order_by("order", "name"))
    by_id = {section.pk: section for section in every}
    for section in every:
        section.child_list = []
        section.family_ids = [section.pk]
        section.url = section.get_absolute_url()  # kept with the tree: no reverse() per page
    for section in every:
        if section.parent_id in by_id:
            parent = by_id[section.parent_id]
            section.parent = parent
            parent.child_list.append(section)
    tops = [section for section in every if section.parent_id is None]
    for top in tops:
        top.family_ids += [child.pk for child in top.child_list]
    return tops


# This process's copy of the tree: (the "sections" tag's version, read at, tree). Unpickling
# the tree from the cache on every page cost as much as a search's own query; the tree is only
# ever read.
_kept = [None]


def top_sections():
    """Top sections in menu order, each with `child_list`, `family_ids` and `url` (shared:
    read it, never change it). A page that shows them is tagged "sections"."""
    cache_tags.add(invalidation.SECTIONS)
    version = cache_tags.versions([invalidation.SECTIONS])[invalidation.SECTIONS]
    kept = _kept[0]
    if kept is not None and kept[0] == version and time.monotonic() - kept[1] < TREE_SECONDS:
        return kept[2]
    tree = cache_tags.cached("sections:tree", _load, TREE_SECONDS)
    _kept[0] = (version, time.monotonic(), tree)
    return tree


def top_of(section):
    """The top section a section belongs to (itself, or its parent)."""
    wanted = section.parent_id or section.pk
    for top in top_sections():
        if top.pk == wanted:
            return top
    return section


def by_slug(slug, *, tree=None):
    """A section of the tree (top or sub-section) by its slug, or None; `tree` is the
    top_sections() the caller already holds."""
    for top in tree if tree is not None else top_sections():
        for section in (top, *top.child_list):
            if section.slug == slug:
                return section
    return None
