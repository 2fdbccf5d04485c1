# pyside: the Python module of the GObject Introspection tests
#
# Component "pyside": input "level" follows "cside.level" (a C module);
# output "double" is twice the level; output "target" is set by the action
# set_target, and the C module follows it. Actions: echo (s) -> s,
# ask_c (s) -> s, which calls "cside.echo" in the C module, set_target (d),
# and fail (), which raises.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import gi

gi.require_version("Kervi", "1.0")
from gi.repository import Kervi  # noqa: E402


class PySide(Kervi.Controller):
    def __init__(self):
        super().__init__("pyside", "Python side")
        self.double = self.outputs.add("double", "Double", min=0, max=200)
        self.target = self.outputs.add("target", "Target", min=0, max=100)
        self.level = self.inputs.add("level", "Level", min=0, max=100, link_to="cside.level")

    def do_input_changed(self, changed_input):
        self.double.value = 2 * self.level.value

    @Kervi.action
    def echo(self, text: str) -> str:
        return "python: " + text

    @Kervi.action(name="Ask the C module")
    def ask_c(self, text: str) -> str:
        return Kervi.Actions["cside.echo"](text)

    @Kervi.action
    def set_target(self, target: float):
        self.target.value = target

    @Kervi.action
    def fail(self):
        raise ValueError("too hot to handle")


PySide()
