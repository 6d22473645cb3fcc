#!/usr/bin/env bash
# The Debian package (cmake/Packaging.cmake) built with CPack from the build, then checked as
# apt would see it: its name, its Depends (computed by dpkg-shlibdeps, plus the fonts), the
# ldconfig trigger, and its files: everything `cmake --install` puts in a prefix, under /usr.
#   bash tests/packaging/deb_test.sh <build-dir>
set -euo pipefail
build="$(cd "$1" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "deb: $*" >&2; exit 1; }
version="$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")"
[ -n "$version" ] || fail "no CPACK_PACKAGE_VERSION in $build/CPackConfig.cmake"
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) \
  || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb="$work/out/vanban_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "no $(basename "$deb") in: $(ls "$work/out")"

# Control: the libraries the binaries are linked with, each from its Debian package, and the fonts.
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
for want in 'libc6 (>=' 'libstdc++6 (>=' 'libpodofo0.9.8' 'libharfbuzz0b (>=' 'libharfbuzz-subset0' 'libicu72 (>=' \
            'libzip4 (>=' 'libqrencode4 (>=' 'libpng16-16 (>=' 'libpugixml1v5 (>=' 'zlib1g (>=' 'fonts-liberation2'; do
  [[ "$depends" == *"$want"* ]] || fail "Depends lacks $want"
done
[ "$(dpkg-deb -f "$deb" Package)" = vanban ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version"
dpkg-deb -e "$deb" "$work/control"
grep -qx 'activate-noawait ldconfig' "$work/control/triggers" || fail "no ldconfig trigger"
grep -q '^Description: Vietnamese administrative documents' "$work/control/control" || fail "description"

# Files: the same as an installation into a prefix, under /usr; the library, command and
# data where the loader and the library look.
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {sub(/^\.\/usr\//, "", $6); print $6}' | sort >"$work/deb-files"
DESTDIR= cmake --install "$build" --prefix "$work/prefix" >/dev/null
(cd "$work/prefix" && find . ! -type d | sed 's|^\./||' | sort) >"$work/install-files"
diff "$work/install-files" "$work/deb-files" || fail "the package's files differ from an installation (< install, > package)"
for want in bin/vanban lib/libvanban.so.0 lib/libvanban.so.$version lib/libvanban.so lib/libvanban.a \
            include/vanban/vanban.h lib/pkgconfig/vanban.pc lib/cmake/vanban/vanbanConfig.cmake \
            lib/cmake/vanban/vanbanConfigVersion.cmake share/vanban/templates/ke-hoach.xml \
            share/vanban/fonts/fonts.xml share/vanban/php/Vanban.php share/vanban/php/vanban_ffi.h \
            share/vanban/php/vanban_preload.h share/doc/vanban/copyright share/doc/vanban/LICENSE; do
  grep -qx "$want" "$work/deb-files" || fail "the package lacks /usr/$want"
done
mo="$(grep -c '^share/locale/.*/LC_MESSAGES/vanban\.mo$' "$work/deb-files" || true)"
echo "files: $(wc -l <"$work/deb-files") ($mo message catalogues), as installed"
# The package's own copies name the licence.
dpkg-deb -x "$deb" "$work/root"
grep -q '^Description:.*Apache-2.0' "$work/root/usr/lib/pkgconfig/vanban.pc" || fail ".pc without the licence"
# Written for /usr (not the staging directory): pkg-config then prints no -I/usr/include.
grep -qx 'prefix=/usr' "$work/root/usr/lib/pkgconfig/vanban.pc" || fail ".pc prefix: $(grep ^prefix= "$work/root/usr/lib/pkgconfig/vanban.pc")"
grep -q 'set(vanban_LICENSE "Apache-2.0")' "$work/root/usr/lib/cmake/vanban/vanbanConfig.cmake" || fail "CMake package without the licence"
grep -q '^License: Apache-2.0' "$work/root/usr/share/doc/vanban/copyright" || fail "copyright file"
echo "deb: $(basename "$deb"), $(stat -c %s "$deb") bytes: Depends, trigger and files checked"
