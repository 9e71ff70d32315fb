"""Typed scenario objects (pydantic, frozen). The engine only ever sees these.

docs/AUTHORING.md is the human reference for every field; the descriptions
here feed ``python main.py schema`` (JSON Schema for editors).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from game.i18n import Text

Role = Literal["decision_maker", "technical", "user", "procurement", "influencer", "gatekeeper"]
ROLES: tuple[Role, ...] = (
    "decision_maker",
    "technical",
    "user",
    "procurement",
    "influencer",
    "gatekeeper",
)
Section = Literal["technical", "commercial"]
Persona = Literal[
    "price_aggressive",
    "relationship",
    "technical",
    "balanced",
    "passive",
    "spread_even",
    "focus_decision_maker",
    "price_cutter",
    "best_practice",
]
ActionId = Literal[
    "visit",
    "technical_exchange",
    "site_visit",
    "executive_meeting",
    "solution_workshop",
    "hospitality",
    "intel",
]
ACTION_IDS: tuple[ActionId, ...] = (
    "visit",
    "technical_exchange",
    "site_visit",
    "executive_meeting",
    "solution_workshop",
    "hospitality",
    "intel",
)
RESOURCE_IDS: tuple[str, ...] = ("sales", "presales", "pm", "executive", "money")

Unit = Annotated[float, Field(ge=0.0, le=1.0)]

# Ranges of the numbers that have no natural bound (docs/AUTHORING.md, "Numbers").
# Every number in a scenario is finite (never .inf or .nan) and within a documented
# range, so that no sum or product in the engine can overflow or turn into NaN.
MONEY_MIN = 1  # a price, a cost or a ceiling: at least 1 unit of the currency ...
MONEY_MAX = 1_000_000_000_000  # ... and at most a trillion (10^12)
TURN_MAX = 100  # a turn number (turns themselves are 2-30)
DAYS_MAX = 100  # people's days (per turn, or per unit of an action)
Money = Annotated[float, Field(ge=MONEY_MIN, le=MONEY_MAX)]
Turn = Annotated[int, Field(ge=1, le=TURN_MAX)]
Id = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$", max_length=60)]

# Compliance (how much a person distrusts gifts and dinners) by role, when not given.
DEFAULT_COMPLIANCE: dict[str, float] = {
    "decision_maker": 0.3,
    "technical": 0.3,
    "user": 0.2,
    "procurement": 0.8,
    "influencer": 0.2,
    "gatekeeper": 0.4,
}


# How much a bid above the lowest valid one cools a person at the award, by role, when not
# given: stance at the award = stance - price_sensitivity x (price / lowest valid price - 1).
DEFAULT_PRICE_SENSITIVITY: dict[str, float] = {
    "decision_maker": 0.3,
    "technical": 0.1,
    "user": 0.1,
    "procurement": 0.6,
    "influencer": 0.2,
    "gatekeeper": 0.1,
}


class _Model(BaseModel):
    # strict: `veto: 0` or `turns: yes` are mistakes, not true/1; and no .inf or .nan.
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False)


class Weights(_Model):
    """How the bids' totals are made: the three parts must sum to 1."""

    technical: Unit = Field(0.5, description="Weight of the panel's technical score.")
    price: Unit = Field(0.3, description="Weight of the price score (100 x lowest valid / price).")
    commercial: Unit = Field(
        0.2, description="Weight of the commercial score (references, service, ...)."
    )


class ExpertPool(_Model):
    """The draw of outside experts from the government expert pool (专家库)."""

    draw_turn: int | None = Field(
        None,
        ge=1,
        le=100,
        description="Turn at whose start the pool seats are drawn; left out, they are drawn "
        "after the last turn, just before the evaluation (the usual rule: within two working "
        "days of it). Must not come before published_turn.",
    )
    confidential: bool = Field(
        True,
        description="The drawn experts' names stay confidential until the award, so nobody can "
        "meet them (the rule in public procurement). false lets vendors meet them after the draw.",
    )


class Tender(_Model):
    """The tender's rules."""

    published_turn: Turn = Field(
        description="Turn at whose start the tender is published and the spec frozen; "
        "solution workshops shape the spec only before it.",
    )
    ceiling: Money = Field(description="Ceiling price (最高限价): bids above it are invalid.")
    min_valid_bids: int = Field(
        3, description="With fewer valid bids the tender fails (废标).", ge=1, le=20
    )
    weights: Weights = Field(
        default_factory=Weights, description="technical / price / commercial weights."
    )
    abnormally_low: float = Field(
        0.8,
        description="A bid below this share of the mean valid bid is questioned as abnormally low.",
        ge=0.01,
        le=1,
    )
    disqualify_chance: Unit = Field(
        0.5,
        description="Chance that a questioned (abnormally low) bid is ruled invalid.",
    )
    expert_pool: ExpertPool = Field(
        default_factory=ExpertPool,
        description="When the panel's pool seats (stakeholders with pool: true) are drawn, "
        "and whether the drawn experts stay confidential.",
    )


