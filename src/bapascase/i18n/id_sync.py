"""Katalog bahasa Indonesia: casebook bersama (sync, commit, petugas di depan komputer, penggabungan per kolom)."""

MESSAGES: dict[str, str] = {
    # sync
    "cmd.sync": "Kirim perubahan casebook ke remote git dan terima perubahan rekan (digabung per kolom).",
    "opt.sync_abort": "Batalkan sinkron yang belum selesai (merge/rebase); casebook kembali seperti sebelumnya.",
    "opt.sync_force": "Hapus berkas kunci git yang tertinggal (.git/index.lock) tanpa bertanya.",
    "err.no_remote": (
        "Casebook ini belum punya remote git untuk sinkron. Tambahkan sekali: "
        "`git remote add origin URL` (URL repositori kantor), lalu `bapascase sync`."),
    "err.sync_detached": "Repositori casebook tidak sedang di sebuah branch (detached HEAD); pindah ke branch dulu "
                         "(`git switch {branch}`).",
    "err.sync_unreachable": (
        "Remote {remote} ({url}) tidak dapat dihubungi: {reason}. Semua sudah tersimpan dan di-commit di sini; "
        "akan dikirim pada sinkron berikutnya."),
    "err.sync_auth": (
        "Remote {remote} ({url}) menolak akses: {reason}. Periksa hak akses Anda (kunci SSH, token, atau kata sandi), "
        "lalu sinkron lagi. Semua tetap tersimpan di sini."),
    "err.sync_busy_remote": "Remote {remote} terus berubah selama sinkron (rekan sedang mengirim); coba lagi sebentar.",
    "err.sync_merge_untracked": (
        "Perubahan dari remote tidak dapat digabung; tidak ada yang berubah di sini. Berkas di sini yang tidak "
        "tercatat di git akan tertimpa oleh berkas rekan dengan nama yang sama: {files}. Pindahkan atau ganti "
        "namanya, lalu sinkron lagi."),
    "err.sync_merge_local": (
        "Perubahan dari remote tidak dapat digabung; tidak ada yang berubah di sini. Perubahan di sini yang belum "
        "di-commit akan tertimpa: {files}.{problems}\nPerbaiki (`bapascase check` menunjukkan barisnya) agar "
        "dapat di-commit, atau kembalikan dengan `git checkout -- BERKAS`, lalu sinkron lagi."),
    "err.sync_remote_rejected": (
        "Remote {remote} ({url}) menolak kiriman: {reason}. Semua tetap tersimpan dan ter-commit di sini."),
    "sync.waiting_lock": "Menunggu perintah bapascase lain yang sedang meng-commit atau sinkron di casebook ini ...",
    "err.sync_merge_refused": "Perubahan dari remote tidak dapat digabung; tidak ada yang berubah di sini. git: {message}",
    "err.sync_conflict_files": (
        "Perubahan dari {remote} pada {files} tidak dapat digabung per kolom (bukan dokumen YAML yang terbaca, atau "
        "berkas biner). Tidak ada yang berubah di sini. Perbaiki berkas itu bersama rekan yang mengubahnya, lalu sinkron "
        "lagi; atau gabungkan dengan git (`git pull`), pilih isi yang benar di antara baris <<<<<<< dan >>>>>>>, "
        "lalu `bapascase sync` menyelesaikan penggabungan itu."),
    "err.sync_rebase_left": (
        "Ada rebase git yang belum selesai di casebook ini. Jalankan `bapascase sync --abort` untuk membatalkannya, "
        "lalu sinkron lagi."),
    "err.sync_kept_both": (
        "Sinkron berhenti: {n} kolom diubah di dua tempat, dan keduanya disimpan di berkas (belum dikirim):\n"
        "{fields}\n"
        "Pilih salah satu dengan `bapascase sync` di terminal, atau sunting berkasnya dan sisakan satu nilai "
        "(hapus `_conflict`, `here`, `there`), lalu sinkron lagi."),
    "err.sync_interrupted": "Sinkron terhenti saat memilih versi; penggabungan belum selesai. Jalankan `bapascase sync` untuk melanjutkan memilih, atau `bapascase sync --abort` untuk membatalkan sinkron ini.",
    "sync.kept_line": "  {where}: {field}",
    "sync.version_here": "Versi 'here' di berkas",
    "sync.version_there": "Versi 'there' di berkas",
    "sync.keep_version_here": "Versi 'here' di berkas (kedua versi datang dari clone lain)",
    "sync.keep_version_there": "Versi 'there' di berkas (kedua versi datang dari clone lain)",
    "sync.chose_version_here": "Dipilih versi 'here' di berkas: {where}: {field}",
    "sync.chose_version_there": "Dipilih versi 'there' di berkas: {where}: {field}",
    "sync.here": "Di komputer ini",
    "sync.there": "Dari {remote}",
    "sync.there_by": "Dari {remote} ({by})",
    "sync.removed": "(dihapus)",
    "sync.choose": "Simpan versi yang mana?",
    "sync.keep_here": "Versi di komputer ini",
    "sync.keep_there": "Versi {there}",
    "sync.keep_both": "Simpan keduanya dulu, putuskan nanti",
    "sync.chose_here": "Dipilih versi di komputer ini: {where}: {field}",
    "sync.chose_there": "Dipilih versi dari remote: {where}: {field}",
    "sync.chose_both": "Keduanya disimpan: {where}: {field}",
    "sync.setup": "Penggabungan per kolom disiapkan untuk clone ini (.gitattributes dan konfigurasi git).",
    "sync.saved": "Lebih dulu di-commit: {n} berkas yang tersimpan tetapi belum di-commit.",
    "sync.arrived": "Masuk dari {remote}:",
    "sync.new_case": "kasus baru {case}, oleh {by}",
    "sync.new_entry": "{what} baru untuk {case} ({file}), oleh {by}",
    "sync.changed": "{what} {case} diubah, oleh {by}",
    "sync.settings_removed": "bapascase.yaml dihapus, oleh {by}",
    "sync.settings_removed_how": (
        "bapascase.yaml dihapus oleh rekan: kantor, petugas dan kop surat casebook ini kini kosong. Jika tidak "
        "disengaja, kembalikan dengan `git checkout {commit} -- bapascase.yaml` lalu `bapascase sync`."),
    "sync.settings_kept_here": "Peringatan: {problem} Sampai dipilih, dipakai versi di komputer ini.",
    "sync.settings_changed": "bapascase.yaml diubah, oleh {by}",
    "sync.more": "... dan {n} lainnya",
    "sync.nothing_new": "Tidak ada yang baru dari {remote}.",
    "sync.sent": "Terkirim ke {remote}: {n} commit.",
    "sync.nothing_to_send": "Tidak ada yang perlu dikirim.",
    "sync.aborted": (
        "Proses {state} git yang belum selesai dibatalkan: casebook kembali ke commit sebelum {state} itu; berkas baru yang "
        "disimpan sejak itu tetap ada dan di-commit oleh sinkron berikutnya."),
    "sync.nothing_to_abort": "Tidak ada sinkron yang belum selesai.",
    "sync.clear_lock": (
        "Berkas kunci git tertinggal: {path} (dari {minutes} menit lalu; tidak ada proses git yang berjalan). "
        "Hapus?"),
    "sync.lock_cleared": "Berkas kunci git yang tertinggal dihapus: {path} (dari {minutes} menit lalu).",
    # git and commits
    "err.git_locked": (
        "git sedang dipakai program lain (berkas kunci {path}); coba lagi setelah program itu selesai."),
    "err.git_stale_lock": (
        "git terhalang berkas kunci yang tertinggal: {path} (dari {minutes} menit lalu; tidak ada proses git yang "
        "berjalan). Hapus dengan `bapascase sync --force` (atau jawab ya saat ditanya di terminal)."),
    "err.commit_busy": "Perintah bapascase lain sedang meng-commit atau sinkron di casebook ini; coba lagi sebentar.",
    # the officer at the keyboard
    "opt.as": "Petugas yang bekerja (nama atau NIP dari bapascase.yaml); dicatat di setiap commit.",
    "cmd.whoami": "Petugas yang bekerja di clone ini (dicatat di setiap commit); --set untuk memilih.",
    "opt.whoami_set": "Ingat petugas ini untuk clone ini (.bapascase/officer, tidak di-commit).",
    "opt.whoami_forget": "Lupakan pilihan petugas clone ini.",
    "err.officer_not_listed": "Petugas '{officer}' ({where}) tidak ada di daftar petugas bapascase.yaml ({listed}). "
                              "{reason}",
    "officer.source_option": "--as",
    "officer.source_env": "BAPASCASE_OFFICER",
    "officer.source_clone": "pilihan clone ini, .bapascase/officer",
    "officer.source_only": "satu-satunya petugas di bapascase.yaml",
    "officer.source_git": "nama pengguna git",
    "officer.source_none": "tidak diketahui",
    "whoami.is": "Petugas: {officer} (dari {source}).",
    "whoami.none": (
        "Petugas belum diketahui: commit hanya mencatat identitas git. Pilih dengan `bapascase whoami --set NAMA`, "
        "atau pakai --as NAMA."),
    "whoami.saved": "Clone ini sekarang mencatat {officer} di setiap commit ({path}).",
    "whoami.forgotten": "Pilihan petugas clone ini dilupakan.",
    "whoami.no_choice": "Clone ini belum punya pilihan petugas.",
    # check
    "check.removed": ("{path}: dihapus tetapi belum di-commit; `bapascase sync --delete` menghapusnya juga dari "
                      "casebook bersama, `git checkout HEAD -- {path}` mengembalikannya"),
    "check.removed_case": ("kasus {case} (seluruh folder): dihapus tetapi belum di-commit; `bapascase sync --delete` "
                           "menghapusnya juga dari casebook bersama, `git checkout HEAD -- {path}` mengembalikannya"),
    "check.uncommitted": "{path}: tersimpan tetapi belum di-commit (`bapascase sync` akan meng-commit-nya)",
    "check.merge_setup": (
        "Penggabungan per kolom belum disiapkan di clone ini ({what}); `bapascase check --fix` atau "
        "`bapascase sync` menyiapkannya."),
    "check.merge_attributes": ".gitattributes",
    "check.merge_config": "konfigurasi git",
    "check.stale_lock": "{path}: berkas kunci git tertinggal dari {minutes} menit lalu; hapus dengan "
                        "`bapascase sync --force`",
    "check.in_progress": "Sinkron belum selesai ({state}): jalankan `bapascase sync` untuk menyelesaikannya, atau "
                         "`bapascase sync --abort` untuk membatalkannya.",
    "val.sync_conflict": (
        "dua versi disimpan oleh sinkron: di sini {here}, dari remote {there}. Pilih dengan `bapascase sync` di "
        "terminal, atau sunting berkas ini dan sisakan satu nilai."),
    "val.sync_conflict_removed": "(dihapus)",
    # edit
    "edit.diff_opened": "saat dibuka",
    "edit.diff_now": "sekarang",
    "edit.changed_meanwhile": (
        "{path} berubah selama editor terbuka (perubahan di bawah ini); suntingan Anda tidak menimpanya dan "
        "disimpan di {kept}. Buka lagi dengan `bapascase edit` untuk menyunting versi terbaru."),
}
