"""The few words the kit itself writes around company data (table headings, footer), in each language."""

from __future__ import annotations

from pathlib import Path

import yaml

LABELS: dict[str, dict[str, str]] = {
    "platform": {"fr": "Plateforme", "en": "Platform"},
    "account": {"fr": "Compte", "en": "Account"},
    "purpose": {"fr": "Ce qu'on y publie", "en": "What we publish there"},
    "managed_by": {"fr": "Géré par", "en": "Managed by"},
    "accounts_caption": {"fr": "Comptes officiels de {name}", "en": "Official accounts of {name}"},
    "no_accounts": {
        "fr": "L'entreprise n'a pas encore de compte officiel.",
        "en": "The company has no official account yet.",
    },
    "email": {"fr": "Courriel\u00a0:", "en": "E-mail:"},
    "phone": {"fr": "Téléphone\u00a0:", "en": "Phone:"},
    "policy_version": {"fr": "Politique, version", "en": "Policy version"},
    "effective": {"fr": "en vigueur depuis le", "en": "in effect since"},
    "questions": {"fr": "Questions\u00a0:", "en": "Questions:"},
    "guidance_not_advice": {
        "fr": "Ce site est un guide, pas un avis juridique.",
        "en": "This site is guidance, not legal advice.",
    },
    "legal_notice_title": {"fr": "Un guide, pas un avis juridique", "en": "Guidance, not legal advice"},
    "legal_notice": {
        "fr": "Cette page résume des règles de droit pour vous aider à vous y retrouver. Elle ne remplace pas "
        "l'avis d'un avocat sur une situation précise.",
        "en": "This page sums up legal rules to help you find your way. It does not replace a lawyer's "
        "advice on a specific situation.",
    },
    "legal_notice_contact": {"fr": "Pour une question juridique, écrivez à", "en": "For a legal question, write to"},
    "page": {"fr": "Page", "en": "Page"},
    "pdf_link": {"fr": "Télécharger la politique en PDF", "en": "Download the policy as a PDF"},
    "permalink": {"fr": "Lien vers cette section", "en": "Link to this section"},
    "light_mode": {"fr": "Passer au mode sombre", "en": "Switch to dark mode"},
    "dark_mode": {"fr": "Passer au mode clair", "en": "Switch to light mode"},
    "role_social_media": {"fr": "Responsable des médias sociaux", "en": "Social media lead"},
    "role_hr": {"fr": "Ressources humaines", "en": "Human resources"},
    "role_management": {"fr": "Direction", "en": "Management"},
    "role_legal": {"fr": "Questions juridiques", "en": "Legal questions"},
    "role_privacy": {"fr": "Protection des renseignements personnels", "en": "Privacy and personal information"},
}

# Words for clauses, versions, the quiz, the self-check and the poster, kept in a data file.
LABELS.update(yaml.safe_load((Path(__file__).parent / "data" / "labels.yml").read_text(encoding="utf-8")))


def label(key: str, locale: str, **values: str) -> str:
    """One of the kit's own words, in the page's language."""
    text = LABELS[key][locale]
    return text.format(**values) if values else text
