"""Property-based fuzzing of every public endpoint (hypothesis, through Django's test client).

Each example is one request built from arbitrary parts: the method (including odd ones), the
path argument, repeated, missing and extra parameters whose values are arbitrary text, control
characters, NUL, oversized numbers and raw bytes that are not UTF-8, the body's content type,
and the headers a browser sends (Sec-Fetch-Site, Origin, Accept, the visitor cookie), same-origin
and not. Whatever arrives:

- the answer is 2xx, 3xx, 4xx or 429, never a 5xx (500s are seen as statuses, not raised);
- a reader write that a browser says came from another site is refused with 403;
- nothing stored changes unless the answer was a success to a POST (a valid write);
- the counters always equal the rows they count.

Runs on SQLite and, with DATABASE_URL, on PostgreSQL (where a NUL in a text column must be a
clear refusal, not a driver error). FUZZ_EXAMPLES raises the number of examples per endpoint.

Adding an endpoint is one line in ENDPOINTS.
"""

import os
import time
from dataclasses import dataclass, field
from urllib.parse import quote_from_bytes, unquote

import pytest
from django.conf import settings as django_settings
from django.core import signing
from django.db.models import Count, Q, Sum
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.forms import issue_token
from articles.models import (
    Article,
    Comment,
    CommentReport,
    CommentVote,
    Correction,
    DailyViews,
    Reaction,
)
from articles.visitors import SALT as VISITOR_SALT
from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "X"]


@dataclass
class Endpoint:
    """A URL with one `{}` slot for its path argument, the method that reads or writes it,
    the path arguments to try and the parameters it understands (name -> valid values)."""

    path: str
    method: str = "GET"
    args: str = "article"  # which of World's argument lists fills the slot
    params: dict = field(default_factory=dict)

    @property
    def reader_write(self):
        return self.method == "POST"


# One line per public endpoint. Parameter values are keys of World.values (valid ones to mix
# in with the arbitrary ones, so that some fuzzed requests are valid writes).
ENDPOINTS = {
    "home": Endpoint("/{}", args="none", params={"page": "pages"}),
    "detail": Endpoint("/news/{}/", params={"page": "pages", "sort": "sorts"}),
    "section": Endpoint("/section/{}/", args="section", params={"page": "pages"}),
    "tag": Endpoint("/tag/{}/", args="tag", params={"page": "pages"}),
    "reporter": Endpoint("/reporter/{}/", args="reporter", params={"page": "pages"}),
    "corrections": Endpoint("/corrections/{}", args="none", params={"page": "pages"}),
    "comments": Endpoint(
        "/news/{}/comments/",
        params={"page": "pages", "sort": "sorts", "fragment": "flags"},
    ),
    "me": Endpoint("/news/{}/me/"),
    "search": Endpoint(
        "/search/{}",
        args="none",
        params={"q": "queries", "section": "section_slugs", "period": "periods", "page": "pages"},
    ),
    "feed": Endpoint("/rss/{}", args="none"),
    "section-feed": Endpoint("/section/{}/rss/", args="section"),
    "reporter-feed": Endpoint("/reporter/{}/rss/", args="reporter"),
    "sitemap": Endpoint("/sitemap{}.xml", args="sitemaps", params={"p": "pages"}),
    "robots": Endpoint("/robots.txt{}", args="none"),
    "react": Endpoint("/news/{}/react/", "POST", params={"kind": "kinds"}),
    "view": Endpoint("/news/{}/view/", "POST", params={"k": "beacon_keys"}),
    "comment-post": Endpoint(
        "/news/{}/comments/post/",
        "POST",
        params={
            "nickname": "nicknames",
            "password": "passwords",
            "body": "bodies",
            "token": "tokens",
            "parent": "comments",
            "homepage": "empty",
            "next": "nexts",
        },
    ),
    "comment-vote": Endpoint(
        "/comments/{}/vote/", "POST", args="comment", params={"value": "votes", "next": "nexts"}
    ),
    "comment-report": Endpoint(
        "/comments/{}/report/", "POST", args="comment", params={"next": "nexts"}
    ),
    "comment-delete": Endpoint(
        "/comments/{}/delete/", "POST", args="comment", params={"password": "passwords"}
    ),
}

