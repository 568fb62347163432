"""The statutory catalogues: code sets, timescales and the working-day calendar for England.

Other apps read these; none keeps its own copy of a code list or a day count. ``deadline`` is
re-exported so that callers can write ``statutory.deadline("assessment", referral_date)``.
"""

from continuum.statutory.timescales import deadline

__all__ = ["deadline"]
