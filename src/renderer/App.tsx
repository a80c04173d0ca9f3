import { useEffect, useState } from 'react'
import { DeckList } from './components/DeckList'
import { DeckProblems, SettingsDropped } from './components/DeckProblems'
import { NewDeckForm } from './components/NewDeckForm'
import {
  CardBrowser,
  ExportDialog,
  GenerateScreen,
  ImportDialog,
  KeyFiguresScreen,
  MockExamScreen,
  NoteEditor,
  SettingsPanel,
  StatisticsScreen,
} from './components/on-first-use'
import { SectionsScreen } from './components/SectionsScreen'
import { StudyScreen } from './components/StudyScreen'
import { startAutomaticBackups } from './backups'
import { useSettings, useStartup, useStorageNotice, useWelcomeSeen } from './queries'
import { Welcome } from './components/Welcome'
import { UpdateOffer, useUpdateReady } from './components/UpdateOffer'
import { commands } from './commands'

/** The theme the page shows, for charts drawn in its colours. */
const pageTheme = (theme: string) =>
  theme === 'system'
    ? matchMedia('(prefers-color-scheme: dark)').matches
      ? 'dark'
      : 'light'
    : theme

// Charts are a large library: loaded when Statistics is first opened.

type Screen =
  | { name: 'decks' }
  | { name: 'settings' }
  | { name: 'browse' }
  | { name: 'stats' }
  | { name: 'exam' }
  | { name: 'generate' }
  | { name: 'figures'; deckId: string; deckName: string }
  | { name: 'sections'; deckId: string; deckName: string }
  | {
      name: 'study'
      deckId: string
      deckName: string
      section: readonly string[] | null
      /** Where Esc returns to. */
      from: 'decks' | 'sections'
    }

