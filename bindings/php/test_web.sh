#!/usr/bin/env bash
# The PHP binding under a web server's SAPI (php-cgi, as php-fpm runs scripts), with each
# setting of ffi.enable that docs/c-api.md describes. Run by ctest as PHP.WebServer:
#   bash bindings/php/test_web.sh <dir of the built Vanban.php> <samples> <libvanban.so.0>
set -euo pipefail
php_dir="$(cd "$1" && pwd)"
samples="$(cd "$2" && pwd)"
lib="$(realpath "$3")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The preload header names the installed library; here the one just built.
sed "s|^#define FFI_LIB .*|#define FFI_LIB \"$lib\"|" "$php_dir/vanban_preload.h" >"$work/vanban_preload.h"
cat >"$work/page.php" <<PHP
<?php
require '$php_dir/Vanban.php';
try {
    \$engine = new Vanban\\Engine();
    echo 'rendered ', strlen(\$engine->render('ke-hoach', file_get_contents('$samples/ke-hoach-hoa-binh-2021.json'))), "\\n";
} catch (Throwable \$t) {
    echo get_class(\$t), ': ', \$t->getMessage(), "\\n";
}
PHP
echo "<?php opcache_compile_file('$php_dir/Vanban.php');" >"$work/preload.php"
request() { # php-cgi runs one request, as under a web server (not the CLI SAPI)
  env REDIRECT_STATUS=200 SCRIPT_FILENAME="$work/page.php" REQUEST_METHOD=GET "$@" 2>&1 | tail -n 1
}
cgi=(php-cgi -n -d extension=ffi -d zend_extension=opcache)
expect() { # <what> <pattern> <output>
  if [[ "$3" =~ $2 ]]; then echo "ok   $1: $3"; else echo "FAIL $1: $3" >&2; exit 1; fi
}
# Debian's default, ffi.enable=preload, with nothing preloaded: FFI refused in a request.
expect "ffi.enable=preload alone" 'FFI API is restricted by "ffi.enable"' \
  "$(request VANBAN_LIBRARY="$lib" "${cgi[@]}" -d ffi.enable=preload)"
# 1. ffi.enable=true for the pool.
expect "ffi.enable=true" '^rendered [0-9]{5,}$' "$(request VANBAN_LIBRARY="$lib" "${cgi[@]}" -d ffi.enable=true)"
# 2. ffi.enable=preload kept: ffi.preload declares the scope, opcache.preload compiles Vanban.php.
#    No header to read (VANBAN_FFI_HEADER points nowhere): the preloaded scope is what is used.
expect "ffi.preload + opcache.preload" '^rendered [0-9]{5,}$' \
  "$(request VANBAN_FFI_HEADER=/nonexistent "${cgi[@]}" -d ffi.enable=preload -d ffi.preload="$work/vanban_preload.h" \
       -d opcache.enable=1 -d opcache.preload="$work/preload.php" -d opcache.preload_user="$(id -un)")"
