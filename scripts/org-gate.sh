#!/usr/bin/env bash
# The org gate: create a scratch org, deploy, run the Apex tests with coverage (as the bare scratch
# org user: the tests create the users they need), assign the admin and seed permission sets (never
# the migration bypass), seed, close and verify through the package's own close action, audit,
# compare the metrics figures with the package's reports, then delete the org — always, even on
# failure. docs/first-org-run.md lists what each step assumes.
#
# Needs a Dev Hub the Salesforce CLI is logged in to (`sf org login web --set-default-dev-hub`),
# or DEV_HUB=<alias|username>. Run it with `npm run org:gate`. CI runs it from
# .github/workflows/gates.yml (job org-gate). It has NOT been run from the machines this package is built on:
# they reach no Salesforce org.
set -euo pipefail
cd "$(dirname "$0")/.."

ALIAS="${SCRATCH_ALIAS:-close-won-gate-$(date +%s)}"
COVERAGE_TARGET="${COVERAGE_TARGET:-95}"
OUT="build/org-gate"
SF="node_modules/.bin/sf"
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true
mkdir -p "$OUT"

hub_flag=()
if [ -n "${DEV_HUB:-}" ]; then hub_flag=(--target-dev-hub "$DEV_HUB"); fi

cleanup() {
  echo "org-gate: deleting scratch org $ALIAS"
  "$SF" org delete scratch --target-org "$ALIAS" --no-prompt >/dev/null 2>&1 || true
}

# Permission sets the gate user gets after the Apex tests. The bypass set is never among them.
GATE_PERMISSION_SETS=(Close_Won_Admin Close_Won_Seed)
BYPASS_PERMISSION_SET="Close_Won_Migration_Bypass"
for permission_set in "${GATE_PERMISSION_SETS[@]}"; do
  if [ "$permission_set" = "$BYPASS_PERMISSION_SET" ]; then
    echo "org-gate: $BYPASS_PERMISSION_SET must never be assigned to the gate user" >&2
    exit 2
  fi
done

# Fails the gate when the scratch org user holds the migration bypass: the trigger would skip all
# close automation for that user, and verify would report every closed deal as unfulfilled.
assert_no_bypass() {
  local when="$1" username held
  username="$("$SF" org display --target-org "$ALIAS" --json | node -e '
    let text = ""; process.stdin.on("data", (c) => (text += c));
    process.stdin.on("end", () => console.log(JSON.parse(text).result.username));')"
  held="$("$SF" data query --target-org "$ALIAS" --json --query \
    "SELECT COUNT() FROM PermissionSetAssignment WHERE Assignee.Username = '${username}' AND PermissionSet.Name = '${BYPASS_PERMISSION_SET}'" |
    node -e '
      let text = ""; process.stdin.on("data", (c) => (text += c));
      process.stdin.on("end", () => console.log(JSON.parse(text).result.totalSize));')"
  if [ "$held" != "0" ]; then
    echo "org-gate: $username holds $BYPASS_PERMISSION_SET $when; remove it (docs/first-org-run.md)" >&2
    exit 1
  fi
}

echo "org-gate: creating scratch org $ALIAS"
"$SF" org create scratch --definition-file config/project-scratch-def.json --alias "$ALIAS" \
  --duration-days 1 --wait 20 "${hub_flag[@]}"
trap cleanup EXIT

echo "org-gate: building LWC JavaScript from TypeScript"
npm run --silent build:lwc

echo "org-gate: deploying force-app and the unpackaged seed fields"
"$SF" project deploy start --target-org "$ALIAS" --wait 30

# The Apex tests create the users they run as (docs/first-org-run.md); they run here, before any
# Close Won permission set is assigned, so a test that leans on the running user's permissions
# fails in the gate instead of passing by luck.
assert_no_bypass "before the Apex tests"

echo "org-gate: running Apex tests with coverage (target ${COVERAGE_TARGET}%)"
# --json: one JSON document on stdout ({ status, result: { summary, tests } }), also when tests
# fail; the CLI then exits non-zero, so keep going and let the summary below name the failures.
"$SF" apex run test --target-org "$ALIAS" --test-level RunLocalTests --code-coverage \
  --output-dir "$OUT" --wait 60 --json >"$OUT/apex-test-result.json" || true
# shellcheck disable=SC2016 # the single-quoted text is JavaScript: its ${...} are template literals
node -e '
  const fs = require("node:fs");
  const [file, target] = process.argv.slice(1);
  const parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  const result = parsed.result ?? parsed;
  const summary = result?.summary;
  if (!summary) {
    console.error(`org-gate: no Apex test summary: ${parsed.message ?? JSON.stringify(parsed).slice(0, 500)}`);
    process.exit(1);
  }
  const coverage = Number(String(summary.orgWideCoverage ?? summary.testRunCoverage).replace("%", ""));
  console.log(`org-gate: Apex ${summary.outcome}: ${summary.passing} passed, ${summary.failing} failed, coverage ${coverage}%`);
  for (const test of result.tests ?? []) {
    if (test.Outcome !== "Pass") console.error(`  FAIL ${test.FullName}: ${test.Message ?? ""}`);
  }
  if (summary.failing > 0 || summary.outcome !== "Passed") process.exit(1);
  if (!(coverage >= Number(target))) {
    console.error(`org-gate: coverage ${coverage}% is below the target ${target}%`);
    process.exit(1);
  }
' "$OUT/apex-test-result.json" "$COVERAGE_TARGET"

# seed and verify need field access to the Close Won and seed-key fields (fields deployed through
# the Metadata API are visible to no one until granted) and Close_Won_Reopen (verify reopens).
# Never Close_Won_Migration_Bypass: with it the close automation skips this user entirely.
echo "org-gate: assigning ${GATE_PERMISSION_SETS[*]} to the scratch org user"
assign_flags=()
for permission_set in "${GATE_PERMISSION_SETS[@]}"; do assign_flags+=(--name "$permission_set"); done
"$SF" org assign permset "${assign_flags[@]}" --target-org "$ALIAS"
assert_no_bypass "before seed and verify"

echo "org-gate: seeding"
npm run --silent seed -- --target-org "$ALIAS" --json >"$OUT/seed.json"

echo "org-gate: closing and verifying"
npm run --silent verify -- --target-org "$ALIAS" --json >"$OUT/verify.json"

echo "org-gate: auditing"
npm run --silent audit -- --target-org "$ALIAS" --json >"$OUT/audit.json"

# metrics and the package's reports must agree on the same seeded data. The reports filter on the
# current fiscal year; a scratch org's fiscal year starts on 1 January (the default), so metrics
# reads closes since then. Tolerances: scripts/src/metrics/report-comparison.ts, docs/reports.md.
echo "org-gate: comparing metrics with the reports (Analytics REST API)"
npm run --silent metrics -- --target-org "$ALIAS" --since "$(date -u +%Y)-01-01" --period year \
  --compare-reports --json >"$OUT/metrics.json"

echo "org-gate: passed"
