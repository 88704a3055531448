# Installs Debian packages that are missing, by the command or file that proves each one present.
# Usage: ensure_packages "chromium:/usr/bin/chromium" "ffmpeg:ffmpeg" "npm:npm" ...
ensure_packages() {
  local missing=() spec package probe
  for spec in "$@"; do
    package="${spec%%:*}"
    probe="${spec#*:}"
    if [[ "$probe" == /* ]]; then [[ -x "$probe" ]] || missing+=("$package")
    else command -v "$probe" >/dev/null 2>&1 || missing+=("$package")
    fi
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "Missing packages: ${missing[*]}. Install them as root (apt-get install ${missing[*]})." >&2; return 1; }
    sudo="sudo"
  fi
  echo "Installing ${missing[*]} from Debian's packages..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
