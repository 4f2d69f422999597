import type { Device } from '@seamapi/types/connect'

export type DeviceType = Device['device_type']
export type DeviceKind = 'lock' | 'thermostat' | 'noise_sensor'
type Capability = Device['capabilities_supported'][number]
type CapabilityFlags = Pick<Device, Extract<keyof Device, `can_${string}`>>

/** What every device of one provider has in common; the seed varies the rest. */
export interface DeviceLine {
  device_type: DeviceType
  kind: DeviceKind
  manufacturer: string
  manufacturer_display_name: string
  models: readonly string[]
  capabilities_supported: readonly Capability[]
  flags: CapabilityFlags
  battery_powered: boolean
  /** The lock reports whether its door is open (August DoorSense, Nuki door sensor). */
  door_sensor: boolean
  /** Display names a property manager would give these devices. */
  names: readonly string[]
  /** Suffix after a generated unit name, e.g. "Unit 4B lock". */
  unit_suffix: string
}

const lockNames = [
  'Front door',
  'Back door',
  'Side gate',
  'Garage door',
  'Patio door',
  'Main entrance',
  'Storage room',
  'Guest suite',
  "Owner's closet",
  'Laundry room',
]
const accessPointNames = [
  'Main entrance reader',
  'Lobby door',
  'Gym',
  'Bike room',
  'Parking gate',
  'Mail room',
  'Roof access',
  'Staff entrance',
  'Floor 2 corridor',
  'Service elevator',
]
const thermostatNames = [
  'Hallway thermostat',
  'Living room',
  'Upstairs',
  'Downstairs',
  'Primary bedroom',
  'Office',
  'Basement',
]
const noiseSensorNames = [
  'Living room sensor',
  'Rooftop deck',
  'Backyard',
  'Bedroom 2',
  'Hot tub area',
  'Hallway sensor',
]

const remoteLock: CapabilityFlags = {
  can_remotely_lock: true,
  can_remotely_unlock: true,
  can_program_online_access_codes: true,
  can_program_offline_access_codes: false,
  can_unlock_with_code: true,
}

const lock = (
  device_type: DeviceType,
  manufacturer: string,
  manufacturer_display_name: string,
  models: readonly string[],
  extra: Partial<Pick<DeviceLine, 'flags' | 'door_sensor'>> = {},
): DeviceLine => ({
  device_type,
  kind: 'lock',
  manufacturer,
  manufacturer_display_name,
  models,
  capabilities_supported: ['access_code', 'lock', 'battery'],
  flags: extra.flags ?? remoteLock,
  battery_powered: true,
  door_sensor: extra.door_sensor ?? false,
  names: lockNames,
  unit_suffix: ' lock',
})

const salto: DeviceLine = {
  device_type: 'salto_lock',
  kind: 'lock',
  manufacturer: 'salto',
  manufacturer_display_name: 'Salto',
  models: ['XS4 One', 'Neo Cylinder', 'XS4 Wall Reader'],
  capabilities_supported: ['lock', 'battery'],
  flags: {
    can_remotely_lock: true,
    can_remotely_unlock: true,
    can_program_online_access_codes: false,
    can_program_offline_access_codes: false,
  },
  battery_powered: true,
  door_sensor: false,
  names: accessPointNames,
  unit_suffix: '',
}

/** Keyed by connected account type: the devices each sandbox provider brings. */
export const deviceLines: Readonly<Record<string, DeviceLine>> = {
  august: lock(
    'august_lock',
    'august',
    'August',
    ['Wi-Fi Smart Lock', 'Smart Lock Pro'],
    { door_sensor: true },
  ),
  salto_ks: salto,
  salto_space: salto,
  schlage: lock('schlage_lock', 'schlage', 'Schlage', [
    'Encode Plus',
    'Encode',
  ]),
  yale: lock('yale_lock', 'yale', 'Yale', ['Assure Lock 2', 'Assure Lock SL']),
  kwikset: lock('kwikset_lock', 'kwikset', 'Kwikset', ['Halo', 'Aura']),
  nuki: lock('nuki_lock', 'nuki', 'Nuki', ['Smart Lock 4.0 Pro'], {
    door_sensor: true,
  }),
  igloohome: lock(
    'igloohome_lock',
    'igloohome',
    'igloohome',
    ['Smart Deadbolt 02', 'Keybox 3'],
    {
      flags: {
        can_remotely_lock: false,
        can_remotely_unlock: false,
        can_program_online_access_codes: false,
        can_program_offline_access_codes: true,
        can_unlock_with_code: true,
      },
    },
  ),
  ttlock: lock('ttlock_lock', 'ttlock', 'TTLock', ['Smart Lock S31']),
  ecobee: {
    device_type: 'ecobee_thermostat',
    kind: 'thermostat',
    manufacturer: 'ecobee',
    manufacturer_display_name: 'ecobee',
    models: ['Smart Thermostat Premium', 'ecobee3 lite'],
    capabilities_supported: ['thermostat'],
    flags: {
      can_hvac_heat: true,
      can_hvac_cool: true,
      can_hvac_heat_cool: true,
      can_turn_off_hvac: true,
      can_run_thermostat_programs: true,
    },
    battery_powered: false,
    door_sensor: false,
    names: thermostatNames,
    unit_suffix: ' thermostat',
  },
  minut: {
    device_type: 'minut_sensor',
    kind: 'noise_sensor',
    manufacturer: 'minut',
    manufacturer_display_name: 'Minut',
    models: ['Point'],
    capabilities_supported: ['noise_detection', 'battery'],
    flags: {},
    battery_powered: true,
    door_sensor: false,
    names: noiseSensorNames,
    unit_suffix: ' noise sensor',
  },
}

const linesByType = new Map<string, DeviceLine>(
  Object.values(deviceLines).map((line) => [line.device_type, line]),
)

/** The line a stored device belongs to; every stored device_type has one. */
export function deviceLineOf(deviceType: string): DeviceLine {
  const line = linesByType.get(deviceType)
  if (!line) throw new Error(`No device line for device_type ${deviceType}`)
  return line
}
