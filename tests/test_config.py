import pytest

from workbench.config import load_config
from workbench.errors import WorkbenchError
from workbench.langs import to_bcp47, to_gettext


def test_empty_config_gives_working_defaults(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    config = load_config(tmp_path)
    assert config.source_language == "en"
    assert config.seeds_dir == tmp_path / "seeds"
    assert config.locales_dir == tmp_path / "locales"
    assert config.build_threshold == 80


def test_project_settings_are_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.workbench]\nsource-language = "en"\ntarget-languages = ["zh-CN", "ru"]\nbuild-threshold = 50\nseeds = "articles"\n'
    )
    config = load_config(tmp_path)
    assert config.target_languages == ["zh_CN", "ru"]
    assert config.build_threshold == 50
    assert config.seeds_dir == tmp_path / "articles"


@pytest.mark.parametrize(
    "body, fragment",
    [
        ('[tool.workbench]\ntarget-languages = ["qq_ZZ"]\n', "qq_ZZ"),
        ("[tool.workbench]\nbuild-threshold = 120\n", "build-threshold"),
        ("[tool.workbench]\nsurce-language = 'en'\n", "surce-language"),
        ("[tool.workbench\n", "invalid TOML"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path, body, fragment):
    (tmp_path / "pyproject.toml").write_text(body)
    with pytest.raises(WorkbenchError) as error:
        load_config(tmp_path)
    assert fragment in str(error.value) and "pyproject.toml" in str(error.value)


@pytest.mark.parametrize(
    "gettext, bcp47",
    [("zh_CN", "zh-CN"), ("ru", "ru"), ("pt_BR", "pt-BR"), ("sr@latin", "sr-Latn")],
)
def test_language_codes_convert_both_ways(gettext, bcp47):
    assert to_bcp47(gettext) == bcp47
    assert to_gettext(bcp47) == gettext
