// test-gjs.js: Kervi-1.0 from GJS
//
// In this process: values, errors, links, actions and a sensor driver
// written in JavaScript. Then a real application (gi-test-app.py) with a C
// module (cside) and a GJS module (jsside, or jsbroken that throws at
// load), on its own private bus, driven as gdbus would. Prints TAP.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Kervi from 'gi://Kervi?version=1.0';
import System from 'system';

const START_TIMEOUT = 30;
const TIMEOUT = 10;

const tests = [];

function test(name, body) {
    tests.push({name, body});
}

function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new Error(message);
}

function assertEqual(actual, expected, what = 'value') {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e)
        throw new Error(`${what}: expected ${e}, got ${a}`);
}

function assertThrows(body, check) {
    try {
        body();
    } catch (error) {
        check(error);
        return;
    }
    throw new Error('no exception thrown');
}

// Iterates the main context until condition() holds or @timeout seconds pass.
function waitFor(condition, timeout = TIMEOUT) {
    const context = GLib.MainContext.default();
    let timedOut = false;
    const id = GLib.timeout_add(GLib.PRIORITY_DEFAULT, timeout * 1000, () => {
        timedOut = true;
        return GLib.SOURCE_REMOVE;
    });
    while (!condition() && !timedOut)
        context.iteration(true);
    if (!timedOut)
        GLib.source_remove(id);
    return condition();
}

// In this process

test('values', () => {
    const temp = new Kervi.NumberValue({id: 'temp', min: -10, max: 50, unit: '°C'});
    temp.value = 21.5;
    assertEqual(temp.value, 21.5);
    assertEqual(temp.get_signature(), 'd');
    temp.set_value(30);
    assertEqual(temp.get_value(), 30);

    assertThrows(() => temp.set_value(51), error => {
        assert(error.matches(Kervi.Error, Kervi.Error.OUT_OF_RANGE), `${error}`);
    });
    assertEqual(temp.value, 30);

    const mode = Kervi.EnumValue.new('mode', 'Mode', ['auto', 'on', 'off']);
    mode.set_value('off');
    assertEqual(mode.value, 'off');
    assertThrows(() => mode.set_value('maybe'), error => {
        assert(error.matches(Kervi.Error, Kervi.Error.OUT_OF_RANGE), `${error}`);
    });

    const seen = [];
    temp.connect('changed', (_value, variant, timestamp) => seen.push([variant.unpack(), timestamp]));
    temp.set_value(31);
    assertEqual(seen.length, 1, 'changes');
    assertEqual(seen[0][0], 31);
});

test('local link', () => {
    const source = Kervi.Controller.new('js_source', null);
    const target = Kervi.Controller.new('js_target', null);
    const level = Kervi.NumberValue.new('level', null, 0, 100, null);
    const follower = Kervi.NumberValue.new('level', null, 0, 100, null);
    source.add_output(level);
    target.add_input(follower);
    follower.link_to('js_source.level');
    level.set_value(12);
    assert(waitFor(() => follower.value === 12), `follower is ${follower.value}`);
    source.unregister();
    target.unregister();
});

test('actions', () => {
    const Fan = GObject.registerClass(class Fan extends Kervi.Controller {
        constructor() {
            super({id: 'js_fan', name: 'Fan'});
            this.speed = Kervi.NumberValue.new('speed', null, 0, 100, '%');
            this.add_output(this.speed);
            const setSpeed = Kervi.Action.new_with_closure('set_speed', 'Set speed', 'd',
                (action, args) => {
                    try {
                        this.speed.set_value(args.deepUnpack()[0]);
                    } catch (error) {
                        action.fail(error.message);
                    }
                    return null;
                });
            const status = Kervi.Action.new_with_closure('status', null, '',
                () => new GLib.Variant('s', `at ${this.speed.value}`));
            status.set_result_signature('s');
            this.add_action(setSpeed);
            this.add_action(status);
        }
    });
    const fan = new Fan();

    assertEqual(fan.lookup_action('set_speed').global_id, 'js_fan.set_speed');
    Kervi.Action.call_sync('js_fan.set_speed', new GLib.Variant('(d)', [40]), null);
    assertEqual(fan.speed.value, 40);
    assertEqual(Kervi.Action.call_sync('js_fan.status', null, null).unpack(), 'at 40');

    assertThrows(() => Kervi.Action.call_sync('js_fan.set_speed', new GLib.Variant('(d)', [400]), null),
        error => {
            assert(error.matches(Kervi.Error, Kervi.Error.ACTION_FAILED), `${error}`);
            assert(error.message.includes('400'), error.message);
        });
    assertEqual(fan.lookup_action('set_speed').state, Kervi.ActionState.FAILED);

    let result = null;
    Kervi.Action.call('js_fan.status', null, null, (_source, res) => {
        result = Kervi.Action.call_finish(res).unpack();
    });
    assert(waitFor(() => result !== null), 'no async result');
    assertEqual(result, 'at 40');
    fan.unregister();
});

