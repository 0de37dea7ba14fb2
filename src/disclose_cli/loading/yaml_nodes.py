"""Positions of a YAML document's nodes, found on the error path only by composing the file again."""

from __future__ import annotations

import yaml

from .yaml_loaders import MERGE_TAG as _MERGE


class NodeIndex:
    """Positions of the nodes of a composed document, looked up by a path of keys and indexes."""

    def __init__(self, text: str) -> None:
        try:
            self.root = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            self.root = None

    def mark(self, loc: tuple[str | int, ...], at_key: bool = False) -> yaml.Mark | None:
        node = self.root
        if node is None:
            return None
        mark = node.start_mark
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                pair = _find_pair(node, part)
                if pair is None:
                    break
                key_node, node = pair
                mark = key_node.start_mark if at_key else node.start_mark
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        return mark


def _find_pair(node: yaml.MappingNode, key: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    wanted = str(key)
    merged: list[yaml.Node] = []
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if key_node.tag == _MERGE:
                merged.extend(value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node])
            elif key_node.value == wanted:
                return key_node, value_node
    for source in merged:
        if isinstance(source, yaml.MappingNode):
            pair = _find_pair(source, key)
            if pair is not None:
                return pair
    return None
