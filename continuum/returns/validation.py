"""Checking a return with the DfE's own rules: Data to Insight's validators, run as a subprocess.

The validators (`csc-validator-be-cin`, `csc-validator-be-903`) need old pandas and numpy, so
they live in their own virtualenv, `.venv-validators`, which `make setup` creates from
`requirements-validators.txt`. `dfe/check.py` runs there and prints what it found as JSON.
A rule that crashes inside a validator is "not checked", never "passed".
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from .collection import CollectionYear, local_authority_code

CHECK = Path(__file__).resolve().parent / "dfe" / "check.py"
# A Bradford-size year's census takes about six minutes to check on two busy cores (docs/development.md);
# a hung validator should not hang a check for ever.
TIMEOUT_SECONDS = 1800


class ValidatorUnavailable(RuntimeError):
    """The validators' virtualenv is missing or the validator failed to run: nothing was checked."""


@dataclass(frozen=True)
class Issue:
    child: str  # the LAchildID (CIN census) or CHILD (SSDA903) the rule points at
    rule: str
    kind: str  # "error" or "query"
    message: str
    table: str = ""
    field: str = ""
    row: int | None = None

    @property
    def is_error(self) -> bool:
        return self.kind == "error"


@dataclass(frozen=True)
class NotChecked:
    rule: str
    reason: str


@dataclass(frozen=True)
class Validation:
    """What a validator found in one return."""

    validator: str
    ruleset: str
    rules: int
    issues: list[Issue] = field(default_factory=list)  # about one child
    return_issues: list[Issue] = field(default_factory=list)  # about the whole return
    not_checked: list[NotChecked] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.is_error]

    @property
    def queries(self) -> list[Issue]:
        return [issue for issue in self.issues if not issue.is_error]

    def by_child(self) -> dict[str, list[Issue]]:
        found: dict[str, list[Issue]] = {}
        for issue in self.issues:
            found.setdefault(issue.child, []).append(issue)
        return found

    def summary(self) -> str:
        return (
            f"{self.validator}, rules {self.ruleset} ({self.rules}): {len(self.errors)} errors and "
            f"{len(self.queries)} queries about children, {len(self.return_issues)} about the whole "
            f"return; {len(self.not_checked)} rules not checked"
        )


def validate_cin_census(path: Path, year: CollectionYear) -> Validation:
    return _run(["cin", str(path), str(year.ends)])


def validate_ssda903(folder: Path, year: CollectionYear) -> Validation:
    return _run(["903", str(folder), str(year.ends), local_authority_code()])


def validators_python() -> Path:
    return Path(settings.VALIDATORS_PYTHON)


def _run(arguments: list[str]) -> Validation:
    python = validators_python()
    if not python.exists():
        raise ValidatorUnavailable(
            f"The DfE validators are not installed ({python} is missing): run `make setup` to install them"
        )
    try:
        done = subprocess.run(  # noqa: S603 - our own script and arguments, no shell
            [str(python), str(CHECK), *arguments],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ValidatorUnavailable(f"The validator took more than {TIMEOUT_SECONDS} seconds") from error
    if done.returncode != 0:
        last_lines = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise ValidatorUnavailable(f"The validator could not check the return:\n{last_lines}")
    return _read(json.loads(done.stdout))


def _read(found: dict[str, Any]) -> Validation:
    return Validation(
        validator=found["validator"],
        ruleset=found["ruleset"],
        rules=found["rules"],
        issues=[Issue(**issue) for issue in found["issues"]],
        return_issues=[Issue(child="", **issue) for issue in found["return_issues"]],
        not_checked=[NotChecked(**each) for each in found["not_checked"]],
    )