class Criterion(_Model):
    """One evaluation criterion; vendors have a true strength on each."""

    id: Id = Field(description="Identifier used in cares, strengths and events.")
    name: Text | None = Field(None, description="Display name; the id when left out.")
    section: Section = Field(
        "technical",
        description="Scored by the panel ('technical') or from documents ('commercial').",
    )
    weight: Unit = Field(
        description="Weight in the tender spec; all criteria's weights sum to 1. Within each section the "
        "weights are rescaled, so only their ratios inside a section matter."
    )


class Start(_Model):
    """Where a stakeholder stands at turn 1."""

    relationship: dict[str, Unit] = Field(
        default_factory=dict, description="Vendor id to starting relationship (0-1)."
    )
    fit: dict[str, dict[str, Unit]] = Field(
        default_factory=dict,
        description="Vendor id to a map of criterion to starting perceived fit; the model's prior otherwise.",
    )


class Stakeholder(_Model):
    """One person in the buying committee."""

    id: Id = Field(description="Identifier used in decisions, listens_to and events.")
    name: Text = Field(description="Person's name.")
    title: Text | None = Field(None, description="Job title and organisation.")
    role: Role = Field(
        description="Buying role: decision_maker, technical, user, procurement, influencer or gatekeeper."
    )
    seniority: int = Field(
        2,
        ge=1,
        le=3,
        description="1 junior, 2 middle, 3 top; executive meetings work on 2-3 and are mostly wasted on 1.",
    )
    influence: float = Field(
        0.1,
        ge=0,
        le=1,
        description="Weight of this person's view in the committee and on the panel.",
    )
    veto: bool = Field(False, description="Can block a vendor whose standing with them is low.")
    panel: bool = Field(
        False, description="Sits on the evaluation panel and scores the technical part."
    )
    cares: dict[str, Unit] = Field(
        description="Hidden priorities: criterion to weight, summing to 1."
    )
    relationship_weight: Unit = Field(
        0.3, description="How much personal relationship sways this person."
    )
    listens_to: dict[str, Unit] = Field(
        default_factory=dict,
        description="Stakeholder id to the share of this person's stance taken from them; shares sum to at most 1.",
    )
    compliance: Unit | None = Field(
        None,
        description="Distrust of hospitality (0-1); hospitality may backfire. Default by role.",
    )
    receptiveness: float = Field(
        1.0, ge=0, le=3, description="Multiplies the effect of every action on this person."
    )
    price_sensitivity: Unit | None = Field(
        None,
        description="How much a bid above the lowest valid one cools this person at the award "
        "(hidden): their stance toward the bid drops by this x (price / lowest price - 1). "
        "Default by role: procurement 0.6, decision_maker 0.3, influencer 0.2, others 0.1.",
    )
    can_coach: bool = Field(
        False, description="Can become a vendor's coach (内线) once the relationship is strong."
    )
    pool: bool = Field(
        False,
        description="An outside expert's panel seat filled by a random draw from the expert pool "
        "(needs panel: true): who sits there is unknown until the draw and differs from game to game "
        "(cares are the pool's typical priorities; each game draws a variation); nobody can meet "
        "them before the draw, nor after it while tender.expert_pool.confidential is true. They "
        "judge the bid documents: proposal quality and the vendors' true strengths.",
    )
    start: Start = Field(
        default_factory=Start, description="Starting relationships and perceived fit."
    )
    bio: Text | None = Field(None, description="Public profile shown to every team.")
    portrait: str | None = Field(None, description="Image file, relative to the scenario's folder.")

    def compliance_value(self) -> float:
        if self.compliance is not None:
            return self.compliance
        return DEFAULT_COMPLIANCE[self.role]

    def price_sensitivity_value(self) -> float:
        if self.price_sensitivity is not None:
            return self.price_sensitivity
        return DEFAULT_PRICE_SENSITIVITY[self.role]


