"""The bounds of what a casebook can record, in one place (plain constants: the read commands import them).

A date outside ``DATE_MIN``..``DATE_MAX`` is refused by validation (``model.types.Date``) and read as unknown by
the tolerant readers (``model.text.as_date``), so a typo such as ``9999-12-31`` can never make a derived date
overflow. Intervals and counts have their ceilings here too, used by the models' ``le=`` and by the
derivations that read hand-edited values.
"""

from __future__ import annotations

import datetime as dt

DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)

# the longest interval between two wajib-lapor reports (a contract's or the casebook's default), in days
INTERVAL_DAYS_MAX = 366

# the most items a list of one document can hold through a numbered path (a CSV column ``family.3.name``): a
# header such as ``family.2000000.name`` must not make two million empty family members
LIST_ITEMS_MAX = 1000

# the largest amount of rupiah a money field holds (``field(money=True)`` applies it): a trillion a month is a typo
MONEY_MAX = 10**12
