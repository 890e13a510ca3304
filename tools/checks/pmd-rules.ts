/**
 * The PMD (Apex) rules the `pmd` check runs, with why each one is on. This list is the severity
 * threshold: every violation of a rule listed here fails the check, whatever severity Code
 * Analyzer gives the rule; a rule that should not fail the gate is not listed at all.
 *
 * Names are PMD 7's (as shipped in @salesforce/code-analyzer-pmd-engine 0.46.0): PMD 6's
 * AvoidSoqlInLoops, AvoidSoslInLoops and AvoidDmlStatementsInLoops became OperationWithLimitsInLoop.
 * The check fails if a listed rule is not found, so a renamed rule can never silently drop out.
 */
export interface PmdRule {
  name: string;
  why: string;
}

export const PMD_RULES: readonly PmdRule[] = [
  // Security: what the AppExchange security review and a customer's admin check first.
  {
    name: 'ApexCRUDViolation',
    why: 'SOQL and DML must enforce object/field access: WITH USER_MODE, `as user`, or Security.stripInaccessible',
  },
  {
    name: 'ApexSharingViolations',
    why: 'a class that queries or writes must declare with/without/inherited sharing explicitly',
  },
  {
    name: 'ApexSOQLInjection',
    why: 'dynamic SOQL built from input must use bind variables (Database.queryWithBinds)',
  },
  { name: 'ApexInsecureEndpoint', why: 'callouts must use https' },
  { name: 'ApexOpenRedirect', why: 'a PageReference must not redirect to a URL taken from input' },
  { name: 'ApexXSSFromEscapeFalse', why: 'no unescaped output of user data' },
  { name: 'ApexXSSFromURLParam', why: 'URL parameters must be escaped before use' },
  { name: 'ApexBadCrypto', why: 'no hard-coded keys or initialisation vectors' },
  {
    name: 'ApexSuggestUsingNamedCred',
    why: 'credentials belong in Named Credentials, not in Apex headers',
  },
  { name: 'ApexCSRF', why: 'no DML in constructors or page init, where a GET could trigger it' },
  {
    name: 'ApexDangerousMethods',
    why: 'no FeatureManagement.changeProtection, Configuration.disableTriggerCRUDSecurity, or debug of secrets',
  },
  // Performance: governor limits. The close engine runs under data loads of 200 records a chunk.
  {
    name: 'OperationWithLimitsInLoop',
    why: 'SOQL, SOSL, DML and other limited operations inside loops (PMD 6: AvoidSoqlInLoops, AvoidDmlStatementsInLoops)',
  },
  {
    name: 'OperationWithHighCostInLoop',
    why: 'describe calls (Schema.getGlobalDescribe and friends) inside loops burn CPU time',
  },
  {
    name: 'AvoidDirectAccessTriggerMap',
    why: 'Trigger.new[0] handles one record of a bulk trigger: iterate instead',
  },
  // Error-prone code.
  { name: 'EmptyCatchBlock', why: 'a swallowed exception hides a failed close or handoff' },
  { name: 'AvoidHardcodingId', why: 'record ids differ between orgs' },
  {
    name: 'AvoidStatefulDatabaseResult',
    why: 'Database results kept in Database.Stateful batches blow the heap',
  },
  {
    name: 'OverrideBothEqualsAndHashcode',
    why: 'a class used in sets or as map keys needs both or neither',
  },
  {
    name: 'InaccessibleAuraEnabledGetter',
    why: 'an @AuraEnabled property with a private getter reaches the wizard as undefined',
  },
  { name: 'AvoidNonExistentAnnotations', why: 'a misspelt annotation is ignored silently' },
  { name: 'UnusedLocalVariable', why: 'dead code in a class is a sign of an unfinished change' },
  // Tests: they are the only proof the org gate runs; they must prove something.
  {
    name: 'ApexUnitTestClassShouldHaveAsserts',
    why: 'a test method without an assertion only proves the code did not throw',
  },
  {
    name: 'ApexUnitTestShouldNotUseSeeAllDataTrue',
    why: 'tests create their own data so they pass in any org',
  },
  {
    name: 'ApexUnitTestMethodShouldHaveIsTestAnnotation',
    why: 'a test method without @IsTest never runs',
  },
  {
    name: 'TestMethodsMustBeInTestClasses',
    why: 'test methods outside an @IsTest class never run',
  },
  {
    name: 'ApexAssertionsShouldIncludeMessage',
    why: 'a failing assertion in an org run must say what it expected, since nobody can debug it here',
  },
  // Design and documentation the project's quality bar asks for.
  {
    name: 'ApexDoc',
    why: 'ApexDoc (@description, @param, @return) on every public class and method',
  },
  {
    name: 'AvoidLogicInTrigger',
    why: 'triggers delegate to a handler class, which tests can call and flows cannot bypass',
  },
  {
    name: 'AvoidGlobalModifier',
    why: 'global locks the API of a managed package forever; public suffices here',
  },
];
