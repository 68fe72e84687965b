import { formatInZone, type TimeStyle } from './zoned-time';

type Props = {
  iso: string | null | undefined;
  zone: string;
  style?: TimeStyle;
  /** Name the zone on every row (lists whose rows are in different zones). */
  alwaysLabel?: boolean;
};

/**
 * A time as wall time in the zone it belongs to. The hover title always names the zone, so a
 * reader can check which clock a bare time is on.
 */
export const ZonedTime = ({ iso, zone, style = 'datetime', alwaysLabel = false }: Props) => {
  if (!iso) return <>—</>;
  return (
    <time
      dateTime={iso}
      data-zone={zone}
      title={`${formatInZone(iso, zone, { zoneLabel: 'always' })} (${zone})`}
    >
      {formatInZone(iso, zone, { style, zoneLabel: alwaysLabel ? 'always' : 'auto' })}
    </time>
  );
};
