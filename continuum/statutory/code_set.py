"""The shape of a statutory code set: a named, sourced list of codes with plain-English labels."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.core.exceptions import ValidationError


class UnknownCode(LookupError):
    """A code that is not in the code set (not even as a retired code)."""

    def __init__(self, code_set: CodeSet, code: str) -> None:
        super().__init__(f"{code!r} is not in the {code_set.id} code set")
        self.code_set = code_set
        self.code = code


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    # Retired codes stay so that old records and last year's returns still read correctly,
    # but forms do not offer them and validation rejects them for new data.
    retired: bool = False
    # For a retired code, the current codes that took its place (named in validation messages).
    replaced_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeSet:
    id: str
    name: str
    source: str
    codes: tuple[Code, ...]
    _by_code: Mapping[str, Code] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code = {code.code: code for code in self.codes}
        if len(by_code) != len(self.codes):
            raise ValueError(f"The {self.id} code set lists a code more than once")
        current = {code.code for code in self.codes if not code.retired}
        if not current:
            raise ValueError(f"The {self.id} code set has no current codes")
        if any(not current.issuperset(code.replaced_by) for code in self.codes):
            raise ValueError(f"The {self.id} code set replaces a code with one that is not current")
        object.__setattr__(self, "_by_code", MappingProxyType(by_code))

    @property
    def current(self) -> tuple[Code, ...]:
        """The codes that may be used for new data, in the order the source lists them."""
        return tuple(code for code in self.codes if not code.retired)

    def choices(self) -> list[tuple[str, str]]:
        """(code, label) pairs for Django choices; retired codes are left out."""
        return [(code.code, code.label) for code in self.current]

    def label(self, code: str) -> str:
        """The label of a current or retired code; raises UnknownCode for anything else."""
        try:
            return self._by_code[code].label
        except KeyError:
            raise UnknownCode(self, code) from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def validate(self, value: str, *, allow_retired: bool = False) -> None:
        """Raise a ValidationError that says what is wrong and how to fix it.

        Retired codes are rejected unless allow_retired is set (for reading old records and
        earlier years' returns, where they were valid at the time).
        """
        known = self._by_code.get(value)
        if known is None:
            message = (
                f'"{value}" is not {self._noun()}. Use one of the DfE codes, for example {self._example()}'
            )
            raise ValidationError(message, code="unknown_code", params={"value": value, "code_set": self.id})
        if known.retired and not allow_retired:
            message = (
                f'"{value}" ({known.label}) is no longer used as {self._noun()}. Use {self._instead(known)}'
            )
            raise ValidationError(message, code="retired_code", params={"value": value, "code_set": self.id})

    def _noun(self) -> str:
        # Names start with an ordinary word (a test checks), so the vowel rule picks the article.
        words = self.name[0].lower() + self.name[1:]
        article = "an" if words[0] in "aeiou" else "a"
        return f"{article} {words} code"

    def _example(self) -> str:
        return self._describe(self.current[0].code)

    def _describe(self, code: str) -> str:
        return f"{code} ({self._by_code[code].label})"

    def _instead(self, retired: Code) -> str:
        if not retired.replaced_by:
            return f"a current code, for example {self._example()}"
        described = [self._describe(code) for code in retired.replaced_by]
        if len(described) == 1:
            return described[0]
        return f"{', '.join(described[:-1])} or {described[-1]}"


def code_set(id: str, name: str, source: str, codes: Iterable[tuple[str, str]]) -> CodeSet:
    """A code set with no retired codes, written as (code, label) pairs for brevity."""
    return CodeSet(id=id, name=name, source=source, codes=tuple(Code(code, label) for code, label in codes))