test('sensor driver in JavaScript', () => {
    const Thermometer = GObject.registerClass(class Thermometer extends Kervi.SensorDriver {
        constructor() {
            super({kind: Kervi.ValueKind.NUMBER, unit: '°C', min: -40, max: 125,
                device_name: 'js thermometer'});
            this.reading = 19.5;
        }

        vfunc_read() {
            if (this.reading === null)
                throw new GLib.Error(Kervi.DriverError, Kervi.DriverError.IO, 'bus timeout');
            return new GLib.Variant('d', this.reading);
        }
    });
    const driver = new Thermometer();
    assertEqual(driver.read().unpack(), 19.5);

    const sensor = Kervi.Sensor.new('js_temp', 'Temperature', driver);
    const value = sensor.get_value();
    assert(waitFor(() => value.value === 19.5), `sensor value ${value.value}`);
    sensor.set_interval(0.05);
    driver.reading = null;
    assert(waitFor(() => !sensor.available), 'sensor still available');
    assert(sensor.status.includes('bus timeout'), sensor.status);
    driver.reading = 20;
    assert(waitFor(() => sensor.available && value.value === 20), `sensor value ${value.value}`);
    sensor.set_interval(0);
    sensor.unregister();
});

// A real application

// Deletes a folder and everything in it (the runtime folder of a killed
// application may be left with its socket).
function removeTree(file) {
    if (file.query_file_type(Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, null) ===
        Gio.FileType.DIRECTORY) {
        const children = file.enumerate_children('standard::name',
            Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, null);
        let info;
        while ((info = children.next_file(null)) !== null)
            removeTree(children.get_child(info));
        children.close(null);
    }
    file.delete(null);
}

class App {
    constructor(modules) {
        this.root = GLib.dir_make_tmp('kervi-gjs-test-XXXXXX');
        this.config = GLib.build_filenamev([this.root, 'app.conf']);
        GLib.file_set_contents(this.config,
            `[application]\nmodules=${modules.join(';')}\n` +
            `module-dir=${GLib.getenv('KERVI_GI_TEST_MODULES')}\n[dashboard]\nenabled=false\n`);
        this.lines = [];
        this.busAddress = null;
        this.exited = false;
        this.outputClosed = false;

        const launcher = new Gio.SubprocessLauncher({
            flags: Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_MERGE,
        });
        launcher.setenv('XDG_RUNTIME_DIR', this.root, true);
        launcher.unsetenv('G_DEBUG');
        this.process = launcher.spawnv([GLib.getenv('KERVI_GI_PYTHON'),
            GLib.getenv('KERVI_GI_TEST_APP'), '-c', this.config]);
        this.process.wait_async(null, () => {
            this.exited = true;
        });
        this._readLine(new Gio.DataInputStream({base_stream: this.process.get_stdout_pipe()}));
    }

    _readLine(stream) {
        stream.read_line_async(GLib.PRIORITY_DEFAULT, null, (_stream, result) => {
            const [line] = stream.read_line_finish_utf8(result);
            if (line === null) {
                this.outputClosed = true;
                return;
            }
            this.lines.push(line);
            const marker = 'is running. Bus: ';
            if (line.includes(marker) && this.busAddress === null)
                this.busAddress = line.split(marker)[1].trim();
            this._readLine(stream);
        });
    }

    get output() {
        return this.lines.join('\n');
    }

    start() {
        if (!waitFor(() => this.busAddress !== null || this.exited, START_TIMEOUT) ||
            this.busAddress === null)
            throw new Error(`the application did not start:\n${this.output}`);
        this.connection = Gio.DBusConnection.new_for_address_sync(this.busAddress,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, null, null);
        this.connection.set_exit_on_close(false);
    }

    waitExit(timeout = START_TIMEOUT) {
        if (!waitFor(() => this.exited, timeout))
            return null;
        waitFor(() => this.outputClosed);
        return this.process.get_if_exited() ? this.process.get_exit_status() : 128;
    }

