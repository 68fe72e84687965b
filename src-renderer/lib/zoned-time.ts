import { DateTime, Info, type DateTimeFormatOptions } from 'luxon';

/**
 * Times shown in the zone they belong to: a redemption in its store's zone, an
 * org-wide event in the org's, whatever zone the browser runs in. Luxon does the zone
 * arithmetic; Intl (through luxon) does the wording in the viewer's locale.
 * See docs/architecture.md, "Domain".
 */
export type TimeStyle = 'datetime' | 'compact' | 'date';

export type ZonedFormatOptions = {
  style?: TimeStyle;
  /**
   * 'auto' (default): name the zone only where the wall time alone could mislead — the zone
   * differs from the viewer's at that instant, or the wall time occurs twice there (the
   * repeated hour when clocks go back). 'always' for rows of several zones side by side.
   */
  zoneLabel?: 'auto' | 'always' | 'never';
  /** BCP 47 locale; default the viewer's. */
  locale?: string;
  /** IANA zone of the viewer; default the browser's (tests pass one). */
  viewerZone?: string;
};

const styles: Record<TimeStyle, DateTimeFormatOptions> = {
  datetime: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  // "Nov 23, 15:30": for dense tables, where the year is rarely in doubt.
  compact: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
};

const browserZone = (): string => DateTime.local().zoneName ?? 'UTC';

/**
 * Checking a zone builds an Intl formatter (luxon does not cache the answer); a table formats
 * the same one or two zones for every row on every render, so the answer is kept per name.
 */
const zoneValidity = new Map<string, boolean>();

/** The zone to format in: an unknown or missing zone falls back to UTC, always labelled. */
const usableZone = (zone: string | null | undefined): string | null => {
  if (!zone) return null;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = Info.isValidIANAZone(zone);
    zoneValidity.set(zone, valid);
  }
  return valid ? zone : null;
};

/** Whether this wall time happens twice in its zone (e.g. 01:30 on a fall-back night). */
export const isRepeatedWallTime = (dt: DateTime): boolean => dt.getPossibleOffsets().length > 1;

/** Whether a viewer in viewerZone needs the zone named to read iso correctly in zone. */
export function needsZoneLabel(iso: string, zone: string, viewerZone = browserZone()): boolean {
  const at = DateTime.fromISO(iso, { zone });
  if (!at.isValid) return true;
  const viewer = DateTime.fromISO(iso, { zone: viewerZone });
  return !viewer.isValid || viewer.offset !== at.offset || isRepeatedWallTime(at);
}

/** An ISO instant as wall time in zone; '—' for none, the text itself if it is not an instant. */
export function formatInZone(
  iso: string | null | undefined,
  zone: string | null | undefined,
  options: ZonedFormatOptions = {},
): string {
  if (!iso) return '—';
  const style = options.style ?? 'datetime';
  const target = usableZone(zone);
  const at = DateTime.fromISO(iso, { zone: target ?? 'UTC' });
  if (!at.isValid) return iso;
  const dt = options.locale ? at.setLocale(options.locale) : at;
  const mode = target === null ? 'always' : (options.zoneLabel ?? 'auto');
  // A calendar date names no zone unless asked: an expiry day is read in its zone by design.
  const label =
    mode === 'always' ||
    (mode === 'auto' &&
      style !== 'date' &&
      needsZoneLabel(iso, dt.zoneName ?? 'UTC', options.viewerZone));
  return dt.toLocaleString(label ? { ...styles[style], timeZoneName: 'short' } : styles[style]);
}

/** The zone's short name at that instant ("EST", "GMT+5:30"), as the locale words it. */
export function zoneAbbreviation(iso: string, zone: string, locale?: string): string {
  const at = DateTime.fromISO(iso, { zone, ...(locale ? { locale } : {}) });
  return at.isValid ? (at.offsetNameShort ?? zone) : zone;
}
