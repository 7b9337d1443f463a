"""The search index again (articles/search/): words apart only by spaces are one run, and the
headline has a column (SQLite) or a weight (PostgreSQL) of its own. Built afresh from the
articles already there."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from articles import search

    conn = schema_editor.connection
    index = search.backend(conn)
    with conn.cursor() as cursor:
        for statement in [*index.drop, *index.create]:
            cursor.execute(statement)
    search.rebuild(apps.get_model("articles", "Article").objects.all(), conn=conn, announce=False)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_tasks_and_view_batches"),
    ]

    # Going back leaves the new index in place: 0015's code is this code.
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
