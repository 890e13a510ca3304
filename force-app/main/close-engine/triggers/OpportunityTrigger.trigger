/**
 * The only trigger on Opportunity: every phase is handled by OpportunityTriggerHandler.
 * After insert covers records created already closed (data loads of historical deals).
 */
trigger OpportunityTrigger on Opportunity(
  before insert,
  before update,
  after insert,
  after update
) {
  OpportunityTriggerHandler.handle(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
