#!/usr/bin/env bash
# Logs the Salesforce CLI in to the Dev Hub from CI secrets, for .github/workflows/gates.yml and
# release.yml. Two ways, whichever secrets are set (the auth URL wins when both are):
#   DEVHUB_SFDX_AUTH_URL                               -> sf org login sfdx-url
#   DEVHUB_CLIENT_ID + DEVHUB_USERNAME + DEVHUB_JWT_KEY -> sf org login jwt
#     (optional DEVHUB_INSTANCE_URL, e.g. https://test.salesforce.com or a My Domain URL)
# docs/first-org-run.md says how to get each.
#
#   devhub-login.sh mode    prints sfdx-url, jwt or none; exits 2 when only some JWT secrets are set
#   devhub-login.sh login   logs in as alias $DEVHUB_ALIAS (default devhub), the default Dev Hub
#
# A secret is never printed nor passed on a command line: the auth URL and the JWT key go to files
# in a private folder under $RUNNER_TEMP (mode 600), removed when this script exits, however it
# exits. Runs from the project root (uses node_modules/.bin/sf: `npm ci` first).
set -euo pipefail

JWT_SECRETS=(DEVHUB_CLIENT_ID DEVHUB_USERNAME DEVHUB_JWT_KEY)

devhub_mode() {
  if [ -n "${DEVHUB_SFDX_AUTH_URL:-}" ]; then
    echo "sfdx-url"
    return 0
  fi
  local name missing=()
  for name in "${JWT_SECRETS[@]}"; do
    if [ -z "${!name:-}" ]; then missing+=("$name"); fi
  done
  if [ "${#missing[@]}" -eq "${#JWT_SECRETS[@]}" ]; then
    echo "none"
  elif [ "${#missing[@]}" -eq 0 ]; then
    echo "jwt"
  else
    echo "devhub-login: JWT login needs ${JWT_SECRETS[*]}; missing: ${missing[*]}" >&2
    return 2
  fi
}

auth_dir=""
remove_auth_files() {
  if [ -n "$auth_dir" ]; then rm -rf "$auth_dir"; fi
}

devhub_login() {
  local mode alias="${DEVHUB_ALIAS:-devhub}" sf="node_modules/.bin/sf"
  mode="$(devhub_mode)"
  if [ "$mode" = "none" ]; then
    echo "devhub-login: no Dev Hub secret is set: DEVHUB_SFDX_AUTH_URL, or" \
      "${JWT_SECRETS[*]} (docs/first-org-run.md)" >&2
    return 2
  fi
  umask 077
  auth_dir="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/devhub-auth.XXXXXX")"
  trap remove_auth_files EXIT
  if [ "$mode" = "sfdx-url" ]; then
    printf '%s' "$DEVHUB_SFDX_AUTH_URL" >"$auth_dir/auth-url"
    "$sf" org login sfdx-url --sfdx-url-file "$auth_dir/auth-url" --alias "$alias" \
      --set-default-dev-hub >/dev/null
  else
    printf '%s\n' "$DEVHUB_JWT_KEY" >"$auth_dir/server.key"
    local instance=()
    if [ -n "${DEVHUB_INSTANCE_URL:-}" ]; then instance=(--instance-url "$DEVHUB_INSTANCE_URL"); fi
    "$sf" org login jwt --client-id "$DEVHUB_CLIENT_ID" --username "$DEVHUB_USERNAME" \
      --jwt-key-file "$auth_dir/server.key" "${instance[@]}" --alias "$alias" \
      --set-default-dev-hub >/dev/null
  fi
  remove_auth_files
  echo "devhub-login: logged in to the Dev Hub as alias $alias ($mode)"
}

case "${1:-}" in
  mode) devhub_mode ;;
  login) devhub_login ;;
  *)
    echo "usage: $0 mode|login" >&2
    exit 64
    ;;
esac
