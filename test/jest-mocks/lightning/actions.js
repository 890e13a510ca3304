// Jest stub of lightning/actions (sfdx-lwc-jest does not ship one).
export const CloseActionScreenEvent = class extends CustomEvent {
  constructor() {
    super('close');
  }
};
