const BASE = 'http://dashboard.invalid'
/** Longer addresses are not followed back after sign-in. */
export const MAX_RETURN_TO_LENGTH = 2048

/**
 * Where to send a person after sign-in: a path of this dashboard, with its
 * query, or `/`. Anything that could leave the site (`//host`, `/\host`,
 * `https://…`) or lead back into sign-in is replaced by `/`.
 */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || value.length > MAX_RETURN_TO_LENGTH) return '/'
  if (!value.startsWith('/') || value.startsWith('//')) return '/'
  // Browsers read `\` as `/`, and control characters are dropped from URLs.
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/'
  let url: URL
  try {
    url = new URL(value, BASE)
  } catch {
    return '/'
  }
  if (url.origin !== BASE) return '/'
  if (url.pathname.startsWith('/auth/') || url.pathname.startsWith('/api/')) {
    return '/'
  }
  return `${url.pathname}${url.search}`
}
