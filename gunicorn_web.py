"""gunicorn settings of the web service: the Dockerfile, docker-compose and
the benchmarks (bench/assessments.py) all serve with this file.

Threaded workers (gthread): a request spends part of its time waiting on
PostgreSQL and Redis, which another thread of the same worker uses, and
keep-alive connections do not hold a worker. `WEB_CONCURRENCY` (gunicorn's
own variable) sets the number of worker processes; the default, 2, one per
core of the 2-core host (measured: 3 workers gave a worse tail, see
docs/benchmarks.md). (Not named gunicorn.conf.py, which gunicorn would also load
for every other gunicorn run from this folder, such as bench/load.py's.)
"""

import os

bind = "0.0.0.0:8000"  # the benchmarks pass their own -b
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = 4
# Connections waiting for a free thread queue in the kernel, not in Python.
backlog = 2048
# Longer than a proxy's or load balancer's idle timeout (nginx and AWS ALB:
# 60 s), so the client side closes an idle connection first: a server that
# closes one just as a request arrives on it makes that request fail.
keepalive = 75
accesslog = "-"
# A worker that stops answering is replaced; a slow gateway call is not it.
timeout = 60
graceful_timeout = 30
