/**
 * The `<target>` names a Lightning web component's `.js-meta.xml` may declare, as documented by
 * Salesforce: "XML Configuration File Elements" of the LWC Developer Guide
 * (https://developer.salesforce.com/docs/platform/lwc/guide/reference-configuration-tags.html),
 * whose `targets` section links one page per target
 * (https://developer.salesforce.com/docs/platform/lwc/guide/targets-<name>.html), and the
 * product guides named below. The Metadata API declares `target` as a plain string (no enum in
 * the API 65.0 WSDL), so this list is the only source of truth offline. A real target missing here
 * is a false claim of the `lwc-contract` check: add it with the page that documents it.
 */

/** Target name → where it is documented (checked when the list was written, API 65.0). */
export const DOCUMENTED_TARGETS: Readonly<Record<string, string>> = {
  analytics__Dashboard:
    'lwc/guide/use-analytics-dashboard (CRM Analytics and Lightning dashboards)',
  lightning__AgentforceInput: 'lwc/guide/targets-lightning-agentforce-input',
  lightning__AgentforceOutput: 'lwc/guide/targets-lightning-agentforce-output',
  lightning__AppPage: 'lwc/guide/targets-lightning-app-page',
  lightning__FlowAction: 'lwc/guide/use-flow-markup-actions (flow local actions)',
  lightning__FlowScreen: 'lwc/guide/reference-configuration-tags',
  lightning__GlobalAction: 'lwc/guide/targets-lightning-global-action (Field Service mobile app)',
  lightning__HomePage: 'lwc/guide/reference-configuration-tags',
  lightning__Inbox: 'lwc/guide/use-config-for-app-builder-email-app-pane (Outlook and Gmail)',
  lightning__RecordAction: 'lwc/guide/targets-lightning-record-action',
  lightning__RecordPage: 'lwc/guide/targets-lightning-record-page',
  lightning__Tab: 'lwc/guide/reference-configuration-tags',
  lightning__UrlAddressable: 'lwc/guide/targets-lightning-url-addressable',
  lightning__UtilityBar: 'lwc/guide/reference-configuration-tags',
  lightning__VoiceExtension: 'lwc/guide/targets-lightning-voice-extension',
  lightningCommunity__Default: 'lwc/guide/reference-configuration-tags; exp-cloud-lwr guide',
  lightningCommunity__Page: 'lwc/guide/targets-lightning-community-page',
  lightningCommunity__Page_Layout: 'exp-cloud-lwr guide, Create Components for LWR Sites',
  lightningCommunity__Theme_Layout: 'exp-cloud-lwr guide, Create Components for LWR Sites',
  lightningSnapin__ChatHeader: 'Embedded Service for Web developer guide, Base Chat Header',
  lightningSnapin__ChatMessage: 'Embedded Service for Web developer guide, Base Chat Message',
  lightningSnapin__Minimized: 'Embedded Service for Web developer guide, Minimized',
  lightningSnapin__PreChat: 'Embedded Service for Web developer guide, Base Pre-Chat',
  lightningStatic__Email: 'lwc/guide/targets-lightning-static-email (Email Content Builder)',
};

const BY_LOWER_CASE = new Map(
  Object.keys(DOCUMENTED_TARGETS).map((name) => [name.toLowerCase(), name]),
);

/** The documented spelling of a target whose name differs only in case, if any. */
export function documentedSpelling(target: string): string | undefined {
  return BY_LOWER_CASE.get(target.toLowerCase());
}

export function isDocumentedTarget(target: string): boolean {
  return Object.prototype.hasOwnProperty.call(DOCUMENTED_TARGETS, target);
}

/**
 * Targets that take no `<property>` in their targetConfig, per their target pages
 * ("lightning__RecordAction doesn't support component properties", and likewise for global
 * actions, lightningCommunity__Page and lightning__UrlAddressable).
 */
export const TARGETS_WITHOUT_PROPERTIES = new Set([
  'lightning__RecordAction',
  'lightning__GlobalAction',
  'lightningCommunity__Page',
  'lightning__UrlAddressable',
]);

/**
 * FlexiPage `<type>` (API 65.0 WSDL `FlexiPageType`) → the target a component placed on such a
 * page must declare. Page types not listed here are only checked for `isExposed`.
 */
export const TARGET_OF_PAGE_TYPE: Readonly<Record<string, string>> = {
  AppPage: 'lightning__AppPage',
  HomePage: 'lightning__HomePage',
  RecordPage: 'lightning__RecordPage',
  UtilityBar: 'lightning__UtilityBar',
  MailAppAppPage: 'lightning__Inbox',
};