# Values that have broken parsers before: numbers past every integer type, signs, exponents,
# NaN, "last", NUL, lone surrogates' UTF-8, overlong encodings, BOMs, line separators.
NASTY = [
    b"",
    b"0",
    b"-1",
    b"1e9",
    b"NaN",
    b"inf",
    b"last",
    b"9" * 40,
    b"-" + b"9" * 40,
    b"2147483648",
    b"9223372036854775808",
    b"\x00",
    b"a\x00b",
    b"\xff\xfe",
    b"\xed\xa0\x80",  # a UTF-16 surrogate in UTF-8: invalid
    b"\xc0\xaf",  # an overlong "/"
    b"\xef\xbb\xbf",
    "\u2028\u2029".encode(),
    "\u202e가나다".encode(),
    b"%00",
    b"%%%",
    b"../../etc/passwd",
    b"<script>alert(1)</script>",
    b"{{ 7|add:7 }}{% now 'Y' %}",
    b"\r\nSet-Cookie: x=1",
    "가".encode() * 3000,
    b"x" * 60_000,
]

CONTROL = st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp"]))
ANY_TEXT = st.text(max_size=300)
ANY_BYTES = st.binary(max_size=300)


class World:
    """The rows the fuzzer aims at: a public article with comments, a hidden one, and the
    valid values of every parameter."""

    def __init__(self):
        section = make_section("경제", slug="economy")
        reporter = make_reporter("한지우", handle="hanjiwoo")
        self.article = make_article(
            "퍼징 대상 기사", section=section, reporters=[reporter], tags=["수출"]
        )
        self.hidden = make_article("비공개 기사", section=section, status=Article.Status.DRAFT)
        Correction.objects.create(article=self.article, text="바로잡은 내용")
        from django.contrib.auth.hashers import make_password

        self.password = "s3cret-pw"
        hashed = make_password(self.password)
        self.comments = [
            Comment.objects.create(
                article=self.article,
                nickname=f"독자{n}",
                body=f"댓글 {n}",
                password=hashed,
                status=Comment.Status.VISIBLE,
            )
            for n in range(3)
        ]
        self.comments.append(
            Comment.objects.create(
                article=self.hidden, nickname="숨은독자", body="숨은 댓글", password=hashed
            )
        )
        Article.objects.filter(pk=self.article.pk).update(comment_count=3)
        Article.objects.filter(pk=self.hidden.pk).update(comment_count=1)
        signer = signing.get_cookie_signer(salt=django_settings.VISITOR_COOKIE_NAME + VISITOR_SALT)
        self.visitor_cookie = signer.sign("fuzz-visitor-0000000001")
        token = issue_token(self.article.pk, issued_at=time.time() - 60)
        self.args = {
            "none": [b""],
            "article": [str(self.article.pk).encode(), str(self.hidden.pk).encode()],
            "comment": [str(c.pk).encode() for c in self.comments],
            "section": [b"economy"],
            "tag": ["수출".encode()],
            "reporter": [b"hanjiwoo"],
            "sitemaps": [b"", b"-news", b"-articles", b"-sections"],
        }
        self.values = {
            "pages": [b"1", b"2", b"last"],
            "sorts": [b"new", b"old", b"likes", b"replies"],
            "flags": [b"1"],
            "kinds": [b"like", b"angry", b"sad", b"want_more"],
            "beacon_keys": [b"abcdefgh12345678"],
            "nicknames": ["경제독자".encode(), "읽는사람".encode()],
            "passwords": [self.password.encode()],
            "bodies": ["좋은 기사 잘 읽었습니다.".encode(), "수출이 늘었군요".encode()],
            "tokens": [token.encode(), b"forged:token"],
            "comments": [str(c.pk).encode() for c in self.comments],
            "empty": [b""],
            "nexts": [b"/", b"https://evil.example/", b"//evil.example", b"javascript:alert(1)"],
            "votes": [b"up", b"down"],
            "queries": ["수출".encode(), "기준금리".encode(), b'"NEAR(*', "금".encode()],
            "section_slugs": [b"economy", b""],
            "periods": [b"1d", b"1w", b"1m", b"1y", b"all"],
        }


