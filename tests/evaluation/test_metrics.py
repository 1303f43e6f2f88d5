import pytest

from detente.evaluation.metrics import PRF, Counts


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "p", "r", "f"),
    [(1, 0, 0, 1.0, 1.0, 1.0), (1, 1, 0, 0.5, 1.0, 2 / 3), (0, 0, 3, 0.0, 0.0, 0.0)],
)
def test_prf(tp, fp, fn, p, r, f) -> None:
    m = PRF("x", tp, fp, fn)
    assert (m.precision, m.recall) == (p, r) and m.f1 == pytest.approx(f)


def test_micro_and_macro() -> None:
    c = Counts()
    c.add("A", tp=3, fn=1)
    c.add("B", tp=1, fp=1)
    assert c.micro().tp == 4
    assert c.macro()["recall"] == pytest.approx((0.75 + 1.0) / 2)
