"""The positions stage: proposals named in an article and where each party stands."""

from __future__ import annotations

from detente.negotiation.classifier import PositionModel
from detente.negotiation.issues import IssueEmbedder
from detente.negotiation.knowledge import NegotiationKB
from detente.negotiation.positions import (
    Found,
    Pending,
    collect_positions,
    embed_issues,
    extract_positions,
    finish_positions,
)
from detente.negotiation.proposals import (
    ProposalInfo,
    StateWord,
    build_proposals,
    find_mentions,
    to_proposal,
)
from detente.pipeline.registry import Context, WorkItem, stage


def state_word(ctx: Context) -> StateWord:
    """The state code a word names, from the actor KB ("saudi" -> SAU); words of two letters
    or fewer name none (the bundled proposer words cover "us")."""
    actor_kb = ctx.get("actor_kb")

    def code(word: str) -> str | None:
        if len(word) < 3 or not word.isalpha():
            return None
        entry = actor_kb.country_of(word)
        return entry.code if entry is not None else None

    return code


@stage("positions", requires=("doc", "actors", "quotes", "events", "document.genre"),
       assigns=("proposals", "positions"))
def positions(items: list[WorkItem], ctx: Context) -> None:
    """Name proposals, tag issues and record parties' positions."""
    kb: NegotiationKB = ctx.get("negotiation_kb")
    model: PositionModel | None = ctx.get("position_model")
    states = state_word(ctx)
    collected = []
    pending: Pending = []
    owners: list[int] = []  # the collected entry each pending position belongs to
    for item in items:
        if item.doc is None:
            continue
        sentences = item.sentences()
        mentions = find_mentions(item, kb, sentences, states)
        infos = build_proposals(item, kb, mentions)
        found, waiting = collect_positions(item, kb, mentions, infos, sentences, model)
        collected.append((item, infos, found, []))
        pending += waiting
        owners += [len(collected) - 1] * len(waiting)
    # Built on first need: batches with no issue-less cue clause never load the model, and
    # the batch's clauses go to it in one call.
    embedder: IssueEmbedder | None = ctx.get("issue_embedder") if pending else None
    resolved = {id(f) for f in embed_issues(pending, embedder, owners)}
    for (f, _), owner in zip(pending, owners, strict=True):
        if id(f) in resolved:
            collected[owner][3].append(f)
    for item, infos, found, extra in collected:
        _assign(item, infos, finish_positions(found, extra))


def analyse(item: WorkItem, kb: NegotiationKB, embedder: IssueEmbedder | None = None,
            states: StateWord | None = None) -> None:
    """Fill ``item.proposals`` and ``item.positions`` for one parsed document (``states``: see
    :func:`state_word`)."""
    mentions = find_mentions(item, kb, state_word=states)
    infos = build_proposals(item, kb, mentions)
    _assign(item, infos, extract_positions(item, kb, mentions, infos, embedder))


def _assign(item: WorkItem, infos: dict[str, ProposalInfo], found: list[Found]) -> None:
    date = (item.document.published or "")[:10] or None
    item.proposals = [to_proposal(info, date) for info in infos.values()]
    item.positions = [f.position.replace(date=f.date, speaker=f.speaker, rule=f.rule)
                      for f in found]
    # Extra detail beyond the contract (mention offsets, all issues named, part_of).
    item.scratch["negotiation"] = {
        "proposals": {k: info.to_dict() for k, info in infos.items()},
        "positions": [f.meta() for f in found],
    }
