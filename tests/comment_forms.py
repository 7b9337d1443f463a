"""A reader's comment form as the public pages send it, and reading comments back from a page."""

import re
import time

from articles.forms import issue_token

JSON = {"HTTP_ACCEPT": "application/json"}


def comment_data(article, **fields):
    """What a reader's browser sends, with a form token handed out a minute ago."""
    return {
        "nickname": "경제독자",
        "password": "s3cret-pw",
        "body": "좋은 기사 잘 읽었습니다.",
        "token": issue_token(article.pk, issued_at=time.time() - 60),
        **fields,
    }


def form_token(html):
    """The comment form's token on a page as the server drew it."""
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def page_html(client, article, query=""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def comment_item(html, pk):
    """The markup of one comment (its <li>, replies included)."""
    start = html.index(f'id="comment-{pk}"')
    return html[start : html.index("data-reply-slot", start)]
