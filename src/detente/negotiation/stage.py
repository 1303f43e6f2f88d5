"""The positions stage: proposals named in an article and where each party stands."""

from __future__ import annotations

from detente.negotiation.issues import IssueEmbedder
from detente.negotiation.knowledge import NegotiationKB
from detente.negotiation.positions import extract_positions
from detente.negotiation.proposals import build_proposals, find_mentions, to_proposal
from detente.pipeline.registry import Context, WorkItem, stage


@stage("positions", requires=("doc", "actors", "quotes", "events", "document.genre"),
       assigns=("proposals", "positions"))
def positions(items: list[WorkItem], ctx: Context) -> None:
    """Name proposals, tag issues and record parties' positions (scratch["negotiation"])."""
    kb: NegotiationKB = ctx.get("negotiation_kb")
    embedder: IssueEmbedder | None = None
    for item in items:
        if item.doc is None:
            continue
        if embedder is None and _has_cues(item, kb):
            # Built on first need: documents with no position cue never load the model.
            embedder = ctx.get("issue_embedder")
        analyse(item, kb, embedder)


def _has_cues(item: WorkItem, kb: NegotiationKB) -> bool:
    return any(p.search(item.document.text) for cue in kb.cues for p in cue.patterns)


def analyse(item: WorkItem, kb: NegotiationKB, embedder: IssueEmbedder | None = None) -> None:
    """Fill ``item.proposals`` and ``item.positions`` for one parsed document.

    ``item.scratch["negotiation"]`` keeps what the contract has no field for yet: per proposal
    its proposer, point count, parts and the version it revises; per position (same order as
    ``item.positions``) its date, speaker, all issues named and the rule that fired.
    """
    mentions = find_mentions(item, kb)
    infos = build_proposals(item, kb, mentions)
    found = extract_positions(item, kb, mentions, infos, embedder)
    date = (item.document.published or "")[:10] or None
    item.proposals = [to_proposal(info, date) for info in infos.values()]
    item.positions = [f.position.replace(date=f.date, speaker=f.speaker, rule=f.rule)
                      for f in found]
    item.scratch["negotiation"] = {
        "proposals": {k: info.to_dict() for k, info in infos.items()},
        "positions": [f.meta() for f in found],
    }
