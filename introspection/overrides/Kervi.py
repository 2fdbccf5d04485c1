# Kervi.py: PyGObject override of Kervi-1.0
#
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Python conveniences on top of the Kervi-1.0 typelib.

Installed next to PyGObject's own overrides, this module is loaded by
``from gi.repository import Kervi`` and adds:

* ``Kervi.action``: a decorator that turns methods of a ``Kervi.Controller``
  subclass into actions, with D-Bus argument types from the annotations
  (``bool`` -> ``b``, ``int`` -> ``i``, ``float`` -> ``d``, ``str`` -> ``s``)
  or an explicit signature. An exception raised by the method fails the
  action with its message.
* ``Kervi.Actions["fan_controller.activate"](True)``: calls any action by
  id, wherever it runs; ``call_async()`` does the same without blocking.
* ``value.value``: the typed value of every ``Kervi.Value``, readable and
  writable; a value out of range raises ``GLib.Error``.
* ``controller.inputs.add(...)`` and ``controller.outputs.add(...)``, and
  positional ids and names: ``Kervi.Controller("fan", "Fan")``.
* Sensor drivers in Python: ``do_read()`` may return a plain ``float`` or
  ``bool``; any exception it raises becomes a driver error.
* ``Kervi.Application.run()`` takes ``sys.argv`` by default and finds module
  folders and the configuration file next to the script.
