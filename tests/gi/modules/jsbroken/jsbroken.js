// jsbroken.js: a GJS module that throws while it is imported, for the tests
//
// SPDX-License-Identifier: LGPL-2.1-or-later

function checkFan() {
    throw new Error('jsbroken: no fan attached');
}

checkFan();
