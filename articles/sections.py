"""The section tree, read once per editorial change and shared by every page (the header's menu,
the front page's rows), instead of a query or two on each page."""

from django.core.cache import cache

from articles import pagecache
from articles.models import Section

TREE_SECONDS = 300


def _load():
    every = list(Section.objects.order_by("order", "name"))
    by_id = {section.pk: section for section in every}
    for section in every:
        section.child_list = []
        section.family_ids = [section.pk]
    for section in every:
        if section.parent_id in by_id:
            parent = by_id[section.parent_id]
            section.parent = parent
            parent.child_list.append(section)
    tops = [section for section in every if section.parent_id is None]
    for top in tops:
        top.family_ids += [child.pk for child in top.child_list]
    return tops


def top_sections():
    """Top sections in menu order, each with `child_list` and `family_ids`."""
    key = f"sections:tree:{pagecache.site_version()}"
    return cache.get_or_set(key, _load, TREE_SECONDS)


def top_of(section):
    """The top section a section belongs to (itself, or its parent)."""
    wanted = section.parent_id or section.pk
    for top in top_sections():
        if top.pk == wanted:
            return top
    return section


def by_slug(slug):
    """A section of the tree (top or sub-section) by its slug, or None."""
    for top in top_sections():
        for section in (top, *top.child_list):
            if section.slug == slug:
                return section
    return None
