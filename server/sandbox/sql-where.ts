/** The AND-ed conditions of a query, with their parameters in order. */
export class SqlWhere {
  private readonly clauses: string[] = []
  readonly params: unknown[] = []

  add(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause)
    this.params.push(...params)
    return this
  }

  /** `column = value`, when a value is given. */
  eq(column: string, value: string | undefined): this {
    return value === undefined ? this : this.add(`${column} = ?`, value)
  }

  /** `column` is one of `values`, when a list is given (an empty list matches nothing). */
  oneOf(column: string, values: readonly string[] | undefined): this {
    return values === undefined
      ? this
      : this.add(
          `${column} IN (SELECT value FROM json_each(?))`,
          JSON.stringify(values),
        )
  }

  /** A copy with one more condition, for variants of one query. */
  and(clause: string, ...params: unknown[]): SqlWhere {
    const copy = new SqlWhere()
    copy.clauses.push(...this.clauses)
    copy.params.push(...this.params)
    return copy.add(clause, ...params)
  }

  toString(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : ''
  }
}