"""

import datetime
import functools
import inspect
import logging
import os
import sys
import weakref

from gi.repository import GLib

from ..module import get_introspection_module
from ..overrides import override

Kervi = get_introspection_module("Kervi")

__all__ = []

_log = logging.getLogger("kervi")

# The D-Bus types that Python annotations stand for.
_ANNOTATION_SIGNATURES = {
    bool: "b",
    int: "i",
    float: "d",
    str: "s",
    "bool": "b",
    "int": "i",
    "float": "d",
    "str": "s",
}


def _failure_message(error):
    """What an exception tells a caller on the bus."""
    if isinstance(error, GLib.Error):
        return error.message
    message = str(error)
    return message if message else type(error).__name__


def _variant(signature, value, what):
    """@value as a GLib.Variant of @signature; TypeError naming @what."""
    if isinstance(value, GLib.Variant):
        return value
    try:
        return GLib.Variant(signature, value)
    except (TypeError, ValueError, OverflowError) as error:
        raise TypeError(
            "%s: %r is not of D-Bus type '%s' (%s)" % (what, value, signature, error)
        ) from None


# Values


class Value(Kervi.Value):
    """Kervi.Value with a Python ``value`` attribute.

    Every kind of value reads and writes its current value as ``value``:
    a ``float`` for numbers, a ``bool``, a ``str`` for strings, enum options
    and colours, a ``GLib.DateTime`` for date-times (``datetime.datetime``
    and ISO 8601 strings are accepted too). Setting a value out of range,
    or an unknown option, raises ``GLib.Error`` in the ``Kervi.Error``
    domain and leaves the value as it was.
    """

    def __init__(self, id=None, name=None, **properties):
        if id is not None:
            properties["id"] = id
        if name is not None:
            properties["name"] = name
        super().__init__(**properties)

    @property
    def value(self):
        return self.get_property("value")

    @value.setter
    def value(self, new_value):
        if self.get_kind() == Kervi.ValueKind.DATE_TIME:
            if isinstance(new_value, GLib.DateTime):
                new_value = new_value.format_iso8601()
            elif isinstance(new_value, datetime.datetime):
                if new_value.tzinfo is None:
                    new_value = new_value.astimezone()
                new_value = new_value.isoformat()
        elif self.get_kind() == Kervi.ValueKind.NUMBER and isinstance(new_value, int):
            new_value = float(new_value)
        self.set_variant(_variant(self.get_signature(), new_value, self.get_global_id()))

    def __repr__(self):
        return "<Kervi.%s %s = %r>" % (type(self).__name__, self.get_global_id(), self.value)


Value = override(Value)
__all__.append("Value")


class _ValueList:
    """The inputs or the outputs of a controller, by id."""

    def __init__(self, controller, inputs):
        self._controller = controller
        self._inputs = inputs

    def add(self, id_or_value, name=None, value_type=None, *, link_to=None, **properties):
        """Adds an input or output and returns it.

        Either an existing value: ``add(Kervi.BooleanValue("on"))``, or a new
        one made from an id, a name, a value class (``Kervi.NumberValue`` by
        default) and its properties, as in Kervi:
        ``add("temp", "Temperature", min=0, max=150, unit="°C")``.
        ``link_to`` links the value to another one by id.
        """
        if isinstance(id_or_value, Kervi.Value):
            if name is not None or value_type is not None or properties:
                raise TypeError("add() takes either a value or an id and properties")
            value = id_or_value
        else:
            value_type = value_type if value_type is not None else Kervi.NumberValue
            if name is not None:
                properties["name"] = name
            value = value_type(id=id_or_value, **properties)
        if self._inputs:
            self._controller.add_input(value)
        else:
            self._controller.add_output(value)
        if link_to is not None:
            value.link_to(link_to)
        return value

    def _values(self):
        if self._inputs:
            return self._controller.get_inputs()
        return self._controller.get_outputs()

    def __getitem__(self, value_id):
        if self._inputs:
            value = self._controller.get_input(value_id)
        else:
            value = self._controller.get_output(value_id)
        if value is None:
            raise KeyError(value_id)
        return value

    def __contains__(self, value_id):
        try:
            self[value_id]
        except KeyError:
            return False
        return True

    def __iter__(self):
        return iter(self._values())

    def __len__(self):
        return len(self._values())

    def __repr__(self):
        return "<%s of %s: %s>" % (
            "inputs" if self._inputs else "outputs",
            self._controller.get_id(),
            ", ".join(value.get_id() for value in self._values()),
        )


# Actions


class _ActionSpec:
    """What the action decorator learned about a method."""

    def __init__(self, func, action_id, name, signature, result):
        self.func = func
        self.id = action_id if action_id is not None else func.__name__
        self.name = name
        self.signature = signature if signature is not None else self._signature_of(func)
        self.result = result if result is not None else self._result_of(func)
        if not GLib.Variant.is_signature(self.signature):
            raise TypeError("action %s: invalid signature '%s'" % (self.id, self.signature))
        if self.result and not GLib.VariantType.string_is_valid(self.result):
            raise TypeError("action %s: invalid result type '%s'" % (self.id, self.result))

    def _parameters(self, func):
        try:
            return inspect.signature(func, eval_str=True)
        except Exception:  # string annotations that are not Python names
            return inspect.signature(func)

    def _signature_of(self, func):
        parameters = list(self._parameters(func).parameters.values())
        if parameters and parameters[0].name == "self":
            parameters = parameters[1:]
        signature = ""
        for parameter in parameters:
            if parameter.kind not in (
                inspect.Parameter.POSITIONAL_ONLY,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
            ):
                raise TypeError(
                    "action %s: parameter '%s' must be positional" % (self.id, parameter.name)
                )
            annotation = parameter.annotation
            if annotation not in _ANNOTATION_SIGNATURES:
                raise TypeError(
                    "action %s: parameter '%s' needs an annotation bool, int, float or "
                    "str, or give the action a signature" % (self.id, parameter.name)
                )
            signature += _ANNOTATION_SIGNATURES[annotation]
        return signature

    def _result_of(self, func):
        annotation = self._parameters(func).return_annotation
        if annotation in (inspect.Signature.empty, None, type(None), "None"):
            return ""
        if annotation not in _ANNOTATION_SIGNATURES:
            raise TypeError(
                "action %s: the return annotation must be bool, int, float, str or None, "
                "or give the action a result type" % self.id
            )
        return _ANNOTATION_SIGNATURES[annotation]

    def create(self, call):
        """A Kervi.Action that runs @call (*args) with this spec's types."""
        spec = self

        def body(action, args):
            try:
                callee = call()
                result = callee(*args.unpack())
                if spec.result:
                    return _variant(spec.result, result, "result of " + action.get_global_id())
                return None
            except Exception as error:  # the action fails, the process goes on
                _log.debug("Action %s failed", action.get_global_id(), exc_info=True)
                action.fail(_failure_message(error))
                return None

        kervi_action = Kervi.Action.new_with_closure(self.id, self.name, self.signature, body)
        kervi_action.set_result_signature(self.result)
        return kervi_action


def action(func=None, *, id=None, name=None, signature=None, result=None):
    """Declares a method of a Kervi.Controller subclass as an action.

    The action's id is the method's name unless @id is given; its argument
    types come from the annotations of the parameters, or from @signature
    (a D-Bus signature such as ``"bd"``); its result type from the return
    annotation, or from @result. Each instance of the class gets the action
    when it is constructed, with the global id ``<component>.<id>``::

        class FanController(Kervi.Controller):
            @Kervi.action
            def activate(self, active: bool):
                ...

            @Kervi.action(signature="d", name="Set speed")
            def set_speed(self, speed):
                ...

    An exception raised by the method fails the call with its message
    (``org.kervi.Error.ActionFailed`` on the bus). The method also stays a
    normal method: ``controller.activate(True)`` calls it directly.

    Also ``@Kervi.action("bd")``: a string as only argument is the signature.
    """
    if isinstance(func, str):
        signature, func = func, None

    def decorate(method):
        method._kervi_action = _ActionSpec(method, id, name, signature, result)
        return method

    return decorate(func) if func is not None else decorate


