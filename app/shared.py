"""Redis, when REDIS_URL is set: the state that every server process must share (issue 15).

One client per app and process (redis-py keeps a pool of connections inside it; a client made
before a fork is not used after it, since each process builds its own on first use).
"""

from __future__ import annotations

import os
import threading

from flask import Flask

_KEY = "exitcoach.redis"
_lock = threading.Lock()


def enabled(app: Flask) -> bool:
    return bool(app.config.get("REDIS_URL"))


def redis(app: Flask):
    """The app's Redis client (bytes replies), for this process."""
    import redis as redis_py

    with _lock:
        made = app.extensions.get(_KEY)
        if made is None or made[0] != os.getpid():
            client = redis_py.Redis.from_url(
                app.config["REDIS_URL"], socket_timeout=5, health_check_interval=30
            )
            made = app.extensions[_KEY] = (os.getpid(), client)
        return made[1]
