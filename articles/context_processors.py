from django.conf import settings

from articles.models import Section


def site(request):
    """The site name and the top-level sections for the header navigation."""
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": Section.objects.filter(parent__isnull=True),
    }
