"""MyST -> CommonMark: roles and directives become plain Markdown; code stays literal."""
from __future__ import annotations

from coursekit.mystmd import Converter, blockquote, escape_text, split_explicit


def converter(unknown: list | None = None) -> Converter:
    return Converter(roles={"cite:p": lambda role, content: f"(cited {content})",
                            "term": lambda role, content: "[{}](#t)".format(split_explicit(content)[0])},
                     directives={"last-reviewed": lambda d, c: f"*Reviewed {d.argument}*"},
                     on_unknown=(unknown.append if unknown is not None else (lambda m: None)))


def test_roles_are_replaced_and_inline_code_is_kept():
    out = converter().convert("See {cite:p}`a,b` on {term}`dams <dam>`; write `{cite:p}` like ``{term}`x` ``.\n")
    assert out == "See (cited a,b) on [dams](#t); write `{cite:p}` like ``{term}`x` ``.\n"


def test_targets_comments_and_block_breaks_go():
    out = converter().convert("(intro)=\n# Title\n% a note to authors\n+++\nText.\n")
    assert out == "# Title\nText.\n"


def test_admonitions_become_blockquotes_with_their_title():
    out = converter().convert("Before.\n\n```{note}\nA {term}`dam`.\n```\n\n:::{admonition} Why it matters\nBecause.\n:::\n")
    assert out == ("Before.\n\n> **Note**\n>\n> A [dam](#t).\n\n> **Why it matters**\n>\n> Because.\n")


def test_named_admonition_argument_starts_its_text_and_options_go():
    out = converter().convert("```{warning} Read this first.\n:class: dropdown\nThen this.\n```\n")
    assert out == "> **Warning**\n>\n> Read this first.\n>\n> Then this.\n"


def test_nested_directives_with_longer_outer_fence():
    out = converter().convert("::::{tip}\nOuter.\n:::{note}\nInner.\n:::\n::::\n")
    assert out == "> **Tip**\n>\n> Outer.\n>\n> > **Note**\n> >\n> > Inner.\n"


def test_code_blocks_are_literal():
    text = "```python\nx = '{cite:p}`k`'\n```\n"
    assert converter().convert(text) == text


def test_course_directive_handler_gets_its_argument():
    assert converter().convert("```{last-reviewed} 2026-11-21\n```\n") == "*Reviewed 2026-11-21*\n"


def test_unknown_role_or_directive_is_reported_and_reduced_to_text():
    unknown: list[str] = []
    out = converter(unknown).convert("An {abbr}`OIC (Organisation)` page.\n\n```{figure-ish} x\nCaption *here*.\n```\n")
    assert out == "An OIC (Organisation) page.\n\nCaption *here*.\n"
    assert len(unknown) == 2 and "{abbr}" in unknown[0] and "{figure-ish}" in unknown[1]


def test_escape_and_blockquote_helpers():
    assert escape_text("a*b_[c]<d>") == r"a\*b\_\[c\]\<d\>"
    assert blockquote("one\n\ntwo") == "> one\n>\n> two\n"
    assert split_explicit("riparian states <riparian state>") == ("riparian states", "riparian state")
    assert split_explicit("GERD") == ("GERD", "GERD")
