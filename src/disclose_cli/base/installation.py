"""What disclose needs from its installation beyond importable packages, checked where it is first needed."""

from __future__ import annotations

from .phrase import Phrase


class IncompleteInstallation(Exception):
    """The installation lacks a part disclose cannot run without; ``phrase`` says which and how to add it."""

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase.en)
        self.phrase = phrase


def require_libyaml(yaml_module: object) -> None:
    """PyYAML built without libyaml has no C loader: the pure-Python one is many times slower and recurses on
    nesting, so the limits on input could not hold. Say so plainly instead of failing on an attribute."""
    if hasattr(yaml_module, "CSafeLoader"):
        return
    raise IncompleteInstallation(Phrase(
        "PyYAML is installed without its C loader (libyaml), which disclose needs to read YAML safely and fast. "
        "Reinstall it from a wheel: pip install --force-reinstall --no-cache-dir --only-binary=pyyaml pyyaml "
        "(on a platform without wheels, install libyaml's development files first, e.g. apt-get install "
        "libyaml-dev, then pip install --force-reinstall --no-cache-dir pyyaml)",
        "PyYAML 安装时未带 C 语言解析器（libyaml），disclose 需要它才能安全、快速地读取 YAML 文件。"
        "请重新安装：pip install --force-reinstall --no-cache-dir --only-binary=pyyaml pyyaml"
        "（所在平台没有预编译包的，先安装 libyaml 开发文件，如 apt-get install libyaml-dev，"
        "再执行 pip install --force-reinstall --no-cache-dir pyyaml）"))
