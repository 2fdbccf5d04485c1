# kervitest.py: what the Python tests of Kervi-1.0 share
#
# A unittest runner that speaks TAP (meson test's protocol: 'tap'), waiting
# on the GLib main loop with a timeout instead of sleeping, and KerviApp,
# which starts a real Kervi application (its own XDG_RUNTIME_DIR, so its
# own dbus-daemon and module processes) and talks to it over the bus as a
# gdbus user would.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil
import sys
import tempfile
import traceback
import unittest

import gi

gi.require_version("Gio", "2.0")
gi.require_version("Kervi", "1.0")
from gi.repository import Gio, GLib  # noqa: E402

START_TIMEOUT = 30
TIMEOUT = 10


def wait_for(condition, timeout=TIMEOUT):
    """Iterates the main context until condition() holds or @timeout seconds
    pass. Returns condition()."""
    context = GLib.MainContext.default()
    timed_out = False

    def on_timeout():
        nonlocal timed_out
        timed_out = True
        return GLib.SOURCE_REMOVE

    source_id = GLib.timeout_add(int(timeout * 1000), on_timeout)
    while not condition() and not timed_out:
        context.iteration(True)
    if not timed_out:
        GLib.source_remove(source_id)
    return condition()


# TAP


class _TapResult(unittest.TestResult):
    """Prints one TAP line per test, when it ends, with its failures and
    those of its subtests as diagnostics."""

    def __init__(self):
        super().__init__()
        self.number = 0
        self._problems = []
        self._directive = ""

    def startTest(self, test):
        super().startTest(test)
        self._problems = []
        self._directive = ""

    def stopTest(self, test):
        super().stopTest(test)
        self.number += 1
        ok = "not ok" if self._problems else "ok"
        print("%s %d - %s%s" % (ok, self.number, test.id(), self._directive))
        for problem in self._problems:
            for line in problem.rstrip().splitlines():
                print("# " + line)
        sys.stdout.flush()

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._problems.append(self.failures[-1][1])

    def addError(self, test, err):
        super().addError(test, err)
        self._problems.append(self.errors[-1][1])

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._problems.append("%s:\n%s" % (subtest.id(), self._exc_info_to_string(err, test)))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._directive = " # SKIP " + reason

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._directive = " # TODO expected failure"

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._problems.append("unexpected success")


