export * from './api.ts';
export * from './desk.ts';
export * from './enums.ts';
export * from './labels.ts';
export * from './requests.ts';
