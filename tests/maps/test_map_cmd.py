"""``areatour map``: writes the area map, offline on request, with clear errors."""

from __future__ import annotations

from areatour.cli import main
from areatour.maps import external_references


def test_map_writes_html(tmp_path, capsys):
    out = tmp_path / "nemuro.html"
    assert main(["map", "--area", "nemuro", "--out", str(out), "--lang", "en"]) == 0
    html = out.read_text("utf-8")
    assert "L.map(" in html and "Complementarity" in html
    assert str(out) in capsys.readouterr().err


def test_map_offline_is_self_contained(tmp_path):
    out = tmp_path / "naka.html"
    assert main(["map", "--area", "naka-sorachi", "--out", str(out), "--offline"]) == 0
    html = out.read_text("utf-8")
    assert external_references(html) == []
    assert "<script src=" not in html


def test_map_unknown_area_exits_2(tmp_path, capsys):
    out = tmp_path / "x.html"
    assert main(["map", "--area", "atlantis", "--out", str(out)]) == 2
    assert "unknown area" in capsys.readouterr().err
    assert not out.exists()


def test_map_requires_html_extension(tmp_path, capsys):
    assert main(["map", "--area", "nemuro", "--out", str(tmp_path / "x.png")]) == 2
    assert ".html" in capsys.readouterr().err


def test_map_with_a_catalog_folder(tmp_path):
    out = tmp_path / "x.html"
    code = main(["map", "--area", "nemuro", "--out", str(out), "--catalog", str(tmp_path / "no")])
    assert code == 2 and not out.exists()
