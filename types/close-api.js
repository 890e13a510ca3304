/**
 * The JSON shapes of the close API: what `CloseOpportunityController` (Apex) returns to the
 * wizard and what the invocable action `CloseOpportunityAction` accepts over REST.
 * Shared, type-only, by the LWC wizard and the jsforce scripts. Keep in step with the Apex DTOs
 * (`CloseRequest`, `CloseResult`, `CloseContext`) and docs/data-model.md.
 */
export {};