def main():
    """Runs the tests of the calling script and prints TAP."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules["__main__"])
    print("1..%d" % suite.countTestCases())
    sys.stdout.flush()
    result = _TapResult()
    try:
        suite.run(result)
    except Exception:
        print("Bail out! " + traceback.format_exc().splitlines()[-1])
        sys.exit(1)
    sys.exit(0 if result.wasSuccessful() else 1)


# A real application


def component_path(component_id):
    return "/org/kervi/component/" + component_id


def value_path(global_id):
    component_id, _, value_id = global_id.partition(".")
    return component_path(component_id) + ("/" + value_id if value_id else "")


class KerviApp:
    """A real Kervi application, started from @argv with a configuration
    file listing @modules from @module_dir (None: next to the program),
    without the dashboard."""

    def __init__(self, argv, modules, module_dir=None):
        self.root = tempfile.mkdtemp(prefix="kervi-gi-test-")
        self.config = os.path.join(self.root, "app.conf")
        with open(self.config, "w") as config:
            config.write("[application]\nmodules=%s\n" % ";".join(modules))
            if module_dir is not None:
                config.write("module-dir=%s\n" % module_dir)
            config.write("[dashboard]\nenabled=false\n")
        self.lines = []
        self.bus_address = None
        self.connection = None
        self.exited = False
        self.output_closed = False

        launcher = Gio.SubprocessLauncher.new(
            Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_MERGE
        )
        launcher.setenv("XDG_RUNTIME_DIR", self.root, True)
        # Criticals in the application must be visible, not fatal to it.
        launcher.unsetenv("G_DEBUG")
        self.process = launcher.spawnv(list(argv) + ["-c", self.config])
        self.process.wait_async(None, self._on_exit)
        self._read_line(Gio.DataInputStream.new(self.process.get_stdout_pipe()))

    def _read_line(self, stream):
        stream.read_line_async(GLib.PRIORITY_DEFAULT, None, self._on_line)

    def _on_line(self, stream, result):
        line, _length = stream.read_line_finish_utf8(result)
        if line is None:
            self.output_closed = True
            return
        self.lines.append(line)
        if os.environ.get("KERVI_TEST_VERBOSE"):
            print("# app: " + line)
        marker = "is running. Bus: "
        if marker in line and self.bus_address is None:
            self.bus_address = line.split(marker, 1)[1].strip()
        self._read_line(stream)

    def _on_exit(self, process, result):
        process.wait_finish(result)
        self.exited = True

    @property
    def output(self):
        return "\n".join(self.lines)

    def start(self):
        """Waits until the application runs and connects to its bus."""
        if not wait_for(lambda: self.bus_address or self.exited, START_TIMEOUT):
            raise AssertionError("the application did not start:\n" + self.output)
        if self.bus_address is None:
            raise AssertionError("the application exited:\n" + self.output)
        self.connection = Gio.DBusConnection.new_for_address_sync(
            self.bus_address,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
            None,
            None,
        )
        self.connection.set_exit_on_close(False)
        return self

    def wait_exit(self, timeout=START_TIMEOUT):
        """The exit status, or None if the application still runs."""
        if not wait_for(lambda: self.exited, timeout):
            return None
        wait_for(lambda: self.output_closed, TIMEOUT)
        if self.process.get_if_exited():
            return self.process.get_exit_status()
        return 128 + self.process.get_term_sig()

    def stop(self):
        if not self.exited:
            self.process.send_signal(15)
            if self.wait_exit(TIMEOUT) is None:
                self.process.force_exit()
                self.wait_exit(TIMEOUT)
        # The bus goes away with the application, closing the connection.
        if self.connection is not None:
            try:
                self.connection.close_sync(None)
            except GLib.Error as error:
                if not error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CLOSED):
                    raise
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

    # Talking to it

    def call(self, bus_name, path, interface, method, args=None, reply_type=None):
        return self.connection.call_sync(
            bus_name,
            path,
            interface,
            method,
            args,
            GLib.VariantType(reply_type) if reply_type else None,
            Gio.DBusCallFlags.NONE,
            TIMEOUT * 1000,
            None,
        )

    def call_action(self, module, action_id, *args, signature=""):
        """Calls @action_id (`component.action`) of @module as gdbus would,
        and returns the unpacked reply."""
        component_id, _, method = action_id.partition(".")
        reply = self.call(
            "org.kervi.Module." + module,
            component_path(component_id),
            "org.kervi.Actions",
            method,
            GLib.Variant("(%s)" % signature, args),
        )
        return reply.unpack()

    def get_property(self, bus_name, path, interface, name):
        reply = self.call(
            bus_name,
            path,
            "org.freedesktop.DBus.Properties",
            "Get",
            GLib.Variant("(ss)", (interface, name)),
            "(v)",
        )
        return reply.unpack()[0]

    def wait_value(self, module, global_id, wanted, after=None, timeout=TIMEOUT):
        """Waits for the value @global_id of @module to be @wanted: its
        current value, or one its Changed signal carries. @after, if given,
        is called once the signal is watched: the change it causes is seen."""
        seen = []

        def on_changed(connection, sender, path, interface, signal, parameters):
            seen.append(parameters.unpack()[0])

        subscription = self.connection.signal_subscribe(
            None,
            "org.kervi.Value",
            "Changed",
            value_path(global_id),
            None,
            Gio.DBusSignalFlags.NONE,
            on_changed,
        )
        try:
            if after is not None:
                after()
            else:
                current = self.get_property(
                    "org.kervi.Module." + module, value_path(global_id), "org.kervi.Value", "Value"
                )
                if current == wanted:
                    return True
            return wait_for(lambda: wanted in seen, timeout)
        finally:
            self.connection.signal_unsubscribe(subscription)

    def wait_output(self, text, timeout=TIMEOUT):
        return wait_for(lambda: any(text in line for line in self.lines), timeout)
