/** Colours of the residents' enumerations (the labels themselves come from @wuye/contracts). */
import {
  type AuthorisationStatus,
  GENDER_LABELS,
  type Gender,
  GRADE_LABELS,
  type Grade,
  type HouseholdSegment,
  RELATION_LABELS,
  type ResidentRelation,
  SEGMENT_LABELS,
} from '@wuye/contracts';

export const GRADE_COLORS: Record<Grade, string> = { A: 'gold', B: 'blue', C: 'default', D: 'volcano' };

export const LETTER_STATUS_COLORS: Record<AuthorisationStatus, string> = {
  valid: 'green',
  pending: 'blue',
  expired: 'default',
};

/** Relations that act for the owner and may need the owner's letter (as the server checks). */
export const AUTHORISED_RELATIONS = ['tenant', 'agent', 'decoration_lead'] as const;
export const OWNER_RELATIONS = ['owner', 'co_owner'] as const;

// The enumerations' values in order, read from their label tables: the contracts' enums module builds
// zod schemas beside its arrays, and importing it would bring zod into the browser bundle.
export const GRADE_LIST = Object.keys(GRADE_LABELS) as Grade[];
export const GENDER_LIST = Object.keys(GENDER_LABELS) as Gender[];
export const SEGMENT_LIST = Object.keys(SEGMENT_LABELS) as HouseholdSegment[];
export const RELATION_LIST = Object.keys(RELATION_LABELS) as ResidentRelation[];
