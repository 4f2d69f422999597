import { schemas } from '@seamapi/types/connect'
import { z } from 'zod'

/** Field schemas whose messages name the field, so a 400 says what to fix. */

export const uuidField = (name: string) =>
  z
    .string({
      required_error: `${name} is required`,
      invalid_type_error: `${name} must be a string`,
    })
    .uuid(`${name} must be a UUID`)

export const stringField = (
  name: string,
  { min = 1, max }: { min?: number; max: number },
) =>
  z
    .string({
      required_error: `${name} is required`,
      invalid_type_error: `${name} must be a string`,
    })
    .min(
      min,
      min === 1
        ? `${name} must not be empty`
        : `${name} must be at least ${min} characters`,
    )
    .max(max, `${name} must be at most ${max} characters`)

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

/** `custom_metadata` as written: up to 50 keys of 1-40 characters; null drops a key. */
export const customMetadataInput = z
  .record(
    z
      .string()
      .min(1, 'custom_metadata keys must not be empty')
      .max(
        METADATA_KEY_MAX,
        `custom_metadata keys must be at most ${METADATA_KEY_MAX} characters`,
      ),
    metadataValue('custom_metadata').refine(
      (value) =>
        typeof value !== 'string' || value.length <= METADATA_VALUE_MAX,
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
  )

/** `custom_metadata_has`: the pairs an account's metadata must all contain. */
export const customMetadataFilter = z.record(
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
)

export const acceptedCapabilities = z.array(
  schemas.connected_account.shape.accepted_capabilities.element,
  {
    invalid_type_error: 'accepted_capabilities must be a list',
  },
)
