"""Position cues on hand-written sentences (not taken from the gold): the party, value,
proposal and issue that families of wordings give (sticking to a text, praise, circulating a
draft, wanting a matter settled, holding off until, "so long as", refusing a text referred back
to, standing refusals, refusing every format of a kind, negative characterisations, texts that
should spell out more; clause cuts at "saying", negated exclusions, preconditions, demands,
nested issue keywords), the values a cue does not give, which issue a cue takes (background
relative clauses, group names that name no issue) and who the party is (dateline subjects,
armed groups)."""

import pytest

from detente.negotiation.proposals import side_of

# The `run` fixture (the pipeline through the positions stage) lives in conftest.py.


def _tuples(analysis):
    return {(side_of(analysis.actor(p.party)), p.value, p.proposal, p.issue)
            for p in analysis.positions}


@pytest.mark.parametrize("text, expected", [
    # keeping to a text: stick to, adhere to, stand by, remain bound by
    ("Armenia said it would stick to the peace declaration.", ("ARM", "supports", None, None)),
    ("Kosovo said it remained bound by the Ohrid agreement.", ("XKX", "supports", None, None)),
    # staying in a process
    ("Serbia said it would keep taking part in the dialogue with Pristina.",
     ("SRB", "supports", None, "process.format_sequencing")),
    # praise as a verdict
    ("Egypt hailed the prisoner exchange.",
     ("EGY", "supports", None, "humanitarian.prisoners_detainees")),
    ("Jordan applauded the ceasefire in Gaza.", ("JOR", "supports", None, "ceasefire.terms")),
    # agreeing, with a time phrase between, to extend or allow something
    ("Armenia and Azerbaijan agreed on Friday to extend the truce.",
     ("AZE", "supports", None, "ceasefire.terms")),
    ("Israel agreed to allow aid deliveries into the north.",
     ("ISR", "supports", None, "humanitarian.access_civilians")),
    # putting a text into circulation
    ("Norway circulated a draft proposal for a prisoner exchange.",
     ("NOR", "proposes", "nor-plan", "humanitarian.prisoners_detainees")),
    # wanting a matter settled in a given way
    ("Guyana wants the border dispute settled by the International Court of Justice.",
     ("GUY", "proposes", None, "territory.status")),
    # holding an act back until a condition is met (the act held back is the matter: the
    # ratification); "so long as"
    ("Georgia said it would hold off ratifying the accord until Russian troops had withdrawn.",
     ("GEO", "conditional", None, "process.implementation_signatories")),
    ("Turkey said its soldiers would stay put so long as the militia kept its weapons.",
     ("TUR", "conditional", None, "security.withdrawal_disengagement")),
    # a wish that must be met before any step
    ("Britain wanted Iran to free the prisoners before any easing of sanctions.",
     ("GBR", "conditional", None, "humanitarian.prisoners_detainees")),
    # refusing every format of a kind; the only way forward
    ("Baku said it would not sit in any format that included Moscow.",
     ("AZE", "red_line", None, "process.format_sequencing")),
    ("Seoul said direct talks were the only path to peace.",
     ("KOR", "red_line", None, "process.format_sequencing")),
    # refusing one text referred back to ("such a ..."), even with "never": it takes the
    # issue of the sentence before
    ("Kyiv was asked to sign a pledge of neutrality. Ukraine said it would never sign such a "
     "document.", ("UKR", "rejects", None, "alignment.nato_neutrality")),
    # a standing refusal of one authority
    ("India said it had never recognised the arbitration panel's authority.",
     ("IND", "rejects", None, None)),
    # negative characterisations and shifting goalposts
    ("Kyiv called the memorandum a gift to the aggressor.", ("UKR", "rejects", None, None)),
    ("Rwanda accused Congo of moving the goalposts.", ("RWA", "rejects", None, None)),
    # more asked of a text on the table; the text should spell out more
    ("The United States tabled a ceasefire plan. Hamas said the plan needed firmer "
     "guarantees.", ("PSEINSHMS", "seeks_amendment", "usa-plan", "security.guarantees")),
    ("The United States tabled a plan. Jordan said the text should spell out a timetable for "
     "the withdrawal.",
     ("JOR", "seeks_amendment", "usa-plan", "security.withdrawal_disengagement")),
    # a denial of a reported stance with two words before the report noun
    ("Hamas denied Israeli media reports that it had consented to disarm.",
     ("PSEINSHMS", "denies_reported_position", None, "security.force_limits")),
    # the talks as what a verdict is about
    ("China said it backed an inclusive peace process.",
     ("CHN", "supports", None, "process.format_sequencing")),
    # harsher verbs of turning a text down; opposition and support stated as nouns
    ("Poland said it slammed the proposal to lift sanctions on Belarus.",
     ("POL", "rejects", None, "economy.sanctions")),
    ("Greece voiced opposition to the lifting of sanctions.",
     ("GRC", "rejects", None, "economy.sanctions")),
    ("Turkey expressed support for the ceasefire proposal.",
     ("TUR", "supports", None, "ceasefire.terms")),
    ("Lithuania said it threw its weight behind the ceasefire plan.",
     ("LTU", "supports", None, "ceasefire.terms")),
    # openness signalled; a negated objection
    ("Armenia signalled openness to talks on border delimitation.",
     ("ARM", "accepts_as_basis", None, "territory.status")),
    ("The Kremlin said it was not opposed to a European role in guarantees.",
     ("RUS", "accepts_as_basis", None, "security.guarantees")),
    # offering a venue or good offices
    ("Kenya said it would be happy to host the next round of talks.",
     ("KEN", "proposes", None, "process.format_sequencing")),
    # a preferred way of getting something
    ("Bolivia said it preferred to regain sea access through negotiations with Chile.",
     ("BOL", "proposes", None, "process.format_sequencing")),
    # conditions: contingent on; terms named in advance
    ("Moscow made any ceasefire contingent on a halt to Western arms deliveries.",
     ("RUS", "conditional", None, "ceasefire.terms")),
    ("Russia laid out its conditions for a ceasefire.",
     ("RUS", "conditional", None, "ceasefire.terms")),
    # red lines: a must, off the table, no solution
    ("Baku said the withdrawal of Armenian forces was a must.",
     ("AZE", "red_line", None, "security.withdrawal_disengagement")),
    ("Hamas said disarmament was off the table.",
     ("PSEINSHMS", "red_line", None, "security.force_limits")),
    # no position yet: mulling, in no hurry
    ("Iran said it was still mulling the European offer.", ("IRN", "unclear", "eu-plan", None)),
    # changing a part of a text
    ("Egypt proposed amending the clause on prisoner releases.",
     ("EGY", "seeks_amendment", None, "humanitarian.prisoners_detainees")),
    # a characterisation of a text as a trick
    ("Israel's cabinet called the offer a cynical manoeuvre.", ("ISR", "rejects", None, None)),
    # a call restated; a thing sought
    ("Ukraine reiterated its call for a full ceasefire.",
     ("UKR", "proposes", None, "ceasefire.terms")),
    ("Sudan's army is seeking a ceasefire in El Fasher.",
     ("SDN", "proposes", None, "ceasefire.terms")),
    # a possible acceptance with no condition; room for give
    ("Russia signalled it could accept a freeze of the front line.",
     ("RUS", "accepts_as_basis", None, "ceasefire.terms")),
    ("Serbia said it was willing to compromise on the status of the north.",
     ("SRB", "accepts_as_basis", None, None)),
    # leaving or freezing a process
    ("The RSF pulled out of the talks in Jeddah.",
     ("SDNREBRSF", "rejects", None, "process.format_sequencing")),
    ("Hamas suspended its participation in the negotiations.",
     ("PSEINSHMS", "rejects", None, "process.format_sequencing")),
    # a commitment reaffirmed
    ("Guyana reaffirmed its commitment to the ceasefire.",
     ("GUY", "supports", None, "ceasefire.terms")),
    # welcomed as an indefinite basis: acceptance as a basis, not support
    ("The plan was welcomed by Kyiv as a workable starting point.",
     ("UKR", "accepts_as_basis", None, None)),
    # asking for something after judging a text named in the sentence: a change to the text
    ("Saudi Arabia endorsed the Egyptian plan but asked for a tighter timetable for the "
     "reconstruction of Rafah.", ("SAU", "seeks_amendment", "egy-plan", "economy.reconstruction")),
    ("Kyiv shot down the idea of a referendum on the territories.",
     ("UKR", "rejects", None, "governance.referendum")),
    # an offer with its condition is a conditional position; a trade inside a proposal's
    # content is no condition of the proposer
    ("Somalia's government offered to postpone the election by up to a year if opposition "
     "leaders agreed to help draft the electoral law.",
     ("SOM", "conditional", None, "governance.elections")),
    ("Egypt put forward a proposal for a 45-day truce under which Hamas would free ten hostages "
     "in return for Palestinian prisoners.", ("EGY", "proposes", "egy-plan", "ceasefire.terms")),
    # an offer negated through its subject is a refusal
    ("No Ukrainian government will hand over any land that Russia could not take, Kyiv said.",
     ("UKR", "red_line", None, "territory.status")),
    ('"No Ukrainian government will hand over land that Russia could not take," Foreign '
     "Minister Andrii Sybiha told reporters.", ("UKR", "red_line", None, "territory.status")),
    ("Kyiv said the return of its children was a question on which there can be no "
     "bargaining.", ("UKR", "red_line", None, "humanitarian.children")),
    # no commitment yet
    ("Asked about the children, Russia said the matter required further study and made no "
     "commitment.", ("RUS", "unclear", None, "humanitarian.children")),
    # a refusal held until a condition is met, the condition some words away
    ("Turkey said it will not lift the trade embargo it imposed on Armenia in the 1990s until "
     "the peace treaty is signed.", ("TUR", "conditional", None, "economy.sanctions")),
    # staying put is a red line
    ("Israel said its troops would stay on the summit of Mount Hermon.",
     ("ISR", "red_line", None, "security.withdrawal_disengagement")),
    # requests and invitations put to the parties, meetings convened
    ("The IAEA asked Iran on Monday to let inspectors return to the enrichment sites.",
     ("IAEA", "proposes", None, "nuclear.status_and_znpp")),
    ("The UN envoy invited the parties to informal talks in Geneva.",
     ("UNO", "proposes", None, "process.format_sequencing")),
    ("Guterres will convene an enlarged informal meeting on Cyprus in Geneva next month.",
     ("UNO", "proposes", None, "process.format_sequencing")),
    # a reported stance denied, in the passive
    ("Reports that Kyiv had quietly agreed to cap its army at 600,000 troops were dismissed by "
     "Ukraine's foreign ministry as fiction.",
     ("UKR", "denies_reported_position", None, "security.force_limits")),
    # refusing any of a kind in advance (guideline item 1)
    ("The Arakan Army said it would not attend any meeting held in Naypyitaw.",
     ("MMRREBARK", "red_line", None, "process.format_sequencing")),
    # not on the table, no room for: red lines
    ("Hamas said its personal weapons were not on the table.",
     ("PSEINSHMS", "red_line", None, "security.force_limits")),
    ("India said there was no room for a third party in the talks with Pakistan.",
     ("IND", "red_line", None, "process.format_sequencing")),
    # a negated offer of any such thing is a refusal of a kind
    ("Colombia's negotiator said the government would not offer any blanket amnesty.",
     ("COL", "red_line", None, "justice.amnesty_accountability")),
    # silence about a named text is no clear position on it
    ("Russia proposed a ceasefire plan on Monday. Kyiv has not replied to the plan.",
     ("UKR", "unclear", "rus-plan", None)),
    # a suggestion *to* do something turned down is a rejection, not a denied report
    ("Israel dismissed a French suggestion to send more UN peacekeepers.",
     ("ISR", "rejects", None, "security.foreign_presence")),
    # taking part on one footing only is a condition
    ("Algeria said it would attend the next round of talks only as an observer.",
     ("DZA", "conditional", None, "process.format_sequencing")),
    # an answer that is a refusal
    ("Russia's reply to the ceasefire offer was a firm no.",
     ("RUS", "rejects", None, "ceasefire.terms")),
    # a whole kind held to break a text, or closed to talks
    ("The TPLF warned that any deal handing the western districts to Amhara would breach the "
     "territorial arrangements.", ("ETHREBTPL", "red_line", None, "territory.status")),
    ("Eritrea said no part of its territory would be discussed.",
     ("ERI", "red_line", None, "territory.status")),
    # putting a named text to the parties is proposing it
    ("Turkey put a plan to both sides on Monday.", ("TUR", "proposes", "tur-plan", None)),
    # offering an act of one's own, with no condition
    ("The Palestinian Authority said it was ready to take over the running of the Rafah "
     "crossing.", ("PSE", "proposes", None, "humanitarian.access_civilians")),
    # acceptance held back to the principle, whatever the verb
    ("The Fano militia welcomed mediation in principle.",
     ("ETHREBFAN", "accepts_as_basis", None, "process.format_sequencing")),
    # urging a side to take up a text backs it; refusing to join any talks of a kind is a red
    # line
    ("The EU urged Kosovo to send the draft statute on the association of Serb municipalities "
     "to the court.", ("EU", "supports", None, "territory.special_regime")),
    ("The National Unity Government said it would not join any talks with the junta.",
     ("MMROPPNUG", "red_line", None, "process.format_sequencing")),
    # a warning against a kind of outcome is a red line
    ("The Palestinian Authority warned against any separation of Gaza from the West Bank.",
     ("PSE", "red_line", None, "territory.status")),
    # no interest in a whole kind of thing; two things held incompatible
    ("SEOUL — North Korea said it had no interest in talks with a state it regards as its "
     "enemy.", ("PRK", "red_line", None, "process.format_sequencing")),
    ("NEW DELHI — India said talks and terror cannot go together.",
     ("IND", "red_line", None, "process.format_sequencing")),
])
def test_cue_wordings(run, text, expected) -> None:
    assert expected in _tuples(run(text))



