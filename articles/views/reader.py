"""A reader's own actions around an article: reactions, the view beacon, and their own state.

The article page is shared by every anonymous reader (newsroom/cache/pages.py), so whatever is one
reader's own (the reactions they pressed, their comment votes and reports) comes from `me`,
which the page's script asks for once the reader has acted.
"""

import re

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from articles.actions import pageviews, reactions
from articles.models import Article, CommentReport, CommentVote, Reaction
from articles.queries.reactions import pressed_kinds
from articles.views.parts import article_address
from articles.visitors import reader_action
from newsroom import ratelimit
from newsroom.clients import client_key
from newsroom.http import post_only, refusal, same_origin, see_other, wants_json

LIMITED_MESSAGE = "반응을 너무 자주 눌렀습니다. 잠시 후 다시 눌러 주세요."
UNKNOWN_KIND_MESSAGE = "알 수 없는 반응입니다."
NOT_FOUND_MESSAGE = "기사를 찾을 수 없습니다."
# What one reader's own state lists at most: more votes and reports than a person makes on one
# article, few enough that the answer stays small whatever a script has pressed.
OWN_STATE_LIMIT = 1000

# Crawlers that run scripts still say who they are.
BOT_AGENT = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|monitor", re.I)
BEACON_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")


@post_only(lambda pk: article_address(pk, "#reactions"))
@reader_action
def react(request, pk):
    """Toggle one reaction of the current visitor."""
    back = Article.address_pattern().format(pk) + "#reactions"
    page = {"heading": "반응을 반영하지 못했습니다", "back": back, "back_label": "기사로 돌아가기"}
    kind = request.POST.get("kind", "")
    if kind not in Reaction.Kind.values:
        return refusal(request, 400, UNKNOWN_KIND_MESSAGE, **page)
    # A press refused per visitor does not spend the quota of everyone sharing its address,
    # which is only ever seen as a keyed hash.
    client = client_key(request)
    limited = ratelimit.refused(
        ("react-visitor", request.visitor, settings.REACTION_RATE_PER_VISITOR),
        ("react-client", client, settings.REACTION_RATE_PER_CLIENT),
        # One address on one article, whatever cookies it sends (an office's worth).
        ("react-client-article", f"{client}:{pk}", settings.REACTION_RATE_PER_CLIENT_ARTICLE),
    )
    if limited:
        return refusal(request, 429, LIMITED_MESSAGE, **page)

    # The article's being public is read in the write itself: one round trip on PostgreSQL.
    toggled = reactions.toggle_reaction(article_id=pk, visitor=request.visitor, kind=kind)
    if toggled is None:
        if wants_json(request):
            return JsonResponse({"message": NOT_FOUND_MESSAGE}, status=404)
        raise Http404(NOT_FOUND_MESSAGE)
    pressed, counts = toggled
    if wants_json(request):
        return JsonResponse({"kind": kind, "pressed": pressed, "counts": counts})
    return see_other(back)


@post_only(article_address)
@same_origin
def view_beacon(request, pk):
    """One view of an article, sent by the page's script: 204 whether counted or not."""
    agent = request.headers.get("User-Agent", "")
    key = request.POST.get("k", "")
    if BOT_AGENT.search(agent) or not agent or not BEACON_KEY.fullmatch(key):
        return HttpResponse(status=204)
    if not Article.objects.published().filter(pk=pk).exists():
        return HttpResponse(status=204)
    # One view per reader per article per window; and one address cannot climb 많이 본 뉴스
    # by throwing its keys away (generous for an office behind one address). The address's
    # limit is looked at first: past it, a fresh key stores nothing at all.
    client = f"{client_key(request)}:{pk}"
    rate = settings.VIEW_RATE_PER_CLIENT_ARTICLE
    if ratelimit.spent("views-client", client, rate):
        return HttpResponse(status=204)
    if ratelimit.first_time(f"viewed:{pk}:{key}", settings.VIEW_COUNT_WINDOW) and ratelimit.allow(
        "views-client", client, rate
    ):
        pageviews.record(pk)
    return HttpResponse(status=204)


@never_cache
@require_GET
def me(request, pk):
    """This reader's own state on an article and the counts as they are now; never shared."""
    article = Article.objects.published().filter(pk=pk).first()
    if article is None:
        return JsonResponse({"message": NOT_FOUND_MESSAGE}, status=404)
    visitor = "" if request.visitor_is_new else request.visitor
    votes, reported, pressed = {}, [], []
    if visitor:
        pressed = sorted(pressed_kinds(article=article, visitor=visitor))
        votes = {
            str(comment_id): value
            for comment_id, value in CommentVote.objects.filter(
                visitor=visitor, comment__article=article
            ).values_list("comment_id", "value")[:OWN_STATE_LIMIT]
        }
        reported = list(
            CommentReport.objects.filter(visitor=visitor, comment__article=article).values_list(
                "comment_id", flat=True
            )[:OWN_STATE_LIMIT]
        )
    return JsonResponse(
        {
            "reactions": {
                "pressed": pressed,
                "counts": {
                    kind.value: getattr(article, kind.counter_field) for kind in Reaction.Kind
                },
            },
            "comment_count": article.comment_count,
            "votes": votes,
            "reported": reported,
        }
    )
