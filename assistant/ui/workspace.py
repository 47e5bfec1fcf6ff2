"""The workspace database: each unit's report, draft and review decisions, in SQLite.

A refresh or a server restart loses nothing: every change is written here at once. Users see their own units;
an administrator sees all.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from assistant.errors import InputError, describe_validation_error
from assistant.model import Draft, Report

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
CREATE TABLE IF NOT EXISTS proposals (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
    changes TEXT NOT NULL
);
"""


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


@dataclass(frozen=True)
class Decision:
    fingerprint: str
    decision: str
    comment: str
    user: str
    decided: str


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
        return datetime.now().isoformat(timespec="seconds")

    def save_report(self, owner: str, report: Report, draft: Draft | None = None) -> Unit:
        """Insert or update the unit of (owner, organ, year); keeps the stored draft unless a new one is given."""
        name, year = report.meta.organ_name, report.meta.year
        report_json = _readable_back(report)
        with self._lock, self._connect() as db:
            row = db.execute("SELECT id, draft FROM units WHERE owner=? AND name=? AND year=?",
                             (owner, name, year)).fetchone()
            draft_json = draft.model_dump_json() if draft else (row[1] if row else None)
            if row:
                db.execute("UPDATE units SET report=?, draft=?, updated=? WHERE id=?",
                           (report_json, draft_json, self._now(), row[0]))
                unit_id = row[0]
            else:
                cur = db.execute(
                    "INSERT INTO units (owner, name, year, report, draft, updated) VALUES (?, ?, ?, ?, ?, ?)",
                    (owner, name, year, report_json, draft_json, self._now()))
                unit_id = cur.lastrowid
        unit = self.get(unit_id, owner, admin=True)
        assert unit is not None
        return unit

    def save_draft(self, unit_id: int, draft: Draft) -> None:
        with self._lock, self._connect() as db:
            db.execute("UPDATE units SET draft=?, updated=? WHERE id=?", (draft.model_dump_json(), self._now(), unit_id))

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
            return (db.execute(query + " ORDER BY updated DESC").fetchall() if admin
                    else db.execute(query + " WHERE owner=? ORDER BY updated DESC", (user,)).fetchall())

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

    def decide(self, unit_id: int, fingerprint: str, decision: str, comment: str, user: str) -> None:
        with self._lock, self._connect() as db:
            db.execute(
                "INSERT INTO decisions (unit_id, fingerprint, decision, comment, user, decided) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT (unit_id, fingerprint) DO UPDATE SET decision=excluded.decision, "
                "comment=excluded.comment, user=excluded.user, decided=excluded.decided",
                (unit_id, fingerprint, decision, comment, user, self._now()))

    def decisions(self, unit_id: int) -> dict[str, Decision]:
        with self._connect() as db:
            rows = db.execute("SELECT fingerprint, decision, comment, user, decided FROM decisions WHERE unit_id=?",
                              (unit_id,)).fetchall()
        return {r[0]: Decision(*r) for r in rows}


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


def _readable_back(report: Report) -> str:
    """The report as stored, after checking it reads back (a unit that cannot be opened again is never stored)."""
    text = report.model_dump_json()
    try:
        Report.model_validate_json(text)
    except ValidationError as exc:
        raise InputError("无法保存：单位数据有误", describe_validation_error(exc)) from None
    return text


def _unit(row: tuple) -> Unit:
    try:
        draft = Draft.model_validate(json.loads(row[5])) if row[5] else None
        report = Report.model_validate_json(row[4])
    except (ValidationError, ValueError):
        raise InputError(f"单位“{row[2]} {row[3]}年度”的已存数据无法读取（可能已损坏），请重新导入该单位") from None
    return Unit(row[0], row[1], row[2], row[3], report, draft, row[6])
