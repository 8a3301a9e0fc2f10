import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Wait until the database accepts connections."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=60.0,
            help="Give up after this many seconds (default 60).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between attempts (default 1).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, timeout, interval, database, **options):
        connection = connections[database]
        deadline = time.monotonic() + timeout
        attempt = 0
        while True:
            attempt += 1
            try:
                connection.ensure_connection()
            except OperationalError as error:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    logger.error("Database unreachable after %s attempts.", attempt)
                    raise CommandError(
                        f"Database unavailable after {timeout:g} s "
                        f"({attempt} attempts): {error}".strip()
                    ) from error
                self.stdout.write(
                    f"Database unavailable, waiting {interval:g} s "
                    f"(attempt {attempt})..."
                )
                time.sleep(min(interval, remaining))
            else:
                self.stdout.write(self.style.SUCCESS("Database available."))
                return
