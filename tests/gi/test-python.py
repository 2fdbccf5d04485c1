# test-python.py: Kervi-1.0 from Python, in one process
#
# Values, errors, links, actions (the override's decorator and
# Kervi.Actions), inputs and outputs, and sensor drivers written in Python
# read through a Kervi.Sensor.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import datetime
import unittest

import kervitest
from kervitest import wait_for

from gi.repository import GLib, Kervi


class TestValues(unittest.TestCase):
    def test_number(self):
        value = Kervi.NumberValue("temp", "Temperature", min=-10, max=50, unit="°C")
        self.assertEqual(value.value, 0.0)
        value.value = 21.5
        self.assertEqual(value.value, 21.5)
        self.assertEqual(value.get_value(), 21.5)
        value.value = 30
        self.assertIsInstance(value.value, float)
        self.assertEqual(value.props.unit, "°C")
        self.assertEqual(value.get_signature(), "d")
        self.assertEqual(repr(value), "<Kervi.NumberValue temp = 30.0>")

    def test_range_error(self):
        value = Kervi.NumberValue("speed", min=0, max=100)
        value.value = 40
        with self.assertRaises(GLib.Error) as raised:
            value.value = 101
        self.assertTrue(raised.exception.matches(Kervi.error_quark(), Kervi.Error.OUT_OF_RANGE))
        self.assertEqual(raised.exception.domain, "kervi-error-quark")
        self.assertIn("101", raised.exception.message)
        self.assertEqual(value.value, 40)
        with self.assertRaises(GLib.Error):
            value.set_value(-1)

    def test_wrong_type(self):
        value = Kervi.NumberValue("level")
        with self.assertRaises(TypeError):
            value.value = "hot"
        with self.assertRaises(GLib.Error) as raised:
            value.set_variant(GLib.Variant("s", "hot"))
        self.assertTrue(raised.exception.matches(Kervi.error_quark(), Kervi.Error.INVALID_ARGS))

    def test_kinds(self):
        switch = Kervi.BooleanValue("on", "On")
        switch.value = True
        self.assertIs(switch.value, True)

        text = Kervi.StringValue("label")
        text.value = "hello"
        self.assertEqual(text.value, "hello")

        mode = Kervi.EnumValue.new("mode", "Mode", ["auto", "on", "off"])
        mode.value = "on"
        self.assertEqual(mode.value, "on")
        with self.assertRaises(GLib.Error) as raised:
            mode.value = "maybe"
        self.assertTrue(raised.exception.matches(Kervi.error_quark(), Kervi.Error.OUT_OF_RANGE))

        color = Kervi.ColorValue("led")
        color.value = "#ff8000"
        self.assertEqual(color.value, "#ff8000")
        with self.assertRaises(GLib.Error):
            color.value = "orange"

        when = Kervi.DateTimeValue("when")
        moment = datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone.utc)
        when.value = moment
        self.assertIsInstance(when.value, GLib.DateTime)
        self.assertEqual(when.value.to_unix(), int(moment.timestamp()))
        when.value = GLib.DateTime.new_from_unix_utc(0)
        self.assertEqual(when.value.to_unix(), 0)

    def test_changed_signal(self):
        value = Kervi.NumberValue("watched")
        seen = []
        value.connect("changed", lambda _value, variant, stamp: seen.append((variant, stamp)))
        value.value = 5
        value.value = 5  # the same value: no change
        value.value = 6
        self.assertEqual([variant.unpack() for variant, _ in seen], [5.0, 6.0])
        self.assertGreater(seen[1][1], seen[0][1])


