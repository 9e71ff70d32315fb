"""Scaffolding for authors: a commented starter scenario, or a copy with a new id.

Text in, text out: ``python main.py new`` writes what these functions return.
The starter validates without errors or warnings as written (a test checks).
"""

from __future__ import annotations

import re

from game.scenario.load import validate_text
from game.scenario.problems import Problem
from game.scenario.yamlsrc import YamlRefused, parse

SCHEMA_COMMENT = "# yaml-language-server: $schema="

_ID_CHARS = re.compile(r"[^A-Za-z0-9_\-]+")
_SCALAR = re.compile(r"\"[^\"]*\"|'[^']*'|[^\s#,}\]]+")


def scenario_id_for(stem: str, taken: set[str]) -> str:
    """A valid scenario id made from a file name, not among ``taken``."""
    base = _ID_CHARS.sub("-", stem).strip("-_").lower()
    if not base or not base[0].isalpha():
        base = f"scenario-{base}" if base else "my-scenario"
    base = base[:50]
    ident, n = base, 2
    while ident in taken:
        ident = f"{base}-{n}"
        n += 1
    return ident


def with_schema_comment(text: str, schema_ref: str) -> str:
    """The text with its yaml-language-server line pointing at ``schema_ref``."""
    line = f"{SCHEMA_COMMENT}{schema_ref}"
    lines = text.splitlines(keepends=True)
    for i, old in enumerate(lines[:5]):
        if old.startswith(SCHEMA_COMMENT):
            lines[i] = line + "\n"
            return "".join(lines)
    return line + "\n" + text


def starter_text(scenario_id: str, schema_ref: str) -> str:
    """The commented starter scenario with the given id."""
    return with_schema_comment(STARTER.replace("@ID@", scenario_id), schema_ref)


def copy_text(text: str, filename: str, new_id: str, schema_ref: str) -> str:
    """A scenario's text with its top-level id replaced; comments and layout are kept.

    Raises YamlRefused when the source has errors (copy a scenario that validates).
    """
    located = parse(text, filename)
    sc, problems = validate_text(text, filename)
    errors = [p for p in problems if p.severity == "error"]
    if sc is None or errors:
        raise YamlRefused(errors or [Problem(filename, 1, 1, "the scenario does not validate")])
    line, col = located.where(("id",))
    lines = text.splitlines(keepends=True)
    target = lines[line - 1]
    m = _SCALAR.match(target, col - 1)
    if m is None:  # pragma: no cover - a valid id is always a scalar at its position
        raise YamlRefused([Problem(filename, line, col, "cannot find the scenario's id here")])
    lines[line - 1] = target[: m.start()] + new_id + target[m.end() :]
    return with_schema_comment("".join(lines), schema_ref)


