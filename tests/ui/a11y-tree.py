#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print what a screen reader gets from a running process: its AT-SPI tree as JSON.

usage: a11y-tree.py PID [WINDOW]

Reads the tree through the accessibility bus, as Orca does (GTK 4.8's gtk_accessible_* calls
only write), so the names are the ones GTK computes: a label, a labelled-by relation, or the
widget's own text. Each object is {"role", "name", "description", "children"}; only objects
on screen (GTK 4.8 sets no SHOWING state below a window and presents the pages a stack does
not show: those have no size). With WINDOW, only the windows of that name. Run by
tests/ui/test-a11y.c, which keeps the application's main loop running while this reads.
"""

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

MAX_DEPTH = 80


def find_application(pid, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except gi.repository.GLib.Error:
                continue
        time.sleep(0.1)
    return None


def describe(acc, depth):
    # A stack's page is not a widget and has no extents; the widget in it has.
    if depth > 1 and acc.get_component_iface() is not None:
        extents = acc.get_extents(Atspi.CoordType.WINDOW)
        if extents.width <= 0 or extents.height <= 0:
            return None
    node = {
        "role": acc.get_role_name(),
        "name": acc.get_name() or "",
        "description": acc.get_description() or "",
        "children": [],
    }
    if depth < MAX_DEPTH:
        for i in range(acc.get_child_count()):
            child = acc.get_child_at_index(i)
            if child is None:
                continue
            described = describe(child, depth + 1)
            if described is not None:
                node["children"].append(described)
    return node


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    app = find_application(int(sys.argv[1]))
    if app is None:
        print("a11y-tree: the process is not on the accessibility bus", file=sys.stderr)
        return 1
    # The application's own windows; each is walked whether the window manager shows it or not.
    windows = []
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None and (len(sys.argv) == 2 or window.get_name() == sys.argv[2]):
            windows.append(describe(window, 1))
    json.dump({"role": "application", "name": app.get_name() or "", "description": "",
               "children": windows}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
