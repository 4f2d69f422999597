import type { Config } from 'tailwindcss'

export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        brand: {
          50: '#eef3ff',
          100: '#dce6ff',
          200: '#bccffe',
          300: '#8fadfc',
          400: '#5d83f8',
          500: '#3a5ef2',
          600: '#2a44e3',
          700: '#2335c4',
          800: '#222f9e',
          900: '#212d7d',
          950: '#171c4a',
        },
      },
    },
  },
} satisfies Config
