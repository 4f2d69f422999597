import { ColumnsIcon } from '../../../components/ui/icons'
import { Popover } from '../../../components/ui/popover'
import {
  ACCOUNT_COLUMN_LABELS,
  type AccountColumnId,
  HIDEABLE_COLUMN_IDS,
} from '../lib/column-ids'

export function ColumnMenu({
  hidden,
  onChange,
}: {
  hidden: readonly AccountColumnId[]
  onChange: (hidden: AccountColumnId[]) => void
}) {
  return (
    <Popover
      label="Visible columns"
      trigger={
        <>
          <ColumnsIcon className="size-3.5" />
          <span className="max-sm:sr-only">Columns</span>
        </>
      }
    >
      <fieldset>
        <legend className="px-2 pt-1 pb-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">
          Show columns
        </legend>
        {HIDEABLE_COLUMN_IDS.map((id) => {
          const visible = !hidden.includes(id)
          return (
            <label
              key={id}
              className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <input
                type="checkbox"
                checked={visible}
                onChange={() => {
                  onChange(
                    visible
                      ? [...hidden, id]
                      : hidden.filter((other) => other !== id),
                  )
                }}
                className="size-3.5 accent-brand-600"
              />
              {ACCOUNT_COLUMN_LABELS[id]}
            </label>
          )
        })}
      </fieldset>
    </Popover>
  )
}
