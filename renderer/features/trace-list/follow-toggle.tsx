import {useAppStore} from '../../state/use-app-store'

/** "Follow": select each new trace of this project as Kolo commits it (as Kolo's viewers do). */
export function FollowToggle() {
  const on = useAppStore(s => s.settings?.followLatest === true)
  const toggle = useAppStore(s => s.toggleFollowLatest)
  return (
    <button
      className={`follow-toggle${on ? ' on' : ''}`}
      aria-pressed={on}
      title={
        on ? 'Following the latest trace: click to stop' : 'Follow the latest trace as it arrives'
      }
      data-testid="follow-latest"
      onClick={toggle}
    >
      <span className="follow-dot" aria-hidden="true" />
      Follow
    </button>
  )
}
