"""Katalog bahasa Indonesia: batas tanggal yang dicatat (bukan sesudah hari ini, di dalam masa bimbingan) dan
pengakhiran yang mungkin menurut hukum."""

MESSAGES: dict[str, str] = {
    "wr.handover_broken": ("pengalihan ini mencatat PK sebelumnya {recorded}, tetapi saat itu kasus sudah dipegang "
                           "{actual} (dua pengalihan dibuat bersamaan di dua salinan?); kini kasus dipegang {now}: "
                           "bila keliru, catat lagi `bapascase transfer {case} --to NAMA`"),
    "wr.after_today": "tanggal {date} sesudah hari ini ({today}): catat setelah terjadi",
    "wr.report_outside_period": "wajib lapor {date} di luar masa bimbingan ({start} – {end})",
    "wr.closing_before_end": "masa bimbingan belum berakhir pada {date} (berakhir {end}); pilih dasar lain, atau perbaiki akhir masa bimbingan di registrasi kasus bila memang berubah",
    "wr.came_after_death": "klien {what} pada {date} ({file}), sesudah tanggal meninggal {death}; periksa tanggal meninggal, atau catatan itu",
    "wr.report_after_closing": "klien {what} pada {date} ({file}), sesudah bimbingan berakhir {end}; periksa tanggal pengakhiran, atau catatan itu",
    "wr.came_reported": "melapor (wajib lapor)",
    "wr.came_worked": "menjalani sesi kerja sosial",
    "wr.came_session": "mengikuti sesi intervensi",
    "val.bc_death_after_closing": "tanggal meninggal sesudah tanggal pengakhiran",
}
