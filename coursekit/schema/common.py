"""Field types shared by every instructor file."""
from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
SectionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"']+$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Verbatim:
    """Marks prose that stays in its original language in every edition: a source's title and publisher."""


OriginalText = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), Verbatim()]


class KeepsOriginal:
    """Marks a list of prose whose translation adds to the English instead of replacing it: the accepted
    answers of a short-text item, so a student of the Arabic edition who types the English (or Latin)
    name of a body is still right, and each translated answer can be one more variant."""


class Strict(BaseModel):
    """A model that rejects unknown keys, so a typo in a field name is an error, not silent loss."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a fact comes from: a key of the book's bibliography, or a web page."""

    cite: Id | None = Field(None, description="A key of the book's bibliography (book/references/*.bib). "
                                              "Give either `cite` or `url`.")
    url: HttpsUrl | None = Field(None, description="An https:// address of the source. Give either `cite` or `url`.")
    title: OriginalText | None = Field(None, description="The title of the page at `url` (required with `url`), "
                                                        "as its publisher wrote it: never translated.")
    publisher: OriginalText | None = Field(None, description="Who published the page at `url`.")

    @model_validator(mode="after")
    def _one_kind(self) -> "Source":
        if bool(self.cite) == bool(self.url):
            raise ValueError("a source needs exactly one of `cite` and `url`; give either `cite: <bibtex key>` or `url: https://...` (with a `title`)")
        if self.url and not self.title:
            raise ValueError("a source with a `url` also needs a `title`; add `title: \"...\"`")
        return self


Difficulty = Annotated[str, Field(pattern=r"^(easy|medium|hard)$")]


# Arabic letters that readers treat as one when they type an answer: alef wasla as alef, taa marbuta as haa,
# alif maqsura and the Persian yeh as yaa, keheh as kaf, Arabic-Indic and Persian digits as 0-9. (Hamza and
# madda over alef, waw and yaa, the vowel marks and tatweel already go with the marks and modifier letters.)
DIGIT_FOLDS = {**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}}
ARABIC_FOLDS = str.maketrans({"ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", **DIGIT_FOLDS})
# A number as typed in Arabic or Persian: its digits, the decimal separator ٫ as "." and the group
# separator ٬ dropped, so "١٬٩٥٩" and "١٫٥" read as 1959 and 1.5.
DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c]")
ARABIC_DIGITS = str.maketrans({**{chr(0x0660 + d): str(d) for d in range(10)},
                               **{chr(0x06F0 + d): str(d) for d in range(10)}, "\u066b": "."})
ARABIC_GROUP = re.compile("(?<=[0-9])\u066c(?=[0-9])")


def western_digits(text: str) -> str:
    """A number as typed in Arabic-Indic or Persian digits, with ٫ for the decimal point and ٬ between digit
    groups, in ASCII; direction marks (which an Arabic keyboard may add) dropped. The quiz front end mirrors
    it (westernDigits in common.js), so '١٬٩٧٠' and '٠٫٤' score as 1970 and 0.4 on both sides."""
    return ARABIC_GROUP.sub("", DIRECTION_MARKS.sub("", text).translate(ARABIC_DIGITS))


def normalise(text: str) -> str:
    """Fold case, diacritics, transliteration marks, Arabic letter variants, punctuation and spacing.

    'al-Aqṣā', 'Al Aqsa ' and 'ʿal aqsa' all compare equal, as do 'مكّة' and 'مكه', 'إيران' and 'ايران'.
    The quiz front end mirrors it (common.js).
    """
    # decompose first: some letters (𝓐, ℌ) only have a lower case once decomposed
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).lower())
    stripped = "".join(
        ch for ch in decomposed
        if unicodedata.category(ch)[0] != "M" and unicodedata.category(ch) not in ("Lm", "Sk")
    )
    return " ".join(re.sub(r"[\W_]+", " ", stripped.translate(ARABIC_FOLDS)).split())
