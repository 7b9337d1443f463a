"""What the pages show, as cache tags, and which tags each write makes stale.

Every page and fragment lists, as tags (newsroom/cache/tags.py), the objects it shows: each
article (its own page, a card in a list, a line in a box), the lists it draws (a section's
newest, a tag's, a reporter's, the front page's, the newest of all), the boxes, an article's
comment thread. A write invalidates exactly the tags of what it changed, in the server's own
cache and in the cache in front (newsroom/cache/edge.py), once it commits:

- an article saved: the article; and the lists it is in, when it joins or leaves them (made
  public or taken down, moved to another section or time), or shows in them differently;
- an article coming due at its 출고 시각: the lists it joins, then, by a task scheduled for
  that moment (no editor does anything);
- bylines, tags, photos, corrections: the article (and the lists a byline or tag puts it in);
- a section, reporter or tag renamed, a box changed, the publisher's details: where they show;
- a comment shown, hidden, deleted or voted on: its article's thread (and the count on cards).

Reaction counts are never purged: they change with every press; a page shows them as drawn
and its script asks for them as they are (views/live.py). The side boxes are refreshed by the
page's script too: a page follows only the articles they show (an edit, a correction, a
take-down is never left on it), not the lists they are drawn from (`follows_boxes`).
"""

import datetime
from collections.abc import Iterable

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django_tasks import task
from taggit.models import Tag, TaggedItem

from articles import models
from articles.models import Article
from newsroom.cache import edge
from newsroom.cache import tags as cache_tags

# Tags


def article(pk: int) -> str:
    """The article itself: its page, and every card, line or link that shows its headline."""
    return f"article:{pk}"


def comments(pk: int) -> str:
    """An article's comment thread, and the comment count shown with it."""
    return f"comments:{pk}"


def section_list(pk: int) -> str:
    """Which articles a section's lists hold (its page, its feed, 관련 뉴스 by section)."""
    return f"section-list:{pk}"


def tag_list(pk: int) -> str:
    return f"tag-list:{pk}"


def reporter_list(pk: int) -> str:
    """Which articles a reporter has (their page and feed, 기자의 다른 기사)."""
    return f"reporter-list:{pk}"


def reporter(pk: int) -> str:
    """A reporter's own details (name, photo, bio) wherever a byline shows them."""
    return f"reporter:{pk}"


def tag(pk: int) -> str:
    """A tag's name wherever an article lists it."""
    return f"tag:{pk}"


def box(slug: str) -> str:
    return f"box:{slug}"


def site_page(slug: str) -> str:
    """A footer page (개인정보처리방침, 이용약관 ...): its own page."""
    return f"page:{slug}"


FRONT = "front"  # the front page's lists
LATEST = "latest"  # the newest articles of all (전체기사, feeds, sitemaps, boxes' top-up)
SECTIONS = "sections"  # the section tree: the menu of every page
FOOTER = "footer"  # the publisher's details in every footer
CORRECTIONS = "corrections"  # the 바로잡습니다 list
SEARCH = "search"  # every search page: they depend on the index as a whole


def follows_boxes(name: str) -> bool:
    """Whether a page showing the side boxes (which its script refreshes) is purged with this
    tag of theirs: an article's own tags, yes, as its headline or its taking down must reach
    every page that shows it; a list's or a box's (a new article, the desk's reordering), no,
    or every publication would purge every page."""
    return name.startswith(("article:", "comments:"))


def show_cards(articles: Iterable[Article]) -> None:
    """The page being drawn shows these articles as cards: headline, photo, comment count."""
    for item in articles:
        cache_tags.add(article(item.pk), comments(item.pk))


def purge(names: Iterable[str]) -> None:
    """Invalidate `names`: in the server's own cache once the current transaction commits, in
    the cache in front by a task queued with the change (retried until it lands)."""
    names = sorted(set(names))
    edge.purge_later(names, cache_tags.on_commit(names))


def purge_everything() -> None:
    """Every page and fragment (a restored backup: nothing drawn before may be shown)."""
    purge({cache_tags.EVERYTHING})


# What an article is part of


def lists_of(item: Article) -> set[str]:
    """The tags of every list `item` is in (or was in, for a section it left): used when it
    joins, leaves or moves in them."""
    names = {FRONT, LATEST, SEARCH, CORRECTIONS}
    section_ids = {item.section_id, *_parents([item.section_id])}
    names |= {section_list(pk) for pk in section_ids if pk}
    if item.pk:
        names |= {
            tag_list(pk)
            for pk in TaggedItem.objects.filter(
                content_type__app_label="articles",
                content_type__model="article",
                object_id=item.pk,
            ).values_list("tag_id", flat=True)
        }
        names |= {
            reporter_list(pk)
            for pk in item.bylines.values_list("reporter_id", flat=True)  # type: ignore[attr-defined]
        }
    return names


def _parents(section_ids: Iterable[int | None]) -> set[int]:
    ids = [pk for pk in section_ids if pk]
    return {
        pk
        for pk in models.Section.objects.filter(pk__in=ids).values_list("parent_id", flat=True)
        if pk
    }


def article_saved(sender: type, instance: Article, **kwargs: object) -> None:
    """An article written: the article everywhere; its lists when its place in them moved."""
    names = {article(instance.pk), SEARCH}
    before = getattr(instance, "_loaded", {})
    was_public = models.articles.is_published(before.get("status"), before.get("published_at"))
    moved = (
        kwargs.get("created")
        or before.get("status") != instance.status
        or before.get("published_at") != instance.published_at
        or before.get("section_id") != instance.section_id
    )
    if (was_public or instance.is_public) and moved:
        names |= lists_of(instance)
        if before.get("section_id") and before.get("section_id") != instance.section_id:
            old = before["section_id"]
            names |= {section_list(pk) for pk in {old, *_parents([old])}}
    purge(names)
    if instance.is_scheduled and instance.published_at is not None:
        came_due.using(run_after=instance.published_at).enqueue(
            instance.pk, instance.published_at.isoformat()
        )


