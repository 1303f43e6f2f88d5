import json

from typer.testing import CliRunner

from detente.cli.main import app
from detente.facts import Actor, Analysis, Document, Position, Proposal, Span
from detente.store import open_store

runner = CliRunner()
TEXT = "Putin said the U.S. plan could be a basis. Putin rejected the U.S. plan."


def analysis(doc_id: str, published: str, value: str, issue: str = "territory.status"
             ) -> Analysis:
    doc = Document(id=doc_id, text=TEXT, title=doc_id, source="Wire", published=published,
                   genre="report")
    putin = Actor("vladimir_putin", "Vladimir Putin", "person", "RUS", "GOV", "RUSGOV",
                  (Span(0, 5, "Putin"),), kb_id="vladimir_putin")
    plan = Proposal("usa-plan", "U.S. plan", ("U.S. plan",), published, ("territory.status",),
                    proposer="USA", point_count=28)
    pos = Position("vladimir_putin", value, Span(0, 42, TEXT[:42]), proposal="usa-plan",
                   issue=issue, date=published)
    return Analysis(document=doc, actors=(putin,), proposals=(plan,), positions=(pos,))


def test_proposals_and_positions_commands(db_path) -> None:
    store = open_store(db_path)
    store.save_batch([analysis("d1", "2025-11-20", "rejects"),
                      analysis("d2", "2025-11-28", "accepts_as_basis")])
    db = ["--db", str(db_path)]
    listed = runner.invoke(app, ["proposals", "list", "--json", *db])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.output)[0]["id"] == "usa-plan"
    shown = runner.invoke(app, ["proposals", "show", "usa-plan", *db])
    assert shown.exit_code == 0 and "timeline" in json.loads(shown.output)
    missing = runner.invoke(app, ["proposals", "show", "nope", *db])
    assert missing.exit_code == 2 and "no proposal" in missing.stderr
    matrix = runner.invoke(app, ["positions", "matrix", *db])
    assert "accepts_as_basis" in matrix.output and "territory.status" in matrix.output
    changes = runner.invoke(app, ["positions", "changes", *db])
    assert "rejects -> accepts_as_basis" in changes.output


def test_top_level_timeline_matrix_and_positions(db_path) -> None:
    store = open_store(db_path)
    store.save_batch([analysis("d1", "2025-11-20", "rejects"),
                      analysis("d2", "2025-11-28", "accepts_as_basis")])
    db = ["--db", str(db_path)]
    listed = runner.invoke(app, ["proposals", *db])
    assert listed.exit_code == 0 and "usa-plan" in listed.output
    timeline = runner.invoke(app, ["timeline", "usa-plan", *db])
    assert timeline.exit_code == 0, timeline.output
    assert timeline.output.index("rejects") < timeline.output.index("accepts_as_basis")
    table = runner.invoke(app, ["matrix", "usa-plan", *db])
    assert table.exit_code == 0 and "accepts_as_basis" in table.output
    csv_out = runner.invoke(app, ["matrix", "usa-plan", "--format", "csv", *db])
    assert csv_out.output.splitlines() == ["party,territory.status",
                                           "RUS,accepts_as_basis"]
    missing = runner.invoke(app, ["matrix", "nope", *db])
    assert missing.exit_code == 2
    rows = runner.invoke(app, ["positions", "--party", "putin", "--issue", "territory",
                               "--proposal", "usa-plan", "--json", *db])
    assert [json.loads(line)["value"] for line in rows.output.splitlines()] == [
        "rejects", "accepts_as_basis"]
    none = runner.invoke(app, ["positions", "--party", "zelensky", *db])
    assert "no positions match" in none.output


def test_matrix_table_puts_issues_in_rows_when_they_outnumber_parties(db_path) -> None:
    store = open_store(db_path)
    store.save_batch([analysis("d1", "2025-11-20", "rejects", "territory.status"),
                      analysis("d2", "2025-11-28", "red_line", "alignment.nato_neutrality")])
    out = runner.invoke(app, ["matrix", "usa-plan", "--db", str(db_path)],
                        env={"COLUMNS": "100"}).output
    header = next(line for line in out.splitlines() if "issue" in line)
    assert "RUS" in header  # one party column, two issue rows
    rows = [line for line in out.splitlines() if "territory.status" in line
            or "alignment.nato_neutrality" in line]
    assert len(rows) == 2 and "rejects" in out and "red_line" in out
