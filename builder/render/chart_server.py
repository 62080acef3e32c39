"""Imported by the chart workers' fork server (:mod:`builder.render.charts`) before it forks
any worker: matplotlib is imported, the figure built and drawn once here, so every worker
forked from the server starts ready to draw. The server and its workers run at a lower
priority (``NICENESS``), like the LibreOffice instances: the build's own process, whose deck
is the first thing LibreOffice converts, goes first.

The server's standard error (which its workers inherit) goes to /dev/null: a worker reports
its failures to the build through the pool, and one still starting when the build is stopped
would otherwise print multiprocessing's traceback under the build's "stopped" line.

The server's main module takes the name and path of the build's (``MAIN_ENV``): a worker
that inherits a main module of that name does not import the build's again (see
:func:`builder.render.charts._context`)."""

import importlib.machinery
import json
import os
import sys

from builder.render.charts import MAIN_ENV, NICENESS, painter

_main = json.loads(os.environ.get(MAIN_ENV) or "{}")
if _main.get("path"):
    sys.modules["__main__"].__file__ = _main["path"]
if _main.get("name"):
    sys.modules["__main__"].__spec__ = importlib.machinery.ModuleSpec(_main["name"], None)

_quiet = os.open(os.devnull, os.O_WRONLY)
os.dup2(_quiet, 2)
os.close(_quiet)
os.nice(NICENESS)
painter().warm()
