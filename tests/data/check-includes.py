#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fail when the sources under src/ include each other in a cycle.

usage: tests/data/check-includes.py SOURCE_ROOT

Every folder of src/ is on the include path, so `#include "polku-store.h"` names a file by
its name alone; this resolves such includes to the files under src/ (a name that is not
there, such as config.h or a generated header, is left out).

A module is a .c file with the headers of the same name: polku-foo.c, polku-foo.h and
polku-foo-private.h are the module polku-foo. A header without a .c of its own name (one that
several files of a module share, such as polku-window-internal.h) belongs to no module: what
it includes counts for the file that includes it. Module A depends on module B when a file
of A includes a header of B. A cycle of such dependencies (polku-a.c includes polku-b.h while
polku-b.c includes polku-a.h), or headers that include each other, means that neither side
can be read, built on or moved without the other: each cycle is listed with the includes
that make it, and the check fails.

Stdlib only, so any python3 will do.
"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def module_of(name):
    """polku-foo.c, polku-foo.h and polku-foo-private.h: polku-foo."""
    stem = os.path.splitext(name)[0]
    if stem.endswith("-private"):
        stem = stem[: -len("-private")]
    return stem


def read_includes(src):
    """{relative path: [included names]} for the .c and .h files under @src."""
    includes = {}
    for folder, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = COMMENT.sub("", f.read())
            includes[os.path.relpath(path, os.path.dirname(src))] = INCLUDE.findall(text)
    return includes


def file_graph(includes):
    """{file: {file it includes: "file includes file"}}, for the files under src/."""
    by_name = {}
    for path in includes:
        by_name.setdefault(os.path.basename(path), []).append(path)

    graph = {}
    for path, names in includes.items():
        edges = graph.setdefault(path, {})
        for name in names:
            for target in by_name.get(name, []):
                if target != path:
                    edges[target] = "%s includes %s" % (path, target)
    return graph


def module_graph(files):
    """{module: {module it depends on: how (the first include chain found)}}."""
    with_c = {module_of(os.path.basename(p)) for p in files if p.endswith(".c")}

    def owner(path):
        module = module_of(os.path.basename(path))
        return module if module in with_c else None

    graph = {}
    for path in sorted(files):
        source = owner(path)
        if source is None:
            continue
        edges = graph.setdefault(source, {})
        # Through the headers that belong to no module, to the modules they lead to.
        seen = {path}
        pending = [(path, [])]
        while pending:
            current, chain = pending.pop(0)
            for target in sorted(files[current]):
                if target in seen:
                    continue
                seen.add(target)
                how = chain + [files[current][target]]
                module = owner(target)
                if module is None:
                    pending.append((target, how))
                elif module != source and module not in edges:
                    edges[module] = ", ".join(how)
    return graph


def strongly_connected(graph):
    """Tarjan's algorithm, without recursion: the components of more than one module."""
    index = {}
    low = {}
    on_stack = set()
    stack = []
    components = []
    counter = 0

    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, {}))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, {})))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def one_cycle(graph, component):
    """A shortest cycle through the first module of @component, as a list of modules."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph.get(node, {})):
            if child not in members:
                continue
            if child == start:
                return paths[node] + [start]
            if child not in paths:
                paths[child] = paths[node] + [child]
                queue.append(child)
    return component + [start]


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    src = os.path.join(root, "src")
    if not os.path.isdir(src):
        print("check-includes: no src/ folder in %s" % root, file=sys.stderr)
        return 2

    files = file_graph(read_includes(src))
    graph = module_graph(files)
    components = []
    for g in (files, graph):
        for component in strongly_connected(g):
            cycle = one_cycle(g, component)
            print("Include cycle: %s" % " -> ".join(cycle))
            for a, b in zip(cycle, cycle[1:]):
                print("  %s" % g[a][b])
            components.append(component)
    if components:
        print("%d include cycle(s) in src/: move the declaration that one side needs into "
              "the header where it belongs (often a -private.h), or drop an unused include."
              % len(components))
        return 1
    print("No include cycles among %d modules in src/." % len(graph))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
