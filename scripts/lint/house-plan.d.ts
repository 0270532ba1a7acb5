/** Rooms and what each may import (see house-plan.js). */
export declare const rooms: Record<string, string[]>
/** Paths that are test support wherever they are. */
export declare const testSupport: RegExp[]
