"""The files a build prints beside the pages, by language: the page macros link to them, the PDF step writes them."""

PDF_NAMES = {"fr": "politique-medias-sociaux.pdf", "en": "social-media-policy.pdf"}
POSTER_NAMES = {"fr": "affiche-medias-sociaux.pdf", "en": "social-media-poster.pdf"}
