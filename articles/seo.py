"""What machines read about our pages: the canonical address, Open Graph and Twitter cards,
NewsArticle JSON-LD.

Every absolute URL we hand out is built from settings.SITE_URL, never from the request's Host
header: a page rendered for a request under another name (a load balancer's address, a spoofed
header) must still point search engines and shared links at the one real site, and a cached
copy must never carry a host a stranger chose.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri

LOGO = "img/logo.png"
LOGO_SIZE = (600, 60)  # Google's publisher logo box: at most 600 wide, 60 high
LOCALE = "ko_KR"


def origin():
    """The site's scheme and host, e.g. https://news.example, without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def origin_parts():
    """(scheme, host) of SITE_URL, for the frameworks that take them apart."""
    parts = urlsplit(origin())
    return parts.scheme or "https", parts.netloc


def absolute(url):
    """The absolute form of a site path under SITE_URL; URLs that already name a host (files on
    a storage service) are kept."""
    if url.startswith(("http://", "https://")):
        return iri_to_uri(url)
    if url.startswith("//"):
        return f"{origin_parts()[0]}:{iri_to_uri(url)}"
    return origin() + iri_to_uri(url if url.startswith("/") else f"/{url}")


def logo_url():
    return absolute(static(LOGO))


# Articles


def description(article):
    """검색 설명, else the first deck line, else the headline."""
    return article.seo_description or next(iter(article.deck_lines), "") or article.title


def headline(article):
    return article.seo_title or article.title


def modified_at(article):
    """The 수정 time readers see (edits and corrections move it), never before publication.

    `article` may be any row with published_at and revised_at (the sitemap's values)."""
    times = [t for t in (article.published_at, article.revised_at) if t is not None]
    return max(times) if times else None


def image_urls(article, photos):
    """Absolute URLs of the images that stand for the article: the share image, then photos."""
    urls = [article.share_image.url] if article.share_image else []
    urls += [photo.image.url for photo in photos if photo.image]
    return [absolute(url) for url in urls]


def _iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def news_article(article, *, bylines, photos):
    """schema.org NewsArticle for the article page."""
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline(article),
        "description": description(article),
        "inLanguage": "ko",
    }
    if article.published_at:
        data["datePublished"] = _iso(article.published_at)
        data["dateModified"] = _iso(modified_at(article))
    data["author"] = [
        {"@type": "Person", "name": reporter.name, "url": absolute(reporter.get_absolute_url())}
        for reporter in bylines
    ]
    images = image_urls(article, photos)
    if images:
        data["image"] = images
    if article.section_id:
        data["articleSection"] = article.section.name
    data["publisher"] = {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": logo_url(),
            "width": LOGO_SIZE[0],
            "height": LOGO_SIZE[1],
        },
    }
    return data


# The characters that could end the <script> element or start markup inside it, as JSON escapes
# (what django.utils.html.json_script does): the data reads the same to a JSON parser.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data):
    """JSON safe to place inside <script type="application/ld+json">…</script>."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


# Page metadata


class PageMeta:
    """Open Graph and Twitter card values of one page."""

    def __init__(self, *, title, description, url, kind="website", image=None):
        self.title = title
        self.description = description
        self.url = url
        self.kind = kind
        self.image = image

    @property
    def card(self):
        return "summary_large_image" if self.image else "summary"

    @property
    def og_image(self):
        """Pages without a picture of their own are shared with the logo."""
        return self.image or logo_url()

    def tags(self):
        """(attribute, name, content) of each <meta>, in order."""
        site = settings.SITE_NAME
        return [
            ("property", "og:type", self.kind),
            ("property", "og:site_name", site),
            ("property", "og:locale", LOCALE),
            ("property", "og:title", self.title),
            ("property", "og:description", self.description),
            ("property", "og:url", self.url),
            ("property", "og:image", self.og_image),
            ("name", "twitter:card", self.card),
            ("name", "twitter:title", self.title),
            ("name", "twitter:description", self.description),
            ("name", "twitter:image", self.og_image),
        ]


def article_meta(article, *, photos):
    images = image_urls(article, photos[:1])
    return PageMeta(
        title=headline(article),
        description=description(article),
        url=absolute(article.get_absolute_url()),
        kind="article",
        image=images[0] if images else None,
    )


def comments_meta(article, *, photos, page):
    images = image_urls(article, photos[:1])
    return PageMeta(
        title=f"댓글: {article.title}",
        description=f"‘{article.title}’ 기사에 달린 독자 댓글입니다.",
        url=absolute(_paged(reverse("articles:comments", kwargs={"pk": article.pk}), page)),
        image=images[0] if images else None,
    )


def _paged(path, page):
    """A list's own page number is part of its address; other query strings are not."""
    return f"{path}?page={page}" if page and str(page) != "1" else path


def listing_meta(*, kind, obj, path, page):
    """Home, section, tag, reporter and corrections pages."""
    site = settings.SITE_NAME
    url = absolute(_paged(path, page))
    # Page 2 and beyond are pages of their own: their title says which (… - 2페이지 - site).
    paged = f"{page}페이지 - {site}" if page > 1 else site
    if kind == "section":
        return PageMeta(
            title=f"{obj.name} - {paged}",
            description=f"{site} {obj.name} 섹션의 최신 기사입니다.",
            url=url,
        )
    if kind == "tag":
        return PageMeta(
            title=f"#{obj.name} - {paged}",
            description=f"‘{obj.name}’ 태그가 달린 {site} 기사입니다.",
            url=url,
        )
    if kind == "reporter":
        photo = absolute(obj.photo.url) if obj.photo else None
        return PageMeta(
            title=f"{obj.name} 기자 - {paged}",
            description=obj.bio.strip()[:160] or f"{site} {obj.name} 기자가 쓴 기사입니다.",
            url=url,
            kind="profile",
            image=photo,
        )
    if kind == "corrections":
        return PageMeta(
            title=f"바로잡습니다 - {paged}",
            description=f"{site} 기사의 잘못을 바로잡은 내용을 모았습니다.",
            url=url,
        )
    return PageMeta(title=site, description=f"{site}: 경제 뉴스", url=url)
