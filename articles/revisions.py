"""Readable differences between two saved versions of an article (django-reversion)."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from reversion.models import Version

from articles.body import plain_text

# What restoring an old revision brings back (with the bylines, photos and tags that follow the
# article in its revisions). Everything else stays as the article is now: its status and times,
# so that restoring the first draft of a live story never takes it down, and its counters,
# comment policy, video, search and sharing settings.
RESTORED_FIELDS = ("label", "title", "deck", "body")

RESTORED = (
    "‘{title}’ 기사를 {when}에 저장한 판의 내용으로 되돌렸습니다. 상태와 출고 시각은 그대로입니다."
)


def keep_current_state(restored, current):
    """`restored` (an old revision, as reversion put it back for the restore form) with every
    field but RESTORED_FIELDS as `current` (the article as stored before) holds it; a save
    then compares with what readers saw, so a restored public story gets its 수정 time."""
    for field in restored._meta.concrete_fields:
        if field.name not in RESTORED_FIELDS and not field.primary_key:
            setattr(restored, field.attname, field.value_from_object(current))
    restored._loaded = dict(current._loaded)
    # Reversion wrote the revision's counts back when it put the revision in place for the
    # form; the save writes the counts `current` held (Article.save() leaves them otherwise).
    restored.restores_counters = True


_TOKEN = re.compile(r"\n|[^\S\n]+|[^\s]+")


def word_diff(old, new):
    """old and new as one escaped HTML fragment: removed words in <del>, added in <ins>."""
    before, after = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return mark_safe("".join(parts).replace("\n", "<br>"))


def compare(old_fields, new_fields):
    """Rows (label, diff, changed) for the headline, deck and body of two versions."""
    rows = []
    for label, name, as_text in (
        ("제목", "title", str),
        ("부제", "deck", str),
        ("본문", "body", plain_text),
    ):
        old, new = as_text(old_fields.get(name) or ""), as_text(new_fields.get(name) or "")
        rows.append({"label": label, "diff": word_diff(old, new), "changed": old != new})
    return rows


def public_history(article):
    """수정 이력 for readers: what changed in the headline, deck and body of `article` since it
    was published, [{"when", "rows"}] oldest first, from its saved versions, naming no editor.

    The text as published is the last version saved by its 출고 시각 (the first one, when none
    was); each later version saved while the article was published, that changed one of the
    three, is an entry compared with the one before it."""
    versions = list(
        Version.objects.get_for_object(article)
        .select_related("revision")
        .order_by("revision__date_created", "pk")
    )
    if not versions or article.published_at is None:
        return []
    published = article.published_at
    before = [v for v in versions if v.revision.date_created <= published]
    shown = (before or versions[:1])[-1].field_dict
    entries = []
    for version in versions:
        if version.revision.date_created <= published or version.field_dict is shown:
            continue
        fields = version.field_dict
        if fields.get("status") != "published":
            continue  # changes made while it was taken down are counted when it is back
        rows = [row for row in compare(shown, fields) if row["changed"]]
        if rows:
            entries.append({"when": version.revision.date_created, "rows": rows})
        shown = fields
    return entries
