import { z, ZodFirstPartyTypeKind } from 'zod'

import { invalidInput } from './errors'

type AnyZod = z.ZodTypeAny

/** Unwraps optional, nullable, default and refinement layers to the type underneath. */
function baseType(schema: AnyZod): AnyZod {
  let current = schema
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap() as AnyZod
    } else if (current instanceof z.ZodDefault) {
      current = current.removeDefault() as AnyZod
    } else if (current instanceof z.ZodEffects) {
      current = current.innerType() as AnyZod
    } else {
      return current
    }
  }
}

function typeName(schema: AnyZod): ZodFirstPartyTypeKind | undefined {
  return (baseType(schema)._def as { typeName?: ZodFirstPartyTypeKind })
    .typeName
}

function objectShape(schema: AnyZod): Record<string, AnyZod> {
  const base = baseType(schema)
  return base instanceof z.ZodObject
    ? (base.shape as Record<string, AnyZod>)
    : {}
}

function scalar(
  value: string,
  kind: ZodFirstPartyTypeKind | undefined,
): unknown {
  if (kind === ZodFirstPartyTypeKind.ZodNumber) {
    return value.trim() !== '' && Number.isFinite(Number(value))
      ? Number(value)
      : value
  }
  if (kind === ZodFirstPartyTypeKind.ZodBoolean) {
    return value === 'true' ? true : value === 'false' ? false : value
  }
  return value
}

/**
 * Reads a GET query string the way Seam's SDKs write one
 * (`@seamapi/url-search-params-serializer`): repeated keys for arrays,
 * `parent.key=value` for objects, an empty value for null or an empty array.
 * The route's schema says which type each key has.
 */
export function queryToParams(
  search: URLSearchParams,
  schema: AnyZod,
): Record<string, unknown> {
  const shape = objectShape(schema)
  // Keys come from the client: `__proto__` or `constructor` must land as
  // plain keys the schema refuses by name, not reach the prototype.
  const out = emptyRecord()
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key)
    const dot = key.indexOf('.')
    if (dot > 0) {
      const parent = key.slice(0, dot)
      const child = key.slice(dot + 1)
      const existing = out[parent]
      const record: Record<string, unknown> =
        existing !== null &&
        typeof existing === 'object' &&
        !Array.isArray(existing)
          ? (existing as Record<string, unknown>)
          : emptyRecord()
      record[child] = values.length === 1 ? values[0] : values
      out[parent] = record
      continue
    }
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined
    const kind = field && typeName(field)
    const base = field && baseType(field)
    if (base instanceof z.ZodArray) {
      const element = base.element as AnyZod
      out[key] =
        values.length === 1 && values[0] === ''
          ? []
          : values.map((v) => scalar(v, typeName(element)))
    } else {
      const last = values[values.length - 1] ?? ''
      out[key] = last === '' ? null : scalar(last, kind)
    }
  }
  return out
}

/** An object without a prototype: any key, `__proto__` too, is its own. */
const emptyRecord = (): Record<string, unknown> =>
  Object.create(null) as Record<string, unknown>

const describePath = (path: (string | number)[]): string =>
  path.length === 0 ? 'body' : path.map((p) => String(p)).join('.')

/** Validates params; a failure names every offending field, the first one in the message. */
export function parseParams<S extends AnyZod>(
  schema: S,
  params: unknown,
): z.output<S> {
  const result = schema.safeParse(params)
  if (result.success) return result.data as z.output<S>
  // A Map, so a field named `constructor` or `__proto__` is a field like any other.
  const fieldErrors = new Map<string, string[]>()
  for (const issue of result.error.issues) {
    const keys =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => describePath([...issue.path, k]))
        : [describePath(issue.path)]
    for (const key of keys) {
      const message =
        issue.code === 'unrecognized_keys'
          ? `${key} is not a parameter of this route`
          : issue.message
      fieldErrors.set(key, [...(fieldErrors.get(key) ?? []), message])
    }
  }
  const [firstField, firstMessages] = [...fieldErrors][0] ?? [
    'body',
    ['Invalid input'],
  ]
  const first = firstMessages[0] ?? 'Invalid input'
  const message = first.startsWith(firstField)
    ? first
    : `${firstField}: ${first}`
  throw invalidInput(
    `Invalid input: ${message}`,
    Object.fromEntries(fieldErrors),
  )
}

/** The inverse of `queryToParams`, for `next_page_url`. */
export function paramsToQuery(
  params: Record<string, unknown>,
): URLSearchParams {
  const query = new URLSearchParams()
  const write = (key: string, value: unknown): void => {
    if (value === undefined || value === '') return
    if (value === null) query.append(key, '')
    else if (Array.isArray(value)) {
      if (value.length === 0) query.append(key, '')
      for (const item of value) query.append(key, String(item))
    } else if (typeof value === 'object') {
      for (const [child, childValue] of Object.entries(value))
        write(`${key}.${child}`, childValue)
    } else if (typeof value === 'string') query.append(key, value)
    else if (typeof value === 'number' || typeof value === 'boolean') {
      query.append(key, String(value))
    }
  }
  for (const [key, value] of Object.entries(params)) write(key, value)
  return query
}
