import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { SandboxError } from './errors'
import { paramsToQuery, parseParams, queryToParams } from './params'

const schema = z
  .object({
    search: z.string().optional(),
    limit: z.number().default(10),
    flag: z.boolean().optional(),
    ids: z.array(z.string()).optional(),
    counts: z.array(z.number()).optional(),
    meta: z.record(z.string(), z.union([z.string(), z.boolean()])).optional(),
    cursor: z.string().nullable().optional(),
  })
  .strict()

describe('queryToParams', () => {
  it('reads the Seam SDK serialization: repeated keys, dot paths, typed scalars', () => {
    const query = new URLSearchParams(
      'search=a%20b&limit=25&flag=false&ids=x&ids=y&counts=1&counts=2&meta.region=eu&meta.tier=gold&cursor=',
    )
    expect(queryToParams(query, schema)).toEqual({
      search: 'a b',
      limit: 25,
      flag: false,
      ids: ['x', 'y'],
      counts: [1, 2],
      meta: { region: 'eu', tier: 'gold' },
      cursor: null,
    })
  })

  it('reads a single value as a one-element list and an empty value as an empty list', () => {
    expect(queryToParams(new URLSearchParams('ids=x'), schema)).toEqual({
      ids: ['x'],
    })
    expect(queryToParams(new URLSearchParams('ids='), schema)).toEqual({
      ids: [],
    })
  })

  it('leaves values of the wrong type for validation to reject', () => {
    const params = queryToParams(
      new URLSearchParams('limit=ten&flag=yes'),
      schema,
    )
    expect(params).toEqual({ limit: 'ten', flag: 'yes' })
    expect(() => parseParams(schema, params)).toThrow(SandboxError)
  })

  it('round-trips with paramsToQuery', () => {
    const params = {
      search: 'x&y=z',
      limit: 5,
      flag: true,
      ids: ['a', 'b'],
      meta: { region: 'eu' },
      cursor: 'abc.def',
    }
    expect(queryToParams(paramsToQuery(params), schema)).toEqual(params)
  })

  it.each(['__proto__=x', '__proto__=', 'constructor=x', 'toString.a=1'])(
    'keeps %s as a plain key that validation refuses by name',
    (query) => {
      const params = queryToParams(new URLSearchParams(query), schema)
      const key = query.split(/[=.]/)[0] ?? ''
      expect(Object.keys(params)).toEqual([key])
      expect(() => parseParams(schema, params)).toThrow(
        `Invalid input: ${key} is not a parameter of this route`,
      )
    },
  )
})

describe('parseParams', () => {
  it('names every offending field, the first in the message', () => {
    try {
      parseParams(schema, { limit: 'x', unknown_field: 1 })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(SandboxError)
      const e = error as SandboxError
      expect(e.status).toBe(400)
      expect(e.type).toBe('invalid_input')
      expect(e.message).toMatch(/^Invalid input: limit: /)
      expect(Object.keys(e.details.validation_errors as object)).toEqual([
        'limit',
        'unknown_field',
      ])
    }
  })

  it.each(['__proto__', 'constructor', 'hasOwnProperty'])(
    'names an unknown key %s like any other',
    (key) => {
      const params: unknown = JSON.parse(`{"limit":1,"${key}":"x"}`)
      try {
        parseParams(schema, params)
        expect.unreachable()
      } catch (error) {
        expect(error).toBeInstanceOf(SandboxError)
        const e = error as SandboxError
        expect(e.message).toBe(
          `Invalid input: ${key} is not a parameter of this route`,
        )
        expect(Object.hasOwn(e.details.validation_errors as object, key)).toBe(
          true,
        )
      }
    },
  )
})
