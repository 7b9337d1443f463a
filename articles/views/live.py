"""The live parts of a page, each its own short response: what an edge-side include fetches.

Reaction counts change with every press and the comment thread with every comment, far more
often than the article; the side boxes (많이 본 뉴스 most of all) change without any write. When
the cache in front assembles edge-side includes, the article page holds `<esi:include>` where
these go (templatetags/fragments.py), lives for an hour, and each part lives as it may: the
reaction counts REACTIONS_LIVE_SECONDS (never purged: a press would otherwise purge the part on
every press), the thread until a comment changes (purged by its tag), the boxes
SIDE_BOXES_CACHE_SECONDS. Without such a cache the same parts are drawn into the page.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from articles import invalidation
from articles.models import Article
from articles.queries.related import with_photos
from articles.views.parts import comment_box, reaction_buttons
from newsroom.cache import tags
from newsroom.requests import SiteRequest


def _public_article(pk: int) -> Article:
    # Tagged before it is looked up: the not-found answer of an article not yet public is
    # purged when it comes due.
    tags.add(invalidation.article(pk))
    article = Article.objects.published().filter(pk=pk).first()
    if article is None:
        raise Http404("기사를 찾을 수 없습니다.")
    return article


def _fragment(response: HttpResponse) -> HttpResponse:
    response.headers["X-Robots-Tag"] = "noindex"  # a part of a page, not a page
    return response


def reactions(request: SiteRequest, pk: int) -> HttpResponse:
    """The reaction bar with its counts now."""
    article = _public_article(pk)
    context = {
        "article": article,
        "reaction_buttons": reaction_buttons(article=article, request=request),
    }
    return _fragment(render(request, "articles/_reactions.html", context))


def comments(request: SiteRequest, pk: int) -> HttpResponse:
    """The comment box and the first page of the thread."""
    article = _public_article(pk)
    context = {"article": article, **comment_box(request=request, article=article)}
    return _fragment(render(request, "articles/_comments.html", context))


def top_news(request: SiteRequest, pk: int) -> HttpResponse:
    """주요뉴스 with thumbnails, in an article's own column (never the article itself)."""
    _public_article(pk)
    request.side_article = pk
    context = {"top_news_with_photos": with_photos("top_news", exclude=pk), "article": {"pk": pk}}
    return _fragment(render(request, "articles/_top_news.html", context))


def side(request: SiteRequest, pk: int | None = None) -> HttpResponse:
    """The side boxes; beside an article, without 주요뉴스 (it is in the article's column) and
    without the article itself."""
    if pk is not None:
        _public_article(pk)
        request.side_article = pk
    context = {"without_top_news": pk is not None}
    return _fragment(render(request, "includes/side.html", context))
