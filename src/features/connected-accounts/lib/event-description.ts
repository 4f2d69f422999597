import { statusLabel } from '../../../lib/status'

/** The fields an activity line reads; looser than `SeamEvent` on purpose. */
export interface ActivityEvent {
  event_id: string
  event_type: string
  created_at: string
  occurred_at?: string | undefined
  connected_account_errors?: readonly { error_code: string }[] | undefined
}

const descriptions: Record<string, string> = {
  'connected_account.created': 'Account created through a Connect Webview',
  'connected_account.connected': 'Account connected',
  'connected_account.successful_login':
    'Owner signed in successfully through a Connect Webview',
  'connected_account.completed_first_sync':
    'First sync completed: devices are available',
  'connected_account.completed_first_sync_after_reconnection':
    'First sync after reconnection completed: devices are available again',
  'connected_account.disconnected': 'Account disconnected',
  'connected_account.reauthorization_requested':
    'Provider asked the owner to reauthorize the account',
  'connected_account.deleted': 'Account deleted',
}

/** "Account disconnected (Disconnected, Bridge offline)", or the raw type. */
export function describeEvent(event: ActivityEvent): string {
  const base = descriptions[event.event_type] ?? event.event_type
  const errors = event.connected_account_errors ?? []
  if (event.event_type === 'connected_account.disconnected' && errors.length) {
    const labels = [
      ...new Set(errors.map((e) => statusLabel('error', e.error_code))),
    ]
    return `${base}: ${labels.join(', ')}`
  }
  return base
}

export type EventTone = 'good' | 'bad' | 'neutral'

export function eventTone(eventType: string): EventTone {
  if (
    eventType === 'connected_account.disconnected' ||
    eventType === 'connected_account.reauthorization_requested' ||
    eventType === 'connected_account.deleted'
  ) {
    return 'bad'
  }
  if (
    eventType === 'connected_account.connected' ||
    eventType === 'connected_account.completed_first_sync' ||
    eventType === 'connected_account.completed_first_sync_after_reconnection'
  ) {
    return 'good'
  }
  return 'neutral'
}
