import type { Role } from '../../../../server/embed/model'
import { Badge, type BadgeTone } from '../../../components/ui/badge'

const tones: Record<Role, BadgeTone> = {
  viewer: 'neutral',
  operator: 'green',
  admin: 'brand',
}

/** The signed-in person's role; the word carries it, the colour only helps. */
export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge tone={tones[role]}>
      <span className="sr-only">Role: </span>
      {role}
    </Badge>
  )
}