@pytest.mark.parametrize("text, party, value", [
    # a change asked of the text itself
    ("Egypt presented a plan for Gaza. Jordan asked that it be amended to cover the West Bank.",
     "JOR", "seeks_amendment"),
    ("Egypt presented a plan for Gaza. Jordan said it wanted that clause removed.",
     "JOR", "seeks_amendment"),
    # a verdict of falling short, of dictation, of being overtaken
    ("Iran tabled a nuclear proposal. Washington said the Iranian plan falls far short.",
     "USA", "rejects"),
    ("Baku set out a plan for the corridor. Yerevan called the plan an attempt to dictate terms.",
     "ARM", "rejects"),
    # blessing given with the object first; an offer kept on the table by its maker
    ("Qatar presented a plan for Darfur. Sudan's army gave the plan its blessing.", "SDN",
     "supports"),
    ("Seoul made a proposal for talks. Seoul said the proposal would stay on the table.",
     "KOR", "supports"),
    # a whole kind limited or closed in advance
    ("India said any talks with Pakistan could only be about terrorism.", "IND", "red_line"),
    ("Somalia said the state does not trade convicted terrorists for hostages.", "SOM",
     "red_line"),
    ("Eritrea said its ports would stay off limits under any arrangement.", "ERI", "red_line"),
    # silence on a named text
    ("Russia presented a ceasefire plan. Kyiv has not yet given a formal reply to the plan.",
     "UKR", "unclear"),
    # a text handed over, also with an adjective, or delivered by its proposer
    ("Qatar handed both delegations a compromise text on the prisoners.", "QAT", "proposes"),
    ("Lebanon studied a U.S. proposal, delivered by envoy Tom Barrack on Monday.", "USA",
     "proposes"),
    # another side's account denied
    ("The ELN called for guarantees. It also denied the government's statement that it had "
     "accepted a full inventory of its weapons.", "COLREBELN", "denies_reported_position"),
    # agreement with a time phrase between verb and object
    ("Armenia and Azerbaijan agreed on Sunday to a new exchange of detainees.", "ARM",
     "supports"),
    # the view a sentence opens with names whose stance it is
    ("Kyiv welcomed the European plan for a reassurance force. In Kyiv's view, though, it will "
     "only work if Washington backs it with air defence.", "UKR", "conditional"),
    # a change asked of "it", the text named before
    ("Egypt presented a plan for Sudan. The RSF asked that it provide for its fighters to join "
     "a new army.", "SDNREBRSF", "seeks_amendment"),
    # a whole kind to be treated as hostile
    ("Hezbollah said it would treat any foreign troops in the south as an occupying force.",
     "LBNINSHZB", "red_line"),
    # a draft statute is a text on the table
    ("The EU presented a draft statute for the association. Kosovo said it wanted the statute "
     "rewritten.", "XKX", "seeks_amendment"),
    # a text to be stretched or cut
    ("The UN presented a plan for a truce in Darfur. The RSF said it wanted the plan extended "
     "to Kordofan.", "SDNREBRSF", "seeks_amendment"),
    # urging the parties to keep a process going backs it; urging a concrete step proposes it
    ("Peru and Chile held talks in Lima on the border. Brazil urged both sides to keep the "
     "talks going.", "BRA", "supports"),
    ("Peru and Chile held talks in Lima on the border. Brazil urged both sides to open the "
     "border crossings to traders.", "BRA", "proposes"),
    # a refusal that holds until something else happens is a condition
    ("Peru and Chile held talks in Lima on the border. Chile said it would not lift its "
     "tariffs on Peruvian goods before a final border deal was signed.", "CHL", "conditional"),
    ("Peru and Chile held talks in Lima on the border. Peru said it would not back another "
     "extension of the talks without a fixed timetable.", "PER", "conditional"),
    ("Talks on the border resumed in Lima. Chile said demining could not begin in any area "
     "where Peruvian troops were still deployed.", "CHL", "conditional"),
    # requests with a word between, or put to someone; an offer kept; of no value
    ("Talks on the border resumed in Lima. Peru had asked on Monday for the fishermen to be "
     "freed.", "PER", "proposes"),
    ("Talks on the border resumed in Lima. Chile asked the Red Cross to verify the list of "
     "detainees.", "CHL", "proposes"),
    ("Talks on the border resumed in Lima. Peru stood by its offer to host the next round.",
     "PER", "proposes"),
    ("Peru announced a truce on the border. Chile said a truce announced on the radio was "
     "worth nothing.", "CHL", "rejects"),
    ("Talks on the island resumed. Cyprus said a federation remained the only acceptable "
     "settlement.", "CYP", "red_line"),
    # a whole kind kept out of a role
    ("Talks on a transition resumed in Lima. The government said no armed group would have "
     "any role in the transition.", "PER", "red_line"),
    # a change asked after a verdict on an unnamed text in the same sentence
    ("Talks on a transition resumed in Lima. Peru accepted the plan as a basis but wanted the "
     "election brought forward to November.", "PER", "seeks_amendment"),
    # ... but a line drawn on consent stays a red line
    ("Talks on the border resumed in Lima. Peru said it cannot give up land without the "
     "consent of its people.", "PER", "red_line"),
    # "for as long as" a side does something is a condition; "for as long as it takes" is not
    ("Talks on the border resumed in Lima. Chile said its troops would stay in the valley for "
     "as long as Peruvian militias raided the villages.", "CHL", "conditional"),
    # an offer called an empty gesture is turned down
    ('Seoul offered talks at the border on Monday. North Korea called the offer "a hollow '
     'gesture".', "PRK", "rejects"),
    # a condition some way after the readiness it limits
    ("Talks resumed in Muscat. Iran is prepared to cap uranium enrichment at 3.67 percent for "
     "a period of several years if Washington lifts the oil sanctions.", "IRN", "conditional"),
    # an aside between a readiness word and its "to"
    ("Talks on minority rights resumed. Kyiv said it was ready instead to discuss the "
     "protection of minority rights.", "UKR", "accepts_as_basis"),
    # not saying whether is no position yet
    ("Talks on a stabilisation force resumed. Israel did not say whether it would accept a role "
     "for UN peacekeepers.", "ISR", "unclear"),
    ("Talks on a prisoner swap resumed. Kenya declined to say whether it supported a swap.",
     "KEN", "unclear"),
    # a report denied, however many words name its source
    ("DAMASCUS \u2014 Talks resumed. Syria's foreign minister denied a Kurdish news agency report "
     "that Damascus had accepted administrative decentralisation.", "SYR",
     "denies_reported_position"),
    # an acceptance with its condition is a condition
    ("Talks on the peninsula stalled. North Korea did not rule out contacts with Washington if "
     "the United States dropped its demand for denuclearisation.", "PRK", "conditional"),
    # a relative clause of background on the subject does not mask the main clause's cue
    ('Morocco unveiled an autonomy plan in 2007. Rabat, which has offered the territory '
     'self-rule since then, said its autonomy plan remained "the one and only basis" for a '
     'settlement.', "MAR", "supports"),
])
def test_more_cue_wordings(run, text, party, value) -> None:
    assert (party, value) in {(t[0], t[1]) for t in _tuples(run(text))}


