/**
 * The only trigger on Opportunity: delegates every phase to OpportunityTriggerHandler.
 * After insert covers records created already closed (data loads of historical deals).
 */
trigger OpportunityTrigger on Opportunity(
  before insert,
  before update,
  after insert,
  after update
) {
  switch on Trigger.operationType {
    when BEFORE_INSERT {
      OpportunityTriggerHandler.beforeInsert(Trigger.new);
    }
    when BEFORE_UPDATE {
      OpportunityTriggerHandler.beforeUpdate(Trigger.new, Trigger.oldMap);
    }
    when AFTER_INSERT {
      OpportunityTriggerHandler.afterSave(Trigger.new, null);
    }
    when AFTER_UPDATE {
      OpportunityTriggerHandler.afterSave(Trigger.new, Trigger.oldMap);
    }
  }
}
