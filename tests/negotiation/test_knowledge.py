"""Negotiation knowledge files: loading, user extensions, errors, keyword issue tagging."""

import pytest

from detente.errors import KnowledgeError
from detente.negotiation.issues import keyword_issues
from detente.negotiation.knowledge import VALUES, load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_bundled_knowledge_loads(kb) -> None:
    assert "territory.status" in kb.issue_keys()
    assert {c.value for c in kb.cues} == set(VALUES)
    assert kb.rules.heads["memorandum"] == "memorandum"


@pytest.mark.parametrize("text, first", [
    ("Ukraine will not give up any of its land in Donbas.", "territory.status"),
    ("The plan would cap its army at 600,000 troops.", "security.force_limits"),
    ("Ukraine must never join NATO.", "alignment.nato_neutrality"),
    ("a restart of the Zaporizhzhia nuclear power plant under IAEA supervision",
     "nuclear.status_and_znpp"),
    ("the return of deported children", "humanitarian.children"),
    ("a truce monitored by international observers", "ceasefire.monitoring"),
    # a nuclear programme other than Zaporizhzhia: its fuel, sites and inspections
    ("Tehran would not give up enrichment on its soil.", "nuclear.status_and_znpp"),
    ("Inspectors must be allowed back into the sites.", "nuclear.status_and_znpp"),
    ("the terrorist designation of the movement", "economy.sanctions"),
    ("rejected the poll as a sham", "governance.elections"),
    ("offered to host a meeting of the two foreign ministers", "process.format_sequencing"),
    ("The militia will not give up a single rifle.", "security.force_limits"),
    ("would accept nothing other than a federation of two zones", "territory.special_regime"),
    ("ruled out any negotiation with the group's leaders", "process.format_sequencing"),
    # taking part at all is the format
    ("said it would attend only if the agenda was agreed", "process.format_sequencing"),
    ("was willing to talk to the fighters", "process.format_sequencing"),
    # convoys of any kind, people held by a side, buffer zones in the plural
    ("asked both sides to let food convoys into the town", "humanitarian.access_civilians"),
    ("until the government released its detained members", "humanitarian.prisoners_detainees"),
    ("refused to discuss the kidnappings", "humanitarian.prisoners_detainees"),
    ("would restore the buffer zones", "security.withdrawal_disengagement"),
    ("the country's nuclear status would never be reversed", "nuclear.status_and_znpp"),
    ("Turkey's role as a guarantor power was not up for negotiation", "security.guarantees"),
    ("would consider a halt to hostilities", "ceasefire.terms"),
    ("would hand over power only to an elected government", "governance.elections"),
    ("would not engage with the shadow government", "process.format_sequencing"),
    ("proposed a 30-day moratorium on strikes against power plants", "ceasefire.terms"),
    ("renewed his call for the release of the aid workers", "humanitarian.prisoners_detainees"),
    # the association of municipalities and its powers; "powers" is no prisoner of war
    ("would not accept an association with executive powers", "territory.special_regime"),
    ("the two sides would exchange all POWs", "humanitarian.prisoners_detainees"),
    ("would never negotiate over the administrative boundaries of the two regions",
     "territory.status"),
    ("would hand over the remains of the fallen soldiers", "humanitarian.missing_remains"),
    # words for the same matters that name no keyword of old
    ("would not commit American forces on the ground", "security.foreign_presence"),
    ("was ready to send up to 20,000 soldiers", "security.foreign_presence"),
    ("Israel would not pull its troops back from the line", "security.withdrawal_disengagement"),
    ("troops would not leave the hilltops", "security.withdrawal_disengagement"),
    ("would not accept any deal that left the militia armed", "security.force_limits"),
    ("fighters who surrendered would not be prosecuted", "justice.amnesty_accountability"),
    ("refused to extradite the two commanders", "justice.amnesty_accountability"),
    ("would lift the punitive measures it imposed", "economy.sanctions"),
    ("offered to host a fourth round in Istanbul", "process.format_sequencing"),
    ("would never accept preconditions", "process.format_sequencing"),
    ("remained committed to the agreement it signed", "process.implementation_signatories"),
    ("will keep the Indus Waters Treaty in abeyance", "process.implementation_signatories"),
    ("the government would implement it in full", "process.implementation_signatories"),
    ("urged the two sides to meet again before the end of February", "process.format_sequencing"),
    ("was ready to take over the running of the Rafah crossing", "humanitarian.access_civilians"),
    ("offered to reopen the Bhamo road to civilian traffic", "humanitarian.access_civilians"),
    ("proposed that the parties reopen the main roads into Taiz",
     "humanitarian.access_civilians"),
    ("agreed to move about 400 fighters into a temporary zone", "security.force_limits"),
    ("asked UNESCO to send experts to churches and mosques", "identity.language_religion"),
    ("the soldiers would be repatriated only after an inquiry", "humanitarian.prisoners_detainees"),
    ("would not reduce joint drills with its ally", "security.force_limits"),
    # the text to change comes before the claim it holds; a court is not the text
    ("until Yerevan removes the claim to Karabakh from its constitution",
     "governance.constitution"),
    ("would send the statute on the association of Serb municipalities to the Constitutional "
     "Court", "territory.special_regime"),
    ("the return of state authority to Goma was not up for negotiation", "territory.status"),
    ("the future of the contested districts", "territory.status"),
    ("the expansion of a Russian naval base at Ochamchire", "security.foreign_presence"),
    ("a separation of forces along the line", "security.withdrawal_disengagement"),
])
def test_keyword_issues_main_issue_first(kb, text, first) -> None:
    assert keyword_issues(kb, text)[0] == first


