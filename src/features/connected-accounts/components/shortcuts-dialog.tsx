import { Dialog } from '../../../components/ui/dialog'
import { Kbd } from '../../../components/ui/kbd'

const shortcuts: { keys: string[]; action: string }[] = [
  { keys: ['/'], action: 'Search accounts' },
  { keys: ['j'], action: 'Next account' },
  { keys: ['k'], action: 'Previous account' },
  { keys: ['Enter'], action: 'Open the selected account' },
  { keys: ['Esc'], action: 'Clear the search, close this dialog' },
  { keys: ['?'], action: 'Show keyboard shortcuts' },
]

export function ShortcutsDialog({
  open,
  onClose,
}: {
  open: boolean
  onClose: () => void
}) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <dl className="divide-y divide-zinc-100 text-[13px] dark:divide-zinc-800">
        {shortcuts.map(({ keys, action }) => (
          <div key={action} className="flex items-center justify-between py-2">
            <dt className="text-zinc-700 dark:text-zinc-300">{action}</dt>
            <dd className="flex gap-1">
              {keys.map((key) => (
                <Kbd key={key}>{key}</Kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  )
}
