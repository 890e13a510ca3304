/**
 * The only trigger on OpportunityLineItem: keeps the products of closed opportunities locked.
 */
trigger OpportunityLineItemTrigger on OpportunityLineItem(
  before insert,
  before update,
  before delete
) {
  OpportunityLineItemLockGuard.enforce(Trigger.isDelete ? Trigger.old : Trigger.new);
}
