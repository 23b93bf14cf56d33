"""Facts derived from what is recorded, one function per fact: the casework stage, the supervision status, the
end of the masa bimbingan, current officer, age, days left, next wajib lapor, missed reports, what is due.

Pure and plain: no I/O, no pydantic. Every path that shows one of these facts (``show``, ``due``, ``list``,
``stats``, the index and every report) calls the function here, so two commands can never disagree about a case.
``summarize`` turns a ``CaseRecord`` into the index's JSON summary; ``dated`` adds the facts that depend on the
day (and on the casebook's default interval), so they are never cached stale.

Two ends, two statuses. The *termination* ends the casework relationship (the casework stage becomes
``terminated``); the *closing* (pengakhiran bimbingan) ends supervision in law. Until the closing the client
keeps reporting: wajib lapor, due items and progress reports go on after a termination. A reopening reverses the
latest end still in effect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from bapascase.model import grounds
from bapascase.model.bounds import DATE_MAX, DATE_MIN, INTERVAL_DAYS_MAX
from bapascase.model.outcomes import MET
from bapascase.model.records import CaseRecord, EventRecord
from bapascase.model.registry import SPECS, CaseStage, Stage
from bapascase.model.text import as_date, initials, person_key, shift

WL_PRESENT = "hadir"
WL_REMOTE = "jarak_jauh"
WL_ABSENT = "tidak_hadir"
REVOCATION_STREAK = 3  # missed reports in a row that are a ground for revocation
DAYS_PER_MONTH = 30.44
PROGRESS_MONTHS = 3  # a progress report without a TPP session before it covers this many months

# the kinds of legal event the derivations read (the classes are in ``model.event``; a test ties the names)
EV_TPP = "sidang_tpp"
EV_WARNING = "surat_peringatan"
EV_PROPOSAL = "usulan_pencabutan"
EV_REVOKED = "pencabutan_sementara"
EV_LIFTED = "pencabutan_sementara_dicabut"
EV_PERMIT = "izin_bepergian"
EV_TRANSFER = "pemindahan_bimbingan"
EV_PAYMENT = "pembayaran_restitusi"  # the 2026 community sentences (``model.event``)
EV_OUTCOME = "hasil_syarat"
EV_PERTIMBANGAN = "pertimbangan"

# a termination recorded before the two ends were told apart, whose reason was a legal ground: what it meant (a
# closing with this ground; ``check --fix`` moves it to closing.yaml)
LEGACY_TERMINATION_GROUNDS: dict[str, str] = {
    "ekspirasi": grounds.ENDED,
    "pencabutan": grounds.REVOKED,
    "dipindahkan": grounds.TRANSFERRED,
    "meninggal": grounds.DIED,
}

T = TypeVar("T")


class Supervision(StrEnum):
    """The supervision status, beside the casework stage."""

    ACTIVE = "active"
    REVOKED = "temporarily_revoked"  # pencabutan sementara, not lifted
    ENDED = "ended"  # pengakhiran bimbingan (closed)


class DueKind(StrEnum):
    """What can be due for a case (``due``; each has its ``due.<kind>`` message)."""

    TPP = "tpp"  # a scheduled TPP session
    REVOKED = "revoked"  # temporarily revoked: the revocation proposal is the next step
    REPORTED_WHILE_REVOKED = "reported_while_revoked"  # the client reports although temporarily revoked
    EXPIRED_OPEN = "expired_open"  # the masa bimbingan has ended and no closing is recorded
    PREPARE_CLOSING = "prepare_closing"  # the masa bimbingan ends within the horizon
    MONITORING = "monitoring"  # the next wajib lapor
    REVOCATION_PROPOSED = "revocation_proposed"  # missed reports in a row, the proposal is made
    REVOCATION_GROUND = "revocation_ground"  # missed reports in a row: a ground for revocation
    ABSENCES = "absences"  # missed wajib lapor in a row, one short of the revocation streak
    NO_ENGAGEMENT = "no_engagement"
    NO_ASSESSMENT = "no_assessment"
    REASSESSMENT = "reassessment"
    # the community sentences of UU 1/2023 (``sentence_items``)
    SERVICE_DONE = "service_done"  # the hours of kerja sosial are done
    SERVICE_UNFINISHED = "service_unfinished"  # the period ended with hours left
    SERVICE_IMPOSSIBLE = "service_impossible"  # the hours left no longer fit the days left at the most a day
    SERVICE_PACE = "service_pace"  # behind the pace needed to finish in time
    CONDITION_DUE = "condition_due"  # a special condition's deadline within the horizon
    CONDITION_OVERDUE = "condition_overdue"  # past its deadline with no outcome recorded
    CONDITION_BREACHED = "condition_breached"  # not met, and no pertimbangan since


# the kinds ``sentence_items`` gives: their messages show the figures of the sentence (hours, money, a condition)
SENTENCE_KINDS = frozenset({DueKind.SERVICE_DONE, DueKind.SERVICE_UNFINISHED, DueKind.SERVICE_IMPOSSIBLE,
                            DueKind.SERVICE_PACE, DueKind.CONDITION_DUE, DueKind.CONDITION_OVERDUE,
                            DueKind.CONDITION_BREACHED})


# read from the registry once (the caseload asks for every case)
_MOVES = tuple((s.name, s.moves_to) for s in SPECS if s.moves_to is not None and s.moves_to != CaseStage.TERMINATED)
_ORDER = {stage: i for i, stage in enumerate(CaseStage)}
_TERMINATION = "termination"
_CLOSING = "closing"
_BOTH = "both"


# -- the two ends -------------------------------------------------------------------------------------------------


Reopening = tuple[str | None, tuple[str, str | None] | None]  # (date, the end it reversed: (what, date) or None)


def ends_in_effect(ends: Sequence[tuple[str | None, str]], reopens: Sequence[str | Reopening | None]
                   ) -> list[tuple[str, str]]:
    """The ends ``(date, what)`` (``what``: termination | closing | both, a legacy termination that also ended
    supervision) still in effect after the reopenings, oldest first.

    A reopening is its date, or ``(date, reversed)`` where ``reversed`` is the end ``(what, date)`` it reversed as
    its file says (``reopen`` writes it): that end is reversed whatever was recorded after it, so a closing
    recorded after the reopening with an earlier date (a death recorded late) holds. One whose end is no longer
    there reverses nothing: two colleagues reopened the same closing in two clones, and the second must not
    reverse the termination before it. A reopening that does not say (a file from before ``reverses``) reverses
    by date: the latest end in effect before it; on one day an end comes before a reopening, and a termination
    before a closing."""
    remaining = [(d or "", what) for d, what in ends]
    by_date: list[str | None] = []
    for reopen in reopens:
        day, reversed_end = reopen if isinstance(reopen, tuple) else (reopen, None)
        if reversed_end is None:
            by_date.append(day)
        else:
            _reverse(remaining, reversed_end)
    order = {_TERMINATION: 0, _CLOSING: 1, _BOTH: 1}
    timeline = sorted([(d, 0, order.get(what, 1), what) for d, what in remaining]
                      + [(d or "", 1, 0, "") for d in by_date])
    active: list[tuple[str, str]] = []
    for day, is_reopen, _, what in timeline:
        if not is_reopen:
            active.append((day, what))
        elif active:
            active.pop()
    return active


def _reverse(ends: list[tuple[str, str]], reversed_end: tuple[str, str | None]) -> None:
    """Take the end a reopening names out of ``ends`` (the same kind and date; a legacy termination that ended
    both counts as either kind), when it is there."""
    what, day = reversed_end
    for kinds in ((what,), (_BOTH,)):
        found = [i for i, (d, w) in enumerate(ends) if w in kinds and d == (day or "")]
        if found:
            del ends[found[-1]]
            return


def record_ends(rec: CaseRecord) -> list[tuple[str, str]]:
    """The ends of a case in effect: its terminations and closings (a legacy termination on a legal ground
    counts as both), after its reopenings."""
    ends: list[tuple[str | None, str]] = [
        (day, _BOTH if reason in LEGACY_TERMINATION_GROUNDS else _TERMINATION) for day, reason in rec.terminations]
    ends += [(day, _CLOSING) for day, _ in rec.closings]
    return ends_in_effect(ends, rec.reopens)


def end_to_reverse(rec: CaseRecord) -> tuple[str, str | None] | None:
    """The end a reopening recorded now reverses, ``(what, date)`` as ``reopen`` writes it in ``reverses``: the
    legal end in effect when supervision is closed, else the latest termination in effect; None when neither."""
    closing = closing_in_effect(rec)
    if closing is not None:
        return _CLOSING, closing[0]
    day = termination_in_effect(rec)
    return (_TERMINATION, day or None) if day is not None else None


def termination_in_effect(rec: CaseRecord) -> str | None:
    """The date of the latest termination still in effect ("" when undated), or None when none is."""
    active = [day for day, what in record_ends(rec) if what in (_TERMINATION, _BOTH)]
    return active[-1] if active else None


def closing_in_effect(rec: CaseRecord) -> tuple[str | None, str | None] | None:
    """``(date, ground)`` of the legal end in effect, or None while supervision goes on."""
    active = [day for day, what in record_ends(rec) if what in (_CLOSING, _BOTH)]
    if not active:
        return None
    day = active[-1]
    grounds = [g for d, g in rec.closings if (d or "") == day]
    grounds += [LEGACY_TERMINATION_GROUNDS[r] for d, r in rec.terminations
                if (d or "") == day and r in LEGACY_TERMINATION_GROUNDS]
    return (day or None, grounds[-1] if grounds else None)


def is_terminated(rec: CaseRecord) -> bool:
    """The casework relationship has ended (and was not reopened since)."""
    return termination_in_effect(rec) is not None


# what says the client came: a wajib lapor made (in person or remotely), a kerja sosial session worked
SERVICE_ATTENDED = frozenset({"hadir", "terlambat", "pulang_awal"})


def after_the_end(end: object, died: bool, entries: Sequence[tuple[str, str, object, str]]
                  ) -> list[tuple[str, str, dt.date]]:
    """The records a legal end contradicts, earliest first (ties by source), each ``(source, stage, date)``.
    ``entries``: ``(source, stage, date, status)`` of the case's monitoring, service and intervention records;
    ``end``: the day supervision ended (the closing's date), or the day of death when the client died. The client
    came after it: a wajib lapor made (``monitoring``, status hadir or jarak_jauh) or a kerja sosial session worked
    (``service``) after that day, and after a death any intervention session. On the day itself nothing
    contradicts it (the client reported, then supervision ended). Empty when ``end`` is unknown."""
    day = as_date(end)
    if day is None:
        return []
    found = []
    for source, stage, when, status in entries:
        on = as_date(when)
        if on is None or on <= day:
            continue
        came = ((stage == Stage.MONITORING and status in (WL_PRESENT, WL_REMOTE))
                or (stage == Stage.SERVICE and status in SERVICE_ATTENDED)
                or (stage == Stage.INTERVENTION and died))
        if came:
            found.append((on, source, stage))
    return [(source, stage, on) for on, source, stage in sorted(found)]


def case_stage(counts: Mapping[str, int], terminated: bool) -> CaseStage:
    """The casework stage: terminated, else the furthest stage reached (from the number of documents of each
    kind)."""
    if terminated:
        return CaseStage.TERMINATED
    reached = [stage for name, stage in _MOVES if counts.get(name)]
    return max(reached, key=_ORDER.__getitem__, default=CaseStage.INTAKE)


def revoked_since(events: Sequence[EventRecord]) -> str | None:
    """The date of the temporary revocation in effect (the latest pencabutan sementara not lifted since)."""
    revoked: str | None = None
    for e in sorted(events, key=lambda x: x.date or ""):
        if e.kind == EV_REVOKED:
            revoked = e.date or ""
        elif e.kind == EV_LIFTED:
            revoked = None
    return revoked


# how long before a temporary revocation a revocation proposal still belongs to it (``due_items``)
PROPOSAL_BEFORE_REVOCATION_DAYS = 30


def pending_proposal(events: Sequence[EventRecord]) -> str | None:
    """The date of the revocation proposal of the matter in hand: the latest usulan pencabutan not answered
    since by the lifting of a temporary revocation. A proposal made before the temporary revocation it asks to
    make final counts (the Kepala Bapas may revoke temporarily while the Kanwil decides); one made in an earlier
    matter, whose revocation was lifted, does not."""
    proposed: str | None = None
    # on one day a lifting comes before a proposal (a new matter opened the day the old one closed)
    for e in sorted(events, key=lambda x: (x.date or "", x.kind != EV_LIFTED)):
        if e.kind == EV_PROPOSAL:
            proposed = e.date or ""
        elif e.kind == EV_LIFTED:
            proposed = None
    return proposed


def reported_while_revoked(revoked_on: str | None, reports: Sequence[tuple[str | None, str]]) -> str | None:
    """The latest wajib lapor made (in person or remotely) after the day of the temporary revocation in effect: the
    client still reports, which the revocation does not expect (``reports``: ``(date, status)``)."""
    if revoked_on is None:
        return None
    # a report on the day of the revocation was made before it (the client came, then was revoked)
    made = [d for d, status in reports if d and d > revoked_on and status in (WL_PRESENT, WL_REMOTE)]
    return max(made, default=None)


# -- warning letters (surat peringatan): SP1, SP2, SP3 in their order ---------------------------------------------

WARNING_TWICE = "twice"  # a letter of this order is recorded more than once
WARNING_SKIPPED = "skipped"  # no letter of the order before it dated earlier


def warning_letters(letters: Sequence[tuple[object, object]]) -> tuple[int, str | None, list[str | None]]:
    """The warning letters ``(date, order)`` read in their order: the highest letter actually reached (SP n
    counts when an SP n-1 that counts is dated before it), the date it was reached, and each letter's problem
    (``WARNING_TWICE``: another letter has its order; ``WARNING_SKIPPED``: no SP n-1 dated before it), else
    None. ``event`` refuses a letter with a problem and ``check`` reports one in a hand-written file: one rule."""
    dated = [(as_date(d), o if isinstance(o, int) and not isinstance(o, bool) else None) for d, o in letters]
    problems: list[str | None] = []
    for i, (day, order) in enumerate(dated):
        if order is None or day is None:
            problems.append(None)
        elif any(o == order for j, (_, o) in enumerate(dated) if j != i):
            problems.append(WARNING_TWICE)
        elif order > 1 and not any(o == order - 1 and d is not None and d < day for d, o in dated):
            problems.append(WARNING_SKIPPED)
        else:
            problems.append(None)
    level, reached = 0, dt.date.min
    for day, order in sorted((x for x in dated if x[0] is not None and x[1] is not None),
                             key=lambda x: (x[0], x[1])):
        assert day is not None
        if order == level + 1 and (level == 0 or day > reached):
            level, reached = level + 1, day
    return level, (reached.isoformat() if level else None), problems


def supervision_status(closed: bool, revoked_on: str | None) -> Supervision:
    if closed:
        return Supervision.ENDED
    if revoked_on is not None:
        return Supervision.REVOKED
    return Supervision.ACTIVE


# -- the two dates --------------------------------------------------------------------------------------------------


def add_years(day: dt.date, years: int) -> dt.date | None:
    """The same day ``years`` later (29 February becomes 28 February in a common year); None when that leaves the
    range dates can have (``model.bounds``), as ``text.shift`` does for days."""
    year = day.year + years
    if not DATE_MIN.year <= year <= DATE_MAX.year:
        return None
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def supervision_end(recorded: object, expiry: object, programme: object) -> tuple[dt.date | None, bool]:
    """The end of the masa bimbingan and whether it is derived: as recorded, else ekspirasi plus the programme's
    years (``programmes.end_rule``; PB: 1, CB/CMB/asimilasi: 0), else unknown (also when that would leave the
    range of dates)."""
    end = as_date(recorded)
    if end is not None:
        return end, False
    exp = as_date(expiry)
    if exp is None:
        return None, False
    from bapascase.model.programmes import end_rule

    years = end_rule(programme)
    derived = add_years(exp, years) if years is not None else None
    return derived, derived is not None


# -- people ---------------------------------------------------------------------------------------------------------


def current_officer(intake_officer: T | None, transfer_officers: Sequence[T]) -> T | None:
    """The officer in charge: the latest transfer's (transfers oldest first), else the one assigned at intake."""
    return transfer_officers[-1] if transfer_officers else intake_officer


def broken_handovers(intake_officer: str | None, transfers: Sequence[tuple[str | None, str]]
                     ) -> list[tuple[int, str]]:
    """The transfers (``(previous officer's name as recorded, new officer's name)``, oldest first as
    ``current_officer`` takes them) whose recorded previous officer is not the one in charge before them (the
    intake's, else the earlier transfer's new officer), each ``(its index, the officer in charge before it)``: two
    transfers made at once in two clones both hand the case over from the same officer, and which one holds is
    then decided by the order of their files, not by anyone. A later transfer made from the officer then in
    charge settles it (the officer saw who held the case and chose): the clashes before it are not returned."""
    out: list[tuple[int, str]] = []
    before = intake_officer
    for i, (previous, to) in enumerate(transfers):
        # the same person however the name was written (titles, case, spacing: a file edited by hand)
        if previous and before and person_key(previous) != person_key(before):
            out.append((i, before))
        elif previous and out:
            out = []
        before = to
    return out


def officer_at(intake_officer: T | None, transfers: Sequence[tuple[object, T]], day: object) -> T | None:
    """The officer in charge on ``day``: the one assigned at intake, or the new officer of the latest transfer
    made on or before that day (a transfer takes effect on its own date). A document keeps this officer as its
    author even after later transfers; an undated day means today's officer."""
    on = as_date(day)
    officer = intake_officer
    for when, to in sorted(transfers, key=lambda x: as_date(x[0]) or dt.date.min):
        moved = as_date(when)
        if on is None or moved is None or moved <= on:
            officer = to
    return officer


# a child in the sense of the juvenile justice law: not yet 18 (UU 11/2012 Pasal 1 angka 3); a child in conflict
# with the law is at least 12 at the offence (the same article; younger, the child is returned to the parents or
# placed in a programme by the investigator's decision, Pasal 21: no sentence, no child programme of a Bapas)
CHILD_AGE = 18
CHILD_MIN_AGE = 12


def child_age_at_offence(birth: object, offence: object) -> int | None:
    """The client's age at the offence when a child programme cannot hold it (under 12, or 18 and over: the
    juvenile justice law takes the age at the offence, Pasal 1 angka 3 and Pasal 20 UU 11/2012); None when it
    can, or when either date is unknown."""
    day = as_date(offence)
    years = age(birth, day) if day is not None else None
    if years is None or CHILD_MIN_AGE <= years < CHILD_AGE:
        return None
    return years


def child_client(programme_is_child: bool, birth: object, on: object) -> bool:
    """A child client: in a child programme, or under 18 on the day (an assessment's date). A child is never
    scored on an adult instrument."""
    if programme_is_child:
        return True
    day = as_date(on)
    years = age(birth, day) if day is not None else None
    return years is not None and years < CHILD_AGE


# what marks a narcotics case in the articles or the offence (UU 35/2009 Narkotika, UU 5/1997 Psikotropika)
NARCOTICS_MARKERS = ("narkotika", "narkoba", "psikotropika", "35/2009", "35 tahun 2009", "5/1997", "5 tahun 1997",
                     "napza", "sabu", "shabu", "ganja", "ekstasi", "heroin", "kokain")


def narcotics_case(articles: Sequence[str], offence: str | None) -> bool:
    """Whether the case is a narcotics case, as far as the articles and the offence say (the officer confirms it
    in the assessment: RRI part D is asked of narcotics cases)."""
    text = " ".join([*articles, offence or ""]).lower()
    return any(marker in text for marker in NARCOTICS_MARKERS)


# -- the sentence in the Lapas: the 1/3, 1/2 and 2/3 dates ---------------------------------------------------------


FRACTIONS = ((1, 3), (1, 2), (2, 3))


def sentence_end(first_detained: object, years: int, months: int) -> dt.date | None:
    """The end of the sentence as imposed, counted from the first day of detention (before any remisi)."""
    start = as_date(first_detained)
    if start is None or (years <= 0 and months <= 0):
        return None
    return add_months(start, years * 12 + months)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    import calendar

    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def sentence_fractions(first_detained: object, years: int, months: int, expiry: object
                       ) -> dict[str, dt.date] | None:
    """The days on which 1/3, 1/2 and 2/3 of the sentence have been served, and the ekspirasi: counted from the
    first day of detention to the ekspirasi the Lapas calculated (which takes remisi off), else to the end of the
    sentence as imposed. None without a first day of detention or either end."""
    start = as_date(first_detained)
    end = as_date(expiry) or sentence_end(first_detained, years, months)
    if start is None or end is None or end <= start:
        return None
    span = (end - start).days
    out = {f"{a}/{b}": start + dt.timedelta(days=span * a // b) for a, b in FRACTIONS}
    # whole months divide exactly when no remisi shortened the sentence: count them as the Lapas does
    if end == sentence_end(first_detained, years, months):
        total = years * 12 + months
        out = {f"{a}/{b}": (add_months(start, total * a // b) if total * a % b == 0 else out[f"{a}/{b}"])
               for a, b in FRACTIONS}
    out["ekspirasi"] = end
    return out


def age(birth: object, on: dt.date) -> int | None:
    """Full years from ``birth`` to ``on``; None when either is unknown or ``on`` is before the birth (a birth
    date typed in the future, which ``check`` names: no "-1 tahun", no child's rules drawn from it)."""
    b = as_date(birth)
    if b is None or b > on:
        return None
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def days_left(end: object, on: dt.date) -> int | None:
    e = as_date(end)
    return (e - on).days if e else None


# -- wajib lapor ----------------------------------------------------------------------------------------------------


def wajib_lapor_interval(contract_days: int | None, default_days: int) -> int:
    """Days between reports: the supervision contract's, else the casebook's default (a value outside 1 to
    ``INTERVAL_DAYS_MAX`` in a hand-edited file counts as none)."""
    if isinstance(contract_days, int) and 0 < contract_days <= INTERVAL_DAYS_MAX:
        return contract_days
    return default_days


def permit_covering(day: object, permits: Sequence[Sequence[str | None]]) -> tuple[dt.date, dt.date] | None:
    """The travel permit period ``(start, end)`` that covers ``day``, if any (permits as ``[start, end]``)."""
    d = as_date(day)
    if d is None:
        return None
    for start, end in permits:
        s, e = as_date(start), as_date(end)
        if s is not None and e is not None and s <= d <= e:
            return s, e
    return None


# Bapas offices are open Monday to Friday (``dt.date.weekday``: 5 is Saturday, 6 is Sunday)
CLOSED_WEEKDAYS = frozenset({5, 6})


def working_day(day: dt.date, holidays: Collection[dt.date] = ()) -> dt.date:
    """The day itself when the Bapas office is open, else the next day it is: a Saturday, a Sunday or a public
    holiday of the casebook's settings (``holidays``) moves to the next working day. The one rule for every
    wajib-lapor date the schedule gives (never for a date the officer recorded or set)."""
    while day.weekday() in CLOSED_WEEKDAYS or day in holidays:
        day += dt.timedelta(days=1)
    return day


def previous_working_day(day: dt.date, holidays: Collection[dt.date] = ()) -> dt.date:
    """The day itself when the Bapas office is open, else the working day before it (``working_day``, backwards)."""
    while day.weekday() in CLOSED_WEEKDAYS or day in holidays:
        day -= dt.timedelta(days=1)
    return day


def within_end(scheduled: dt.date, moved: dt.date, end: dt.date | None, holidays: Collection[dt.date] = ()
               ) -> dt.date:
    """The day a report the schedule gives is due (``moved``: ``scheduled`` moved off a closed day): when the move
    takes it past the last day of supervision (``end``) while the schedule's date is on or before it, the last
    working day on or before that day instead (supervision ending on Saturday 13 March: due Friday the 12th, not
    Monday the 15th, when there is no more reporting). The one rule for the end of the schedule."""
    if end is not None and scheduled <= end < moved:
        return previous_working_day(end, holidays)
    return moved


def wajib_lapor_due(
    *, closed: bool, last_report: object, requested: object, interval_days: int, start: object, intake: object,
    revoked: bool = False, end: object = None, permits: Sequence[Sequence[str | None]] = (),
    today: dt.date | None = None, holidays: Collection[dt.date] = (),
) -> tuple[dt.date, dt.date] | None:
    """When the client must report next, as ``(scheduled, due)``: the date the latest monitoring entry set
    (``next_date``, kept as the officer set it), else one interval after that entry, else one interval after the
    start of supervision (or the intake). A date a travel permit covers is excused: the report is due the day after
    the permit ends. A date the schedule gives (not one the officer set) that falls when the office is closed is
    due on the next working day (``working_day``), or on the last working day of supervision when that next one
    is after its end (``within_end``); ``scheduled`` is the date before that move, from which the reports after it
    are counted (``wajib_lapor_dates``), so the schedule never drifts. None once supervision has ended, while it
    is temporarily revoked, when the next report would fall after the end of the masa bimbingan, or once that end
    is before ``today`` (a report missed before it can no longer be made: the case is to be closed)."""
    if closed or revoked:
        return None
    asked = as_date(requested)
    derived = asked is None
    if asked is None:
        base = as_date(last_report) or as_date(start) or as_date(intake)
        asked = shift(base, interval_days)
    if asked is None:
        return None
    scheduled = due = asked
    for _ in range(len(permits) + 1):  # permits may follow one another; each covers a date once at most
        if derived:
            due = working_day(due, holidays)
        covering = permit_covering(due, permits)
        if covering is None:
            break
        moved = shift(covering[1], 1)
        if moved is None:
            return None
        scheduled = due = moved
        derived = True
    last_day = as_date(end)
    if derived:
        due = within_end(scheduled, due, last_day, holidays)
        if due < scheduled and permit_covering(due, permits) is not None:
            return None  # the client is away until the end: nothing left to report
    if last_day is not None and (due > last_day or (today is not None and last_day < today)):
        return None
    return scheduled, due


# the latest reports the schedule is followed through to find the day the next one counts from (``schedule_anchor``)
SCHEDULE_MEMORY = 12


def schedule_anchor(reports: Sequence[Sequence[str | None]], base: object, interval_days: int,
                    holidays: Collection[dt.date] = ()) -> dt.date | None:
    """The day the next wajib lapor counts from: the latest report's date, or the date the schedule gave for that
    report when it was made on the working day that date was moved to (due Saturday 5 December, made on Monday the
    7th: the next counts from the 5th, so the schedule keeps its own days instead of drifting two days a time).
    So does one made on the working day before (due Saturday 5 December and pulled back to Friday the 4th as the
    last day of supervision was near, ``within_end``; supervision then extended: the next counts from the 5th).
    ``reports``: ``(date, next_date)`` of the latest entries, oldest first (``SCHEDULE_MEMORY`` of them); ``base``:
    where the first of them counted from (the start of supervision) when they are all there, else None. None when
    no report is recorded."""
    anchor, requested, found = as_date(base), None, None
    for day, next_date in reports:
        d = as_date(day)
        if d is None:
            continue
        scheduled = shift(anchor, interval_days) if requested is None and anchor is not None else None
        moved = scheduled is not None and d != scheduled and d in (working_day(scheduled, holidays),
                                                                   previous_working_day(scheduled, holidays))
        anchor = found = scheduled if moved else d
        requested = as_date(next_date)
    return found


def next_wajib_lapor(**kwargs: Any) -> dt.date | None:
    """The day the client must report next (``wajib_lapor_due``'s second date), moved off a closed day."""
    found = wajib_lapor_due(**kwargs)
    return found[1] if found else None


def wajib_lapor_dates(scheduled: dt.date, due: dt.date, interval_days: int, end: dt.date | None, count: int,
                      holidays: Collection[dt.date] = ()) -> list[dt.date]:
    """The next ``count`` wajib-lapor dates from the next one (``due``, as the caller has it: ``wajib_lapor_due``'s,
    or the calendar's overdue one): one interval apart counted from the schedule (``scheduled``), each moved to a
    working day on its own, so a report moved from a Saturday to the Monday does not push the ones after it; the
    last one within ``end`` on the last working day before it when the move would take it past (``within_end``);
    none after ``end``."""
    out: list[dt.date] = [due] if count > 0 else []
    k = 1
    while len(out) < count:
        on = shift(scheduled, k * interval_days)
        if on is None:
            break
        day = within_end(on, working_day(on, holidays), end, holidays)
        if (end is not None and day > end) or day <= out[-1]:
            break
        out.append(day)
        k += 1
    return out


def report_overdue(next_due: object, today: dt.date) -> int | None:
    """How many days the next wajib lapor is overdue (it was due before today), else None: ``show``, ``due``,
    its reminder and the calendar all word an overdue report as one (to come as soon as possible)."""
    d = as_date(next_due)
    return (today - d).days if d is not None and d < today else None


def absent_streak(statuses: Sequence[str]) -> int:
    """How many of the latest wajib-lapor records in a row are 'absent' (statuses oldest first)."""
    n = 0
    for s in reversed(statuses):
        if s == WL_ABSENT:
            n += 1
        else:
            break
    return n


def missed_streak(reports: Sequence[tuple[str | None, str]], permits: Sequence[Sequence[str | None]] = ()
                  ) -> tuple[int, str | None]:
    """The latest run of missed reports ``(count, date of the first)``, from ``(date, status)`` oldest first. An
    absence on a day a travel permit covers is excused: it neither counts nor breaks the run."""
    counted = [status for day, status in reports if not (status == WL_ABSENT and permit_covering(day, permits))]
    dates = [day for day, status in reports if not (status == WL_ABSENT and permit_covering(day, permits))]
    n = absent_streak(counted)
    return n, (dates[-n] if n else None)


def missed_by_month(reports: Sequence[tuple[str | None, str]], permits: Sequence[Sequence[str | None]] = ()
                    ) -> dict[str, int]:
    """Missed wajib-lapor reports per calendar month (``"2026-11": 2``), from ``(date, status)``; an absence a
    travel permit covers is excused, as in ``missed_streak``."""
    out: dict[str, int] = {}
    for day, status in reports:
        d = as_date(day)
        if d is not None and status == WL_ABSENT and not permit_covering(d, permits):
            key = f"{d.year:04d}-{d.month:02d}"
            out[key] = out.get(key, 0) + 1
    return out


def months_between(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """Every calendar month ``(year, month)`` from ``start`` to ``end`` (both included)."""
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def months_without_records(report_dates: Sequence[object], start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """The months of ``start``..``end`` in which no wajib lapor or monitoring was recorded at all: a report says
    "no monitoring recorded" for them, never "no incidents"."""
    seen = {(d.year, d.month) for d in (as_date(x) for x in report_dates) if d is not None}
    return [ym for ym in months_between(start, end) if ym not in seen]


def tpp_ahead(summary: Mapping[str, Any], today: dt.date) -> list[dt.date]:
    """The TPP sessions of a case set for today or later, first first (``due``; the progress report's next one)."""
    return sorted(d for d in (as_date(x) for x in summary.get("tpp_dates") or ()) if d and d >= today)


def progress_period(tpp_dates: Sequence[object], today: dt.date) -> tuple[dt.date, dt.date]:
    """The period a progress report covers by default: since the day after the last TPP session held (before
    today), else the last three calendar months (this one included); to today."""
    held = [d for d in (as_date(x) for x in tpp_dates) if d is not None and d < today]
    if held:
        return max(held) + dt.timedelta(days=1), today  # held < today: never past the range
    first = months_before(today, PROGRESS_MONTHS - 1)
    return first.replace(day=1), today


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day when it is shorter: 31 May -> 28 February)."""
    return add_months(day, -months)


def reassessment_days(months: int) -> int:
    return round(months * DAYS_PER_MONTH)


# -- pidana kerja sosial: hours --------------------------------------------------------------------------------------

PACE_WINDOW_DAYS = 28  # the current pace: the hours of the last four weeks
PACE_MIN_DAYS = 7  # no pace is judged in the first week of the period


def hours_by_day(sessions: Sequence[tuple[str | None, float, str]]) -> dict[str, float]:
    """The hours credited on each day, from ``(date, hours, attendance)``."""
    out: dict[str, float] = {}
    for day, hours, _ in sessions:
        if day:
            out[day] = out.get(day, 0.0) + hours
    return out


def service_figures(ordered: int | None, sessions: Sequence[tuple[str | None, float, str]]) -> dict[str, Any] | None:
    """Hours ordered, done and left, and the attendance of the work sessions (``(date, hours, attendance)``,
    oldest first); None for a case without hours ordered."""
    if ordered is None:
        return None
    done = round(sum(h for _, h, _ in sessions), 2)
    attendance: dict[str, int] = {}
    for _, _, status in sessions:
        attendance[status] = attendance.get(status, 0) + 1
    return {
        "ordered": ordered,
        "done": done,
        "left": round(max(0.0, ordered - done), 2),
        "beyond": round(max(0.0, done - ordered), 2),
        "sessions": len(sessions),
        "attendance": attendance,
        "last_session": next((d for d, _, _ in reversed(sessions) if d), None),
        "days": hours_by_day(sessions),
    }


def daily_hours(per_day: object, programme: object) -> int | None:
    """The most hours one work day holds: the verdict's hours a day within the programme's statutory limit
    (``hours_per_day_max`` in ``programmes.yaml``: 8, Pasal 85 ayat (5) UU 1/2023)."""
    from bapascase.model.programmes import programme as programme_info

    info = programme_info(programme)
    limit = info.limit("hours_per_day_max") if info is not None else None
    values = [v for v in (per_day, limit.value if limit is not None else None)
              if isinstance(v, int) and not isinstance(v, bool) and v > 0]
    return min(values) if values else None


PLANNED_AHEAD = 12  # the next work sessions the schedule plans (the calendar shows them)


def service_planned(summary: Mapping[str, Any], today: dt.date) -> list[str]:
    """The next work sessions of kerja sosial by the agreed work days (ISO dates): as many as the hours left need
    at the most hours a day, within the period, skipping days already worked."""
    figures, daily = summary.get("hours"), summary.get("daily_hours")
    if summary.get("closed") or not figures or not isinstance(daily, int) or not summary.get("work_days"):
        return []  # (every case of the caseload asks: most have no kerja sosial)
    from bapascase.model.hours import planned_sessions
    from bapascase.model.text import DAYS

    names = [d.lower() for d in DAYS["id"]]  # ``sentences.WorkDay``'s values, in ``weekday()`` order
    weekdays = [names.index(d) for d in summary["work_days"] if d in names]
    planned = planned_sessions(weekdays, daily, float(figures["left"]), figures.get("days") or {},
                               as_date(summary.get("start")), as_date(summary.get("end")), today, PLANNED_AHEAD)
    return [d.isoformat() for d in planned]


def service_pace(figures: Mapping[str, Any] | None, start: object, end: object, today: dt.date,
                 daily: object = None) -> dict[str, Any] | None:
    """Whether the hours left can be worked in the time left, in hours per week.

    *Needed*: the hours left over the weeks from today to the end of the period (both days counted). *Achieved*
    (the current pace): the hours credited in the last four weeks of the period (fewer in its first weeks) over
    those weeks. The pace warns (``behind``) when the achieved pace is below the needed one, from the second week
    of the period on; ``impossible`` when even the most hours a day (``daily``, from ``daily_hours``) every day
    cannot finish it; ``overdue`` when the period has ended with hours left."""
    s, e = as_date(start), as_date(end)
    if figures is None or s is None or e is None:
        return None
    left = float(figures["left"])
    days_left = (e - today).days + 1  # today counts
    out: dict[str, Any] = {"needed": None, "achieved": None, "behind": False, "impossible": False,
                           "overdue": False, "days_left": max(0, days_left), "done": left <= 0}
    if left <= 0:
        return out
    if days_left <= 0:
        out["overdue"] = True
        return out
    out["needed"] = round(left / (days_left / 7), 1)
    window_start = max(s, today - dt.timedelta(days=PACE_WINDOW_DAYS - 1))
    window_days = (today - window_start).days + 1
    if window_days <= 0:  # the period has not begun
        return out
    recent = sum(h for d, h in (figures.get("days") or {}).items()
                 if (day := as_date(d)) is not None and window_start <= day <= today)
    out["achieved"] = round(recent / (window_days / 7), 1)
    elapsed = (today - s).days + 1
    out["behind"] = elapsed >= PACE_MIN_DAYS and out["achieved"] < out["needed"]
    out["impossible"] = isinstance(daily, int) and left > daily * days_left
    return out


# -- pidana pengawasan: conditions and restitution ---------------------------------------------------------------

CO_MET = MET  # a condition outcome: met (the rest: not met)
CK_NOT_DO = "tidak_melakukan"  # the kind of special condition that holds throughout the period


def conditions_state(conditions: Sequence[Mapping[str, Any]], payments: Sequence[Mapping[str, Any]],
                     outcomes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each special condition with what the events say of it: the restitution paid and outstanding (computed,
    never typed), and the latest outcome recorded. ``conditions``: ``{id, kind, deadline, amount}``; payments:
    ``{condition, amount, date}``; outcomes: ``{condition, outcome, date}`` (events oldest first)."""
    out = []
    for c in conditions:
        cid = c.get("id")
        paid = sum(int(p["amount"]) for p in payments
                   if p.get("condition") == cid and isinstance(p.get("amount"), int))
        amount = c.get("amount") if isinstance(c.get("amount"), int) else None
        latest = next((o for o in reversed(outcomes) if o.get("condition") == cid), None)
        outcome = latest.get("outcome") if latest else None
        outstanding = max(0, amount - paid) if amount is not None else None
        met = outcome == CO_MET or (amount is not None and outstanding == 0)
        out.append({"id": cid, "kind": c.get("kind"), "deadline": c.get("deadline"), "amount": amount,
                    "paid": paid if amount is not None else None, "outstanding": outstanding,
                    "outcome": outcome, "outcome_date": latest.get("date") if latest else None, "met": met})
    return out


def restitution_totals(state: Sequence[Mapping[str, Any]]) -> dict[str, int] | None:
    """Restitution ordered, paid and outstanding over every condition (None without a restitution condition)."""
    money = [c for c in state if c.get("amount") is not None]
    if not money:
        return None
    return {"ordered": sum(int(c["amount"]) for c in money), "paid": sum(int(c["paid"] or 0) for c in money),
            "outstanding": sum(int(c["outstanding"] or 0) for c in money)}


def condition_due(state: Sequence[Mapping[str, Any]], end: object, today: dt.date, horizon: int
                  ) -> list[tuple[DueKind, dt.date, dict[str, Any]]]:
    """The special conditions not yet met whose deadline (else the end of the period) is past (overdue) or
    within the horizon (due), each with what is outstanding."""
    out = []
    for c in state:
        if c.get("met") or c.get("outcome"):  # met, or an outcome recorded (a breach goes to the pertimbangan)
            continue
        if c.get("kind") == CK_NOT_DO and not c.get("deadline"):
            continue  # not doing something, throughout the period: kept until an outcome says otherwise
        when = as_date(c.get("deadline")) or as_date(end)
        if when is None:
            continue
        extra = {"condition": c.get("id"), "outstanding": c.get("outstanding")}
        if when < today:
            out.append((DueKind.CONDITION_OVERDUE, when, extra))
        elif (when - today).days <= horizon:
            out.append((DueKind.CONDITION_DUE, when, extra))
    return out


# -- the summary ----------------------------------------------------------------------------------------------------


def _events_of(rec: CaseRecord, kind: str) -> list[EventRecord]:
    return [e for e in rec.events if e.kind == kind]


def summarize(case_id: str, rec: CaseRecord, risk: Sequence[str] = ()) -> dict[str, Any]:
    """A flat, JSON-ready summary of one case: what the index keeps and ``list``/``find``/``due``/``stats`` read."""
    counts = dict(rec.counts)
    closing = closing_in_effect(rec)
    closed = closing is not None
    terminated_day = termination_in_effect(rec)  # the termination in effect, not the latest recorded
    terminated = terminated_day is not None
    officer = current_officer(rec.intake_officer, rec.transfer_officers) or {}
    statuses = [status for _, _, status in rec.monitoring]
    last = rec.monitoring[-1] if rec.monitoring else (None, None, "")
    end, derived = supervision_end(rec.end, rec.expiry, rec.programme)
    permits = [[e.start, e.end] for e in _events_of(rec, EV_PERMIT)]
    streak, streak_since = missed_streak([(d, s) for d, _, s in rec.monitoring], permits)
    revoked = None if closed else revoked_since(rec.events)
    warned, last_warning, _ = warning_letters([(e.date, e.order) for e in _events_of(rec, EV_WARNING)])
    proposals = _events_of(rec, EV_PROPOSAL)
    transfers = _events_of(rec, EV_TRANSFER)
    state = conditions_state(
        rec.conditions,
        [{"condition": e.condition, "amount": e.amount, "date": e.date} for e in _events_of(rec, EV_PAYMENT)],
        [{"condition": e.condition, "outcome": e.outcome, "date": e.date} for e in _events_of(rec, EV_OUTCOME)])
    considered = _events_of(rec, EV_PERTIMBANGAN)
    return {
        "id": case_id,
        "name": rec.name,
        "initials": initials(rec.name),
        "aliases": rec.aliases,
        "sex": rec.sex,
        "birth_date": rec.birth_date,
        "nik": rec.nik,
        "address": rec.address,
        "programme": rec.programme,
        "offence": rec.offence,
        "articles": rec.articles,
        "sentence": {"sentence_years": rec.sentence_years, "sentence_months": rec.sentence_months},
        "start": rec.start,
        "expiry": rec.expiry,
        "end": end.isoformat() if end else None,  # the end of the masa bimbingan, recorded or derived
        "end_derived": derived,
        "officer": officer.get("name"),
        "officer_nip": officer.get("nip"),
        "praktikan": rec.praktikan,
        "guarantor": rec.guarantor,
        "phone": rec.phone,
        "guarantor_phone": rec.guarantor_phone,
        "intake_date": rec.intake_date,
        "stage": case_stage(counts, terminated).value,
        "terminated": terminated,
        "terminated_on": terminated_day or None,
        "supervision": supervision_status(closed, revoked).value,
        "closed": closed,
        "closed_on": closing[0] if closing else None,
        "closing_ground": closing[1] if closing else None,
        "revoked_on": revoked or None,
        "present": sorted(counts),
        "counts": counts,
        "last_monitoring": last[0],
        "next_date": last[1],  # the next report the latest monitoring entry set, if it did
        # the latest entries' (date, next_date): the schedule the next report counts on from (``schedule_anchor``)
        "recent_reports": [[d, n] for d, n, _ in rec.monitoring[-SCHEDULE_MEMORY:]],
        "wl_statuses": statuses[-6:],
        "absent_streak": streak,
        "missed_months": missed_by_month([(d, s) for d, _, s in rec.monitoring], permits),
        "streak_since": streak_since,
        "wl_interval_days": rec.wl_interval_days,
        "engaged_on": rec.engaged_on,
        "last_assessment": rec.assessment_dates[-1] if rec.assessment_dates else None,
        "risk": risk[-1] if risk else None,
        "risk_history": list(risk),
        "tpp_dates": sorted(d for e in _events_of(rec, EV_TPP) if (d := e.date)),
        "warnings": warned,  # the highest letter reached in order (SP1, SP2, SP3), not the number of files
        "last_warning": last_warning,
        "last_proposal": proposals[-1].date if proposals else None,
        "proposal_pending": pending_proposal(rec.events),  # the proposal of the matter in hand, if made
        "reported_while_revoked": reported_while_revoked(revoked, [(d, s) for d, _, s in rec.monitoring]),
        "permits": permits,
        "transfer_to": transfers[-1].to_bapas if transfers else None,
        # the community sentences: hours of kerja sosial, conditions and restitution of pengawasan
        "hours": service_figures(rec.hours_ordered, rec.service),
        "daily_hours": daily_hours(rec.hours_per_day, rec.programme) if rec.hours_ordered is not None else None,
        "work_days": rec.work_days,
        "conditions": state,
        "restitution": restitution_totals(state),
        "breaches": [{"condition": e.condition, "date": e.date} for e in _events_of(rec, EV_OUTCOME)
                     if e.outcome and e.outcome != CO_MET],
        "last_pertimbangan": considered[-1].date if considered else None,
    }


# the facts of the day that read one field each (``list`` computes only these for its table)
DATED_PLAIN: dict[str, Callable[[Mapping[str, Any], dt.date], Any]] = {
    "age": lambda summary, today: age(summary.get("birth_date"), today),
    "days_left": lambda summary, today: days_left(summary.get("end"), today),
}
# the facts of the day that are dates (the rest are numbers, text and mappings as JSON keeps them)
DATED_DATES = ("last_tpp", "next_tpp")
# raised whenever a rule of ``dated`` or ``due_items`` changes what they give for the same summary and day: the index
# keeps their results for the day, and a row kept by the earlier rules is then computed again (2: a report made on the
# working day before a closed day it was due counts on from that day, ``schedule_anchor``)
DAY_RULES = 2


def dated(summary: Mapping[str, Any], today: dt.date, default_interval: int, holidays: Collection[dt.date] = ()
          ) -> dict[str, Any]:
    """The facts of a summary that depend on the day, on the casebook's default reporting interval and on its
    public holidays (the office is closed then, as on a weekend: ``working_day``)."""
    interval = wajib_lapor_interval(summary.get("wl_interval_days"), default_interval)
    recent = summary.get("recent_reports") or ()
    base = summary.get("start") or summary.get("intake_date") if len(recent) < SCHEDULE_MEMORY else None
    found = wajib_lapor_due(
        closed=bool(summary.get("closed")),
        last_report=schedule_anchor(recent, base, interval, holidays) or summary.get("last_monitoring"),
        requested=summary.get("next_date"),
        interval_days=interval,
        start=summary.get("start"),
        intake=summary.get("intake_date"),
        revoked=bool(summary.get("revoked_on")),
        end=summary.get("end"),
        permits=summary.get("permits") or (),
        today=today,
        holidays=holidays,
    )
    nxt = found[1] if found else None
    tpp = [d for d in (as_date(x) for x in summary.get("tpp_dates") or ()) if d is not None]
    permit = permit_covering(today, summary.get("permits") or ())
    return {
        "age": DATED_PLAIN["age"](summary, today),
        "days_left": DATED_PLAIN["days_left"](summary, today),
        "next_report_due": nxt.isoformat() if nxt else None,
        # the schedule's date it was moved from when the office is closed then (the reports after it count from it)
        "next_report_scheduled": found[0].isoformat() if found else None,
        "report_overdue": report_overdue(nxt, today),  # days, when the next report was due before today
        "last_tpp": max((d for d in tpp if d <= today), default=None),
        "next_tpp": min((d for d in tpp if d > today), default=None),
        "on_permit_until": permit[1].isoformat() if permit else None,
        "pace": service_pace(summary.get("hours"), summary.get("start"), summary.get("end"), today,
                             summary.get("daily_hours")),
        "service_planned": service_planned(summary, today),
    }


def due_items(
    summary: Mapping[str, Any], today: dt.date, default_interval: int, horizon: int, reassess_days: int,
    day: Mapping[str, Any] | None = None, holidays: Collection[dt.date] = (),
) -> list[tuple[DueKind, dt.date | None, dict[str, Any]]]:
    """What needs the officer's attention for one case: ``(kind, date, extra)``, soonest first, none dated more
    than ``horizon`` days ahead (whatever its kind); a problem of the present (behind the pace) is dated today.
    Nothing once supervision has ended; during a temporary revocation, only what the revocation needs. ``day``:
    the case's ``dated`` facts for the same day and interval, when the caller has them."""
    out: list[tuple[DueKind, dt.date | None, dict[str, Any]]] = []
    if summary.get("closed"):
        return out
    if day is None:
        day = dated(summary, today, default_interval, holidays)
    for tpp in tpp_ahead(summary, today):
        out.append((DueKind.TPP, tpp, {}))
    revoked = as_date(summary.get("revoked_on"))
    if revoked is not None:
        proposed = as_date(summary.get("proposal_pending"))
        # the proposal of this matter: made after the revocation, or in the days before it (the Kepala Bapas
        # revokes temporarily while the Kanwil decides); one left unanswered months before is another matter
        of_this = proposed is not None and (revoked - proposed).days <= PROPOSAL_BEFORE_REVOCATION_DAYS
        out.append((DueKind.REVOKED, revoked, {"proposed": of_this}))
        reported = as_date(summary.get("reported_while_revoked"))
        if reported is not None:
            out.append((DueKind.REPORTED_WHILE_REVOKED, reported, {}))
        return _within(out, today, horizon)
    end = as_date(summary.get("end"))
    if end is not None and end < today:
        out.append((DueKind.EXPIRED_OPEN, end, {}))
    elif end is not None and (end - today).days <= horizon:
        out.append((DueKind.PREPARE_CLOSING, end, {}))
    nxt = as_date(day["next_report_due"])
    if nxt is not None and (nxt - today).days <= horizon:
        out.append((DueKind.MONITORING, nxt, {"permit_until": day["on_permit_until"]} if day["on_permit_until"] else {}))
    streak = int(summary.get("absent_streak") or 0)
    since = as_date(summary.get("streak_since"))
    if streak >= REVOCATION_STREAK:
        proposed = as_date(summary.get("proposal_pending"))
        if proposed is not None and since is not None and proposed >= since:
            out.append((DueKind.REVOCATION_PROPOSED, proposed, {"n": streak}))
        else:
            out.append((DueKind.REVOCATION_GROUND, None, {"n": streak, "warnings": int(summary.get("warnings") or 0)}))
    elif streak == REVOCATION_STREAK - 1:
        out.append((DueKind.ABSENCES, None, {"n": streak, "warnings": int(summary.get("warnings") or 0)}))
    out += sentence_items(summary, day.get("pace"), today, horizon)
    present = set(summary.get("present") or [])
    intake = as_date(summary.get("intake_date"))
    if summary.get("terminated"):
        pass  # the casework has ended: no casework stage is due (reassessment goes on while supervised)
    elif Stage.ENGAGEMENT not in present:
        out.append((DueKind.NO_ENGAGEMENT, intake, {}))
    elif Stage.ASSESSMENT not in present:
        out.append((DueKind.NO_ASSESSMENT, as_date(summary.get("engaged_on")) or intake, {}))
    last = as_date(summary.get("last_assessment"))
    if last is not None and (today - last).days >= reassess_days - horizon:
        out.append((DueKind.REASSESSMENT, shift(last, reassess_days), {}))
    return _within(out, today, horizon)


def _within(items: list[tuple[DueKind, dt.date | None, dict[str, Any]]], today: dt.date, horizon: int
            ) -> list[tuple[DueKind, dt.date | None, dict[str, Any]]]:
    """The items due within the horizon (undated ones are of the present), soonest first: one rule for every
    kind, so ``due --days N`` means within N days for each of them."""
    kept = [x for x in items if x[1] is None or (x[1] - today).days <= horizon]
    kept.sort(key=lambda x: x[1] or dt.date.min)
    return kept


def sentence_items(summary: Mapping[str, Any], pace: Mapping[str, Any] | None, today: dt.date, horizon: int
                   ) -> list[tuple[DueKind, dt.date | None, dict[str, Any]]]:
    """What the community sentences ask of the officer: the hours of kerja sosial (behind the pace needed, not
    to be finished even at 8 hours a day, unfinished at the end, done), the special conditions of pengawasan due
    or overdue, and a condition not met with no pertimbangan since."""
    out: list[tuple[DueKind, dt.date | None, dict[str, Any]]] = []
    hours = summary.get("hours")
    end = as_date(summary.get("end"))
    if hours is not None and pace is not None:
        left = {"left": hours["left"], "ordered": hours["ordered"], "done": hours["done"]}
        if pace.get("done"):
            out.append((DueKind.SERVICE_DONE, as_date(hours.get("last_session")), left))
        elif pace.get("overdue"):
            out.append((DueKind.SERVICE_UNFINISHED, end, left))
        elif pace.get("impossible"):
            # "days_left", not "days": an item's "days" is the days until its date (``due --json``)
            # problems of today, dated today (not at the end of the period, which may be months away)
            out.append((DueKind.SERVICE_IMPOSSIBLE, today, {**left, "days_left": pace["days_left"],
                                                            "per_day": summary.get("daily_hours")}))
        elif pace.get("behind"):
            out.append((DueKind.SERVICE_PACE, today, {**left, "needed": pace["needed"], "achieved": pace["achieved"]}))
    out += condition_due(summary.get("conditions") or [], end, today, horizon)
    considered = as_date(summary.get("last_pertimbangan"))
    for breach in summary.get("breaches") or []:
        when = as_date(breach.get("date"))
        if when is not None and (considered is None or considered < when):
            out.append((DueKind.CONDITION_BREACHED, when, {"condition": breach.get("condition")}))
    return out