def article_deleted(sender: type, instance: Article, **kwargs: object) -> None:
    purge({article(instance.pk), SEARCH, *(lists_of(instance) if instance.is_public else ())})


@task()
def came_due(article_id: int, published_at: str) -> None:
    """The moment an article's 출고 시각 comes: the lists it joins show it now. Nothing when it
    was rescheduled or taken back meanwhile (its new time has a task of its own)."""
    item = Article.objects.filter(pk=article_id).first()
    if item is None or item.published_at != datetime.datetime.fromisoformat(published_at):
        return
    if not item.is_public:
        return
    purge([article(item.pk), *lists_of(item)])


def _article_of(instance: object) -> Article | None:
    article_id = getattr(instance, "article_id", None)
    if article_id is None and isinstance(instance, TaggedItem):
        if instance.content_type.app_label != "articles":
            return None
        article_id = instance.object_id
    return Article.objects.filter(pk=article_id).first() if article_id else None


def byline_changed(sender: type, instance: models.ArticleReporter, **kwargs: object) -> None:
    item = _article_of(instance)
    names = {reporter_list(instance.reporter_id)}
    if item is not None:
        names.add(article(item.pk))
    purge(names)


def tagging_changed(sender: type, instance: TaggedItem, **kwargs: object) -> None:
    item = _article_of(instance)
    if item is not None:
        purge({article(item.pk), tag_list(instance.tag_id), SEARCH})


def part_of_article_changed(sender: type, instance: object, **kwargs: object) -> None:
    """A photo or a correction: what shows the article."""
    article_id = getattr(instance, "article_id", None)
    if article_id:
        names = {article(article_id)}
        if isinstance(instance, models.Correction):
            names.add(CORRECTIONS)
        purge(names)


def section_changed(sender: type, instance: models.Section, **kwargs: object) -> None:
    purge({SECTIONS, section_list(instance.pk)})


def reporter_changed(sender: type, instance: models.Reporter, **kwargs: object) -> None:
    purge({reporter(instance.pk)})


def tag_changed(sender: type, instance: Tag, **kwargs: object) -> None:
    purge({tag(instance.pk), tag_list(instance.pk), SEARCH})


def box_changed(sender: type, instance: object, **kwargs: object) -> None:
    slug = getattr(instance, "slug", None) or getattr(getattr(instance, "box", None), "slug", None)
    if slug:
        purge({box(slug)})
    if isinstance(instance, models.CuratedSlot):
        schedule_slot(instance)


def publisher_changed(sender: type, instance: object, **kwargs: object) -> None:
    purge({FOOTER})


def site_page_changed(sender: type, instance: models.SitePage, **kwargs: object) -> None:
    """A footer page saved: its page; and every footer, when what the footer shows of it (its
    title, address or place) changed, or it was added or removed."""
    names = {site_page(instance.slug)}
    before = getattr(instance, "_loaded", None)
    if before is None or before != (instance.slug, instance.title, instance.order):
        names.add(FOOTER)
        if before is not None:
            names.add(site_page(before[0]))
    purge(names)


def site_page_deleted(sender: type, instance: models.SitePage, **kwargs: object) -> None:
    purge({site_page(instance.slug), FOOTER})


def schedule_slot(slot: models.CuratedSlot) -> None:
    """A box slot that starts or ends later: its box is drawn again at that moment."""
    now = timezone.now()
    for moment in (slot.starts_at, slot.ends_at):
        if moment is not None and moment > now:
            box_turned.using(run_after=moment).enqueue(slot.box.slug)


@task()
def box_turned(slug: str) -> None:
    """A slot's start or end has come: its box shows it (or stops) now."""
    purge({box(slug)})


def thread_changed(article_id: int) -> None:
    """A comment shown, hidden, deleted or voted on: its article's thread, and the comment
    count on its cards."""
    purge({comments(article_id)})


def connect_signals() -> None:
    """Every write to what pages show reaches the tags of what shows it."""
    handlers = [
        (Article, article_saved, article_deleted),
        (models.ArticleReporter, byline_changed, byline_changed),
        (TaggedItem, tagging_changed, tagging_changed),
        (models.Photo, part_of_article_changed, part_of_article_changed),
        (models.Correction, part_of_article_changed, part_of_article_changed),
        (models.Section, section_changed, section_changed),
        (models.Reporter, reporter_changed, reporter_changed),
        (Tag, tag_changed, tag_changed),
        (models.CuratedBox, box_changed, box_changed),
        (models.CuratedSlot, box_changed, box_changed),
        (models.Publisher, publisher_changed, publisher_changed),
        (models.SitePage, site_page_changed, site_page_deleted),
    ]
    for model, saved, deleted in handlers:
        uid = f"invalidation:{model._meta.label}"
        post_save.connect(saved, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"{uid}:delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="invalidation:m2m")


def _m2m_changed(sender: type, instance: object, action: str, **kwargs: object) -> None:
    """The article's reporters or tags set through the relation (the through model's own
    signals do not fire for a bulk set). The change form sets the tags on every save: an add
    or remove of nothing changed nothing."""
    if not (action.startswith("post_") and isinstance(instance, Article)):
        return
    if action in ("post_add", "post_remove") and not kwargs.get("pk_set"):
        return
    purge({article(instance.pk), *lists_of(instance)})
