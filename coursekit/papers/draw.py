"""Which items each version of a paper asks: the same objectives, different items where the bank allows.

For every objective of the section, in the quiz file's order, each version draws ``per_objective`` items
that assess it; version B prefers items version A did not draw, so copying a neighbour's answers does not
help, and takes A's only when the objective has too few items. An item that assesses several objectives
counts for each. Items that name no objective are not drawn: a paper assesses the listed objectives. The
draw is reproducible from the section and the seed, and the questions' order is shuffled per version.
"""
from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass
class Version:
    name: str
    items: list          # quiz items, in the order printed
    seed: str            # what the choice order of each item is drawn from


def draw(items: list, objectives: list[str], per_objective: int, seed: str,
         names: tuple[str, ...] = ("A", "B")) -> list[Version]:
    drawn: list[list] = []
    for name in names:
        rng = random.Random(f"{seed}:{name}")
        earlier = {id(i) for version in drawn for i in version}
        picked: list = []
        for objective in objectives:
            pool = [i for i in items if objective in i.objectives]
            rng.shuffle(pool)
            pool.sort(key=lambda i: id(i) in earlier)          # stable: fresh items first, shuffled
            have = sum(1 for i in picked if objective in i.objectives)
            for item in pool:
                if have >= per_objective:
                    break
                if item not in picked:
                    picked.append(item)
                    have += 1
        rng.shuffle(picked)
        drawn.append(picked)
    return [Version(name, found, f"{seed}:{name}") for name, found in zip(names, drawn)]
