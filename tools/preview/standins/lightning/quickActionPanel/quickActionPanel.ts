/**
 * Stand-in for `lightning-quick-action-panel` (not published outside Salesforce): the header,
 * body and footer of a screen quick action's modal, in SLDS modal markup. The page supplies the
 * modal container, backdrop and close button, as Lightning Experience does around the panel.
 */
import { LightningElement, api } from 'lwc';

export default class QuickActionPanel extends LightningElement {
  /** The title shown in the modal header. */
  @api header = '';
}
