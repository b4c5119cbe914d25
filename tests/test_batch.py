from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from areatour import PlanRequest, load_catalog
from areatour.batch import plan_many
from areatour.courses import gini, plan_courses

TINY = Path(__file__).parent / "fixtures" / "tiny"
GW = "01428-gateway-test-station"


def _requests():
    base = dict(towns=("01428", "01429"), start="2027-07-12", days=2, start_at=GW, end_at=GW)
    return [
        PlanRequest(style="kyuka", **base),
        PlanRequest(style="satellite", exclude=("01428-workspace-test-cowork",), **base),
        PlanRequest(style="satellite", **base),
    ]


def _days(results):
    return [r.itinerary.to_dict()["days"] if r.ok else None for r in results]


def test_in_process_keeps_order_and_reports_failures():
    results = plan_many(_requests(), catalog=TINY, time_limit=5, max_iterations=150)
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error_type == "InfeasibleError" and "no workspace" in results[1].error
    assert results[2].request.style == "satellite"


def test_process_pool_gives_the_same_plans():
    serial = plan_many(_requests(), catalog=TINY, time_limit=5, max_iterations=150)
    with ProcessPoolExecutor(max_workers=2) as pool:
        parallel = plan_many(
            _requests(), executor=pool, catalog=TINY, time_limit=5, max_iterations=150
        )
    assert _days(parallel) == _days(serial)


def test_dask_local_cluster_gives_the_same_plans():
    distributed = pytest.importorskip("distributed")
    serial = plan_many(_requests(), catalog=TINY, time_limit=5, max_iterations=150)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        parallel = plan_many(
            _requests(),
            executor=client.get_executor(),
            catalog=TINY,
            time_limit=5,
            max_iterations=150,
        )
    assert _days(parallel) == _days(serial)


def test_gini():
    assert gini([2, 2, 2]) == 0.0
    assert gini([0, 0, 9]) == pytest.approx(2 / 3)
    assert gini([]) == 0.0


def test_courses_cover_towns_and_report_fairness():
    catalog = load_catalog(TINY)
    area = catalog.custom_area(["01428", "01429"], id="tiny")
    courses = plan_courses(
        catalog,
        area,
        k=2,
        styles=("kyuka", "satellite"),
        seasons=("summer",),
        days=2,
        time_limit=3,
        max_iterations=150,
    )
    assert len(courses) == 2 and courses[0] is courses.courses[0]
    fair = courses.fairness()
    assert fair["towns_covered"] == 2 and set(fair["visits_per_town"]) == {"01428", "01429"}
    assert 0 <= fair["gini"] <= 1 and 0 < fair["max_share"] <= 1
    assert len(fair["relative_scores"]) == 2


def test_courses_name_towns_without_assets():
    catalog = load_catalog(TINY)
    area = catalog.custom_area(["01428", "01429", "01427"], id="tiny3")  # 由仁町 has none here
    courses = plan_courses(
        catalog,
        area,
        k=1,
        styles=("kyuka",),
        seasons=("summer",),
        days=2,
        time_limit=2,
        max_iterations=100,
    )
    assert courses.uncovered == {"01427": "no assets in the catalog"}
