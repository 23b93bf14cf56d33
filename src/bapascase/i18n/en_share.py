"""English catalog: what sync guards so that nothing recorded is lost (an open merge or rebase, deletions, files
that are not casebook documents)."""

MESSAGES: dict[str, str] = {
    "err.commit_unfinished": (
        "a git {state} is unfinished in this casebook; the file stays saved and `bapascase sync` commits it once "
        "that {state} is finished"),
    "err.commit_detached": (
        "the repository is not on a branch (detached HEAD); the file stays saved and is committed once you are back "
        "on a branch (`git switch {branch}`) and run `bapascase sync`"),
    "opt.sync_delete": "Send the removal of case documents made here as well (without asking).",
    "sync.source": "from {remote}",
    "sync.source_by": "from {remote} ({by})",
    "sync.case_removed": "case {case} removed, by {by}",
    "sync.doc_removed": "{what} of {case} ({file}) removed, by {by}",
    "sync.not_shared": (
        "Not committed and not sent ({n} file(s) that are not casebook documents, left here): {files}"),
    "sync.kept_case": (
        "case {case} was removed on one side but changed on the other; the whole case is kept (nothing is lost). "
        "If it must go, remove its folder again, then `bapascase sync --delete`."),
    "sync.kept_edited": (
        "{path}: removed on one side and changed on the other; the changed version is kept. If it must go, remove "
        "it again and run `bapascase sync --delete`."),
    "err.sync_not_sent": (
        "{n} document(s) cannot be read or are not valid, so they were not committed and not sent (they stay "
        "here):\n{files}\nFix them (`bapascase check` names the lines), then sync again."),
    "err.sync_not_whole": "{parts}",  # err.sync_not_sent and err.sync_invalid, one or both
    "err.sync_invalid": (
        "{n} document(s) that came in or were merged are not valid, and reports of their cases stop until they "
        "are fixed:\n{files}\nFix them (`bapascase edit`, or in an editor), then sync again."),
    "err.sync_removed": (
        "Sync stopped: {n} case file(s) were removed here, and a removal is not sent without confirmation:\n"
        "{files}\n"
        "If they must go from the shared casebook: `bapascase sync --delete`. If they were removed by mistake, "
        "bring them back with the git command above, then sync again."),
    "sync.removed_case_line": "  case {case} (the whole folder): bring it back with `git checkout HEAD -- {path}`",
    "sync.removed_file_line": "  {path}: bring it back with `git checkout HEAD -- {path}`",
    "sync.removed_found": "{n} case file(s) were removed here:\n{files}",
    "sync.confirm_removal": "Remove these {n} file(s) from the shared casebook (from every colleague's computer too)?",
    "err.sync_unresolved": (
        "A git merge is unfinished, and these files are not settled yet (they still hold <<<<<<< ======= >>>>>>> "
        "lines, or cannot be read):\n{files}\n"
        "Open them, keep the right text and remove the marker lines, then run `bapascase sync` again: the merge is "
        "finished and nothing is thrown away. To undo that merge: `bapascase sync --abort`."),
    "err.sync_abort_would_lose": (
        "`sync --abort` was not run: {n} thing(s) were recorded after this git {state} began, and undoing the "
        "{state} would delete them:\n{files}\n{how}"),
    "sync.finish_merge": "Finish it with `bapascase sync` (those files are committed after it), or copy them elsewhere "
                         "first.",
    "sync.finish_rebase": (
        "Finish that rebase with git (`git rebase --continue` once the conflicted files are fixed), or copy those "
        "files elsewhere first."),
    "sync.lost_commit": "commit {commit} ({subject})",
    "hist.sync_saved": "sync: {n} saved {n:file|files} committed",
    "hist.sync_chosen": "sync: versions chosen in {n} {n:file|files}",
    "hist.sync_merge": "sync: merged from {remote}",
    "hist.sync_merge_kept": "sync: merged from {remote} (both versions kept in {n} {n:field|fields}, to be chosen)",
}
