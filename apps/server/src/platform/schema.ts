// Every table of the product, for Drizzle's relational queries and the migration generator.
export * from '../modules/auth/auth.table.ts';
export * from '../modules/calendar/calendar.table.ts';
export * from '../modules/callbacks/callbacks.table.ts';
export * from '../modules/categories/categories.table.ts';
export * from '../modules/complaints/complaints.table.ts';
export * from '../modules/files/files.table.ts';
export * from '../modules/handover/handover.table.ts';
export * from '../modules/notifications/notifications.table.ts';
export * from '../modules/organisation/organisation.table.ts';
export * from '../modules/payments/payments.table.ts';
export * from '../modules/relations/relations.table.ts';
export * from '../modules/requests/requests.table.ts';
export * from '../modules/residents/residents.table.ts';
export * from '../modules/settings/settings.table.ts';
export * from '../modules/units/units.table.ts';
export * from '../modules/vip/vip.table.ts';
export * from './events.table.ts';
