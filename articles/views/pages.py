"""The public pages: the front page, article lists, the article page and 바로잡습니다."""

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from articles import invalidation
from articles.body import layout
from articles.models import Article, Correction, Reporter, SitePage
from articles.queries import listing, sections
from articles.queries.front import FrontPage
from articles.queries.related import (
    neighbours,
    related_articles,
    with_other_articles,
    with_photos,
)
from articles.revisions import public_history
from articles.views.parts import comment_box, reaction_buttons
from newsroom.cache import tags as cache_tags


class HomeView(TemplateView):
    """The front page: the lead story, the latest news, and the latest of each section."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(front=FrontPage(), **kwargs)


class ArticleListView(ListView):
    """A paginated list of public articles; subclasses narrow it.

    Which articles a list holds, in order, changes only when an article joins, leaves or moves
    in it (or comes due): the ids are kept until then (for the first LISTING_IDS_CAP of them,
    queries/listing.py) and each page fetches just its own rows, so that page 200 of a section
    costs what page 1 does, however large the archive."""

    template_name = "articles/list.html"
    paginate_by = 20
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published()

    def listing_key(self):
        """What identifies this list (the URL's own arguments)."""
        return f"{type(self).__name__}:{sorted(self.kwargs.items())}"

    def list_tags(self):
        """The cache tags of which articles this list holds (invalidation.py)."""
        return [invalidation.LATEST]

    def paginate_queryset(self, queryset, page_size):
        ids = listing.ids(self.listing_key(), queryset, names=self.list_tags())
        paginator = self.get_paginator(ids, page_size, allow_empty_first_page=True)
        number = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        try:
            number = paginator.num_pages if number == "last" else int(number)
            page = paginator.page(number)
        except (ValueError, InvalidPage):
            raise Http404("페이지를 찾을 수 없습니다.") from None
        wanted = list(page.object_list)
        if wanted and isinstance(wanted[0], int):
            rows = Article.objects.filter(pk__in=wanted).for_cards().in_bulk()
            articles = [rows[pk] for pk in wanted if pk in rows]
        else:  # past the kept ids: the page straight from the database
            articles = wanted
        invalidation.show_cards(articles)
        page.object_list = articles
        return paginator, page, articles, paginator.num_pages > 1


class SectionView(ArticleListView):
    def get_queryset(self):
        self.section = sections.by_slug(self.kwargs["slug"])
        if self.section is None:
            raise Http404("섹션을 찾을 수 없습니다.")
        return super().get_queryset().in_section(self.section)

    def list_tags(self):
        return [invalidation.section_list(self.section.pk)]

    def get_context_data(self, **kwargs):
        # The side column adds the section's own 많이 본 뉴스 (refreshed by its script).
        self.request.side_section = self.section
        top = sections.top_of(self.section)
        return super().get_context_data(
            heading=self.section.name,
            trail=self.section.trail(),
            # The section bar marks the top section; the sub-section row, this one.
            nav_current=top.pk,
            nav_current_is_page=top.pk == self.section.pk,
            top_section=top,
            current_section=self.section,
            **kwargs,
        )


class LatestView(ArticleListView):
    """전체기사: the newest public articles of every section."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading="전체기사", nav_current="latest", **kwargs)


class TagView(ArticleListView):
    def get_queryset(self):
        slug = self.kwargs["slug"]
        # The only free-text path argument: PostgreSQL refuses a NUL in a text comparison.
        if "\x00" in slug:
            raise Http404("태그를 찾을 수 없습니다.")
        self.tag = get_object_or_404(Tag, slug=slug)
        return super().get_queryset().filter(tags__slug=self.tag.slug)

    def list_tags(self):
        return [invalidation.tag_list(self.tag.pk), invalidation.tag(self.tag.pk)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=f"#{self.tag.name}", **kwargs)


class ReporterView(ArticleListView):
    template_name = "articles/reporter.html"

    def get_queryset(self):
        self.reporter = get_object_or_404(Reporter, slug=self.kwargs["slug"])
        return super().get_queryset().filter(bylines__reporter=self.reporter)

    def list_tags(self):
        return [invalidation.reporter_list(self.reporter.pk)]

    def get_context_data(self, **kwargs):
        cache_tags.add(invalidation.reporter(self.reporter.pk))
        return super().get_context_data(
            heading=f"{self.reporter.name} 기자", reporter=self.reporter, **kwargs
        )


class ArticleDetailView(DetailView):
    """The article page, in the order of the seed page; staff may preview unpublished ones."""

    template_name = "articles/detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.previewable_by(self.request.user)
        return articles.select_related("section", "section__parent")

    def get_object(self, queryset=None):
        pk = self.kwargs["pk"]
        # Tagged before it is looked up: the 404 of an article not yet public is purged when
        # it comes due.
        cache_tags.add(invalidation.article(pk))
        try:
            if getattr(self.request, "shared", False):
                article = cache_tags.cached(
                    f"article-object:{pk}", self._public_article, settings.FRAGMENT_CACHE_SECONDS
                )
            else:
                article = super().get_object(queryset)
        except Http404:
            raise Http404("기사를 찾을 수 없습니다.") from None
        # The page's side column never recommends the article itself (views/live.py).
        self.request.side_article = article.pk
        return article

    def _public_article(self):
        """The article as every anonymous reader's page shows it, kept (as the page's own
        fragments are) until the desk changes it, its section is renamed or its comment count
        moves: a page drawn again after a purge of another of its parts does not build and
        run this query again. Its view and reaction counts are those of when it was read: the
        page shows them as drawn and its script asks for them as they are. Only a public
        article is kept, never a miss (Http404), so made-up numbers cannot fill the cache."""
        pk = self.kwargs["pk"]
        cache_tags.add(invalidation.article(pk), invalidation.comments(pk), invalidation.SECTIONS)
        return super().get_object(self.get_queryset())

    def get_context_data(self, **kwargs):
        article = self.object
        context = super().get_context_data(**kwargs)
        # The article's own parts (bylines, photos, body, tags, related) are rendered into
        # fragments kept until the next editorial change: they are fetched only when a
        # fragment is rendered, hence the callables (a template calls them when it reads them).
        photos = SimpleLazyObject(
            lambda: list(article.photos.shown().select_related("credit_reporter"))
        )
        reporters = cache_tags.Shown(lambda: shown_reporters(article))
        tags = cache_tags.Shown(lambda: shown_tags(article))
        context.update(
            article_tag=invalidation.article(article.pk),
            sections_tag=invalidation.SECTIONS,
            photos=photos,
            body_items=lambda: layout(article.body, list(photos)),
            bylines=reporters,
            reporter_cards=cache_tags.Shown(lambda: with_other_articles(list(reporters), article)),
            tags=tags,
            related=cache_tags.Shown(lambda: related_articles(article, tags)),
            neighbours=cache_tags.Shown(lambda: neighbours(article)),
            # 주요뉴스 with thumbnails in the article column (photos read only when its
            # fragment is rendered), never the article itself.
            top_news_with_photos=lambda: with_photos("top_news", exclude=article.pk),
            # The section bar marks the article's top section (not as the page itself).
            nav_current=article.section.parent_id or article.section_id,
            reaction_buttons=reaction_buttons(article=article, request=self.request),
            **comment_box(request=self.request, article=article, form=kwargs.get("comment_form")),
        )
        return context


def shown_reporters(article):
    """The article's reporters, in byline order; the page shows their details."""
    reporters = [byline.reporter for byline in article.bylines.select_related("reporter")]
    cache_tags.add(*(invalidation.reporter(reporter.pk) for reporter in reporters))
    return reporters


