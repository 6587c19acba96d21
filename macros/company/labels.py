"""The few words the kit itself writes around company data (table headings, footer), in each language."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import RootModel

from macros.company.kitfile import load_kit_file
from macros.company.types import Localized

LABELS_FILE = Path(__file__).parent / "labels.yml"


class LabelsFile(RootModel[dict[str, Localized]]):
    """labels.yml: label -> {fr: ..., en: ...}, both languages (kitfile.load_kit_file checks it)."""



LABELS: dict[str, dict[str, str]] = {
    "platform": {"fr": "Plateforme", "en": "Platform"},
    "account": {"fr": "Compte", "en": "Account"},
    "purpose": {"fr": "Ce qu'on y publie", "en": "What we publish there"},
    "managed_by": {"fr": "Géré par", "en": "Managed by"},
    "accounts_caption": {"fr": "Comptes officiels {of_name}", "en": "Official accounts {of_name}"},  # of_name: prep("de"/"of")
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
    "legal_notice_contact": {"fr": "Pour une question juridique, écrivez", "en": "For a legal question, write"},
    "write_to": {"fr": "Écrivez à", "en": "Write to"},
    "contact_phone_only": {"fr": "Joignez", "en": "Contact"},
    "legal_notice_contact_phone": {"fr": "Pour une question juridique, joignez", "en": "For a legal question, contact"},
    # without a legal contact, the question goes to management, who will consult a lawyer (never legal advice itself)
    "legal_notice_management": {
        "fr": "Une question juridique? Adressez-la",
        "en": "A legal question? Take it",
    },
    "legal_notice_management_after": {"fr": ", qui consultera un avocat.", "en": ", who will consult a lawyer."},
    "law_checked": {
        "fr": "Les textes de loi cités ont été vérifiés pour la dernière fois le {date}.",
        "en": "The laws cited were last checked on {date}.",
    },
    "lawyer_link": {
        "fr": "Toutes les références, pour votre avocat",
        "en": "Every citation, for your lawyer",
    },
    "region_laws_title": {"fr": "Ce que prévoient aussi les lois de l'État : {region}", "en": "What {region} law adds"},
    "lawyer_appendix_title": {"fr": "Annexe : les références juridiques", "en": "Appendix: legal references"},
    "lawyer_where": {"fr": "Page et section", "en": "Page and section"},
    "lawyer_statement": {"fr": "Ce que dit le site", "en": "What the site says"},
    "lawyer_source": {"fr": "Source officielle", "en": "Official source"},
    "lawyer_none": {
        "fr": "Ce site ne cite aucun texte de loi pour ce territoire.",
        "en": "This site cites no statute for this jurisdiction.",
    },
    "link_code": {"fr": "lien vers le texte entier ; chercher l'article", "en": "link to the whole text; look up the article"},
    "link_search": {"fr": "lien vers la recherche du site officiel", "en": "link to the official site's search"},
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
    "role_privacy_fr": {"fr": "Protection des données personnelles", "en": "Data protection"},
}



@functools.lru_cache(maxsize=None)
def labels() -> dict[str, dict[str, str]]:
    """Every label: the ones above, and the words for clauses, versions, the quiz, the self-check and the poster,
    kept in labels.yml (kit data: read once per process, through the company file's reader and checks)."""
    data = load_kit_file(LABELS_FILE, LabelsFile).root
    return {**LABELS, **{key: {"fr": text.fr, "en": text.en} for key, text in data.items()}}


def label(key: str, locale: str, **values: str) -> str:
    """One of the kit's own words, in the page's language."""
    text = labels()[key][locale]
    return text.format(**values) if values else text