@pytest.mark.parametrize("text, expected", [
    # a participle clause of reasons carries its own position
    ("Georgia rejected a Russian proposal for a new border regime, saying Moscow must first "
     "withdraw its troops.", ("GEO", "red_line", None, "security.withdrawal_disengagement")),
    # a negated exclusion leaves the door open; the talks it allows are its object, so the
    # matter is the format (guideline item 4: the head of the phrase, not its modifier)
    ("Serbia did not rule out talks with Kosovo on an exchange of prisoners.",
     ("SRB", "accepts_as_basis", None, "process.format_sequencing")),
    # formal approval
    ("Moldova's parliament signed off on the ceasefire protocol.",
     ("MDA", "supports", None, "ceasefire.terms")),
    # an objection ruled out
    ("Greece said it would not block the new sanctions package.",
     ("GRC", "supports", None, "economy.sanctions")),
    # a precondition is a condition
    ("Ethiopia said the withdrawal of Eritrean troops was a precondition for any agreement.",
     ("ETH", "conditional", None, "security.withdrawal_disengagement")),
    # a demand put on someone's act, through a possessive
    ("Moscow insisted on Georgia's neutrality.",
     ("RUS", "red_line", None, "alignment.nato_neutrality")),
    # a demand put as a wish
    ("Turkey wants Greece to withdraw its troops from the islands.",
     ("TUR", "red_line", None, "security.withdrawal_disengagement")),
    # a longer keyword of one issue hides the shorter keyword of another inside it
    ("Congo said it would sign only once Rwanda had left its territory.",
     ("COD", "conditional", None, "security.withdrawal_disengagement")),
    # a subject naming an issue is the topic: the party is who says so
    ("Kyiv said NATO membership remained its strategic goal.",
     ("UKR", "supports", None, "alignment.nato_neutrality")),
    # reasons after a request for changes name what is to change
    ("European leaders called for changes to the U.S. plan, saying the cap on Ukraine's army "
     "was too low.", ("EU", "seeks_amendment", "usa-plan", "security.force_limits")),
    # acceptance of one thing only, or nothing less, is a red line
    ("Cyprus said it would accept nothing other than a bizonal federation.",
     ("CYP", "red_line", None, "territory.special_regime")),
    ("Moscow said it would back only a settlement that left Crimea to Russia.",
     ("RUS", "red_line", None, "territory.status")),
    # a side's own text called the only way is its support of the text
    ("Morocco unveiled an autonomy plan in 2007. On Wednesday Morocco said its autonomy plan "
     "remained the only realistic basis for a settlement.",
     ("MAR", "supports", "mar-plan", "territory.special_regime")),
    # an -ing stance after a comma is a clause of its own
    ("Guyana will not negotiate over the Essequibo region outside the court, its foreign "
     "ministry said, rejecting direct talks with Caracas.",
     ("GUY", "rejects", None, "process.format_sequencing")),
    # a second verb that puts something forward is a clause of its own, though both report
    ("Macron said France was ready to deploy troops to Ukraine once a ceasefire is signed, "
     "and proposed that the United States provide air cover.",
     ("FRA", "conditional", None, "security.foreign_presence")),
])
def test_cue_clauses_keywords_and_demands(run, text, expected) -> None:
    assert expected in _tuples(run(text))


