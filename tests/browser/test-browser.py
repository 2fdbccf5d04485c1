#!/usr/bin/python3
# test-browser.py: the fan-controller example in real headless Chromium.
#
# Starts the real example application (examples/fan-controller/myapp, its
# bus, dashboard and module processes) on a free port, loads the page,
# sees the live CPU load change, clicks the fan controller's switch and
# checks on the bus that fan_controller.activate ran, watches a module
# restart in the page, and saves screenshots as test artifacts.
#
# Usage: test-browser.py APP CONFIG ARTIFACT_DIR; prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

TESTS = [
    "page loads with the dashboard, header and modules",
    "the live CPU load changes in the page",
    "the switch calls fan_controller.activate (checked on the bus)",
    "a killed module shows down, then up, without a reload",
    "the page fits a phone-sized screen",
]


def skip_all(reason):
    print("1..0 # SKIP " + reason)
    sys.exit(0)


try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from gi.repository import Gio, GLib
except ImportError as e:
    skip_all("needs python3-selenium and python3-gi: %s" % e)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    skip_all("needs chromium and chromium-driver")


class App:
    """The example application, its output read by a thread."""

    def __init__(self, program, config, runtime_dir):
        env = dict(os.environ, XDG_RUNTIME_DIR=runtime_dir)
        env.pop("G_DEBUG", None)
        self.lines = []
        self.cond = threading.Condition()
        self.process = subprocess.Popen(
            [program, "-c", config, "--port", "0"], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def wait_for(self, pattern, timeout=30):
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for line in self.lines:
                    m = regex.search(line)
                    if m:
                        return m
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise RuntimeError("no '%s' in the app's output:\n%s"
                                       % (pattern, "\n".join(self.lines)))
                self.cond.wait(left)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Bus:
    """The application's private bus, as a gdbus user sees it."""

    def __init__(self, address):
        flags = (Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
                 | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION)
        self.connection = Gio.DBusConnection.new_for_address_sync(address, flags, None, None)

    def call(self, name, path, iface, method, args, reply_type):
        return self.connection.call_sync(name, path, iface, method, args,
                                         GLib.VariantType(reply_type),
                                         Gio.DBusCallFlags.NONE, 5000, None).unpack()

    def value(self, module, value_id):
        objects = self.call("org.kervi.Module." + module, "/org/kervi",
                            "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", None,
                            "(a{oa{sa{sv}}})")[0]
        for path, ifaces in objects.items():
            v = ifaces.get("org.kervi.Value")
            if v and v["Id"] == value_id:
                return self.call("org.kervi.Module." + module, path,
                                 "org.freedesktop.DBus.Properties", "Get",
                                 GLib.Variant("(ss)", ("org.kervi.Value", "Value")), "(v)")[0]
        raise KeyError(value_id)

    def pid_of(self, name):
        return self.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "GetConnectionUnixProcessID", GLib.Variant("(s)", (name,)), "(u)")[0]


def burn_cpu(seconds):
    """Some CPU load, so that the load sensor has something to show."""
    return subprocess.Popen([sys.executable, "-c",
                             "import time\nend=time.time()+%f\nwhile time.time()<end: pass" % seconds])