    stop() {
        if (!this.exited) {
            this.process.send_signal(15);
            if (this.waitExit(TIMEOUT) === null) {
                this.process.force_exit();
                this.waitExit(TIMEOUT);
            }
        }
        // The bus goes away with the application, closing the connection.
        try {
            this.connection?.close_sync(null);
        } catch (error) {
            if (!error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CLOSED))
                throw error;
        }
        removeTree(Gio.File.new_for_path(this.root));
    }

    callAction(module, component, method, signature = '', ...args) {
        return this.connection.call_sync(`org.kervi.Module.${module}`,
            `/org/kervi/component/${component}`, 'org.kervi.Actions', method,
            new GLib.Variant(`(${signature})`, args), null, Gio.DBusCallFlags.NONE,
            TIMEOUT * 1000, null).deepUnpack();
    }

    getProperty(module, path, iface, name) {
        return this.connection.call_sync(`org.kervi.Module.${module}`, path,
            'org.freedesktop.DBus.Properties', 'Get', new GLib.Variant('(ss)', [iface, name]),
            new GLib.VariantType('(v)'), Gio.DBusCallFlags.NONE, TIMEOUT * 1000, null)
            .recursiveUnpack()[0];
    }

    // Waits for a value to be @wanted: its Changed signal, or already.
    waitValue(module, path, wanted) {
        const seen = [];
        const id = this.connection.signal_subscribe(null, 'org.kervi.Value', 'Changed', path,
            null, Gio.DBusSignalFlags.NONE,
            (_connection, _sender, _path, _iface, _signal, parameters) => {
                seen.push(parameters.recursiveUnpack()[0]);
            });
        try {
            if (this.getProperty(module, path, 'org.kervi.Value', 'Value') === wanted)
                return true;
            return waitFor(() => seen.includes(wanted));
        } finally {
            this.connection.signal_unsubscribe(id);
        }
    }
}

test('GJS and C modules in a real application', () => {
    const app = new App(['cside', 'jsside']);
    try {
        app.start();
        assertEqual(app.getProperty('jsside', '/org/kervi/module', 'org.kervi.Module', 'Kind'),
            'gjs');

        // C -> GJS: jsside.level follows cside.level. app_main sets it to 5
        // once the modules are up: wait for that first, or it may land
        // after the 17 below.
        assert(app.waitValue('jsside', '/org/kervi/component/jsside/double', 10),
            'app_main did not reach jsside');
        app.callAction('cside', 'cside', 'set_level', 'd', 17);
        assert(app.waitValue('jsside', '/org/kervi/component/jsside/double', 34),
            'jsside.double did not follow');
        // GJS -> C: cside.from_gjs follows jsside.target.
        app.callAction('jsside', 'jsside', 'set_target', 'd', 8);
        assert(app.waitValue('cside', '/org/kervi/component/cside/from_gjs', 8),
            'cside.from_gjs did not follow');

        // Actions, both ways across the process boundary.
        assertEqual(app.callAction('cside', 'cside', 'ask', 'ss', 'jsside', 'hi'), ['gjs: hi']);
        assertEqual(app.callAction('jsside', 'jsside', 'ask_c', 's', 'hi'), ['c: hi']);
        assertThrows(() => app.callAction('jsside', 'jsside', 'fail'), error => {
            assertEqual(Gio.DBusError.get_remote_error(error), 'org.kervi.Error.ActionFailed');
            assert(error.message.includes('too cold to handle'), error.message);
        });
    } catch (error) {
        error.message += `\napplication output:\n${app.output}`;
        throw error;
    } finally {
        app.stop();
    }
});

test('a GJS module that throws at load fails the application', () => {
    const app = new App(['cside', 'jsbroken']);
    try {
        assertEqual(app.waitExit(), 1, 'exit status');
        const output = app.output;
        assert(output.includes("Module 'jsbroken' failed to start"), output);
        assert(output.includes('jsbroken: no fan attached'), output);
        assert(output.includes('jsbroken.js threw while loading'), output);
        assert(app.lines.some(line => line.startsWith('jsbroken') && line.includes('checkFan')),
            output);
    } finally {
        app.stop();
    }
});

print(`1..${tests.length}`);
let failures = 0;
tests.forEach(({name, body}, index) => {
    try {
        body();
        print(`ok ${index + 1} - ${name}`);
    } catch (error) {
        failures++;
        print(`not ok ${index + 1} - ${name}`);
        for (const line of `${error}\n${error.stack ?? ''}`.trimEnd().split('\n'))
            print(`# ${line}`);
    }
});
System.exit(failures > 0 ? 1 : 0);
