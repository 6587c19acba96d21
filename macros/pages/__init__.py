"""Pages: the macros and filters pages call (define_env), the partials they render, the lawyer's table, the quiz."""
