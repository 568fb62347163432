"""Run one of the DfE's rule validators on a return and print what it found, as JSON.

This script runs in the validators' own virtualenv (`.venv-validators`, made by `make setup`),
not in Continuum's: the validators need old pandas and numpy. Continuum calls it as a
subprocess (`continuum.returns.validation`) and reads its output, so nothing here imports
Django or Continuum.

    python check.py cin FILE.xml YEAR
    python check.py 903 DIR YEAR ONS_CODE

YEAR is the year the collection ends (31 March). The output is one JSON object:
``{"validator", "ruleset", "rules", "issues", "return_issues", "not_checked"}``; an issue is
``{"child", "rule", "kind" ("error" or "query"), "message", "table", "field", "row"}``.
A rule that crashes inside the validator is "not checked", never "passed".
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
import sys
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any

CRASHED = re.compile(r"^Error with rule (\S+): (.*)$", re.MULTILINE)


def check_cin(path: Path, year: str) -> dict[str, Any]:
    import xml.etree.ElementTree as ElementTree

    from cin_validator import cin_validator
    from cin_validator.rule_engine import RuleType
    from cin_validator.rules.ruleset_utils import get_year_ruleset

    registry = get_year_ruleset(year)
    # The validator reads the XML with the standard library too; defusedxml is not in its virtualenv.
    root = ElementTree.parse(path).getroot()  # noqa: S314 - a return Continuum wrote
    data = cin_validator.process_data(cin_validator.convert_data(root))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # the validator prints a line for each rule that crashes
        validator = cin_validator.CinValidator(data, registry)
    crashed = dict(CRASHED.findall(printed.getvalue()))

    def kind(code: Any) -> str:
        return "query" if registry[str(code)].rule_type == RuleType.QUERY else "error"

    issues = [
        {
            "child": str(row.child_id),
            "rule": str(row.rule_code),
            "kind": kind(row.rule_code),
            "message": str(row.rule_description),
            "table": str(row.tables_affected),
            "field": str(row.columns_affected),
            "row": _number(row.row_id),
        }
        for row in validator.full_issue_df.itertuples()
    ]
    return_issues = [
        {"rule": str(row.rule_code), "kind": kind(row.rule_code), "message": str(row.rule_description)}
        for row in validator.multichild_issues.drop_duplicates().itertuples()
    ]
    return {
        "validator": f"csc-validator-be-cin {metadata.version('csc-validator-be-cin')}",
        "ruleset": ruleset("cin", year),
        "rules": len(registry),
        "issues": issues,
        "return_issues": return_issues,
        "not_checked": [{"rule": code, "reason": f"it crashed: {why}"} for code, why in crashed.items()],
    }


def check_903(folder: Path, year: str, local_authority: str) -> dict[str, Any]:
    from lac_validator import lac_validator
    from lac_validator.report import Report
    from lac_validator.rules.ruleset_utils import get_year_ruleset
    from lac_validator.utils import process_uploaded_files

    logging.disable(logging.WARNING)  # the validator logs every rule it runs
    registry = get_year_ruleset(year)
    files = process_uploaded_files({"This year": sorted(str(path) for path in folder.glob("*.csv"))})
    with contextlib.redirect_stdout(io.StringIO()):  # some rules print as they run
        validator = lac_validator.LacValidator(
            metadata={"collectionYear": year, "localAuthority": local_authority},
            files=files,
            registry=registry,
        )
        report = Report(validator.ds_results, registry)
        found = (
            lac_validator.create_issue_df(report.report, report.error_report)
            if report.error_report is not None and len(report.error_report)
            else None
        )
    issues = [
        {
            "child": str(row.child_id),
            "rule": str(row.rule_code),
            "kind": "error",  # the SSDA903 rules have no queries: every one is an error
            "message": str(row.rule_description),
            "table": str(row.tables_affected),
            "field": str(row.columns_affected),
            "row": _number(row.row_id),
        }
        for row in (found.itertuples() if found is not None else [])
    ]
    issues, wrongly_flagged = _known_false_alarms(issues, validator.dfs, registry_name(year))
    not_checked = [{"rule": code, "reason": "it crashed inside the validator"} for code in validator.fails]
    not_checked += wrongly_flagged
    not_checked += [
        {
            "rule": code,
            "reason": "it needs a table this return does not have (last year's, or Ofsted's lists)",
        }
        for code in validator.skips
    ]
    return {
        "validator": f"csc-validator-be-903 {metadata.version('csc-validator-be-903')}",
        "ruleset": ruleset("lac", year),
        "rules": len(registry),
        "issues": issues,
        "return_issues": [],
        "not_checked": not_checked,
    }


# Rules whose code in this validator version is known to be wrong for some values: an issue they
# raise on such a row is "not checked", never "an error" or "passed".
# (ruleset, rule, table, column, value): why.
KNOWN_FALSE_ALARMS = {
    ("lac2024_25", "146", "Episodes", "PLACE", "K3"): (
        "its list of placement codes has K3 in lower case, so every K3 placement is flagged "
        "(csc-validator-be-903 0.1.17); K3 placements were not checked"
    ),
}


# Rule SW12 pairs each episode that starts or ends care with each social worker episode, and flags
# a child who came into care (RNE S) if any social worker episode began before that day, though its
# message asks for the whole year's social workers, "even those whilst they were not looked after".
SW12_REASON = (
    "its code flags a child who already had a social worker when they came into care, though its "
    "message asks for those social workers too (csc-validator-be-903 0.1.17); such episodes were not checked"
)


def _sw12_false_alarm(issue: dict[str, Any], tables: dict[str, Any]) -> bool:
    """Whether SW12 flagged a child who came into care with a social worker already working with them."""
    if issue["rule"] != "SW12STG2" or issue["table"] != "Episodes" or issue["row"] is None:
        return False
    import pandas as pd  # type: ignore[import-untyped]  # the validators' virtualenv has it

    episode = tables["Episodes"].loc[issue["row"]]
    if episode["RNE"] != "S":
        return False
    began = pd.to_datetime(episode["DECOM"], format="%d/%m/%Y", errors="coerce")
    workers = tables["SWEpisodes"]
    theirs = workers[workers["CHILD"] == episode["CHILD"]]
    started = pd.to_datetime(theirs["SW_DECOM"], format="%d/%m/%Y", errors="coerce")
    ended = pd.to_datetime(theirs["SW_DEC"], format="%d/%m/%Y", errors="coerce")
    return bool(((started <= began) & (ended.isna() | (ended >= began))).any())


def registry_name(year: str) -> str:
    return ruleset("lac", year)


def _known_false_alarms(
    issues: list[dict[str, Any]], tables: dict[str, Any], name: str
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    kept, not_checked = [], {}
    for issue in issues:
        reason = next(
            (
                why
                for (rules, rule, table, column, value), why in KNOWN_FALSE_ALARMS.items()
                if (rules, rule, table) == (name, issue["rule"], issue["table"])
                and issue["row"] is not None
                and str(tables[table].loc[issue["row"], column]) == value
            ),
            None,
        )
        if reason is None and _sw12_false_alarm(issue, tables):
            reason = SW12_REASON
        if reason is None:
            kept.append(issue)
        else:
            not_checked[issue["rule"]] = {"rule": issue["rule"], "reason": reason}
    return kept, list(not_checked.values())


def ruleset(prefix: str, year: str) -> str:
    """The validator's name for a year's rules: the 2026 collection's are cin2025_26 and lac2025_26."""
    ends = int(year)
    return f"{prefix}{ends - 1}_{ends % 100:02d}"


def _number(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def main(arguments: list[str]) -> None:
    warnings.simplefilter("ignore")  # pandas' notices about the validators' own code
    kind, path, year = arguments[0], Path(arguments[1]), arguments[2]
    if kind == "cin":
        result = check_cin(path, year)
    elif kind == "903":
        result = check_903(path, year, arguments[3])
    else:
        raise SystemExit(f"Unknown return {kind!r}: cin or 903")
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
