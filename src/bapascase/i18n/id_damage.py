"""Katalog bahasa Indonesia: berkas yang rusak atau tidak dapat dibaca (konflik, bukan dokumen, impor yang janggal)."""

MESSAGES: dict[str, str] = {
    # -- a stage file that holds no document: never read as one, never replaced
    "dmg.not_a_document": ("isinya bukan satu dokumen (mapping field: nilai), jadi tidak dibaca dan tidak ditimpa; "
                           "perbaiki berkasnya atau buka dengan `bapascase edit`"),
    # -- a caseload read that had to leave files out (list, due, stats, dashboard...)
    "dmg.unreadable": ("Peringatan: {n} berkas kasus tidak dapat dibaca dan tidak ikut dihitung; "
                       "jalankan `bapascase check`"),
}
