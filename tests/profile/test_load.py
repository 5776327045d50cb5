"""Profile files: located errors, extends, lookup order, listing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler.cli.main import main
from assembler.problems import ProblemsError
from assembler.profile.load import available_profiles, load_profile


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, "bad", text)
    with pytest.raises(ProblemsError) as caught:
        load_profile(str(path), cwd=tmp_path)
    return [p.format() for p in caught.value.problems]


def test_all_problems_of_a_profile_are_located(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        "name: bad\n"
        "langauge: en\n"
        "sections:\n"
        "  talk: all\n"
        "  publications:\n"
        "    where: {yeer: 2020}\n"
        "    sort: [-citatons]\n"
        "    since: five years\n"
        "    limit: -1\n",
    )
    text = "\n".join(found)
    assert "bad.yaml:2:1: error: langauge: unknown key 'langauge'. Did you mean 'language'?" in text
    assert "sections.publications.since" in text and "'five years' is neither" in text
    assert "sections.publications.limit" in text


def test_cross_key_checks(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        "sections:\n"
        "  talk: all\n"
        "  publications:\n"
        "    where: {yeer: 2020}\n"
        "    sort: [-citatons]\n"
        "  extra: {from: publication}\n"
        "fit_order: [awards]\n",
    )
    text = "\n".join(found)
    assert "bad.yaml:2: error: sections.talk: unknown section 'talk'. Did you mean 'talks'?" in text
    assert (
        "bad.yaml:4: error: sections.publications.where.yeer: publications entries have no "
        "field 'yeer'. Did you mean 'year'?" in text
    )
    assert "cannot sort publications by 'citatons'" in text
    assert "`from: publication` names no list section. Did you mean 'publications'?" in text
    assert "fit_order names 'awards'" in text


def test_pinned_and_excluded_is_an_error(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, "sections:\n  talks: {pin: [a], exclude: [a]}\n")
    assert "a is both pinned and excluded" in found


def test_extends_merges_sections_by_name(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    write(
        profiles,
        "base",
        "description: Base\nlanguage: de\npage_limit: 2\nsections:\n"
        "  talks: {limit: 3}\n  awards: all\n  skills: all\n",
    )
    write(profiles, "child", "extends: base\nsections:\n  talks: {limit: 5}\n  skills: null\n")
    loaded = load_profile("child", cwd=tmp_path)
    profile = loaded.profile
    assert profile.name == "child"
    assert (profile.language, profile.page_limit, profile.description) == ("de", 2, "Base")
    assert list(profile.rules()) == ["talks", "awards"]
    assert profile.rules()["talks"].limit == 5


def test_extends_cycle_and_missing_parent(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    write(profiles, "a", "extends: b\n")
    write(profiles, "b", "extends: a\n")
    with pytest.raises(ProblemsError, match="makes a cycle"):
        load_profile("a", cwd=tmp_path)
    write(profiles, "c", "extends: nowhere\n")
    with pytest.raises(ProblemsError, match="`extends: nowhere` names no profile"):
        load_profile("c", cwd=tmp_path)


def test_local_profiles_come_before_bundled_ones(tmp_path: Path) -> None:
    write(tmp_path / "profiles", "eu-horizon", "description: My own\nsections: {}\n")
    assert load_profile("eu-horizon", cwd=tmp_path).profile.description == "My own"
    assert available_profiles(tmp_path)["eu-horizon"].parent == tmp_path / "profiles"


def test_unknown_profile_suggests(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError, match="Did you mean 'eu-horizon'"):
        load_profile("eu-horrizon", cwd=tmp_path)


def test_profiles_command_lists_bundled_profiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["profiles"])
    assert result.exit_code == 0
    rows = dict(line.split(maxsplit=1) for line in result.stdout.splitlines())
    assert rows["eu-horizon"] == "Horizon Europe short profile of a key staff member (two pages)"
    assert set(rows) >= {"full-cv", "erc", "dfg", "dfg-en", "msca", "eu-horizon-part-a"}


def test_your_own_extra_fields_can_be_selected_sorted_and_listed(tmp_path: Path) -> None:
    sheet = "{name: P, section: projects, columns: {Unit: extra.unit}}"
    path = write(
        tmp_path,
        "own",
        "sections:\n  projects: {where: {extra.unit: ML}, sort: [-extra.rank]}\n"
        f"workbooks:\n  - {{output: p.xlsx, sheets: [{sheet}]}}\n",
    )
    assert load_profile(str(path), cwd=tmp_path).profile.rules()["projects"].sort == ["-extra.rank"]
    found = problems(tmp_path, "sections:\n  projects: {where: {extra.: ML}}\n")
    assert "projects entries have no field 'extra.'" in "\n".join(found)


def test_extends_finds_a_sibling_with_either_suffix(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    write(folder, "mine", "extends: base\nsections:\n  talks: all\n")
    (folder / "base.yml").write_text("description: From yml\nlanguage: de\n", encoding="utf-8")
    loaded = load_profile(str(folder / "mine.yaml"), cwd=tmp_path)
    assert (loaded.profile.description, loaded.profile.language) == ("From yml", "de")


def test_name_yaml_wins_over_name_yml_in_listing_and_lookup(tmp_path: Path) -> None:
    write(tmp_path / "profiles", "twin", "description: yaml\n")
    (tmp_path / "profiles" / "twin.yml").write_text("description: yml\n", encoding="utf-8")
    assert available_profiles(tmp_path)["twin"].suffix == ".yaml"
    assert load_profile("twin", cwd=tmp_path).profile.description == "yaml"


def test_a_problem_in_an_inherited_key_points_at_the_file_that_wrote_it(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    write(
        profiles,
        "base",
        "sections:\n  talks: all\n  awards: all\nfit_order: [talks]\n"
        "workbooks:\n  - output: t.xlsx\n    sheets:\n"
        "      - {name: Talks, section: talks, columns: {Title: title}}\n",
    )
    write(profiles, "child", "extends: base\nsections:\n  talks: null\n")
    found = problems(tmp_path, "extends: child\n")
    assert any("base.yaml:8: error: workbooks[0].sheets[0].section" in line for line in found), (
        found
    )
    assert any(
        "base.yaml:4: error: fit_order[0]: fit_order names 'talks'" in line for line in found
    ), found


def test_an_unknown_key_is_answered_with_the_key_as_files_write_it(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        "sections:\n  talks: {form: publications}\n  awards: {where: {name: {nope: x}}}\n",
    )
    assert found[0].endswith("sections.talks.form: unknown key 'form'. Did you mean 'from'?")
    assert found[1].endswith("Known keys here: contains, max, min, not")


def test_where_and_sort_name_entry_fields_only(tmp_path: Path) -> None:
    """The records' own bookkeeping (which fields the file gave) is no field to select by."""
    (found,) = problems(tmp_path, "sections:\n  talks: {sort: [model_fields_set]}\n")
    assert "cannot sort talks by 'model_fields_set': no such field" in found
