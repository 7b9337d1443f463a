"""The body's layout: split into whole top-level blocks, whatever characters it holds."""

import re

import pytest
from django.test import Client

from articles.body import layout, split_blocks
from articles.models import Article
from tests.factories import make_article

SEPARATORS = {
    "U+2028": "\u2028",
    "U+2029": "\u2029",
    "CRLF": "\r\n",
    "form feed": "\x0c",
    "vertical tab": "\x0b",
    "U+0085": "\x85",
    "U+001C": "\x1c",
}


@pytest.mark.parametrize("name", list(SEPARATORS))
def test_blocks_stay_whole_whatever_the_line_separators(name):
    odd = SEPARATORS[name]
    html = f"<p>a{odd}b</p>\n<p>c</p>\n<p>d{odd}e</p>\n<h2>f</h2>\n<p>g</p>"
    blocks = split_blocks(html)
    assert blocks == [f"<p>a{odd}b</p>", "<p>c</p>", f"<p>d{odd}e</p>", "<h2>f</h2>", "<p>g</p>"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(SEPARATORS))
def test_a_hostile_body_cannot_put_markup_of_its_own_on_the_page(name):
    """A crafted body mixing odd separators with newlines used to shift the cuts into the
    middle of tags, where the sanitizer's escaping no longer held: a full-screen link with an
    event handler reached the published page."""
    odd = SEPARATORS[name]
    payload = '" style="position:fixed;inset:0" onmouseover="alert(1)" href="javascript:alert(2)'
    body = (
        f"<p>{odd * 3}첫 문단{odd}</p>\n<p>{odd}{payload}</p>\n"
        f'<p><a href="https://example.com/">링크{odd}</a>{odd}\n</p>\n<p>끝 문단</p>'
    )
    article = make_article("적대적 본문", body=body, photos=2)
    Article.objects.filter(pk=article.pk).update(body=article.body)  # as saved, sanitized
    html = Client().get(article.get_absolute_url()).content.decode()
    body_html = html[
        html.index('class="article__body"') : html.index(
            "</div>", html.index('class="article__body"')
        )
    ]
    assert not re.search(r"<[^>]*\son\w+\s*=", body_html)
    assert not re.search(r"<[^>]*=\s*[\"']?\s*javascript:", body_html, re.I)
    assert "position:fixed" not in re.sub(r">[^<]*<", "><", body_html)  # only as text
    assert body_html.count("<p") == body_html.count("</p>")
    assert "끝 문단" in body_html


def test_photos_go_after_the_paragraph_they_name():
    class Photo:
        def __init__(self, placement):
            self.placement = placement

    top, second, past_end = Photo(0), Photo(2), Photo(9)
    items = layout("<p>1</p>\u2028<p>2</p>\n<p>3</p>", [top, second, past_end])
    assert [kind for kind, _ in items] == ["photo", "html", "html", "photo", "html", "photo"]
