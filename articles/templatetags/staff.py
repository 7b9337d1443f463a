"""The admin's templates name colleagues as the newsroom writes names (articles.roles)."""

from django import template

from articles import roles

register = template.Library()


@register.filter
def staff_name(user):
    """{{ revision.user|staff_name }}: 한데스크, not 데스크 한 or a username."""
    return roles.display_name(user) if user is not None else ""
