"""Katalog Indonesia: stempel "divalidasi saat ditulis" (``store.stamps``)."""

MESSAGES: dict[str, str] = {
    "opt.check_full": "Periksa ulang setiap berkas sepenuhnya, juga yang stempel validasinya masih cocok "
                      "(.bapascase/stamps.sqlite3).",
}
