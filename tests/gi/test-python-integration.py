# test-python-integration.py: Python and C modules in one real application
#
# Each test starts the Python test application (gi-test-app.py) with real
# module processes: cside (C), pyside (Python), pybroken (Python, raises at
# import), on their own private bus, and talks to them as gdbus would.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import subprocess
import unittest
import xml.etree.ElementTree as ElementTree

import kervitest
from kervitest import KerviApp, component_path

from gi.repository import Gio, GLib

PYTHON = os.environ["KERVI_GI_PYTHON"]
APP = os.environ["KERVI_GI_TEST_APP"]
MODULES = os.environ["KERVI_GI_TEST_MODULES"]


def start(*modules):
    return KerviApp([PYTHON, APP], modules, MODULES)


def remote_error(error):
    return Gio.DBusError.get_remote_error(error)


class TestMixedModules(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.app = start("cside", "pyside").start()

    @classmethod
    def tearDownClass(cls):
        cls.app.stop()

    def test_module_on_bus(self):
        kind = self.app.get_property(
            "org.kervi.Module.pyside", "/org/kervi/module", "org.kervi.Module", "Kind"
        )
        self.assertEqual(kind, "python")
        reply = self.app.call(
            "org.kervi.Module.pyside",
            "/org/kervi",
            "org.freedesktop.DBus.ObjectManager",
            "GetManagedObjects",
            reply_type="(a{oa{sa{sv}}})",
        )
        objects = reply.unpack()[0]
        component = objects[component_path("pyside")]["org.kervi.Component"]
        self.assertEqual(component["Module"], "pyside")
        self.assertEqual(component["Type"], "controller")
        level = objects[component_path("pyside") + "/level"]["org.kervi.Value"]
        self.assertTrue(level["Input"])
        self.assertEqual(level["Max"], 100)

    def test_action_signatures_in_introspection(self):
        reply = self.app.call(
            "org.kervi.Module.pyside",
            component_path("pyside"),
            "org.freedesktop.DBus.Introspectable",
            "Introspect",
            reply_type="(s)",
        )
        node = ElementTree.fromstring(reply.unpack()[0])
        interface = node.find("interface[@name='org.kervi.Actions']")
        methods = {
            method.get("name"): [(arg.get("direction", "in"), arg.get("type")) for arg in method]
            for method in interface.findall("method")
        }
        self.assertEqual(methods["echo"], [("in", "s"), ("out", "s")])
        self.assertEqual(methods["set_target"], [("in", "d")])
        self.assertEqual(methods["fail"], [])

    def test_value_from_c_to_python(self):
        # app_main (in Python) set cside.level to 5 once the modules were up.
        self.assertTrue(self.app.wait_value("pyside", "pyside.double", 10.0))
        self.app.call_action("cside", "cside.set_level", 21.0, signature="d")
        self.assertTrue(self.app.wait_value("pyside", "pyside.double", 42.0))

    def test_value_from_python_to_c(self):
        self.app.call_action("pyside", "pyside.set_target", 64.0, signature="d")
        self.assertTrue(self.app.wait_value("cside", "cside.from_python", 64.0))

    def test_c_calls_python(self):
        answer = self.app.call_action("cside", "cside.ask", "pyside", "hello", signature="ss")
        self.assertEqual(answer, ("python: hello",))

    def test_python_calls_c(self):
        answer = self.app.call_action("pyside", "pyside.ask_c", "hello", signature="s")
        self.assertEqual(answer, ("c: hello",))

    def test_python_action_fails(self):
        with self.assertRaises(GLib.Error) as raised:
            self.app.call_action("pyside", "pyside.fail")
        self.assertEqual(remote_error(raised.exception), "org.kervi.Error.ActionFailed")
        self.assertIn("too hot to handle", raised.exception.message)
        # Failed, not crashed: the module still answers.
        answer = self.app.call_action("pyside", "pyside.echo", "x", signature="s")
        self.assertEqual(answer, ("python: x",))

    def test_python_action_wrong_arguments(self):
        with self.assertRaises(GLib.Error) as raised:
            self.app.call_action("pyside", "pyside.set_target", "high", signature="s")
        self.assertIn(
            remote_error(raised.exception),
            ("org.kervi.Error.InvalidArgs", "org.freedesktop.DBus.Error.InvalidArgs"),
        )

    def test_python_application_action(self):
        reply = self.app.call(
            "org.kervi.App",
            "/org/kervi/app",
            "org.kervi.Actions",
            "add",
            GLib.Variant("(ii)", (2, 40)),
        )
        self.assertEqual(reply.unpack(), (42,))


class TestModuleFailures(unittest.TestCase):
    def test_python_module_raises(self):
        with start("cside", "pybroken") as app:
            status = app.wait_exit()
            self.assertEqual(status, 1, app.output)
            self.assertIn("Module 'pybroken' failed to start", app.output)
            self.assertIn("Traceback (most recent call last):", app.output)
            self.assertIn("RuntimeError: pybroken: no fan attached", app.output)
            self.assertIn("pybroken/__init__.py raised while loading", app.output)
            # The traceback reaches the log as lines of the module.
            self.assertTrue(
                any(line.startswith("pybroken") and "Traceback" in line for line in app.lines),
                app.output,
            )

    def test_host_without_package(self):
        host = os.environ["KERVI_MODULE_HOST_PYTHON"]
        result = subprocess.run(
            [host, "--id", "cside", "--path", os.path.join(MODULES, "cside")],
            capture_output=True,
            text=True,
            timeout=kervitest.TIMEOUT,
        )
        self.assertEqual(result.returncode, 1)
        self.assertIn("module 'cside': no __init__.py in", result.stderr)


if __name__ == "__main__":
    kervitest.main()
