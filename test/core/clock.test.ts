// The clock: real time by default, moved by tests, and following vitest's fake timers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '../../core/clock.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('clock', () => {
  it('follows vi.setSystemTime and adds its own offset on top', () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    const clock = createClock();
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    vi.advanceTimersByTime(5_000);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1) + 5_000);
    clock.advance(3600);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1) + 5_000 + 3_600_000);
    clock.reset();
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1) + 5_000);
  });

  it('stands still when frozen, moves only when told, and can be set', () => {
    const clock = createClock({ frozen: true, start: new Date('2026-11-24T10:00:00Z') });
    expect(clock.nowSeconds()).toBe(Date.UTC(2026, 10, 24, 10) / 1000);
    clock.advance(0.5);
    expect(clock.now()).toBe(Date.UTC(2026, 10, 24, 10) + 500);
    clock.set(Date.UTC(2030, 0, 1));
    expect(clock.now()).toBe(Date.UTC(2030, 0, 1));
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });

  it('runs on from a start instant when not frozen', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    const clock = createClock({ start: 5_000_000 });
    vi.advanceTimersByTime(10);
    expect(clock.now()).toBe(5_000_010);
    expect(clock.offsetMs()).toBe(4_000_000);
  });
});
