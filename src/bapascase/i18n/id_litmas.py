"""Katalog bahasa Indonesia: Litmas menurut tujuannya, tanda tangan, tanggal dan penulis laporan."""

MESSAGES: dict[str, str] = {
    # -- the Litmas document
    "doc.litmas": "Litmas (laporan penelitian kemasyarakatan)",
    "cmd.litmas": "Catat Litmas (laporan penelitian kemasyarakatan): tujuannya, dasar (surat permintaan, surat tugas), riwayat hidup, tanggapan berbagai pihak, evaluasi di Lapas, rekomendasi.",
    "val.bc_litmas_needs": "wajib diisi untuk Litmas {purpose}",
    # -- sentences written out
    "text.years_words": "{n} ({words}) Tahun",
    "text.months_words": "{n} ({words}) Bulan",
    "text.imprisonment": "{length} Pidana Penjara",
    # -- the report command
    "rpt.opt.date": "Tanggal laporan bila dokumen yang dicetak tidak punya tanggal tercatat (umur dan sisa masa dihitung pada tanggal itu); untuk Litmas: Litmas terakhir pada atau sebelum tanggal itu.",
    "rpt.err.no_litmas_before": "Tidak ada Litmas pada atau sebelum {date} (tercatat: {known}).",
    "rpt.err.unknown_purpose": "Tujuan Litmas '{purpose}' tidak dikenal (bapascase/data/litmas_purposes.yaml).",
    # -- the Litmas report
    "rpt.lit.title": "Laporan Hasil Penelitian Kemasyarakatan",
    "rpt.lit.basis": "Dasar",
    "rpt.lit.basis_request": "Surat {institution} Nomor {number} tanggal {date} perihal {subject}",
    "rpt.lit.basis_assignment": "Surat Tugas Kepala {office} Nomor {number} tanggal {date}",
    "rpt.lit.purpose": "Maksud dan Tujuan",
    "rpt.lit.purpose_text": (
        "Penelitian kemasyarakatan ini dimaksudkan untuk mengungkapkan dan menemukan data dan informasi secara "
        "obyektif tentang perkembangan dan latar belakang kehidupan klien dari berbagai aspek sosiologis, psikologis, "
        "ekonomis dan lingkungan, sebagai bahan pertimbangan {heading}. Pada bagian akhir disampaikan kesimpulan dan "
        "rekomendasi."
    ),
    "rpt.lit.client": "Identitas Klien",
    "rpt.lit.case": "Perkara",
    "rpt.lit.parents": "Orang Tua",
    "rpt.lit.family": "Susunan Keluarga",
    "rpt.lit.sentence": "Pidana",
    "rpt.lit.fractions": "Perhitungan Masa Pidana",
    "rpt.lit.fractions_note": "Dihitung dari tanggal pertama ditahan ({start}) sampai ekspirasi menurut perhitungan Lapas (remisi sudah diperhitungkan).",
    "rpt.lit.fractions_note_sentence": "Dihitung dari tanggal pertama ditahan ({start}) dan lama pidana, sebelum remisi.",
    "rpt.lit.programmes": "Program Pembinaan yang Diikuti",
    "rpt.lit.remission_total": "Jumlah remisi",
    "rpt.lit.register_f_no": "Klien tidak pernah tercatat dalam Register F (pelanggaran disiplin).",
    "rpt.lit.register_f_yes": "Klien tercatat dalam Register F (pelanggaran disiplin).",
    "rpt.lit.not_obtained": "Tidak diperoleh: {reason}",
    "rpt.lit.assessed_on": "Asesmen tanggal {date}.",
    "rpt.lit.no_assessment": "Belum ada asesmen pada atau sebelum tanggal Litmas.",
    "rpt.lit.tpp": "hasil sidang Tim Pengamat Pemasyarakatan pada {date} dengan nomor {number}",
    "rpt.lit.recommend_lead": "Sesuai kesimpulan di atas dan berdasarkan {tpp}, kami selaku Pembimbing Kemasyarakatan merekomendasikan:",
    "rpt.lit.recommend_lead_plain": "Sesuai kesimpulan di atas, kami selaku Pembimbing Kemasyarakatan merekomendasikan:",
    "rpt.lit.closing": "Demikian laporan penelitian kemasyarakatan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
    "rpt.lit.not_recorded": "Belum ada Litmas tercatat untuk kasus ini: laporan disusun dari data yang ada. Catat Litmas dengan `bapascase litmas CASE`.",
    "rpt.lit.yes": "Ya",
    "rpt.lit.no": "Tidak",
    # -- signatures
    "sig.pk": "Pembimbing Kemasyarakatan",
    "sig.known": "Mengetahui,",
    "sig.approved": "Menyetujui,",
    "sig.made_by": "Dibuat oleh,",
    "sig.section_adult": "Bimbingan Klien Dewasa",
    "sig.section_child": "Bimbingan Klien Anak",
    "sig.kasi": "Kepala Seksi {section}",
    "sig.kasubsi": "Kepala Subseksi {section}",
    "sig.head": "Kepala {office}",
    "sig.missing_kasubsi": "Penanda tangan \"Mengetahui\" (Kasubsi/Kasi) belum diatur: tambahkan di bapascase.yaml pada officers, dengan role: kasubsi (nama dan NIP).",
    "sig.missing_head": "Kepala Bapas belum diatur: isi office.head_name dan office.head_nip di bapascase.yaml.",
    # -- print
    "rpt.page": "Halaman",
    "rpt.page_of": "dari",
    "text.days": "{n} Hari",
    # -- identity extras
    "val.bc_kk_text": "No. KK harus ditulis sebagai teks (dalam tanda kutip), bukan angka",
    "val.bc_kk_digits": "No. KK harus 16 digit (sekarang {count})",
    # -- the progress report for a TPP session
    "rpt.prog.for_tpp": "untuk {tpp}, keadaan per {date}",
    "rpt.prog.tpp_numbered": "Sidang TPP Nomor {number} tanggal {date}",
    "rpt.prog.tpp_dated": "Sidang TPP tanggal {date}",
    "rpt.prog.tpp_ref": "{date}, Nomor {number}",
}
