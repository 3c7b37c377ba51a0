"""Forgotten passwords: one-time reset links, the mails that carry them, and their limits.

The rules of a link (its token, hash, lifetime, mail text) are in app/domain/resets.py; this
module stores and uses them. No Flask request objects here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update

from app import mail
from app.auth import accounts
from app.domain import resets as rules
from app.extensions import db
from app.locks import take_turn
from app.models import LoginFailure, LoginSession, PasswordReset, ResetRequest, User

MAIL_WINDOW = timedelta(hours=1)


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def create_reset(user: User, now: datetime | None = None) -> str:
    """A new link for `user`, valid for an hour; returns the token (only its hash is stored).

    Links made before and not used are invalidated (marked used), so only the newest works."""
    now = now or datetime.now(UTC)
    token = rules.new_token()
    db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.add(
        PasswordReset(
            user_id=user.id,
            token_hash=rules.token_hash(token),
            created_at=now,
            expires_at=rules.expiry(now),
        )
    )
    db.session.commit()
    return token


def _find(token: str) -> PasswordReset | None:
    if not rules.looks_like_token(token):
        return None
    return db.session.scalar(
        select(PasswordReset).where(PasswordReset.token_hash == rules.token_hash(token))
    )


def check_link(token: str, now: datetime | None = None) -> tuple[rules.LinkState, User | None]:
    """Whether the link with `token` can be used now (or why not), and whose it is when it can."""
    reset = _find(token)
    if reset is None:
        return rules.LinkState.UNKNOWN, None
    state = rules.link_state(
        _aware(reset.expires_at), _aware(reset.used_at), now or datetime.now(UTC)
    )
    if state is not rules.LinkState.VALID:
        return state, None
    return state, db.session.get(User, reset.user_id)


def use_reset(token: str, password: str, now: datetime | None = None) -> User | None:
    """Set a new password with a link: the user, or None when the link cannot be used.

    Marking the link used is one conditional UPDATE (not used, not expired), so two requests
    with the same link at once cannot both set a password. The user's logins all end (a
    thief logged in with the old password is out), their other links and login failures go."""
    now = now or datetime.now(UTC)
    reset = _find(token)
    if reset is None:
        return None
    marked = db.session.execute(
        update(PasswordReset)
        .where(
            PasswordReset.id == reset.id,
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if marked.rowcount != 1:
        db.session.rollback()
        return None
    user = db.session.get(User, reset.user_id)
    user.password_hash = accounts.generate_password_hash(password)
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    db.session.execute(
        delete(PasswordReset).where(PasswordReset.user_id == user.id, PasswordReset.id != reset.id)
    )
    db.session.execute(delete(LoginFailure).where(LoginFailure.email == user.email))
    db.session.commit()
    return user


def reserve_mail(email: str, ip: str, per_address: int, per_ip: int) -> bool:
    """Record a request for a reset mail; False when this address or this IP address had its
    share within the hour (then nothing is stored and no mail goes out).

    Known and unknown addresses are recorded and counted alike, so the limit tells nothing.
    Requests for one address take their turn (as logins do), so a burst cannot slip past."""
    email = accounts.normalise_email(email)
    take_turn(f"reset:{email}")
    db.session.add(ResetRequest(email=email, ip=ip[:64]))
    db.session.flush()
    since = datetime.now(UTC) - MAIL_WINDOW
    by_address, by_ip = (
        db.session.scalar(
            select(func.count(ResetRequest.id)).where(condition, ResetRequest.at >= since)
        )
        for condition in (ResetRequest.email == email, ResetRequest.ip == ip[:64])
    )
    if by_address > per_address or by_ip > per_ip:
        db.session.rollback()
        return False
    db.session.execute(delete(ResetRequest).where(ResetRequest.at < since))
    db.session.commit()
    return True


def send_reset_mail(
    email: str, locale: str, base_url: str, sender: str, smtp: mail.SmtpSettings
) -> bool:
    """The mail job: when `email` has an account, a new link mailed in the account's language
    (else `locale`, the language of the page that asked). Whether a mail went out."""
    user = accounts.find_user(email)
    if user is None:
        return False
    token = create_reset(user)
    lang = user.locale or locale
    text = rules.reset_mail(lang, user.email, rules.reset_link(base_url, token))
    mail.send_message(smtp, mail.build_message(sender, user.email, text))
    return True
