"""Katalog bahasa Indonesia: batas tanggal yang dicatat (bukan sesudah hari ini, di dalam masa bimbingan) dan
pengakhiran yang mungkin menurut hukum."""

MESSAGES: dict[str, str] = {
    "wr.after_today": "tanggal {date} sesudah hari ini ({today}): catat setelah terjadi",
    "wr.report_outside_period": "wajib lapor {date} di luar masa bimbingan ({start} – {end})",
    "wr.closing_before_end": "masa bimbingan belum berakhir pada {date} (berakhir {end}); pilih dasar lain, atau perbaiki akhir masa bimbingan di registrasi kasus bila memang berubah",
    "val.bc_death_after_closing": "tanggal meninggal sesudah tanggal pengakhiran",
}
