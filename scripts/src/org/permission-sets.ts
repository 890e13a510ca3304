/**
 * The permission sets org:up gives the scratch org user, and the guard that keeps the migration
 * bypass out of that list. It mirrors scripts/org-gate.sh (GATE_PERMISSION_SETS and its bypass
 * check): the same two sets, for the same reasons.
 *
 * - Close_Won_Admin: everything of Close_Won_Rep (the wizard's fields, its Apex controller and
 *   action) plus the admin's objects, settings and the Close_Won_Reopen custom permission, so one
 *   user can try the wizard as a rep and look after the package as an admin.
 * - Close_Won_Seed (unpackaged/): read/edit on the Seed_Key__c fields the seed command upserts on;
 *   a field deployed through the Metadata API is visible to no one until a permission set grants it.
 *
 * Never Close_Won_Migration_Bypass: with it the close trigger skips all automation for the user,
 * so every close in the scratch org would silently do nothing.
 */

export const MIGRATION_BYPASS_PERMISSION_SET = 'Close_Won_Migration_Bypass';

export const ORG_USER_PERMISSION_SETS: readonly string[] = Object.freeze([
  'Close_Won_Admin',
  'Close_Won_Seed',
]);

/** Throws when a list of permission sets to assign names the migration bypass. */
export function assertNoBypass(permissionSets: readonly string[]): void {
  const bypass = permissionSets.find(
    (name) => name.toLowerCase() === MIGRATION_BYPASS_PERMISSION_SET.toLowerCase(),
  );
  if (bypass) {
    throw new Error(
      `${MIGRATION_BYPASS_PERMISSION_SET} must never be assigned by org:up: with it the close ` +
        'automation skips the user entirely.',
    );
  }
}
