import type {ReactNode, SVGProps} from 'react'
import type {NodeKindName} from '../../shared/model/node-kind'

/** Props of every icon: an SVG's, plus its size in px. */
export type IconProps = SVGProps<SVGSVGElement> & {size?: number}

/** The 16×16 stroked frame every icon draws in. */
export function Svg({size = 14, children, ...rest}: IconProps & {children: ReactNode}) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      {...rest}
    >
      {children}
    </svg>
  )
}

/** A right-pointing chevron (rotate 90° for "expanded"). */
export function ChevronIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6 4l4 4-4 4" />
    </Svg>
  )
}

/** A copy (two sheets) icon. */
export function CopyIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5" />
    </Svg>
  )
}

/** A tick. */
export function CheckIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3 8.5l3 3 7-7" />
    </Svg>
  )
}

/** A magnifying glass. */
export function SearchIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.5 10.5L14 14" />
    </Svg>
  )
}

/** A cross. */
export function CloseIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 4l8 8M12 4l-8 8" />
    </Svg>
  )
}

/** Expand all / collapse all: stacked chevrons. */
export function ExpandAllIcon(props: IconProps & {collapse?: boolean}) {
  const {collapse, ...rest} = props
  return (
    <Svg {...rest}>
      {collapse ? <path d="M4 7l4-3 4 3M4 12l4-3 4 3" /> : <path d="M4 4l4 3 4-3M4 9l4 3 4-3" />}
    </Svg>
  )
}

/** The app's mark: three stacked flame bars. */
export function LogoIcon(props: IconProps) {
  return (
    <Svg {...props} strokeWidth={0} fill="currentColor">
      <rect x="1" y="11" width="14" height="3" rx="1" />
      <rect x="2.5" y="6.5" width="8" height="3" rx="1" opacity="0.8" />
      <rect x="4" y="2" width="4" height="3" rx="1" opacity="0.6" />
    </Svg>
  )
}

const kindPaths: Record<NodeKindName, ReactNode> = {
  frame: <path d="M10.5 2.5c-2 0-2.5 1-2.8 3L6.5 13.5M5 7h5" />,
  request: (
    <>
      <path d="M2.5 8h8M7.5 5l3 3-3 3" />
      <path d="M13.5 3v10" />
    </>
  ),
  sql: (
    <>
      <ellipse cx="8" cy="4" rx="5" ry="1.8" />
      <path d="M3 4v8c0 1 2.2 1.8 5 1.8s5-.8 5-1.8V4M3 8c0 1 2.2 1.8 5 1.8S13 9 13 8" />
    </>
  ),
  outbound: <path d="M5 11l6-6M6 4.5h5v5M3 13.5h10" />,
  template: <path d="M6 3.5L2.5 8 6 12.5M10 3.5L13.5 8 10 12.5" />,
  log: <path d="M3 4h10M3 8h10M3 12h6" />,
  exception: (
    <>
      <path d="M8 2L1.8 13h12.4L8 2z" />
      <path d="M8 6.5v3M8 11.2v.1" />
    </>
  ),
  test: <path d="M6 2.5h4M6.8 2.5v4L3 13a.8.8 0 0 0 .7 1h8.6a.8.8 0 0 0 .7-1L9.2 6.5v-4M5 10h6" />,
  job: (
    <>
      <circle cx="8" cy="8" r="5.5" />
      <path d="M8 5v3l2 1.5" />
    </>
  ),
  flushed: <path d="M2.5 6L8 3l5.5 3L8 9 2.5 6zM2.5 9.5L8 12.5l5.5-3" />,
  thread: <path d="M4 2.5v11M4 6c0 2 8 1 8 4v3.5M12 2.5v2" />,
}

/** The icon of a node kind, in the current colour. */
export function KindIcon(props: IconProps & {kind: NodeKindName}) {
  const {kind, ...rest} = props
  return <Svg {...rest}>{kindPaths[kind]}</Svg>
}

/** A plus. */
export function PlusIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 3v10M3 8h10" />
    </Svg>
  )
}

/** A folder. */
export function FolderIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2 4.5a1 1 0 0 1 1-1h3l1.5 1.5H13a1 1 0 0 1 1 1V12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z" />
    </Svg>
  )
}

/** A chain link. */
export function LinkIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6.5 9.5l3-3" />
      <path d="M7 4.5l1-1a2.8 2.8 0 0 1 4 4l-1 1" />
      <path d="M9 11.5l-1 1a2.8 2.8 0 0 1-4-4l1-1" />
    </Svg>
  )
}

/** A cog. */
export function GearIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="2" />
      <path d="M8 1.8v1.7M8 12.5v1.7M1.8 8h1.7M12.5 8h1.7M3.6 3.6l1.2 1.2M11.2 11.2l1.2 1.2M3.6 12.4l1.2-1.2M11.2 4.8l1.2-1.2" />
    </Svg>
  )
}

/** A pulse: live, follow the latest. */
export function LiveIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M1.5 8h3l1.5-4 3 8 1.5-4h4" />
    </Svg>
  )
}
