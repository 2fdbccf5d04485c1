// jsside.js: the GJS module of the GObject Introspection tests
//
// Component "jsside": input "level" follows "cside.level" (a C module);
// output "double" is twice the level; output "target" is set by the action
// set_target, and the C module follows it. Actions: echo (s) -> s,
// ask_c (s) -> s, which calls "cside.echo" in the C module, set_target (d),
// and fail (), which fails.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Kervi from 'gi://Kervi?version=1.0';

const JsSide = GObject.registerClass(
class JsSide extends Kervi.Controller {
    constructor() {
        super({id: 'jsside', name: 'GJS side'});
        this.double = new Kervi.NumberValue({id: 'double', min: 0, max: 200});
        this.target = new Kervi.NumberValue({id: 'target', min: 0, max: 100});
        this.level = new Kervi.NumberValue({id: 'level', min: 0, max: 100});
        this.add_output(this.double);
        this.add_output(this.target);
        this.add_input(this.level);
        this.level.link_to('cside.level');

        this._addAction('echo', 's', 's', text => new GLib.Variant('s', `gjs: ${text}`));
        this._addAction('ask_c', 's', 's', text =>
            Kervi.Action.call_sync('cside.echo', new GLib.Variant('(s)', [text]), null));
        this._addAction('set_target', 'd', '', target => this.target.set_value(target));
        this._addAction('fail', '', '', () => {
            throw new Error('too cold to handle');
        });
    }

    // The body gets the arguments unpacked; an exception fails the action.
    _addAction(id, signature, resultSignature, body) {
        const action = Kervi.Action.new_with_closure(id, null, signature, (self, args) => {
            try {
                const result = body(...args.deepUnpack());
                return resultSignature ? result : null;
            } catch (error) {
                self.fail(error.message);
                return null;
            }
        });
        action.set_result_signature(resultSignature);
        this.add_action(action);
    }

    vfunc_input_changed(input) {
        this.double.set_value(2 * this.level.value);
    }
});

new JsSide();
