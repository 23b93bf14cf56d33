"""Katalog Indonesia: wawancara di terminal (draf yang tetap disimpan, pertanyaan panjang, judul isian)."""

MESSAGES: dict[str, str] = {
    # -- drafts
    "wdr.new_drafts": "Ada {count} draf pendaftaran yang belum selesai.",
    "wdr.resume_one": "Lanjutkan draf {when}: {name}",
    "wdr.no_name": "(nama belum diisi)",
    "wdr.start_keep": "Daftarkan klien lain (draf tetap disimpan)",
    "wdr.start_discard": "Buang {count} draf itu, lalu daftarkan klien baru",
    "wdr.kept_new": "Catatan: {count} draf pendaftaran yang belum selesai tetap disimpan (terbaru: {path}). Jalankan `bapascase new` di terminal untuk melanjutkannya.",
    "wdr.kept_stage": "Catatan: draf yang belum selesai tetap disimpan: {path}. Jalankan `bapascase {command} {case}` di terminal untuk melanjutkannya.",
    # -- stage order
    "wdr.order_declined": "{stage} tidak dicatat, tidak ada yang disimpan. Belum dicatat: {missing} (--force untuk tetap mencatat).",
    # -- edit
    "wdr.edit_no_terminal": "edit butuh terminal untuk membuka {editor}; tidak ada yang diubah. Jalankan di terminal, atau tentukan editor lain dengan VISUAL atau EDITOR.",
}
