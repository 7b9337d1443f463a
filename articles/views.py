from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from articles import comments, reactions
from articles.body import layout
from articles.models import Article, ArticleReporter, Correction, Photo, Reporter, Section


class FrontPage:
    """What the home page lists; queried only when its cached fragment has expired."""

    @cached_property
    def _latest(self):
        return list(Article.objects.published().for_cards()[:13])

    def lead(self):
        return self._latest[:1]

    def latest(self):
        return self._latest[1:]

    def by_section(self):
        """Each top section with its four newest articles (its sub-sections' included)."""
        rows = []
        for section in Section.objects.filter(parent__isnull=True).prefetch_related("children"):
            articles = list(Article.objects.published().in_section(section).for_cards()[:4])
            if articles:
                rows.append((section, articles))
        return rows


class HomeView(TemplateView):
    """The front page: the lead story, the latest news, and the latest of each section."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            front=FrontPage(), front_cache_seconds=settings.FRONT_PAGE_CACHE_SECONDS, **kwargs
        )


class ArticleListView(ListView):
    """A paginated list of public articles; subclasses narrow it."""

    template_name = "articles/list.html"
    paginate_by = 20
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_cards()


class SectionView(ArticleListView):
    def get_queryset(self):
        self.section = get_object_or_404(
            Section.objects.select_related("parent").prefetch_related("children"),
            slug=self.kwargs["slug"],
        )
        return super().get_queryset().in_section(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.section.name, trail=self.section.trail(), **kwargs
        )


class TagView(ArticleListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
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
        user = self.request.user
        articles = Article.objects.all() if user.is_staff else Article.objects.published()
        return articles.select_related("section", "section__parent").prefetch_related(
            Prefetch(
                "bylines",
                queryset=ArticleReporter.objects.select_related("reporter"),
            ),
            Prefetch("photos", queryset=Photo.objects.select_related("credit_reporter")),
            "tags",
            "corrections",
        )

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        if not article.is_public and not self.request.user.is_staff:
            raise Http404("기사를 찾을 수 없습니다.")
        return article

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.object.is_public and not request.user.is_staff:
            # One view per reader per article per VIEW_COUNT_WINDOW: reloading does not climb
            # 많이 본 뉴스, and repeated reads cost no database write.
            seen = f"viewed:{self.object.pk}:{request.visitor}"
            if cache.add(seen, 1, settings.VIEW_COUNT_WINDOW):
                Article.objects.filter(pk=self.object.pk).update(view_count=F("view_count") + 1)
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        context = super().get_context_data(**kwargs)
        tags = list(article.tags.all())
        related = (
            Article.objects.published()
            .filter(Q(tags__in=tags) | Q(section=article.section_id))
            .exclude(pk=article.pk)
            .distinct()
            .select_related("section")[:5]
        )
        context.update(
            body_items=layout(article.body, list(article.photos.all())),
            bylines=[byline.reporter for byline in article.bylines.all()],
            tags=tags,
            related=related,
            reaction_buttons=reactions.buttons(article=article, request=self.request),
            **comments.page_context(
                request=self.request, article=article, form=kwargs.get("comment_form")
            ),
        )
        return context


class CorrectionListView(ListView):
    """바로잡습니다: every correction of a public article, newest first."""

    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = 20

    def get_queryset(self):
        return Correction.objects.public().select_related("article")
