"""Run callables at the same instant on their own threads and connections.

For race tests under `django_db(transaction=True)`: every thread waits at a
barrier, then runs its target against its own database connection.
"""

import threading

from django.db import connection


def run_together(targets) -> list[Exception]:
    """Start every target at once; return the exceptions they raised."""
    barrier = threading.Barrier(len(targets))
    errors = []

    def run(target):
        try:
            barrier.wait()
            target()
        except Exception as exc:  # collected and checked by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