@pytest.mark.parametrize("text, value", [
    # a negated "could": no possible acceptance
    ("Kyiv said it could not accept a deal that ceded land.", "accepts_as_basis"),
    # a possible acceptance with a condition is a condition
    ("Armenia said it could accept a buffer zone if Azerbaijan withdrew first.",
     "accepts_as_basis"),
    # a demand taken off the table is no red line
    ("Moscow took its demand for a new election off the table.", "red_line"),
    # "at once" is no condition
    ("Talks on the venue opened in Geneva. Kyiv agreed to the venue at once.", "conditional"),
    # public opinion in a poll is no side's stance
    ("Opinion polls published this month suggest that most Ukrainians oppose ceding land in "
     "exchange for peace.", "rejects"),
])
def test_cue_does_not_give_value(run, text, value) -> None:
    assert value not in {p[1] for p in _tuples(run(text))}


@pytest.mark.parametrize("text, party, issue", [
    # a relative clause on the subject is background, not the matter
    ("Algeria, which backs the Sahrawi independence movement, dismissed the resolution as "
     "biased.", "DZA", None),
    ("Saudi Arabia, which has held talks with the rebels, welcomed the truce.", "SAU",
     "ceasefire.terms"),
    # a group's name names no issue
    ("The Kachin Independence Army rejected the offer.", "MMRREBKIA", None),
    # the object of the cue's own verb comes first among two issues
    ("Thailand agreed to extend the ceasefire and to let observers patrol the line.", "THA",
     "ceasefire.terms"),
    # or the object of the verb the cue hands on to, talking words included
    ("Brazil offered to host a meeting on the disputed border.", "BRA",
     "process.format_sequencing"),
    # or the object of the clause a proposing verb puts forward
    ("Chile proposed that the two countries hold a new round of talks on the disputed border.",
     "CHL",
     "process.format_sequencing"),
    # with no object, the act handed on to is the matter when it is talking itself ...
    ("BEIRUT \u2014 Lebanon's president said the state was ready to negotiate with Israel "
     "through a delegation led by civilians.", "LBN", "process.format_sequencing"),
    # ... unless it says what the talks are about
    ("MOGADISHU \u2014 Somalia said it would not negotiate with the militants over prisoners.",
     "SOM", "humanitarian.prisoners_detainees"),
    # through a copula and its adjective ("open to talks"), and past an offer to its content
    ("BEIRUT \u2014 Lebanon's president said Beirut was open to indirect talks with Israel "
     "through the ceasefire mechanism.", "LBN", "process.format_sequencing"),
    ("JEDDAH \u2014 Ethiopia said it had accepted a Saudi offer to mediate between Addis Ababa "
     "and Asmara, as both countries keep troops massed along their shared border.", "ETH",
     "process.format_sequencing"),
    # a definite noun takes the issue of what it points back to, not of the sentence before
    ("The United States proposed a three-month humanitarian pause in Sudan. Norway hosted the "
     "meeting in Oslo. Egypt said it supported the pause.", "EGY",
     "ceasefire.humanitarian_pauses"),
    # a verdict on an offer the article does not name takes the matter of the offer made
    ("Pakistan offered on Tuesday to release 200 Indian fishermen held in its jails. Heavy "
     "rain hit Lahore. India dismissed the offer.", "IND", "humanitarian.prisoners_detainees"),
    # a verdict on a named proposal carries no issue, also when the parser hangs the
    # proposal's content phrase on the verb
    ("Peru turned down a United Nations proposal for a week-long humanitarian pause.", "PER",
     None),
    # a nuclear programme's words come before a cap or a place
    ("Iran said it was willing to accept a cap on enrichment.", "IRN", "nuclear.status_and_znpp"),
])
def test_issue_choice(run, text, party, issue) -> None:
    found = {(p[0], p[3]) for p in _tuples(run(text))}
    assert (party, issue) in found


