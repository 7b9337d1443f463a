"""Reactions: 좋아요 · 화나요 · 슬퍼요 · 추가취재 원해요, once per kind per visitor and article.

The counters live on the article and change only through toggle_reaction(): the unique
constraint on (article, visitor, kind) decides whether a press adds or takes back, and the
counter moves by F() in the same transaction, so no press is lost or counted twice, whichever
server process handles it.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from articles import pagecache
from articles.models import Article, Reaction
from articles.visitors import reader_key

Kind = Reaction.Kind
COUNTER_FIELDS = [kind.counter_field for kind in Kind]

LIMITED_MESSAGE = "반응을 너무 자주 눌렀습니다. 잠시 후 다시 눌러 주세요."
UNKNOWN_KIND_MESSAGE = "알 수 없는 반응입니다."
NOT_FOUND_MESSAGE = "기사를 찾을 수 없습니다."


def counts_of(article_id):
    """The four counters as they are now in the database: {"like": 3, …}."""
    row = Article.objects.filter(pk=article_id).values(*COUNTER_FIELDS).get()
    return {kind.value: row[kind.counter_field] for kind in Kind}


def toggle_reaction(*, article, visitor, kind):
    """Press `kind` for `visitor`, or take it back if already pressed: (pressed, counts)."""
    kind = Kind(kind)
    field = kind.counter_field
    with transaction.atomic():
        try:
            # The savepoint keeps the outer transaction usable when the row already exists.
            with transaction.atomic():
                Reaction.objects.create(article=article, visitor=visitor, kind=kind)
        except IntegrityError:
            # Only the delete that really removed the row moves the counter, so two concurrent
            # take-backs of the same press subtract once.
            deleted, _ = Reaction.objects.filter(
                article=article, visitor=visitor, kind=kind
            ).delete()
            pressed, delta = False, -deleted
        else:
            pressed, delta = True, 1
        if delta:
            Article.objects.filter(pk=article.pk).update(**{field: F(field) + delta})
            pagecache.bump_article_on_commit(article.pk, pagecache.REACTIONS)
        return pressed, counts_of(article.pk)


def withdraw_reactions(*, reactions):
    """Delete reactions (the desk removing abuse), taking each off its counter exactly once."""
    withdrawn = 0
    for pk, article_id, kind in list(reactions.values_list("pk", "article_id", "kind")):
        with transaction.atomic():
            # The visitor may take the same press back at this moment: trust the delete count.
            deleted, _ = Reaction.objects.filter(pk=pk).delete()
            if deleted:
                field = Kind(kind).counter_field
                Article.objects.filter(pk=article_id).update(**{field: F(field) - deleted})
                pagecache.bump_article_on_commit(article_id, pagecache.REACTIONS)
                withdrawn += deleted
    return withdrawn


def pressed_kinds(*, article, visitor):
    """The kinds this visitor has pressed on this article, in one query."""
    return set(
        Reaction.objects.filter(article=article, visitor=visitor).values_list("kind", flat=True)
    )


def buttons(*, article, request):
    """What the reaction bar shows: each kind with its label, count and the visitor's choice."""
    # A visitor seen for the first time cannot have pressed anything, and a page shared by
    # every anonymous reader shows nobody's presses (the page's script asks for them).
    visitor = reader_key(request)
    pressed = (
        set()
        if request.visitor_is_new or not visitor
        else pressed_kinds(article=article, visitor=visitor)
    )
    return [
        {
            "kind": kind.value,
            "label": kind.label,
            "count": getattr(article, kind.counter_field),
            "pressed": kind.value in pressed,
        }
        for kind in Kind
    ]


def follow_up_demand(*, days=7, now=None):
    """Articles readers asked to follow up (추가취재 원해요) in the last `days` days.

    Each carries want_more_recent (presses in the period) and last_requested; newest demand first.
    """
    since = (now or timezone.now()) - timedelta(days=days)
    recent = Q(reactions__kind=Kind.WANT_MORE, reactions__created_at__gte=since)
    return (
        Article.objects.annotate(
            want_more_recent=Count("reactions", filter=recent),
            last_requested=Max("reactions__created_at", filter=recent),
        )
        .filter(want_more_recent__gt=0)
        .select_related("section", "section__parent")
        .order_by("-last_requested", "-pk")
    )
