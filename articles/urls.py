from django.conf import settings
from django.urls import path

from articles.queries.boxes import MOST_VIEWED_DEFAULT, MOST_VIEWED_TABS
from articles.queries.comments import Sort
from articles.search.query import PERIODS, SORTS
from articles.views import comments, feeds, live, pages, reader, search
from newsroom.cache.pages import one_of, page_number, positive_int, shared_page, text

app_name = "articles"

# The query parameters each shared page takes (newsroom/cache/pages.py), in canonical form: a
# page of a list, the side boxes' 많이 본 뉴스 tab, the comments' order. Any other is dropped
# before the view runs, so that made-up parameters neither fill a cache nor get past it.
PAGE = {"page": page_number}
MOST = {"most": one_of(*(tab for tab in MOST_VIEWED_TABS if tab != MOST_VIEWED_DEFAULT))}
SORT = {"sort": one_of(*(sort for sort in Sort.values if sort != Sort.LATEST))}


def listing(view):
    return shared_page(view, params={**PAGE, **MOST})


def reactions_seconds():
    return settings.REACTIONS_LIVE_SECONDS


def side_seconds():
    return settings.SIDE_BOXES_CACHE_SECONDS


urlpatterns = [
    path("", shared_page(pages.HomeView.as_view(), params=MOST), name="home"),
    path(
        "news/<int:pk>/",
        shared_page(
            pages.ArticleDetailView.as_view(),
            params={**MOST, **SORT, "reply": positive_int},
        ),
        name="detail",
    ),
    path(
        "news/<int:pk>/history/",
        shared_page(pages.ArticleHistoryView.as_view()),
        name="history",
    ),
    path("news/<int:pk>/react/", reader.react, name="react"),
    path("news/<int:pk>/view/", reader.view_beacon, name="view"),
    path("news/<int:pk>/me/", reader.me, name="me"),
    path(
        "news/<int:pk>/comments/",
        shared_page(comments.thread, params={**PAGE, **SORT, "fragment": one_of("1")}),
        name="comments",
    ),
    path("news/<int:pk>/comments/post/", comments.post, name="comment-post"),
    # What changes far more often than any page, asked for by the page's script (views/live.py).
    path(
        "news/<int:pk>/live/reactions/",
        shared_page(live.reactions, seconds=reactions_seconds),
        name="live-reactions",
    ),
    path(
        "news/<int:pk>/live/reactions/frame/",
        shared_page(live.reactions_frame, seconds=reactions_seconds),
        name="reactions-frame",
    ),
    path(
        "news/<int:pk>/live/side/",
        shared_page(live.side, params=MOST, seconds=side_seconds),
        name="live-article-side",
    ),
    path(
        "section/<slug:slug>/live/side/",
        shared_page(live.section_side, params=MOST, seconds=side_seconds),
        name="live-section-side",
    ),
    path("live/side/", shared_page(live.side, params=MOST, seconds=side_seconds), name="live-side"),
    path("comments/<int:pk>/vote/", comments.vote, name="comment-vote"),
    path("comments/<int:pk>/report/", comments.report, name="comment-report"),
    path("comments/<int:pk>/delete/", comments.delete, name="comment-delete"),
    path("news/", listing(pages.LatestView.as_view()), name="latest"),
    path("section/<slug:slug>/", listing(pages.SectionView.as_view()), name="section"),
    path("tag/<str:slug>/", listing(pages.TagView.as_view()), name="tag"),
    path("reporter/<slug:slug>/", listing(pages.ReporterView.as_view()), name="reporter"),
    path(
        "search/",
        shared_page(
            search.SearchView.as_view(),
            params={
                **PAGE,
                **MOST,
                "q": text,
                "section": text,
                "period": one_of(*(period for period in PERIODS if period)),
                "sort": one_of(*(sort for sort in SORTS if sort)),
                # Kept as typed: a wrong date is explained on the page, beside what was typed.
                "from": text,
                "to": text,
            },
            store_rate=lambda: settings.SEARCH_PAGE_STORE_RATE,
        ),
        name="search",
    ),
    path("pages/<slug:slug>/", shared_page(pages.SitePageView.as_view()), name="site-page"),
    path("corrections/", listing(pages.CorrectionListView.as_view()), name="corrections"),
    path("rss/", shared_page(feeds.LatestFeed()), name="feed"),
    path("feed/", shared_page(feeds.LatestFeed()), name="feed-alias"),
    path("section/<slug:slug>/rss/", shared_page(feeds.SectionFeed()), name="section-feed"),
    path("reporter/<slug:slug>/rss/", shared_page(feeds.ReporterFeed()), name="reporter-feed"),
]
