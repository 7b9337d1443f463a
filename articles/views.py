from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import InvalidPage
from django.db.models import F, Q, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from articles import boxes, comments, frames, listing, reactions, search, sections
from articles.body import layout
from articles.http import query_value
from articles.models import Article, ArticleReporter, Correction, Reporter, published_rule


class FrontPage:
    """What the home page lists; queried only when its cached fragment has expired.

    A fixed number of queries whatever the number of sections: the latest articles, the four
    newest of every top section (one query: a union of indexed LIMIT 4 subqueries), and all
    their photos at once."""

    @cached_property
    def _lists(self):
        published = Article.objects.published()
        latest = list(published.for_cards(photos=False)[:13])
        tops = sections.top_sections()
        newest = Q()
        for section in tops:
            ids = published.in_section(section).order_by("-published_at", "-id").values("pk")[:4]
            newest |= Q(pk__in=ids)
        rows = {}
        if tops:
            found = (
                published.filter(newest).for_cards(photos=False).order_by("-published_at", "-id")
            )
            for article in found:
                rows.setdefault(sections.top_of(article.section).pk, []).append(article)
        by_section = [(section, rows[section.pk]) for section in tops if section.pk in rows]
        prefetch_related_objects(
            [*latest, *(article for _section, articles in by_section for article in articles)],
            Article.photos_prefetch(),
        )
        return latest, by_section

    def lead(self):
        return self._lists[0][:1]

    def latest(self):
        return self._lists[0][1:]

    def by_section(self):
        """Each top section with its four newest articles (its sub-sections' included)."""
        return self._lists[1]


class HomeView(TemplateView):
    """The front page: the lead story, the latest news, and the latest of each section."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            front=FrontPage(), front_cache_seconds=settings.FRONT_PAGE_CACHE_SECONDS, **kwargs
        )


class ArticleListView(ListView):
    """A paginated list of public articles; subclasses narrow it.

    Which articles a list holds, in order, changes only with an editorial change or when a
    scheduled article comes due: the ids are kept under the site version (for the first
    LISTING_IDS_CAP of them) and each page fetches just its own rows, so that page 200 of a
    section costs what page 1 does, however large the archive."""

    template_name = "articles/list.html"
    paginate_by = 20
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published()

    def listing_key(self):
        """What identifies this list (the URL's own arguments)."""
        return f"{type(self).__name__}:{sorted(self.kwargs.items())}"

    def paginate_queryset(self, queryset, page_size):
        ids = listing.ids(self.listing_key(), queryset)
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
        page.object_list = articles
        return paginator, page, articles, paginator.num_pages > 1


class SectionView(ArticleListView):
    def get_queryset(self):
        self.section = sections.by_slug(self.kwargs["slug"])
        if self.section is None:
            raise Http404("섹션을 찾을 수 없습니다.")
        return super().get_queryset().in_section(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.section.name, trail=self.section.trail(), **kwargs
        )


class TagView(ArticleListView):
    def get_queryset(self):
        slug = self.kwargs["slug"]
        # The only free-text path argument: PostgreSQL refuses a NUL in a text comparison.
        if "\x00" in slug:
            raise Http404("태그를 찾을 수 없습니다.")
        self.tag = get_object_or_404(Tag, slug=slug)
        return super().get_queryset().filter(tags__slug=self.tag.slug)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=f"#{self.tag.name}", **kwargs)


class ReporterView(ArticleListView):
    template_name = "articles/reporter.html"

    def get_queryset(self):
        self.reporter = get_object_or_404(Reporter, slug=self.kwargs["slug"])
        return super().get_queryset().filter(bylines__reporter=self.reporter)

    def get_context_data(self, **kwargs):
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
        try:
            return super().get_object(queryset)
        except Http404:
            raise Http404("기사를 찾을 수 없습니다.") from None

    def get_context_data(self, **kwargs):
        article = self.object
        context = super().get_context_data(**kwargs)
        # The article's own parts (bylines, photos, body, tags, related) are rendered into
        # fragments kept until the next editorial change: they are fetched only when a
        # fragment is rendered, hence the callables (a template calls them when it reads them).
        photos = SimpleLazyObject(lambda: list(article.photos.select_related("credit_reporter")))
        reporters = SimpleLazyObject(
            lambda: [byline.reporter for byline in article.bylines.select_related("reporter")]
        )
        context.update(
            photos=photos,
            body_items=lambda: layout(article.body, list(photos)),
            bylines=reporters,
            reporter_cards=lambda: with_other_articles(list(reporters), article),
            tags=lambda: list(article.tags.all()),
            related=lambda: related_articles(article),
            # 주요뉴스 with thumbnails in the article column (photos read only when its
            # fragment is rendered).
            top_news_with_photos=lambda: with_photos("top_news"),
            reaction_buttons=reactions.buttons(article=article, request=self.request),
            **comments.page_context(
                request=self.request, article=article, form=kwargs.get("comment_form")
            ),
        )
        return context


