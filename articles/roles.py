"""Newsroom roles as permission groups: 기자 write their own drafts, 데스크 publish and moderate.

The groups are brought up to date after every migrate, so a fresh site has them and a changed
definition here reaches every existing site. 관리자 are superusers.
"""

from django.contrib.auth.models import AnonymousUser, Group, Permission, User

REPORTER = "기자"
DESK = "데스크"

_ALL = ("add", "change", "delete", "view")

ROLES = {
    REPORTER: {
        "articles.article": ("add", "change", "view"),
        "articles.articlereporter": _ALL,
        "articles.photo": _ALL,
        "articles.section": ("view",),
        "articles.reporter": ("view",),
        "taggit.tag": ("add", "view"),
    },
    DESK: {
        "articles.article": (*_ALL, "publish"),
        "articles.articlereporter": _ALL,
        "articles.photo": _ALL,
        "articles.section": _ALL,
        "articles.reporter": _ALL,
        "articles.curatedbox": _ALL,
        "articles.curatedslot": _ALL,
        "articles.comment": ("change", "view"),
        "articles.bannedword": _ALL,
        "articles.reaction": ("delete", "view"),
        "taggit.tag": _ALL,
        "articles.publisher": ("add", "change", "view"),
        "articles.sitepage": _ALL,
        # Sign-in lockouts (django-axes): the desk sees them and lifts one by deleting it.
        "axes.accessattempt": ("delete", "view"),
        "axes.accessfailurelog": ("view",),
        "axes.accesslog": ("view",),
    },
}


def display_name(user: User) -> str:
    """A colleague's name as the newsroom writes it: a Korean name family name first with no
    space (한데스크), a name in Latin letters given name first (Jane Doe); else the username."""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first.isascii() and last.isascii():
        return f"{first} {last}".strip() or user.get_username()
    return f"{last}{first}"


def can_publish(user: User | AnonymousUser) -> bool:
    return user.has_perm("articles.publish_article")


def sync_roles(**kwargs: object) -> None:
    """post_migrate: create the groups and set exactly the permissions listed above."""
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted: list[Permission] = []
        for label, actions in grants.items():
            app_label, model = label.split(".")
            codenames = [f"{action}_{model}" for action in actions]
            wanted += Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        group.permissions.set(wanted)
