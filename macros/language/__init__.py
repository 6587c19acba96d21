"""Language: French and English grammar, spelling, typography, page labels, and company text kept as text."""
