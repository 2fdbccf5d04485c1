// controllers.js: the controllers module of the fan-controller example, in GJS
//
// The application runs this script in its own process. The fan controller
// has an input "temp" (0..150 °C) that follows the CPU load sensor of the
// sensors module (written in C) by id alone, across the process boundary,
// an output "fan_speed" (0..100 %), and an action "activate (b)". Kervi's
// rule: inactive -> 0; temp <= 20 -> 0; else min(100, temp / 80 * 100).
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GObject from 'gi://GObject';
import Kervi from 'gi://Kervi?version=1.0';

export function fanSpeedFor(active, temp) {
    if (!active || temp <= 20)
        return 0;
    return Math.min(100, temp / 80 * 100);
}

const FanController = GObject.registerClass(
class FanController extends Kervi.Controller {
    constructor() {
        super({id: 'fan_controller', name: 'Fan controller'});
        this._active = false;
        this.fanSpeed = Kervi.NumberValue.new('fan_speed', 'Fan speed', 0, 100, '%');
        this.add_output(this.fanSpeed);
        this.temp = Kervi.NumberValue.new('temp', 'Temperature', 0, 150, '°C');
        this.add_input(this.temp);
        // By id only: the sensor lives in another process, and may start later.
        this.temp.link_to('cpu_load');

        const activate = Kervi.Action.new_with_closure('activate', 'Activate', 'b',
            (action, args) => {
                try {
                    [this._active] = args.deepUnpack();
                    print(`Fan controller ${this._active ? 'activated' : 'deactivated'}`);
                    this._update();
                } catch (error) {
                    action.fail(error.message);
                }
                return null;
            });
        this.add_action(activate);
    }

    vfunc_input_changed(_input) {
        this._update();
    }

    _update() {
        this.fanSpeed.set_value(fanSpeedFor(this._active, this.temp.value));
    }
});

// The process keeps the controller alive.
new FanController();
