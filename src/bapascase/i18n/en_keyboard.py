"""English catalog: the officer at the keyboard (issue 11): prompts on any terminal, check-ins (wajib lapor in one
line), office and officer setup, duplicates, imports, progress, warnings, help and shell completion."""

MESSAGES: dict[str, str] = {
    # -- prompts
    "kbd.choose_one": "— choose one —",
    "kbd.choose_one_error": "Choose an answer with the arrow keys ↑↓, then Enter.",
    "kbd.select_hint": "(↑↓ then Enter)",
    "kbd.checkbox_hint": "(↑↓ move, Space tick, Enter done)",
    "kbd.yes_no_default_yes": "(Y/n)",
    "kbd.yes_no_default_no": "(y/N)",
    "kbd.keys_hint": "Enter: next · Ctrl-Z: back to the previous question · Ctrl-C: stop (answers kept as a draft)",
    "kbd.no_back": "There is no earlier question to go back to here.",
    "kbd.list_item_hint": "leave empty to delete this entry",
    "kbd.review_item": "Change or delete one entry of a list",
    "kbd.review_which_item": "Which entry?",
    "kbd.review_item_action": "What to do with it?",
    "kbd.review_item_edit": "Change",
    "kbd.review_item_delete": "Delete",
    "kbd.previous_answer": "previously: {answer}",
    "kbd.computed": "computed",
    "kbd.unanswered": "not answered",
    "kbd.priority": "priority",
    "kbd.level": "Need level",
    "kbd.total_category": "Total {total} of {max} · category {category}",
}
