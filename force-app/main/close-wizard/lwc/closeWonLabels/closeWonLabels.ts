/**
 * Service component (no template): every user-facing text of the Close Won components, as custom
 * labels (category `CloseWon`, force-app/main/close-wizard/labels), imported as `c/closeWonLabels`.
 * Templates with {0}, {1} are filled by `formatLabel` (c/closeWonUtils). Its own bundle so that the
 * label imports count once, here, and not in the budget of every component that shows text.
 */
import CloseWon_AcknowledgeWarnings from '@salesforce/label/c.CloseWon_AcknowledgeWarnings';
import CloseWon_Amount from '@salesforce/label/c.CloseWon_Amount';
import CloseWon_Back from '@salesforce/label/c.CloseWon_Back';
import CloseWon_BlockingHeading from '@salesforce/label/c.CloseWon_BlockingHeading';
import CloseWon_Cancel from '@salesforce/label/c.CloseWon_Cancel';
import CloseWon_CannotClose from '@salesforce/label/c.CloseWon_CannotClose';
import CloseWon_Channel from '@salesforce/label/c.CloseWon_Channel';
import CloseWon_ChoosePlaceholder from '@salesforce/label/c.CloseWon_ChoosePlaceholder';
import CloseWon_CloseDate from '@salesforce/label/c.CloseWon_CloseDate';
import CloseWon_ClosedBy from '@salesforce/label/c.CloseWon_ClosedBy';
import CloseWon_ClosedLost from '@salesforce/label/c.CloseWon_ClosedLost';
import CloseWon_ClosedOn from '@salesforce/label/c.CloseWon_ClosedOn';
import CloseWon_ClosedWon from '@salesforce/label/c.CloseWon_ClosedWon';
import CloseWon_Competitor from '@salesforce/label/c.CloseWon_Competitor';
import CloseWon_CompetitorName from '@salesforce/label/c.CloseWon_CompetitorName';
import CloseWon_CompetitorOther from '@salesforce/label/c.CloseWon_CompetitorOther';
import CloseWon_ContractAttached from '@salesforce/label/c.CloseWon_ContractAttached';
import CloseWon_ContractStartDate from '@salesforce/label/c.CloseWon_ContractStartDate';
import CloseWon_ContractTerm from '@salesforce/label/c.CloseWon_ContractTerm';
import CloseWon_DecisionFactors from '@salesforce/label/c.CloseWon_DecisionFactors';
import CloseWon_Done from '@salesforce/label/c.CloseWon_Done';
import CloseWon_ErrorAcknowledge from '@salesforce/label/c.CloseWon_ErrorAcknowledge';
import CloseWon_ErrorCompetitorName from '@salesforce/label/c.CloseWon_ErrorCompetitorName';
import CloseWon_ErrorDate from '@salesforce/label/c.CloseWon_ErrorDate';
import CloseWon_ErrorDecisionFactors from '@salesforce/label/c.CloseWon_ErrorDecisionFactors';
import CloseWon_ErrorExplanationLength from '@salesforce/label/c.CloseWon_ErrorExplanationLength';
import CloseWon_ErrorLossReason from '@salesforce/label/c.CloseWon_ErrorLossReason';
import CloseWon_ErrorRequired from '@salesforce/label/c.CloseWon_ErrorRequired';
import CloseWon_ErrorTerm from '@salesforce/label/c.CloseWon_ErrorTerm';
import CloseWon_Explanation from '@salesforce/label/c.CloseWon_Explanation';
import CloseWon_ExplanationCount from '@salesforce/label/c.CloseWon_ExplanationCount';
import CloseWon_ExplanationHelp from '@salesforce/label/c.CloseWon_ExplanationHelp';
import CloseWon_FixLink from '@salesforce/label/c.CloseWon_FixLink';
import CloseWon_HistoryBy from '@salesforce/label/c.CloseWon_HistoryBy';
import CloseWon_HistoryEmpty from '@salesforce/label/c.CloseWon_HistoryEmpty';
import CloseWon_HistoryTitle from '@salesforce/label/c.CloseWon_HistoryTitle';
import CloseWon_LoadError from '@salesforce/label/c.CloseWon_LoadError';
import CloseWon_Loading from '@salesforce/label/c.CloseWon_Loading';
import CloseWon_LossReason from '@salesforce/label/c.CloseWon_LossReason';
import CloseWon_Next from '@salesforce/label/c.CloseWon_Next';
import CloseWon_Outcome from '@salesforce/label/c.CloseWon_Outcome';
import CloseWon_OutcomeLost from '@salesforce/label/c.CloseWon_OutcomeLost';
import CloseWon_OutcomeReopened from '@salesforce/label/c.CloseWon_OutcomeReopened';
import CloseWon_OutcomeWon from '@salesforce/label/c.CloseWon_OutcomeWon';
import CloseWon_ReadyToClose from '@salesforce/label/c.CloseWon_ReadyToClose';
import CloseWon_Reopen from '@salesforce/label/c.CloseWon_Reopen';
import CloseWon_ReopenMessage from '@salesforce/label/c.CloseWon_ReopenMessage';
import CloseWon_ReopenReason from '@salesforce/label/c.CloseWon_ReopenReason';
import CloseWon_ReopenSuccess from '@salesforce/label/c.CloseWon_ReopenSuccess';
import CloseWon_ReviewAssets from '@salesforce/label/c.CloseWon_ReviewAssets';
import CloseWon_ReviewCampaign from '@salesforce/label/c.CloseWon_ReviewCampaign';
import CloseWon_ReviewContract from '@salesforce/label/c.CloseWon_ReviewContract';
import CloseWon_ReviewContractFile from '@salesforce/label/c.CloseWon_ReviewContractFile';
import CloseWon_ReviewEvent from '@salesforce/label/c.CloseWon_ReviewEvent';
import CloseWon_ReviewHandoff from '@salesforce/label/c.CloseWon_ReviewHandoff';
import CloseWon_ReviewIntro from '@salesforce/label/c.CloseWon_ReviewIntro';
import CloseWon_ReviewLock from '@salesforce/label/c.CloseWon_ReviewLock';
import CloseWon_ReviewNoContractFile from '@salesforce/label/c.CloseWon_ReviewNoContractFile';
import CloseWon_ReviewOpportunity from '@salesforce/label/c.CloseWon_ReviewOpportunity';
import CloseWon_ReviewOrderMany from '@salesforce/label/c.CloseWon_ReviewOrderMany';
import CloseWon_ReviewOrderOne from '@salesforce/label/c.CloseWon_ReviewOrderOne';
import CloseWon_ReviewTermMany from '@salesforce/label/c.CloseWon_ReviewTermMany';
import CloseWon_ReviewTermOne from '@salesforce/label/c.CloseWon_ReviewTermOne';
import CloseWon_ReviewRevenueSchedules from '@salesforce/label/c.CloseWon_ReviewRevenueSchedules';
import CloseWon_ReviewStage from '@salesforce/label/c.CloseWon_ReviewStage';
import CloseWon_ReviewSurvey from '@salesforce/label/c.CloseWon_ReviewSurvey';
import CloseWon_ReviewTasks from '@salesforce/label/c.CloseWon_ReviewTasks';
import CloseWon_Saving from '@salesforce/label/c.CloseWon_Saving';
import CloseWon_SignedContract from '@salesforce/label/c.CloseWon_SignedContract';
import CloseWon_Stage from '@salesforce/label/c.CloseWon_Stage';
import CloseWon_StepDetails from '@salesforce/label/c.CloseWon_StepDetails';
import CloseWon_StepProgress from '@salesforce/label/c.CloseWon_StepProgress';
import CloseWon_StepReadiness from '@salesforce/label/c.CloseWon_StepReadiness';
import CloseWon_StepReview from '@salesforce/label/c.CloseWon_StepReview';
import CloseWon_SuccessLost from '@salesforce/label/c.CloseWon_SuccessLost';
import CloseWon_SuccessMessage from '@salesforce/label/c.CloseWon_SuccessMessage';
import CloseWon_SuccessWon from '@salesforce/label/c.CloseWon_SuccessWon';
import CloseWon_SummaryLoadError from '@salesforce/label/c.CloseWon_SummaryLoadError';
import CloseWon_SummaryOpen from '@salesforce/label/c.CloseWon_SummaryOpen';
import CloseWon_SummaryTitle from '@salesforce/label/c.CloseWon_SummaryTitle';
import CloseWon_SwitchOutcome from '@salesforce/label/c.CloseWon_SwitchOutcome';
import CloseWon_SwitchOutcomeNoReopen from '@salesforce/label/c.CloseWon_SwitchOutcomeNoReopen';
import CloseWon_TitleLost from '@salesforce/label/c.CloseWon_TitleLost';
import CloseWon_TitleWon from '@salesforce/label/c.CloseWon_TitleWon';
import CloseWon_UnexpectedError from '@salesforce/label/c.CloseWon_UnexpectedError';
import CloseWon_WarningsHeading from '@salesforce/label/c.CloseWon_WarningsHeading';
// Issue 11, 3.10: the one-step outcome switch of a closed deal.
import CloseWon_ChangeOutcome from '@salesforce/label/c.CloseWon_ChangeOutcome';
import CloseWon_ChangeOutcomeKeeps from '@salesforce/label/c.CloseWon_ChangeOutcomeKeeps';
import CloseWon_ChangeOutcomeNote from '@salesforce/label/c.CloseWon_ChangeOutcomeNote';
import CloseWon_ChangeOutcomeReason from '@salesforce/label/c.CloseWon_ChangeOutcomeReason';
import CloseWon_ChangeOutcomeSuccess from '@salesforce/label/c.CloseWon_ChangeOutcomeSuccess';
import CloseWon_BlockerIcon from '@salesforce/label/c.CloseWon_BlockerIcon';
import CloseWon_WarningIcon from '@salesforce/label/c.CloseWon_WarningIcon';
import CloseWon_NextBlockedOne from '@salesforce/label/c.CloseWon_NextBlockedOne';
import CloseWon_NextBlockedMany from '@salesforce/label/c.CloseWon_NextBlockedMany';
import CloseWon_CheckAgain from '@salesforce/label/c.CloseWon_CheckAgain';
import CloseWon_CheckAgainHelp from '@salesforce/label/c.CloseWon_CheckAgainHelp';
import CloseWon_Checking from '@salesforce/label/c.CloseWon_Checking';
import CloseWon_CheckedAgain from '@salesforce/label/c.CloseWon_CheckedAgain';
import CloseWon_OpensInNewTab from '@salesforce/label/c.CloseWon_OpensInNewTab';
import CloseWon_RemoveFile from '@salesforce/label/c.CloseWon_RemoveFile';
import CloseWon_ReplaceFile from '@salesforce/label/c.CloseWon_ReplaceFile';
import CloseWon_KeepFile from '@salesforce/label/c.CloseWon_KeepFile';
import CloseWon_ReplacementFile from '@salesforce/label/c.CloseWon_ReplacementFile';
import CloseWon_ReplaceHelp from '@salesforce/label/c.CloseWon_ReplaceHelp';
import CloseWon_FileRemoved from '@salesforce/label/c.CloseWon_FileRemoved';
import CloseWon_FileReplaced from '@salesforce/label/c.CloseWon_FileReplaced';
import CloseWon_FileKept from '@salesforce/label/c.CloseWon_FileKept';
import CloseWon_FileKeptTitle from '@salesforce/label/c.CloseWon_FileKeptTitle';
import CloseWon_ErrorButton from '@salesforce/label/c.CloseWon_ErrorButton';
import CloseWon_ErrorPopoverName from '@salesforce/label/c.CloseWon_ErrorPopoverName';
import CloseWon_ErrorClosePopover from '@salesforce/label/c.CloseWon_ErrorClosePopover';
import CloseWon_ErrorSnagHeading from '@salesforce/label/c.CloseWon_ErrorSnagHeading';
import CloseWon_ErrorReviewFields from '@salesforce/label/c.CloseWon_ErrorReviewFields';
import CloseWon_ErrorCloseFailed from '@salesforce/label/c.CloseWon_ErrorCloseFailed';
import CloseWon_ErrorReopenFailed from '@salesforce/label/c.CloseWon_ErrorReopenFailed';
import CloseWon_ErrorAdminMessage from '@salesforce/label/c.CloseWon_ErrorAdminMessage';
import CloseWon_ErrorWithId from '@salesforce/label/c.CloseWon_ErrorWithId';
import CloseWon_ErrorNoDetails from '@salesforce/label/c.CloseWon_ErrorNoDetails';