__all__.append("action")


def _declared_actions(cls):
    """The action specs of @cls and its bases, by attribute name.

    A subclass that overrides a decorated method without decorating it again
    keeps the action, which calls the override.
    """
    specs = {}
    for klass in reversed(cls.__mro__):
        for attribute, member in vars(klass).items():
            spec = getattr(member, "_kervi_action", None)
            if isinstance(spec, _ActionSpec):
                specs[attribute] = spec
    return specs


def _add_declared_actions(component):
    # The actions only hold a weak reference: the component owns them.
    ref = weakref.ref(component)

    def bound(attribute):
        def call():
            owner = ref()
            if owner is None:
                raise RuntimeError("the component is gone")
            return getattr(owner, attribute)

        return call

    for attribute, spec in _declared_actions(type(component)).items():
        component.add_action(spec.create(bound(attribute)))


class Controller(Kervi.Controller):
    """Kervi.Controller with Kervi's Python conveniences.

    ``Kervi.Controller("fan_controller", "Fan controller")`` takes the id and
    name by position; ``inputs`` and ``outputs`` add and look up values;
    methods decorated with ``@Kervi.action`` become actions of each
    instance. Subclasses put their logic in ``do_input_changed(self, input)``.
    """

    def __init__(self, id=None, name=None, **properties):
        if id is not None:
            properties["id"] = id
        if name is not None:
            properties["name"] = name
        super().__init__(**properties)
        _add_declared_actions(self)

    @property
    def inputs(self):
        """The inputs: ``add()`` one, look one up by id, iterate over them."""
        return _ValueList(self, True)

    @property
    def outputs(self):
        """The outputs: ``add()`` one, look one up by id, iterate over them."""
        return _ValueList(self, False)


Controller = override(Controller)
__all__.append("Controller")


class ActionRef:
    """An action of the application, named by its global id.

    Calling it runs the action wherever it lives, and returns its result
    (or None); failures raise ``GLib.Error`` (``Kervi.Error.ACTION_FAILED``,
    ``UNKNOWN_COMPONENT``, ...). The arguments' D-Bus types follow their
    Python types (``bool`` -> ``b``, ``int`` -> ``i``, ``float`` -> ``d``,
    ``str`` -> ``s``; ``GLib.Variant`` as it is) unless a signature is given.
    """

    def __init__(self, action_id, signature=None):
        if signature is not None and not GLib.Variant.is_signature(signature):
            raise ValueError("invalid D-Bus signature '%s'" % signature)
        self.id = action_id
        self.signature = signature

    def _arguments(self, args):
        if self.signature is not None:
            return _variant("(%s)" % self.signature, tuple(args), "%s: arguments" % self.id)
        children = []
        for index, arg in enumerate(args):
            what = "%s: argument %d" % (self.id, index + 1)
            if isinstance(arg, GLib.Variant):
                children.append(arg)
                continue
            signature = _ANNOTATION_SIGNATURES.get(type(arg))
            if signature is None:
                raise TypeError(
                    "%s is a %s; pass a GLib.Variant or give a signature"
                    % (what, type(arg).__name__)
                )
            children.append(_variant(signature, arg, what))
        return GLib.Variant.new_tuple(*children)

    @staticmethod
    def _unpack(result):
        return result.unpack() if result is not None else None

    def __call__(self, *args, cancellable=None):
        """Runs the action and waits for its result, blocking this thread.

        Do not call an action this way from an action body if it may call
        back into this process; use call_async() there.
        """
        return self._unpack(Kervi.Action.call_sync(self.id, self._arguments(args), cancellable))

    def call_async(self, *args, cancellable=None, callback=None, user_data=None):
        """Runs the action without waiting.

        @callback (action_ref, async_result, user_data) is called when the
        action has run; it gets the result with call_finish(). Without a
        callback, a failure is logged as a warning.
        """

        def done(_source, async_result, _data):
            if callback is not None:
                callback(self, async_result, user_data)
                return
            try:
                self.call_finish(async_result)
            except GLib.Error as error:
                _log.warning("%s: %s", self.id, error.message)

        Kervi.Action.call(self.id, self._arguments(args), cancellable, done, None)

    def call_finish(self, async_result):
        """Finishes call_async(): the result, or ``GLib.Error``."""
        return self._unpack(Kervi.Action.call_finish(async_result))

    def __repr__(self):
        return "<Kervi.ActionRef %s>" % self.id


