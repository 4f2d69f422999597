import { openapi } from '@seamapi/types/connect'
import { z } from 'zod'

import { invalidInput } from '../errors'
import {
  acceptedCapabilities,
  booleanField,
  customMetadataInput,
  stringField,
  urlField,
  visibleStringField,
} from '../fields'
import { providers } from '../providers'
import { defineRoute } from '../route'
import type { StoredConnectWebview } from '../store'
import { toConnectWebview } from '../store'

type Capability = StoredConnectWebview['accepted_capabilities'][number]

// Seam's own lists of provider keys and categories, as its OpenAPI spec declares them.
const spec =
  openapi.paths['/connect_webviews/create'].post.requestBody.content[
    'application/json'
  ].schema.properties
const providerKeys = spec.accepted_providers.items.enum as [string, ...string[]]
const providerCategories = [
  'stable',
  'consumer_smartlocks',
  'beta',
  'thermostats',
  'noise_sensors',
  'access_control_systems',
  'internal_beta',
] as const
type ProviderCategory = (typeof providerCategories)[number]

const sandboxProviders = providers.map((p) => p.account_type)

/** Seam's provider categories, narrowed to the providers this sandbox can connect. */
const categoryProviders: Record<ProviderCategory, readonly string[]> = {
  stable: sandboxProviders,
  consumer_smartlocks: [
    'august',
    'schlage',
    'yale',
    'nuki',
    'ttlock',
    'kwikset',
    'igloohome',
  ],
  beta: [],
  thermostats: ['ecobee'],
  noise_sensors: ['minut'],
  access_control_systems: ['salto_ks', 'salto_space'],
  internal_beta: sandboxProviders,
}

const allCapabilities: readonly Capability[] = [
  'lock',
  'thermostat',
  'noise_sensor',
  'access_control',
]

/** Seam's default capabilities per category. */
const categoryCapabilities: Record<ProviderCategory, readonly Capability[]> = {
  stable: allCapabilities,
  consumer_smartlocks: ['lock'],
  beta: allCapabilities,
  thermostats: ['thermostat'],
  noise_sensors: ['noise_sensor'],
  access_control_systems: ['access_control'],
  internal_beta: allCapabilities,
}

const inOrder = (capabilities: Iterable<Capability>): Capability[] => {
  const wanted = new Set(capabilities)
  return allCapabilities.filter((c) => wanted.has(c))
}

/** Without an explicit list, Seam derives capabilities from the providers or the category. */
function defaultCapabilities(
  accepted: readonly string[] | undefined,
  category: ProviderCategory | undefined,
): Capability[] {
  if (category !== undefined) return [...categoryCapabilities[category]]
  if (accepted === undefined) return [...allCapabilities]
  const known = providers
    .filter((p) => accepted.includes(p.account_type))
    .flatMap((p) => p.capabilities)
  // Providers the sandbox does not seed have no known capabilities: accept them all.
  return known.length > 0 ? inOrder(known) : [...allCapabilities]
}

export const connectWebviewsCreate = defineRoute({
  path: '/connect_webviews/create',
  methods: ['POST'],
  schema: z
    .object({
      device_selection_mode: z
        .enum(['none', 'single', 'multiple'], {
          errorMap: () => ({
            message: 'device_selection_mode must be none, single or multiple',
          }),
        })
        .optional(),
      custom_redirect_url: urlField('custom_redirect_url').optional(),
      custom_redirect_failure_url: urlField(
        'custom_redirect_failure_url',
      ).optional(),
      customer_key: visibleStringField('customer_key', 255).optional(),
      accepted_providers: z
        .array(
          z.enum(providerKeys, {
            errorMap: () => ({
              message:
                'accepted_providers[] must be a Seam provider key, such as august',
            }),
          }),
          { invalid_type_error: 'accepted_providers must be a list' },
        )
        .optional(),
      provider_category: z
        .enum(providerCategories, {
          errorMap: () => ({
            message: `provider_category must be one of ${providerCategories.join(', ')}`,
          }),
        })
        .optional(),
      excluded_providers: z
        .array(stringField('excluded_providers[]', { max: 100 }), {
          invalid_type_error: 'excluded_providers must be a list',
        })
        .optional(),
      custom_metadata: customMetadataInput.optional(),
      automatically_manage_new_devices: booleanField(
        'automatically_manage_new_devices',
      ).optional(),
      wait_for_device_creation: booleanField(
        'wait_for_device_creation',
      ).optional(),
      accepted_capabilities: acceptedCapabilities.optional(),
    })
    .strict(),
  handle(params, { store, baseUrl }) {
    if (
      params.accepted_providers !== undefined &&
      params.provider_category !== undefined
    ) {
      throw invalidInput(
        'Invalid input: accepted_providers and provider_category are alternatives: send one of them.',
        {
          accepted_providers: ['Cannot be combined with provider_category'],
        },
      )
    }
    const excluded = new Set(params.excluded_providers ?? [])
    const chosen =
      params.accepted_providers ??
      categoryProviders[params.provider_category ?? 'stable']
    const webview = store.createConnectWebview({
      connected_account_id: null,
      device_selection_mode: params.device_selection_mode ?? 'none',
      accepted_providers: [...new Set(chosen)].filter((p) => !excluded.has(p)),
      accepted_capabilities:
        params.accepted_capabilities !== undefined
          ? inOrder(params.accepted_capabilities)
          : defaultCapabilities(
              params.accepted_providers,
              params.provider_category,
            ),
      accepted_devices: [],
      any_device_allowed: true,
      any_provider_allowed:
        params.accepted_providers === undefined &&
        params.provider_category === undefined &&
        excluded.size === 0,
      login_successful: false,
      status: 'pending',
      custom_redirect_url: params.custom_redirect_url ?? null,
      custom_redirect_failure_url: params.custom_redirect_failure_url ?? null,
      custom_metadata: params.custom_metadata ?? {},
      automatically_manage_new_devices:
        params.automatically_manage_new_devices ?? true,
      wait_for_device_creation: params.wait_for_device_creation ?? false,
      authorized_at: null,
      selected_provider: null,
      ...(params.customer_key === undefined
        ? {}
        : { customer_key: params.customer_key }),
    })
    return {
      connect_webview: toConnectWebview(webview, store.workspaceId, baseUrl),
    }
  },
})
