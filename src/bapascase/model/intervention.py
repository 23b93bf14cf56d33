"""Intervention, one file per session in ``interventions/``: what was done and how the client responded."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from bapascase.model.base import Doc, Privacy, field
from bapascase.model.plan import ActivityType
from bapascase.model.refs import check_short_id, id_schema
from bapascase.model.types import Date, Text

_SCHEME_OR_DRIVE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def check_attachment(value: Any) -> Any:
    """A path relative to the case's ``attachments/`` folder that cannot leave it.

    Refused: empty paths, absolute paths (``/x``, ``\\\\server\\x``), drive letters and URLs (``C:``, ``file:``),
    ``~`` home paths, any ``..`` segment and control characters. Backslashes count as separators.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        raise PydanticCustomError("bc_attachment_empty", "empty attachment path", {})
    if any(ord(ch) < 32 for ch in text):
        raise PydanticCustomError("bc_attachment_control", "control characters in path", {})
    norm = text.replace("\\", "/")
    if norm.startswith("/") or norm.startswith("~") or _SCHEME_OR_DRIVE.match(norm) or ":" in norm:
        raise PydanticCustomError("bc_attachment_absolute", "absolute attachment path", {})
    if any(part == ".." for part in norm.split("/")):
        raise PydanticCustomError("bc_attachment_parent", "attachment path leaves the folder", {})
    return text


AttachmentPath = Annotated[
    str,
    BeforeValidator(check_attachment),
    Field(json_schema_extra={"pattern": r"^(?![/\\~])(?!(.*[/\\])?\.\.([/\\]|$))[^:]+$", "examples": ["foto-sesi-1.jpg"]}),
]
GoalRef = Annotated[str, BeforeValidator(check_short_id), id_schema("T1")]


class InterventionDoc(Doc):
    """One intervention session: counselling, guidance, training, a home visit, a referral..."""

    doc_name = "intervention"
    title_id = "Sesi intervensi"
    title_en = "Intervention session"
    short_title_id = "Intervensi"
    short_title_en = "Intervention"

    date: Date = field("Tanggal sesi", "Session date", happened=True, privacy=Privacy.NOT_PERSONAL)
    type: ActivityType = field("Jenis kegiatan", "Activity type")
    topic: str | None = field(
        "Topik", "Topic", "Contoh: Rasa bersalah dan rencana hidup.", "E.g. Guilt and life plans.", default=None, privacy=Privacy.FREE_TEXT
    )
    goal_ids: list[GoalRef] = field(
        "Tujuan yang dituju", "Goals addressed", "Kode tujuan dari rencana, satu per baris (T1, ...).",
        "Goal ids from the plan, one per line (T1, ...).", default_factory=list, privacy=Privacy.NOT_PERSONAL,
    )
    participants: list[Text] = field(
        "Peserta", "Participants", "Selain klien, satu per baris.", "Besides the client, one per line.",
        default_factory=list, privacy=Privacy.FREE_TEXT,
    )
    facilitator: str | None = field(
        "Pelaksana / narasumber", "Facilitator / speaker", "Contoh: PK, narasumber Kanwil.",
        "E.g. the PK, a Kanwil speaker.", default=None, privacy=Privacy.FREE_TEXT,
    )
    place: str | None = field(
        "Tempat", "Place", "Contoh: Griya Abhipraya.", "E.g. Griya Abhipraya.", default=None, privacy=Privacy.FREE_TEXT,
    )
    duration_minutes: int | None = field("Lama (menit)", "Duration (minutes)", default=None, ge=1, le=1440)
    description: Text = field(
        "Yang dilakukan", "What was done", "Jalannya sesi.", "How the session went.", long=True
    )
    client_response: str | None = field(
        "Respons klien", "Client's response", "Sikap, ucapan dan keterlibatan klien.",
        "The client's attitude, words and involvement.", default=None, long=True,
    )
    observations: str | None = field("Hasil pengamatan", "Observations", default=None, long=True)
    follow_up: str | None = field("Tindak lanjut", "Follow-up", default=None, long=True)
    next_date: Date | None = field(
        "Sesi berikutnya", "Next session", default=None, privacy=Privacy.NOT_PERSONAL,
    )
    attachments: list[AttachmentPath] = field(
        "Lampiran", "Attachments", "Berkas di folder attachments/ kasus ini, mis. foto-sesi-1.jpg.",
        "Files in this case's attachments/ folder, e.g. foto-sesi-1.jpg.", default_factory=list, privacy=Privacy.FILE,
    )

    @model_validator(mode="after")
    def _next_after_date(self) -> InterventionDoc:
        if self.next_date is not None and self.next_date < self.date:
            raise PydanticCustomError("bc_next_before_date", "next date before this date", {"field": "next_date"})
        return self
