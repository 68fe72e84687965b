import { describe, expect, it } from 'vitest';
import { addressSubject } from '#shared/services/auth/client-address';

describe('sign-in throttle: the address subject', () => {
  it('counts IPv4 per address, IPv4-mapped IPv6 as its IPv4 address', () => {
    expect(addressSubject('203.0.113.7')).toBe('203.0.113.7');
    expect(addressSubject('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressSubject('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 per /64, however the address is written', () => {
    const subject = '2001:db8:aa:bb::/64';
    expect(addressSubject('2001:db8:aa:bb::1')).toBe(subject);
    expect(addressSubject('2001:0db8:00aa:00bb:1234:5678:9abc:def0')).toBe(subject);
    expect(addressSubject('2001:DB8:AA:BB:ffff::')).toBe(subject);
    expect(addressSubject('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressSubject('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps unparseable text as its own bounded subject', () => {
    expect(addressSubject('not:an:address:at:all:::')).toBe('not:an:address:at:all:::');
    expect(addressSubject(`x:${'y'.repeat(500)}`)).toHaveLength(64);
  });
});
