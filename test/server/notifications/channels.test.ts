import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendFailure } from '#shared/notifications/types';
import { createSmsChannel, parseHeaderLine } from '#server/notifications/sms-channel';
import { createSmtpChannel } from '#server/notifications/smtp-channel';
import {
  closedPort,
  startFakeGateway,
  startFakeSmtp,
  type FakeGateway,
  type FakeSmtp,
} from './fake-providers';

const failureOf = async (p: Promise<unknown>): Promise<SendFailure> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SendFailure);
  return e as SendFailure;
};

describe('SMTP channel (nodemailer against a real SMTP server)', () => {
  let smtp: FakeSmtp;
  beforeAll(async () => {
    smtp = await startFakeSmtp();
  });
  afterAll(() => smtp.close());

  it('delivers subject, text (Unicode intact), sender and the idempotency key', async () => {
    const channel = createSmtpChannel({
      url: `${smtp.url}?from=Offers%20%3Coffers%40shop.example%3E`,
    });
    const receipt = await channel.send({
      to: 'ana@example.com',
      subject: 'Your Holi coupon expires on 17 Mar 2025 — ₹100',
      text: 'Hi Zoë,\nuse AB12 before it ends.',
      idempotencyKey: 'counterfoil-job-1',
    });
    channel.close();
    expect(receipt.providerId).toBe('<counterfoil-job-1@counterfoil>');
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({
      from: 'offers@shop.example',
      to: ['ana@example.com'],
      subject: 'Your Holi coupon expires on 17 Mar 2025 — ₹100',
      text: 'Hi Zoë,\nuse AB12 before it ends.',
      messageId: '<counterfoil-job-1@counterfoil>',
      idempotencyKey: 'counterfoil-job-1',
    });
  });

  it('reads 4xx replies as retry, 5xx as refused, and no server as retry', async () => {
    const channel = createSmtpChannel({ url: smtp.url });
    const mail = { to: 'x@example.com', subject: 's', text: 't', idempotencyKey: 'k' };
    smtp.rcptReply = () => ({ code: 451, message: 'mailbox busy' });
    expect((await failureOf(channel.send(mail))).kind).toBe('RETRYABLE');
    smtp.rcptReply = () => ({ code: 550, message: 'no such user' });
    const refused = await failureOf(channel.send(mail));
    expect(refused.kind).toBe('PERMANENT');
    expect(refused.message).toContain('no such user');
    smtp.rcptReply = null;
    channel.close();
    const nowhere = createSmtpChannel({
      url: `smtp://127.0.0.1:${await closedPort()}`,
      timeoutMs: 2000,
    });
    const down = await failureOf(nowhere.send(mail));
    expect(down.kind).toBe('RETRYABLE');
    nowhere.close();
  });

  it('refuses a URL that is not smtp:// or smtps://', () => {
    expect(() => createSmtpChannel({ url: 'http://mail.example' })).toThrow(
      /smtp:\/\/ or smtps:\/\//,
    );
  });
});

describe('SMS channel (HTTP gateway)', () => {
  let gw: FakeGateway;
  beforeAll(async () => {
    gw = await startFakeGateway();
  });
  afterAll(() => gw.close());

  it('posts {to, text, unicode} with the auth header and the idempotency key', async () => {
    const channel = createSmsChannel({ url: gw.url, authHeader: 'Authorization: Bearer s3cret' });
    const receipt = await channel.send({
      to: '+919800000001',
      text: 'नमस्ते AB12',
      unicode: true,
      idempotencyKey: 'counterfoil-job-2',
    });
    expect(receipt).toEqual({ providerId: 'gw-1' });
    expect(gw.requests[0]?.body).toEqual({ to: '+919800000001', text: 'नमस्ते AB12', unicode: true });
    expect(gw.requests[0]?.headers).toMatchObject({
      authorization: 'Bearer s3cret',
      'idempotency-key': 'counterfoil-job-2',
      'content-type': 'application/json',
    });
  });

  it('classifies answers: 503/429 retry, 400 refused, 500 and timeouts unknown, no gateway retry', async () => {
    const sms = { to: '+1', text: 't', unicode: false, idempotencyKey: 'k' };
    const channel = createSmsChannel({ url: gw.url, timeoutMs: 500 });
    const kindFor = async (status: number) => {
      gw.reply = () => ({ status, body: '{"error":"x"}' });
      return (await failureOf(channel.send(sms))).kind;
    };
    expect(await kindFor(503)).toBe('RETRYABLE');
    expect(await kindFor(429)).toBe('RETRYABLE');
    expect(await kindFor(400)).toBe('PERMANENT');
    expect(await kindFor(500)).toBe('UNCERTAIN');
    gw.reply = () => 'hang';
    expect((await failureOf(channel.send(sms))).kind).toBe('UNCERTAIN');
    gw.reply = null;
    const nowhere = createSmsChannel({ url: `http://127.0.0.1:${await closedPort()}/sms` });
    expect((await failureOf(nowhere.send(sms))).kind).toBe('RETRYABLE');
  });

  it('checks the auth header shape at start-up', () => {
    expect(parseHeaderLine('X-Api-Key:  abc ')).toEqual(['X-Api-Key', 'abc']);
    expect(() => parseHeaderLine('Bearer abc')).toThrow(/--sms-auth-header must look like/);
  });
});
