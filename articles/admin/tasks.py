"""The task queue (django-tasks' database backend) as a superuser sees it in the admin: its own
list, read-only, with the columns it names in English (plain strings, not translatable) named in
Korean; the field names and statuses are in locale/ko."""

from django.contrib import admin
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (
        "identifier",
        "task_label",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    )

    @admin.display(description="식별자")
    def identifier(self, result: DBTaskResult) -> str:
        return str(result.pk)

    @admin.display(description="작업")
    def task_label(self, result: DBTaskResult) -> str:
        return result.task_name

    @admin.display(description="오류 추적")
    def formatted_traceback(self, result: DBTaskResult) -> str:
        return super().formatted_traceback(result)

    @admin.display(description="실행 예정")
    def display_run_after(self, result: DBTaskResult):
        return super().display_run_after(result)
