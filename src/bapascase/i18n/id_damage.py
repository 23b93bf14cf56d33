"""Katalog bahasa Indonesia: berkas yang rusak atau tidak dapat dibaca (konflik, bukan dokumen, impor yang janggal)."""

MESSAGES: dict[str, str] = {
    # -- a stage file that holds no document: never read as one, never replaced
    "dmg.not_a_document": ("isinya bukan satu dokumen (daftar isian field: nilai), jadi tidak dibaca dan tidak ditimpa; "
                           "perbaiki berkasnya atau buka dengan `bapascase edit`"),
    # -- a caseload read that had to leave files out (list, due, stats, dashboard...)
    "dmg.unreadable": ("Peringatan: {n} berkas kasus tidak dapat dibaca; isinya tidak ikut dihitung (kasusnya tetap "
                       "tampil, tanpa isi itu); jalankan `bapascase check`"),
    # -- spreadsheets to import
    "dmg.xlsx_unreadable": "{path}: berkas Excel tidak dapat dibaca ({reason})",
    "dmg.xlsx_unpacked": ("{path}: isi berkas Excel terlalu besar setelah dibuka ({mb} MB; paling banyak {max} MB "
                          "per bagian); tidak dibaca"),
    "dmg.csv_too_large": "{path}: lebih dari {max_rows} baris; impor klien dalam beberapa bagian yang lebih kecil",
    "dmg.xlsx_too_large": ("{path}: lembar pertama terlalu besar (sampai baris {rows}, kolom {columns}; paling "
                           "banyak {max_rows} baris dan {max_columns} kolom). Hapus sel terisi yang jauh di luar "
                           "data (Ctrl+End menunjukkannya) lalu simpan lagi"),
    # -- why a spreadsheet cannot be read (the parsers' own words are English)
    "dmg.why.not_workbook": "bukan buku kerja Excel .xlsx yang utuh; simpan lagi sebagai .xlsx atau CSV",
    "dmg.why.xml_at": "isi XML lembarnya rusak atau memuat DTD/entitas, baris {line} kolom {column}",
    "dmg.why.xml": "isi XML lembarnya rusak atau memuat DTD/entitas",
    "dmg.why.other": "isinya tidak dapat diurai ({kind})",
    "dmg.why.csv_field_limit": "baris {line}: satu sel lebih panjang dari {max} karakter",
    "dmg.why.csv_other": "baris {line}: bukan teks CSV yang dapat dibaca",
    "dmg.column_twice": "kolom untuk field ini ditulis dua kali (juga '{first}'); hapus salah satunya",
    "dmg.import_item": "butir [{index}] berkas ini",
}
