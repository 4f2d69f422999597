export type DefinedFields<T> = { [K in keyof T]?: Exclude<T[K], undefined> }

/** The fields that were given: an optional parameter left out must not overwrite anything. */
export function definedFields<T extends object>(value: T): DefinedFields<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as DefinedFields<T>
}
