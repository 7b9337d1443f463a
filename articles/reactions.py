"""Reactions: 좋아요 · 화나요 · 슬퍼요 · 추가취재 원해요, once per kind per visitor and article.

The counters live on the article and change only through toggle_reaction(): the unique
constraint on (article, visitor, kind) decides whether a press adds or takes back, and the
counter moves by F() in the same transaction, so no press is lost or counted twice, whichever
server process handles it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles import ratelimit
from articles.models import Article, Reaction
from articles.visitors import client_key

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
                withdrawn += deleted
    return withdrawn


def pressed_kinds(*, article, visitor):
    """The kinds this visitor has pressed on this article, in one query."""
    return set(
        Reaction.objects.filter(article=article, visitor=visitor).values_list("kind", flat=True)
    )


def buttons(*, article, request):
    """What the reaction bar shows: each kind with its label, count and the visitor's choice."""
    # A visitor seen for the first time cannot have pressed anything: spare the query.
    pressed = (
        set() if request.visitor_is_new else pressed_kinds(article=article, visitor=request.visitor)
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


def _wants_json(request):
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _refuse(request, status, message, article):
    """A refusal in Korean: JSON for fetch, a small page linking back to the article otherwise."""
    if _wants_json(request):
        return JsonResponse({"message": message}, status=status)
    context = {
        "heading": "반응을 반영하지 못했습니다",
        "message": message,
        "back": f"{article.get_absolute_url()}#reactions",
        "back_label": "기사로 돌아가기",
    }
    return render(request, "articles/refused.html", context, status=status)


@require_POST
def react(request, pk):
    """Toggle one reaction of the current visitor; the CSRF middleware has already checked."""
    article = Article.objects.published().filter(pk=pk).only("pk").first()
    if article is None:
        if _wants_json(request):
            return JsonResponse({"message": NOT_FOUND_MESSAGE}, status=404)
        raise Http404(NOT_FOUND_MESSAGE)
    kind = request.POST.get("kind", "")
    if kind not in Kind.values:
        return _refuse(request, 400, UNKNOWN_KIND_MESSAGE, article)
    # A press refused per visitor does not spend the quota of everyone sharing its address,
    # which is only ever seen as a keyed hash.
    allowed = ratelimit.allow(
        "react-visitor", request.visitor, settings.REACTION_RATE_PER_VISITOR
    ) and ratelimit.allow("react-client", client_key(request), settings.REACTION_RATE_PER_CLIENT)
    if not allowed:
        return _refuse(request, 429, LIMITED_MESSAGE, article)

    pressed, counts = toggle_reaction(article=article, visitor=request.visitor, kind=kind)
    if _wants_json(request):
        return JsonResponse({"kind": kind, "pressed": pressed, "counts": counts})
    response = HttpResponseRedirect(f"{article.get_absolute_url()}#reactions")
    response.status_code = 303  # See Other: the browser follows with a GET
    return response
