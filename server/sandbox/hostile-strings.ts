/**
 * Strings that a careless UI would run, or that break its layout: the
 * sandbox's `hostile` data set writes every one of them into every string
 * field the dashboard shows. Each must come out as plain, inert text.
 *
 * A payload that would run sets `window.__xss` (or opens a dialog), so a
 * browser journey can tell that it ran.
 */

export type HostileKind =
  | 'script'
  | 'event-handler'
  | 'javascript-url'
  | 'svg'
  | 'iframe'
  | 'attribute-breakout'
  | 'template'
  | 'css'
  | 'markup'
  | 'bidi'
  | 'zero-width'
  | 'long'
  | 'csv-formula'
  | 'sql'
  | 'json'
  | 'emoji'
  | 'prototype'

export interface HostileString {
  kind: HostileKind
  text: string
}

/** The global a payload sets when it runs. */
export const XSS_MARKER = '__xss'

/** 5,000 characters without a space: nothing to wrap at. */
const LONG_UNBROKEN = `Long-${'W'.repeat(4_991)}-end`
/** 2,000 characters of words: wraps, but only so far. */
const LONG_WORDS = 'very long name that goes on '.repeat(72).slice(0, 2_000)

export const HOSTILE_STRINGS: readonly HostileString[] = [
  { kind: 'script', text: '<script>window.__xss=1</script>' },
  { kind: 'script', text: "<script>alert('xss')</script>" },
  { kind: 'script', text: '</script><script>window.__xss=1</script>' },
  {
    kind: 'script',
    text: '<script src="data:text/javascript,window.__xss=1"></script>',
  },
  { kind: 'script', text: '<scr<script>ipt>window.__xss=1</scr</script>ipt>' },
  { kind: 'script', text: '<<script>script>window.__xss=1<</script>/script>' },
  { kind: 'event-handler', text: '<img src=x onerror=window.__xss=1>' },
  { kind: 'event-handler', text: '<img src=x onerror="alert(1)">' },
  { kind: 'event-handler', text: '<body onload=window.__xss=1>' },
  {
    kind: 'event-handler',
    text: '<div onmouseover="window.__xss=1">hover me</div>',
  },
  { kind: 'event-handler', text: '<input autofocus onfocus=window.__xss=1>' },
  { kind: 'event-handler', text: '<details open ontoggle=window.__xss=1>' },
  {
    kind: 'event-handler',
    text: '<video><source onerror="window.__xss=1"></video>',
  },
  { kind: 'javascript-url', text: 'javascript:window.__xss=1' },
  { kind: 'javascript-url', text: 'javascript:alert(document.domain)' },
  {
    kind: 'javascript-url',
    text: 'JaVaScRiPt:window.__xss=1//https://example.com',
  },
  { kind: 'javascript-url', text: 'java\tscript:window.__xss=1' },
  {
    kind: 'javascript-url',
    text: '<a href="javascript:window.__xss=1">click me</a>',
  },
  {
    kind: 'javascript-url',
    text: 'data:text/html,<script>window.__xss=1</script>',
  },
  { kind: 'svg', text: '<svg onload=window.__xss=1>' },
  { kind: 'svg', text: '<svg><script>window.__xss=1</script></svg>' },
  {
    kind: 'svg',
    text: '<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>',
  },
  {
    kind: 'svg',
    text: '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  },
  {
    kind: 'iframe',
    text: '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  },
  { kind: 'iframe', text: '<iframe src="javascript:parent.__xss=1"></iframe>' },
  {
    kind: 'iframe',
    text: '<object data="javascript:window.__xss=1"></object>',
  },
  {
    kind: 'iframe',
    text: '<embed src="data:text/html,<script>parent.__xss=1</script>">',
  },
  { kind: 'attribute-breakout', text: '"><img src=x onerror=window.__xss=1>' },
  { kind: 'attribute-breakout', text: "'><svg onload=window.__xss=1>" },
  {
    kind: 'attribute-breakout',
    text: '" onmouseover="window.__xss=1" data-x="',
  },
  { kind: 'attribute-breakout', text: "' autofocus onfocus='window.__xss=1" },
  {
    kind: 'attribute-breakout',
    text: '</textarea><script>window.__xss=1</script>',
  },
  { kind: 'template', text: "{{constructor.constructor('window.__xss=1')()}}" },
  { kind: 'template', text: '${window.__xss=1}' },
  { kind: 'template', text: '<%= window.__xss=1 %> #{window.__xss=1}' },
  { kind: 'template', text: '{{7*7}} [[7*7]] ${7*7} {7*7}' },
  { kind: 'css', text: '<style>*{display:none!important}</style>' },
  {
    kind: 'css',
    text: '<div style="position:fixed;inset:0;background:red">overlay</div>',
  },
  {
    kind: 'css',
    text: 'x" style="background:url(javascript:window.__xss=1)',
  },
  {
    kind: 'css',
    text: '</style><style>body{background:url("//evil.test/x")}</style>',
  },
  { kind: 'markup', text: '&lt;script&gt;window.__xss=1&lt;/script&gt;' },
  { kind: 'markup', text: '<!-- comment --><b>bold</b> & <i>"quoted"</i>' },
  {
    kind: 'markup',
    text: '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  },
  {
    kind: 'markup',
    text: '<form action="javascript:window.__xss=1"><button>go</button></form>',
  },
  { kind: 'markup', text: '%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E' },
  { kind: 'markup', text: 'line one\r\nline two\tand a tab' },
  { kind: 'bidi', text: 'invoice\u202egpj.exe' },
  { kind: 'bidi', text: '\u202eright-to-left override never closed' },
  { kind: 'bidi', text: 'isolates \u2067never \u2066closed either' },
  { kind: 'bidi', text: 'مكتب الاستقبال <b>عالم</b> 123' },
  { kind: 'bidi', text: 'שלום \u200f· mixed direction (עברית) text' },
  {
    kind: 'zero-width',
    text: 'zero\u200bwidth\u200cnon\u200djoiner\ufeffbom',
  },
  { kind: 'zero-width', text: '\u2060word\u2060joiner\u2060\u00ad' },
  {
    kind: 'zero-width',
    text: 'Z\u0335\u0321\u032aa\u0336l\u0337g\u0335o\u0338 c\u0301\u0301\u0301\u0301\u0301\u0301ombining',
  },
  { kind: 'long', text: LONG_UNBROKEN },
  { kind: 'long', text: LONG_WORDS },
  { kind: 'csv-formula', text: "=cmd|' /C calc'!A0" },
  { kind: 'csv-formula', text: "+SUM(1+1)*cmd|' /C calc'!A0" },
  { kind: 'csv-formula', text: "-2+3+cmd|' /C calc'!A0" },
  { kind: 'csv-formula', text: "@SUM(1+1)*cmd|' /C calc'!A0" },
  { kind: 'csv-formula', text: '=HYPERLINK("http://evil.test","click")' },
  { kind: 'sql', text: "' OR 1=1 --" },
  { kind: 'sql', text: "'; DROP TABLE connected_accounts; --" },
  { kind: 'sql', text: '" OR ""=" %_ LIKE' },
  { kind: 'json', text: '"}]},"ok":false,"x":{"' },
  { kind: 'json', text: 'C:\\Users\\"quoted"\\\\ \\u0000 \\n' },
  { kind: 'json', text: 'line\u2028separator\u2029paragraph' },
  { kind: 'emoji', text: '👩‍👩‍👧‍👦 family 🏳️‍🌈 flag 👨🏽‍💻 coder' },
  { kind: 'emoji', text: '🇺🇸🇩🇪🇯🇵 🧑‍🤝‍🧑 🔑🏖️🌊' },
  { kind: 'prototype', text: 'constructor' },
  { kind: 'prototype', text: 'hasOwnProperty' },
  { kind: 'prototype', text: 'toString' },
]

/**
 * The string fields the dashboard shows, with the longest value Seam accepts
 * for each where it has a limit (in characters, as Seam counts them). A
 * payload longer than a field's limit is cut to it there.
 */
export const HOSTILE_FIELDS = {
  display_name: 255,
  account_type_display_name: null,
  customer_key: 255,
  metadata_key: 40,
  metadata_value: 500,
  user_identifier_key: 255,
  email: null,
  phone: null,
  username: null,
  error_message: null,
  warning_message: null,
  site_name: null,
} as const satisfies Record<string, number | null>

export type HostileField = keyof typeof HOSTILE_FIELDS

/** The payload as it goes into `field`: whole, or cut to the field's limit. */
export function hostileValue(payload: string, field: HostileField): string {
  const max = HOSTILE_FIELDS[field]
  if (max === null) return payload
  const characters = Array.from(payload)
  return characters.length <= max ? payload : characters.slice(0, max).join('')
}
