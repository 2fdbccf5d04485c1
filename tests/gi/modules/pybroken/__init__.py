# pybroken: a Python module that raises while it is imported, for the tests
#
# SPDX-License-Identifier: LGPL-2.1-or-later


def _check_fan():
    raise RuntimeError("pybroken: no fan attached")


_check_fan()
