"""``coursekit translations``: bring every language's exercise catalog up to date with the English files."""
from __future__ import annotations

from .output import CliError, course_root, errors_to_stderr, shown


def cmd_translations(args) -> int:
    from .. import strings, translations
    from ..bank import Bank

    root = course_root(args)
    wanted = args.language or translations.languages(root)
    if not wanted:
        raise CliError("no catalog yet: name the languages to start, e.g. coursekit translations --language ar fr")
    unknown = [code for code in wanted if code not in strings.LANGUAGES or code == "en"]
    if unknown:
        raise CliError(f"--language {' '.join(unknown)}: the course can be translated into "
                       f"{', '.join(c for c in strings.LANGUAGES if c != 'en')} (the languages its widgets speak)")
    bank = Bank.load(root, language="en")
    if errors_to_stderr(bank, "no catalog was changed"):
        return 1
    messages = bank.messages()
    try:
        written = translations.update(root, messages, wanted)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    for path in written:
        print(f"updated {shown(path)}")
    for language in wanted:
        print(translations.status(root, language, messages))
    return 0
