"""The event pattern knowledge: counts, coverage of PLOVER types, validation, coding tables."""

import pytest

from detente.errors import KnowledgeError
from detente.events.patterns import PLOVER_TYPES, goldstein, load_event_knowledge, quad_class


@pytest.fixture(scope="module")
def kb():
    return load_event_knowledge()


def test_at_least_400_patterns_covering_all_types(kb):
    assert kb.count >= 400
    types = {p.type for pats in [*kb.verbs.values(), *kb.nouns.values()] for p in pats}
    assert types == set(PLOVER_TYPES)


@pytest.mark.parametrize("index,head,extra,ptype", [
    ("verbs", "turn", ("down",), "REJECT"),
    ("verbs", "pull", ("back",), "RETREAT"),
    ("nouns", "invasion", (), "ASSAULT"),
    ("nouns", "sanction", (), "SANCTION"),
    ("nouns", "strike", ("hunger",), "PROTEST"),
])
def test_phrasal_and_nominal_triggers(kb, index, head, extra, ptype):
    pats = getattr(kb, index)[head]
    assert any(p.extra == extra and p.type == ptype for p in pats)


def test_longer_frames_are_tried_first(kb):
    extras = [len(p.extra) for p in kb.verbs["lift"]]
    assert extras == sorted(extras, reverse=True)


@pytest.mark.parametrize("body,message", [
    ("version: 1\ngroups:\n  - {type: NOPE, cameo: '120', verbs: [x]}\n", "unknown PLOVER type"),
    ("version: 1\ngroups:\n  - {type: REJECT, cameo: 120, verbs: [x]}\n", "quoted digit"),
    ("version: 1\ngroups:\n  - {type: REJECT, cameo: '120', verbs: [x, x]}\n", "duplicate"),
])
def test_bad_user_files_are_named(tmp_path, body, message):
    path = tmp_path / "mine.yaml"
    path.write_text(body)
    with pytest.raises(KnowledgeError, match=message):
        load_event_knowledge([path])


@pytest.mark.parametrize("ptype,cameo,quad,score", [
    ("REJECT", "120", 3, -4.0), ("ASSAULT", "190", 4, -10.0), ("AGREE", "057", 1, 3.5),
    ("AID", None, 2, None)])
def test_quad_class_and_goldstein(kb, ptype, cameo, quad, score):
    assert quad_class(kb, ptype, cameo) == quad
    assert goldstein(kb, cameo) == score