@pytest.fixture
def world(settings):
    # Generous limits, so that the fuzzer reaches the writes behind them; the limits have
    # their own tests. Repeats allowed: the same valid comment may be drawn twice.
    for name in dir(settings):
        if "_RATE_" in name and isinstance(getattr(settings, name), str):
            setattr(settings, name, "100000/m")
    settings.COMMENT_REPEAT_WINDOW = 0
    return World()


def value_strategy(world, kind):
    options = [ANY_TEXT.map(str.encode), CONTROL.map(str.encode), ANY_BYTES, st.sampled_from(NASTY)]
    if kind:
        options.insert(0, st.sampled_from(world.values[kind]))
    return st.one_of(*options)


@st.composite
def requests(draw, world, endpoint):
    """One request at `endpoint`: mostly its own method and parameters, sometimes anything."""
    method = draw(st.sampled_from([endpoint.method] * 4 + METHODS))
    arg = draw(
        st.one_of(
            st.sampled_from(world.args[endpoint.args]),
            st.sampled_from(
                [b"0", b"9" * 30, b"999999", b"-1", b"1.5", b"%00", b"\x00", "수출\x00".encode()]
            ),
            ANY_BYTES.filter(lambda raw: b"/" not in raw),
        )
    )
    pairs = []
    names = [*list(endpoint.params), "x", "page"]
    for name in draw(st.lists(st.sampled_from(names), max_size=8)):
        pairs.append((name.encode(), draw(value_strategy(world, endpoint.params.get(name)))))
    # Sometimes every parameter once with a valid value: a valid write, among the invalid.
    if draw(st.booleans()):
        pairs = [
            (name.encode(), draw(st.sampled_from(world.values[kind])))
            for name, kind in endpoint.params.items()
        ] + pairs[:2]
    if draw(st.integers(0, 30)) == 30:  # past DATA_UPLOAD_MAX_NUMBER_FIELDS
        pairs += [(b"kind", b"like")] * 1100
    encoded = b"&".join(
        quote_from_bytes(k).encode() + b"=" + quote_from_bytes(v).encode() for k, v in pairs
    )
    raw = draw(st.one_of(st.just(encoded), ANY_BYTES, st.sampled_from(NASTY)))
    in_query = method not in ("POST", "PUT", "PATCH") or draw(st.integers(0, 5)) == 5
    content_type = draw(
        st.sampled_from(
            ["application/x-www-form-urlencoded"] * 3
            + [
                "multipart/form-data; boundary=zz",
                "multipart/form-data",
                "application/json",
                "text/plain; charset=euc-kr",
                "application/x-www-form-urlencoded; charset=utf-16",
                "",
            ]
        )
    )
    headers = {}
    site = draw(
        st.sampled_from([None, "same-origin", "none", "cross-site", "same-site", "garbage"])
    )
    if site is not None:
        headers["HTTP_SEC_FETCH_SITE"] = site
    origin = draw(st.sampled_from([None, "http://testserver", "https://evil.example", "null"]))
    if origin is not None:
        headers["HTTP_ORIGIN"] = origin
    accept = draw(st.sampled_from([None, "application/json", "text/html", "*/*", ";;q=x"]))
    if accept is not None:
        headers["HTTP_ACCEPT"] = accept
    cookie = draw(
        st.one_of(
            st.none(),
            st.just(world.visitor_cookie),
            ANY_BYTES.map(lambda raw: raw.decode("latin-1")),
        )
    )
    if cookie is not None:
        headers["HTTP_COOKIE"] = f"{django_settings.VISITOR_COOKIE_NAME}={cookie}"
    path = endpoint.path.format(quote_from_bytes(arg, safe=b""))
    if in_query and encoded:
        path = f"{path}?{raw.decode('latin-1') if raw is not encoded else encoded.decode()}"
        body = b""
    else:
        body = raw
    return method, path, body, content_type, headers


