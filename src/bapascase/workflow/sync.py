"""``sync``: send this clone's work to the shared remote and bring in the colleagues', saying plainly what
happened.

In order, under the casebook's commit lock (no command commits while a sync runs):

1. an unfinished merge or rebase is finished or named (``sync --abort`` undoes it);
2. the field-level merge driver is registered (``store.merge``) and every casebook file not committed yet is
   committed (a save whose commit failed, a hand edit): nothing is left behind;
3. the remote is fetched; no remote, an unreachable one and one that refuses the credentials are three
   different messages, and the two last say the work is saved here;
4. what came in is merged, file by file and field by field; a field both sides changed is shown side by side
   for the officer to choose (``--no-input``: both kept in the file, committed, nothing sent, and the command
   stops naming each field);
5. the result is pushed (if someone pushed meanwhile, fetch and merge again).

It returns what came in (new cases, new entries, changed documents, by whom) and how many commits were sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from bapascase.errors import Interrupted, Lines, UserError, lines, one_line
from bapascase.i18n import t
from bapascase.model import registry
from bapascase.store import git, merge
from bapascase.store.casebook import Casebook, valid_case_id
from bapascase.store.layout import CASEBOOK_PATHS, CASES_DIR, SETTINGS_FILE
from bapascase.terminal import write_line
from bapascase.workflow.commits import commit, recover_batches, stale_handler
from bapascase.workflow.context import Context

PUSH_ATTEMPTS = 3

# the subjects of sync's own commits: written in English (a repository's history is read by git tools and by
# every clone, whatever its language), shown in the officer's language by ``history`` (``subject_shown``)
SUBJECT_SAVED = "sync: commit {n} saved file(s)"
SUBJECT_CHOSEN = "sync: versions chosen in {n} file(s)"
SUBJECT_MERGE = "sync: merge from {remote}"
SUBJECT_KEPT = " (both versions kept in {n} field(s): to be chosen)"
SUBJECT_KEPT_CASE = "sync: case(s) {cases} kept whole (removed on one side, changed on the other)"


def _subject_pattern(subject: str) -> re.Pattern[str]:
    """A subject above as a pattern that finds its values again (``{n}`` a number, ``{remote}`` a name)."""
    return re.compile(re.escape(subject).replace(r"\{n\}", r"(?P<n>\d+)").replace(r"\{remote\}", r"(?P<remote>\S+)"))


_SUBJECTS = (
    (_subject_pattern(SUBJECT_SAVED), "hist.sync_saved"),
    (_subject_pattern(SUBJECT_CHOSEN), "hist.sync_chosen"),
    (_subject_pattern(SUBJECT_MERGE + SUBJECT_KEPT), "hist.sync_merge_kept"),
    (_subject_pattern(SUBJECT_MERGE), "hist.sync_merge"),
)


def subject_shown(subject: str) -> str:
    """A commit subject as ``history`` shows it: sync's own in the officer's language, any other as written."""
    for pattern, key in _SUBJECTS:
        m = pattern.fullmatch(subject)
        if m:
            return t(key, **{k: int(v) if k == "n" else v for k, v in m.groupdict().items()})
    return subject

# what git says when it could not talk to the remote at all, and when the remote would not let us in
_AUTH = ("authentication failed", "could not read username", "could not read password", "terminal prompts disabled",
         "permission denied (publickey", "permission denied, please try again", "access denied",
         "invalid username or password", "http basic: access denied", "the requested url returned error: 401",
         "the requested url returned error: 403", "host key verification failed", "repository not found")
_UNREACHABLE = ("could not resolve host", "connection refused", "connection timed out", "network is unreachable",
                "no route to host", "failed to connect", "couldn't connect", "operation timed out",
                "temporary failure in name resolution", "name or service not known", "does not appear to be a git",
                "could not read from remote repository", "unable to access", "no such file or directory",
                "connection reset", "timed out")


# what the officer kept of a field both sides changed (each has its ``sync.chose_<kept>`` message)
Kept = Literal["here", "there", "both"]


@dataclass
class Arrival:
    """One thing that came in from the remote."""

    # "new_case", "entry" (a new entry or document), "changed", "settings", "settings_removed", "removed_case",
    # "removed"
    kind: str
    path: str
    case_id: str | None
    stage: str | None
    by: str


@dataclass
class Choice:
    """A field both sides changed, and what the officer kept."""

    path: str
    line: int | None
    field: str
    kept: Kept
    # the two versions were kept by a merge made elsewhere: "here" in the file is not this clone's (``_made_here``)
    unsided: bool = False


@dataclass
class SyncResult:
    remote: str = ""
    saved: list[str] = field(default_factory=list)  # files committed before syncing
    arrivals: list[Arrival] = field(default_factory=list)
    sent: int = 0
    choices: list[Choice] = field(default_factory=list)
    setup: bool = False  # the merge driver was registered in this clone now
    aborted: str | None = None  # ``--abort``: what was undone ("merge", "rebase"), "" when nothing was
    not_sent: list[str] = field(default_factory=list)  # documents that cannot be read (``path:line: problem``)
    not_shared: list[str] = field(default_factory=list)  # files that are not the casebook's, left where they lie
    kept_edited: list[str] = field(default_factory=list)  # deleted on one side, edited on the other: edited kept
    kept_cases: list[str] = field(default_factory=list)  # a case removed on one side, changed on the other: kept whole
    invalid: list[str] = field(default_factory=list)  # documents the merge made that their model refuses
    # what the merge made that needs a look (two transfers of one case made at once): ``path: message``
    warnings: list[str] = field(default_factory=list)


class SyncStopped(UserError):
    """Fields both sides changed were kept both ways (``--no-input``): committed here, not sent."""

    def __init__(self, kept: list[Choice]) -> None:
        said = lines(t("sync.kept_line", where=f"{c.path}:{c.line}" if c.line else c.path, field=c.field)
                     for c in kept)
        super().__init__("err.sync_kept_both", n=len(kept), fields=said)
        self.kept = kept
        self.result: SyncResult | None = None  # what the sync did before it stopped (``sync`` sets it)


# -- plain facts about the repository ---------------------------------------------------------------------


def casebook_paths(book: Casebook) -> list[str]:
    return [p for p in CASEBOOK_PATHS if (book.root / p).exists()]


def changes(book: Casebook, only: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """``(XY, path)`` of every file in the casebook's paths (or those under ``only``) that differs from the last
    commit (changed, new, removed), relative to its root."""
    if not git.is_repo(book.root):
        return []
    paths = [p for p in casebook_paths(book) if not only or p in only]
    return git.status(book.root, paths) if paths else []


def uncommitted(book: Casebook, only: tuple[str, ...] = ()) -> list[str]:
    """The casebook's files (or those under ``only``) that differ from the last commit (changed, new, removed),
    relative to its root: the casebook's own files by its layout (``store.casebook_files``), not an editor's
    backup, a temp file or a private note lying next to them. A removed file is listed whatever it was."""
    from bapascase.store.casebook_files import kind_of

    out = []
    for _xy, path in changes(book, only):
        kind = kind_of(path)
        if kind == "casebook" or (kind != "hidden" and not (book.root / path).exists()):
            out.append(path)
    return out


def kept_conflicts(book: Casebook) -> list[str]:
    """The committed casebook files that still hold two versions of a field (``git grep``: fast at any size)."""
    paths = [p for p in (SETTINGS_FILE, CASES_DIR) if (book.root / p).exists()]
    if not paths:
        return []
    proc = git.run(book.root, "grep", "-l", "-F", "-e", f"{merge.CONFLICT_KEY}:", "--", *paths, check=False)
    return [ln for ln in proc.stdout.splitlines() if ln.endswith(".yaml")]


def sharing_notices(book: Casebook) -> list[str]:
    """What ``check`` says about the casebook as a shared repository: an unfinished sync, a git lock left
    behind, the field-level merge not set up in this clone, case files saved, or removed, but not committed."""
    if not git.is_repo(book.root):
        return []
    out = []
    state = git.in_progress(book.root)
    if state:
        out.append(t("check.in_progress", state=state))
    lock = git.index_lock(book.root)
    if lock is not None and lock.stale:
        out.append(t("check.stale_lock", path=str(lock.path), minutes=lock.minutes))
    missing = merge.missing_setup(book.root)
    if missing:
        out.append(t("check.merge_setup", what=", ".join(t(f"check.merge_{m}") for m in missing)))
    changed = uncommitted(book, only=(CASES_DIR,))
    removed = [rel for rel in changed if not (book.root / rel).exists()]
    gone = set(removed)
    out += [t("check.uncommitted", path=rel) for rel in changed if rel not in gone]
    # removed by hand: sync commits that only when told (``--delete``), so it is not "saved"
    out += [t("check.removed_case", case=case_id, path=path) if case_id else t("check.removed", path=path)
            for path, case_id in removals(book, removed)]
    return out


def removals(book: Casebook, removed: list[str]) -> list[tuple[str, str | None]]:
    """Case files removed, as they are said: ``(path, None)`` for a file, ``(its folder, case id)`` once for a
    case folder removed whole."""
    out: list[tuple[str, str | None]] = []
    whole: set[str] = set()
    for rel in removed:
        parts = Path(rel).parts
        case_id = parts[1] if len(parts) > 2 else ""
        if case_id and not (book.cases_dir / case_id).exists():
            if case_id not in whole:
                whole.add(case_id)
                out.append((f"{CASES_DIR}/{case_id}", case_id))
            continue
        out.append((rel, None))
    return out


def redact(url: str) -> str:
    """A remote URL without the password or token it may carry."""
    return re.sub(r"^([a-z][a-z0-9+.-]*://)[^/@]*@", r"\1", url, flags=re.I)


def _network_env(interactive: bool) -> dict[str, str]:
    """Never let git wait for a password nobody can type (scripts, --no-input, no terminal)."""
    if interactive:
        return {}
    import os

    env = {"GIT_TERMINAL_PROMPT": "0"}
    if "GIT_SSH_COMMAND" not in os.environ:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=20"
    return env


def _network_error(book: Casebook, remote: str, proc: Any) -> UserError:
    text = ((proc.stderr or "") + (proc.stdout or "")).lower()
    url = redact(git.config_get(book.root, f"remote.{remote}.url") or remote)
    reason = _reason(proc)
    if any(s in text for s in _AUTH):
        return UserError("err.sync_auth", remote=remote, url=url, reason=reason)
    if any(s in text for s in _UNREACHABLE):
        return UserError("err.sync_unreachable", remote=remote, url=url, reason=reason)
    refused = re.search(r"\[remote rejected\][^\n]*\(([^)\n]+)\)", (proc.stderr or "") + (proc.stdout or ""))
    if refused:  # the remote's own reason ("branch is currently checked out"), not git's closing line
        return UserError("err.sync_remote_rejected", remote=remote, url=url, reason=refused.group(1))
    return UserError("err.git", message=git.last_line(proc))


# git's closing advice after a failed fetch or push: true, but never the reason
_ADVICE = ("could not read from remote repository", "please make sure you have the correct access rights",
           "and the repository exists")


def _reason(proc: Any) -> str:
    """Why git could not talk to the remote: its first ``fatal:`` line that is not its closing advice ("Please
    make sure you have the correct access rights / and the repository exists."), else the first line that is
    not (``ssh: connect to host ... Connection refused``); without the prefix and the end punctuation (the
    message adds its own)."""
    lines = [ln.strip() for ln in ((proc.stderr or "") + "\n" + (proc.stdout or "")).splitlines() if ln.strip()]
    telling = [ln for ln in lines if not any(a in ln.lower() for a in _ADVICE)]
    fatal = [ln for ln in telling if ln.lower().startswith(("fatal:", "error:"))]
    line = (fatal or telling or lines or [f"exit {proc.returncode}"])[0]
    for prefix in ("fatal:", "error:"):
        if line.lower().startswith(prefix):
            line = line[len(prefix):].strip()
    return line.rstrip(".")


def _target(book: Casebook) -> tuple[str, str]:
    """The remote and branch to sync with: the branch's upstream, else ``origin`` (or the only remote)."""
    remotes = git.run(book.root, "remote").stdout.split()
    if not remotes:
        raise UserError("err.no_remote")
    branch = git.run(book.root, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    if branch == "HEAD":
        raise UserError("err.sync_detached", branch=git.branch_hint(book.root))
    remote = git.config_get(book.root, f"branch.{branch}.remote")
    upstream = git.config_get(book.root, f"branch.{branch}.merge")
    if remote and remote in remotes and upstream:
        return remote, upstream.removeprefix("refs/heads/")
    return ("origin" if "origin" in remotes else remotes[0]), branch


# -- arrivals ------------------------------------------------------------------------------------------------


def arrivals(book: Casebook, before: str, after: str) -> list[Arrival]:
    """What the commits between ``before`` and ``after`` brought: new cases, new entries, changed documents."""
    proc = git.run(book.root, "log", "--reverse", "--no-merges", "--name-status", "--relative",
                   "--format=\x1e%an\x1f%(trailers:key=Officer,valueonly,separator=%x1d)",
                   f"{before}..{after}", "--", CASES_DIR, SETTINGS_FILE, check=False)
    seen: dict[str, Arrival] = {}
    for block in proc.stdout.split("\x1e"):
        if not block.strip():
            continue
        head, _, rest = block.partition("\n")
        author, _, trailer = head.partition("\x1f")
        officer = git.parse_officer(trailer.split("\x1d")[0]) if trailer.strip() else None
        by = officer.name if officer else author
        for line in rest.splitlines():
            status, _, path = line.partition("\t")
            if not path or "\t" in path or not status:
                continue
            arrival = _arrival(status[0], path, by)
            if arrival is None:
                continue
            if path in seen and seen[path].kind in ("new_case", "entry"):
                if arrival.kind in _REMOVED:
                    del seen[path]  # added, then removed: nothing came
                continue  # added, then changed in a later commit: still something new
            seen[path] = arrival
    # a case removed whole is said once, not once per document
    gone = {a.case_id for a in seen.values() if a.kind == "removed_case"}
    return [a for a in seen.values() if not (a.kind == "removed" and a.case_id in gone)]


_REMOVED = ("removed_case", "removed")


def _arrival(status: str, path: str, by: str) -> Arrival | None:
    if path == SETTINGS_FILE:
        return Arrival("settings_removed" if status == "D" else "settings", path, None, None, by)
    parts = Path(path).parts
    if len(parts) < 3 or parts[0] != CASES_DIR or not valid_case_id(parts[1]):
        return None  # a folder no command reaches is no case ("..x"): ``check`` names it
    stage = registry.stage_of_path(parts[2:])
    if stage is None:
        return None
    case_spec = registry.spec(registry.Stage.CASE)
    if status == "D":  # a colleague removed it: never silently
        kind = "removed_case" if parts[2:] == (case_spec.file,) else "removed"
        return Arrival(kind, path, parts[1], stage, by)
    if status == "A" and parts[2:] == (case_spec.file,):
        return Arrival("new_case", path, parts[1], stage, by)
    return Arrival("entry" if status == "A" else "changed", path, parts[1], stage, by)


# -- conflicts -----------------------------------------------------------------------------------------------


def _show(value: Any) -> str:
    """A value as the officer reads it in the side-by-side table."""
    from bapascase.store import yamlio

    if value is merge.MISSING:
        return t("sync.removed")
    if isinstance(value, dict | list):
        return yamlio.dumps(value).rstrip()
    if value is None:
        return "-"
    return str(value)


def _field_title(book: Casebook, path: str, loc: tuple[str | int, ...]) -> str:
    """``Rencana intervensi · Tujuan (goals[1].objective)``: the document and the field, in the user's language."""
    from bapascase.model.meta import title_at

    conflict = merge.Conflict(loc, None, None)
    parts = Path(path).parts
    stage = registry.stage_of_path(parts[2:]) if len(parts) > 2 and parts[0] == CASES_DIR else None
    try:
        if stage is not None:
            model: Any = registry.model_for(stage)
            doc = registry.doc_label(stage)
        elif path == SETTINGS_FILE:
            from bapascase.model.settings import SettingsDoc

            model, doc = SettingsDoc, SETTINGS_FILE
        else:
            return conflict.dotted
        names = ".".join(str(p) for p in loc if isinstance(p, str))
        return f"{doc} · {title_at(model, names)} ({conflict.dotted})" if names else f"{doc} ({conflict.dotted})"
    except LookupError:
        return conflict.dotted


def _incoming_by(book: Casebook, rel: str) -> str:
    """Who made the incoming version of ``rel`` (the newest commit of the merge that touched it)."""
    proc = git.run(book.root, "log", "-1", "--format=%an\x1f%(trailers:key=Officer,valueonly,separator=%x1d)",
                   "MERGE_HEAD", "--", rel, check=False)
    author, _, trailer = proc.stdout.strip().partition("\x1f")
    officer = git.parse_officer(trailer.split("\x1d")[0]) if trailer.strip() else None
    return officer.name if officer else author


def _resolve_file(ctx: Context, book: Casebook, rel: str, remote: str, no_input: bool,
                  incoming: bool) -> list[Choice]:
    """Ask, for each field kept both ways in ``rel``, which version to keep; writes the file. Returns the choices
    (``both``: left as is, to be decided later)."""
    from bapascase.store import roundtrip, yamlio
    from bapascase.store.textfiles import read_text

    path = book.guard(book.root / rel)
    text = read_text(path, shown=rel)
    data = yamlio.loads(text, rel)
    found = list(merge.conflicts_in(data))
    prompter = ctx.prompter(no_input)
    root_node = yamlio.compose(text)
    choices: list[Choice] = []
    by = _incoming_by(book, rel) if incoming else ""
    sided = incoming or _made_here(book, rel)
    here_label = t("sync.here") if sided else t("sync.version_here")
    there_label = (t("sync.there_by", remote=remote, by=by) if by else t("sync.there", remote=remote)) if sided \
        else t("sync.version_there")
    source = t("sync.source_by", remote=remote, by=by) if by else t("sync.source", remote=remote)
    options = [("here", t("sync.keep_here")), ("there", t("sync.keep_there", there=source))] if sided else \
        [("here", t("sync.keep_version_here")), ("there", t("sync.keep_version_there"))]
    for c in found:
        line = yamlio.line_of(root_node, (*c.loc, merge.CONFLICT_KEY))
        title = _field_title(book, rel, c.loc)
        kept: Kept = "both"
        if prompter.interactive:
            _print_side_by_side(ctx, rel, line, title, c, here_label, there_label)
            chosen = prompter.select(t("sync.choose"), [*options, ("both", t("sync.keep_both"))], default="here")
            kept = "here" if chosen == "here" else "there" if chosen == "there" else "both"
        if kept in ("here", "there"):
            data = merge.resolve(data, c.loc, c.here if kept == "here" else c.there)
        choices.append(Choice(rel, line, c.dotted, kept, unsided=not sided))
    if any(ch.kept != "both" for ch in choices):
        from bapascase.store.atomic import atomic_write

        try:
            new_text = roundtrip.update_text(text, data)
        except roundtrip.RoundTripError:  # written whole: with its header (and so its end marker) if it had one
            new_text = yamlio.dumps(data, header=yamlio.header_of(text))
        atomic_write(path, new_text)
    return choices


def _made_here(book: Casebook, rel: str) -> bool:
    """Whether the fields kept both ways in the committed file ``rel`` were kept by a merge made in this clone,
    so that "here" in the file is this clone's version: the last commit that changed the file is one this clone
    made (its HEAD's log says so). A file that came in already holding two versions (a merge made and pushed
    elsewhere) has "here" and "there" from another clone's side: they are shown without sides."""
    last = git.run(book.root, "log", "-1", "--format=%H", "--", rel, check=False).stdout.strip()
    if not last:
        return True  # never committed: kept here
    proc = git.run(book.root, "reflog", "--format=%H\x1f%gs", "HEAD", check=False)
    for entry in proc.stdout.splitlines():
        commit_id, _, action = entry.partition("\x1f")
        if commit_id == last:
            return action.startswith("commit") or (action.startswith("merge") and "Fast-forward" not in action)
    return False


def _print_side_by_side(ctx: Context, rel: str, line: int | None, title: str, c: merge.Conflict,
                        here_label: str, there_label: str) -> None:
    from rich.table import Table

    from bapascase.terminal import columns, safe_console

    width = None if ctx.env.stdout_isatty else columns(ctx.env.environ, 100)
    table = Table(title=f"{rel}:{line}  {title}" if line else f"{rel}  {title}", title_justify="left",
                  expand=False, show_lines=True)
    table.add_column(here_label, overflow="fold", ratio=1)
    table.add_column(there_label, overflow="fold", ratio=1)
    table.add_row(_show(c.here), _show(c.there))
    safe_console(ctx.env.stdout, width).print(table)


# -- the steps -----------------------------------------------------------------------------------------------


def _commit_pending(ctx: Context, book: Casebook, result: SyncResult, force: bool, no_input: bool,
                    delete: bool = False) -> None:
    """Commit what was saved and not committed yet: the casebook's files only (``store.casebook_files``); a
    document that cannot be read is kept here and named (it would break every colleague's reports); a case
    document removed is committed only when the officer says so (``--delete``, or yes on a terminal)."""
    from bapascase.errors import BapascaseError
    from bapascase.store import yamlio
    from bapascase.store.casebook_files import is_document, kind_of
    from bapascase.store.textfiles import read_text

    pending: list[str] = []
    removed: list[str] = []
    for _xy, rel in changes(book):
        kind = kind_of(rel)
        if kind == "hidden":
            continue
        path = book.root / rel
        if not path.exists():  # removed: a case file needs --delete or a yes; a removed template, instrument,
            # schema or backup is the office's own change and goes with the rest
            (removed if kind == "casebook" and rel.startswith(CASES_DIR + "/") else pending).append(rel)
            continue
        if kind == "backup":
            continue
        if kind == "stray":
            result.not_shared.append(rel)
            continue
        if (outside := leads_out(book, rel)) is not None:
            result.not_sent.append(f"{rel}: {outside}")
            continue
        if is_document(rel):
            try:
                text = read_text(path, shown=rel)
                yamlio.document(text, rel)  # a list or a lone text is no document either
            except BapascaseError as exc:
                result.not_sent.append(exc.render())
                continue
            refused = invalid_lines(rel, text)
            if refused:  # it reads, but its readers refuse it (a hand edit): a colleague's report would stop
                result.not_sent += refused
                continue
        pending.append(rel)
    if removed and not delete and not _confirm_removal(ctx, removed, no_input):
        raise UserError("err.sync_removed", n=len(removed), files=_removed_lines(book, removed))
    pending += removed
    from bapascase.store import pending as saved_by

    if pending:
        # each officer's files under their own name (``store.pending``), the rest under the one syncing
        who = saved_by.load(book)
        groups: dict[str, list[str]] = {}
        for rel in pending:
            groups.setdefault(who.get(rel, ""), []).append(rel)
        for trailer, rels in sorted(groups.items(), key=lambda kv: kv[0] == ""):
            officer = git.parse_officer(trailer.partition(": ")[2]) if trailer else None
            commit(ctx, [book.root / p for p in rels], SUBJECT_SAVED.format(n=len(rels)), force=force,
                   no_input=no_input, locked=True, officer=officer)
        result.saved = pending
    noted = saved_by.load(book)
    if noted:  # committed now, or by hand, or put back: no longer pending (one git status for them all)
        still = {rel for _xy, rel in changes(book)}
        saved_by.forget(book, [rel for rel in noted if rel in pending or rel not in still])


def invalid_lines(rel: str, text: str) -> list[str]:
    """The problems (``check``'s lines) of a document that parses but that its model refuses: the settings or a
    case's document. A field kept both ways by an earlier sync is not one: sync settles those itself
    (``_resolve_committed``)."""
    from bapascase.errors import BapascaseError
    from bapascase.store import yamlio
    from bapascase.store.documents import validate_text

    parts = Path(rel).parts
    if rel == SETTINGS_FILE:
        from bapascase.model.settings import SettingsDoc

        model: Any = SettingsDoc
    elif (len(parts) >= 3 and parts[0] == CASES_DIR and valid_case_id(parts[1])
          and (stage := registry.stage_of_path(parts[2:])) is not None):
        model = registry.model_for(stage)  # (a folder no command reaches, "..x", is named by ``check``)
    else:
        return []
    try:
        data = yamlio.loads(text, rel)
    except BapascaseError:
        return []  # what cannot be read at all is said by the caller
    if isinstance(data, dict) and any(True for _ in merge.conflicts_in(data)):
        return []
    _doc, problems = validate_text(model, text, rel)
    return [p.render() for p in problems]


def leads_out(book: Casebook, rel: str) -> str | None:
    """What ``check`` says of ``rel`` when it is a symbolic link leading out of where it lies (a case folder out of
    ``cases/``, a document out of its case folder, or of its own folder): such a link is never followed, so what
    it leads to is neither read nor sent. None for a file or a link that stays inside."""
    from bapascase.store.textfiles import resolves_inside

    parts = Path(rel).parts
    if len(parts) == 2 and parts[0] == CASES_DIR:
        return None if resolves_inside(book.root / rel, book.root / CASES_DIR) else t("check.outside")
    folder = book.root.joinpath(*parts[:2] if parts[0] == CASES_DIR else parts[:-1])  # its case, or its own
    if resolves_inside(folder, book.root) and resolves_inside(book.root / rel, folder):
        return None
    return t("sec.link_out")


def _invalid_after_merge(book: Casebook, before: str) -> list[str]:
    """The documents the merge brought or merged that their model refuses (a colleague's invalid hand edit, or
    two valid sides that merged field by field into an invalid whole): ``check``'s lines."""
    from bapascase.errors import BapascaseError
    from bapascase.store.casebook_files import is_document
    from bapascase.store.textfiles import read_text

    proc = git.run(book.root, "diff", "--name-only", "--relative", "-z", "--diff-filter=AM", before, "HEAD",
                   "--", CASES_DIR, SETTINGS_FILE)
    out: list[str] = []
    for rel in (p for p in proc.stdout.split("\0") if p):
        if (outside := leads_out(book, rel)) is not None:  # a link a colleague committed: never followed
            out.append(f"{rel}: {outside}")
            continue
        if not is_document(rel):
            continue
        try:
            text = read_text(book.root / rel, shown=rel)
        except BapascaseError as exc:
            out.append(f"{rel}: {exc.render_for(rel)}")
            continue
        out += invalid_lines(rel, text)
    return out


def _removed_lines(book: Casebook, removed: list[str]) -> str:
    """The removed case files, one line each, a case folder removed whole as one line, each with how to bring
    it back."""
    return lines(t("sync.removed_case_line", case=case_id, path=path) if case_id else
                 t("sync.removed_file_line", path=path) for path, case_id in removals(book, removed))


def _confirm_removal(ctx: Context, removed: list[str], no_input: bool) -> bool:
    prompter = ctx.prompter(no_input)
    if not prompter.interactive:
        return False
    book = ctx.book()
    write_line(ctx.env.stderr, t("sync.removed_found", n=len(removed), files=_removed_lines(book, removed)))
    return bool(prompter.confirm(t("sync.confirm_removal", n=len(removed)), default=False))


def _resolve_committed(ctx: Context, book: Casebook, result: SyncResult, remote: str, no_input: bool) -> None:
    """Fields kept both ways by an earlier sync: chosen now on a terminal, else the sync stops (nothing sent)."""
    files = kept_conflicts(book)
    if not files:
        return
    choices: list[Choice] = []
    for rel in files:
        choices += _resolve_file(ctx, book, rel, remote, no_input, incoming=False)
    result.choices += [c for c in choices if c.kept != "both"]
    chosen = sorted({c.path for c in choices if c.kept != "both"})
    if chosen:
        commit(ctx, [book.root / p for p in chosen], SUBJECT_CHOSEN.format(n=len(chosen)), no_input=no_input,
               locked=True)
    left = [c for c in choices if c.kept == "both"]
    if left:
        raise SyncStopped(left)


def _merge(ctx: Context, book: Casebook, result: SyncResult, remote: str, ref: str, no_input: bool) -> None:
    before = git.run(book.root, "rev-parse", "HEAD").stdout.strip()
    if git.run(book.root, "merge-base", "--is-ancestor", ref, "HEAD", check=False).returncode == 0:
        return  # nothing new
    message = git.with_officer(SUBJECT_MERGE.format(remote=remote), _officer(ctx))
    proc = git.run(book.root, *git.identity_args(book.root), "merge", "--no-edit", "-m", message, ref,
                   env={"GIT_MERGE_AUTOEDIT": "no"}, check=False)
    if proc.returncode != 0:
        if git.in_progress(book.root) != "merge":
            raise _merge_refused(proc, result)
        try:
            _finish_merge(ctx, book, result, remote, no_input, started=True)
        except SyncStopped:  # committed with both versions kept: what came in is said all the same
            result.arrivals += arrivals(book, before, ref)
            raise
    kept = _keep_whole_cases(ctx, book, before, ref)
    result.kept_cases += kept
    result.kept_edited = [rel for rel in result.kept_edited if _case_of(rel) not in kept]
    came = [a for a in arrivals(book, before, ref) if not (a.case_id in kept and a.kind in _REMOVED)]
    result.invalid += [line for line in _invalid_after_merge(book, before) if line not in result.invalid]
    if any(a.kind == "settings_removed" for a in came) and not (book.root / SETTINGS_FILE).exists():
        result.warnings.append(t("sync.settings_removed_how", commit=before[:12]))
    result.arrivals += came
    result.warnings += _clashes(book, came)
    if came and kept_conflicts(book):  # a file that came in holding two versions: chosen now, or the sync stops
        _resolve_committed(ctx, book, result, remote, no_input)


def _merge_refused(proc: Any, result: SyncResult) -> UserError:
    """Why git would not start the merge, with the files it named: a file here that git does not track where a
    colleague committed one of the same name, or a change here that was not committed (a document that cannot be
    read or is not valid is never committed: its problem is said too). Else git's own last line."""
    text = (proc.stderr or "") + "\n" + (proc.stdout or "")
    files: list[str] = []
    which = ""
    for line in text.splitlines():
        if "would be overwritten by merge" in line:
            which = "untracked" if "untracked" in line else "local"
        elif which and line.startswith(("\t", "  ")) and line.strip():
            files.append(line.strip())
        elif which and files:
            break
    if not files:
        return UserError("err.sync_merge_refused", message=git.last_line(proc))
    named = ", ".join(files)
    if which == "untracked":
        return UserError("err.sync_merge_untracked", files=named)
    why = [line for line in result.not_sent if line.split(":", 1)[0] in files]
    return UserError("err.sync_merge_local", files=named,
                     problems=Lines("".join(f"\n  {one_line(line)}" for line in why)))


def _case_of(rel: str) -> str | None:
    parts = Path(rel).parts
    return parts[1] if len(parts) > 2 and parts[0] == CASES_DIR else None


def _keep_whole_cases(ctx: Context, book: Casebook, ours: str, theirs: str) -> list[str]:
    """A case removed whole on one side (its ``case.yaml`` gone) while the other side changed it or added to it:
    git merges file by file, which leaves only the files the other side touched (half a case, or entries
    without their ``case.yaml``). The case is a unit: it is kept whole, as the side that changed it has it, in
    a commit of its own, and said (the removal can be made again on purpose). Returns the case ids kept."""
    base = git.run(book.root, "merge-base", ours, theirs, check=False).stdout.strip()
    if not base:
        return []
    case_file = registry.spec(registry.Stage.CASE).file

    def touched(side: str) -> set[str]:
        proc = git.run(book.root, "diff", "--name-only", "--relative", "-z", base, side, "--", CASES_DIR)
        return {c for c in (_case_of(p) for p in proc.stdout.split("\0") if p) if c}

    def has_case_file(side: str, case_id: str) -> bool:
        spec = f"{side}:{CASES_DIR}/{case_id}/{case_file}"
        return git.run(book.root, "cat-file", "-e", spec, check=False).returncode == 0

    changed = {side: touched(side) for side in (ours, theirs)}
    kept: list[str] = []
    for case_id in sorted(changed[ours] & changed[theirs]):
        if not has_case_file(base, case_id):
            continue  # made after the sides parted: no side can have removed it
        gone = [side for side in (ours, theirs) if not has_case_file(side, case_id)]
        if len(gone) != 1:
            continue  # removed on both sides, or still there on both: git's merge is the answer
        keeper = theirs if gone[0] == ours else ours
        folder = f"{CASES_DIR}/{case_id}"
        git.run(book.root, "checkout", keeper, "--", folder)
        git.run(book.root, "add", "--", folder)
        if git.run(book.root, "diff", "--cached", "--quiet", "--", folder, check=False).returncode != 0:
            kept.append(case_id)
    if kept:
        subject = SUBJECT_KEPT_CASE.format(cases=", ".join(kept))
        git.run(book.root, *git.identity_args(book.root), "commit", "-q", "-m",
                git.with_officer(subject, _officer(ctx)), "--", *(f"{CASES_DIR}/{c}" for c in kept))
    return kept


def _clashes(book: Casebook, came: list[Arrival]) -> list[str]:
    """Transfers that arrived beside one made here (``stages.transfer.clashes``): neither side saw the other."""
    from bapascase.workflow.stages.transfer import clashes

    cases = sorted({a.case_id for a in came if a.stage == registry.Stage.TRANSFER and a.case_id
                    and a.kind not in _REMOVED})
    return [f"{book.rel(path)}: {message}" for case_id in cases if (book.cases_dir / case_id).is_dir()
            for path, _doc, message in clashes(book, case_id)]


def _officer(ctx: Context) -> git.Officer | None:
    from bapascase.errors import DataError
    from bapascase.workflow.officer import AtKeyboard, current

    try:
        return current(ctx)
    except DataError:
        # bapascase.yaml cannot be read (two versions of a setting kept by an earlier sync): sync is how that is
        # put right, so it goes on, and its commits carry no officer until the settings are whole again
        ctx.officer_cache = AtKeyboard(None, "none")
        return None


def _conflicted(book: Casebook) -> list[str]:
    proc = git.run(book.root, "diff", "--name-only", "--diff-filter=U", "--relative", "-z")
    return [p for p in proc.stdout.split("\0") if p]


_MARKER = re.compile(r"^(<{7}|>{7})( |$)|^={7}$", re.M)


def _unmerged_sides(book: Casebook, rel: str) -> set[int]:
    """Which versions git holds of a conflicted file: 1 the common one, 2 this clone's, 3 the incoming."""
    proc = git.run(book.root, "ls-files", "-u", "-z", "--", rel)
    return {int(item.split()[2]) for item in proc.stdout.split("\0") if "\t" in item and len(item.split()) > 2}


def _merge_state(book: Casebook, rel: str) -> Literal["resolved", "fields", "unresolved"]:
    """A conflicted file as it is now: ``fields`` when the merge driver kept fields both ways (to be chosen),
    ``resolved`` when someone settled it (a readable text without git's conflict lines; a YAML document that
    parses, with no field kept both ways), else ``unresolved``."""
    from bapascase.errors import BapascaseError
    from bapascase.store import yamlio
    from bapascase.store.textfiles import read_text, resolves_inside

    path = book.root / rel
    try:
        if not resolves_inside(path, book.root) or not path.is_file():
            return "unresolved"
        text = read_text(path, shown=rel)
        if "\0" in text or _MARKER.search(text):
            return "unresolved"
        if not rel.endswith((".yaml", ".yml")):
            return "resolved"
        data = yamlio.loads(text, rel)
    except BapascaseError:  # unreadable, not a regular file, too big, not UTF-8, not YAML
        return "unresolved"
    if isinstance(data, dict) and any(True for _ in merge.conflicts_in(data)):
        return "fields"
    return "resolved"


def _keep_edited(book: Casebook, rel: str, sides: set[int]) -> None:
    """A file removed on one side and changed on the other: the changed version is kept (nothing is lost; the
    removal can be made again on purpose)."""
    if not (book.root / rel).exists():
        git.run(book.root, "checkout", "--ours" if 2 in sides else "--theirs", "--", rel)
    git.run(book.root, "add", "--", rel)


def _finish_merge(ctx: Context, book: Casebook, result: SyncResult, remote: str, no_input: bool,
                  started: bool) -> None:
    """A merge stopped on conflicts: a file removed on one side and changed on the other keeps its changed
    version; a file settled by hand is taken as it is; the fields kept both ways by the driver are chosen (or
    kept), and the merge is committed. A file still unresolved: a merge this sync has just ``started`` is undone
    whole (nothing else happened in it), one found open (a hand-run ``git pull``, an earlier sync) is never
    undone, the files are named with how to settle them."""
    files = _conflicted(book)
    unresolved: list[str] = []
    fields: list[str] = []
    kept: list[str] = []  # of this merge (``result.kept_edited`` gathers those of every attempt)
    for rel in files:
        sides = _unmerged_sides(book, rel)
        if len(sides & {2, 3}) == 1:
            _keep_edited(book, rel, sides)
            kept.append(rel)
            continue
        state = _merge_state(book, rel)
        if state == "unresolved":
            unresolved.append(rel)
        elif state == "fields":
            fields.append(rel)
    result.kept_edited += kept
    if unresolved:
        if started:
            git.run(book.root, "merge", "--abort", check=False)
            raise UserError("err.sync_conflict_files", remote=remote, files=", ".join(unresolved))
        raise UserError("err.sync_unresolved", files=lines(f"  {rel}" for rel in unresolved))
    choices: list[Choice] = []
    try:
        for rel in fields:
            choices += _resolve_file(ctx, book, rel, remote, no_input, incoming=True)
    except (KeyboardInterrupt, EOFError, Interrupted):
        # the merge stays open (what was chosen in earlier files is written): say how to go on or back
        raise Interrupted("err.sync_interrupted") from None
    settled = [rel for rel in files if rel not in kept]
    if settled:
        git.run(book.root, "add", "--", *settled)
    left = [c for c in choices if c.kept == "both"]
    message = SUBJECT_MERGE.format(remote=remote)
    if left:
        message += SUBJECT_KEPT.format(n=len(left))
    git.run(book.root, *git.identity_args(book.root), "commit", "-q", "--no-edit", "-m",
            git.with_officer(message, _officer(ctx)))
    result.choices += [c for c in choices if c.kept != "both"]
    if left:
        raise SyncStopped(left)


def saved_since(book: Casebook, state: str) -> list[str]:
    """What ``git merge --abort`` / ``git rebase --abort`` would throw away of the work done after that merge or
    rebase began: a file changed or staged since (a merge), a file changed since and not staged, or a commit made
    on the rebase's detached HEAD (a rebase). Files still conflicted are the merge's own; a new file git does not
    track is kept by both, and deletions are undone by both (nothing lost)."""
    import os

    marker = "MERGE_HEAD" if state == "merge" else next(
        (f"{d}/orig-head" for d in ("rebase-merge", "rebase-apply") if git.git_path(book.root, d).is_dir()), "")
    try:
        began = os.stat(git.git_path(book.root, marker)).st_mtime_ns if marker else 0
    except OSError:
        return []
    out: list[str] = []
    for xy, rel in git.status(book.root, ["."]):
        if xy == "??" or "U" in xy or xy in ("AA", "DD"):
            continue
        try:
            changed = os.lstat(book.root / rel).st_mtime_ns
        except OSError:
            continue  # removed: brought back by the abort
        if changed > began and (state == "merge" or xy[1] != " "):
            out.append(rel)
    if state == "rebase":  # commits made during the rebase (HEAD's log since it began), not the rebase's picks
        proc = git.run(book.root, "reflog", "-n", "500", "--format=%h\x1f%gs", "HEAD", check=False)
        for line in proc.stdout.splitlines():
            short, _, action = line.partition("\x1f")
            if "(start)" in action:
                break
            if action.startswith("commit"):
                out.append(t("sync.lost_commit", commit=short, subject=action.partition(": ")[2]))
    return out


# what git says when the remote's branch moved on while this push ran: a push a colleague made first (rejected,
# non-fast-forward), or at the same moment (the remote could not lock or update the ref)
_MOVED_ON = ("[rejected]", "non-fast-forward", "fetch first", "failed to update ref", "cannot lock ref",
             "but expected")


def _push(book: Casebook, remote: str, branch: str, env: dict[str, str]) -> tuple[bool, Any]:
    """Push; False (and git's answer) when the remote moved on meanwhile (fetch and merge again)."""
    has_upstream = git.config_get(book.root, f"branch.{_current_branch(book)}.merge") is not None
    args = ["push", "--porcelain", remote, f"HEAD:refs/heads/{branch}"]
    if not has_upstream:
        args = ["push", "--porcelain", "-u", remote, f"HEAD:refs/heads/{branch}"]
    proc = git.run(book.root, *args, env=env, check=False)
    if proc.returncode == 0:
        return True, proc
    text = (proc.stderr + proc.stdout).lower()
    if any(s in text for s in _MOVED_ON):
        return False, proc
    raise _network_error(book, remote, proc)


def _current_branch(book: Casebook) -> str:
    return git.run(book.root, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()


def _remote_ref(book: Casebook, remote: str, branch: str) -> str | None:
    ref = f"refs/remotes/{remote}/{branch}"
    return ref if git.run(book.root, "rev-parse", "-q", "--verify", ref, check=False).returncode == 0 else None


# the steps that wait on the network (each has its ``kbd.progress.sync_<step>`` message)
Step = Literal["pull", "push"]


def sync(ctx: Context, abort: bool = False, force: bool = False, no_input: bool = False,
         on_step: Callable[[Step | None], None] | None = None, delete: bool = False) -> SyncResult:
    """``on_step`` is told each network step as it starts (``Step``) and None when it is over (a question may
    follow), for a progress display. ``delete``: case documents removed here are committed (and so removed from
    every clone) without asking."""
    result = SyncResult()
    try:
        return _sync(ctx, result, abort, force, no_input, on_step, delete)
    except SyncStopped as stop:  # the caller says what was done before the stop as well
        stop.result = result
        raise


def _sync(ctx: Context, result: SyncResult, abort: bool, force: bool, no_input: bool,
          on_step: Callable[[Step | None], None] | None, delete: bool) -> SyncResult:
    step = on_step or (lambda name: None)
    book = ctx.book()
    if not git.is_repo(book.root):
        raise UserError("err.no_repo")
    _officer(ctx)  # a bad --as stops here, before anything is done
    interactive = ctx.prompter(no_input).interactive
    recover_batches(ctx)  # a batch of new cases a kill left half placed: placed and committed before sharing
    with git.commit_lock(book.root, on_wait=lambda: write_line(ctx.env.stderr, t("sync.waiting_lock"))):
        state = git.in_progress(book.root)
        if abort:
            result.aborted = state or ""
            if state:
                lost = saved_since(book, state)
                if lost:
                    how = t("sync.finish_merge") if state == "merge" else t("sync.finish_rebase")
                    raise UserError("err.sync_abort_would_lose", state=state, n=len(lost),
                                    files=lines(f"  {x}" for x in lost), how=how)
                git.run(book.root, state, "--abort")
            return result
        if state == "rebase":
            raise UserError("err.sync_rebase_left")
        remote_name = ""
        with_remote = bool(git.run(book.root, "remote").stdout.split())
        if with_remote:
            remote_name = _target(book)[0]
        if state == "merge":  # a merge an earlier sync (or a hand-run git) left unfinished
            _finish_merge(ctx, book, result, remote_name or "remote", no_input, started=False)
        git.wait_for_index(book.root, stale_handler(ctx, force, no_input))
        if merge.missing_setup(book.root):
            merge.ensure_setup(book.root)
            result.setup = True
        _commit_pending(ctx, book, result, force, no_input, delete)
        _resolve_committed(ctx, book, result, remote_name or "remote", no_input)
        remote, branch = _target(book)
        result.remote = remote
        env = _network_env(interactive)
        for _attempt in range(PUSH_ATTEMPTS):
            step("pull")
            fetched = git.run(book.root, "fetch", "--prune", remote, env=env, check=False)
            step(None)
            if fetched.returncode != 0:
                raise _network_error(book, remote, fetched)
            ref = _remote_ref(book, remote, branch)
            if ref is not None:
                _merge(ctx, book, result, remote, ref, no_input)
                ahead = git.run(book.root, "rev-list", "--count", f"{ref}..HEAD").stdout.strip()
                if ahead == "0":
                    return result
                sent = int(ahead)
            else:
                sent = int(git.run(book.root, "rev-list", "--count", "HEAD").stdout.strip() or 0)
            step("push")
            pushed, _ = _push(book, remote, branch, env)
            step(None)
            if pushed:
                result.sent = sent
                return result
        raise UserError("err.sync_busy_remote", remote=remote)
