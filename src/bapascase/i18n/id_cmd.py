"""Katalog bahasa Indonesia: perintah tahap (engage ... terminate, reopen, edit, history)."""

MESSAGES: dict[str, str] = {
    "doc.case": "Registrasi",
    "doc.engagement": "EIC",
    "doc.assessment": "Asesmen",
    "doc.plan": "Rencana intervensi",
    "doc.intervention": "Intervensi",
    "doc.monitoring": "Monitoring",
    "doc.termination": "Terminasi",
    "order.confirm": "{stage} biasanya dilakukan setelah {missing}, yang belum dicatat. Tetap lanjutkan?",
    "err.out_of_order": "{stage} untuk {case} butuh {missing} lebih dulu. Catat itu dulu, atau pakai --force.",
    "err.case_terminated": "Kasus {case} sudah diakhiri. Buka kembali dengan `bapascase reopen {case} --reason ...`.",
}