def shown_tags(article):
    tags = list(article.tags.all())
    cache_tags.add(*(invalidation.tag(tag.pk) for tag in tags))
    return tags


class CorrectionListView(ListView):
    """바로잡습니다: every correction of a public article, newest first."""

    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = 20

    def get_queryset(self):
        cache_tags.add(invalidation.CORRECTIONS)
        return Correction.objects.public().select_related("article")


class SitePageView(DetailView):
    """A footer page (개인정보처리방침, 이용약관 ...), as the desk wrote it."""

    template_name = "articles/site_page.html"
    context_object_name = "site_page"

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        # Tagged before it is looked up: a page the desk adds later purges its 404.
        cache_tags.add(invalidation.site_page(slug))
        page = SitePage.objects.filter(slug=slug).first()
        if page is None:
            raise Http404("페이지를 찾을 수 없습니다.")
        return page


class ArticleHistoryView(DetailView):
    """수정 이력: what changed in a public article's headline, deck and body since it was
    published, and when (from its saved versions; no editor is named)."""

    template_name = "articles/history.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        # Every save of the article keeps a version and purges its tag: the history follows it.
        cache_tags.add(invalidation.article(self.kwargs["pk"]))
        article = Article.objects.published().filter(pk=self.kwargs["pk"]).first()
        if article is None:
            raise Http404("기사를 찾을 수 없습니다.")
        return article

    def get_context_data(self, **kwargs):
        entries = public_history(self.object)
        entries.reverse()  # newest first
        return super().get_context_data(entries=entries, **kwargs)