def main():
    program, config, artifacts = sys.argv[1:4]
    os.makedirs(artifacts, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="kervi-browser-")
    app = driver = burner = None
    print("1..%d" % len(TESTS), flush=True)
    results = []

    def check(number, fn):
        try:
            fn()
            results.append(True)
            print("ok %d - %s" % (number, TESTS[number - 1]), flush=True)
        except Exception:
            results.append(False)
            print("not ok %d - %s" % (number, TESTS[number - 1]), flush=True)
            for line in traceback.format_exc().splitlines():
                print("# " + line)
            if app:
                print("# app output:\n# " + "\n# ".join(app.lines[-30:]))

    try:
        os.mkdir(os.path.join(tmp, "run"), 0o700)
        app = App(program, config, os.path.join(tmp, "run"))
        url = app.wait_for(r"Dashboard at (http://127\.0\.0\.1:\d+/)").group(1)
        bus = Bus(app.wait_for(r"is running\. Bus: (\S+)").group(1))
        print("# dashboard at " + url, flush=True)

        options = webdriver.ChromeOptions()
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync",
                     "--user-data-dir=" + os.path.join(tmp, "chromium"),
                     "--window-size=1280,900"):
            options.add_argument(flag)
        options.binary_location = CHROMIUM
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        # The page rebuilds parts of itself on new snapshots: look elements
        # up again rather than fail on a stale one.
        wait = WebDriverWait(driver, 20, ignored_exceptions=(StaleElementReferenceException,))
        css = lambda selector: driver.find_element(By.CSS_SELECTOR, selector)
        cpu_selector = '#header-widgets [data-link="cpu_load"] .value-text'
        switch_selector = '[data-link="fan_controller.activate"]'

        def page_loads():
            driver.get(url)
            wait.until(lambda d: css("#connection").get_attribute("data-state") == "live")
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-panel="fan"] ' + switch_selector))
            wait.until(lambda d: css(cpu_selector).text not in ("", "–"))
            assert "Fan controller" in css("#app-name").text
            assert driver.find_elements(By.CSS_SELECTOR, '[data-panel="cpu"] canvas')
            wait.until(lambda d: css('[data-module="sensors"]').get_attribute("data-state") == "ready")
            assert css('[data-module="controllers"]').get_attribute("data-state") == "ready"
        check(1, page_loads)

        def cpu_changes():
            nonlocal burner
            first = css(cpu_selector).text
            burner = burn_cpu(20)
            wait.until(lambda d: css(cpu_selector).text != first)
            print("# CPU load went from %s to %s" % (first, css(cpu_selector).text))
        check(2, cpu_changes)

        def switch_calls_action():
            checked = lambda: css(switch_selector + " input").is_selected()
            # app_main activated the controller; the switch shows its `active` output.
            wait.until(lambda d: checked())
            assert bus.value("controllers", "fan_controller.active") is True
            css(switch_selector + " .switch-track").click()
            wait.until(lambda d: bus.value("controllers", "fan_controller.active") is False,
                       "fan_controller.active false on the bus")
            wait.until(lambda d: bus.value("controllers", "fan_controller.fan_speed") == 0,
                       "fan_speed 0 on the bus")
            wait.until(lambda d: not checked()
                       and css(switch_selector + " .switch-text").text == "Off")
            css(switch_selector + " .switch-track").click()
            wait.until(lambda d: bus.value("controllers", "fan_controller.active") is True,
                       "fan_controller.active true on the bus")
            wait.until(lambda d: checked())
        check(3, switch_calls_action)

        def module_restart():
            os.kill(bus.pid_of("org.kervi.Module.sensors"), signal.SIGKILL)
            wait.until(lambda d: css('[data-module="sensors"]').get_attribute("data-state")
                       in ("failed", "stopped", "starting"))
            wait.until(lambda d: "offline" in css('[data-panel="cpu"] .widget').get_attribute("class"))
            wait.until(lambda d: css('[data-module="sensors"]').get_attribute("data-state") == "ready")
            wait.until(lambda d: "offline" not in css('[data-panel="cpu"] .widget').get_attribute("class"))
        check(4, module_restart)

        shot = os.path.join(artifacts, "dashboard-desktop.png")
        driver.save_screenshot(shot)
        print("# screenshot: " + shot)

        def phone():
            driver.set_window_size(390, 844)
            wait.until(lambda d: d.execute_script("return window.innerWidth") <= 400)
            # Charts follow the new width on their next frame.
            wait.until(lambda d: d.execute_script(
                "return document.documentElement.scrollWidth <= window.innerWidth"),
                "the page is wider than a phone's screen")
            path = os.path.join(artifacts, "dashboard-phone.png")
            driver.save_screenshot(path)
            print("# screenshot: " + path)
        check(5, phone)
    except Exception:
        for line in traceback.format_exc().splitlines():
            print("# " + line)
        if app:
            print("# app output:\n# " + "\n# ".join(app.lines[-40:]))
        while len(results) < len(TESTS):
            results.append(False)
            print("not ok %d - %s" % (len(results), TESTS[len(results) - 1]))
    finally:
        if burner:
            burner.kill()
            burner.wait()
        if driver:
            driver.quit()
        if app:
            app.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
