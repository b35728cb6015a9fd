"""A strategic objective's part of the OBPF: outcomes → success measures → measures."""

from __future__ import annotations

from dataclasses import dataclass

from vrp_metrics.catalogue import Catalogue, Measure, Outcome, SuccessMeasure


@dataclass(frozen=True)
class SuccessMeasureNode:
    """A success measure and the measures that evidence it, in catalogue order."""

    success_measure: SuccessMeasure
    measures: list[Measure]


@dataclass(frozen=True)
class OutcomeNode:
    """An outcome and its success measures, in catalogue order."""

    outcome: Outcome
    success_measures: list[SuccessMeasureNode]


def objective_tree(catalogue: Catalogue, code: str) -> list[OutcomeNode]:
    """The outcomes owned by the objective's working group, nested as the OBPF nests them.

    ``code`` is a strategic objective (``SO4``). Each outcome lists its success measures
    (codes ``outcome.n``), and each success measure its measures (``outcome.n.i.x``);
    a success measure with no measure in the catalogue is kept, with an empty list.
    """
    objective = catalogue.objective(code)
    tree = []
    for outcome in catalogue.outcomes:
        if outcome.working_group != objective.working_group:
            continue
        nodes = [
            SuccessMeasureNode(
                success_measure=sm,
                measures=[m for m in catalogue.measures if m.success_measure_code == sm.code],
            )
            for sm in catalogue.success_measures
            if sm.code.rsplit(".", 1)[0] == outcome.code
        ]
        tree.append(OutcomeNode(outcome=outcome, success_measures=nodes))
    return tree
