"""The address the buffering worker counts a client's connections and bodies by."""

from types import SimpleNamespace

import pytest

from newsroom.gunicorn_worker import client_of


@pytest.mark.parametrize(
    ("peer", "counted_as"),
    [
        (("203.0.113.7", 51000), "203.0.113.7"),
        # One IPv6 subscriber is given a /64 and can take any address in it.
        (("2001:db8:1:2:aaaa::1", 51000, 0, 0), "2001:db8:1:2::/64"),
        (("2001:db8:1:2:ffff:ffff:ffff:ffff", 51000, 0, 0), "2001:db8:1:2::/64"),
        (("2001:db8:1:3::1", 51000, 0, 0), "2001:db8:1:3::/64"),
        # An IPv4 client of a server bound to "::" is its own IPv4 address, not a /64 shared
        # with every other IPv4 client.
        (("::ffff:203.0.113.7", 51000, 0, 0), "203.0.113.7"),
        (("fe80::1%eth0", 51000, 0, 2), "fe80::/64"),
        ("/run/newsroom.sock", "/run/newsroom.sock"),
    ],
)
def test_a_client_is_counted_by_its_address_or_its_ipv6_network(peer, counted_as):
    assert client_of(SimpleNamespace(client=peer)) == counted_as
