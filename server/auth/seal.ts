import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
} from 'node:crypto'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16
/** Nothing this server seals comes near it; a longer value is not ours. */
const MAX_SEALED_LENGTH = 4096

export interface Sealer {
  /** Encrypts and authenticates `plain`: `v1.<base64url(iv | ciphertext | tag)>`. */
  seal(plain: string): string
  /** The plain text, or undefined when the value was forged, changed or sealed for another purpose. */
  open(sealed: string): string | undefined
}

/**
 * AES-256-GCM under a key derived (HKDF-SHA256) from the secret and the
 * purpose, so a value sealed for one cookie never opens as another.
 */
export function createSealer(secret: string, purpose: string): Sealer {
  const key = Buffer.from(
    hkdfSync('sha256', secret, 'seam-accounts-console', purpose, 32),
  )
  const aad = Buffer.from(`${VERSION}:${purpose}`)
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(aad)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      const packed = Buffer.concat([iv, body, cipher.getAuthTag()])
      return `${VERSION}.${packed.toString('base64url')}`
    },
    open(sealed) {
      if (sealed.length > MAX_SEALED_LENGTH) return undefined
      const [version, data, extra] = sealed.split('.')
      if (version !== VERSION || data === undefined || extra !== undefined) {
        return undefined
      }
      if (!/^[A-Za-z0-9_-]+$/.test(data)) return undefined
      const packed = Buffer.from(data, 'base64url')
      // Only the encoding seal() writes: the last character's unused low
      // bits decode the same whatever they are, and must not be changeable.
      if (packed.toString('base64url') !== data) return undefined
      if (packed.length < IV_BYTES + TAG_BYTES) return undefined
      const iv = packed.subarray(0, IV_BYTES)
      const tag = packed.subarray(packed.length - TAG_BYTES)
      const body = packed.subarray(IV_BYTES, packed.length - TAG_BYTES)
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, {
          authTagLength: TAG_BYTES,
        })
        decipher.setAAD(aad)
        decipher.setAuthTag(tag)
        return Buffer.concat([
          decipher.update(body),
          decipher.final(),
        ]).toString('utf8')
      } catch {
        return undefined
      }
    },
  }
}