class Resources(_Model):
    """A vendor's scarce resources: people's days per turn and money for the campaign."""

    sales: int = Field(5, ge=0, le=DAYS_MAX, description="Sales days per turn.")
    presales: int = Field(
        2, ge=0, le=DAYS_MAX, description="Pre-sales consultant days per turn."
    )
    pm: int = Field(1, ge=0, le=DAYS_MAX, description="Project manager days per turn.")
    executive: int = Field(1, ge=0, le=DAYS_MAX, description="Executive days per turn.")
    budget: float = Field(
        200000,
        ge=0,
        le=MONEY_MAX,
        description="Money for the whole campaign (hospitality, travel, events).",
    )


class BidRule(_Model):
    """How an AI vendor prices its bid."""

    markup: float = Field(
        0.12, ge=-0.5, le=3, description="Target margin over cost (0.12 = cost x 1.12)."
    )
    max_share_of_ceiling: float = Field(
        0.98, ge=0.01, le=1.2, description="Never bid above this share of the ceiling."
    )


class Vendor(_Model):
    """A competing vendor."""

    id: Id = Field(description="Identifier.")
    name: Text = Field(description="Company name.")
    playable: bool = Field(False, description="Can be played by a team; otherwise AI.")
    strategy: Persona = Field(
        "balanced", description="AI persona used when no team plays this vendor."
    )
    strengths: dict[str, Unit] = Field(description="True strength on every criterion (0-1).")
    cost: Money = Field(description="Delivery cost; margin = price - cost - money spent.")
    resources: Resources = Field(
        default_factory=Resources, description="People's days per turn and budget."
    )
    bid: BidRule = Field(default_factory=BidRule, description="AI bid rule.")
    description: Text | None = Field(None, description="What everyone knows about the vendor.")


class ActionCost(_Model):
    """Override of one action's resource cost per unit of amount (keys left out cost nothing)."""

    sales: float = Field(0, ge=0, le=DAYS_MAX, description="Sales days per unit.")
    presales: float = Field(
        0, ge=0, le=DAYS_MAX, description="Pre-sales consultant days per unit."
    )
    pm: float = Field(0, ge=0, le=DAYS_MAX, description="Project manager days per unit.")
    executive: float = Field(0, ge=0, le=DAYS_MAX, description="Executive days per unit.")
    money: float = Field(
        0, ge=0, le=MONEY_MAX, description="Money per unit, from the campaign budget."
    )


class _EventBase(_Model):
    id: Id | None = Field(None, description="Identifier, for the trainer's deck and the log.")
    turn: Turn | None = Field(None, description="Fires at the start of this turn (scripted).")
    chance: Unit | None = Field(
        None, description="Chance per turn, from from_turn on, that it fires (random; fires once)."
    )
    from_turn: Turn = Field(1, description="First turn a random event may fire.")
    until_turn: Turn | None = Field(None, description="Last turn a random event may fire.")
    text: Text | None = Field(None, description="Announcement shown to the teams.")
    secret: bool = Field(
        False, description="Not announced to the teams (they may learn it by intel)."
    )
    deck: bool = Field(
        False, description="Only in the trainer's deck: fires when injected, never by itself."
    )


class StakeholderReplaced(_EventBase):
    """A person leaves; a successor takes the seat, starting from zero with everyone."""

    kind: Literal["stakeholder_replaced"] = Field(description="Event kind.")
    stakeholder: str = Field(description="Who leaves.")
    name: Text | None = Field(None, description="The successor's name.")
    title: Text | None = Field(None, description="The successor's job title.")
    cares: dict[str, Unit] | None = Field(None, description="The successor's priorities (sum 1).")
    relationship_weight: Unit | None = Field(
        None, description="How much relationship sways the successor; the predecessor's when left out."
    )
    relationship: dict[str, Unit] = Field(
        default_factory=dict, description="Successor's relationship with vendors (0 otherwise)."
    )


class BudgetCut(_EventBase):
    """The ceiling price changes: set it, or multiply it."""

    kind: Literal["budget_cut"] = Field(description="Event kind.")
    ceiling_factor: float | None = Field(
        None, ge=0.01, le=2, description="Multiply the ceiling by this."
    )
    ceiling: Money | None = Field(None, description="New ceiling.")


class CompetitorOffensive(_EventBase):
    """A rival pushes hard: relationships with its targets jump, and it may cut its bid."""

    kind: Literal["competitor_offensive"] = Field(description="Event kind.")
    vendor: str = Field(description="The attacking vendor.")
    targets: list[str] = Field(
        default_factory=list,
        description="Stakeholders it works on; the decision makers when empty.",
    )
    relationship_gain: Unit = Field(0.25, description="Relationship it gains with each target.")
    price_cut: Annotated[float, Field(ge=0, le=0.5)] = Field(
        0.0, description="Share by which it lowers its bid."
    )


