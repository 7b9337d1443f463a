"""An IPv6 client is counted by its /64 (IPV6_CLIENT_PREFIX), everywhere an address is counted.

One subscriber gets a whole /64 (2^64 addresses) and can take a new one for every request, so a
limit keyed on the full address would be no limit. Two addresses in one /64 share a quota; two
/64s do not; IPv4 is counted by the whole address, as before.
"""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from articles.actions import comments, pageviews
from articles.models import Comment
from articles.queries.comments import is_folded
from tests.comment_forms import JSON, comment_data
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}
# Three addresses of one subscriber's /64, and a neighbour's /64 in the same /48.
ONE_NETWORK = ["2001:db8:a:1::1", "2001:db8:a:1:ffff:ffff:ffff:ffff", "2001:db8:a:1:1234::9"]
NEIGHBOUR = "2001:db8:a:2::1"


def press(address, article):
    reader = Client(REMOTE_ADDR=address)
    reader.get(article.get_absolute_url())  # the visitor cookie, as a reader's browser gets it
    return reader.post(reverse("articles:react", args=[article.pk]), {"kind": "like"}, **JSON)


def test_reactions_from_one_ipv6_network_share_a_quota(settings):
    settings.REACTION_RATE_PER_CLIENT = "2/m"
    article = make_article()
    assert [press(address, article).status_code for address in ONE_NETWORK] == [200, 200, 429]
    assert press(NEIGHBOUR, article).status_code == 200
    article.refresh_from_db()
    assert article.like_count == 3


def test_ipv4_addresses_are_still_counted_one_by_one(settings):
    settings.REACTION_RATE_PER_CLIENT = "1/m"
    article = make_article()
    statuses = [press(f"198.51.100.{n}", article).status_code for n in (1, 2, 3)]
    assert statuses == [200, 200, 200]
    # An IPv4 address written as IPv6 (a dual-stack socket) is that IPv4 address.
    assert press("::ffff:198.51.100.1", article).status_code == 429


def test_the_prefix_is_a_setting(settings):
    settings.REACTION_RATE_PER_CLIENT = "1/m"
    settings.IPV6_CLIENT_PREFIX = 48
    article = make_article()
    assert press("2001:db8:a:1::1", article).status_code == 200
    assert press(NEIGHBOUR, article).status_code == 429  # the same /48
    assert press("2001:db8:b:1::1", article).status_code == 200


def test_views_from_one_ipv6_network_share_a_quota(settings):
    settings.VIEW_RATE_PER_CLIENT_ARTICLE = "2/h"
    settings.VIEW_FLUSH_EVERY = 1000
    article = make_article()
    url = reverse("articles:view", args=[article.pk])
    for number, address in enumerate([*ONE_NETWORK, NEIGHBOUR]):
        Client(REMOTE_ADDR=address).post(url, {"k": f"thrown-away-{number:04}"}, **BROWSER)
    pageviews.flush()
    article.refresh_from_db()
    assert article.view_count == 3  # two from the /64, one from its neighbour


def test_comments_from_one_ipv6_network_share_a_quota(settings):
    settings.COMMENT_RATE_PER_CLIENT = "2/m"
    article = make_article()
    url = reverse("articles:comment-post", args=[article.pk])

    def send(address, number):
        data = comment_data(article, body=f"{number}번째 의견입니다.")
        return Client(REMOTE_ADDR=address).post(url, data, **JSON).status_code

    assert [send(address, n) for n, address in enumerate(ONE_NETWORK)] == [201, 201, 429]
    assert send(NEIGHBOUR, 9) == 201
    assert Comment.objects.count() == 3


def test_reports_from_one_ipv6_network_fold_nothing(settings):
    settings.COMMENT_REPORT_THRESHOLD = 3
    article = make_article()
    target = comments.post_comment(
        article=article, body="멀쩡한 의견", nickname="독자", password="pw-123456"
    )
    url = reverse("articles:comment-report", args=[target.pk])
    same_site = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}
    for address in ONE_NETWORK:
        Client(REMOTE_ADDR=address).post(url, **same_site, **JSON)
    target.refresh_from_db()
    assert (target.report_count, is_folded(target)) == (1, False)
    for address in (NEIGHBOUR, "2001:db8:a:3::1"):  # two more networks fold it
        Client(REMOTE_ADDR=address).post(url, **same_site, **JSON)
    target.refresh_from_db()
    assert (target.report_count, is_folded(target)) == (3, True)


def test_behind_a_proxy_the_forwarded_ipv6_address_is_counted_by_its_network(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.REACTION_RATE_PER_CLIENT = "1/m"
    article = make_article()

    def press_via_proxy(address):
        reader = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address)
        reader.get(article.get_absolute_url())
        url = reverse("articles:react", args=[article.pk])
        return reader.post(url, {"kind": "like"}, **JSON).status_code

    assert [press_via_proxy(address) for address in ONE_NETWORK[:2]] == [200, 429]
    assert press_via_proxy(NEIGHBOUR) == 200


def test_a_sign_in_failure_is_recorded_for_the_ipv6_network():
    make_staff("desk")
    for address in ONE_NETWORK:
        Client(REMOTE_ADDR=address).post(
            "/admin/login/?next=/admin/", {"username": "desk", "password": "wrong-password"}
        )
    attempts = list(AccessAttempt.objects.values_list("ip_address", "failures_since_start"))
    assert attempts == [("2001:db8:a:1::", 3)]
