"""Read a page's <head> as a crawler does: its <meta>, <link> and ld+json scripts."""

from html.parser import HTMLParser


class Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}  # property or name -> content (the first one)
        self.meta_count = {}
        self.links = []  # attribute dicts of every <link>
        self.json_ld = []  # raw text of each <script type="application/ld+json">
        self._script = None
        self._done = False

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, attrs.get("content"))
                self.meta_count[key] = self.meta_count.get(key, 0) + 1
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None
        elif tag == "head":
            self._done = True

    def link(self, rel):
        return [link for link in self.links if link.get("rel") == rel]


def read_head(html):
    head = Head()
    head.feed(html)
    return head