STARTER = """\
#
# A starter scenario written by `python main.py new`. It validates as it
# stands: change it step by step and run `python main.py validate FILE` after
# each change. docs/AUTHORING.md explains every key; docs/MODEL.md the model.
#
# The story: a city water company buys a system to read its meters remotely.
# Replace the people, vendors and numbers with your own case.

format: 1
id: @ID@                  # names the scenario in sessions and reports; keep it once chosen
title: {en: Remote meter reading for a city water company, zh: 市自来水公司远程抄表系统采购}
turn_name: {en: month, zh: 月}
currency: CNY
turns: 6                  # bids are due at the end of the last turn

# The story every team reads before play. In a literal block (|) write each
# paragraph on one line; never fold Chinese with '>' (it inserts spaces).
briefing:
  en: |
    The city water company wants to read its 80,000 household meters remotely instead of sending staff door to door. The ceiling price is 3,000,000 CNY. The tender should be published at the start of month 4; bids are due at the end of month 6.

    Who decides, who can say no, and who will write the technical requirements?
  zh: |
    市自来水公司打算给全市 8 万户水表装上远程抄表系统，不再派人挨家挨户抄表。最高限价 300 万元。招标公告预计第 4 个月初发布，第 6 个月末截止投标。

    到底谁拍板？谁能说"不"？技术要求又由谁来写？

tender:
  published_turn: 4       # the spec is frozen from the start of this turn
  ceiling: 3000000        # 最高限价: bids above it are invalid (plain digits, no commas)
  min_valid_bids: 2       # fewer valid bids and the tender fails (the legal 3 needs 4+ vendors)
  weights: {technical: 0.5, price: 0.3, commercial: 0.2}   # sum 1

# What the buyer evaluates; all weights sum to 1. 'technical' criteria are
# scored by the panel, 'commercial' ones from the bid documents.
criteria:
  - id: accuracy
    name: {en: Reading accuracy, zh: 抄表准确率}
    section: technical
    weight: 0.35
  - id: integration
    name: {en: Integration with the billing system, zh: 与收费系统的对接}
    section: technical
    weight: 0.25
  - id: service
    name: {en: Local service, zh: 本地服务}
    section: commercial
    weight: 0.25
  - id: references
    name: {en: References, zh: 同类项目业绩}
    section: commercial
    weight: 0.15

# The buying committee. 'cares' (sum 1) is hidden from the teams until they
# learn it; 'listens_to' says whose view each person takes on (shares <= 1).
stakeholders:
  - id: general_manager
    name: {en: Sun Guoqiang, zh: 孙国强}
    title: {en: General manager, zh: 总经理}
    role: decision_maker
    seniority: 3
    influence: 0.3
    cares: {references: 0.4, service: 0.3, accuracy: 0.3}
    receptiveness: 0.8      # busy: harder to move than most
    start:
      relationship: {incumbent: 0.25}   # the incumbent built the billing system
    bio:
      en: Signs off the budget and answers to the city for the water bills.
      zh: 预算由他拍板，水费收得准不准，他要向市里交代。

  - id: it_manager
    name: {en: Hu Jing, zh: 胡静}
    title: {en: Head of information systems, zh: 信息中心主任}
    role: technical
    influence: 0.25
    veto: true              # can block a vendor she does not trust
    panel: true
    cares: {integration: 0.6, accuracy: 0.3, references: 0.1}
    listens_to: {general_manager: 0.3}
    bio:
      en: Runs the billing system the new meters must feed.
      zh: 负责收费系统，新水表的数据要接进她的系统。

  - id: meter_chief
    name: {en: Lao Zhang, zh: 老张}
    title: {en: Head of the meter-reading team, zh: 抄表班班长}
    role: user
    influence: 0.2
    panel: true
    can_coach: true         # may become a team's coach (内线) once he trusts them
    cares: {accuracy: 0.5, service: 0.5}
    listens_to: {it_manager: 0.2}
    bio:
      en: Twenty years of reading meters; his team will live with the system.
      zh: 抄了二十年水表，系统上线后天天要用的是他的班组。

  - id: buyer
    name: {en: Ma Li, zh: 马丽}
    title: {en: Procurement officer, zh: 采购专员}
    role: procurement
    influence: 0.1
    panel: true
    cares: {references: 0.5, service: 0.3, integration: 0.2}
    listens_to: {general_manager: 0.3}
    bio:
      en: Runs the tender by the book; dinners worry her more than they please her.
      zh: 严格按程序办事；请客吃饭只会让她更警惕。

  - id: outside_expert
    name: {en: Professor Qian, zh: 钱教授}
    title: {en: "Outside expert, water engineering", zh: 外请专家（给排水工程）}
    role: technical
    influence: 0.15
    panel: true
    relationship_weight: 0.1   # won by facts, not dinners
    cares: {accuracy: 0.6, integration: 0.4}
    listens_to: {it_manager: 0.1}

# The competitors: at least one playable (a team plays it); the others are AI.
vendors:
  - id: us
    name: {en: Clearwater Metering, zh: 清源计量}
    playable: true
    strengths: {accuracy: 0.75, integration: 0.6, service: 0.7, references: 0.5}
    cost: 2400000           # delivery cost; margin = price - cost - money spent
    resources: {sales: 4, presales: 2, pm: 1, executive: 1, budget: 150000}
    description:
      en: A young company with accurate meters and few reference sites.
      zh: 一家年轻的公司，表计准确，但案例不多。

  - id: incumbent
    name: {en: Old River Systems, zh: 老河系统}
    strategy: relationship  # AI persona: price_aggressive, relationship, technical, balanced
    strengths: {accuracy: 0.6, integration: 0.75, service: 0.6, references: 0.7}
    cost: 2500000
    bid: {markup: 0.12}
    description:
      en: Built the billing system and knows the general manager well.
      zh: 当年做的收费系统，和总经理很熟。

  - id: discounter
    name: {en: Budget Meter Co., zh: 实惠表业}
    strategy: price_aggressive
    strengths: {accuracy: 0.55, integration: 0.5, service: 0.5, references: 0.6}
    cost: 2200000
    bid: {markup: 0.06}
    description:
      en: Cheap and cheerful; wins on price.
      zh: 价格便宜，靠低价取胜。

# Events: scripted (turn), random (chance per turn) or the trainer's deck.
events:
  - id: rival_dinner
    kind: competitor_offensive
    chance: 0.3
    from_turn: 2
    until_turn: 5
    vendor: incumbent
    targets: [general_manager]
    relationship_gain: 0.2
    text:
      en: Old River's chairman invites the general manager to a long dinner.
      zh: 老河系统的董事长请孙总吃了顿饭，一聊就是一晚上。
  - id: new_it_manager
    kind: stakeholder_replaced
    deck: true              # only when the trainer plays it
    stakeholder: it_manager
    name: {en: Deng Hao, zh: 邓浩}
    cares: {integration: 0.4, accuracy: 0.4, references: 0.2}
    text:
      en: Hu Jing moves to head office; Deng Hao takes over information systems.
      zh: 胡静调往总部，信息中心由邓浩接手。

# Warnings you accept on purpose, each with its reason (python main.py
# validate --explain all lists the codes):
# lint:
#   W009: "Three vendors and the legal three bids: any slip fails the tender."
"""
