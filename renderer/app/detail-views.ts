import {createElement, Fragment} from 'react'
import {ExceptionDetailsView} from '../features/exceptions/exception-details'
import type {DetailViews} from '../features/details/details-panel'
import {FrameDetailsView} from '../features/frame/frame-details'
import {FrameHistorySection} from '../features/history/history-sections'
import {OutboundDetailsView, RequestDetailsView} from '../features/http/http-details'
import {LogDetailsView} from '../features/logs/log-details'
import {SqlDetailsView} from '../features/sql/sql-details'
import {TemplateDetailsView} from '../features/templates/template-details'

/** A frame's details, then its function's calls across the project (the history feature's). */
const FrameWithHistory: NonNullable<DetailViews['frame']> = props =>
  createElement(
    Fragment,
    undefined,
    createElement(FrameDetailsView, props),
    createElement(FrameHistorySection, {details: props.details}),
  )

/** The details panel's view of each kind of node, from the kind's own feature. */
export const detailViews: DetailViews = {
  frame: FrameWithHistory,
  sql: SqlDetailsView,
  request: RequestDetailsView,
  outbound: OutboundDetailsView,
  exception: ExceptionDetailsView,
  log: LogDetailsView,
  template: TemplateDetailsView,
}
