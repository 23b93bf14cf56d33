"""Indonesian catalog: control characters in recorded text (``model.controls``)."""

MESSAGES: dict[str, str] = {
    "val.bc_control_char": "ada karakter kontrol tak terlihat ({char}) pada huruf ke-{position}; hapus karakter itu "
                           "(teks kasus tidak boleh berisi karakter kontrol)",
}