class TestControllers(unittest.TestCase):
    def tearDown(self):
        for component in getattr(self, "components", []):
            component.unregister()

    def keep(self, component):
        self.components = getattr(self, "components", []) + [component]
        return component

    def test_inputs_outputs(self):
        class Doubler(Kervi.Controller):
            def __init__(self):
                super().__init__("doubler", "Doubler")
                self.result = self.outputs.add("result", "Result", min=0, max=200)
                self.level = self.inputs.add("level", "Level", min=0, max=100)
                self.enabled = self.inputs.add(Kervi.BooleanValue("enabled"))
                self.changes = []

            def do_input_changed(self, changed_input):
                self.changes.append(changed_input.get_id())
                self.result.value = 2 * self.level.value

        doubler = self.keep(Doubler())
        self.assertEqual(doubler.get_id(), "doubler")
        self.assertEqual(len(doubler.inputs), 2)
        self.assertEqual(len(doubler.outputs), 1)
        self.assertIn("level", doubler.inputs)
        self.assertNotIn("result", doubler.inputs)
        self.assertIs(doubler.outputs["result"], doubler.result)
        self.assertEqual([value.get_id() for value in doubler.inputs], ["level", "enabled"])
        with self.assertRaises(KeyError):
            doubler.inputs["nothing"]
        self.assertEqual(doubler.level.get_global_id(), "doubler.level")
        self.assertTrue(doubler.level.get_input())

        doubler.level.value = 21
        self.assertEqual(doubler.result.value, 42)
        doubler.enabled.value = True
        self.assertEqual(doubler.changes, ["level", "enabled"])

    def test_duplicate_input(self):
        controller = self.keep(Kervi.Controller("dup", "Duplicates"))
        controller.inputs.add("x")
        with self.assertRaises(GLib.Error) as raised:
            controller.inputs.add("x")
        self.assertTrue(raised.exception.matches(Kervi.error_quark(), Kervi.Error.EXISTS))

    def test_local_link(self):
        source = self.keep(Kervi.Controller("link_source"))
        level = source.outputs.add("level", min=0, max=100)
        target = self.keep(Kervi.Controller("link_target"))
        follower = target.inputs.add("level", min=0, max=100, link_to="link_source.level")
        self.assertEqual(follower.get_link_source(), "link_source.level")

        level.value = 33
        self.assertTrue(wait_for(lambda: follower.value == 33))
        self.assertTrue(follower.get_link_connected())
        level.value = 44
        self.assertTrue(wait_for(lambda: follower.value == 44))

        with self.assertRaises(GLib.Error) as raised:
            follower.link_to("not a valid id")
        self.assertTrue(raised.exception.matches(Kervi.error_quark(), Kervi.Error.INVALID_ID))


class Fan(Kervi.Controller):
    """A controller with actions declared in all the supported ways."""

    def __init__(self, component_id):
        super().__init__(component_id, "Fan")
        self.speed = self.outputs.add("speed", "Speed", min=0, max=100, unit="%")
        self.active = False

    @Kervi.action(name="Activate")
    def activate(self, active: bool):
        self.active = active

    @Kervi.action(signature="d")
    def set_speed(self, speed):
        self.speed.value = speed

    @Kervi.action("si", result="s")
    def describe(self, prefix, times):
        return prefix * times + " %g" % self.speed.value

    @Kervi.action
    def status(self) -> str:
        return "on" if self.active else "off"

    @Kervi.action(id="scale")
    def scale_speed(self, factor: float, limit: int) -> float:
        return min(self.speed.value * factor, limit)

    @Kervi.action
    def break_down(self):
        raise ValueError("the fan is stuck")

    def not_an_action(self):
        pass


