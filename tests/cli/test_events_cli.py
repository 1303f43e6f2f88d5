import json

from typer.testing import CliRunner

from detente.cli.main import app
from detente.facts import Actor, Analysis, Document, Event, EventDate, Span
from detente.store import open_store

runner = CliRunner()
TEXT = "Russia struck Kyiv with drones overnight, Ukrainian officials said."


def report(doc_id: str, outlet: str) -> Analysis:
    doc = Document(id=doc_id, text=TEXT, title=doc_id, source=outlet, published="2025-11-25",
                   url=f"https://{outlet.lower()}.example/{doc_id}")
    russia = Actor("RUS", "Russia", "state", "RUS", "GOV", "RUSGOV", (Span(0, 6, "Russia"),),
                   kb_id="RUS")
    ukraine = Actor("UKR", "Ukraine", "state", "UKR", "GOV", "UKRGOV", (Span(14, 18, "Kyiv"),),
                    kb_id="UKR")
    strike = Event("e1", "ASSAULT", Span(0, 40, TEXT[:40]), cameo="195", actor=("RUS",),
                   recipient=("UKR",), date=EventDate("2025-11-25", "day"))
    return Analysis(document=doc, actors=(russia, ukraine), events=(strike,))


def test_event_commands_and_exports(db_path, tmp_path) -> None:
    open_store(db_path).save_batch([report("a1", "Wire"), report("b2", "Post")])
    db = ["--db", str(db_path)]
    listing = runner.invoke(app, ["events", "--type", "assault", *db])
    assert listing.exit_code == 0 and listing.output.count("ASSAULT") == 2
    shown = runner.invoke(app, ["events", "show", "a1", "e1", "--json", *db])
    assert shown.exit_code == 0, shown.output
    detail = json.loads(shown.output)
    assert detail["event"]["type"] == "ASSAULT" and len(detail["other_reports"]) == 1
    merged = runner.invoke(app, ["events", "merged", "--json", *db])
    [row] = [json.loads(line) for line in merged.output.strip().splitlines()]
    assert row["sources"] == 2 and set(row["outlets"]) == {"Wire", "Post"}
    gdelt = runner.invoke(app, ["export", "--format", "gdelt", "--merged", *db])
    [g] = [json.loads(line) for line in gdelt.output.strip().splitlines()]
    assert (g["Actor1Code"], g["Actor2Code"], g["EventRootCode"]) == ("RUSGOV", "UKRGOV", "19")
    assert g["QuadClass"] == 4 and g["NumArticles"] == 2
    out = tmp_path / "plover.csv"
    res = runner.invoke(app, ["export", "--format", "plover", "--file-format", "csv", "-o",
                              str(out), *db])
    assert res.exit_code == 0 and out.read_text().count("\n") == 3  # header + 2 mentions
    missing = runner.invoke(app, ["events", "show", "a1", "e9", *db])
    assert missing.exit_code == 2
