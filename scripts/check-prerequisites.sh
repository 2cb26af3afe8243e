#!/usr/bin/env bash
# What `make run` needs before it sets anything up, checked first so a missing piece is named in
# one line with what to install instead of failing halfway: Python 3.11+ with its venv module
# (not needed once .venv exists) and npm; the PDF and PNG exports also need the DejaVu fonts and
# Pango (without them the app runs, but exports fail: a warning, not a stop).
#
# Usage: scripts/check-prerequisites.sh [PYTHON] (the Makefile passes the Python it chose).
# Exit 1 when Python or npm is missing; exit 0 otherwise. Debian/Ubuntu package names.
set -u

python="${1:-python3}"
venv_dir="${VENV:-.venv}"
needed=()   # what `make run` cannot do without
packages=() # the Debian packages that bring it

if [ ! -x "$venv_dir/bin/python" ]; then
	if [ -z "$python" ] || ! command -v "$python" >/dev/null 2>&1 ||
		! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
		needed+=("Python 3.11 or newer")
		packages+=("python3")
	elif ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
		version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
		needed+=("Python's venv module")
		packages+=("python${version}-venv")
	fi
fi
if ! command -v npm >/dev/null 2>&1; then
	needed+=("npm")
	packages+=("npm")
fi

exports=()
export_packages=()
if ! { fc-list 2>/dev/null | grep -q "DejaVuSans.ttf" ||
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; }; then
	exports+=("the DejaVu fonts")
	export_packages+=("fonts-dejavu-core")
fi
has_library() {
	ldconfig -p 2>/dev/null | grep -q "$1" || compgen -G "/usr/lib/*/$1" >/dev/null ||
		compgen -G "/usr/lib/$1" >/dev/null
}
if ! has_library "libpango-1.0.so.0" || ! has_library "libpangoft2-1.0.so.0"; then
	exports+=("Pango")
	export_packages+=("libpango-1.0-0" "libpangoft2-1.0-0")
fi

join() {
	local out="" item
	for item in "$@"; do out="${out:+$out, }$item"; done
	echo "$out"
}
if [ ${#needed[@]} -gt 0 ]; then
	all=("${packages[@]}" "${export_packages[@]}")
	echo "make run needs $(join "${needed[@]}" "${exports[@]}"): install with 'sudo apt-get install ${all[*]}'" >&2
	exit 1
fi
if [ ${#exports[@]} -gt 0 ]; then
	echo "warning: the PDF and PNG exports need $(join "${exports[@]}"): install with 'sudo apt-get install ${export_packages[*]}'" >&2
fi
exit 0
