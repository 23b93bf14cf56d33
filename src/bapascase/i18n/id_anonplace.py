"""Katalog bahasa Indonesia: tempat yang disamarkan (tempat kerja, usaha, sekolah) dalam laporan tersamar."""

MESSAGES: dict[str, str] = {
    "rpt.anonplace.place": "(tempat disamarkan)",
}