def snapshot():
    """What is stored, in a few numbers: counts of every row a reader can write and the sums
    of every counter."""
    articles = Article.objects.aggregate(
        n=Count("id"),
        views=Sum("view_count"),
        likes=Sum("like_count"),
        angry=Sum("angry_count"),
        sad=Sum("sad_count"),
        more=Sum("want_more_count"),
        comments=Sum("comment_count"),
    )
    comments = Comment.objects.aggregate(
        n=Count("id"),
        visible=Count("id", filter=Q(status=Comment.Status.VISIBLE)),
        likes=Sum("like_count"),
        dislikes=Sum("dislike_count"),
        reports=Sum("report_count"),
    )
    return (
        articles,
        comments,
        Reaction.objects.count(),
        CommentVote.objects.count(),
        CommentReport.objects.count(),
        DailyViews.objects.aggregate(n=Count("id"), views=Sum("views")),
    )


def assert_counters_equal_rows():
    """Every counter equals the rows it counts (a handful of grouped queries)."""
    pressed = {
        (row["article_id"], row["kind"]): row["n"]
        for row in Reaction.objects.values("article_id", "kind").annotate(n=Count("id"))
    }
    visible = dict(
        Comment.objects.filter(status=Comment.Status.VISIBLE)
        .values("article_id")
        .annotate(n=Count("id"))
        .values_list("article_id", "n")
    )
    fields = [kind.counter_field for kind in Reaction.Kind]
    for pk, comment_count, *counters in Article.objects.values_list("pk", "comment_count", *fields):
        for kind, counter in zip(Reaction.Kind, counters, strict=True):
            assert counter == pressed.get((pk, kind.value), 0), (pk, kind)
        assert comment_count == visible.get(pk, 0), pk
    votes = {
        (row["comment_id"], row["value"]): row["n"]
        for row in CommentVote.objects.values("comment_id", "value").annotate(n=Count("id"))
    }
    reports = dict(
        CommentReport.objects.values("comment_id")
        .annotate(n=Count("id"))
        .values_list("comment_id", "n")
    )
    for pk, likes, dislikes, reported in Comment.objects.values_list(
        "pk", "like_count", "dislike_count", "report_count"
    ):
        assert likes == votes.get((pk, CommentVote.Value.UP), 0), pk
        assert dislikes == votes.get((pk, CommentVote.Value.DOWN), 0), pk
        # Reports count distinct addresses, and every fuzzed request comes from one.
        assert reported <= reports.get(pk, 0), pk


def send(method, path, body, content_type, headers):
    client = Client(raise_request_exception=False)
    return client.generic(method, path, data=body, content_type=content_type, **headers)


def resolves(path):
    try:
        resolve(unquote(path.split("?", 1)[0]))
    except Resolver404:
        return False
    return True


def check(world, endpoint, request):
    method, path, body, _content_type, headers = request
    before = snapshot()
    response = send(*request)
    status = response.status_code
    assert 200 <= status < 500, f"{status} for {method} {path!r} body={body[:200]!r} {headers}"
    site = headers.get("HTTP_SEC_FETCH_SITE")
    cross = site in ("cross-site", "same-site", "garbage") or (
        site is None and headers.get("HTTP_ORIGIN") in ("https://evil.example", "null")
    )
    if endpoint.reader_write and method == "POST" and cross and resolves(path):
        # 400 only where Django itself refused the body before any view (too many fields).
        assert status in (400, 403), f"{status}: a cross-site write was not refused: {path!r}"
    if status >= 400 or not (endpoint.reader_write and method == "POST"):
        assert snapshot() == before, f"{status} for {method} {path!r} changed what is stored"
    assert_counters_equal_rows()


@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_every_answer_is_below_500_and_nothing_changes_unless_valid(world, name):
    endpoint = ENDPOINTS[name]

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(requests(world, endpoint))
    def fuzz(request):
        check(world, endpoint, request)

    fuzz()


