"""What the Settings dialog may ask of the database, and how Save is carried out.

The dialog edits drafts only; nothing is written until Save. Rules and
privacy rules live in the database and the rest in the settings file, so one
Save is several steps, run in this order so that history ends up labelled by
exactly what the user sees: rule changes first (each re-labels the windows it
can match), then the settings file, and when the business or personal pages
changed, history is re-labelled from the classifier built *before* the file
was saved (so hand relabels survive and only windows whose answer changed are
touched).

No Qt here: the dialog runs ``save`` on a worker thread, and tests call it
directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from focusdesk.core.days import local_date
from focusdesk.core.privacy import PrivacyRule
from focusdesk.core.rules import Rule
from focusdesk.core.settings import Settings
from focusdesk.services.context import AppContext
from focusdesk.services.privacy import PrivacyService
from focusdesk.services.rules import PreviewLine, RuleService

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class RulePlan:
    """The rules as the dialog wants them, in order, and the ids it started from.

    Only rules the dialog showed can be removed: a rule added meanwhile (from
    the command line or a drift nudge) is kept, after the dialog's rules.
    """

    shown_ids: frozenset[int]
    wanted: tuple[Rule, ...]


@dataclass(frozen=True, slots=True)
class PrivacyPlan:
    shown_ids: frozenset[int]
    wanted: tuple[PrivacyRule, ...]


@dataclass(frozen=True, slots=True)
class SavePlan:
    settings: Settings
    rules: RulePlan | None = None
    privacy: PrivacyPlan | None = None


@dataclass(frozen=True, slots=True)
class SaveReport:
    """What Save did, for the one line the app shows afterwards."""

    rule_changes: int = 0
    privacy_changes: int = 0
    relabelled_spans: int = 0
    settings_saved: bool = False


class SettingsBackend:
    """The dialog's only way to the database; built by the controller from the context."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def today(self) -> date:
        return local_date(self._ctx.clock(), self._ctx.tz)

    def rules(self) -> list[Rule]:
        return RuleService(self._ctx).list()

    def privacy_rules(self) -> list[PrivacyRule]:
        return PrivacyService(self._ctx).list()

    def preview(self, rule: Rule) -> list[PreviewLine]:
        """Today's spans ``rule`` would re-label, compared with the saved rules."""
        return RuleService(self._ctx).preview(rule, self.today())

    def save(self, plan: SavePlan, progress: Progress | None = None) -> SaveReport:
        say = progress or (lambda _text: None)
        rule_changes, spans = 0, 0
        if plan.rules is not None:
            rule_changes, spans = _apply_rules(RuleService(self._ctx), plan.rules, say)
        privacy_changes = 0
        if plan.privacy is not None:
            privacy_changes = _apply_privacy(PrivacyService(self._ctx), plan.privacy)
        saved = plan.settings != self._ctx.settings
        if saved:
            spans += self._save_settings(plan.settings, say)
        return SaveReport(rule_changes, privacy_changes, spans, saved)

    def _save_settings(self, settings: Settings, say: Progress) -> int:
        old = self._ctx.settings
        pages_changed = (old.business_pages, old.personal_pages) != (
            settings.business_pages,
            settings.personal_pages,
        )
        service = RuleService(self._ctx)
        before = service.classifier(cache_size=0) if pages_changed else None
        self._ctx.save_settings(settings)
        if before is None:
            return 0
        say("Re-labelling past activity for the changed pages…")
        return service.reclassify(before=before).spans


def _apply_rules(service: RuleService, plan: RulePlan, say: Progress) -> tuple[int, int]:
    """Remove, update, add, then move into order; returns (changes made, spans re-labelled)."""
    stored = {r.id: r for r in service.list()}
    wanted_ids = {r.id for r in plan.wanted if r.id is not None}
    steps: list[Callable[[], int]] = []
    for rule_id in sorted(plan.shown_ids - wanted_ids):
        if rule_id in stored:
            steps.append(lambda rule_id=rule_id: service.remove(rule_id).reclassified.spans)
    for rule in plan.wanted:
        old = stored.get(rule.id) if rule.id is not None else None
        if rule.id is not None and old is not None and _differs(old, rule):
            steps.append(lambda rule=rule: _update(service, rule))
    order: list[int] = []
    spans = 0
    done = 0
    total = len(steps) + sum(1 for r in plan.wanted if r.id is None)
    for step in steps:
        done += 1
        say(f"Applying rule change {done} of {total}…")
        spans += step()
    for rule in plan.wanted:
        if rule.id is None:
            done += 1
            say(f"Applying rule change {done} of {total}…")
            change = service.add(rule.field.value, rule.pattern, rule.category.value)
            assert change.rule is not None and change.rule.id is not None
            order.append(change.rule.id)
            spans += change.reclassified.spans
        elif rule.id in stored:
            order.append(rule.id)
    moves, moved_spans = _reorder(service, order)
    return done + moves, spans + moved_spans


def _reorder(service: RuleService, order: Sequence[int]) -> tuple[int, int]:
    current = [r.id for r in service.list()]
    moves, spans = 0, 0
    for index, rule_id in enumerate(order):
        if current[index] != rule_id:
            spans += service.move(rule_id, index).reclassified.spans
            current.remove(rule_id)
            current.insert(index, rule_id)
            moves += 1
    return moves, spans


def _differs(old: Rule, new: Rule) -> bool:
    return (old.field, old.pattern, old.category) != (new.field, new.pattern, new.category)


def _update(service: RuleService, rule: Rule) -> int:
    assert rule.id is not None
    change = service.update(
        rule.id, field=rule.field.value, pattern=rule.pattern, category=rule.category.value
    )
    return change.reclassified.spans


def _apply_privacy(service: PrivacyService, plan: PrivacyPlan) -> int:
    stored = {r.id for r in service.list()}
    wanted_ids = {r.id for r in plan.wanted if r.id is not None}
    changes = 0
    for rule_id in sorted((plan.shown_ids - wanted_ids) & stored):
        service.remove(rule_id)
        changes += 1
    for rule in plan.wanted:
        if rule.id is None:
            service.add(rule.field.value, rule.pattern, rule.action.value)
            changes += 1
    return changes
