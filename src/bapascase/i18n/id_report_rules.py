"""Katalog bahasa Indonesia: aturan laporan (periode laporan perkembangan, apa yang harus dicatat sebelum sebuah
laporan dapat dibuat, berkas keluaran)."""

MESSAGES: dict[str, str] = {
    "rpt.prog.outside_period": "Tidak ada dalam periode ini (wajib lapor bulan ini tercatat di luar periode)",
    "rpt.err.stage_missing": "Kasus ini belum punya catatan: {doc}. Catat dulu dengan `{command}`; laporan {kind} dibuat dari catatan itu.",
}
