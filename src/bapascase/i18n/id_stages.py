"""id catalog: stages (the six stage documents and the instrument engine)."""

MESSAGES: dict[str, str] = {
    # -- validation of the stage documents
    "val.bc_short_id": "kode '{value}' tidak sah: huruf/angka tanpa spasi, paling banyak 16 karakter (mis. T1)",
    "val.bc_duplicate_id": "kode '{value}' sudah dipakai di dokumen ini",
    "val.bc_goal_unknown": "tujuan '{value}' tidak ada di rencana ini (yang ada: {known})",
    "val.bc_person_unknown": "orang '{value}' tidak ada di genogram (yang ada: {known})",
    "val.bc_link_self": "hubungan harus antara dua orang yang berbeda",
    "val.bc_genogram_clients": "hanya satu orang yang boleh ditandai sebagai klien",
    "val.bc_end_before_start_date": "tanggal akhir lebih awal dari tanggal mulai",
    "val.bc_wl_remote_reason": "wajib lapor jarak jauh harus disertai alasan",
    "val.bc_attended_more": "sesi yang dihadiri melebihi sesi terjadwal ({planned})",
    "val.bc_next_before_date": "tanggal berikutnya lebih awal dari tanggal dokumen ini",
    "val.bc_attachment_empty": "path lampiran kosong",
    "val.bc_attachment_control": "path lampiran berisi karakter kontrol",
    "val.bc_attachment_absolute": (
        "lampiran harus berupa path relatif di dalam folder attachments/ kasus ini (bukan path absolut, drive atau URL)"
    ),
    "val.bc_attachment_parent": "lampiran tidak boleh keluar dari folder attachments/ ('..')",
    "val.bc_reason_other": "alasan lain wajib diisi bila alasannya 'lainnya'",
    "val.bc_instrument_id": "kode instrumen '{value}' tidak sah (huruf kecil, angka, _ . -)",
    # -- instrument definitions (YAML in bapascase/data/instruments or the casebook's instruments/)
    "val.bc_def_code": "kode '{value}' tidak sah (huruf kecil, angka, _ . -)",
    "val.bc_def_not_int": "harus bilangan bulat, bukan '{value}'",
    "val.bc_def_duplicate": "kode '{value}' dipakai lebih dari sekali",
    "val.bc_def_cutoff_order": "min {min} lebih besar dari max {max}",
    "val.bc_def_cutoffs": "cut-off tidak mencakup setiap skor tepat satu kali",
    "instr.def_not_mapping": "definisi instrumen harus berupa mapping dengan id, version, title, items",
    "instr.def_cutoff_overlap": "cut-off '{a}' ({a_min}–{a_max}) dan '{b}' ({b_min}–{b_max}) tumpang tindih",
    "instr.def_cutoff_gap": "skor {low}–{high} tidak masuk kategori mana pun (cut-off bercelah)",
    "instr.def_cutoff_outside": "cut-off '{category}' ({min}–{max}) di luar skor yang mungkin ({low}–{high})",
    "instr.def_shadows_builtin": (
        "instrumen {instrument} versi {version} sudah bawaan bapascase dan isinya berbeda; beri versi baru"
    ),
    "instr.def_duplicate_file": "instrumen {instrument} versi {version} sudah didefinisikan di {other}",
    # -- instruments in use
    "instr.unknown_instrument": "instrumen '{instrument}' tidak dikenal (tersedia: {known})",
    "instr.unknown_version": "instrumen '{instrument}' tidak punya versi '{version}' (tersedia: {known})",
    "instr.wrong_kind": "instrumen '{instrument}' bukan instrumen {expected}",
    "instr.unknown_item": "butir '{item}' tidak ada di {instrument} versi {version}",
    "instr.unknown_option": "pilihan '{option}' tidak ada untuk butir '{item}'; pilih salah satu: {options}",
    "instr.kind_risk": "risiko",
    "instr.kind_needs": "kebutuhan",
    "instr.change_up": "naik dari {before} menjadi {after}",
    "instr.change_down": "turun dari {before} menjadi {after}",
    "instr.change_same": "tetap {after}",
    "instr.change_new": "{after} (asesmen pertama dengan kategori)",
    "instr.change_unknown": "belum dapat dibandingkan (asesmen belum lengkap)",
}
