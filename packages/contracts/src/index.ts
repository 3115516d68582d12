export * from './api.ts';
export * from './board.ts';
export * from './enums.ts';
export * from './handover.ts';
export * from './labels.ts';
export * from './payments.ts';
export * from './requests.ts';
export * from './sla-settings.ts';
