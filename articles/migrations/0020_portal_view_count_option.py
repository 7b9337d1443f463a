from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_desk_trash"),
    ]

    operations = [
        migrations.AddField(
            model_name="publisher",
            name="show_view_count",
            field=models.BooleanField(
                default=False,
                help_text="켜면 기사 페이지의 입력·수정 시각 옆에 조회수를 보여 줍니다.",
                verbose_name="기사에 조회수 표시",
            ),
        ),
    ]
