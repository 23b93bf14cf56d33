"""Katalog bahasa Indonesia: fakta turunan kerangka hukum (urutan surat peringatan, wajib lapor selama pencabutan
sementara, wajib lapor yang terlambat dan pengingatnya)."""

MESSAGES: dict[str, str] = {
    "val.warning_twice": "surat peringatan ke-{n} sudah tercatat di kasus ini (tiap peringatan hanya sekali)",
    "val.warning_skipped": "surat peringatan ke-{n} memerlukan surat peringatan ke-{before} yang bertanggal sebelumnya",
    "val.warning_breaks": "dengan tanggal ini surat peringatan ke-{n} tidak lagi didahului surat peringatan ke-{before}",
    "due.reported_while_revoked": "Klien masih datang melapor selama pencabutan sementara: catat pencabutan sementara dicabut bila pembimbingan dilanjutkan",
    "remind.text_overdue": "Selamat siang. Kami dari {office} mengingatkan bahwa wajib lapor atas nama {initials} yang dijadwalkan pada {date} belum dilaksanakan. Mohon segera datang melapor dengan membawa kartu bimbingan. Bila berhalangan, mohon kabari kami. Terima kasih.",
    "cal.wl_overdue": "Wajib lapor terlambat, segera: {who}",
}
