import type { Config } from 'tailwindcss'

// Colours live in src/index.css (`@theme`), where an embedding portal's
// accent can replace them.
export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
} satisfies Config
