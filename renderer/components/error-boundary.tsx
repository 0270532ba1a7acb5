import {Component} from 'react'
import type {ErrorInfo, ReactNode} from 'react'

/**
 * Shows what broke instead of a blank window when a part of the UI throws while rendering.
 *
 * `name` says which part (it goes in the message); Retry re-renders it.
 */
export class ErrorBoundary extends Component<{children: ReactNode; name: string}, {error?: Error}> {
  override state: {error?: Error} = {}
  static getDerivedStateFromError(error: Error): {error: Error} {
    return {error}
  }
  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} failed`, error, info.componentStack)
  }
  override render(): ReactNode {
    if (!this.state.error) return this.props.children
    return (
      <div className="center-message">
        <div className="error-banner" data-testid="error" role="alert">
          <strong>{this.props.name} failed.</strong>
          <div className="error-detail mono">{this.state.error.message}</div>
          <button className="button" onClick={() => this.setState({error: undefined})}>
            Retry
          </button>
        </div>
      </div>
    )
  }
}
