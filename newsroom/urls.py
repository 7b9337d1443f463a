from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve

from articles.views import sitemaps
from newsroom.cache.pages import positive_int, shared_page

handler500 = "newsroom.errors.handler500"

admin.site.site_header = f"{settings.SITE_NAME} 편집국"
admin.site.site_title = f"{settings.SITE_NAME} 편집국"
admin.site.index_title = "기사 관리"


def healthz(request):
    """For load balancers and the benchmark: the whole middleware stack, no database."""
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response.skip_visitor_cookie = True  # a probe is not a reader
    return response


urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Korean for the admin's JavaScript widgets (the body editor's dialogs among them).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="jsi18n"),
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("favicon.svg"))),
    # For crawlers and feed readers: the same for everyone, kept like the public pages.
    path("robots.txt", shared_page(sitemaps.robots), name="robots"),
    path("sitemap.xml", shared_page(sitemaps.index), name="sitemap"),
    path("sitemap-news.xml", shared_page(sitemaps.news), name="sitemap-news"),
    path(
        "sitemap-<slug:section>.xml",
        shared_page(sitemaps.section, params={"p": positive_int}),
        name="sitemap-section",
    ),
    path("", include("articles.urls")),
]


# Uploads still being processed carry the camera's metadata: never served (articles/photos.py).
PRIVATE_MEDIA = ("incoming/",)
MEDIA_MAX_AGE = 24 * 3600  # stored names are random: a changed file gets a new name


def media(request, path):
    """Uploaded files, for the embedded setup: whitenoise only knows files present at start."""
    if path.startswith(PRIVATE_MEDIA):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response.headers["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    return response


if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media)]
