# controllers: the controllers module of the fan-controller example, in Python
#
# The application runs this package in its own process. The fan controller
# has an input "temp" (0..150 °C) that follows the CPU load sensor of the
# sensors module (written in C) by id alone, across the process boundary,
# an output "fan_speed" (0..100 %), and an action "activate (b)". Kervi's
# rule: inactive -> 0; temp <= 20 -> 0; else min(100, temp / 80 * 100).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import gi

gi.require_version("Kervi", "1.0")
from gi.repository import Kervi  # noqa: E402


def fan_speed_for(active, temp):
    if not active or temp <= 20:
        return 0.0
    return min(100.0, temp / 80 * 100)


class FanController(Kervi.Controller):
    def __init__(self):
        super().__init__("fan_controller", "Fan controller")
        self.active = False
        self.fan_speed = self.outputs.add("fan_speed", "Fan speed", min=0, max=100, unit="%")
        # By id only: the sensor lives in another process, and may start later.
        self.temp = self.inputs.add(
            "temp", "Temperature", min=0, max=150, unit="°C", link_to="cpu_load"
        )

    def do_input_changed(self, changed_input):
        self.update()

    @Kervi.action(name="Activate")
    def activate(self, active: bool):
        print("Fan controller", "activated" if active else "deactivated")
        self.active = active
        self.update()

    def update(self):
        self.fan_speed.value = fan_speed_for(self.active, self.temp.value)


# The process keeps the controller alive.
FanController()
