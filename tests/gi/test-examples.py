# test-examples.py: the fan-controller examples in Python and GJS run
#
# Each starts the example's application from the build tree, with its C
# sensors module and its Python or GJS controllers module, and checks that
# app_main reached the controller and that the fan follows the temperature
# across the processes, with Kervi's rule.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import unittest

import kervitest
from kervitest import KerviApp

from gi.repository import GLib

EXAMPLES = os.environ["KERVI_GI_TEST_EXAMPLES"]


class FanControllerExample:
    argv = None

    def test_fan_follows_temperature(self):
        # No module-dir: the application finds the module folders next to
        # its script (Kervi.Application:program).
        with KerviApp(self.argv, ["sensors", "controllers"]) as app:
            app.start()
            # app_main activated the controller in the other process.
            self.assertTrue(app.wait_output("Fan controller activated"), app.output)
            self.assertEqual(
                app.get_property(
                    "org.kervi.Module.controllers",
                    "/org/kervi/component/fan_controller/temp",
                    "org.kervi.Value",
                    "Input",
                ),
                True,
            )

            def set_temp(temp):
                return lambda: app.call(
                    "org.kervi.Module.controllers",
                    "/org/kervi/component/fan_controller/temp",
                    "org.kervi.Value",
                    "Set",
                    GLib.Variant("(v)", (GLib.Variant("d", temp),)),
                )

            speed = "fan_controller.fan_speed"
            self.assertTrue(app.wait_value("controllers", speed, 62.5, after=set_temp(50.0)))
            self.assertTrue(app.wait_value("controllers", speed, 100.0, after=set_temp(120.0)))

            # Deactivated: the fan stops whatever the temperature.
            self.assertTrue(
                app.wait_value(
                    "controllers",
                    speed,
                    0.0,
                    after=lambda: app.call_action(
                        "controllers", "fan_controller.activate", False, signature="b"
                    ),
                )
            )


class TestPythonExample(FanControllerExample, unittest.TestCase):
    argv = [
        os.environ["KERVI_GI_PYTHON"],
        os.path.join(EXAMPLES, "fan-controller-python", "myapp.py"),
    ]


@unittest.skipUnless(os.environ.get("KERVI_GI_GJS"), "gjs is not installed")
class TestGjsExample(FanControllerExample, unittest.TestCase):
    argv = [
        os.environ.get("KERVI_GI_GJS", "gjs"),
        "-m",
        os.path.join(EXAMPLES, "fan-controller-gjs", "myapp.js"),
    ]


if __name__ == "__main__":
    kervitest.main()
