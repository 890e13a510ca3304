/**
 * A closed feature gate for the base components (their own stub answers open). Used for
 * `bc.260.enableComboboxElementInternals`: with it open, lightning-combobox calls attachInternals(),
 * which synthetic shadow (what Lightning Experience runs) does not support.
 */
export default { isOpen: (): boolean => false };
