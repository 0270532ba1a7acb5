import {Svg} from '../../components/icons'
import type {IconProps} from '../../components/icons'

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
