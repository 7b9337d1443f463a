"""Sitemaps: an index over the articles' sitemap (paginated by the framework) and the listing
pages'; a Google News sitemap of the last two days; robots.txt naming both.

Addresses are under settings.SITE_URL, never the request's host (articles.seo). At 100,000
articles no response holds them all: a page of the articles' sitemap fetches its LIMIT rows
as plain values, and the index counts them."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.xmlutils import SimplerXMLGenerator
from taggit.models import Tag

from articles import invalidation, seo
from articles.models import Article, Reporter, Section, published_rule
from newsroom.cache import tags as cache_tags

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most this many per sitemap


class SiteSitemap(Sitemap):
    """A sitemap whose addresses are under SITE_URL."""

    def get_protocol(self, protocol=None):
        return seo.origin_parts()[0]

    def get_domain(self, site=None):
        return seo.origin_parts()[1]


class ArticleSitemap(SiteSitemap):
    # Pages of this many, listed in the index (?p=2, ?p=3 …): a large archive gives more pages,
    # each cheap to render, rather than a few slow ones (docs/benchmark.md, "In the code").
    limit = 1000

    def items(self):
        # Oldest first: a new article changes only the last page, earlier pages stay as crawled.
        return (
            Article.objects.published()
            .order_by("pk")
            .values_list("pk", "published_at", "revised_at", named=True)
        )

    def location(self, item):
        # One reverse() for the page rather than one per row (a quarter of its time).
        return Article.address_pattern().format(item.pk)

    def lastmod(self, item):
        return seo.modified_at(item)

    def get_latest_lastmod(self):
        # One aggregate, not every row (the framework's default maps lastmod over items()).
        return Article.objects.published().aggregate(
            latest=Max(Greatest("published_at", Coalesce("revised_at", "published_at")))
        )["latest"]


class SectionSitemap(SiteSitemap):
    def items(self):
        return Section.objects.order_by("order", "name").only("slug")


class ReporterSitemap(SiteSitemap):
    """Reporters with at least one public article, dated by their newest."""

    def items(self):
        return (
            Reporter.objects.annotate(
                latest=Max("articles__published_at", filter=published_rule(through="articles__"))
            )
            .filter(latest__isnull=False)
            .only("slug")
            .order_by("slug")
        )

    def lastmod(self, item):
        return item.latest


class TagSitemap(SiteSitemap):
    """Tags that some public article carries."""

    def items(self):
        public = Article.objects.published().values("pk")
        return Tag.objects.filter(article__in=public).distinct().only("slug").order_by("slug")

    def location(self, item):
        return iri_to_uri(reverse("articles:tag", kwargs={"slug": item.slug}))


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "reporters": ReporterSitemap,
    "tags": TagSitemap,
}


# Sitemaps list every article, with its last change: too many to tag one by one. Each is tagged
# with what adds or removes an entry, and read again this often for the dates.
SITEMAP_SECONDS = 600


def _tagged():
    cache_tags.add(invalidation.LATEST, invalidation.SECTIONS)
    cache_tags.lasts_at_most(SITEMAP_SECONDS)


def index(request):
    """sitemap.xml: every page of every sitemap, under SITE_URL (the framework's index view
    would name the request's host)."""
    _tagged()
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = seo.absolute(reverse("sitemap-section", kwargs={"section": name}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(url, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{url}?p={page}", lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def section(request, section):
    """One sitemap (a page of it with ?p=N)."""
    _tagged()
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def news(request):
    """sitemap-news.xml: articles published in the last two days, for Google News."""
    _tagged()
    now = timezone.now()
    rows = (
        Article.objects.published(now=now)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .order_by("-published_at", "-id")
        .values_list("pk", "title", "published_at", named=True)[:NEWS_LIMIT]
    )
    response = HttpResponse(content_type="application/xml; charset=utf-8")
    xml = SimplerXMLGenerator(response, "utf-8")
    xml.startDocument()
    xml.startElement(
        "urlset", {"xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9", "xmlns:news": NEWS_NS}
    )
    for row in rows:
        xml.startElement("url", {})
        xml.addQuickElement("loc", seo.absolute(reverse("articles:detail", kwargs={"pk": row.pk})))
        xml.startElement("news:news", {})
        xml.startElement("news:publication", {})
        xml.addQuickElement("news:name", settings.SITE_NAME)
        xml.addQuickElement("news:language", "ko")
        xml.endElement("news:publication")
        xml.addQuickElement(
            "news:publication_date",
            timezone.localtime(row.published_at).isoformat(timespec="seconds"),
        )
        xml.addQuickElement("news:title", row.title)
        xml.endElement("news:news")
        xml.endElement("url")
    xml.endElement("urlset")
    xml.endDocument()
    return response


# Paths a crawler has no business requesting: the desk, and what readers do (react, vote,
# report, post, delete) rather than read.
ROBOTS_DISALLOW = (
    "/admin/",
    "/jsi18n/",
    "/healthz/",
    "/comments/",
    "/news/*/react/",
    "/news/*/view/",
    "/news/*/me/",
    "/news/*/comments/post/",
)


def robots(request):
    """robots.txt: what crawlers may skip, and where the sitemaps are."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines += [
        f"Sitemap: {seo.absolute(reverse('sitemap'))}",
        f"Sitemap: {seo.absolute(reverse('sitemap-news'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