@pytest.mark.parametrize("text", ["The session in Geneva lasted five hours.",
                                  "Both powers kept their powerful fleets at home.",
                                  "The movement remains committed to the process.",
                                  # a channel of a messaging app is no channel of talks
                                  "said in a statement on its Telegram channel"])
def test_no_issue_in_plain_text(kb, text) -> None:
    assert keyword_issues(kb, text) == []


@pytest.mark.parametrize("text, expected", [
    # general words of talking tag the format issue ...
    ("Argentina called for negotiations with London.", ["process.format_sequencing"]),
    ("The army would not sit down with the rebels.", ["process.format_sequencing"]),
    # ... after any more specific issue the same clause names
    ("talks on an exchange of prisoners", ["humanitarian.prisoners_detainees",
                                           "process.format_sequencing"]),
    ("Georgia would never recognise the independence of Abkhazia.", ["territory.status"]),
    ("Moscow removed its troops from the border.", ["security.withdrawal_disengagement"]),
])
def test_general_issue_words(kb, text, expected) -> None:
    assert keyword_issues(kb, text) == expected


def test_user_file_extends_issues_and_cues(tmp_path) -> None:
    issues = tmp_path / "issues.yaml"
    issues.write_text("version: 1\nissues:\n  - key: water.rights\n    keywords: [river*]\n"
                      "  - key: territory.status\n    keywords: [Transnistria]\n", "utf-8")
    cues = tmp_path / "cues.yaml"
    cues.write_text("version: 1\ncues:\n  - value: rejects\n    patterns: ['\\bpoured cold water on\\b']\n",
                    "utf-8")
    kb = load_kb([issues], [cues])
    assert keyword_issues(kb, "the rivers of the region") == ["water.rights"]
    assert keyword_issues(kb, "Transnistria") == ["territory.status"]
    assert kb.cues[-1].patterns[0].search("Moscow poured cold water on the plan")


@pytest.mark.parametrize("body, message", [
    ("version: 1\ncues:\n  - value: loves\n    patterns: [x]\n", "cue value"),
    ("version: 1\ncues:\n  - value: rejects\n    patterns: ['(']\n", "bad pattern"),
    ("version: 1\nissues:\n  - key: territory\n", "two levels"),
    ("version: 2\n", "unsupported version"),
])
def test_bad_files_raise_knowledge_error(tmp_path, body, message) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, "utf-8")
    with pytest.raises(KnowledgeError, match=message):
        load_kb([path] if "issues" in body or "version: 2" in body else [], [path]
                if "cues" in body else [])
