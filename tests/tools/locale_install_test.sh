#!/usr/bin/env bash
# The installed command and library find the message catalogue installed beside them
# (<prefix>/share/locale/vi/LC_MESSAGES/vanban.mo, core/i18n.cpp), not the build tree's:
# installs the build into a scratch prefix and watches, with strace, which vanban.mo each
# opens when asked for Vietnamese (LANGUAGE=vi with C.UTF-8). Used by ctest.
#   bash tests/tools/locale_install_test.sh <build-dir>
set -uo pipefail
build="$1"
work="$(mktemp -d /tmp/vanban-locale-XXXXXX)"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null || { echo "FAIL: cmake --install"; exit 1; }
mo="$prefix/share/locale/vi/LC_MESSAGES/vanban.mo"
failed=0
fail() { echo "FAIL: $*"; failed=1; }
[ -f "$mo" ] || fail "the catalogue is not installed at $mo"

# Which vanban.mo a command opened (strace -e openat), one per line.
opened() { grep -o '"[^"]*vanban\.mo"' "$1" | tr -d '"' | sort -u; }
unset VANBAN_LOCALE_DIR

# 1. The program (bin/vanban, linked with the static library).
LC_ALL=C.UTF-8 LANGUAGE=vi strace -f -e trace=openat -o "$work/trace1" "$prefix/bin/vanban" --help >"$work/help" 2>&1
grep -q "cách dùng: vanban <lệnh>" "$work/help" || fail "the installed command's help is not in Vietnamese: $(head -2 "$work/help")"
[ "$(opened "$work/trace1")" = "$mo" ] || fail "the command opened $(opened "$work/trace1" | tr '\n' ' ') instead of $mo"

# 2. The shared library, from a program that sets its locale (Python, as a portal would).
lib="$(find "$prefix" -name 'libvanban.so.*.*.*' | head -1)"
LC_ALL=C.UTF-8 LANGUAGE=vi strace -f -e trace=openat -o "$work/trace2" /usr/bin/python3 - "$lib" >"$work/lib" 2>&1 <<'PY'
import ctypes, locale, sys
locale.setlocale(locale.LC_ALL, "")
lib = ctypes.CDLL(sys.argv[1])
lib.vanban_errmsg.restype = ctypes.c_char_p
engine = ctypes.c_void_p()
if lib.vanban_engine_open(None, None, ctypes.byref(engine)) != 0:
    sys.exit("cannot open an engine: " + lib.vanban_errmsg(engine).decode())
# A data file that is not there: its message goes through tr().
lib.vanban_render_file.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p]
lib.vanban_render_file(engine, b"ke-hoach", b"/nonexistent/x.json", b"/nonexistent/x.pdf", None)
print(lib.vanban_errmsg(engine).decode())
lib.vanban_engine_close(engine)
PY
[ "$(opened "$work/trace2")" = "$mo" ] || fail "the library opened $(opened "$work/trace2" | tr '\n' ' ') instead of $mo ($(cat "$work/lib"))"

[ "$failed" -eq 0 ] && echo "ok: the installed command and library read $mo"
exit "$failed"