DayResource = Literal["sales", "presales", "pm", "executive"]


class TeamCheck(_EventBase):
    """The customer checks who on each vendor's team has met whom: a vendor whose people of one
    kind (their days) have not met any of the named people by this turn loses standing with them.

    The software division's customer asks, at a plant visit, who will run the implementation:
    a vendor whose project manager has not met the production side by then looks unprepared.
    """

    kind: Literal["team_check"] = Field(description="Event kind.")
    role: DayResource = Field(
        description="Whose days count: sales (the account manager), presales, pm (the project "
        "manager) or executive. A meeting counts when an action paid with these days happened."
    )
    stakeholders: list[str] = Field(
        min_length=1,
        max_length=30,
        description="The people of whom at least one must have been met that way by this turn; "
        "a vendor that has not loses standing with all of them.",
    )
    relationship_loss: Unit = Field(
        0.3, description="Share of the relationship a vendor that fails loses with each of them."
    )
    criterion: str | None = Field(
        None,
        description="A criterion on which their view of a vendor that fails drops too "
        "(for example the implementation team).",
    )
    fit_loss: Unit = Field(
        0.2, description="Share of that view a vendor that fails loses (with `criterion`)."
    )


class SpecChange(_EventBase):
    """The buyer changes the criteria weights or the tender weights."""

    kind: Literal["spec_change"] = Field(description="Event kind.")
    criteria: dict[str, Unit] = Field(
        default_factory=dict,
        description="New criterion weights (sum 1); only the listed ones change when partial.",
    )
    weights: Weights | None = Field(None, description="New technical / price / commercial weights.")


class TenderDelayed(_EventBase):
    """Publication moves later (the bid deadline does not)."""

    kind: Literal["tender_delayed"] = Field(description="Event kind.")
    delay: int = Field(1, ge=1, le=10, description="Turns by which publication is postponed.")


class Rumour(_EventBase):
    """An announcement only; it changes nothing."""

    kind: Literal["rumour"] = Field(description="Event kind.")
    reliability: Unit = Field(
        0.5, description="How far the rumour can be trusted (0-1), as told to teams."
    )


Event = Annotated[
    StakeholderReplaced
    | BudgetCut
    | CompetitorOffensive
    | SpecChange
    | TenderDelayed
    | Rumour
    | TeamCheck,
    Field(discriminator="kind"),
]
EVENT_KINDS = (
    "stakeholder_replaced",
    "budget_cut",
    "competitor_offensive",
    "spec_change",
    "tender_delayed",
    "rumour",
    "team_check",
)


