"""The workspace database: each unit's report, draft, text versions and review decisions, in SQLite.

A refresh or a server restart loses nothing: every change is written here at once. Users see their own units;
an administrator sees all. A unit is changed by its id, so renaming it or moving its year never writes over another
unit; every draft text that is replaced stays in the version history, and every review decision in the decision log.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import InputError
from assistant.model import Draft, Report, labelled_validation_lines

SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    year INTEGER NOT NULL,
    report TEXT NOT NULL,
    draft TEXT,
    updated TEXT NOT NULL,
    UNIQUE (owner, name, year)
);
CREATE TABLE IF NOT EXISTS decisions (
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
    comment TEXT NOT NULL DEFAULT '',
    user TEXT NOT NULL,
    decided TEXT NOT NULL,
    PRIMARY KEY (unit_id, fingerprint)
);
CREATE TABLE IF NOT EXISTS decision_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    decision TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    user TEXT NOT NULL,
    decided TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS proposals (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
    changes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS text_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    part INTEGER NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    user TEXT NOT NULL,
    saved TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chat_undo (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
    payload TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS last_opened (
    user TEXT PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE
);
"""
SANDBOX_MARK = "（示例）"  # the name of a sandbox unit ends with it, so it never meets the user's real unit

# The times a clerk sees (已保存 HH:MM, 更新时间) are Beijing time, whatever the server's clock zone (China has no DST).
BEIJING = timezone(timedelta(hours=8), "北京时间")


def shown_time(stored: str) -> datetime:
    """A stored time as the clerk reads it: Beijing time (times stored before zones were kept are left as they are)."""
    when = datetime.fromisoformat(stored)
    return when.astimezone(BEIJING) if when.tzinfo else when


@dataclass(frozen=True)
class Unit:
    id: int
    owner: str
    name: str
    year: int
    report: Report
    draft: Draft | None
    updated: str

    @property
    def label(self) -> str:
        return f"{self.name} {self.year}年度"

    @property
    def sandbox(self) -> bool:
        return self.name.endswith(SANDBOX_MARK)


@dataclass(frozen=True)
class Decision:
    fingerprint: str
    decision: str
    comment: str
    user: str
    decided: str


@dataclass(frozen=True)
class TextVersion:
    """One saved text of one part of the draft (0 = title and preamble, 1-6 = the sections)."""

    id: int
    part: int
    text: str
    source: str  # 起草, 手工修改, 对话修改, 恢复, 起草前的版本
    user: str
    saved: str


def default_workspace() -> Path:
    return Path(os.environ.get("NIANBAO_WORKSPACE", "workspace"))


