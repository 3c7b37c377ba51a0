"""The account (issue 14): language, e-mail and password, the active logins, the download of
all one's data and deleting the account.

One blueprint, `account`, over `app.domain.account` (the pure rules: what the download holds,
its README, what deleting removes, naming a browser); `store` reads and removes the user's rows,
`export` writes the ZIP as a stream.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("account", __name__)