class TestActions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fan = Fan("fan")

    @classmethod
    def tearDownClass(cls):
        cls.fan.unregister()

    def test_declared(self):
        actions = {action.get_id(): action for action in self.fan.get_actions()}
        self.assertEqual(
            sorted(actions), ["activate", "break_down", "describe", "scale", "set_speed", "status"]
        )
        self.assertEqual(actions["activate"].get_signature(), "b")
        self.assertEqual(actions["activate"].get_name(), "Activate")
        self.assertEqual(actions["activate"].get_global_id(), "fan.activate")
        self.assertEqual(actions["set_speed"].get_signature(), "d")
        self.assertEqual(actions["describe"].get_signature(), "si")
        self.assertEqual(actions["describe"].get_result_signature(), "s")
        self.assertEqual(actions["status"].get_signature(), "")
        self.assertEqual(actions["status"].get_result_signature(), "s")
        self.assertEqual(actions["scale"].get_signature(), "di")
        self.assertEqual(actions["scale"].get_result_signature(), "d")

    def test_call_by_id(self):
        self.assertIsNone(Kervi.Actions["fan.activate"](True))
        self.assertTrue(self.fan.active)
        self.assertEqual(Kervi.Actions["fan.status"](), "on")
        Kervi.Actions["fan.set_speed"](40.0)
        self.assertEqual(self.fan.speed.value, 40)
        Kervi.Actions.get("fan.set_speed", "d")(50)
        self.assertEqual(self.fan.speed.value, 50)
        self.assertEqual(Kervi.Actions["fan.describe"]("ab", 2), "abab 50")
        self.assertEqual(Kervi.Actions["fan.scale"](3.0, 120), 120.0)
        # Still plain methods too.
        self.fan.activate(False)
        self.assertEqual(self.fan.status(), "off")

    def test_invoke(self):
        action = self.fan.lookup_action("set_speed")
        action.invoke(GLib.Variant("(d)", (12.0,)))
        self.assertEqual(self.fan.speed.value, 12)
        self.assertEqual(action.get_state(), Kervi.ActionState.DONE)

    def test_wrong_arguments(self):
        with self.assertRaises(GLib.Error) as raised:
            Kervi.Actions["fan.set_speed"]("fast")
        self.assertTrue(raised.exception.matches(Kervi.error_quark(), Kervi.Error.INVALID_ARGS))
        with self.assertRaises(TypeError):
            Kervi.Actions["fan.set_speed"]([1, 2])

    def test_exception_fails_action(self):
        with self.assertRaises(GLib.Error) as raised:
            Kervi.Actions["fan.break_down"]()
        error = raised.exception
        self.assertTrue(error.matches(Kervi.error_quark(), Kervi.Error.ACTION_FAILED))
        self.assertIn("the fan is stuck", error.message)
        action = self.fan.lookup_action("break_down")
        self.assertEqual(action.get_state(), Kervi.ActionState.FAILED)
        self.assertEqual(action.get_error_message(), "the fan is stuck")

    def test_async(self):
        results = []

        def on_done(ref, result, user_data):
            try:
                results.append((user_data, ref.call_finish(result)))
            except GLib.Error as error:
                results.append((user_data, error))

        Kervi.Actions["fan.set_speed"](70.0)
        Kervi.Actions["fan.describe"].call_async("x", 1, callback=on_done, user_data="first")
        Kervi.Actions["fan.break_down"].call_async(callback=on_done, user_data="second")
        self.assertTrue(wait_for(lambda: len(results) == 2))
        self.assertEqual(results[0], ("first", "x 70"))
        self.assertEqual(results[1][0], "second")
        self.assertIsInstance(results[1][1], GLib.Error)

    def test_not_on_bus(self):
        with self.assertRaises(GLib.Error) as raised:
            Kervi.Actions["elsewhere.activate"](True)
        self.assertTrue(raised.exception.matches(Kervi.error_quark(), Kervi.Error.NOT_CONNECTED))

    def test_bad_declarations(self):
        with self.assertRaisesRegex(TypeError, "parameter 'speed' needs an annotation"):

            @Kervi.action
            def no_annotation(self, speed):
                pass

        with self.assertRaisesRegex(TypeError, "return annotation"):

            @Kervi.action
            def bad_result(self) -> list:
                pass

        with self.assertRaisesRegex(TypeError, "invalid signature"):

            @Kervi.action(signature="q(")
            def bad_signature(self, value):
                pass

        with self.assertRaisesRegex(TypeError, "must be positional"):

            @Kervi.action
            def keyword_only(self, *, value: int):
                pass

    def test_subclass_keeps_actions(self):
        class QuietFan(Fan):
            def status(self):
                return "quiet"

        quiet = QuietFan("quiet_fan")
        try:
            self.assertEqual(Kervi.Actions["quiet_fan.status"](), "quiet")
            self.assertEqual(len(quiet.get_actions()), 6)
        finally:
            quiet.unregister()

    def test_application_actions(self):
        app = Kervi.Application("kervi-python-test")

        @app.action
        def multiply(a: int, b: int) -> int:
            return a * b

        self.assertEqual(Kervi.Actions["multiply"](6, 7), 42)
        app.set_program("relative-app.py")
        self.assertTrue(app.get_program().endswith("/relative-app.py"))
        self.assertTrue(app.get_program().startswith("/"))


