/** The instants a list filter's `from` and `to` days (YYYY-MM-DD, UTC) stand for. */

export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function nextDay(day: string): Date {
  return new Date(dayStart(day).getTime() + 86_400_000);
}
