"""The comment form: every refusal is a Korean message next to its field, and what the reader
typed is rendered back into the form untouched."""

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing

from articles import text
from articles.models import Comment

TOKEN_SALT = "articles.comment-form"
# A form left open longer than this must be sent again (with a fresh token) to count. Longer
# than a page is kept (an hour) plus a while to write; each token is also good for one comment
# per address only (articles.actions.comments.spend_token), remembered this long.
TOKEN_MAX_AGE = 60 * 60 * 3

# Long enough that guessing it, at the few tries per hour that deleting allows, is hopeless.
PASSWORD_MIN_LENGTH = 6
# Longer than anyone types for a comment; bounds the hashing work a post can ask for.
PASSWORD_MAX_LENGTH = 64
# Past this many code points per character no one is writing: refused before counting.
MAX_CODE_POINTS_PER_CHARACTER = 100

# Words only the newsroom's own badge may carry: a reader's nickname cannot pose as staff.
RESERVED_NICKNAME_WORDS = ("기자", "편집자", "편집국", "관리자", "운영자")

MESSAGES = {
    "nickname_missing": "닉네임을 입력해 주세요.",
    "nickname_long": "닉네임은 {limit}자까지 쓸 수 있습니다.",
    "nickname_reserved": "닉네임에 ‘기자’, ‘편집자’, ‘관리자’, ‘운영자’ 같은 말은 쓸 수 없습니다.",
    "nickname_invisible": "닉네임에 보이지 않는 문자는 쓸 수 없습니다. 지우고 다시 입력해 주세요.",
    "marks": "글자 위아래에 덧붙는 기호가 너무 많습니다. 한 글자에 {limit}개까지 쓸 수 있습니다.",
    "duplicate": "같은 내용의 댓글을 방금 올렸습니다. 다른 내용을 써 주세요.",
    "password_missing": "삭제할 때 쓸 비밀번호를 입력해 주세요.",
    "password_short": "비밀번호는 {limit}자 이상으로, 남이 짐작하기 어렵게 정해 주세요.",
    "password_long": "비밀번호는 64자까지 쓸 수 있습니다.",
    "control": "보이지 않는 제어 문자(NUL 등)는 쓸 수 없습니다. 지우고 다시 등록해 주세요.",
    "body_missing": "댓글 내용을 입력해 주세요.",
    "body_long": "댓글은 {limit}자까지 쓸 수 있습니다. 지금 {length}자입니다.",
    "body_huge": "댓글은 {limit}자까지 쓸 수 있습니다.",
    "body_only_links": "링크만으로는 댓글을 쓸 수 없습니다. 하고 싶은 말을 함께 적어 주세요.",
    "body_many_links": "링크는 {limit}개까지 넣을 수 있습니다.",
    "parent_missing": "답글을 달 댓글을 찾을 수 없습니다.",
    "parent_closed": "삭제되었거나 검토 중인 댓글에는 답글을 달 수 없습니다.",
    "trap": "등록하지 못했습니다. 페이지를 새로 고친 뒤 다시 등록해 주세요.",
    "too_fast": "너무 빨리 등록했습니다. 몇 초 뒤에 다시 등록해 주세요.",
    "expired": "페이지를 연 지 오래되었습니다. 입력한 내용은 그대로 있으니 다시 등록해 주세요.",
    "spent": (
        "이 양식으로는 이미 댓글을 등록했습니다. "
        "입력한 내용은 그대로 있으니 한 번 더 등록해 주세요."
    ),
}


def issue_token(article_id, *, issued_at=None):
    """A signed note of when the form was handed out (for the minimum fill time and the
    token's age), with a nonce under which its one use is remembered."""
    issued_at = int(time.time() if issued_at is None else issued_at)
    nonce = secrets.token_urlsafe(9)
    return signing.dumps({"a": article_id, "t": issued_at, "n": nonce}, salt=TOKEN_SALT)


class PlainTextField(forms.CharField):
    """A text field that leaves every check to the form, so each refusal is ours, in Korean."""

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, **kwargs)
        self.validators = []  # the null-character check is part of clean_<field>


