"""The law: the registry of sources, legal words, the policy's clauses and versions, adoption steps per jurisdiction."""
