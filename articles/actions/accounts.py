"""Newsroom accounts: the desk opens a 기자's account and reporter page in one step."""

from django.contrib.auth.models import Group, User
from django.db import transaction

from articles import roles
from articles.models import Reporter


def create_reporter_account(
    *,
    username: str,
    name: str,
    email: str,
    password: str,
    slug: str,
    desk: str = "",
) -> Reporter:
    """A staff account in the 기자 group, and the reporter page it writes under. A Korean name
    is split family name first (한지우: 한 + 지우), as the admin names people back."""
    family, given = (name[:1], name[1:]) if not name.isascii() else ("", name)
    with transaction.atomic():
        user = User.objects.create_user(
            username,
            email=email,
            password=password,
            is_staff=True,
            first_name=given,
            last_name=family,
        )
        user.groups.add(Group.objects.get(name=roles.REPORTER))
        return Reporter.objects.create(name=name, slug=slug, email=email, desk=desk, user=user)
