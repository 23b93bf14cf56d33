"""Katalog bahasa Indonesia: yang dijaga sync agar tidak ada catatan yang hilang (merge/rebase terbuka, penghapusan,
berkas yang bukan dokumen casebook)."""

MESSAGES: dict[str, str] = {
    "err.commit_unfinished": (
        "ada {state} git yang belum selesai di casebook ini; berkas ini tetap tersimpan dan akan di-commit oleh "
        "`bapascase sync` setelah {state} itu selesai"),
    "err.commit_detached": (
        "repositori tidak sedang di sebuah branch (detached HEAD); berkas ini tetap tersimpan dan akan di-commit "
        "setelah Anda kembali ke branch (`git switch {branch}`) dan menjalankan `bapascase sync`"),
    "opt.sync_delete": "Kirim juga penghapusan dokumen kasus yang dilakukan di sini (tanpa bertanya).",
    "sync.source": "dari {remote}",
    "sync.source_by": "dari {remote} ({by})",
    "sync.case_removed": "kasus {case} dihapus, oleh {by}",
    "sync.doc_removed": "{what} {case} ({file}) dihapus, oleh {by}",
    "sync.not_shared": (
        "Tidak di-commit dan tidak dikirim ({n} berkas yang bukan dokumen casebook, tetap di sini): {files}"),
    "sync.kept_case": (
        "kasus {case} dihapus di satu sisi tetapi diubah di sisi lain; seluruh kasus disimpan utuh (tidak ada yang "
        "hilang). Jika memang harus dihapus, hapus lagi folder kasusnya lalu `bapascase sync --delete`."),
    "sync.kept_edited": (
        "{path}: dihapus di satu sisi dan diubah di sisi lain; versi yang diubah disimpan. Jika memang harus "
        "dihapus, hapus lagi lalu `bapascase sync --delete`."),
    "err.sync_not_sent": (
        "{n} dokumen tidak dapat dibaca atau tidak sah, jadi tidak di-commit dan tidak dikirim (tetap di sini):\n"
        "{files}\nPerbaiki (`bapascase check` menunjukkan barisnya), lalu sinkron lagi."),
    "err.sync_not_whole": "{parts}",  # err.sync_not_sent and err.sync_invalid, one or both
    "err.sync_invalid": (
        "{n} dokumen yang datang atau hasil penggabungan tidak sah, dan laporan kasusnya terhenti sampai "
        "diperbaiki:\n{files}\nPerbaiki (`bapascase edit`, atau di editor), lalu sinkron lagi."),
    "err.sync_removed": (
        "Sinkron berhenti: {n} berkas kasus dihapus di sini, dan penghapusan tidak dikirim tanpa konfirmasi:\n"
        "{files}\n"
        "Jika memang harus dihapus dari casebook bersama: `bapascase sync --delete`. Jika terhapus tidak sengaja, "
        "kembalikan dengan perintah git di atas, lalu sinkron lagi."),
    "sync.removed_case_line": "  kasus {case} (seluruh folder): kembalikan dengan `git checkout HEAD -- {path}`",
    "sync.removed_file_line": "  {path}: kembalikan dengan `git checkout HEAD -- {path}`",
    "sync.removed_found": "{n} berkas kasus dihapus di sini:\n{files}",
    "sync.confirm_removal": "Hapus {n} berkas itu dari casebook bersama (dari komputer setiap rekan juga)?",
    "err.sync_unresolved": (
        "Ada merge git yang belum selesai, dan berkas ini belum diselesaikan (masih ada baris <<<<<<< ======= "
        ">>>>>>>, atau tidak terbaca):\n{files}\n"
        "Buka berkas itu, sisakan isi yang benar dan hapus baris penandanya, lalu `bapascase sync` lagi: "
        "penggabungan itu diselesaikan dan tidak ada yang dibuang. Untuk membatalkan merge itu: "
        "`bapascase sync --abort`."),
    "err.sync_abort_would_lose": (
        "`sync --abort` tidak dijalankan: {n} hal dicatat setelah {state} git ini dimulai, dan membatalkan "
        "{state} akan menghapusnya:\n{files}\n{how}"),
    "sync.finish_merge": (
        "Selesaikan dengan `bapascase sync` (berkas itu di-commit sesudahnya), atau salin berkas itu ke tempat "
        "lain dulu."),
    "sync.finish_rebase": (
        "Selesaikan rebase itu dengan git (`git rebase --continue` setelah memperbaiki berkas yang bertanda "
        "konflik), atau salin berkas itu ke tempat lain dulu."),
    "sync.lost_commit": "commit {commit} ({subject})",
    "hist.sync_saved": "sinkron: {n} berkas tersimpan di-commit",
    "hist.sync_chosen": "sinkron: versi dipilih di {n} berkas",
    "hist.sync_merge": "sinkron: digabung dari {remote}",
    "hist.sync_merge_kept": "sinkron: digabung dari {remote} (dua versi disimpan di {n} kolom, belum dipilih)",
}