def with_photos(box):
    """A side box's articles with their photos."""
    articles = list(boxes.side_boxes()[box])
    prefetch_related_objects(articles, Article.photos_prefetch())
    return articles


def with_other_articles(reporters, article, size=4):
    """The reporters, each with `other_articles`: their newest public articles but this one.

    One query for any number of reporters: bylines ranked per reporter by a window function."""
    for reporter in reporters:
        reporter.other_articles = []
    if not reporters:
        return reporters
    by_id = {reporter.pk: reporter for reporter in reporters}
    bylines = (
        ArticleReporter.objects.filter(
            published_rule(through="article__"), reporter__in=list(by_id)
        )
        .exclude(article=article)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("reporter"),
                order_by=[F("article__published_at").desc(), F("article__id").desc()],
            )
        )
        .filter(rank__lte=size)
        .select_related("article")
        .defer("article__body")
        .order_by("reporter", "rank")
    )
    for byline in bylines:
        by_id[byline.reporter_id].other_articles.append(byline.article)
    return reporters


def related_articles(article, size=5):
    """관련 뉴스: the newest public articles sharing a tag or the section."""
    return list(
        Article.objects.published()
        .filter(Q(tags__in=article.tags.all()) | Q(section=article.section_id))
        .exclude(pk=article.pk)
        .distinct()
        .defer("body")
        .select_related("section")[:size]
    )


class CorrectionListView(ListView):
    """바로잡습니다: every correction of a public article, newest first."""

    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = 20

    def get_queryset(self):
        return Correction.objects.public().select_related("article")


class SearchView(ListView):
    """검색: articles containing every word of the query, newest first, the words marked."""

    template_name = "articles/search.html"
    paginate_by = 20
    context_object_name = "articles"

    @cached_property
    def tree(self):
        return sections.top_sections()

    def get_queryset(self):
        slug = self.request.GET.get("section", "").strip()
        section = sections.by_slug(slug, tree=self.tree) if slug else None
        self.query = search.Query.parse(
            self.request.GET.get("q", ""),
            section=section,
            period=self.request.GET.get("period", ""),
        )
        return search.Results(self.query)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        number = self.request.GET.get(self.page_kwarg) or 1
        try:
            page = paginator.page(number)
        except InvalidPage:
            raise Http404("페이지를 찾을 수 없습니다.") from None
        return paginator, page, page.object_list, paginator.num_pages > 1

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.query
        # What the filters and page links carry along; blank values left out.
        kept = {
            "q": query.text,
            "section": query.section.slug if query.section else "",
            "period": query.period,
        }
        context.update(
            query=query,
            # Called only when the kept page of this section and period is drawn again.
            section_options=self.section_options,
            period_options=[
                (value, label, value == query.period)
                for value, (label, _span) in search.PERIODS.items()
            ],
            kept_query=urlencode({name: value for name, value in kept.items() if value}),
            max_query_length=search.MAX_QUERY_LENGTH,
        )
        return context

    def section_options(self):
        """(slug, label, selected) for the section filter: top sections, each followed by its
        sub-sections."""
        chosen = self.query.section.slug if self.query.section else ""
        options = []
        for top in self.tree:
            options.append((top.slug, top.name, top.slug == chosen))
            options += [(s.slug, f"· {s.name}", s.slug == chosen) for s in top.child_list]
        return options

    def render_to_response(self, context, **kwargs):
        """The query's own parts filled into the kept page of its section, period and tab."""
        query = self.query
        results = search.results_block(
            query,
            page=context["page_obj"],
            results=search.result_items(context["articles"], query, tree=self.tree),
            kept_query=context["kept_query"],
        )
        page = frames.framed(
            self.request,
            self.template_name,
            slots={
                "title": f"‘{query.text}’ 검색 결과" if query.text else "기사 검색",
                "query": query.text,
                "results": results,
            },
            variant=(
                query.section.slug if query.section else "",
                query.period,
                # The side boxes' 많이 본 뉴스 tab follows ?most= (context_processors.site).
                boxes.most_viewed_tab(query_value(self.request, "most")),
            ),
            context=context,
        )
        response = HttpResponse(page)
        # Only a real search is worth keeping; a hint costs less to render than to store.
        response.page_store = query.searchable
        return response