class Thermometer(Kervi.SensorDriver):
    """A number driver written in Python."""

    def __init__(self):
        super().__init__(
            kind=Kervi.ValueKind.NUMBER, unit="°C", min=-40, max=125, device_name="thermometer"
        )
        self.reading = 21.5
        self.reads = 0

    def do_read(self):
        self.reads += 1
        if isinstance(self.reading, Exception):
            raise self.reading
        return self.reading


class Door(Kervi.SensorDriver):
    """A boolean driver that returns GLib.Variants."""

    def __init__(self):
        super().__init__(kind=Kervi.ValueKind.BOOLEAN, device_name="door switch")

    def do_read(self):
        return GLib.Variant("b", True)


class TestDrivers(unittest.TestCase):
    def test_read(self):
        driver = Thermometer()
        reading = driver.read()
        self.assertEqual(reading.get_type_string(), "d")
        self.assertEqual(reading.unpack(), 21.5)
        self.assertEqual(driver.get_unit(), "°C")
        self.assertEqual(driver.get_max(), 125)

        driver.reading = 7
        self.assertEqual(driver.read().unpack(), 7.0)

        self.assertTrue(Door().read().unpack())

    def test_errors(self):
        driver = Thermometer()
        driver.reading = "warm"
        with self.assertRaises(GLib.Error) as raised:
            driver.read()
        self.assertTrue(
            raised.exception.matches(Kervi.driver_error_quark(), Kervi.DriverError.PARSE)
        )

        driver.reading = OSError("I2C bus timeout")
        with self.assertRaises(GLib.Error) as raised:
            driver.read()
        self.assertTrue(
            raised.exception.matches(Kervi.driver_error_quark(), Kervi.DriverError.FAILED)
        )
        self.assertEqual(raised.exception.message, "thermometer: I2C bus timeout")

        driver.reading = GLib.Error.new_literal(
            Kervi.driver_error_quark(), "unplugged", Kervi.DriverError.NOT_FOUND
        )
        with self.assertRaises(GLib.Error) as raised:
            driver.read()
        self.assertTrue(
            raised.exception.matches(Kervi.driver_error_quark(), Kervi.DriverError.NOT_FOUND)
        )

    def test_sensor(self):
        driver = Thermometer()
        sensor = Kervi.Sensor.new("room_temp", "Room temperature", driver)
        try:
            value = sensor.get_value()
            self.assertEqual(value.get_global_id(), "room_temp")
            self.assertTrue(wait_for(lambda: value.value == 21.5))

            sensor.set_interval(0.05)
            driver.reading = 23.0
            self.assertTrue(wait_for(lambda: value.value == 23.0))

            driver.reading = OSError("sensor unplugged")
            self.assertTrue(wait_for(lambda: not sensor.get_available()))
            self.assertIn("sensor unplugged", sensor.get_status())
            self.assertEqual(value.value, 23.0)

            driver.reading = 24.0
            self.assertTrue(wait_for(lambda: sensor.get_available() and value.value == 24.0))
        finally:
            sensor.set_interval(0)
            sensor.unregister()

    def test_push(self):
        class Button(Kervi.SensorDriver):
            def __init__(self):
                super().__init__(kind=Kervi.ValueKind.BOOLEAN, device_name="button")
                self.started = False

            def do_start(self):
                self.started = True
                return True

            def do_stop(self):
                self.started = False

        driver = Button()
        sensor = Kervi.Sensor.new("button", "Button", driver)
        try:
            self.assertTrue(driver.is_event_driven())
            self.assertTrue(wait_for(lambda: driver.started))
            driver.push_reading(True)
            self.assertTrue(wait_for(lambda: sensor.get_value().value is True))
            driver.push_reading(False)
            self.assertTrue(wait_for(lambda: sensor.get_value().value is False))
        finally:
            sensor.unregister()


if __name__ == "__main__":
    kervitest.main()