__all__.append("ActionRef")


class _Actions:
    """Every action of the application, by global id.

    ``Kervi.Actions["fan_controller.activate"](True)``, or with explicit
    argument types ``Kervi.Actions.get("fan_controller.set_speed", "d")(50)``.
    """

    def __getitem__(self, action_id):
        if not isinstance(action_id, str):
            raise TypeError("action ids are strings, not %s" % type(action_id).__name__)
        return ActionRef(action_id)

    def get(self, action_id, signature=None):
        return ActionRef(action_id, signature)

    def __repr__(self):
        return "<Kervi.Actions>"


Actions = _Actions()
__all__.append("Actions")


# Sensor drivers


def _reading(driver, reading):
    """A Python reading as the GLib.Variant of @driver's kind."""
    if reading is None or isinstance(reading, GLib.Variant):
        return reading
    kind = driver.get_kind()
    if kind == Kervi.ValueKind.BOOLEAN and isinstance(reading, bool):
        return GLib.Variant("b", reading)
    if kind == Kervi.ValueKind.NUMBER and isinstance(reading, (int, float)):
        if not isinstance(reading, bool):
            return GLib.Variant("d", float(reading))
    raise GLib.Error.new_literal(
        Kervi.driver_error_quark(),
        "%s: driver gave %r, not a %s reading"
        % (driver.get_device_name(), reading, Kervi.ValueKind.to_string(kind)),
        Kervi.DriverError.PARSE,
    )


def _wrap_read(read):
    @functools.wraps(read)
    def do_read(self):
        try:
            return _reading(self, read(self))
        except GLib.Error:
            raise
        except Exception as error:
            _log.debug("%s: read failed", self.get_device_name(), exc_info=True)
            raise GLib.Error.new_literal(
                Kervi.driver_error_quark(),
                "%s: %s" % (self.get_device_name(), _failure_message(error)),
                Kervi.DriverError.FAILED,
            ) from error

    do_read._kervi_wrapped = True
    return do_read


class SensorDriver(Kervi.SensorDriver):
    """Kervi.SensorDriver for drivers written in Python.

    A subclass sets kind, unit, min and max at construction and implements
    ``do_read(self)``, which returns a reading (a ``float`` for number
    drivers, a ``bool`` for boolean ones, or a ``GLib.Variant``) or raises:
    ``GLib.Error`` as it is, any other exception as a
    ``Kervi.DriverError.FAILED`` with its message. Event-driven drivers
    implement ``do_start`` and ``do_stop`` and call ``push_reading()``.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        read = cls.__dict__.get("do_read")
        if read is not None and not getattr(read, "_kervi_wrapped", False):
            cls.do_read = _wrap_read(read)

    def push_reading(self, reading):
        """Delivers a reading (a float, bool or GLib.Variant) to the sensor."""
        Kervi.SensorDriver.push_reading(self, _reading(self, reading))


SensorDriver = override(SensorDriver)
__all__.append("SensorDriver")


# The application


class Application(Kervi.Application):
    """Kervi.Application for programs written in Python.

    ``run()`` takes ``sys.argv`` by default, and sets the ``program``
    property to the script, so that module folders and ``myapp.conf`` are
    found next to ``myapp.py``. ``@app.action`` turns a function into an
    application-wide action such as ``app_main`` or ``app_exit``.
    """

    def __init__(self, id=None, name=None, **properties):
        if id is not None:
            properties["id"] = id
        if name is not None:
            properties["name"] = name
        super().__init__(**properties)

    def action(self, func=None, *, id=None, name=None, signature=None, result=None):
        """Decorator: adds a function as an application-wide action.

        Types are declared as for ``Kervi.action``; the function takes no
        ``self``.
        """
        if isinstance(func, str):
            signature, func = func, None

        def decorate(function):
            spec = _ActionSpec(function, id, name, signature, result)
            self.add_action(spec.create(lambda: function))
            return function

        return decorate(func) if func is not None else decorate

    def run(self, argv=None):
        argv = list(sys.argv if argv is None else argv)
        if self.get_program() is None and argv and os.path.isfile(argv[0]):
            self.set_program(argv[0])
        return Kervi.Application.run(self, argv)


Application = override(Application)
__all__.append("Application")
