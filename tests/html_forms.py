"""The admin's article form as POST data: read back from a rendered page (form_data), or
built for a new article (article_form) or a stored one (change_form)."""

from html.parser import HTMLParser

from django.utils import timezone

MANAGEMENT = {"MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}


def _inline(prefix, rows, initial=0):
    """An inline formset's rows as POST fields: [{field: value}] under `prefix`."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        **{f"{prefix}-{key}": value for key, value in MANAGEMENT.items()},
    }
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{field}": value for field, value in row.items()}
    return data


def article_form(section, reporter=None, photo=None, **overrides):
    """What the add form sends for a new article: a byline for `reporter` and a new photo row
    for the upload `photo` ("" for a row with no file chosen); None leaves the row out."""
    bylines = [] if reporter is None else [{"reporter": reporter.pk, "order": "0"}]
    photos = []
    if photo is not None:
        photos.append(
            {
                "image": photo,
                "caption": "재활용 공장 생산 라인을 점검하고 있다.",
                "credit": "사진제공=한빛에너지",
                "alt": "공장 생산 라인",
                "placement": "0",
                "order": "0",
            }
        )
    data = {
        "label": "단독",
        "title": "전기차 배터리 재활용 공장 첫 가동",
        "deck": "연 2만 톤 처리 규모\n니켈·코발트 회수율 95%",
        "section": section.pk,
        "body": "<p>배터리 재활용 공장이 문을 열었다.</p><p>둘째 문단.</p>",
        "tags": "배터리, 재활용",
        "status": "published",
        "published_at_0": timezone.localtime().strftime("%Y-%m-%d"),
        "published_at_1": "00:00:00",
        "comment_policy": "open",
        "video_url": "",
        **_inline("bylines", bylines),
        **_inline("photos", photos),
    }
    return data | overrides


def change_form(article, **overrides):
    """What the change form of a stored article sends back unchanged: its fields, its bylines
    and photos as they are, and the version it was opened at (the stored one)."""
    from articles.models import Article

    published = timezone.localtime(article.published_at or timezone.now())
    bylines = [
        {
            "id": byline.pk,
            "article": article.pk,
            "reporter": byline.reporter_id,
            "order": byline.order,
        }
        for byline in article.bylines.all()
    ]
    photos = [
        {
            "id": photo.pk,
            "article": article.pk,
            "caption": photo.caption,
            "credit": photo.credit,
            "alt": photo.alt or "사진",
            "placement": str(photo.placement),
            "order": str(photo.order),
        }
        for photo in article.photos.all()
    ]
    data = {
        "label": article.label,
        "title": article.title,
        "deck": article.deck,
        "section": article.section_id,
        "body": article.body,
        "tags": "",
        "status": article.status,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "comment_policy": article.comment_policy,
        "video_url": "",
        **_inline("bylines", bylines, initial=len(bylines)),
        **_inline("photos", photos, initial=len(photos)),
        # The version the form was opened at (articles/editing.py): the current one.
        "version": Article.objects.get(pk=article.pk).updated_at.isoformat(),
    }
    return data | overrides


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = form_id is None
        self.fields = []  # (name, value) in order; a name may repeat (multiple selects)
        self._select = None
        self._options = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.form_id is not None:
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
                return
            self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs)
            self._options = []
        elif tag == "option" and self._select is not None:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.form_id is not None:
            self.inside = False
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.fields += [(name, value) for value in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            # Browsers drop the one newline that follows <textarea>.
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None


def form_data(response, form_id=None):
    """{name: value or [values]} of the form `form_id` (the whole page when None)."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.fields:
        if name in data:
            data[name] = (
                [*data[name], value] if isinstance(data[name], list) else [data[name], value]
            )
        else:
            data[name] = value
    return data
