"""What changes far more often than any page: reaction counts and the side boxes, each a small
shared page of its own that a page's script asks for.

An article page is one cached object, kept until an edit to what it shows purges it (an hour
at most): it shows the reaction counts and 많이 본 뉴스 as they were when it was drawn. A press
purges nothing (a page purged at every press would be drawn again at every press); the page's
script asks for the counts as they are now (`reactions`, kept REACTIONS_LIVE_SECONDS), and a
reader without JavaScript gets the reaction bar in a frame that shows them (`reactions_frame`,
kept as long). 많이 본 뉴스 moves with every view: the script asks for the side boxes as they
are (`side`, kept SIDE_BOXES_CACHE_SECONDS) and takes the ranking from them.
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from articles import invalidation
from articles.context_processors import current_publisher
from articles.models import Article, Reaction
from articles.queries import sections
from articles.queries.related import with_photos
from articles.views.parts import reaction_buttons
from newsroom import csp
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


def _part(response: HttpResponse) -> HttpResponse:
    response.headers["X-Robots-Tag"] = "noindex"  # a part of a page, not a page
    return response


def reactions(request: SiteRequest, pk: int) -> HttpResponse:
    """The reaction counts now, for the page's script."""
    article = _public_article(pk)
    counts = {kind.value: getattr(article, kind.counter_field) for kind in Reaction.Kind}
    found = {"counts": counts}
    # 조회수 goes out only when the desk shows it on the page.
    if current_publisher().show_view_count:
        found["views"] = article.view_count
    return _part(JsonResponse(found))


@xframe_options_sameorigin
def reactions_frame(request: SiteRequest, pk: int) -> HttpResponse:
    """The reaction bar with its counts now, framed in the article page for readers without
    JavaScript; its buttons post for the whole page (target=_top)."""
    article = _public_article(pk)
    context = {
        "article": article,
        "reaction_buttons": reaction_buttons(article=article, request=request),
    }
    response = _part(render(request, "articles/reactions_frame.html", context))
    # Framed by this site's own pages only.
    response.headers["Content-Security-Policy"] = csp.FRAMED_POLICY
    return response


def section_side(request: SiteRequest, slug: str) -> HttpResponse:
    """The side boxes as they are now beside a section's list, with its own 많이 본 뉴스."""
    section = sections.by_slug(slug)
    if section is None:
        raise Http404("섹션을 찾을 수 없습니다.")
    request.side_boxes_page = True
    request.side_section = section
    return _part(render(request, "includes/side.html"))


def side(request: SiteRequest, pk: int | None = None) -> HttpResponse:
    """The side boxes as they are now; beside an article, its column's 주요뉴스 and the side
    column, neither showing the article itself."""
    request.side_boxes_page = True  # it follows every tag of the boxes
    if pk is None:
        return _part(render(request, "includes/side.html"))
    article = _public_article(pk)
    request.side_article = pk
    context = {
        "article": article,
        "top_news_with_photos": lambda: with_photos("top_news", exclude=pk),
    }
    return _part(render(request, "articles/live_side.html", context))
