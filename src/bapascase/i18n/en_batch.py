"""English messages of batches of new cases placed whole or not at all (``store.batch``)."""

MESSAGES: dict[str, str] = {
    "batch.recovered_forward": "A stopped import was finished: {n} cases placed whole ({journal}).",
    "batch.recovered_back": "A stopped import was taken back whole: {n} cases not placed ({journal}).",
    "batch.pending": "{journal}: a stopped import, {placed} of {total} cases placed so far. The next writing command (or `bapascase check --fix`) finishes it whole.",
    "batch.unreadable": "{journal}: an unreadable import journal (`bapascase check --fix` removes it).",
}
