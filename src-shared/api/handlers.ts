import type { Dispatch } from './dispatch';
import type { SqlPort } from '../sql/port';
import type { OperationName, OpOutput, OpParsedInput } from './operations';
import type { Principal } from './roles';
import type { TillFact } from '../sync/facts';

/** What every handler receives besides its input. */
export type HandlerContext = {
  sql: SqlPort;
  principal: Principal;
  /** Injected clock: tests and the demo's time travel set it. */
  now: () => Date;
  /** 'till' = a replica at a till; 'hub' = the authority. */
  host: 'till' | 'hub';
  /** The network address the call came from (HTTP only): sign-in throttling keys on it. */
  clientAddress?: string;
  /** The bearer token of the call (HTTP and IPC): sign-out revokes it. */
  token?: string;
  /** Till only: makes an acknowledged fact durable before COMMIT (fsync'd journal). */
  journal?: { append(record: object): Promise<void> };
  /**
   * Hub only: the notification channels this process was started with, so an answer can say
   * truthfully that a message will wait for want of one. Absent: not known here.
   */
  channels?: { sms: boolean; email: boolean };
  /** Till only: records a fact in the outbox (gap-free tillSeq) inside the same transaction. */
  recordFact?: (tx: SqlPort, fact: TillFact) => Promise<void>;
  /**
   * The dispatcher running this call, set by it: a handler that runs other operations (the
   * hub's queued commands, the demo seed) uses it rather than importing the joined handler map,
   * which would close an import cycle.
   */
  dispatch?: Dispatch;
};

export type Handler<K extends OperationName> = (
  input: OpParsedInput<K>,
  ctx: HandlerContext,
) => Promise<OpOutput<K>>;

/** A missing handler is a compile error: the map must cover every operation. */
export type Handlers = { [K in OperationName]: Handler<K> };
export type HandlerGroup<K extends OperationName> = { [P in K]: Handler<P> };
