/**
 * The build's size and count budgets: exits non-zero, naming each budget
 * exceeded, when the built app grew past one. Runs in `npm test` after the
 * build.
 *
 *   npm run test:budget [-- dist-folder]
 */
import { resolve } from 'node:path'

import { analyzeBundle, checkBudgets, formatBudgetValue } from './bundle'

const distDir = resolve(process.argv[2] ?? 'dist')

let budgets
try {
  budgets = checkBudgets(analyzeBundle(distDir))
} catch (error) {
  console.error(
    `Budget check: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
}

for (const budget of budgets) {
  const actual = formatBudgetValue(budget.actual, budget.unit)
  const limit = formatBudgetValue(budget.limit, budget.unit)
  console.log(
    `${budget.ok ? 'ok  ' : 'OVER'} ${budget.name}: ${actual} (limit ${limit})`,
  )
}
const over = budgets.filter((budget) => !budget.ok)
if (over.length > 0) {
  console.error(
    `\n${over.length} budget${over.length === 1 ? '' : 's'} exceeded: ${over
      .map(
        (b) =>
          `${b.name} is ${formatBudgetValue(b.actual, b.unit)}, over its ${formatBudgetValue(b.limit, b.unit)} limit`,
      )
      .join(
        '; ',
      )}. Split the code that grew into a lazy route or drop a dependency; change a limit in scripts/bench/bundle.ts only on purpose.`,
  )
  process.exit(1)
}