class Workspace:
    """Units, drafts and decisions in ``<dir>/nianbao.sqlite3``; safe to share between request threads."""

    def __init__(self, directory: str | Path | None = None):
        self.directory = Path(directory) if directory else default_workspace()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.directory.chmod(0o700)  # the units of every user: no one else on the server reads them
        self.path = self.directory / "nianbao.sqlite3"
        os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))  # SQLite's -wal/-shm files copy this mode
        self.path.chmod(0o600)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        return db

    @staticmethod
    def _now() -> str:
        return datetime.now(BEIJING).isoformat(timespec="seconds")

    # --- units ------------------------------------------------------------------------------------------
    def _taken(self, db: sqlite3.Connection, owner: str, name: str, year: int, other_than: int | None) -> bool:
        row = db.execute("SELECT id FROM units WHERE owner=? AND name=? AND year=?", (owner, name, year)).fetchone()
        return row is not None and row[0] != other_than

    def create(self, owner: str, report: Report, draft: Draft | None = None, sandbox: bool = False) -> Unit:
        """A new unit; InputError when the owner already has one of this name and year (nothing is overwritten)."""
        name, year = report.meta.organ_name + (SANDBOX_MARK if sandbox else ""), report.meta.year
        report_json = readable_back(report)
        with self._lock, self._connect() as db:
            if self._taken(db, owner, name, year, None):
                raise InputError(f"已有单位“{name} {year}年度”：请在“单位”中打开它，不会另建一份")
            cur = db.execute(
                "INSERT INTO units (owner, name, year, report, draft, updated) VALUES (?, ?, ?, ?, ?, ?)",
                (owner, name, year, report_json, draft.model_dump_json() if draft else None, self._now()))
            unit_id = cur.lastrowid
        assert unit_id is not None
        return self._must_get(unit_id)

    def update_report(self, unit_id: int, report: Report) -> Unit:
        """Store the unit's edited report (its name and year may change); InputError when the new name and year are
        those of another unit of the same owner (that unit stays as it is)."""
        unit = self._must_get(unit_id)
        name = report.meta.organ_name + (SANDBOX_MARK if unit.sandbox else "")
        year = report.meta.year
        report_json = readable_back(report)
        with self._lock, self._connect() as db:
            if self._taken(db, unit.owner, name, year, unit_id):
                raise InputError(f"已有另一个单位“{name} {year}年度”，未保存：不会覆盖它。"
                                 "如要做下一年度的报告，请用“另存为下一年度”")
            db.execute("UPDATE units SET name=?, year=?, report=?, updated=? WHERE id=?",
                       (name, year, report_json, self._now(), unit_id))
        return self._must_get(unit_id)

    def save_report(self, owner: str, report: Report, draft: Draft | None = None) -> Unit:
        """Insert or update the unit of (owner, organ, year); keeps the stored draft unless a new one is given."""
        name, year = report.meta.organ_name, report.meta.year
        with self._connect() as db:
            row = db.execute("SELECT id FROM units WHERE owner=? AND name=? AND year=?", (owner, name, year)).fetchone()
        if row is None:
            return self.create(owner, report, draft)
        unit = self.update_report(row[0], report)
        if draft is not None:
            self.save_draft(unit.id, draft)
            unit = self._must_get(unit.id)
        return unit

    def delete(self, unit_id: int) -> None:
        with self._lock, self._connect() as db:
            db.execute("DELETE FROM units WHERE id=?", (unit_id,))

    def save_draft(self, unit_id: int, draft: Draft) -> None:
        with self._lock, self._connect() as db:
            db.execute("UPDATE units SET draft=?, updated=? WHERE id=?", (draft.model_dump_json(), self._now(), unit_id))

    def _must_get(self, unit_id: int) -> Unit:
        unit = self.get(unit_id, "", admin=True)
        if unit is None:
            raise InputError("这个单位已被删除")
        return unit

    def get(self, unit_id: int, user: str, admin: bool = False) -> Unit | None:
        with self._connect() as db:
            row = db.execute("SELECT id, owner, name, year, report, draft, updated FROM units WHERE id=?",
                             (unit_id,)).fetchone()
        if row is None or (not admin and row[1] != user):
            return None
        return _unit(row)

    def _rows(self, user: str, admin: bool) -> list[tuple]:
        query = "SELECT id, owner, name, year, report, draft, updated FROM units"
        with self._connect() as db:
            return (db.execute(query + " ORDER BY updated DESC, id DESC").fetchall() if admin
                    else db.execute(query + " WHERE owner=? ORDER BY updated DESC, id DESC", (user,)).fetchall())

    def units(self, user: str, admin: bool = False) -> list[Unit]:
        """The units the user may open; a row that no longer reads back is left out (see :meth:`unreadable`)."""
        units = []
        for row in self._rows(user, admin):
            try:
                units.append(_unit(row))
            except InputError:
                continue
        return units

    def unreadable(self, user: str, admin: bool = False) -> list[str]:
        """Labels of the stored units that can no longer be read (e.g. written by an older version)."""
        labels = []
        for row in self._rows(user, admin):
            try:
                _unit(row)
            except InputError:
                labels.append(f"{row[2]} {row[3]}年度")
        return labels

    def remember_opened(self, user: str, unit_id: int) -> None:
        """The unit a user last worked on: a reload opens it again."""
        with self._lock, self._connect() as db:
            db.execute("INSERT INTO last_opened (user, unit_id) VALUES (?, ?) "
                       "ON CONFLICT (user) DO UPDATE SET unit_id=excluded.unit_id", (user, unit_id))

    def last_opened(self, user: str) -> int | None:
        with self._connect() as db:
            row = db.execute("SELECT unit_id FROM last_opened WHERE user=?", (user,)).fetchone()
        return row[0] if row else None

    # --- text versions ----------------------------------------------------------------------------------
    def add_versions(self, unit_id: int, texts: dict[int, str], source: str, user: str) -> None:
        """Keep these texts of the draft's parts in the history (a part's text equal to its latest is not repeated)."""
        now = self._now()
        with self._lock, self._connect() as db:
            for part, text in texts.items():
                last = db.execute("SELECT text FROM text_versions WHERE unit_id=? AND part=? ORDER BY id DESC LIMIT 1",
                                  (unit_id, part)).fetchone()
                if last is None or last[0] != text:
                    db.execute("INSERT INTO text_versions (unit_id, part, text, source, user, saved) "
                               "VALUES (?, ?, ?, ?, ?, ?)", (unit_id, part, text, source, user, now))

    def versions(self, unit_id: int, part: int) -> list[TextVersion]:
        """A part's versions, newest first."""
        with self._connect() as db:
            rows = db.execute("SELECT id, part, text, source, user, saved FROM text_versions WHERE unit_id=? AND part=? "
                              "ORDER BY id DESC", (unit_id, part)).fetchall()
        return [TextVersion(*r) for r in rows]

    def last_drafted(self, unit_id: int) -> dict[int, str]:
        """Each part's text as the drafter last wrote it."""
        with self._connect() as db:
            rows = db.execute("SELECT part, text FROM text_versions WHERE unit_id=? AND source='起草' ORDER BY id",
                              (unit_id,)).fetchall()
        return dict(rows)

    # --- review decisions ---------------------------------------------------------------------------------
    def decide(self, unit_id: int, fingerprint: str, decision: str, comment: str, user: str) -> None:
        """Record a decision: the latest one counts, every one stays in the decision log."""
        now = self._now()
        with self._lock, self._connect() as db:
            db.execute(
                "INSERT INTO decisions (unit_id, fingerprint, decision, comment, user, decided) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT (unit_id, fingerprint) DO UPDATE SET decision=excluded.decision, "
                "comment=excluded.comment, user=excluded.user, decided=excluded.decided",
                (unit_id, fingerprint, decision, comment, user, now))
            db.execute("INSERT INTO decision_log (unit_id, fingerprint, decision, comment, user, decided) "
                       "VALUES (?,?,?,?,?,?)", (unit_id, fingerprint, decision, comment, user, now))

    def decisions(self, unit_id: int) -> dict[str, Decision]:
        with self._connect() as db:
            rows = db.execute("SELECT fingerprint, decision, comment, user, decided FROM decisions WHERE unit_id=?",
                              (unit_id,)).fetchall()
        return {r[0]: Decision(*r) for r in rows}

    def decision_history(self, unit_id: int) -> dict[str, list[Decision]]:
        """Every decision per finding, oldest first."""
        with self._connect() as db:
            rows = db.execute("SELECT fingerprint, decision, comment, user, decided FROM decision_log WHERE unit_id=? "
                              "ORDER BY id", (unit_id,)).fetchall()
        history: dict[str, list[Decision]] = {}
        for r in rows:
            history.setdefault(r[0], []).append(Decision(*r))
        return history

    # --- chat proposals -----------------------------------------------------------------------------------
    def set_proposal(self, unit_id: int, changes: dict[str, object] | None) -> None:
        """Keep (or clear) table changes proposed in the chat until the user confirms them."""
        with self._lock, self._connect() as db:
            db.execute("DELETE FROM proposals WHERE unit_id=?", (unit_id,))
            if changes:
                db.execute("INSERT INTO proposals (unit_id, changes) VALUES (?, ?)",
                           (unit_id, json.dumps(changes, ensure_ascii=False)))

    def pending_proposal(self, unit_id: int) -> dict[str, object] | None:
        with self._connect() as db:
            row = db.execute("SELECT changes FROM proposals WHERE unit_id=?", (unit_id,)).fetchone()
        return json.loads(row[0]) if row else None


    def set_undo(self, unit_id: int, payload: dict[str, Any] | None) -> None:
        """What undoing the chat's last change puts back (texts or cells), or None once it has been undone."""
        with self._lock, self._connect() as db:
            db.execute("DELETE FROM chat_undo WHERE unit_id=?", (unit_id,))
            if payload:
                db.execute("INSERT INTO chat_undo (unit_id, payload) VALUES (?, ?)",
                           (unit_id, json.dumps(payload, ensure_ascii=False, default=str)))

    def pending_undo(self, unit_id: int) -> dict[str, Any] | None:
        with self._connect() as db:
            row = db.execute("SELECT payload FROM chat_undo WHERE unit_id=?", (unit_id,)).fetchone()
        return json.loads(row[0]) if row else None


def readable_back(report: Report) -> str:
    """The report as stored, after checking it reads back (a unit that cannot be opened again is never stored):
    InputError “无法保存：…” otherwise."""
    text = report.model_dump_json()
    try:
        Report.model_validate_json(text)
    except ValidationError as exc:
        raise InputError("无法保存：单位数据有误", labelled_validation_lines(exc)) from None
    return text


def _unit(row: tuple) -> Unit:
    try:
        draft = Draft.model_validate(json.loads(row[5])) if row[5] else None
        report = Report.model_validate_json(row[4])
    except (ValidationError, ValueError):
        raise InputError(f"单位“{row[2]} {row[3]}年度”的已存数据无法读取（可能已损坏），请重新导入该单位") from None
    return Unit(row[0], row[1], row[2], row[3], report, draft, row[6])
