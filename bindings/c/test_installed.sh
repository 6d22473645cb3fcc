#!/usr/bin/env bash
# Installs the build into a scratch prefix and builds the C example against it twice, as a
# user would: with pkg-config and with find_package(vanban); runs both. Used by ctest.
#   bash bindings/c/test_installed.sh <build-dir> <source-dir>
set -euo pipefail
build="$1"
source="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
pc_dir="$(dirname "$(find "$prefix" -name vanban.pc)")"
lib="$(find "$prefix" -name 'libvanban.so.*.*.*')"
# A sanitizer build of the library needs programs built with the sanitizers too.
san=()
if [[ "$(ldd "$lib")" == *libasan* ]]; then san=(-fsanitize=address,undefined); fi
pc() { PKG_CONFIG_PATH="$pc_dir" pkg-config "$@"; }
# pkg-config gives vanban's own flags only: vanban.h includes no other library's header, and a
# shared link needs -lvanban alone (the engine's libraries are the library's own NEEDED).
[ "$(pc --cflags vanban | xargs)" = "-I$prefix/include" ] || { echo "pkg-config --cflags: $(pc --cflags vanban)" >&2; exit 1; }
[ "$(pc --libs vanban | xargs)" = "-L$prefix/lib -lvanban" ] || { echo "pkg-config --libs: $(pc --libs vanban)" >&2; exit 1; }
[ "$(pc --variable=license vanban)" = Apache-2.0 ] || { echo "vanban.pc: no license" >&2; exit 1; }
# 1. pkg-config, C99, warnings as errors.
cc -std=c99 -Wall -Wextra -pedantic -Werror "${san[@]}" "$source/bindings/c/example.c" \
  $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs vanban) -Wl,-rpath,"$(PKG_CONFIG_PATH="$pc_dir" pkg-config --variable=libdir vanban)" \
  -o "$work/example-pc"
mkdir -p "$work/out1" "$work/out2"
# The installed data must be used: the source tree's templates are hidden from it.
env -u VANBAN_TEMPLATE_DIR -u VANBAN_FONT_DIR "$work/example-pc" "$source/samples" "$work/out1"
# 1b. A static link with libvanban.a: `pkg-config --static --libs` names every library it needs.
static_libs="$(pc --static --libs vanban | sed 's/\(^\| \)-lvanban\( \|$\)/ /')"
cc -std=c99 "${san[@]}" "$source/bindings/c/example.c" $(pc --cflags vanban) "$prefix/lib/libvanban.a" $static_libs \
  -o "$work/example-static"
if objdump -p "$work/example-static" | grep -q 'NEEDED.*libvanban'; then
  echo "the static example needs libvanban.so" >&2
  exit 1
fi
mkdir -p "$work/out-static"
env -u VANBAN_TEMPLATE_DIR -u VANBAN_FONT_DIR VANBAN_TEMPLATE_DIR="$prefix/share/vanban/templates" \
  VANBAN_FONT_DIR="$prefix/share/vanban/fonts" "$work/example-static" "$source/samples" "$work/out-static"
cmp "$work/out1/ke-hoach.pdf" "$work/out-static/ke-hoach.pdf"
# 2. CMake package.
cmake -S "$source/bindings/c" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_RPATH="$prefix/lib" \
  -DCMAKE_C_FLAGS="${san[*]}" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
"$work/cmake-build/example" "$source/samples" "$work/out2"
cmp "$work/out1/ke-hoach.pdf" "$work/out2/ke-hoach.pdf"
qpdf --check "$work/out1/ke-hoach.pdf" >/dev/null
# (no `| grep -q`: with pipefail, grep quitting early can fail the pipeline by SIGPIPE)
text="$(pdftotext "$work/out1/giay-khen.pdf" -)"
case "$text" in *"Số sổ vàng"*) ;; *) echo "certificate text missing" >&2; exit 1 ;; esac
# The shared library exports the C API and nothing else, with a versioned SONAME.
dynamic="$(objdump -p "$lib")"
grep -q 'SONAME *libvanban.so.0' <<<"$dynamic"
if nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^vanban_' | grep -v '^VANBAN_0$' | grep .; then
  echo "symbols other than the C API are exported" >&2
  exit 1
fi
# The installed command needs no libvanban.so (it holds the engine): it runs without ldconfig.
if objdump -p "$prefix/bin/vanban" | grep -q 'NEEDED.*libvanban'; then
  echo "bin/vanban needs libvanban.so: give it a RUNPATH" >&2
  exit 1
fi
# PHP: the installed Vanban.php finds its declarations and the library of its prefix by itself.
if command -v php >/dev/null && [[ ${#san[@]} -eq 0 ]]; then
  php_out="$(env -u VANBAN_LIBRARY -u VANBAN_FFI_HEADER php -n -d extension=ffi -d ffi.enable=true -r '
    require $argv[1]; $e = new Vanban\Engine();
    echo strlen($e->render("ke-hoach", file_get_contents($argv[2]), ["creation_date" => "2021-03-05"]));' \
    "$prefix/share/vanban/php/Vanban.php" "$source/samples/ke-hoach-hoa-binh-2021.json")"
  [ "$php_out" = "$(stat -c %s "$work/out1/ke-hoach.pdf")" ] || { echo "installed PHP binding: $php_out" >&2; exit 1; }
fi
# The installed command uses the installed templates (not the source tree's).
cli="$prefix/bin/vanban"
env -u VANBAN_TEMPLATE_DIR -u VANBAN_FONT_DIR "$cli" render ke-hoach "$source/samples/ke-hoach-hoa-binh-2021.json" -o "$work/cli.pdf" --date 2021-03-05
cmp "$work/cli.pdf" "$work/out1/ke-hoach.pdf"
data="$(dirname "$(find "$prefix" -name nd30.xml)")"
rm "$data/bao-cao.xml"
if out="$(env -u VANBAN_TEMPLATE_DIR "$cli" validate bao-cao "$source/samples/ke-hoach-hoa-binh-2021.json" 2>&1)"; then
  echo "the installed command found a template that is not installed" >&2
  exit 1
fi
case "$out" in *"looked in $data"*) ;; *) echo "unexpected: $out" >&2; exit 1 ;; esac
echo "installed package: pkg-config (shared and static) and find_package builds ran, PHP found the library, the command uses the installed data"
