import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.clean.boilerplate import BoilerplateRules, default_rules
from detente.clean.dedup import NearDuplicateIndex
from detente.clean.quality import assess, foreign_script_flags, garbling_flags

BASE = ("Russian President Vladimir Putin said on Friday that the U.S. plan could be a basis for "
        "a future settlement, but demanded that Ukrainian troops withdraw from the Donbas region "
        "before any ceasefire. Kremlin aide Yuri Ushakov said envoys would meet again next week "
        "in Moscow to discuss the remaining points of the draft, which Kyiv has criticised.")


@pytest.mark.parametrize(
    "line",
    ["Read the original article here", "Links: source", "Share this article",
     "Subscribe to our newsletter for daily updates", "Follow us on Telegram",
     "  - Read the full story here.", "Advertisement", "© 2025 Example Media. All rights reserved."],
)
def test_boilerplate_lines(line: str) -> None:
    assert default_rules().is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    ["Peskov said the source of the report was not reliable.",
     "He urged readers to read the original memorandum.",
     "Subscribers to the service were told to wait.", ""],
)
def test_not_boilerplate(line: str) -> None:
    assert not default_rules().is_boilerplate(line)


def test_boilerplate_flags_have_exact_offsets() -> None:
    text = "Talks resumed.\n  Read the original article here\nMore text."
    [flag] = default_rules().flags(text)
    assert text[flag.start:flag.end] == "Read the original article here"


def test_user_patterns_extend_the_rules(tmp_path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("version: 1\npatterns:\n  - 'brought to you by .*'\n")
    rules = BoilerplateRules.load([extra])
    assert rules.is_boilerplate("Brought to you by Acme") and rules.is_boilerplate("Links: source")


@pytest.mark.parametrize(
    ("text", "debris"),
    [("前 宣布 :NATO was creeping closer.", "前 宣布"),
     ("The Kremlin said 好的 it was ready.", "好的"),
     ("Наступ. The offensive resumed.", "Наступ")],
)
def test_foreign_script_debris(text: str, debris: str) -> None:
    [flag] = foreign_script_flags(text)
    assert text[flag.start:flag.end] == debris


@pytest.mark.parametrize(
    ("text", "kind"),
    [("The envoy said â€œprogressâ€ was made.", "mojibake"),
     ("The the ministry said so.", "repeated_word"),
     ("Broken \ufffd text here.", "replacement_char"),
     ("The talks ended. " * 3 + "and then the delegation from Kyiv said that it would never", "truncated")],
)
def test_garbling_kinds(text: str, kind: str) -> None:
    assert kind in {f.kind for f in garbling_flags(text)}


def test_clean_text_scores_one_and_debris_lowers_it() -> None:
    assert assess(BASE).score == 1.0
    assert assess("前 宣布 " + BASE).score < 1.0


@given(st.text(max_size=300))
def test_flags_always_point_inside_the_text(text: str) -> None:
    for flag in assess(text, default_rules().flags(text)).flags:
        assert 0 <= flag.start <= flag.end <= len(text)
        assert text[flag.start:flag.end] == flag.text


def test_near_duplicates_found_and_unrelated_kept_apart() -> None:
    index = NearDuplicateIndex(threshold=0.6, shingle_size=3)
    edited = BASE.replace("said on Friday", "said Friday").replace("criticised", "criticized")
    other = ("Israeli and Hamas negotiators in Cairo discussed a hostage exchange while Egyptian "
             "mediators pressed both sides to extend the truce in Gaza for another two weeks.")
    assert index.add("a", index.signature(BASE)) is None
    assert index.add("b", index.signature(edited)) == "a"
    assert index.add("c", index.signature(other)) is None
    assert index.add("a", index.signature(BASE)) is None  # re-adding is a no-op


@pytest.mark.parametrize(
    ("text", "with_debris"),
    [("Plain English text, with “curly quotes” and 2025 figures.", True),
     ("Наступ продовжився. Все було тихо.", True),  # one script, not Latin: nothing foreign
     ("", False),  # no letters at all: debris alone is the main script
     ("12 34 — …", False)],
)
def test_single_script_text_has_no_foreign_runs(text: str, with_debris: bool) -> None:
    # The single-script fast path must agree with the full per-character scan.
    assert foreign_script_flags(text) == []
    assert bool(foreign_script_flags(text + " 好的")) is with_debris
