"""Varnish keeps the query parameters each kind of page takes (deploy/varnish/newsroom.vcl,
`newsroom_query`), which must be the list the origin keeps (articles/urls.py): a parameter the
VCL drops never reaches the page, one it keeps but the origin drops fills Varnish's cache."""

import re
from pathlib import Path

import pytest
from django.urls import resolve

from newsroom.cache.pages import POLICY_ATTRIBUTE

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "newsroom.vcl"


def vcl_params(url_pattern):
    """The parameters the VCL keeps on addresses its branch for `url_pattern` matches."""
    text = VCL.read_text()
    branch = text.split(url_pattern, 1)[1].split("}", 1)[0]
    kept = re.search(r"\(\?!(?:\(\?:)?([a-z|]+)\)?=\)", branch)
    assert kept, branch
    return set(kept.group(1).split("|"))


def origin_params(path):
    return set(getattr(resolve(path).func, POLICY_ATTRIBUTE).params)


@pytest.mark.parametrize(
    "vcl_branch, path",
    [
        ('req.url ~ "^/search/"', "/search/"),
        ('req.url ~ "^/news/[0-9]+/$"', "/news/1/"),
        ('req.url ~ "^/(section|tag|reporter)/[^/?]+/(\\?|$)"', "/section/economy/"),
        ('req.url ~ "^/(section|tag|reporter)/[^/?]+/(\\?|$)"', "/tag/금리/"),
        ('req.url ~ "^/(section|tag|reporter)/[^/?]+/(\\?|$)"', "/reporter/iwonseo/"),
        ('req.url ~ "^/(\\?|$)"', "/"),
        ('req.url ~ "^/news/(\\?|$)"', "/news/"),
        ('req.url ~ "^/((news/[0-9]+|section/[^/?]+)/)?live/side/"', "/section/economy/live/side/"),
    ],
)
def test_varnish_keeps_the_parameters_the_origin_takes(vcl_branch, path):
    assert vcl_params(vcl_branch) == origin_params(path)
