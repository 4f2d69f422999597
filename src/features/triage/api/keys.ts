/** Shaped like the API path, general to specific. */
export const triageKeys = {
  all: ['dashboard', 'triage'] as const,
}
