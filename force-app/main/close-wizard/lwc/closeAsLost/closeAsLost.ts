/**
 * Entry point of the `Close as Lost` quick action. A screen quick action cannot pass parameters
 * to its component, so this thin wrapper fixes the outcome, hands the record to closeWizard, and
 * closes the action when the wizard is done (CloseActionScreenEvent from the launched component).
 */
import { LightningElement, api } from 'lwc';
import { CloseActionScreenEvent } from 'lightning/actions';

export default class CloseAsLost extends LightningElement {
  @api recordId: string | undefined;

  handleDone(): void {
    this.dispatchEvent(new CloseActionScreenEvent());
  }
}
