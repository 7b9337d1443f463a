from django.db import migrations, models


def add_default_pages(apps, schema_editor):
    from articles import site_pages

    site_pages.add_default_pages(apps.get_model("articles", "SitePage"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0020_portal_view_count_option"),
    ]

    operations = [
        migrations.CreateModel(
            name="SitePage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(max_length=40, unique=True, verbose_name="주소 이름")),
                ("title", models.CharField(max_length=60, verbose_name="제목")),
                (
                    "body",
                    models.TextField(
                        help_text="빈 줄로 문단을 나눕니다. 줄 맨 앞의 '## '는 소제목이 됩니다.",
                        verbose_name="본문",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="순서")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="최종 수정")),
            ],
            options={
                "verbose_name": "안내 페이지",
                "verbose_name_plural": "안내 페이지",
                "ordering": ["order", "id"],
            },
        ),
        migrations.RunPython(add_default_pages, migrations.RunPython.noop),
    ]