def _valid_post(world, path, **params):
    body = "&".join(f"{k}={quote_from_bytes(v.encode())}" for k, v in params.items()).encode()
    headers = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ACCEPT": "application/json"}
    return ("POST", path, body, "application/x-www-form-urlencoded", headers)


def test_the_fuzzer_reaches_valid_writes(world):
    """The property is only as strong as the writes it lets through: a valid request of each
    kind does change what is stored, through the same `check` (so it can tell the two apart)."""
    article, comment = world.article, world.comments[0]
    token = issue_token(article.pk, issued_at=time.time() - 60)
    writes = [
        ("react", _valid_post(world, f"/news/{article.pk}/react/", kind="like")),
        (
            "comment-post",
            _valid_post(
                world,
                f"/news/{article.pk}/comments/post/",
                nickname="경제독자",
                password="s3cret-pw",
                body="좋은 기사 잘 읽었습니다.",
                token=token,
            ),
        ),
        ("comment-vote", _valid_post(world, f"/comments/{comment.pk}/vote/", value="up")),
        ("comment-report", _valid_post(world, f"/comments/{comment.pk}/report/")),
        (
            "comment-delete",
            _valid_post(world, f"/comments/{comment.pk}/delete/", password=world.password),
        ),
    ]
    for name, request in writes:
        before = snapshot()
        check(world, ENDPOINTS[name], request)
        assert snapshot() != before, f"the valid {name} changed nothing"


NUL_REQUESTS = [
    ("/tag/a%00b/", 404),
    ("/tag/%00/", 404),
    ("/reporter/a%00b/", 404),
    ("/section/a%00b/", 404),
    ("/tag/수출/?page=%00", 200),  # no page number: dropped, the first page
    ("/news/{pk}/comments/?sort=%00&page=%00", 200),  # unknown sort and page: the first page
    ("/?page=%00", 200),  # the home page has no pages
]


@pytest.mark.parametrize(("path", "status"), NUL_REQUESTS)
def test_nul_in_a_lookup_is_a_clear_answer(world, path, status):
    """PostgreSQL refuses NUL in text; a NUL in the URL must still be a 404, not a 500."""
    response = send("GET", path.format(pk=world.article.pk), b"", "", {})
    assert response.status_code == status


@pytest.mark.parametrize("field", ["nickname", "body", "password"])
def test_nul_in_a_comment_is_refused_in_korean(world, field):
    article = world.article
    params = {
        "nickname": "경제독자",
        "password": "s3cret-pw",
        "body": "좋은 기사 잘 읽었습니다.",
        "token": issue_token(article.pk, issued_at=time.time() - 60),
    }
    params[field] = params[field][:3] + "\x00" + params[field][3:]
    before = snapshot()
    response = send(*_valid_post(world, f"/news/{article.pk}/comments/post/", **params))
    assert response.status_code == 400
    assert "제어 문자" in response.json()["errors"][field][0]
    assert snapshot() == before


@pytest.mark.parametrize("path", ["/search/0", "/section/nothing/rss/", "/news/999999/", "/"])
def test_thousands_of_query_parameters_are_a_client_error_even_on_a_missing_page(client, path):
    """Found by the fuzzer: the 404 page read the query string (많이 본 뉴스 tab, comment page)
    while being drawn, and Django's field limit then ended in a bare 500."""
    query = "&".join(["most=7d"] * 1200)
    response = client.get(f"{path}?{query}")
    assert response.status_code in (200, 400, 404)


def test_a_form_with_too_many_fields_is_refused_before_anything_is_written(world, client):
    """Found by the fuzzer: a report was recorded, then reading the form's `next` to answer
    failed on Django's field limit, so a 400 came back for a write that had happened."""
    comment = world.comments[0]
    before = CommentReport.objects.count()
    body = "&".join([f"next=/&f{i}=x" for i in range(1100)])
    response = client.post(
        f"/comments/{comment.pk}/report/",
        body,
        content_type="application/x-www-form-urlencoded",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 400
    assert CommentReport.objects.count() == before
