"""Katalog bahasa Indonesia: petugas di depan papan ketik (isu 11): prompt di terminal mana pun, lapor (wajib
lapor satu baris), pengaturan kantor dan petugas, duplikat, impor, kemajuan, peringatan, bantuan dan pelengkapan
perintah."""

MESSAGES: dict[str, str] = {
    # -- prompts
    "kbd.choose_one": "— pilih salah satu —",
    "kbd.choose_one_error": "Pilih salah satu jawaban dengan panah ↑↓, lalu Enter.",
    "kbd.select_hint": "(↑↓ lalu Enter)",
    "kbd.checkbox_hint": "(↑↓ pindah, Spasi centang, Enter selesai)",
    "kbd.yes_no_default_yes": "(Y/t)",
    "kbd.yes_no_default_no": "(y/T)",
    "kbd.keys_hint": "Enter: lanjut · Ctrl-Z: kembali ke pertanyaan sebelumnya · Ctrl-C: berhenti (jawaban disimpan sebagai draf)",
    "kbd.no_back": "Tidak ada pertanyaan sebelumnya yang bisa diulang di sini.",
    "kbd.list_item_hint": "kosongkan untuk menghapus isian ini",
    "kbd.review_item": "Ubah atau hapus satu isian daftar",
    "kbd.review_which_item": "Isian mana?",
    "kbd.review_item_action": "Diapakan?",
    "kbd.review_item_edit": "Ubah",
    "kbd.review_item_delete": "Hapus",
    "kbd.previous_answer": "sebelumnya: {answer}",
    "kbd.computed": "dihitung",
    "kbd.unanswered": "belum dijawab",
    "kbd.priority": "prioritas",
    "kbd.level": "Tingkat kebutuhan",
    "kbd.total_category": "Total {total} dari {max} · kategori {category}",
}
