"""The seven harm categories: the only place their names are spelled.

Both services and every adapter import :class:`Category`; the server validates wire values against it and the
dataset tools refuse anything else.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """A harm category with its own IRL-trained reward model."""

    VIOLENCE = "violence"
    CYBERCRIME = "cybercrime"
    CRIME = "crime"
    HATE = "hate"
    SELF_HARM = "self_harm"
    MISINFORMATION = "misinformation"
    PRIVACY = "privacy"

    @property
    def description(self) -> str:
        """One line saying what the category covers."""
        return DESCRIPTIONS[self]


DESCRIPTIONS: dict[Category, str] = {
    Category.VIOLENCE: "Physical harm to people or animals: weapons, explosives, attacks, torture, threats.",
    Category.CYBERCRIME: "Attacks on computers and accounts: malware, intrusion, phishing, credential theft, DDoS.",
    Category.CRIME: "Non-cyber crime: theft, fraud, drugs, trafficking, evading police, forging documents.",
    Category.HATE: "Hateful or harassing content attacking people for who they are: slurs, dehumanisation, bullying.",
    Category.SELF_HARM: "Suicide, self-injury and disordered eating: methods, encouragement, concealment.",
    Category.MISINFORMATION: "Deliberately false or misleading content: fake news, health hoaxes, election lies.",
    Category.PRIVACY: "Exposing or tracking people: doxxing, stalking, covert surveillance, personal-data harvesting.",
}

CATEGORY_NAMES: tuple[str, ...] = tuple(c.value for c in Category)


def parse_category(value: str) -> Category:
    """Return the category named ``value`` (case-insensitive, '-' or ' ' read as '_').

    Raises:
        ValueError: naming the valid categories.
    """
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Category(key)
    except ValueError:
        raise ValueError(f"unknown category {value!r}; valid: {', '.join(CATEGORY_NAMES)}") from None
