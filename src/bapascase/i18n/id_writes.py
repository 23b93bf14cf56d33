"""Katalog bahasa Indonesia: batas tanggal yang dicatat (bukan sesudah hari ini, di dalam masa bimbingan) dan
pengakhiran yang mungkin menurut hukum."""

MESSAGES: dict[str, str] = {
    "wr.after_today": "tanggal {date} sesudah hari ini ({today}): catat setelah terjadi",
    "wr.report_outside_period": "wajib lapor {date} di luar masa bimbingan ({start} – {end})",
}
