import './mode-switch.css'

/** One choice of a mode switch. */
export interface ModeOption<T extends string> {
  value: T
  label: string
  title?: string
  testId?: string
}

/** A row of buttons of which one is on (a radio group): a chart's mode, a graph's layout. */
export function ModeSwitch<T extends string>(props: {
  label: string
  options: readonly ModeOption<T>[]
  value: T
  onChange: (value: T) => void
}) {
  return (
    <div className="mode-switch" role="radiogroup" aria-label={props.label}>
      {props.options.map(o => (
        <button
          key={o.value}
          role="radio"
          aria-checked={props.value === o.value}
          className={`mode-switch-option${props.value === o.value ? ' active' : ''}`}
          data-testid={o.testId}
          title={o.title}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  )
}