@pytest.mark.parametrize("text, value, sides", [
    # a dateline parsed as the subject: the parties are in apposition or coordinated with it
    ("DUSHANBE — Tajikistan and Kyrgyzstan agreed on Monday to extend their ceasefire, a "
     "mediator said.", "supports", {"TJK", "KGZ"}),
    # "the sides" (a plural with the article) are the two parties named together before,
    # not the mediator who reports it
    ("Iran and the United States held talks in Muscat on Friday. Oman's foreign minister said "
     "the sides agreed to meet again in two weeks.", "supports", {"IRN", "USA"}),
    # or the second subject the parser found; the place is never the party
    ("NAIROBI — The United Nations on Tuesday proposed a 30-day humanitarian pause around "
     "Kadugli.", "proposes", {"UNO"}),
    ("ISTANBUL — Ukraine's delegation on Monday tabled a proposal for an exchange of "
     "prisoners.", "proposes", {"UKR"}),
])
def test_dateline_subject(run, text, value, sides) -> None:
    found = {p[0] for p in _tuples(run(text)) if p[1] == value}
    assert found == sides


@pytest.mark.parametrize("text, code", [
    ("Colombia's ELN rebels said they were ready to resume talks.", "COLREBELN"),
    ("The Polisario Front rejected the proposal.", "ESHREBPOL"),
    ("The Arakan Army agreed to a ceasefire.", "MMRREBARK"),
    ("The KIA rejected the offer.", "MMRREBKIA"),
    ("Fano fighters rejected the government's offer of talks.", "ETHREBFAN"),
    ("The SPLM-IO said it would not take part in the talks.", "SSDREBSPI"),
    ("The Libyan National Army welcomed the roadmap.", "LBYMILLNA"),
    ("The FDLR rejected the disarmament plan.", "RWAREBFDL"),
])
def test_armed_groups_are_parties(run, text, code) -> None:
    assert code in {p[0] for p in _tuples(run(text))}


