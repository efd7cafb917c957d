"""``coursekit translations``: bring every language's exercise catalog (and, with ``--pages``, the pages'
catalogs: :mod:`coursekit.page_catalogs`) up to date with the English."""
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
    if args.pages:
        from .. import page_catalogs

        try:
            report = page_catalogs.refresh(root, wanted)
        except (FileNotFoundError, RuntimeError) as exc:
            raise CliError(str(exc)) from None
        changed = [line for line in report.splitlines() if line.startswith(("Create:", "Update:"))]
        print(f"page catalogs: {len(changed)} created or updated, the others unchanged")
    for language in wanted:
        print(translations.status(root, language, messages))
        if args.pages:
            from .. import page_catalogs

            print(page_catalogs.status(root, language))
    return 0
