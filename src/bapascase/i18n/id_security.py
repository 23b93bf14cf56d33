"""Katalog bahasa Indonesia: keamanan dan perlindungan data (templat, tautan simbolik, batas, tulisan terpotong)."""

MESSAGES: dict[str, str] = {
    # -- templates of the casebook
    "sec.template_outside": "Templat {name} mengarah ke luar folder templates/ casebook (tautan simbolik); ditolak.",
    "sec.template_too_big": "Templat {name} terlalu besar (lebih dari {limit} KB); tidak dibaca.",
    "sec.limit_time": "Templat laporan berjalan lebih dari {seconds} detik (perulangan tanpa akhir?); dihentikan.",
    "sec.limit_output": "Templat laporan menghasilkan lebih dari {mb} MB; dihentikan.",
    "sec.limit_value": "Templat laporan membuat nilai yang terlalu besar (teks, daftar, angka atau lebar); dihentikan.",
    "sec.limit_memory": "Templat laporan memakai lebih dari {memory} MB memori; dihentikan.",
    # -- files that are not what they should be
    "sec.not_regular": "{path} bukan berkas biasa (FIFO, perangkat atau folder); tidak dibaca.",
    # -- loading YAML and JSON
    "yaml.duplicate_key": "kunci '{key}' ditulis dua kali (pertama di baris {line}); hapus salah satunya",
    "yaml.duplicate_key_here": "kunci '{key}' ditulis dua kali dalam satu bagian; hapus salah satunya",
    "yaml.alias": "alias YAML (*nama) mengembang menjadi terlalu banyak nilai; tulis nilainya langsung",
    "yaml.alias_recursive": "alias YAML (*nama) merujuk ke bagian yang memuatnya sendiri",
    "yaml.p.colon": "titik dua (:) di tempat yang tidak boleh; apakah nilainya perlu diapit tanda kutip?",
    "yaml.p.indent": "susunan tidak rapi: baris ini tidak sejajar dengan kunci di atasnya (periksa spasi di awal baris)",
    "yaml.p.dash": "daftar tidak rapi: butir daftar (-) dan kunci bercampur pada tingkat yang sama",
    "yaml.p.bracket": "daftar [ ... ] tidak ditutup dengan ]",
    "yaml.p.brace": "bagian dalam kurung kurawal tidak ditutup dengan kurung kurawal tutup",
    "yaml.p.colon_missing": "titik dua (:) setelah kunci tidak ditemukan",
    "yaml.p.token": "ada karakter yang tidak boleh di awal nilai (mis. tab, @ atau `); apit nilainya dengan tanda kutip",
    "yaml.p.tab": "ada karakter tab untuk menjorokkan baris; YAML hanya menerima spasi",
    "yaml.p.alias": "alias YAML (*nama) merujuk ke jangkar (&nama) yang tidak ada",
    "yaml.p.escape": "urutan escape dengan \\ yang tidak dikenal di dalam tanda kutip ganda",
    "yaml.p.end": "berkas berakhir sebelum tanda kutip atau bagian ditutup",
    "yaml.p.key": "kunci berupa daftar atau bagian; kunci harus teks",
    "yaml.p.tag": "tag YAML (!!...) yang tidak diizinkan; hanya teks, angka, tanggal, daftar dan bagian",
    "yaml.p.control": "ada karakter kontrol yang tidak boleh dalam YAML",
    "yaml.p.value": "nilai yang diharapkan tidak ditemukan (periksa tanda kutip dan spasi di awal baris)",
    "yaml.too_deep": "dokumen bersarang terlalu dalam",
    "sec.too_big": "{path} terlalu besar (lebih dari {mb} MB); tidak dibaca.",
    # -- dates and numbers
    "val.bc_date_range": "tanggal '{value}' di luar rentang yang masuk akal ({min} sampai {max})",
    "yaml.number_too_long": "angka terlalu panjang untuk dibaca",
    "sec.list_index": "Kolom {column}: nomor urut daftar paling besar {max}.",
    # -- files cut short
    "sec.cut_short": "berkas berhenti sebelum baris penutupnya '{marker}': mungkin terpotong (disk penuh, komputer mati atau salinan yang terhenti). Periksa dengan `git diff`, pulihkan dengan `git checkout -- BERKAS`; bila Anda sendiri yang menghapus baris itu, tambahkan kembali.",
    "migrate.end_marker": "{n} berkas kini diakhiri baris penutup '{marker}' (ditulis sebelum bapascase menandai akhir berkas); bapascase.yaml mencatat `end_marker: true`, sehingga berkas yang kelak terpotong dikenali",
    "migrate.end_marker_skipped": "{path}: tidak dapat dibaca sebagai YAML; baris penutup tidak ditambahkan (masalahnya disebut di bawah)",
    "sec.unmarked": "{n} berkas ditulis sebelum bapascase menandai akhir berkas dengan '{marker}' (bukan masalah); `bapascase check --fix` menambahkan baris itu agar berkas yang terpotong dapat dikenali.",
    "sec.csv_unreadable": "CSV {path} tidak dapat dibaca: {reason}",
    # -- symbolic links and staging
    "sec.outside": "{path} adalah tautan simbolik yang mengarah ke luar casebook (atau ke luar folder kasusnya); tidak dibaca dan tidak ditulis.",
    "sec.link_out": "tautan simbolik yang mengarah ke luar foldernya; tidak dibaca dan tidak ditulis. Hapus tautannya dan simpan berkasnya di sini.",
    "sec.staging_left": "{path}: folder sementara dari `new` atau `import` yang terhenti (bukan kasus). Ulangi perintahnya bila perlu; `bapascase check --fix` menghapusnya setelah satu jam.",
    "sec.staging_removed": "Folder sementara dihapus: {path}",
    # -- report output
    "sec.output_link": "{path} adalah tautan simbolik; laporan tidak ditulis melaluinya dan tidak menggantinya. Pilih nama berkas lain.",
    "sec.output_special": "{path} bukan berkas biasa (perangkat, FIFO atau folder); laporan tidak ditulis ke sana.",
    "sec.output_casebook": "{path} adalah berkas milik casebook sendiri (bapascase.yaml, .git/, .bapascase/, templates/, schemas/, instruments/): hasil tidak pernah menimpanya. Pilih nama berkas lain.",
    "sec.output_in_cases": "{path} ada di dalam cases/: tidak ada yang ditulis di antara kasus selain laporan ke folder reports/ kasusnya sendiri (berkas lain di sana akan dikira kasus, menimpa dokumen tercatat, atau menyimpan data klien di folder klien lain). Pakai report --file, atau pilih folder lain.",
    # -- anonymisation
    "rpt.anon.contact": "(kontak disamarkan)",
    "rpt.anon.date": "(tanggal disamarkan)",
    "val.literal_error": "harus salah satu dari {expected}",
}
