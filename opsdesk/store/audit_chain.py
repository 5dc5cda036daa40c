"""The audit trail's hash chain: each entry seals its content and the entry before it."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

# The prev_hash of the very first entry.
GENESIS = "0" * 64
# The line a closed quarter's workbook prints: the chain's newest entry, kept outside the register.
_ANCHOR = re.compile(r"History up to entry #(\d+), hash ([0-9a-f]{64})\b")
CONTENT_FIELDS = ("entity", "entity_id", "action", "field", "old_value", "new_value", "user", "at")


def canonical_time(value: datetime | str) -> str:
    """The entry time as UTC ISO text with microseconds, whatever form it was stored in."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.utcoffset() is None:
        value = value.replace(tzinfo=UTC)  # SQLite keeps UTC without the offset
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_content(entry: Mapping[str, Any]) -> str:
    """The entry's content fields as canonical JSON (sorted keys, no spaces)."""
    content = {name: entry.get(name) for name in CONTENT_FIELDS}
    content["at"] = canonical_time(content["at"])
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """sha256 of the previous entry's hash followed by this entry's canonical content."""
    return hashlib.sha256((prev_hash + canonical_content(entry)).encode("utf-8")).hexdigest()


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _plain_content(entry: Mapping[str, Any], at: str) -> str | None:
    """`canonical_content` for an entry whose values are all text or None (None for any other).

    The canonical JSON written directly, keys in sorted order, each text as json.dumps
    (ensure_ascii=False) writes it; a value of another type makes the quoting refuse it.
    """
    quote = encode_basestring
    field, old, new = entry.get("field"), entry.get("old_value"), entry.get("new_value")
    try:
        return (
            '{"action":' + quote(entry.get("action")) + ',"at":' + quote(at)
            + ',"entity":' + quote(entry.get("entity")) + ',"entity_id":' + quote(entry.get("entity_id"))
            + ',"field":' + ("null" if field is None else quote(field))
            + ',"new_value":' + ("null" if new is None else quote(new))
            + ',"old_value":' + ("null" if old is None else quote(old))
            + ',"user":' + quote(entry.get("user")) + "}"
        )  # fmt: skip
    except TypeError:
        return None


def chain(prev_hash: str | None, entries: Iterable[dict[str, Any]]) -> str:
    """Fill prev_hash and hash of new entries in order; returns the last hash.

    The same hashes as `entry_hash` for each entry, made faster for a batch: entries mostly
    share one time, whose canonical text is made once, and text values are written directly.
    """
    last = prev_hash or GENESIS
    times: dict[Any, str] = {}
    sha256 = hashlib.sha256
    for entry in entries:
        at = entry.get("at")
        text = times.get(at)
        if text is None:
            text = times[at] = canonical_time(at)
        content = _plain_content(entry, text)
        if content is None:
            values = {name: entry.get(name) for name in CONTENT_FIELDS}
            values["at"] = text
            content = _ENCODER.encode(values)
        entry["prev_hash"] = last
        entry["hash"] = last = sha256((last + content).encode("utf-8")).hexdigest()
    return last


def newest_link(connection: Connection | Session) -> Any:
    """The id and hash of the newest entry (None for an empty trail), read in the caller's transaction."""
    from opsdesk.store.models import AuditEntry

    table = AuditEntry.__table__
    return connection.execute(select(table.c.id, table.c.hash).order_by(table.c.id.desc()).limit(1)).first()


def last_hash(connection: Connection | Session) -> str:
    """The hash of the newest entry (GENESIS for an empty trail), read in the caller's transaction."""
    newest = newest_link(connection)
    return newest.hash if newest is not None and newest.hash else GENESIS


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """The result of walking the chain: ok, how many entries, and where it first breaks."""

    ok: bool
    entries: int
    first_bad_id: int | None = None
    reason: str = ""
    last_hash: str = GENESIS

    def describe(self) -> str:
        """One line in the catalogue's words (the reason is quoted as the check found it)."""
        from opsdesk.domain.catalogue import text

        if self.ok:
            return text("check.audit_intact", count=self.entries)
        return text("check.audit_altered", entry=self.first_bad_id, reason=self.reason)


def verify_audit_chain(session: Session | Connection) -> AuditCheck:
    """Walk every entry in id order and check its link to the previous one and its own seal."""
    from opsdesk.store.models import AuditEntry

    table = AuditEntry.__table__
    columns = [table.c.id, table.c.prev_hash, table.c.hash, *(table.c[name] for name in CONTENT_FIELDS)]
    expected_prev = GENESIS
    count = 0
    previous_id: int | None = None
    for row in session.execute(select(*columns).order_by(table.c.id)).mappings():
        count += 1
        if row["hash"] is None or row["prev_hash"] is None:
            return AuditCheck(False, count, row["id"], "it has no hash: it was written outside OpsDesk")
        if row["prev_hash"] != expected_prev:
            if previous_id is None:
                reason = (
                    "it is the first entry left but links to an earlier one: entries before it were deleted"
                )
            else:
                reason = (
                    f"it does not link to entry #{previous_id}: an entry between them was deleted or changed"
                )
            return AuditCheck(False, count, row["id"], reason)
        if entry_hash(row["prev_hash"], row) != row["hash"]:
            return AuditCheck(False, count, row["id"], "its content does not match its hash")
        expected_prev = row["hash"]
        previous_id = row["id"]
    return AuditCheck(True, count, None, "", expected_prev)


def anchor_text(entry_id: int, hash_: str) -> str:
    """The anchor line a report prints for the newest audit entry: "History up to entry #N, hash <64 hex>"."""
    return f"History up to entry #{entry_id}, hash {hash_}"


def find_anchor(text: str) -> tuple[int, str] | None:
    """The (entry id, hash) of the first anchor line in a text, None when it holds none."""
    match = _ANCHOR.search(text)
    return (int(match.group(1)), match.group(2)) if match else None


def anchor_problem(session: Session | Connection, entry_id: int, hash_: str) -> str | None:
    """Why the register's history up to an anchored entry is not what the anchor recorded; None when it is.

    The chain ties every earlier entry to that one's hash, so with an intact chain a matching
    hash means nothing up to it changed, even if someone rebuilt the whole chain afterwards.
    """
    from opsdesk.store.models import AuditEntry

    table = AuditEntry.__table__
    stored = session.execute(select(table.c.hash).where(table.c.id == entry_id)).first()
    if stored is None:
        return f"entry #{entry_id} is gone: the audit trail was cut back or the register replaced by an older copy"
    if stored.hash != hash_:
        return (
            f"entry #{entry_id} no longer has the hash printed in the report: history up to it was rewritten"
        )
    return None
