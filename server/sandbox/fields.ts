import { schemas } from '@seamapi/types/connect'
import { z } from 'zod'

/** Field schemas whose messages name the field, so a 400 says what to fix. */

/** Limits count characters as a person does (code points), not UTF-16 units. */
export const characterCount = (value: string): number =>
  Array.from(value).length

/** Empty once whitespace and invisible format characters are ignored. */
export const isBlank = (value: string): boolean =>
  /^[\s\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]*$/u.test(value)

// Seam stores ids as UUIDs, so an id matches whatever its letter case.
export const uuidField = (name: string) =>
  z
    .string({
      required_error: `${name} is required`,
      invalid_type_error: `${name} must be a string`,
    })
    .uuid(`${name} must be a UUID`)
    .transform((value) => value.toLowerCase())

export const stringField = (
  name: string,
  { min = 1, max }: { min?: number; max: number },
) =>
  z
    .string({
      required_error: `${name} is required`,
      invalid_type_error: `${name} must be a string`,
    })
    .refine(
      (value) => characterCount(value) >= min,
      min === 1
        ? `${name} must not be empty`
        : `${name} must be at least ${min} characters`,
    )
    .refine(
      (value) => characterCount(value) <= max,
      `${name} must be at most ${max} characters`,
    )

/** A name or key a person must be able to see: not only spaces or invisible characters. */
export const visibleStringField = (name: string, max: number) =>
  stringField(name, { max }).refine(
    (value) => !isBlank(value),
    `${name} must not be blank`,
  )

export const booleanField = (name: string) =>
  z.boolean({ invalid_type_error: `${name} must be true or false` })

export const integerField = (name: string, min: number, max: number) =>
  z
    .number({ invalid_type_error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)

export const timestampField = (name: string) =>
  z
    .string({ invalid_type_error: `${name} must be an ISO 8601 timestamp` })
    .refine(
      (value) => !Number.isNaN(Date.parse(value)),
      `${name} must be an ISO 8601 timestamp`,
    )
    .transform((value) => new Date(value).toISOString())

export const METADATA_MAX_KEYS = 50
export const METADATA_KEY_MAX = 40
export const METADATA_VALUE_MAX = 500

const metadataValue = (name: string) =>
  z.union([z.string(), z.boolean(), z.null()], {
    errorMap: () => ({
      message: `${name} values must be a string, a boolean or null`,
    }),
  })

/**
 * `__proto__` cannot be a key of a plain object: a record would silently drop
 * it, so it is refused by name instead.
 */
const withoutProtoKey = <T extends z.ZodTypeAny>(name: string, schema: T) =>
  z.preprocess((value, ctx) => {
    if (
      value !== null &&
      typeof value === 'object' &&
      Object.hasOwn(value, '__proto__')
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['__proto__'],
        message: `${name} cannot have the key __proto__`,
      })
    }
    return value
  }, schema)

/** `custom_metadata` as written: up to 50 keys of 1-40 characters; null drops a key. */
export const customMetadataInput = withoutProtoKey(
  'custom_metadata',
  z
    .record(
      z
        .string()
        .min(1, 'custom_metadata keys must not be empty')
        .refine(
          (key) => characterCount(key) <= METADATA_KEY_MAX,
          `custom_metadata keys must be at most ${METADATA_KEY_MAX} characters`,
        ),
      metadataValue('custom_metadata').refine(
        (value) =>
          typeof value !== 'string' ||
          characterCount(value) <= METADATA_VALUE_MAX,
        `custom_metadata values must be at most ${METADATA_VALUE_MAX} characters`,
      ),
      {
        invalid_type_error:
          'custom_metadata must be an object of key: value pairs',
      },
    )
    .refine(
      (value) => Object.keys(value).length <= METADATA_MAX_KEYS,
      `custom_metadata may have at most ${METADATA_MAX_KEYS} keys`,
    )
    .transform((value) =>
      Object.fromEntries(
        Object.entries(value).filter(
          (entry): entry is [string, string | boolean] => entry[1] !== null,
        ),
      ),
    ),
)

/** `custom_metadata_has`: the pairs an account's metadata must all contain. */
export const customMetadataFilter = withoutProtoKey(
  'custom_metadata_has',
  z.record(
    z.string().min(1, 'custom_metadata_has keys must not be empty'),
    z.union([z.string(), z.boolean()], {
      errorMap: () => ({
        message: 'custom_metadata_has values must be a string or a boolean',
      }),
    }),
    {
      invalid_type_error:
        'custom_metadata_has must be an object of key: value pairs',
    },
  ),
)

export const acceptedCapabilities = z
  .array(schemas.connected_account.shape.accepted_capabilities.element, {
    invalid_type_error: 'accepted_capabilities must be a list',
  })
  // A set of capabilities: naming one twice means it once.
  .transform((list) => [...new Set(list)])

/** An http(s) URL: a redirect target the browser will follow. */
export const urlField = (name: string) =>
  stringField(name, { max: 2_048 }).refine((value) => {
    try {
      const { protocol } = new URL(value)
      return protocol === 'https:' || protocol === 'http:'
    } catch {
      return false
    }
  }, `${name} must be an http or https URL`)

const deviceTypes = schemas.device.shape.device_type.options.flatMap(
  (group) => group.options,
)
type DeviceTypeValue = (typeof deviceTypes)[number]

/** One of Seam's device types; a type no seeded device has simply matches nothing. */
export const deviceTypeField = (name: string) =>
  z.enum(deviceTypes as [DeviceTypeValue, ...DeviceTypeValue[]], {
    errorMap: () => ({
      message: `${name} must be one of Seam's device types, such as august_lock`,
    }),
  })
