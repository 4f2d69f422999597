import type { ConnectedAccount } from '@seamapi/types/connect'

type Capability = ConnectedAccount['accepted_capabilities'][number]

export interface Provider {
  account_type: string
  display_name: string
  capabilities: readonly Capability[]
  /** Reached through Seam Bridge on the customer's own network. */
  uses_bridge: boolean
  /** Relative share of accounts in the seeded workspace. */
  weight: number
}

export const providers: readonly Provider[] = [
  {
    account_type: 'august',
    display_name: 'August',
    capabilities: ['lock'],
    uses_bridge: false,
    weight: 16,
  },
  {
    account_type: 'salto_ks',
    display_name: 'Salto KS',
    capabilities: ['lock', 'access_control'],
    uses_bridge: false,
    weight: 14,
  },
  {
    account_type: 'salto_space',
    display_name: 'Salto Space',
    capabilities: ['access_control'],
    uses_bridge: true,
    weight: 8,
  },
  {
    account_type: 'schlage',
    display_name: 'Schlage',
    capabilities: ['lock'],
    uses_bridge: false,
    weight: 12,
  },
  {
    account_type: 'yale',
    display_name: 'Yale',
    capabilities: ['lock'],
    uses_bridge: false,
    weight: 10,
  },
  {
    account_type: 'kwikset',
    display_name: 'Kwikset',
    capabilities: ['lock'],
    uses_bridge: false,
    weight: 8,
  },
  {
    account_type: 'nuki',
    display_name: 'Nuki',
    capabilities: ['lock'],
    uses_bridge: false,
    weight: 6,
  },
  {
    account_type: 'igloohome',
    display_name: 'igloohome',
    capabilities: ['lock'],
    uses_bridge: false,
    weight: 6,
  },
  {
    account_type: 'ttlock',
    display_name: 'TTLock',
    capabilities: ['lock'],
    uses_bridge: false,
    weight: 6,
  },
  {
    account_type: 'ecobee',
    display_name: 'ecobee',
    capabilities: ['thermostat'],
    uses_bridge: false,
    weight: 8,
  },
  {
    account_type: 'minut',
    display_name: 'Minut',
    capabilities: ['noise_sensor'],
    uses_bridge: false,
    weight: 6,
  },
]
