# One deployment's part of the Varnish configuration (newsroom.vcl includes it as site.vcl):
# copy it to site.vcl beside newsroom.vcl and fill in the app servers and the public host.
import directors;

# Each app server (gunicorn), asked for /healthz/ every two seconds.
probe healthz {
    .url = "/healthz/";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = healthz;
    .first_byte_timeout = 10s;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = healthz;
    .first_byte_timeout = 10s;
}

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app1);
    apps.add_backend(app2);
}

sub newsroom_backend {
    set req.backend_hint = apps.backend();
}

# Who may send PURGE: the app servers and their task workers.
acl purgers {
    "127.0.0.1";
    "::1";
}

# The host readers use (the origin's SITE_URL): every request is for it, so a made-up Host
# neither makes another copy of a page nor reaches the origin.
sub newsroom_host {
    if (req.http.host !~ "^(news\.example\.com|www\.news\.example\.com)(:[0-9]+)?$") {
        return (synth(400, "Unknown host"));
    }
    set req.http.host = "news.example.com";
}
