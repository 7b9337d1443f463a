"""The search index (articles/search.py): an FTS5 table on SQLite, a tsvector table with a GIN
index on PostgreSQL, filled from the articles already there."""

from django.db import migrations


def create(apps, schema_editor):
    from articles import search

    conn = schema_editor.connection
    index = search.backend(conn)
    with conn.cursor() as cursor:
        for statement in index.create:
            cursor.execute(statement)
    search.rebuild(
        apps.get_model("articles", "Article").objects.all(), conn=conn, announce=False
    )


def drop(apps, schema_editor):
    from articles import search

    with schema_editor.connection.cursor() as cursor:
        for statement in search.backend(schema_editor.connection).drop:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_publisher_info"),
    ]

    operations = [migrations.RunPython(create, drop)]
