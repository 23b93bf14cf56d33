"""Katalog bahasa Indonesia: keluaran untuk kantor (Word dari templat, kalender wajib lapor, pengingat WhatsApp,
kartu bimbingan, dasbor Kasubsi, ekspor spreadsheet)."""

MESSAGES: dict[str, str] = {
    # -- Word
    "docx.page": "Halaman",
    "docx.err.needs_file": "Dokumen Word tidak dicetak ke terminal: pakai -o FILE.docx atau --file.",
    "docx.err.not_docx": "{file}: bukan dokumen Word (.docx) yang bisa dibaca.",
    "docx.err.render": "{file}: templat Word gagal dipakai: {message}. Periksa dengan `bapascase template check {file}`.",
    # -- template check
    "cmd.template": "Templat Word kantor: `template check FILE.docx` memeriksa tag sebelum dipakai.",
    "tpl.cmd.check": "Periksa templat Word: tag yang terpecah oleh Word, tag tak tertutup, kesalahan sintaks, kolom tak dikenal.",
    "tpl.arg.file": "Templat Word (.docx) yang diperiksa.",
    "tpl.err.no_file": "{file}: berkas tidak ada.",
    "tpl.ok": "{file}: templat baik.",
    "tpl.part.document": "isi",
    "tpl.part.header": "kepala halaman",
    "tpl.part.footer": "kaki halaman",
    "tpl.where.paragraph": "paragraf {n}",
    "tpl.where.cell": "tabel {table}, baris {row}, kolom {cell}",
    "tpl.split": "tag {tag} terpecah oleh Word menjadi {n} bagian berformat; ketik ulang tag itu sekaligus tanpa mengubah formatnya di tengah",
    "tpl.unclosed": "tag tidak ditutup dalam paragraf yang sama: {text}",
    "tpl.syntax": "kesalahan sintaks: {message}",
    "tpl.unknown": "kolom tak dikenal: {name}",
    # -- reminders (due --remind, the dashboard, the kartu bimbingan)
    "opt.due_remind": "Untuk setiap klien yang wajib lapor: tautan WhatsApp (wa.me) berisi pengingat sopan untuk klien atau penjamin. Tidak ada yang dikirim otomatis.",
    "remind.text": "Selamat siang. Kami dari {office} mengingatkan jadwal wajib lapor atas nama {initials} pada {date}. Mohon hadir tepat waktu dengan membawa kartu bimbingan. Bila berhalangan, mohon kabari kami. Terima kasih.",
    "remind.client": "klien",
    "remind.guarantor": "penjamin",
    "remind.no_phone": "tidak ada nomor ponsel yang bisa dipakai di berkas kasus",
    "remind.none": "Tidak ada klien yang wajib lapor dalam jangka ini.",
}
