# Varnish in front of newsroom (Debian's varnish 7 and varnish-modules' xkey).
#
# Pages live long (the origin says how long in s-maxage, an hour at most) and are purged by
# tag when what they show changes: the origin lists a page's tags in the `xkey` header and,
# on a change, sends `PURGE /` with `xkey-purge: <tags>` (newsroom/cache/edge.py). Each page is
# one object: what changes far more often (reaction counts, the side boxes) the page's script
# asks for, each a small page of its own kept a second or a minute (articles/views/live.py).
# A request carrying a session, a message or the reader's own fresh action goes to the origin,
# uncached; so does every write. Host and query string are normalised before anything is
# looked up, so made-up parameters neither fill the cache nor get past it. A page that has
# just expired or been purged is served once more while it is drawn again (a few seconds of
# grace, so that readers never wait on the origin); when the origin is down, what is kept is
# served, never an error, for up to a day.
#
# site.vcl, written per deployment, names the backends (`sub newsroom_backend`), the host
# readers use (`sub newsroom_host`) and who may purge (`acl purgers`); see site.example.vcl.
vcl 4.1;

import std;
import xkey;

include "site.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header required"));
        }
        # Soft: a purged page is kept as stale, served only while the origin cannot answer
        # (req.grace below); a reader never gets it while the origin is up.
        set req.http.n-gone = xkey.softpurge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    call newsroom_host;
    call newsroom_backend;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The desk, a reader's own state, the editor's script catalogue: never shared.
    if (req.url ~ "^/(admin|jsi18n)/" || req.url ~ "^/news/[0-9]+/me/") {
        return (pass);
    }
    # Signed in, a message waiting, or the reader's own fresh action: for them alone (the
    # origin checks that the cookie is real; a made-up one gets the shared page from it).
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|nr_fresh)=") {
        return (pass);
    }
    # Every other cookie changes nothing on a shared page.
    unset req.http.Cookie;
    call newsroom_query;

    # While the origin answers: a page just expired or purged is served (to the readers who
    # come while it is drawn again) for a few seconds at most. When it does not: a day.
    # The reaction counts (kept a second) are never served past their second while the origin
    # answers: readers asking at once wait for the one fetch instead.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 5s;
        if (req.url ~ "^/news/[0-9]+/live/reactions/") {
            set req.grace = 0s;
        }
    } else {
        set req.grace = 24h;
    }
    if (req.restarts > 0 && req.http.X-Newsroom-Stale) {
        set req.grace = 24h;
    }
    return (hash);
}

# The parameters each kind of page takes (the same list as articles/urls.py, where the origin
# drops any other too); their order does not matter.
sub newsroom_query {
    set req.url = regsub(req.url, "#.*$", "");
    if (req.url ~ "^/search/") {
        set req.url = regsuball(req.url, "([?&])(?!(?:q|section|period|sort|from|to|page|most)=)[^&]*", "\1");
    } elsif (req.url ~ "^/news/[0-9]+/comments/") {
        set req.url = regsuball(req.url, "([?&])(?!(?:page|sort|fragment)=)[^&]*", "\1");
    } elsif (req.url ~ "^/news/[0-9]+/$") {
        set req.url = regsuball(req.url, "([?&])(?!(?:sort|reply|most)=)[^&]*", "\1");
    } elsif (req.url ~ "^/(section|tag|reporter)/[^/?]+/(\?|$)" || req.url ~ "^/corrections/" || req.url ~ "^/news/(\?|$)") {
        set req.url = regsuball(req.url, "([?&])(?!(?:page|most)=)[^&]*", "\1");
    } elsif (req.url ~ "^/sitemap-[^/?]+\.xml") {
        set req.url = regsuball(req.url, "([?&])(?!p=)[^&]*", "\1");
    } elsif (req.url ~ "^/(\?|$)" || req.url ~ "^/((news/[0-9]+|section/[^/?]+)/)?live/side/") {
        set req.url = regsuball(req.url, "([?&])(?!most=)[^&]*", "\1");
    } elsif (req.url !~ "^/static/") {
        set req.url = regsub(req.url, "\?.*$", "");
    }
    set req.url = regsuball(req.url, "&{2,}", "&");
    set req.url = regsub(req.url, "\?&+", "?");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);
}

sub vcl_backend_response {
    # A response that sets a cookie, or that the origin says is for one reader alone, is
    # never kept (it passes, and the next request asks the origin again).
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private|no-store") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A background refresh that failed keeps the page that was there.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.status >= 500) {
        # The reader is sent back in for a kept copy (vcl_synth), if there is one.
        return (abandon);
    }
    set beresp.grace = 24h;
    # One copy for every reader: Varnish asks the origin for gzip and unzips for a reader who
    # does not take it, so a page varying only by Accept-Encoding is kept once (two copies
    # would cost two fetches after each purge). Said again to the reader in vcl_deliver.
    if (beresp.http.Vary ~ "^\s*Accept-Encoding\s*$" && beresp.http.Content-Encoding == "gzip") {
        unset beresp.http.Vary;
        set beresp.http.X-Newsroom-Vary-Gzip = "1";
    }
    return (deliver);
}

sub vcl_backend_error {
    # The origin did not answer: the reader is sent back in for a kept copy (vcl_synth).
    return (abandon);
}

sub vcl_synth {
    # Only a read goes back in: a write the origin may have done before it failed to answer
    # is never sent twice (a reaction pressed twice is a reaction taken back).
    if (resp.status == 503 && req.restarts == 0 && (req.method == "GET" || req.method == "HEAD")) {
        set req.http.X-Newsroom-Stale = "1";
        return (restart);
    }
    # No kept copy, or a write the origin could not take: a page in Korean, never kept.
    if (resp.status >= 500) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "no-store";
        set resp.http.Retry-After = "5";
        synthetic({"<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>잠시 후 다시 시도해 주세요</title></head>
<body><h1>잠시 후 다시 시도해 주세요</h1><p>지금은 요청을 처리하지 못했습니다. 잠시 뒤 새로고침하면 다시 볼 수 있습니다.</p><p><a href="/">첫 화면으로</a></p></body></html>
"});
        return (deliver);
    }
}

sub vcl_deliver {
    # A page's tags are for this cache alone, never for a browser.
    unset resp.http.xkey;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (resp.http.X-Newsroom-Vary-Gzip) {
        unset resp.http.X-Newsroom-Vary-Gzip;
        set resp.http.Vary = "Accept-Encoding";
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
