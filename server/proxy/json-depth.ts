/**
 * How deep a forwarded body may nest. Seam's request bodies nest two levels
 * at most (an object of metadata pairs, a list of ids).
 */
export const MAX_BODY_DEPTH = 32

/**
 * The top-level field of `body` whose value nests deeper than `maxDepth`
 * levels, if any. JSON.parse accepts values nested thousands of levels deep,
 * which JSON.stringify (forwarding the body) cannot write back: it runs out
 * of stack. The walk itself keeps its own stack, so any depth is safe here.
 */
export function fieldNestedTooDeep(
  body: Readonly<Record<string, unknown>>,
  maxDepth = MAX_BODY_DEPTH,
): string | undefined {
  for (const [field, value] of Object.entries(body)) {
    const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }]
    for (let next = pending.pop(); next; next = pending.pop()) {
      if (next.value === null || typeof next.value !== 'object') continue
      if (next.depth > maxDepth) return field
      for (const child of Object.values(next.value)) {
        pending.push({ value: child, depth: next.depth + 1 })
      }
    }
  }
  return undefined
}
