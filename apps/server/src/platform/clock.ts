/**
 * Time is injected: the domain never calls `new Date()`. The system clock in production; an
 * adjustable clock in demo mode (`/api/dev/clock`) and in tests, so 15-minute and 30-day rules can be
 * exercised without waiting.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class AdjustableClock implements Clock {
  private offsetMs = 0;
  private fixed: number | null;

  /** With `fixedAt` the clock stands still at that instant (tests); otherwise it follows real time. */
  constructor(fixedAt?: Date) {
    this.fixed = fixedAt ? fixedAt.getTime() : null;
  }

  now(): Date {
    return new Date((this.fixed ?? Date.now()) + this.offsetMs);
  }

  advanceMinutes(minutes: number): void {
    this.offsetMs += Math.round(minutes * 60_000);
  }

  set(at: Date): void {
    this.fixed = at.getTime();
    this.offsetMs = 0;
  }
}
