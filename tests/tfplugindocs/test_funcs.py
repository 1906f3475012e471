"""tfplugindocs' template functions, with Go's behaviour where Python's differs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plating.tfplugindocs.funcs import lower, prefixlines, split, title, trimspace, upper


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("scaffolding_example", "Scaffolding_example"),  # "_" joins a word (str.title splits)
        ("terraform-provider-scaffolding", "Terraform-Provider-Scaffolding"),
        ("DATA source", "Data Source"),
        ("they're here", "They're Here"),
        ("3rd party", "3rd Party"),
        ("v1.2 api", "V1.2 Api"),
        ("", ""),
    ],
)
def test_title_is_cases_title(text: str, want: str) -> None:
    assert title(text) == want


def test_case_mapping_keeps_one_character_for_one() -> None:
    assert upper("straße") == "STRAßE"  # Go's ToUpper has no one-letter capital of ß
    assert lower("İSTANBUL") == "istanbul"
    assert upper("ǆ") == "Ǆ" and lower("Ǆ") == "ǆ"


def test_trimspace_trims_what_go_calls_space_only() -> None:
    assert trimspace("\u00a0\t x \n\u3000") == "x"
    assert trimspace("\x1cx\x1f") == "\x1cx\x1f"  # Python's strip() would remove these


def test_split_and_prefixlines() -> None:
    assert split("a_b_c", "_") == ["a", "b", "c"]
    assert split("abc", "") == ["a", "b", "c"]
    assert split("", ",") == [""]
    assert prefixlines("  ", "") == "  "
    assert prefixlines("> ", "a\n\nb") == "> a\n> \n> b"


@given(st.text(max_size=40), st.text(alphabet="ab> ", max_size=5))
def test_prefixlines_prefixes_every_line(text: str, prefix: str) -> None:
    lines = prefixlines(prefix, text).split("\n")
    assert all(line.startswith(prefix) for line in lines)
    assert [line[len(prefix) :] for line in lines] == text.split("\n")
