import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js'
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  MatrixController,
  MatrixElement,
)

/**
 * The theme's colours as the page resolves them (the variables hold `light-dark(…)`, which only
 * a real property resolves): read through a hidden probe element.
 */
export function themeColors() {
  const probe = document.createElement('span')
  probe.hidden = true
  document.body.append(probe)
  const resolve = (name: string) => {
    probe.style.color = `var(${name})`
    return getComputedStyle(probe).color
  }
  const colors = {
    text: resolve('--text'),
    muted: resolve('--muted'),
    border: resolve('--border'),
    accent: resolve('--accent'),
    again: resolve('--again'),
    hard: resolve('--hard'),
    good: resolve('--good'),
    easy: resolve('--easy'),
    new: resolve('--new'),
    learn: resolve('--learn'),
    due: resolve('--due'),
  }
  probe.remove()
  return colors
}

interface Props {
  title: string
  /** One sentence for screen readers about what the chart shows. */
  summary: string
  config: (colors: ReturnType<typeof themeColors>) => ChartConfiguration
  /** The same data as a table: header cells, then rows. */
  table: { head: string[]; rows: (string | number)[][] }
  /** Redraw when this changes (the theme). */
  theme: string
  /** A key to the chart's colours, under it (the table says the same in words). */
  legend?: ReactNode
}

/**
 * One chart (Chart.js, on a canvas) and the same numbers as a table: screen readers read the
 * table; sighted users can show it too.
 */
export function StatChart({ title, summary, config, table, theme, legend }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const id = useId()
  const [asTable, setAsTable] = useState(false)
  useEffect(() => {
    const target = canvas.current
    if (!target) return
    let chart: Chart | null = null
    // Each chart is drawn in a task of its own: nine charts drawn in the one task React commits
    // them in would hold the window for a tenth of a second.
    const timer = setTimeout(() => {
      const colors = themeColors()
      Chart.defaults.color = colors.text
      Chart.defaults.borderColor = colors.border
      // Drawn at once, as Anki's statistics are: nothing moves for those who read them.
      Chart.defaults.animation = false
      chart = new Chart(target, config(colors))
    })
    return () => {
      clearTimeout(timer)
      chart?.destroy()
    }
  }, [config, theme])
  return (
    <figure className="stat-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h3>{title}</h3>
        <button
          type="button"
          className="ghost"
          aria-pressed={asTable}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? 'Show chart' : 'Show table'}
        </button>
      </figcaption>
      <div className="chart-box" hidden={asTable}>
        <canvas ref={canvas} role="img" aria-label={summary} data-testid={`chart-${title}`} />
      </div>
      {!asTable && legend}
      <div className={asTable ? 'table-scroll' : 'visually-hidden'}>
        <table className="preview-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              {table.head.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th scope="row" key={j}>
                      {cell}
                    </th>
                  ) : (
                    <td key={j}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
