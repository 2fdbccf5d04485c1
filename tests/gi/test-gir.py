# test-gir.py: the Kervi-1.0 GIR is complete and the typelib loads
#
# The build fails on any g-ir-scanner warning (fatal_warnings); this checks
# what the scanner does not warn about: every public symbol introspectable
# and documented, and every class, function and constant of the typelib
# usable from Python.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys
import unittest
import xml.etree.ElementTree as ElementTree

import kervitest

import gi

gi.require_version("GIRepository", "2.0")
from gi.repository import GIRepository, GObject, Kervi  # noqa: E402

CORE = "{http://www.gtk.org/introspection/core/1.0}"
C = "{http://www.gtk.org/introspection/c/1.0}"
GLIB = "{http://www.gtk.org/introspection/glib/1.0}"

GIR_FILE = sys.argv[1]
CALLABLES = ("function", "method", "constructor", "virtual-method")


class TestGir(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.namespace = ElementTree.parse(GIR_FILE).getroot().find(CORE + "namespace")

    def elements(self, *tags):
        return [e for e in self.namespace.iter() if e.tag in [CORE + tag for tag in tags]]

    def test_namespace(self):
        self.assertEqual(self.namespace.get("name"), "Kervi")
        self.assertEqual(self.namespace.get("version"), "1.0")
        self.assertEqual(self.namespace.get("shared-library"), "libkervi-glib-1.0.so.0")

    def test_everything_introspectable(self):
        hidden = [
            e.get(C + "identifier") or e.get("name")
            for e in self.elements(*CALLABLES, "property", "field", "callback")
            if e.get("introspectable") == "0"
        ]
        self.assertEqual(hidden, [])

    def test_everything_documented(self):
        # A getter documented by its Returns: line alone is documented.
        def documented(element):
            return_value = element.find(CORE + "return-value")
            return element.find(CORE + "doc") is not None or (
                return_value is not None and return_value.find(CORE + "doc") is not None
            )

        undocumented = [
            e.get(C + "identifier") or e.get("name")
            for e in self.elements("class", "enumeration", "function", "method", "constructor")
            if not documented(e)
        ]
        self.assertEqual(undocumented, [])
        parameters = [
            "%s (%s)" % (e.get("name"), e.get(C + "identifier"))
            for e in self.elements(*CALLABLES)
            for p in e.iter(CORE + "parameter")
            if p.find(CORE + "doc") is None
        ]
        self.assertEqual(parameters, [])

    def test_error_domains(self):
        domains = {
            e.get("name"): e.get(GLIB + "error-domain") for e in self.elements("enumeration")
        }
        self.assertEqual(domains["Error"], "kervi-error-quark")
        self.assertEqual(domains["ConfigError"], "kervi-config-error-quark")
        self.assertEqual(domains["DriverError"], "kervi-driver-error-quark")
        self.assertEqual(domains["ProcessError"], "kervi-process-error-quark")

    def test_typelib_loads(self):
        repository = GIRepository.Repository.get_default()
        self.assertIn("Kervi", repository.get_loaded_namespaces())
        self.assertTrue(repository.get_typelib_path("Kervi").endswith("Kervi-1.0.typelib"))
        for index in range(repository.get_n_infos("Kervi")):
            info = repository.get_info("Kervi", index)
            if info.get_type() == GIRepository.InfoType.CALLBACK:
                continue  # only as arguments in Python
            with self.subTest(name=info.get_name()):
                attribute = getattr(Kervi, info.get_name())
                if isinstance(attribute, type) and issubclass(attribute, GObject.Object):
                    self.assertEqual(attribute.__gtype__.name, "Kervi" + info.get_name())


if __name__ == "__main__":
    kervitest.main()
