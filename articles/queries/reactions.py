"""Reading reactions: what one visitor pressed on an article."""

from articles.models import Reaction


def pressed_kinds(*, article, visitor):
    """The kinds this visitor has pressed on this article, in one query."""
    return set(
        Reaction.objects.filter(article=article, visitor=visitor).values_list("kind", flat=True)
    )
