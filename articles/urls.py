from django.conf import settings
from django.urls import path

from articles.views import comments, feeds, pages, reader, search
from newsroom.cache.pages import shared_page

app_name = "articles"

urlpatterns = [
    path("", shared_page(pages.HomeView.as_view()), name="home"),
    path(
        "news/<int:pk>/",
        shared_page(pages.ArticleDetailView.as_view(), article_kwarg="pk"),
        name="detail",
    ),
    path("news/<int:pk>/react/", reader.react, name="react"),
    path("news/<int:pk>/view/", reader.view_beacon, name="view"),
    path("news/<int:pk>/me/", reader.me, name="me"),
    path(
        "news/<int:pk>/comments/",
        shared_page(comments.thread, article_kwarg="pk"),
        name="comments",
    ),
    path("news/<int:pk>/comments/post/", comments.post, name="comment-post"),
    path("comments/<int:pk>/vote/", comments.vote, name="comment-vote"),
    path("comments/<int:pk>/report/", comments.report, name="comment-report"),
    path("comments/<int:pk>/delete/", comments.delete, name="comment-delete"),
    path("section/<slug:slug>/", shared_page(pages.SectionView.as_view()), name="section"),
    path("tag/<str:slug>/", shared_page(pages.TagView.as_view()), name="tag"),
    path("reporter/<slug:slug>/", shared_page(pages.ReporterView.as_view()), name="reporter"),
    path(
        "search/",
        shared_page(
            search.SearchView.as_view(), store_rate=lambda: settings.SEARCH_PAGE_STORE_RATE
        ),
        name="search",
    ),
    path(
        "corrections/",
        shared_page(pages.CorrectionListView.as_view()),
        name="corrections",
    ),
    path("rss/", shared_page(feeds.LatestFeed()), name="feed"),
    path("feed/", shared_page(feeds.LatestFeed()), name="feed-alias"),
    path("section/<slug:slug>/rss/", shared_page(feeds.SectionFeed()), name="section-feed"),
    path("reporter/<slug:slug>/rss/", shared_page(feeds.ReporterFeed()), name="reporter-feed"),
]
