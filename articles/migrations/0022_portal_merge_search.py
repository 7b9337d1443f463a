from django.db import migrations


class Migration(migrations.Migration):
    """Joins the portal's migrations (0020, 0021) with the search's 0018, both after 0017."""

    dependencies = [
        ("articles", "0018_search_spacing"),
        ("articles", "0021_portal_site_pages"),
    ]

    operations = []
