#!/usr/bin/env bash
# The Python package as a user installs it: pip, offline, from bindings/python into a fresh
# virtual environment (Debian's setuptools: --system-site-packages --no-build-isolation);
# then, from elsewhere, the installed module finds the library by itself and renders.
#   bash tests/packaging/pip_test.sh <dir of libvanban.so.0> <source-dir>
set -euo pipefail
libdir="$(cd "$1" && pwd)"
source="$(cd "$2" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A copy: setuptools writes build/ and *.egg-info beside the sources it builds.
cp -rL "$source/bindings/python" "$work/src"
/usr/bin/python3 -m venv --system-site-packages "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index --no-build-isolation --disable-pip-version-check "$work/src"
mkdir "$work/elsewhere" && cd "$work/elsewhere"
# Found by the loader's search (LD_LIBRARY_PATH here, ld.so's cache once installed): no VANBAN_LIBRARY.
env -u VANBAN_LIBRARY LD_LIBRARY_PATH="$libdir" "$work/venv/bin/python" - "$work/venv" "$source/samples" <<'PY'
import importlib.metadata, os, subprocess, sys, tempfile
import vanban
venv, samples = sys.argv[1], sys.argv[2]
assert os.path.realpath(vanban.__file__).startswith(os.path.realpath(venv)), vanban.__file__
meta = importlib.metadata.metadata("vanban")
assert meta["Version"] == vanban.version() == "0.1.0", (meta["Version"], vanban.version())
assert meta["License"] == "Apache-2.0", meta["License"]
assert "License :: OSI Approved :: Apache Software License" in meta.get_all("Classifier")
files = [str(f) for f in importlib.metadata.files("vanban")]
assert any(f.endswith("LICENSE") for f in files), files
with vanban.Engine() as engine, open(os.path.join(samples, "ke-hoach-hoa-binh-2021.json"), "rb") as f:
    pdf = engine.render("ke-hoach", f.read(), creation_date="2021-03-05")
with tempfile.NamedTemporaryFile(suffix=".pdf") as out:
    out.write(pdf)
    out.flush()
    text = subprocess.run(["pdftotext", out.name, "-"], capture_output=True, check=True).stdout.decode()
assert "KẾ HOẠCH" in text, text[:200]
print("pip-installed vanban", vanban.version(), "rendered", len(pdf), "bytes from", vanban.__file__)
PY
# Without the library anywhere, the import says what to do.
if out="$(env -u VANBAN_LIBRARY -u LD_LIBRARY_PATH "$work/venv/bin/python" -c 'import vanban' 2>&1)"; then
  # Installed system-wide (the Debian package): then it is found, which is right too.
  [ -e /usr/lib/libvanban.so.0 ] || [ -e /usr/local/lib/libvanban.so.0 ] || { echo "imported without a library?" >&2; exit 1; }
else
  case "$out" in *"set VANBAN_LIBRARY"*) ;; *) echo "unexpected: $out" >&2; exit 1 ;; esac
fi
