"""Multi-day orienteering engine: frozen numeric problem, solver, immutable solution.

Independent of anything geographic: it sees travel matrices, windows and scores only.
"""

from areatour.engine.evaluate import Evaluation, check_solution, evaluate
from areatour.engine.exact import solve_exact
from areatour.engine.objective import LinearObjective, Objective, WorkationObjective
from areatour.engine.problem import Block, Problem
from areatour.engine.solution import Progress, Solution, SolveStats
from areatour.engine.solver import solve, warm_up

__all__ = [
    "Block",
    "Evaluation",
    "LinearObjective",
    "Objective",
    "Problem",
    "Progress",
    "Solution",
    "SolveStats",
    "WorkationObjective",
    "check_solution",
    "evaluate",
    "solve",
    "solve_exact",
    "warm_up",
]
