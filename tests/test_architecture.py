"""The house rules of docs/architecture.md, read off the import graph of portal/ and jobs/.

Every import counts, also one inside a function: a lazy import hides a dependency, it does not
remove it. A package's own modules may import each other (a blueprint package's __init__ defines
`bp` and imports its route modules, which import `bp` back); packages may not form a cycle.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP_FACTORY = "portal"  # portal/__init__.py: create_app, which registers every area


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for top in ("portal", "jobs") for p in (ROOT / top).rglob("*.py")}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules (or external top-level packages) a module imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def package_of(module: str, known: dict) -> str:
    """The node a module counts for: its package (folder); a top-level module of portal/ counts for
    itself (portal/extensions.py is not portal/__init__.py, the app factory)."""
    if module == APP_FACTORY or module.count(".") == 1 and module.startswith("portal."):
        return module
    is_package = (ROOT / module.replace(".", "/") / "__init__.py").exists()
    return module if is_package else module.rpartition(".")[0]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return result


def test_the_graph_is_read(graph):
    """A guard for the rules below: they must see the real imports, or they prove nothing."""
    assert "portal.services.dossiers.submission" in graph
    assert "portal.domain.dossier_states" in graph["portal.services.dossiers.submission"]
    assert "portal.queue" in graph["jobs.enqueue"]


def test_portal_never_imports_jobs(graph):
    """The worker builds on the portal: jobs/ imports portal/, never the other way round."""
    offending = {name: sorted(d for d in deps if d == "jobs" or d.startswith("jobs."))
                 for name, deps in graph.items() if name.split(".")[0] == "portal"}
    assert {name: deps for name, deps in offending.items() if deps} == {}


@pytest.mark.parametrize("forbidden", ["flask", "flask_wtf", "sqlalchemy", "flask_sqlalchemy", "wtforms", "rq", "redis"])
def test_domain_is_pure(graph, forbidden):
    """portal/domain holds the rules as pure functions: no web framework, no database, no queue,
    and nothing of the portal outside the domain."""
    for name, deps in graph.items():
        if not name.startswith("portal.domain"):
            continue
        assert not any(d == forbidden or d.startswith(forbidden + ".") for d in deps), (name, forbidden)
        assert all(d.startswith("portal.domain") for d in deps if d.startswith("portal")), name


@pytest.mark.parametrize("lower, higher", [
    ("portal.services", "portal.applicant"),
    ("portal.services", "portal.staff"),
    ("portal.applicant", "portal.staff"),
    ("portal.staff", "portal.applicant"),
    ("portal.models", "portal.services"),
    ("portal.auth", "portal.applicant"),
    ("portal.auth", "portal.staff"),
])
def test_layers(graph, lower, higher):
    """Who may import whom (docs/architecture.md): the shared services never import a side, and
    the applicant and staff sides never import each other."""
    offending = sorted((name, dep) for name, deps in graph.items() if name.startswith(lower)
                       for dep in deps if dep == higher or dep.startswith(higher + "."))
    assert offending == []


def test_no_import_cycle_between_packages(graph):
    """A cycle between packages is a knot the next feature has to untie first."""
    edges: dict[str, set[str]] = {}
    for name, deps in graph.items():
        source = package_of(name, graph)
        for dep in deps:
            if dep in graph:
                target = package_of(dep, graph)
                if target != source:
                    edges.setdefault(source, set()).add(target)
    assert cycles(edges) == []


def test_no_import_cycle_between_modules(graph):
    """Nor between modules, except a blueprint package and its own route modules (the package
    defines `bp`, its routes import it back)."""
    edges = {name: {dep for dep in deps if dep in graph and not dep.startswith(name + ".")
                    and not name.startswith(dep + ".")}
             for name, deps in graph.items()}
    assert cycles(edges) == []


def test_cycles_are_found():
    """The cycle finder itself finds a cycle, and only a real one."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_route_registered_by_a_side_effect_import(graph):
    """Each blueprint is defined in its package's __init__.py, which imports its route modules;
    create_app registers blueprints and imports no route module for its side effect."""
    blueprints = {name for name, path in modules().items()
                  if path.name == "__init__.py" and "Blueprint(" in path.read_text()}
    assert blueprints == {"portal.auth", "portal.health", "portal.applicant.tiles", "portal.applicant.wizard",
                          "portal.applicant.dossiers", "portal.applicant.signing", "portal.applicant.users", "portal.staff"}
    for name, path in modules().items():
        text = path.read_text()
        if "Blueprint(" in text:
            assert name in blueprints, f"{name} defines a blueprint outside a package's __init__.py"
    routes_imported_by_factory = {d for d in graph[APP_FACTORY] if d.count(".") > 2}
    assert routes_imported_by_factory == set()


def test_one_staff_area_under_one_url_prefix(app):
    """Every back-office page is served by the one staff blueprint, under /backoffice."""
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/backoffice"):
            assert rule.endpoint.startswith("staff."), rule
        if rule.endpoint.startswith("staff."):
            assert rule.rule.startswith("/backoffice"), rule


def test_every_page_template_extends_the_base_itself():
    """An htmx request gets only a page's `content` block (portal.templating.page, which renders the
    block of the named template): a page that extends another page has no such block of its own, and
    that request failed with a 500 (the VOP receipt did). Pages extend base.html; a page that adds to
    another includes a partial instead."""
    extending = {}
    for path in (ROOT / "templates").rglob("*.html"):
        first = path.read_text().lstrip().split("\n", 1)[0]
        if first.startswith("{% extends"):
            extending[str(path.relative_to(ROOT / "templates"))] = first
    pages = {name: line for name, line in extending.items() if not name.startswith("mail/")}
    assert pages and all(line == '{% extends "base.html" %}' for line in pages.values()), {
        name: line for name, line in pages.items() if line != '{% extends "base.html" %}'}
