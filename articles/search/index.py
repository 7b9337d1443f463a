"""Keeping the index: articles put in and taken out as they are saved and deleted."""

from django.db import connection, connections
from django.db.models.signals import post_delete, post_migrate, post_save
from django_tasks import task

from articles import invalidation
from articles.models import Article
from articles.search.backends import TABLE, backend
from articles.search.text import article_runs, key_of


def _is_indexed(article):
    """Published, public now or scheduled: a scheduled article shows when its key comes due."""
    return article.status == Article.Status.PUBLISHED and article.published_at is not None


def index_articles(articles, *, fresh=False, conn=None, announce=True):
    """Put `articles` in the index as they are now (taking out what no longer belongs).

    `fresh` says none of them is in the index yet (a bulk load), which skips the deletes;
    `announce=False` leaves the search pages' caches as they are (see rebuild)."""
    conn = conn or connection
    index = backend(conn)
    articles = list(articles)
    rows = [
        (
            key_of(article.published_at, article.pk),
            article.pk,
            article.section_id,
            article_runs(title=article.title, deck=article.deck, body=article.body),
        )
        for article in articles
        if _is_indexed(article)
    ]
    with conn.cursor() as cursor:
        if not fresh:
            index.delete(cursor, [article.pk for article in articles])
        if rows:
            index.insert(cursor, rows)
    if announce:
        _changed()


def _changed():
    """The index changed: every search page, and the counts kept for them
    (results.count_up_to), may now be wrong."""
    invalidation.purge({invalidation.SEARCH})


def remove_articles(pks, *, conn=None):
    conn = conn or connection
    with conn.cursor() as cursor:
        backend(conn).delete(cursor, list(pks))
    _changed()


def rebuild(articles, *, conn=None, batch=2000, announce=True):
    """Empty the index and fill it from `articles` (a queryset), in batches. A migration
    passes announce=False: nothing is cached yet, and the task queue that purges the cache in
    front may have no table yet."""
    conn = conn or connection
    with conn.cursor() as cursor:
        backend(conn).clear(cursor)
    fields = ("pk", "title", "deck", "body", "section_id", "status", "published_at")
    chunk = []
    for article in articles.filter(status="published").only(*fields).iterator(chunk_size=batch):
        chunk.append(article)
        if len(chunk) >= batch:
            index_articles(chunk, fresh=True, conn=conn, announce=False)
            chunk = []
    index_articles(chunk, fresh=True, conn=conn, announce=False)
    if announce:
        _changed()


INDEXED_FIELDS = frozenset({"title", "deck", "body", "status", "published_at", "section"})


def _on_save(sender, instance, update_fields=None, **kwargs):
    # A save of other fields only (counters, SEO fields) leaves the index as it is. Fixtures
    # (raw saves) are indexed too: the index needs nothing but the article's own fields.
    if update_fields is not None and not INDEXED_FIELDS & {
        name.removesuffix("_id") for name in update_fields
    }:
        return
    reindex.enqueue(instance.pk)


def _on_delete(sender, instance, **kwargs):
    reindex.enqueue(instance.pk)


@task()
def reindex(article_id: int) -> None:
    """Put an article in the index as it is now, or take it out (off the request that saved
    or deleted it; queued with that change)."""
    fields = ("pk", "title", "deck", "body", "section_id", "status", "published_at")
    article = Article.objects.filter(pk=article_id).only(*fields).first()
    if article is None:
        remove_articles([article_id])
    else:
        index_articles([article])


def _after_flush(sender, using="default", **kwargs):
    """A flush (tests) empties every Django table but not this one: empty it too."""
    conn = _connection_for(using)
    if TABLE in conn.introspection.table_names() and not Article.objects.using(using).exists():
        with conn.cursor() as cursor:
            backend(conn).clear(cursor)
        _changed()


def _connection_for(using):
    return connections[using or "default"]


def connect_signals(app_config):
    post_save.connect(_on_save, sender=Article, dispatch_uid="search:save")
    post_delete.connect(_on_delete, sender=Article, dispatch_uid="search:delete")
    post_migrate.connect(_after_flush, sender=app_config, dispatch_uid="search:flush")
