"""User files may add resolver vocabulary (as `actors import --kind agents` writes)."""

import pytest

from detente.actors.kb import KnowledgeBase
from detente.ingest.document import Draft, make_document
from detente.pipeline import Pipeline

AGENTS = "version: 1\ngroup_nouns:\n  militiaman: REB\n  militiamen: REB\n"


def test_user_group_nouns_extend_the_vocabulary(tmp_path) -> None:
    f = tmp_path / "agents.yaml"
    f.write_text(AGENTS)
    kb = KnowledgeBase.load([f])
    assert kb.vocab.group_nouns["militiamen"] == "REB"
    assert "official" in kb.vocab.group_nouns  # the bundled vocabulary is still there


@pytest.mark.slow
def test_user_group_noun_resolves_in_text(config, tmp_path) -> None:
    f = tmp_path / "agents.yaml"
    f.write_text(AGENTS)
    doc = make_document(Draft(text="Syrian militiamen attacked the town on Monday, officials said.",
                              origin="t", published="2025-01-01"))
    stages = {"pipeline.stages": ["clean", "language", "nlp", "actors"]}
    [plain] = Pipeline(config.with_overrides(**stages)).process([doc])
    assert not any(a.code == "SYRREB" for a in plain.actors)
    extended_config = config.with_overrides(**stages, **{"knowledge.actor_files": [str(f)]})
    [extended] = Pipeline(extended_config).process([doc])
    assert any(a.code == "SYRREB" and a.kind == "group" for a in extended.actors)
