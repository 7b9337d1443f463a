from django.urls import path

from articles import reactions, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/<int:pk>/", views.ArticleDetailView.as_view(), name="detail"),
    path("news/<int:pk>/react/", reactions.react, name="react"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("reporter/<slug:slug>/", views.ReporterView.as_view(), name="reporter"),
]
