"""The apps import each other in one direction only: every import between the project's
modules (lazy ones inside functions included) is read from the source, and the apps
must form no cycle, apart from the one documented call from documents to search
(documents/search_sync.py). A newcomer can then read an app knowing that nothing
below it imports it back."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# The project package's entry points import the apps; its other modules are shared pieces
# (append_only, converters, requests, ...) that apps may import.
ENTRY_POINTS = {"__init__", "urls", "sitemaps", "errors", "wsgi", "asgi", "celery", "settings", "env", "api_schema"}
ALLOWED = {("documents", "search")}  # documents/search_sync.py keeps the index in step


def _apps() -> set[str]:
    return {path.parent.name for path in ROOT.glob("*/apps.py")}


def _unit(module: str, apps: set[str]) -> str | None:
    top, _, rest = module.partition(".")
    if top == "xujing_portal":
        return "xujing_portal (entry points)" if rest.split(".")[0] in ENTRY_POINTS else "xujing_portal"
    return top if top in apps else None


def _imports(path: Path) -> set[str]:
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def app_graph() -> dict[str, set[str]]:
    apps = _apps()
    graph: dict[str, set[str]] = defaultdict(set)
    for path in ROOT.glob("*/**/*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] not in apps | {"xujing_portal"} or "tests" in parts or "migrations" in parts:
            continue
        source = _unit(".".join(path.relative_to(ROOT).with_suffix("").parts), apps)
        for module in _imports(path):
            target = _unit(module, apps)
            if target and target != source and (source, target) not in ALLOWED:
                graph[source].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = 2
        path.pop()
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_apps_import_each_other_in_one_direction():
    cycle = _cycle(app_graph())
    assert not cycle, "import cycle between apps: " + " → ".join(cycle)


def test_the_checker_sees_a_cycle_when_there_is_one():
    graph = app_graph()
    assert "search" in graph["interpretations"]  # a real edge the walk must find
    graph["search"].add("interpretations")  # as if search imported an app built on it
    assert _cycle(graph)
