"""English catalog: office outputs (Word from templates, the wajib-lapor calendar, WhatsApp reminders, the
reporting card, the Kasubsi's dashboard, spreadsheet export)."""

MESSAGES: dict[str, str] = {
    # -- Word
    "docx.page": "Page",
    "docx.err.needs_file": "A Word document is not printed to the terminal: use -o FILE.docx or --file.",
    "docx.err.not_docx": "{file}: not a readable Word document (.docx).",
    "docx.err.render": "{file}: the Word template failed: {message}. Check it with `bapascase template check {file}`.",
    # -- template check
    "cmd.template": "The office's Word templates: `template check FILE.docx` checks the tags before use.",
    "tpl.cmd.check": "Check a Word template: tags Word split, unclosed tags, syntax errors, unknown fields.",
    "tpl.arg.file": "The Word template (.docx) to check.",
    "tpl.err.no_file": "{file}: no such file.",
    "tpl.ok": "{file}: the template is fine.",
    "tpl.part.document": "body",
    "tpl.part.header": "header",
    "tpl.part.footer": "footer",
    "tpl.where.paragraph": "paragraph {n}",
    "tpl.where.cell": "table {table}, row {row}, cell {cell}",
    "tpl.split": "tag {tag} was split by Word into {n} {n:run|runs} of formatting; type the tag again in one go without changing its formatting halfway",
    "tpl.unclosed": "tag not closed within its paragraph: {text}",
    "tpl.syntax": "syntax error: {message}",
    "tpl.unknown": "unknown field: {name}",
    # -- reminders (due --remind, the dashboard, the kartu bimbingan)
    "opt.due_remind": "For each client due to report: a WhatsApp link (wa.me) with a polite reminder to the client or guarantor. Nothing is sent automatically.",
    "remind.text": "Good afternoon. This is {office} reminding you that {initials} is due to report on {date}. Please come on time and bring the reporting card. If you cannot come, please let us know. Thank you.",
    "remind.client": "client",
    "remind.guarantor": "guarantor",
    "remind.no_phone": "no usable mobile number in the case file",
    "remind.none": "No client is due to report in this period.",
}
