import { Suspense, lazy, type ComponentType, type ReactNode } from 'react'

/**
 * A component whose code is loaded the first time it is shown, not before the deck list: the
 * first screen of a phone on a slow network waits only for what it shows. Offline, the service
 * worker has every chunk already.
 */
function onFirstUse<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = null,
) {
  const Chunk = lazy(() => load().then((component) => ({ default: component })))
  return function OnFirstUse(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Chunk {...props} />
      </Suspense>
    )
  }
}

const loading = <p className="muted">Loading…</p>

// The editor (TipTap and its ProseMirror) is the largest part of the app; statistics bring the
// chart library, the generator its NLP worker.
export const NoteEditor = onFirstUse(() => import('./NoteEditor').then((m) => m.NoteEditor))
export const ImportDialog = onFirstUse(() => import('./ImportDialog').then((m) => m.ImportDialog))
export const ExportDialog = onFirstUse(() => import('./ExportDialog').then((m) => m.ExportDialog))
export const DeckOptions = onFirstUse(() => import('./DeckOptions').then((m) => m.DeckOptions))
export const CardBrowser = onFirstUse(
  () => import('./CardBrowser').then((m) => m.CardBrowser),
  loading,
)
export const KeyFiguresScreen = onFirstUse(
  () => import('./KeyFiguresScreen').then((m) => m.KeyFiguresScreen),
  loading,
)
export const SettingsPanel = onFirstUse(
  () => import('./SettingsPanel').then((m) => m.SettingsPanel),
  loading,
)
export const StatisticsScreen = onFirstUse(
  () => import('./StatisticsScreen').then((m) => m.default),
  <p className="muted">Loading statistics…</p>,
)
export const MockExamScreen = onFirstUse(
  () => import('./MockExamScreen').then((m) => m.default),
  loading,
)
export const GenerateScreen = onFirstUse(
  () => import('./GenerateScreen').then((m) => m.default),
  loading,
)
