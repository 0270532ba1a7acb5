import {ExceptionDetailsView} from '../features/exceptions/exception-details'
import type {DetailViews} from '../features/details/details-panel'
import {FrameDetailsView} from '../features/frame/frame-details'
import {OutboundDetailsView, RequestDetailsView} from '../features/http/http-details'
import {LogDetailsView} from '../features/logs/log-details'
import {SqlDetailsView} from '../features/sql/sql-details'
import {TemplateDetailsView} from '../features/templates/template-details'

/** The details panel's view of each kind of node, from the kind's own feature. */
export const detailViews: DetailViews = {
  frame: FrameDetailsView,
  sql: SqlDetailsView,
  request: RequestDetailsView,
  outbound: OutboundDetailsView,
  exception: ExceptionDetailsView,
  log: LogDetailsView,
  template: TemplateDetailsView,
}
