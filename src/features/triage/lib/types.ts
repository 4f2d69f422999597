// The wire shape of `/api/dashboard/triage` is defined once, by the server
// that produces it; a type-only import adds nothing to the bundle.
export type {
  ProblemCount,
  SaltoKsSite,
  SaltoKsSiteReport,
  TriageAccount,
  TriageAccountError,
  TriageAccountWarning,
  TriageData,
  TriageFailure,
  TriageProgress,
  TriageState,
  TriageTotals,
} from '../../../../server/triage/model'
