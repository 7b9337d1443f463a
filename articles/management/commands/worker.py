import os
import secrets
import socket

from django.core.management.base import BaseCommand

from articles.models import TaskWorker
from newsroom import worker


class Command(BaseCommand):
    help = (
        "Run the queued tasks (purges, photo renditions, e-mails, search indexing, view counts) "
        "until stopped; tasks left running by a worker that was killed are run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=0.2,
            help="seconds between looks at an empty queue (default 0.2: a purge lands in well "
            "under a second)",
        )
        parser.add_argument("--queue", default="default", help="the queues to run, by comma")

    def handle(self, *, interval, queue, **options):
        worker_id = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"[:64]
        worker.run(TaskWorker, worker_id=worker_id, interval=interval, queues=queue.split(","))
