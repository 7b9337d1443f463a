from django.conf import settings
from django.urls import path

from articles import comment_views, feeds, reader_views, views
from articles.pagecache import shared_page

app_name = "articles"

urlpatterns = [
    path("", shared_page(views.HomeView.as_view()), name="home"),
    path(
        "news/<int:pk>/",
        shared_page(views.ArticleDetailView.as_view(), article_kwarg="pk"),
        name="detail",
    ),
    path("news/<int:pk>/react/", reader_views.react, name="react"),
    path("news/<int:pk>/view/", reader_views.view_beacon, name="view"),
    path("news/<int:pk>/me/", reader_views.me, name="me"),
    path(
        "news/<int:pk>/comments/",
        shared_page(comment_views.thread, article_kwarg="pk"),
        name="comments",
    ),
    path("news/<int:pk>/comments/post/", comment_views.post, name="comment-post"),
    path("comments/<int:pk>/vote/", comment_views.vote, name="comment-vote"),
    path("comments/<int:pk>/report/", comment_views.report, name="comment-report"),
    path("comments/<int:pk>/delete/", comment_views.delete, name="comment-delete"),
    path("section/<slug:slug>/", shared_page(views.SectionView.as_view()), name="section"),
    path("tag/<str:slug>/", shared_page(views.TagView.as_view()), name="tag"),
    path("reporter/<slug:slug>/", shared_page(views.ReporterView.as_view()), name="reporter"),
    path(
        "search/",
        shared_page(views.SearchView.as_view(), store_rate=lambda: settings.SEARCH_PAGE_STORE_RATE),
        name="search",
    ),
    path(
        "corrections/",
        shared_page(views.CorrectionListView.as_view()),
        name="corrections",
    ),
    path("rss/", shared_page(feeds.LatestFeed()), name="feed"),
    path("feed/", shared_page(feeds.LatestFeed()), name="feed-alias"),
    path("section/<slug:slug>/rss/", shared_page(feeds.SectionFeed()), name="section-feed"),
    path("reporter/<slug:slug>/rss/", shared_page(feeds.ReporterFeed()), name="reporter-feed"),
]
