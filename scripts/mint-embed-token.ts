/**
 * Mints an embed token with EMBED_SECRET, as a portal backend would, and
 * prints only the token.
 *
 *   EMBED_SECRET=... npm run embed:token -- --role operator --customer-key cust_x
 */
import {
  MINT_USAGE,
  MintArgsError,
  parseMintArgs,
} from '../server/embed/mint-args'
import { mintEmbedToken } from '../server/embed/token'

try {
  const options = parseMintArgs(process.argv.slice(2), process.env)
  if (options === 'help') {
    console.log(MINT_USAGE)
  } else {
    console.log(mintEmbedToken(options))
  }
} catch (error) {
  if (!(error instanceof MintArgsError)) throw error
  console.error(`${error.message}\n\n${MINT_USAGE}`)
  process.exitCode = 1
}
