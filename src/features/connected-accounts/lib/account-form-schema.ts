import { z } from 'zod'

/**
 * The sandbox's (and Seam's) limits for what the detail page edits, in one
 * place, so the forms refuse exactly what the server would.
 */
export const METADATA_MAX_KEYS = 50
export const METADATA_KEY_MAX = 40
export const METADATA_VALUE_MAX = 500
export const DISPLAY_NAME_MAX = 255

/** Limits count characters as a person does (code points), not UTF-16 units. */
export const characterCount = (value: string): number =>
  Array.from(value).length

/** Empty once whitespace and invisible format characters are ignored. */
export const isBlank = (value: string): boolean =>
  /^[\s\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]*$/u.test(value)

export type MetadataValueType = 'string' | 'boolean'

/** One editable pair; the text and the flag both stay while the type flips. */
export interface MetadataRow {
  /** Stable across renames, for React keys and labels. */
  id: string
  key: string
  type: MetadataValueType
  text: string
  flag: boolean
}

const metadataRowSchema = z
  .object({
    id: z.string(),
    key: z
      .string()
      .refine((key) => key.length > 0, 'Enter a key')
      .refine(
        (key) => characterCount(key) <= METADATA_KEY_MAX,
        (key) => ({
          message: `Keys can be at most ${METADATA_KEY_MAX} characters (this one has ${characterCount(key)})`,
        }),
      )
      .refine((key) => key !== '__proto__', '__proto__ cannot be a key'),
    type: z.enum(['string', 'boolean']),
    text: z.string(),
    flag: z.boolean(),
  })
  .superRefine((row, ctx) => {
    const length = characterCount(row.text)
    if (row.type === 'string' && length > METADATA_VALUE_MAX) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['text'],
        message: `Values can be at most ${METADATA_VALUE_MAX} characters (this one has ${length})`,
      })
    }
  })

export const metadataFormSchema = z
  .object({
    rows: z
      .array(metadataRowSchema)
      .max(
        METADATA_MAX_KEYS,
        `Custom metadata can hold at most ${METADATA_MAX_KEYS} pairs`,
      ),
  })
  .superRefine(({ rows }, ctx) => {
    const seen = new Set<string>()
    rows.forEach((row, index) => {
      if (row.key === '') return
      if (seen.has(row.key)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['rows', index, 'key'],
          message: 'Another row already uses this key',
        })
      }
      seen.add(row.key)
    })
  })

export const displayNameSchema = z
  .string()
  .refine((name) => name.length > 0, 'Enter a display name')
  .refine(
    (name) => characterCount(name) <= DISPLAY_NAME_MAX,
    (name) => ({
      message: `Display names can be at most ${DISPLAY_NAME_MAX} characters (this one has ${characterCount(name)})`,
    }),
  )
  .refine(
    (name) => name.length === 0 || !isBlank(name),
    'A display name needs visible characters, not only spaces',
  )

/**
 * Errors by place: `form` for the whole editor, `<row id>.key` and
 * `<row id>.text` for one field.
 */
export type MetadataFormErrors = Record<string, string>

export const FORM_ERROR = 'form'

export function validateMetadataRows(
  rows: readonly MetadataRow[],
): MetadataFormErrors {
  const result = metadataFormSchema.safeParse({ rows })
  if (result.success) return {}
  const errors: MetadataFormErrors = {}
  for (const issue of result.error.issues) {
    const [first, index, field] = issue.path
    const row = typeof index === 'number' ? rows[index] : undefined
    const place =
      first === 'rows' && row && (field === 'key' || field === 'text')
        ? `${row.id}.${field}`
        : FORM_ERROR
    errors[place] ??= issue.message
  }
  return errors
}

export function validateDisplayName(name: string): string | null {
  const result = displayNameSchema.safeParse(name)
  return result.success ? null : (result.error.issues[0]?.message ?? null)
}

export type CustomMetadata = Record<string, string | boolean>

let nextRowId = 0
export const newRowId = (): string => `row-${++nextRowId}`

export function rowsFromMetadata(metadata: CustomMetadata): MetadataRow[] {
  return Object.entries(metadata).map(([key, value]) => ({
    id: newRowId(),
    key,
    type: typeof value === 'boolean' ? 'boolean' : 'string',
    text: typeof value === 'boolean' ? '' : value,
    flag: typeof value === 'boolean' ? value : false,
  }))
}

export function metadataFromRows(rows: readonly MetadataRow[]): CustomMetadata {
  const metadata: CustomMetadata = {}
  for (const row of rows) {
    // defineProperty: a plain assignment to "__proto__" would set the prototype.
    Object.defineProperty(metadata, row.key, {
      value: row.type === 'boolean' ? row.flag : row.text,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return metadata
}

/**
 * The server's `invalid_input` field errors placed on the rows they concern
 * (`custom_metadata.<key>` names a key; anything else is for the whole form).
 */
export function metadataServerErrors(
  fieldErrors: Readonly<Record<string, readonly string[]>>,
  rows: readonly MetadataRow[],
): MetadataFormErrors {
  const errors: MetadataFormErrors = {}
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const message = messages.join(' ')
    const row = rows.find((r) => field === `custom_metadata.${r.key}`)
    if (row) {
      const place = /\bkeys?\b/i.test(message) ? 'key' : 'text'
      errors[`${row.id}.${place}`] ??= message
    } else {
      errors[FORM_ERROR] = errors[FORM_ERROR]
        ? `${errors[FORM_ERROR]} ${message}`
        : message
    }
  }
  return errors
}
