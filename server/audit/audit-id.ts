import { randomBytes } from 'node:crypto'

/** Crockford's base32: sorts the same as the numbers it encodes. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const TIME_CHARS = 10
const RANDOM_CHARS = 16
const RANDOM_BITS = BigInt(RANDOM_CHARS * 5)

function encode(value: bigint, length: number): string {
  let out = ''
  let rest = value
  for (let i = 0; i < length; i++) {
    out = `${ALPHABET[Number(rest & 31n)] ?? '0'}${out}`
    rest >>= 5n
  }
  return out
}

const randomPart = (): bigint =>
  BigInt(`0x${randomBytes((RANDOM_CHARS * 5) / 8).toString('hex')}`)

export const AUDIT_ID_PREFIX = 'aud_'

/**
 * `aud_` + the time in milliseconds + 80 random bits, ULID-style: ids sort
 * by the time of the call, and ids made in the same millisecond by this
 * process sort in the order they were made.
 */
export function createAuditIdFactory(): (timeMs: number) => string {
  let lastTime = -1
  let lastRandom = 0n
  return (timeMs) => {
    const time = Math.max(0, Math.floor(timeMs))
    if (time === lastTime && lastRandom < (1n << RANDOM_BITS) - 1n) {
      lastRandom += 1n
    } else {
      lastRandom = randomPart() >> 1n
      lastTime = time
    }
    return `${AUDIT_ID_PREFIX}${encode(BigInt(time), TIME_CHARS)}${encode(lastRandom, RANDOM_CHARS)}`
  }
}
