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
# 1. pkg-config, C99, warnings as errors.
cc -std=c99 -Wall -Wextra -pedantic -Werror "${san[@]}" "$source/bindings/c/example.c" \
  $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs vanban) -Wl,-rpath,"$(PKG_CONFIG_PATH="$pc_dir" pkg-config --variable=libdir vanban)" \
  -o "$work/example-pc"
mkdir -p "$work/out1" "$work/out2"
# The installed data must be used: the source tree's templates are hidden from it.
env -u VANBAN_TEMPLATE_DIR -u VANBAN_FONT_DIR "$work/example-pc" "$source/samples" "$work/out1"
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
echo "installed package: pkg-config and find_package builds ran, the command uses the installed data"
