"""Imported by the chart workers' fork server (:mod:`builder.render.charts`) before it forks
any worker: matplotlib is imported, the figure built and drawn once here, so every worker
forked from the server starts ready to draw.

The server's standard error (which its workers inherit) goes to /dev/null: a worker reports
its failures to the build through the pool, and one still starting when the build is stopped
would otherwise print multiprocessing's traceback under the build's "stopped" line."""

import os

from builder.render.charts import painter

_quiet = os.open(os.devnull, os.O_WRONLY)
os.dup2(_quiet, 2)
os.close(_quiet)
painter().warm()