export const LABELS = {
  acknowledgeWarnings: CloseWon_AcknowledgeWarnings,
  amount: CloseWon_Amount,
  back: CloseWon_Back,
  blockingHeading: CloseWon_BlockingHeading,
  cancel: CloseWon_Cancel,
  cannotClose: CloseWon_CannotClose,
  channel: CloseWon_Channel,
  choosePlaceholder: CloseWon_ChoosePlaceholder,
  closeDate: CloseWon_CloseDate,
  closedBy: CloseWon_ClosedBy,
  closedLost: CloseWon_ClosedLost,
  closedOn: CloseWon_ClosedOn,
  closedWon: CloseWon_ClosedWon,
  competitor: CloseWon_Competitor,
  competitorName: CloseWon_CompetitorName,
  competitorOther: CloseWon_CompetitorOther,
  contractAttached: CloseWon_ContractAttached,
  contractStartDate: CloseWon_ContractStartDate,
  contractTerm: CloseWon_ContractTerm,
  decisionFactors: CloseWon_DecisionFactors,
  done: CloseWon_Done,
  errorAcknowledge: CloseWon_ErrorAcknowledge,
  errorCompetitorName: CloseWon_ErrorCompetitorName,
  errorDate: CloseWon_ErrorDate,
  errorDecisionFactors: CloseWon_ErrorDecisionFactors,
  errorExplanationLength: CloseWon_ErrorExplanationLength,
  errorLossReason: CloseWon_ErrorLossReason,
  errorRequired: CloseWon_ErrorRequired,
  errorTerm: CloseWon_ErrorTerm,
  explanation: CloseWon_Explanation,
  explanationCount: CloseWon_ExplanationCount,
  explanationHelp: CloseWon_ExplanationHelp,
  fixLink: CloseWon_FixLink,
  historyBy: CloseWon_HistoryBy,
  historyEmpty: CloseWon_HistoryEmpty,
  historyTitle: CloseWon_HistoryTitle,
  loadError: CloseWon_LoadError,
  loading: CloseWon_Loading,
  lossReason: CloseWon_LossReason,
  next: CloseWon_Next,
  outcome: CloseWon_Outcome,
  outcomeLost: CloseWon_OutcomeLost,
  outcomeReopened: CloseWon_OutcomeReopened,
  outcomeWon: CloseWon_OutcomeWon,
  readyToClose: CloseWon_ReadyToClose,
  reopen: CloseWon_Reopen,
  reopenMessage: CloseWon_ReopenMessage,
  reopenReason: CloseWon_ReopenReason,
  reopenSuccess: CloseWon_ReopenSuccess,
  reviewAssets: CloseWon_ReviewAssets,
  reviewCampaign: CloseWon_ReviewCampaign,
  reviewContract: CloseWon_ReviewContract,
  reviewContractFile: CloseWon_ReviewContractFile,
  reviewEvent: CloseWon_ReviewEvent,
  reviewHandoff: CloseWon_ReviewHandoff,
  reviewIntro: CloseWon_ReviewIntro,
  reviewLock: CloseWon_ReviewLock,
  reviewNoContractFile: CloseWon_ReviewNoContractFile,
  reviewOpportunity: CloseWon_ReviewOpportunity,
  reviewOrderMany: CloseWon_ReviewOrderMany,
  reviewOrderOne: CloseWon_ReviewOrderOne,
  reviewTermMany: CloseWon_ReviewTermMany,
  reviewTermOne: CloseWon_ReviewTermOne,
  reviewRevenueSchedules: CloseWon_ReviewRevenueSchedules,
  reviewStage: CloseWon_ReviewStage,
  reviewSurvey: CloseWon_ReviewSurvey,
  reviewTasks: CloseWon_ReviewTasks,
  saving: CloseWon_Saving,
  signedContract: CloseWon_SignedContract,
  stage: CloseWon_Stage,
  stepDetails: CloseWon_StepDetails,
  stepProgress: CloseWon_StepProgress,
  stepReadiness: CloseWon_StepReadiness,
  stepReview: CloseWon_StepReview,
  successLost: CloseWon_SuccessLost,
  successMessage: CloseWon_SuccessMessage,
  successWon: CloseWon_SuccessWon,
  summaryLoadError: CloseWon_SummaryLoadError,
  summaryOpen: CloseWon_SummaryOpen,
  summaryTitle: CloseWon_SummaryTitle,
  switchOutcome: CloseWon_SwitchOutcome,
  switchOutcomeNoReopen: CloseWon_SwitchOutcomeNoReopen,
  titleLost: CloseWon_TitleLost,
  titleWon: CloseWon_TitleWon,
  unexpectedError: CloseWon_UnexpectedError,
  warningsHeading: CloseWon_WarningsHeading,
  changeOutcome: CloseWon_ChangeOutcome,
  changeOutcomeKeeps: CloseWon_ChangeOutcomeKeeps,
  changeOutcomeNote: CloseWon_ChangeOutcomeNote,
  changeOutcomeReason: CloseWon_ChangeOutcomeReason,
  changeOutcomeSuccess: CloseWon_ChangeOutcomeSuccess,
  blockerIcon: CloseWon_BlockerIcon,
  warningIcon: CloseWon_WarningIcon,
  nextBlockedOne: CloseWon_NextBlockedOne,
  nextBlockedMany: CloseWon_NextBlockedMany,
  checkAgain: CloseWon_CheckAgain,
  checkAgainHelp: CloseWon_CheckAgainHelp,
  checking: CloseWon_Checking,
  checkedAgain: CloseWon_CheckedAgain,
  opensInNewTab: CloseWon_OpensInNewTab,
  removeFile: CloseWon_RemoveFile,
  replaceFile: CloseWon_ReplaceFile,
  keepFile: CloseWon_KeepFile,
  replacementFile: CloseWon_ReplacementFile,
  replaceHelp: CloseWon_ReplaceHelp,
  fileRemoved: CloseWon_FileRemoved,
  fileReplaced: CloseWon_FileReplaced,
  fileKept: CloseWon_FileKept,
  fileKeptTitle: CloseWon_FileKeptTitle,
  errorButton: CloseWon_ErrorButton,
  errorPopoverName: CloseWon_ErrorPopoverName,
  errorClosePopover: CloseWon_ErrorClosePopover,
  errorSnagHeading: CloseWon_ErrorSnagHeading,
  errorReviewFields: CloseWon_ErrorReviewFields,
  errorCloseFailed: CloseWon_ErrorCloseFailed,
  errorReopenFailed: CloseWon_ErrorReopenFailed,
  errorAdminMessage: CloseWon_ErrorAdminMessage,
  errorWithId: CloseWon_ErrorWithId,
  errorNoDetails: CloseWon_ErrorNoDetails,
} as const;
