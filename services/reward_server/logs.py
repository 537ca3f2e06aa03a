"""Request ids: taken from ``X-Request-ID`` or made, kept in a ContextVar, stamped on every log record; query strings
redacted from uvicorn's access log (a key sent as ``?api_key=`` must not reach disk)."""

from __future__ import annotations

import contextvars
import logging
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("drirl_request_id", default="-")


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` so formats can print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class RedactQueryString(logging.Filter):
    """uvicorn's access record is ``'%s - "%s %s HTTP/%s" %d'`` with the path *and query* as its third argument:
    keep the parameter names, replace every value (a secret may be any of them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (args[0], args[1], redact_query(args[2]), *args[3:])
        return True


def redact_query(path: str) -> str:
    """``/score?api_key=s3cr3t&x=1`` → ``/score?api_key=[redacted]&x=[redacted]``."""
    base, _, query = path.partition("?")
    if not query:
        return path
    names = (part.partition("=")[0] for part in query.split("&"))
    return base + "?" + "&".join(f"{name}=[redacted]" for name in names)


def redact_access_log() -> None:
    """Install :class:`RedactQueryString` on uvicorn's access logger (idempotent; any log config keeps it)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactQueryString) for f in access.filters):
        access.addFilter(RedactQueryString())


def configure_logging(level: str = "info") -> None:
    """Entry points only: one stderr handler with the request id in each line."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("httpx", "httpcore", "urllib3", "filelock", "sentence_transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
