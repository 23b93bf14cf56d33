"""English catalog: control characters in recorded text (``model.controls``)."""

MESSAGES: dict[str, str] = {
    "val.bc_control_char": "an invisible control character ({char}) at character {position}; remove it "
                           "(case text cannot hold control characters)",
}
