/** JSON over one keep-alive connection: what the latency figures are taken with. */
import { Agent, request } from 'node:http'

export interface JsonResponse {
  status: number
  body: unknown
}

export class JsonClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 })
  private readonly base: URL

  constructor(
    baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {
    this.base = new URL(baseUrl)
  }

  /** POSTs `body` as JSON to `path` (relative to the base URL's path). */
  post(path: string, body: unknown): Promise<JsonResponse> {
    const payload = JSON.stringify(body)
    const url = new URL(
      `${this.base.pathname.replace(/\/$/, '')}/${path}`,
      this.base,
    )
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            ...this.headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            try {
              resolve({
                status: res.statusCode ?? 0,
                body: text === '' ? null : (JSON.parse(text) as unknown),
              })
            } catch {
              reject(
                new Error(
                  `${url.href} answered ${res.statusCode} with a body that is not JSON`,
                ),
              )
            }
          })
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end(payload)
    })
  }

  /** Like post, but a status other than 200 is an error naming the call. */
  async ok(path: string, body: unknown): Promise<unknown> {
    const response = await this.post(path, body)
    if (response.status !== 200) {
      throw new Error(
        `${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`,
      )
    }
    return response.body
  }

  close(): void {
    this.agent.destroy()
  }
}
