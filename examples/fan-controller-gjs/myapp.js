#!/usr/bin/env -S gjs -m
// myapp.js: the application of the fan-controller example, in GJS
//
// Kervi's "process distribution" example with modules in two languages.
// The module folders next to this script, listed in myapp.conf, each run in
// their own process:
//   sensors/      the CPU load sensor "cpu_load", in C (sensors.so)
//   controllers/  the fan controller "fan_controller", in GJS
// This process defines the application-wide actions app_main and app_exit,
// which switch the fan controller on and off, wherever it runs.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Kervi from 'gi://Kervi?version=1.0';
import System from 'system';

// The program is this script: module folders and myapp.conf are next to it.
const app = new Kervi.Application({
    id: 'fan-controller',
    name: 'Fan controller',
    program: System.programPath,
});

function activateFanController(active) {
    // The id decides where the action runs: in the controllers process.
    Kervi.Action.call('fan_controller.activate', new GLib.Variant('(b)', [active]), null,
        (_source, result) => {
            try {
                Kervi.Action.call_finish(result);
            } catch (error) {
                logError(error, 'fan_controller.activate');
            }
        });
}

app.add_action(Kervi.Action.new_with_closure('app_main', 'Start', '', () => {
    activateFanController(true);
    return null;
}));
app.add_action(Kervi.Action.new_with_closure('app_exit', 'Stop', '', () => {
    // The application lets this call arrive before it stops the modules.
    activateFanController(false);
    return null;
}));

System.exit(app.run([System.programInvocationName, ...System.programArgs]));
