"""The task queue as the tests run it (settings.TASKS in tests/conftest.py).

A task runs where it is queued, as a worker would run it at once, and its errors reach the
test (the database queue would record them instead). A task queued for later (`run_after`)
waits until the test runs what has come due: `run_due(at)`. The server and cluster tests run
the real queue and worker instead.
"""

import datetime

from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

waiting: list[TaskResult] = []


class TestBackend(BaseTaskBackend):
    supports_defer = True
    supports_priority = True
    supports_get_result = False

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        if task.run_after is not None and task.run_after > timezone.now():
            waiting.append(result)
        else:
            _run(result)
        return result


def _run(result: TaskResult) -> None:
    result.task.call(*result.args, **result.kwargs)
    object.__setattr__(result, "status", TaskResultStatus.SUCCESSFUL)


def run_due(at: datetime.datetime | None = None) -> int:
    """Run the waiting tasks whose time has come by `at` (now); returns how many ran."""
    at = at or timezone.now()
    due = [result for result in waiting if result.task.run_after <= at]
    for result in due:
        waiting.remove(result)
        _run(result)
    return len(due)


def waiting_tasks(name: str) -> list[TaskResult]:
    """The tasks of function `name` still waiting for their time."""
    return [result for result in waiting if result.task.func.__name__ == name]