class CommentForm(forms.Form):
    nickname = PlainTextField(label="닉네임")
    password = PlainTextField(label="비밀번호")
    body = PlainTextField(label="댓글 내용")
    parent = forms.IntegerField(
        required=False, min_value=1, error_messages={"invalid": MESSAGES["parent_missing"]}
    )
    # The honeypot: hidden from people, filled in by simple bots.
    homepage = forms.CharField(required=False, strip=False)
    token = forms.CharField(required=False)

    def __init__(self, *args, article, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.user = user
        self.parent_comment = None
        # Set once the token is used (articles.views.comments): the form sent back gets a new one.
        self.token_spent = False

    @property
    def token_nonce(self):
        """The nonce of the token sent ("" for a token from before nonces: one per article)."""
        data = self._token_data(self.data.get("token", ""))
        return str(data.get("n", "")) if data else ""

    @property
    def is_staff(self):
        return bool(self.user and self.user.is_authenticated and self.user.is_staff)

    @property
    def token_value(self):
        """The token to render: the one sent if it is still good (its clock keeps running)."""
        sent = self.data.get("token", "") if self.is_bound else ""
        if self.token_spent:
            # Handed out for a form the reader already wrote and sent (a second comment, or
            # the one refused for its spent token): the time spent writing is behind them.
            return issue_token(
                self.article.pk, issued_at=time.time() - settings.COMMENT_MIN_FILL_SECONDS
            )
        if sent and self._issued_at(sent) is not None:
            return sent
        return issue_token(self.article.pk)

    @property
    def body_length(self):
        value = self["body"].value() or ""
        return text.visible_length(text.normalize_newlines(value))

    def _token_data(self, token):
        try:
            data = signing.loads(token, salt=TOKEN_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(data, dict) or data.get("a") != self.article.pk:
            return None
        return data

    def _issued_at(self, token):
        data = self._token_data(token)
        if data is None:
            return None
        issued_at = data.get("t")
        if not isinstance(issued_at, int) or time.time() - issued_at > TOKEN_MAX_AGE:
            return None
        return issued_at

    def clean_nickname(self):
        if self.is_staff:
            return ""
        value = self.cleaned_data["nickname"]
        if text.is_blank(value):
            raise forms.ValidationError(MESSAGES["nickname_missing"], code="required")
        if text.forbidden_characters(value):
            raise forms.ValidationError(MESSAGES["control"], code="control")
        if text.invisible_characters(value):
            raise forms.ValidationError(MESSAGES["nickname_invisible"], code="invisible")
        value = value.strip()
        limit = settings.COMMENT_NICKNAME_MAX_LENGTH
        field_limit = Comment._meta.get_field("nickname").max_length
        if text.visible_length(value) > limit or len(value) > field_limit:
            raise forms.ValidationError(
                MESSAGES["nickname_long"].format(limit=limit), code="max_length"
            )
        folded = text.folded_for_matching(value)
        if any(word in folded for word in RESERVED_NICKNAME_WORDS):
            raise forms.ValidationError(MESSAGES["nickname_reserved"], code="reserved")
        return value

    def clean_password(self):
        if self.is_staff:
            return ""
        value = self.cleaned_data["password"]
        if not value:
            raise forms.ValidationError(MESSAGES["password_missing"], code="required")
        if text.forbidden_characters(value):
            raise forms.ValidationError(MESSAGES["control"], code="control")
        if len(value) < PASSWORD_MIN_LENGTH:
            raise forms.ValidationError(
                MESSAGES["password_short"].format(limit=PASSWORD_MIN_LENGTH), code="min_length"
            )
        if len(value) > PASSWORD_MAX_LENGTH:
            raise forms.ValidationError(MESSAGES["password_long"], code="max_length")
        return value

    def clean_body(self):
        # The length is that of the text as typed (line breaks as the browser counts them), so
        # the live counter and this check never disagree; surrounding blanks are trimmed after.
        value = text.normalize_newlines(self.cleaned_data["body"])
        limit = settings.COMMENT_MAX_LENGTH
        if len(value) > limit * MAX_CODE_POINTS_PER_CHARACTER:
            raise forms.ValidationError(MESSAGES["body_huge"].format(limit=limit), code="huge")
        if text.is_blank(value):
            raise forms.ValidationError(MESSAGES["body_missing"], code="required")
        if text.forbidden_characters(value):
            raise forms.ValidationError(MESSAGES["control"], code="control")
        if text.most_marks_on_one_character(value) > text.MAX_MARKS_PER_CHARACTER:
            raise forms.ValidationError(
                MESSAGES["marks"].format(limit=text.MAX_MARKS_PER_CHARACTER), code="marks"
            )
        length = text.visible_length(value)
        if length > limit:
            raise forms.ValidationError(
                MESSAGES["body_long"].format(limit=limit, length=length), code="max_length"
            )
        if text.is_only_links(value):
            raise forms.ValidationError(MESSAGES["body_only_links"], code="only_links")
        max_links = settings.COMMENT_MAX_LINKS
        if len(text.links_in(value)) > max_links:
            raise forms.ValidationError(
                MESSAGES["body_many_links"].format(limit=max_links), code="links"
            )
        return value.strip()

    def clean_parent(self):
        pk = self.cleaned_data["parent"]
        if pk is None:
            return None
        parent = (
            Comment.objects.filter(pk=pk, article=self.article).select_related("parent").first()
        )
        if parent is None:
            raise forms.ValidationError(MESSAGES["parent_missing"], code="parent")
        # Replies are one level deep: a reply to a reply joins the thread of its top comment.
        if parent.parent_id:
            parent = parent.parent
        if parent.status != Comment.Status.VISIBLE:
            raise forms.ValidationError(MESSAGES["parent_closed"], code="parent")
        self.parent_comment = parent
        return parent.pk

    def clean(self):
        cleaned = super().clean()
        if self.data.get("homepage"):
            raise forms.ValidationError(MESSAGES["trap"], code="trap")
        issued_at = self._issued_at(self.data.get("token", ""))
        if issued_at is None:
            raise forms.ValidationError(MESSAGES["expired"], code="token")
        if time.time() - issued_at < settings.COMMENT_MIN_FILL_SECONDS:
            raise forms.ValidationError(MESSAGES["too_fast"], code="too_fast")
        return cleaned
