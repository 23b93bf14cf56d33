"""Katalog bahasa Indonesia: instrumen asesmen (RRI bagian A-D, aturan kriminogenik, instrumen anak)."""

MESSAGES: dict[str, str] = {
    # -- definitions
    "val.bc_def_part": "bagian '{value}' tidak ada (bagian: {known})",
    # -- answers that do not fit the client
    "instr.adult_for_child": (
        "instrumen dewasa '{instrument}' dipakai untuk klien anak (program anak atau di bawah 18 tahun pada tanggal "
        "asesmen); pakai '{expected}'"
    ),
    "instr.child_for_adult": "instrumen anak '{instrument}' dipakai untuk klien dewasa; pakai '{expected}'",
    "instr.part_not_for_female": "{part} hanya untuk klien perempuan",
    "instr.part_not_for_narcotics": "{part} hanya untuk perkara narkotika (lihat rri.narcotics_case)",
    # -- the interview
    "asm.narcotics_confirm": "Perkara narkotika/ obat-obatan terlarang? (RRI bagian D)",
    "asm.criminogenic_optional": "Asesmen kebutuhan kriminogenik tidak wajib untuk klien ini. Tetap dilakukan?",
    # -- the verdict of the RRI on the criminogenic needs assessment
    "asm.verdict_total": "Asesmen kebutuhan kriminogenik wajib dilakukan: skor bagian A {threshold} atau lebih.",
    "asm.verdict_yes": "Asesmen kebutuhan kriminogenik wajib dilakukan: ada jawaban \"Ya\" pada {parts}.",
    "asm.verdict_none": (
        "Asesmen kebutuhan kriminogenik tidak wajib dilakukan: skor bagian A di bawah {threshold} dan tidak ada "
        "jawaban \"Ya\" pada bagian B, C, D yang berlaku."
    ),
    "asm.verdict_incomplete": "Perlu tidaknya asesmen kebutuhan kriminogenik belum dapat ditentukan: bagian A belum lengkap.",
    "asm.verdict_unanswered": "Perlu tidaknya asesmen kebutuhan kriminogenik belum dapat ditentukan: {parts} belum dijawab.",
    "asm.verdict_facts": (
        "Perlu tidaknya asesmen kebutuhan kriminogenik belum dapat ditentukan: belum diketahui apakah {parts} berlaku."
    ),
    "show.verdict": "Asesmen kriminogenik",
    # -- instruments in reports
    "rpt.score.unfit_child": "Instrumen dewasa dipakai untuk klien anak: tidak dinilai; asesmen ulang dengan instrumen anak.",
    "rpt.score.unfit_adult": "Instrumen anak dipakai untuk klien dewasa: tidak dinilai; asesmen ulang dengan RRI.",
    "rpt.score.not_for_female": "Tidak berlaku: hanya untuk klien perempuan.",
    "rpt.score.not_for_narcotics": "Tidak berlaku: hanya untuk perkara narkotika.",
    "rpt.score.not_asked": "Tidak ditanyakan: skor bagian A {threshold} atau lebih.",
    "rpt.score.not_answered": "Belum dijawab.",
    "rpt.score.part_category": "Nilai {points}: {category}.",
    "rpt.score.verdict": "Asesmen kriminogenik",
    "rpt.score.notes": "Catatan sumber",
}
