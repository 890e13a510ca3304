#!/usr/bin/env bash
# Creates a version of the unlocked package "Close Won" for a version tag and writes the release
# notes, for .github/workflows/release.yml. Runs from the project root.
#
#   package-version.sh check <tag>    before any login: sfdx-project.json names the package, has
#                                     its packageAliases entry (the one-time `sf package create`),
#                                     and <tag> (vX.Y.Z) matches its versionNumber (X.Y.Z.NEXT)
#   package-version.sh create <tag>   sf package version create with code coverage (Dev Hub
#                                     logged in as $DEV_HUB, default devhub); writes the notes to
#                                     $NOTES_FILE and, in GitHub Actions, `id=04t…` to its outputs
#
# It never promotes the version: promoting (`sf package version promote`) makes it installable in
# production orgs and cannot be undone, so a person does that after trying the beta.
set -euo pipefail

PACKAGE="Close Won"
SF="${SF:-node_modules/.bin/sf}"
DEV_HUB="${DEV_HUB:-devhub}"
NOTES_FILE="${NOTES_FILE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/release-notes.md}"
INSTALL_URL_BASE="https://login.salesforce.com/packaging/installPackage.apexp?p0="

# Prints "<versionNumber> <definitionFile>" for the package, or explains what is missing (exit 1).
package_settings() {
  # shellcheck disable=SC2016 # the single-quoted text is JavaScript: its ${...} are template literals
  PACKAGE="$PACKAGE" node -e '
    const fs = require("node:fs");
    const name = process.env.PACKAGE;
    const project = JSON.parse(fs.readFileSync("sfdx-project.json", "utf8"));
    const directory = (project.packageDirectories ?? []).find((d) => d.package === name);
    const fail = (message) => { console.error(`package-version: ${message}`); process.exit(1); };
    if (!directory) fail(`sfdx-project.json has no package directory with "package": "${name}"`);
    const id = (project.packageAliases ?? {})[name];
    if (typeof id !== "string" || !id.startsWith("0Ho")) {
      fail(
        `sfdx-project.json has no packageAliases entry "${name}" (a 0Ho… package id): the ` +
          "package has not been created in the Dev Hub yet. Once, a person with the Dev Hub runs " +
          `sf package create --name "${name}" --package-type Unlocked --path ${directory.path} ` +
          "--no-namespace --target-dev-hub <dev hub alias>, commits the packageAliases entry it " +
          "adds to sfdx-project.json, and tags a commit that has it (move this tag or tag the " +
          "next version; docs/first-org-run.md).",
      );
    }
    if (!directory.versionNumber) fail(`the "${name}" package directory has no versionNumber`);
    if (!directory.definitionFile) fail(`the "${name}" package directory has no definitionFile`);
    console.log(`${directory.versionNumber} ${directory.definitionFile}`);
  '
}

check() {
  local tag="$1" settings version_number
  settings="$(package_settings)"
  version_number="${settings%% *}"
  # vX.Y.Z must name the version sfdx-project.json builds (X.Y.Z.NEXT or X.Y.Z.<build>).
  if [ "v${version_number%.*}" != "$tag" ]; then
    echo "package-version: tag $tag does not match versionNumber $version_number in" \
      "sfdx-project.json; tag v${version_number%.*}, or change versionNumber first" >&2
    exit 1
  fi
  echo "package-version: $PACKAGE $version_number for tag $tag"
}

create() {
  local tag="$1" settings definition_file result_file
  check "$tag"
  settings="$(package_settings)"
  definition_file="${settings#* }"
  result_file="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/package-version-create.json"
  echo "package-version: creating a version of $PACKAGE with code coverage (up to 60 minutes)"
  # --json: one document on stdout, also on failure; the exit code is checked below through it.
  "$SF" package version create --package "$PACKAGE" --code-coverage \
    --definition-file "$definition_file" --installation-key-bypass --wait 60 \
    --target-dev-hub "$DEV_HUB" --json >"$result_file" || true
  local id
  # shellcheck disable=SC2016 # the single-quoted text is JavaScript: its ${...} are template literals
  id="$(node -e '
    const fs = require("node:fs");
    const parsed = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const result = parsed.result ?? {};
    if (parsed.status !== 0 || result.Status !== "Success" || !result.SubscriberPackageVersionId) {
      const why = parsed.message ?? (result.Error ?? []).join("; ") ?? "";
      console.error(`package-version: no package version (status ${result.Status ?? parsed.status}): ${why}`);
      if (result.Id) console.error(`package-version: follow it with sf package version create report --package-create-request-id ${result.Id}`);
      process.exit(1);
    }
    console.log(result.SubscriberPackageVersionId);
  ' "$result_file")"
  write_notes "$tag" "$id"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "id=$id" >>"$GITHUB_OUTPUT"; fi
  echo "package-version: created $id"
}

write_notes() {
  local tag="$1" id="$2"
  cat >"$NOTES_FILE" <<NOTES
Close Won $tag, unlocked package version \`$id\` (beta: not promoted).

Install it in a sandbox or scratch org:

- in a browser: ${INSTALL_URL_BASE}${id}
  (sandbox: replace login.salesforce.com by test.salesforce.com)
- with the Salesforce CLI:

  \`\`\`
  sf package install --package $id --target-org <org alias> --wait 30 --security-type AdminsOnly
  \`\`\`

A beta version cannot be installed in a production org. After trying it, a person promotes it:
\`sf package version promote --package $id --target-dev-hub <dev hub alias>\`.
Then assign the permission sets and activate the record page: docs/admin-guide.md.
NOTES
}

case "${1:-}" in
  check) check "${2:?usage: $0 check <tag>}" ;;
  create) create "${2:?usage: $0 create <tag>}" ;;
  *)
    echo "usage: $0 check|create <tag>" >&2
    exit 64
    ;;
esac
