"""Two editors, one article: what the other editor's save changed, shown above a refused form.

The form carries the version it was opened at (the article's updated_at, VersionedArticleForm).
The revision saved with that version is found among the article's revisions by that time; the
fields that differ between it and the article as stored now are what the other editor changed.
An article last saved outside the admin (the demo's, a command's) has no such revision: its
form then carries what it showed when opened (snapshot()), and that is compared instead. With
neither, the stored article is compared with what this form holds, and the panel says so.
"""

import datetime
import json

from reversion.models import Version

from articles.admin.formats import moment
from articles.body import plain_text
from articles.models import Article, Section
from articles.revisions import word_diff

# How far back among an article's revisions the version a form was opened at is looked for.
REVISIONS_SEARCHED = 30

TEXT_FIELDS = (("제목", "title", str), ("부제", "deck", str), ("본문", "body", plain_text))


def _version_at(article, opened_at):
    """The field_dict of the revision saved at `opened_at` (an updated_at), or None."""
    # Revisions are stored as JSON, which keeps a time to the millisecond only.
    wanted = _to_millisecond(opened_at)
    for version in Version.objects.get_for_object(article)[:REVISIONS_SEARCHED]:
        fields = version.field_dict
        saved = fields.get("updated_at")
        if saved is not None and _to_millisecond(saved) == wanted:
            return fields
    return None


def _to_millisecond(moment):
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _stored_fields(article):
    return {
        "title": article.title,
        "deck": article.deck,
        "body": article.body,
        "label": article.label,
        "section_id": article.section_id,
        "status": article.status,
        "published_at": article.published_at,
    }


def _label(value):
    return Article.Label(value).label if value in Article.Label.values else value


def _status(value):
    return Article.Status(value).label if value in Article.Status.values else value


def _section(pk):
    return Section.objects.filter(pk=pk).values_list("name", flat=True).first() or "-"


def _moment(value):
    return moment(value, "없음")


def rows(before, after):
    """(label, diff) for each field that differs between two field dicts."""
    changed = []
    for label, name, as_text in TEXT_FIELDS:
        old, new = as_text(before.get(name) or ""), as_text(after.get(name) or "")
        if old != new:
            changed.append({"label": label, "diff": word_diff(old, new)})
    for label, name, show in (
        ("말머리", "label", _label),
        ("섹션", "section_id", _section),
        ("상태", "status", _status),
        ("출고 시각", "published_at", _moment),
    ):
        if before.get(name) != after.get(name):
            changed.append(
                {"label": label, "diff": f"{show(before.get(name))} → {show(after.get(name))}"}
            )
    return changed


def needs_snapshot(article):
    """Whether the form must carry what it shows: no revision holds the article's current
    version (one query, the latest revision read)."""
    latest = Version.objects.get_for_object(article).first()
    saved = latest.field_dict.get("updated_at") if latest is not None else None
    return saved is None or _to_millisecond(saved) != _to_millisecond(article.updated_at)


def snapshot(article):
    """What a form opened now shows of the compared fields, as JSON for a hidden input."""
    fields = _stored_fields(article)
    moment = fields["published_at"]
    return json.dumps({**fields, "published_at": moment.isoformat() if moment else None})


def _from_snapshot(text):
    try:
        fields = json.loads(text) if text else None
        if not isinstance(fields, dict):
            return None
        moment = fields.get("published_at")
        fields["published_at"] = datetime.datetime.fromisoformat(moment) if moment else None
    except (ValueError, TypeError):
        return None
    return fields


def describe(article, *, opened_at, mine, opened_snapshot=""):
    """The conflict panel's content: what changed since `opened_at` (an ISO time, from the
    form), read from its revision or from `opened_snapshot` (snapshot(), from the form); with
    neither, how the stored article differs from `mine`."""
    stored = Article.objects.get(pk=article.pk)
    try:
        opened = datetime.datetime.fromisoformat(opened_at) if opened_at else None
    except ValueError:
        opened = None
    before = _version_at(stored, opened) if opened else None
    if before is None:
        before = _from_snapshot(opened_snapshot)
    now = _stored_fields(stored)
    if before is not None:
        return {"theirs": True, "rows": rows(before, now), "version": stored.updated_at}
    return {"theirs": False, "rows": rows(mine, now), "version": stored.updated_at}
