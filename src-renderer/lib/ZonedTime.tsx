import { formatInstant, usableZone, type TimeStyle } from './time-format';

type Props = {
  iso: string | null | undefined;
  zone: string;
  style?: TimeStyle;
  /** Every time is labelled now; accepted so screens written before need no change. */
  alwaysLabel?: boolean;
};

/**
 * A time as wall time in the zone it belongs to, labelled ("31 Jan 2025, 23:59 IST"); the hover
 * title adds the zone's full name so a reader can check which clock it is on.
 */
export const ZonedTime = ({ iso, zone, style = 'datetime' }: Props) => {
  if (!iso) return <>—</>;
  return (
    <time
      dateTime={iso}
      data-zone={zone}
      title={`${formatInstant(iso, zone)} (${usableZone(zone)})`}
    >
      {formatInstant(iso, zone, { style })}
    </time>
  );
};