export function App() {
  const { startup, fatal } = useStartup()
  const storageNotice = useStorageNotice()
  const updateReady = useUpdateReady()
  const [settingsError, setSettingsError] = useState<string | null>(null)
  const [screen, setScreen] = useState<Screen>({ name: 'decks' })
  const settings = useSettings()
  const welcomeSeen = useWelcomeSeen()
  const [adding, setAdding] = useState<{ deckId: string; deckName: string } | null>(null)
  const [newDeck, setNewDeck] = useState(false)
  const [transfer, setTransfer] = useState<
    { kind: 'import' } | { kind: 'export'; deckId?: string } | null
  >(null)

  useEffect(() => {
    const root = document.documentElement
    if (settings.theme === 'system') delete root.dataset['theme']
    else root.dataset['theme'] = settings.theme
  }, [settings.theme])

  // Automatic backups while the app runs (every 30 minutes with changes, and when hidden).
  const [backupError, setBackupError] = useState<string | null>(null)
  useEffect(() => (startup ? startAutomaticBackups(setBackupError) : undefined), [startup])

  const toDecks = () => setScreen({ name: 'decks' })
  // Back on the deck list, the focus is on the deck last studied, as Anki's.
  const [lastStudied, setLastStudied] = useState<string | null>(null)

  // B opens the browser from the deck list, as in Anki.
  useEffect(() => {
    if (screen.name !== 'decks' || adding || newDeck || transfer) return
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null
      if (t?.closest('input, textarea, select, [contenteditable="true"], dialog')) return
      if (e.key.toLowerCase() === 'b' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault()
        setScreen({ name: 'browse' })
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [screen.name, adding, newDeck, transfer])

  const study = (
    deckId: string,
    deckName: string,
    section: readonly string[] | null,
    from: 'decks' | 'sections',
  ) => {
    setLastStudied(deckId)
    setScreen({ name: 'study', deckId, deckName, section, from })
  }

  /** The current screen; every screen shares the one <main>. */
  const current = () => {
    if (fatal) {
      return (
        <div className="problems" role="alert">
          <h1>Attaché could not start</h1>
          <p>{fatal}</p>
        </div>
      )
    }
    if (screen.name === 'study') {
      return (
        <StudyScreen
          deckId={screen.deckId}
          deckName={screen.deckName}
          section={screen.section}
          settings={settings}
          backTo={screen.from === 'sections' ? 'Sections' : 'Decks'}
          onExit={
            screen.from === 'sections'
              ? () =>
                  setScreen({ name: 'sections', deckId: screen.deckId, deckName: screen.deckName })
              : toDecks
          }
        />
      )
    }
    if (screen.name === 'browse') return <CardBrowser settings={settings} onExit={toDecks} />
    if (screen.name === 'exam')
      return <MockExamScreen theme={pageTheme(settings.theme)} onExit={toDecks} />
    if (screen.name === 'generate')
      return (
        <GenerateScreen
          onExit={toDecks}
          onStudy={(deckId, deckName) => study(deckId, deckName, null, 'decks')}
        />
      )
    if (screen.name === 'figures')
      return (
        <KeyFiguresScreen
          deckId={screen.deckId}
          deckName={screen.deckName}
          settings={settings}
          onExit={toDecks}
        />
      )
    if (screen.name === 'stats') return <StatisticsScreen settings={settings} onExit={toDecks} />
    if (screen.name === 'sections') {
      return (
        <SectionsScreen
          deckId={screen.deckId}
          deckName={screen.deckName}
          settings={settings}
          onStudy={(section) => study(screen.deckId, screen.deckName, section, 'sections')}
          onExit={toDecks}
        />
      )
    }
    return (
      <>
        <header className="top-bar">
          <h1 className="brand">Attaché</h1>
          <nav className="top-actions">
            <button
              type="button"
              className="ghost"
              onClick={() => setScreen({ name: 'browse' })}
              aria-keyshortcuts="B"
            >
              Browse
            </button>
            <button
              type="button"
              className="ghost"
              aria-pressed={newDeck}
              onClick={() => setNewDeck((v) => !v)}
            >
              New deck
            </button>
            <button type="button" className="ghost" onClick={() => setScreen({ name: 'stats' })}>
              Statistics
            </button>
            <button type="button" className="ghost" onClick={() => setScreen({ name: 'exam' })}>
              Mock exam
            </button>
            <button type="button" className="ghost" onClick={() => setScreen({ name: 'generate' })}>
              From a text
            </button>
            <button type="button" className="ghost" onClick={() => setTransfer({ kind: 'import' })}>
              Import
            </button>
            <button type="button" className="ghost" onClick={() => setTransfer({ kind: 'export' })}>
              Export
            </button>
            <button
              type="button"
              className="ghost"
              aria-pressed={screen.name === 'settings'}
              onClick={() =>
                setScreen(screen.name === 'settings' ? { name: 'decks' } : { name: 'settings' })
              }
            >
              Settings
            </button>
          </nav>
        </header>
        {transfer?.kind === 'import' && <ImportDialog onClose={() => setTransfer(null)} />}
        {transfer?.kind === 'export' && (
          <ExportDialog
            {...(transfer.deckId ? { deckId: transfer.deckId } : {})}
            onClose={() => setTransfer(null)}
          />
        )}
        {screen.name === 'settings' ? (
          <SettingsPanel
            settings={settings}
            error={settingsError}
            onChange={(k, v) => {
              setSettingsError(null)
              commands.settings
                .update(k, v)
                .catch((e: unknown) =>
                  setSettingsError(
                    `Could not save the setting; the previous value is kept. ${e instanceof Error ? e.message : String(e)}`,
                  ),
                )
            }}
            onClose={toDecks}
          />
        ) : (
          <>
            {startup && welcomeSeen === false && (
              <Welcome onImport={() => setTransfer({ kind: 'import' })} />
            )}
            {startup && <DeckProblems problems={startup.problems} />}
            {startup && <SettingsDropped dropped={startup.settingsDropped} />}
            {newDeck && <NewDeckForm onDone={() => setNewDeck(false)} />}
            {adding && (
              <NoteEditor
                mode="add"
                deckId={adding.deckId}
                deckName={adding.deckName}
                onClose={() => setAdding(null)}
              />
            )}
            {startup ? (
              <DeckList
                settings={settings}
                focusDeckId={lastStudied}
                onAdd={(d) => setAdding({ deckId: d.id, deckName: d.name })}
                onStudy={(d) => study(d.id, d.name, null, 'decks')}
                onSections={(d) => setScreen({ name: 'sections', deckId: d.id, deckName: d.name })}
                onExport={(d) => setTransfer({ kind: 'export', deckId: d.id })}
                onKeyFigures={(d) => setScreen({ name: 'figures', deckId: d.id, deckName: d.name })}
              />
            ) : (
              <p className="muted">Loading decks…</p>
            )}
          </>
        )}
      </>
    )
  }

  return (
    <main className="app">
      {backupError && (
        <p className="notice storage-notice" role="alert">
          {backupError}
        </p>
      )}
      {storageNotice && (
        <p className="notice storage-notice" role="alert">
          {storageNotice}
        </p>
      )}
      {/* A study session offers it itself, between cards. */}
      {updateReady && screen.name !== 'study' && <UpdateOffer reload={updateReady} />}
      {current()}
    </main>
  )
}
