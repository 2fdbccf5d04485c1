# gi-test-app.py: the Python application the GObject Introspection tests run
#
# Its modules come from the configuration file the test writes. It has the
# application-wide actions add (ii) -> i and app_main, which sets the C
# module's level to 5 once every module is ready.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import gi

gi.require_version("Kervi", "1.0")
from gi.repository import Kervi  # noqa: E402

app = Kervi.Application("kervi-gi-test", "Kervi GI test")


@app.action
def add(a: int, b: int) -> int:
    return a + b


@app.action
def app_main():
    if "cside" in app.get_modules():
        Kervi.Actions.get("cside.set_level", "d").call_async(5)


sys.exit(app.run())
