import { Button } from '../../../components/ui/button'
import { ErrorIcon } from '../../../components/ui/icons'
import { Popover } from '../../../components/ui/popover'
import { Skeleton } from '../../../components/ui/skeleton'
import { useCurrentUser } from '../api/get-current-user'
import { useSignOut } from '../api/sign-out'
import { describeAuthSource, describeRole } from '../lib/describe-principal'
import { RoleBadge } from './role-badge'

export interface UserMenuProps {
  /** Called once the server has ended the session. */
  onSignedOut: () => void
}

function SignOutPanel({
  onSignedOut,
  ...props
}: UserMenuProps & { name: string; email: string | null }) {
  const signOut = useSignOut({ onSignedOut })
  return (
    <div className="flex flex-col gap-2 p-1.5">
      <div className="min-w-0">
        <p className="truncate font-medium text-zinc-900 dark:text-zinc-100">
          <bdi>{props.name}</bdi>
        </p>
        {props.email !== null && props.email !== props.name ? (
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
            <bdi>{props.email}</bdi>
          </p>
        ) : null}
      </div>
      {signOut.isError ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          Couldn’t sign out: {signOut.error.message}
        </p>
      ) : null}
      <Button
        size="sm"
        className="justify-center"
        disabled={signOut.isPending}
        onClick={() => {
          signOut.mutate()
        }}
      >
        {signOut.isPending ? 'Signing out…' : 'Sign out'}
      </Button>
    </div>
  )
}

/**
 * Who is signed in, with which role, in the header; a menu to sign out when
 * signing out ends anything. Without sign-in (AUTH_MODE=none) a quiet note.
 */
export function UserMenu({ onSignedOut }: UserMenuProps) {
  const me = useCurrentUser()

  if (me.isPending) {
    return (
      <span aria-busy="true" className="flex w-28 items-center">
        <span className="sr-only">Checking who is signed in…</span>
        <Skeleton className="w-full" />
      </span>
    )
  }

  if (me.isError) {
    return (
      <span className="flex items-center gap-1.5 text-xs text-red-700 dark:text-red-300">
        <ErrorIcon className="size-3.5 shrink-0" />
        <span title={me.error.message}>Couldn’t check your role</span>
        <Button
          size="sm"
          variant="ghost"
          disabled={me.isFetching}
          onClick={() => void me.refetch()}
        >
          {me.isFetching ? 'Retrying…' : 'Retry'}
        </Button>
      </span>
    )
  }

  const { user, role, auth, can_sign_out } = me.data
  const explanation = `${describeAuthSource(auth)} ${describeRole(role)}`

  if (auth === 'none') {
    return (
      <p
        title={explanation}
        className="text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400"
      >
        <bdi>{user.name}</bdi> · {role}
      </p>
    )
  }

  const who = (
    <>
      <span className="max-w-40 truncate max-sm:sr-only">
        <bdi>{user.name}</bdi>
      </span>
      <RoleBadge role={role} />
    </>
  )

  if (!can_sign_out) {
    return (
      <p title={explanation} className="flex items-center gap-2 text-[13px]">
        <span className="sr-only">Signed in as </span>
        {who}
      </p>
    )
  }

  return (
    <Popover
      label="Your account"
      trigger={who}
      triggerProps={{
        variant: 'ghost',
        size: 'sm',
        title: explanation,
        'aria-label': `${user.name}, ${role}: your account`,
      }}
    >
      <SignOutPanel
        name={user.name}
        email={user.email}
        onSignedOut={onSignedOut}
      />
      <p className="border-t border-zinc-100 px-1.5 pt-2 pb-1 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        {explanation}
      </p>
    </Popover>
  )
}
