from django.urls import path

from articles import comment_views, reactions, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/<int:pk>/", views.ArticleDetailView.as_view(), name="detail"),
    path("news/<int:pk>/react/", reactions.react, name="react"),
    path("news/<int:pk>/comments/", comment_views.thread, name="comments"),
    path("news/<int:pk>/comments/post/", comment_views.post, name="comment-post"),
    path("comments/<int:pk>/vote/", comment_views.vote, name="comment-vote"),
    path("comments/<int:pk>/report/", comment_views.report, name="comment-report"),
    path("comments/<int:pk>/delete/", comment_views.delete, name="comment-delete"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("reporter/<slug:slug>/", views.ReporterView.as_view(), name="reporter"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
]