class ModelParams(_Model):
    """Tuning of the influence model; docs/MODEL.md explains every one."""

    temperature: float = Field(
        0.1, ge=0.01, le=2, description="Softmax temperature of preference shares."
    )
    fit_prior: Unit = Field(0.5, description="Perceived fit before any exposure.")
    prior_noise: float = Field(
        0.07,
        ge=0,
        le=0.3,
        description="Spread (s.d.) of first impressions: each person's starting fit of each vendor varies by world.",
    )
    decay: Unit = Field(0.25, description="Share of relationship lost in a turn without contact.")
    fit_decay: Unit = Field(
        0.2,
        description="Share of the way back to a first impression that a person's view of a "
        "vendor's product travels in a turn without contact (they forget the demo).",
    )
    exposure_rate: Unit = Field(
        0.35, description="Pull of perceived fit toward true strength per unit of exposure."
    )
    relationship_rate: Unit = Field(
        0.6, description="Relationship gained per unit of relationship effect."
    )
    noise_sigma: float = Field(0.5, ge=0, le=2, description="Log-normal sigma of action effects.")
    fail_base: Unit = Field(
        0.25, description="Chance a meeting does not happen with no relationship."
    )
    seniority_gap_fail: Unit = Field(
        0.15, description="Extra failure chance per level the visitor is junior to the host."
    )
    exec_min_relationship: Unit = Field(
        0.15, description="Relationship needed before an executive meeting is accepted."
    )
    hospitality_backfire: Unit = Field(0.6, description="Backfire chance = this x compliance.")
    coach_threshold: Unit = Field(
        0.6, description="Relationship at which a can_coach person becomes a coach."
    )
    coach_info: Unit = Field(
        0.3,
        description="Knowledge a coach adds per turn about everyone they listen to or influence.",
    )
    workshop_tilt: Unit = Field(
        0.12, description="Pull of the spec toward the vendor's strengths per workshop unit."
    )
    max_tilt: Unit = Field(
        0.5,
        description="Largest pull of one vendor's workshops: the share of the way from the "
        "scenario's spec to the spec that vendor would write.",
    )
    quality_rate: Unit = Field(
        0.25, description="Proposal quality gained per unit of workshop/exchange effect."
    )
    quality_start: Unit = Field(0.4, description="Proposal quality at the start.")
    panel_stance_blend: Unit = Field(
        0.45, description="Share of a panel member's technical score from their stance."
    )
    eval_noise: float = Field(
        7.0, ge=0, le=30, description="Standard deviation (points) of each panel member's score."
    )
    veto_share: Unit = Field(
        0.45,
        description="A veto holder blocks a vendor whose preference share is below this x 1/vendors.",
    )
    veto_distrust: float = Field(
        0.05,
        ge=-1,
        le=1,
        description="A veto holder blocks only a vendor whose stance with them is below a "
        "stranger's with an ordinary product (fit_prior / (1 + relationship_weight)) plus this: "
        "distrust, not a rival's popularity, sinks a bid.",
    )
    mixing_rounds: int = Field(
        4, ge=0, le=20, description="Friedkin-Johnsen iterations for stance mixing."
    )
    message_fit: Unit = Field(
        0.5,
        description="Share of an action's effect that depends on knowing what the person cares "
        "about: effect x (1 - message_fit + message_fit x knowledge).",
    )
    seniority_gap_effect: Unit = Field(
        0.25,
        description="Share of an action's effect lost per level the visitor is junior to the host.",
    )
    intro_threshold: Unit = Field(
        0.35,
        description="Relationship with someone a person listens to (or a coach beside them) at "
        "which that contact introduces you to the person.",
    )
    intro_fail_factor: Unit = Field(
        0.35,
        description="Multiplies the chance that a meeting does not happen when you are introduced; "
        "an introduced executive meeting is never turned down for lack of a relationship.",
    )
    pool_concentration: float = Field(
        12.0,
        gt=0,
        le=1000,
        description="How closely a drawn pool expert's priorities follow the pool's typical ones "
        "(Dirichlet concentration; lower = more varied experts).",
    )
    committee_sway: float = Field(
        0.25,
        ge=0,
        le=2,
        description="Points added to a bid's total per point of committee support above an even share "
        "(support = influence-weighted preference of everyone); how much the leaders' favour counts.",
    )


class Scenario(_Model):
    """One tender."""

    format: Literal[1] = Field(description="File format version; always 1.")
    id: Id = Field(description="Scenario identifier.")
    title: Text = Field(description="Title.")
    briefing: Text = Field(description="The story told before play.")
    currency: str = Field("CNY", max_length=8, description="Currency code for prices.")
    turns: int = Field(ge=2, le=30, description="Turns before bids are due.")
    turn_name: Text | None = Field(
        None, description="What a turn stands for, e.g. {en: month, zh: 月}."
    )
    tender: Tender = Field(description="The tender's rules: publication, ceiling, weights.")
    criteria: list[Criterion] = Field(
        min_length=1,
        max_length=12,
        description="Evaluation criteria (1-12); their weights sum to 1.",
    )
    stakeholders: list[Stakeholder] = Field(
        min_length=1, max_length=30, description="The buying committee (1-30 people)."
    )
    vendors: list[Vendor] = Field(
        min_length=2,
        max_length=8,
        description="The competing vendors (2-8); at least one playable: true.",
    )
    events: list[Event] = Field(
        default_factory=list,
        description="Scripted (turn), random (chance) and trainer's-deck (deck: true) events.",
    )
    actions: dict[ActionId, ActionCost] = Field(
        default_factory=dict, description="Overrides of action costs per unit."
    )
    model: ModelParams = Field(default_factory=ModelParams, description="Model tuning.")
    lint: dict[str, str] = Field(
        default_factory=dict,
        description="Warnings accepted on purpose: warning code (W001 ...) to the reason, "
        'e.g. {W009: "three vendors, as the rules require"}.',
    )

    # -- lookups -----------------------------------------------------------
    def stakeholder_index(self, sid: str) -> int:
        return [s.id for s in self.stakeholders].index(sid)

    def vendor_index(self, vid: str) -> int:
        return [v.id for v in self.vendors].index(vid)

    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    def playable_vendors(self) -> list[Vendor]:
        return [v for v in self.vendors if v.playable]
