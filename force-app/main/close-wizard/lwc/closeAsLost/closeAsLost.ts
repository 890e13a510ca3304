/**
 * Entry point of the `Close as Lost` quick action. A screen quick action cannot pass parameters
 * to its component, so this thin wrapper fixes the outcome and hands the record to closeWizard.
 */
import { LightningElement, api } from 'lwc';

export default class CloseAsLost extends LightningElement {
  @api recordId: string | undefined;
}
