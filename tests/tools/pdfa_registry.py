"""The checks of pdfa_check.py, each registered with its ISO 19005-2 clause, in order."""
CHECKS = []  # (clause, title, levels, function(ctx))


def check(clause, title, levels="abu"):
    """Registers `function(ctx)` as the check of `clause` for the conformance `levels`."""
    def register(fn):
        CHECKS.append((clause, title, levels, fn))
        return fn
    return register
