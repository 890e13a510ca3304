/**
 * The elements of Flow metadata whose text is a reference to a resource of the flow — a
 * variable, element, constant or formula, optionally followed by a field path
 * (`$Record.Account.Name`). Read by `references` (the field paths) and `flow-structure` (the
 * resource each one names).
 */
export const FLOW_REFERENCE_ELEMENTS: readonly string[] = [
  'elementReference',
  'leftValueReference',
  'assignToReference',
  'inputReference',
  'outputReference',
  'collectionReference',
  'assignNextValueToReference',
];
