"""검색: the search page, drawn once around its slots (newsroom/cache/frames.py)."""

from urllib.parse import urlencode

from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.views.generic import ListView

from articles import search
from articles.queries import boxes, sections
from newsroom.cache import frames
from newsroom.http import query_value


class SearchView(ListView):
    """검색: articles containing every word of the query, newest or best first, the words
    marked."""

    template_name = "articles/search.html"
    paginate_by = 20
    context_object_name = "articles"

    @cached_property
    def tree(self):
        return sections.top_sections()

    def get_queryset(self):
        slug = self.request.GET.get("section", "").strip()
        section = sections.by_slug(slug, tree=self.tree) if slug else None
        get = self.request.GET
        self.query = search.Query.parse(
            get.get("q", ""),
            section=section,
            period=get.get("period", ""),
            sort=get.get("sort", ""),
            start=get.get("from", ""),
            end=get.get("to", ""),
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
            "from": query.typed_start,
            "to": query.typed_end,
            "sort": query.sort,
        }
        context.update(
            query=query,
            # Called only when the kept page of this section and period is drawn again.
            section_options=self.section_options,
            period_options=[
                (value, label, value == query.period)
                for value, (label, _span) in search.PERIODS.items()
            ],
            sort_options=[
                (value, label, value == query.sort) for value, label in search.SORTS.items()
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
                # Page 2 and beyond say which page they are in the browser's title.
                "page_title": (
                    f" - {context['page_obj'].number}페이지"
                    if context["page_obj"].number > 1
                    else ""
                ),
                "query": query.text,
                "date_from": query.typed_start,
                "date_to": query.typed_end,
                # The date fields point at the message that explains what is wrong with them.
                "date_invalid": mark_safe(
                    ' aria-invalid="true" aria-describedby="search-date-error"'
                    if query.date_error
                    else ""
                ),
                "results": results,
            },
            variant=(
                query.section.slug if query.section else "",
                query.period,
                query.sort,
                # The side boxes' 많이 본 뉴스 tab follows ?most= (context_processors.site).
                boxes.most_viewed_tab(query_value(self.request, "most")),
            ),
            context=context,
        )
        response = HttpResponse(page)
        # Only a real search is worth keeping; a hint costs less to render than to store.
        response.page_store = query.searchable
        return response
