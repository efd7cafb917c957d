"""Commands that describe the bank: ``list`` (one line per file) and ``stats`` (counts)."""
from __future__ import annotations

import json
from collections import Counter

from .output import course_root, errors_to_stderr, shown


def _listing(bank) -> list[dict]:
    from ..kinds import SECTION_KINDS, of

    order = [k.label for k in SECTION_KINDS]
    rows = []
    for path, model in sorted(bank.files.items()):
        kind = of(model)
        if kind is None or not kind.per_section:
            continue
        rows.append({"section": model.section, "kind": kind.label, "id": getattr(model, "id", None),
                     "count": kind.count(model), "path": shown(path)})
    return sorted(rows, key=lambda r: (r["section"], order.index(r["kind"]), r["path"]))


def cmd_list(args) -> int:
    from ..bank import Bank

    bank = Bank.load(course_root(args))
    rows = _listing(bank)
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        table = [("SECTION", "KIND", "ID", "COUNT", "FILE")]
        table += [(r["section"], r["kind"], r["id"] or "-", str(r["count"]), r["path"]) for r in rows]
        widths = [max(len(row[i]) for row in table) for i in range(4)]
        for row in table:
            print("  ".join([row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].ljust(widths[2]),
                             row[3].rjust(widths[3]), row[4]]))
    return errors_to_stderr(bank, "the files above are left out of the list")


STAT_KEYS = {"quiz": "items", "prompts": "prompts", "free_response": "free_response"}


def _stats(bank) -> dict:
    from ..kinds import of

    sections: dict[str, Counter] = {}
    types: Counter = Counter()
    objectives: list[dict] = []
    for _path, model in sorted(bank.files.items()):
        kind = of(model)
        if kind is None or not kind.per_section:
            continue
        sections.setdefault(model.section, Counter())[STAT_KEYS[kind.name]] += kind.count(model)
        if kind.name == "quiz":
            types.update(item.type for item in model.items)
            per = Counter(o for item in model.items for o in item.objectives)
            objectives += [{"id": o.id, "section": model.section, "quiz": model.id, "items": per[o.id],
                            "assessed": per[o.id] > 0, "text": o.text} for o in model.objectives]
    keys = tuple(STAT_KEYS.values())
    return {
        "totals": {"sections": len(sections), **{k: sum(c[k] for c in sections.values()) for k in keys},
                   "objectives": len(objectives)},
        "sections": {s: {k: sections[s][k] for k in keys} for s in sorted(sections)},
        "item_types": dict(sorted(types.items())),
        "objectives": objectives,
        "unassessed_objectives": [o["id"] for o in objectives if not o["assessed"]],
    }


def cmd_stats(args) -> int:
    from ..bank import Bank

    bank = Bank.load(course_root(args))
    stats = _stats(bank)
    if args.format == "json":
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return errors_to_stderr(bank, "the files above are left out of the counts")
    t = stats["totals"]
    print(f"{t['sections']} section(s): {t['items']} quiz item(s), {t['prompts']} discussion prompt(s), "
          f"{t['free_response']} free-response exercise(s), {t['objectives']} objective(s)")
    print(f"\n{'By section':<26}items  prompts  free-response")
    for section, c in stats["sections"].items():
        print(f"  {section:<24}{c['items']:>5}  {c['prompts']:>7}  {c['free_response']:>13}")
    print("\nBy item type")
    for name, n in stats["item_types"].items():
        print(f"  {name:<24}{n:>5}")
    print("\nBy objective (items assessing it)")
    for o in stats["objectives"]:
        flag = "   <- NOT ASSESSED by any item" if not o["assessed"] else ""
        print(f"  {o['id']:<40}{o['section']:<22}{o['items']:>3}{flag}")
    if stats["unassessed_objectives"]:
        print(f"\n{len(stats['unassessed_objectives'])} objective(s) assessed by no item: "
              + ", ".join(stats["unassessed_objectives"]))
    return errors_to_stderr(bank, "the files above are left out of the counts")