@pytest.mark.parametrize("text, side", [
    # a condition opened by "when" parsed as an adverb is still the condition: its subject is
    # not who says so
    ("Israel said it would withdraw from the five positions only when the Lebanese army had "
     "disarmed Hezbollah.", "ISR"),
    # bodies whose names hold another party's name
    ("China's Taiwan Affairs Office said dialogue was possible only if Taipei recognised the "
     "1992 Consensus.", "CHN"),
    ("The African Union Commission said it stood ready to facilitate dialogue between the two "
     "neighbours.", "AFU"),
    # a name in apposition says who the head is, not the country owning it
    ("DOHA — Colombia's largest drug-trafficking army, the Clan del Golfo, agreed on Wednesday "
     "to begin moving fighters into holding zones.", "COLREBEGC"),
    # a condition the parser made the root: the subject before the marker sets it
    ("NICOSIA — Turkish Cypriot leader Tufan Erhürman said on Tuesday he was ready to resume "
     "formal talks on reunifying Cyprus under UN auspices, provided the Greek Cypriot side "
     "accepted in advance.", "CYPTCL"),
])
def test_party_of_the_stance(run, text, side) -> None:
    assert {p[0] for p in _tuples(run(text))} == {side}


@pytest.mark.parametrize("text", [
    "Morocco said on Monday that its autonomy plan remained the only basis for talks and called "
    "on Algeria to join them as a party. Algeria's foreign ministry rejected Morocco's call.",
    "The government accepted the Saudi roadmap for Yemen but demanded the release of a detained "
    "politician first. The Houthis rejected the demand.",
])
def test_a_verdict_on_a_demand_is_not_on_the_plan_nearby(run, text) -> None:
    """A side's call or demand is no text: a verdict on it is not about the plan named
    before."""
    assert {p[2] for p in _tuples(run(text)) if p[1] == "rejects"} == {None}
