import {
  eventsFrom,
  HOLD_EXEMPT_EVENTS,
  isMovingEvent,
  LocationIdSchema,
  TRANSITIONS,
  UnitEventSchema,
  UnitTransitionInputSchema,
  type Role,
  type UnitEvent,
  type UnitKind,
  type UnitState,
} from '@evmtrail/shared';
import { z } from 'zod';

export interface RecordableUnit {
  readonly kind: string;
  readonly state: string;
  readonly hold: string;
}

/**
 * The events this role may record for this unit now, from the shared lifecycle: allowed from
 * its state, for its kind, by this role, and (on hold) only the hold-exempt ones.
 */
export function recordableEvents(unit: RecordableUnit, role: Role): UnitEvent[] {
  return eventsFrom(unit.state as UnitState).filter((event) => {
    const spec = TRANSITIONS[event];
    if (!spec.roles.includes(role)) return false;
    if (spec.kinds && !spec.kinds.includes(unit.kind as UnitKind)) return false;
    return unit.hold === 'none' || HOLD_EXEMPT_EVENTS.includes(event);
  });
}

const shape = UnitTransitionInputSchema.shape;

/** One value per line, blank lines dropped, then the api's own rules for the list. */
const lines = (list: typeof shape.witnesses) =>
  z
    .string()
    .transform((text) =>
      text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .pipe(list.unwrap());

/**
 * The form's schema: the shared `unit.transition` input as typed into text fields. Messages that
 * are i18n keys (`record.*`) are translated where they are shown.
 */
export const RecordEventFormSchema = z
  .object({
    event: z.string().min(1, 'record.eventRequired').pipe(UnitEventSchema),
    toLocationId: z
      .string()
      .transform((v) => (v === '' ? undefined : Number(v)))
      .pipe(LocationIdSchema.optional()),
    reason: z.string().pipe(shape.reason.unwrap()),
    witnesses: lines(shape.witnesses),
    seals: lines(shape.seals),
  })
  .superRefine((v, ctx) => {
    if (isMovingEvent(v.event) && v.toLocationId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['toLocationId'], message: 'record.targetRequired' });
    }
  });

export type RecordEventFormInput = z.input<typeof RecordEventFormSchema>;
export type RecordEventFormOutput = z.output<typeof RecordEventFormSchema>;

export const EMPTY_RECORD_FORM: RecordEventFormInput = { event: '', toLocationId: '', reason: '', witnesses: '', seals: '' };
