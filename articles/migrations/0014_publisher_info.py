from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0013_article_video'),
    ]

    operations = [
        migrations.CreateModel(
            name='Publisher',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('registration', models.CharField(blank=True, help_text='예: 서울 아00000 (등록일 2026.01.01)', max_length=60, verbose_name='등록번호')),
                ('publisher', models.CharField(blank=True, max_length=40, verbose_name='발행인')),
                ('editor', models.CharField(blank=True, max_length=40, verbose_name='편집인')),
                ('youth_officer', models.CharField(blank=True, max_length=40, verbose_name='청소년보호책임자')),
                ('address', models.CharField(blank=True, max_length=200, verbose_name='주소')),
                ('contact', models.CharField(blank=True, help_text='예: 02-000-0000 · desk@example.com', max_length=120, verbose_name='연락처')),
            ],
            options={
                'verbose_name': '발행 정보',
                'verbose_name_plural': '발행 정보',
                'constraints': [models.CheckConstraint(condition=models.Q(('pk', 1)), name='publisher_single_row', violation_error_message='발행 정보는 하나만 둡니다.')],
            },
        ),
    ]
