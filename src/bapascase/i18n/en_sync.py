"""English catalog: the shared casebook (sync, commits, the officer at the keyboard, field-level merges)."""

MESSAGES: dict[str, str] = {
    # sync
    "cmd.sync": "Send the casebook's changes to its git remote and bring in colleagues' changes (merged field by "
                "field).",
    "opt.sync_abort": "Undo an unfinished sync (merge/rebase); the casebook goes back to how it was.",
    "opt.sync_force": "Remove a git lock file left behind (.git/index.lock) without asking.",
    "err.no_remote": (
        "This casebook has no git remote to sync with yet. Add it once: `git remote add origin URL` (the office "
        "repository's URL), then `bapascase sync`."),
    "err.sync_detached": "The casebook repository is not on a branch (detached HEAD); switch to one first "
                         "(`git switch {branch}`).",
    "err.sync_unreachable": (
        "Remote {remote} ({url}) cannot be reached: {reason}. Everything is saved and committed here; it will be "
        "sent at the next sync."),
    "err.sync_auth": (
        "Remote {remote} ({url}) refused access: {reason}. Check your access (SSH key, token or password), then "
        "sync again. Everything stays saved here."),
    "err.sync_busy_remote": "Remote {remote} kept changing during the sync (colleagues are sending); try again shortly.",
    "err.sync_merge_untracked": (
        "The changes from the remote cannot be merged; nothing changed here. Files here that git does not track "
        "would be overwritten by a colleague's files of the same name: {files}. Move or rename them, then sync "
        "again."),
    "err.sync_merge_local": (
        "The changes from the remote cannot be merged; nothing changed here. Changes here that are not committed "
        "would be overwritten: {files}.{problems}\nFix them (`bapascase check` names the lines) so they can be "
        "committed, or undo them with `git checkout -- FILE`, then sync again."),
    "err.sync_remote_rejected": (
        "Remote {remote} ({url}) refused the push: {reason}. Everything stays saved and committed here."),
    "sync.waiting_lock": "Waiting for another bapascase command that is committing or syncing in this casebook ...",
    "err.sync_merge_refused": "The remote's changes cannot be merged; nothing changed here. git: {message}",
    "err.sync_conflict_files": (
        "The changes from {remote} to {files} cannot be merged field by field (not a readable YAML document, or "
        "a binary file). Nothing changed here. Settle that file with the colleague who changed it, then sync again; "
        "or merge with git (`git pull`), keep the right text between the <<<<<<< and >>>>>>> lines, and "
        "`bapascase sync` finishes that merge."),
    "err.sync_rebase_left": (
        "A git rebase was left unfinished in this casebook. Run `bapascase sync --abort` to undo it, then sync "
        "again."),
    "err.sync_kept_both": (
        "Sync stopped: {n} {n:field was|fields were} changed in two places, and both versions were kept in the "
        "file (not sent yet):\n"
        "{fields}\n"
        "Choose one with `bapascase sync` on a terminal, or edit the file and leave one value (remove `_conflict`, "
        "`here`, `there`), then sync again."),
    "err.sync_interrupted": "Sync interrupted while choosing versions; the merge is not finished. Run `bapascase sync` to go on choosing, or `bapascase sync --abort` to undo this sync.",
    "sync.kept_line": "  {where}: {field}",
    "sync.version_here": "Version 'here' in the file",
    "sync.version_there": "Version 'there' in the file",
    "sync.keep_version_here": "Version 'here' in the file (both came from another clone)",
    "sync.keep_version_there": "Version 'there' in the file (both came from another clone)",
    "sync.chose_version_here": "Kept version 'here' in the file: {where}: {field}",
    "sync.chose_version_there": "Kept version 'there' in the file: {where}: {field}",
    "sync.here": "On this computer",
    "sync.there": "From {remote}",
    "sync.there_by": "From {remote} ({by})",
    "sync.removed": "(removed)",
    "sync.choose": "Which version to keep?",
    "sync.keep_here": "The version on this computer",
    "sync.keep_there": "The version {there}",
    "sync.keep_both": "Keep both for now, decide later",
    "sync.chose_here": "Kept this computer's version: {where}: {field}",
    "sync.chose_there": "Kept the remote's version: {where}: {field}",
    "sync.chose_both": "Both kept: {where}: {field}",
    "sync.setup": "Field-level merging set up for this clone (.gitattributes and git config).",
    "sync.saved": "Committed first: {n} {n:file|files} saved but not committed.",
    "sync.arrived": "Came in from {remote}:",
    "sync.new_case": "new case {case}, by {by}",
    "sync.new_entry": "new {what} for {case} ({file}), by {by}",
    "sync.changed": "{what} of {case} changed, by {by}",
    "sync.settings_removed": "bapascase.yaml removed, by {by}",
    "sync.settings_removed_how": (
        "bapascase.yaml was removed by a colleague: this casebook's office, officers and letterhead are now empty. "
        "If that was a mistake, bring it back with `git checkout {commit} -- bapascase.yaml`, then `bapascase sync`."),
    "sync.settings_kept_here": "Warning: {problem} Until one is chosen, this computer's version is used.",
    "sync.settings_changed": "bapascase.yaml changed, by {by}",
    "sync.more": "... and {n} more",
    "sync.nothing_new": "Nothing new from {remote}.",
    "sync.sent": "Sent to {remote}: {n} {n:commit|commits}.",
    "sync.nothing_to_send": "Nothing to send.",
    "sync.aborted": (
        "The unfinished git {state} was undone: the casebook is back at the commit before that {state}; new files "
        "saved since are still here and the next sync commits them."),
    "sync.nothing_to_abort": "There is no unfinished sync.",
    "sync.clear_lock": (
        "A git lock file was left behind: {path} ({minutes} min old; no git process is running). Remove it?"),
    "sync.lock_cleared": "Removed a git lock file left behind: {path} ({minutes} min old).",
    # git and commits
    "err.git_locked": "git is in use by another program (lock file {path}); try again when it has finished.",
    "err.git_stale_lock": (
        "git is blocked by a lock file left behind: {path} ({minutes} min old; no git process is running). Remove "
        "it with `bapascase sync --force` (or answer yes when asked on a terminal)."),
    "err.commit_busy": "Another bapascase command is committing or syncing in this casebook; try again shortly.",
    # the officer at the keyboard
    "opt.as": "The officer at work (a name or NIP from bapascase.yaml); recorded in every commit.",
    "cmd.whoami": "The officer at work in this clone (recorded in every commit); --set to choose.",
    "opt.whoami_set": "Remember this officer for this clone (.bapascase/officer, never committed).",
    "opt.whoami_forget": "Forget this clone's choice of officer.",
    "err.officer_not_listed": "Officer '{officer}' ({where}) is not in bapascase.yaml's officers ({listed}). {reason}",
    "officer.source_option": "--as",
    "officer.source_env": "BAPASCASE_OFFICER",
    "officer.source_clone": "this clone's choice, .bapascase/officer",
    "officer.source_only": "the only officer in bapascase.yaml",
    "officer.source_git": "the git user name",
    "officer.source_none": "unknown",
    "whoami.is": "Officer: {officer} (from {source}).",
    "whoami.none": (
        "The officer is not known: commits record only the git identity. Choose with `bapascase whoami --set NAME`, "
        "or use --as NAME."),
    "whoami.saved": "This clone now records {officer} in every commit ({path}).",
    "whoami.forgotten": "This clone's choice of officer is forgotten.",
    "whoami.no_choice": "This clone has no choice of officer.",
    # check
    "check.removed": ("{path}: removed but not committed; `bapascase sync --delete` removes it from the shared "
                      "casebook too, `git checkout HEAD -- {path}` brings it back"),
    "check.removed_case": ("case {case} (the whole folder): removed but not committed; `bapascase sync --delete` "
                           "removes it from the shared casebook too, `git checkout HEAD -- {path}` brings it back"),
    "check.uncommitted": "{path}: saved but not committed (`bapascase sync` commits it)",
    "check.merge_setup": (
        "Field-level merging is not set up in this clone ({what}); `bapascase check --fix` or `bapascase sync` sets "
        "it up."),
    "check.merge_attributes": ".gitattributes",
    "check.merge_config": "git config",
    "check.stale_lock": "{path}: a git lock file left behind {minutes} min ago; remove it with "
                        "`bapascase sync --force`",
    "check.in_progress": "A sync was left unfinished ({state}): run `bapascase sync` to finish it, or "
                         "`bapascase sync --abort` to undo it.",
    "val.sync_conflict": (
        "two versions kept by sync: here {here}, from the remote {there}. Choose with `bapascase sync` on a "
        "terminal, or edit this file and leave one value."),
    "val.sync_conflict_removed": "(removed)",
    # edit
    "edit.diff_opened": "when opened",
    "edit.diff_now": "now",
    "edit.changed_meanwhile": (
        "{path} changed while the editor was open (the changes are below); your edit did not overwrite them and is "
        "kept in {kept}. Open it again with `bapascase edit` to edit the newest version."),
}
