import { StatusCard } from '../features/dashboard-status/components/status-card'

export function App() {
  return (
    <div className="flex min-h-dvh flex-col">
      <main className="mx-auto w-full max-w-3xl flex-1 px-6 py-16 sm:py-24">
        <img src="/favicon.svg" alt="" className="size-12" />
        <h1 className="mt-6 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
          Seam Accounts Console
        </h1>
        <p className="mt-3 max-w-prose text-lg text-slate-600">
          The dashboard is under construction. Soon you will browse, inspect and
          manage every connected account in your Seam workspace from here.
        </p>
        <div className="mt-10">
          <StatusCard />
        </div>
      </main>
    </div>
  )
}
