"""Two editors, one article: no save silently undoes another, and each sees who else is in.

The article form carries the version it was opened at (the article's updated_at). A save of a
form opened before the article last changed is refused with who saved it and when, keeping
everything typed; saving that form again then overwrites knowingly. While a form is open, a
heartbeat (static/js/article-editing.js) records the editor, and the form names the others.
"""

from datetime import timedelta

from django import forms
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as date_format

from articles import roles, tags
from articles.models import Article, EditingSession

PRESENCE_SECONDS = 45  # two missed heartbeats (every 20 s) and an editor is gone

CONFLICT = (
    "{who}님이 {when}에 이 기사를 먼저 저장했습니다. 입력한 내용은 아래에 그대로 있습니다. "
    "다른 탭에서 기사를 열어 바뀐 내용을 확인한 뒤, 이 내용으로 덮어쓰려면 다시 저장해 주세요."
)


# The statuses a 기자 may still edit; once the desk has published or archived a story it is the
# desk's (ArticleAdmin.has_change_permission).
REPORTER_EDITABLE = (Article.Status.DRAFT, Article.Status.REVIEW)

TAKEN_BY_DESK = (
    "{who}님이 {when}에 이 기사를 ‘{status}’(으)로 바꿔 기자는 더 고칠 수 없습니다. "
    "저장하지 않았고, 입력한 내용은 아래에 그대로 있습니다. 고칠 내용을 복사해 데스크에 "
    "보내 주세요."
)


def last_saved_by(article):
    """(name, time) of the last save recorded in the admin's history, if any."""
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=str(article.pk),
            action_flag__in=[CHANGE],
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    if entry is None:
        return "다른 사람", article.updated_at
    user = entry.user
    return user.get_full_name() or user.get_username(), entry.action_time


class VersionedArticleForm(forms.ModelForm):
    """The admin's article form, refusing a save over a newer version."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    # Set while restoring a revision: the stored version before reversion put the old one back
    # for the form to validate against (ArticleAdmin.revision_view).
    stored_version = None
    # Who is saving (set by ArticleAdmin.get_form): a 기자 may save only while the stored
    # story is still theirs to edit.
    editor = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The stored version, also when the form shows an older revision to restore.
            current = self.stored_version or (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            self.fields["version"].initial = current.isoformat() if current else ""

    def clean_tags(self):
        names = self.cleaned_data.get("tags") or []
        if without := [name for name in names if not tags.has_address(name)]:
            raise forms.ValidationError(
                "태그 %(names)s에는 글자나 숫자가 없어 태그 페이지를 만들 수 없습니다. "
                "글자나 숫자를 넣거나 지워 주세요.",
                code="tag_without_letters",
                params={"names": ", ".join(f"‘{name}’" for name in without)},
            )
        return names

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # Locked until this save commits: a concurrent save waits, then sees this one. (The
        # preview validates the form too, outside any transaction, and saves nothing.)
        stored = Article.objects.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            stored = stored.select_for_update()
        row = stored.values_list("updated_at", "status").first()
        if row is None:
            return cleaned
        current = self.stored_version or row[0]
        if self.editor is not None and not roles.can_publish(self.editor):
            self._refuse_if_taken_by_desk(Article.Status(row[1]))
        sent = self.data.get(self.add_prefix("version"), "")
        if sent != current.isoformat():
            who, when = last_saved_by(self.instance)
            when_text = date_format(timezone.localtime(when), "Y.m.d H:i:s")
            # Saving this form again is a deliberate overwrite of the version just shown.
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = current.isoformat()
            raise forms.ValidationError(CONFLICT.format(who=who, when=when_text), code="conflict")
        return cleaned

    def _refuse_if_taken_by_desk(self, status):
        """A 기자's form opened while the story was theirs, sent after the desk published or
        archived it: nothing is saved, what they typed stays in the form, and they learn who
        took it and when (not a bare 403 that loses the paragraph)."""
        if status in REPORTER_EDITABLE:
            return
        who, when = last_saved_by(self.instance)
        raise forms.ValidationError(
            TAKEN_BY_DESK.format(
                who=who,
                when=date_format(timezone.localtime(when), "Y.m.d H:i:s"),
                status=status.label,
            ),
            code="taken_by_desk",
        )


def mark_present(article, user):
    EditingSession.objects.update_or_create(
        article=article, user=user, defaults={"seen_at": timezone.now()}
    )


def others_present(article, user):
    """Names of the other staff with this article's form open now."""
    since = timezone.now() - timedelta(seconds=PRESENCE_SECONDS)
    sessions = (
        EditingSession.objects.filter(article=article, seen_at__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("seen_at")
    )
    return [s.user.get_full_name() or s.user.get_username() for s in sessions]


def leave(article, user):
    EditingSession.objects.filter(article=article, user=user).delete()
