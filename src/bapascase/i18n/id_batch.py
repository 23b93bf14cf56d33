"""Indonesian messages of batches of new cases placed whole or not at all (``store.batch``)."""

MESSAGES: dict[str, str] = {
    "batch.recovered_forward": "Impor yang terhenti diselesaikan: {n} kasus ditempatkan utuh ({journal}).",
    "batch.recovered_back": "Impor yang terhenti dibatalkan utuh: {n} kasus tidak ditempatkan ({journal}).",
    "batch.pending": "{journal}: impor yang terhenti, {placed} dari {total} kasus sudah ditempatkan. Perintah tulis berikutnya (atau `bapascase check --fix`) menyelesaikannya utuh.",
    "batch.unreadable": "{journal}: catatan impor yang tidak terbaca (dihapus oleh `bapascase check --fix`).",
}
