import {useEffect} from 'react'
import {CloseIcon} from '../components/icons'
import {useAppStore} from '../state/use-app-store'

/** The current notice (a link that could not be opened, a refused file), over the centre pane. */
export function NoticeBar() {
  const notice = useAppStore(s => s.notice)
  const dismiss = useAppStore(s => s.dismissNotice)
  // News passes by itself; an error stays until read and dismissed.
  useEffect(() => {
    if (notice?.kind !== 'info') return
    const id = setTimeout(dismiss, 6000)
    return () => clearTimeout(id)
  }, [notice, dismiss])
  if (!notice) return null
  return (
    <div
      className={`notice-bar notice-${notice.kind}`}
      data-testid="notice"
      role={notice.kind === 'error' ? 'alert' : 'status'}
    >
      <span className="notice-text">{notice.message}</span>
      <button className="icon-button" title="Dismiss" onClick={dismiss}>
        <CloseIcon size={12} />
      </button>
    </div>
  )
}
