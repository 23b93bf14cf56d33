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
    "sec.output_in_cases": "{path} ada di dalam cases/: laporan tidak ditulis di antara kasus (akan dikira kasus atau menimpa data). Pakai --file untuk menyimpan di cases/<id>/reports/, atau pilih folder lain.",
    # -- anonymisation
    "rpt.anon.contact": "(kontak disamarkan)",
    "rpt.anon.date": "(tanggal disamarkan)",
    "val.literal_error": "harus salah satu dari {expected}",
}
