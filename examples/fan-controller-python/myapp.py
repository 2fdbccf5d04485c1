#!/usr/bin/env python3
# myapp.py: the application of the fan-controller example, in Python
#
# Kervi's "process distribution" example with modules in two languages.
# The module folders next to this script, listed in myapp.conf, each run in
# their own process:
#   sensors/      the CPU load sensor "cpu_load", in C (sensors.so)
#   controllers/  the fan controller "fan_controller", in Python
# This process defines the application-wide actions app_main and app_exit,
# which switch the fan controller on and off, wherever it runs.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import gi

gi.require_version("Kervi", "1.0")
from gi.repository import Kervi  # noqa: E402

app = Kervi.Application("fan-controller", "Fan controller")


@app.action(name="Start")
def app_main():
    # The id decides where the action runs: in the controllers process.
    Kervi.Actions["fan_controller.activate"].call_async(True)


@app.action(name="Stop")
def app_exit():
    # The application lets this call arrive before it stops the modules.
    Kervi.Actions["fan_controller.activate"].call_async(False)


# Module folders and myapp.conf are found next to this script.
sys.exit(app.run())
