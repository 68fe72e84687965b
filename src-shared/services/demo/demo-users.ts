import type { Role } from '#shared/api/roles';
import type { PasswordHash } from '../auth/index';

export type DemoUser = {
  username: string;
  password: string;
  role: Role;
  storeIds: string[] | null;
  /**
   * The password's verifier at the default 600,000 PBKDF2 iterations, made once and shipped:
   * hashing four of them took a second of CPU off every demo start (the hub's cold start), and
   * a fixed salt hides nothing for a password printed on every start anyway.
   */
  verifier: PasswordHash;
};

/** One sign-in per role; the caller prints them (they are demo credentials, not secrets). */
export const demoUsers: readonly DemoUser[] = [
  {
    username: 'cashier',
    password: 'cashier123!',
    role: 'cashier',
    storeIds: ['S-DEL'],
    verifier: {
      hash: 'pbkdf2-sha256$600000$54050bc632c424e94bb8bd54858058adfa32b17ea875727de7c575bb8530559c',
      salt: '871c5cbef35280e198ac6ecebae8a325',
    },
  },
  {
    username: 'manager',
    password: 'manager123!',
    role: 'store_manager',
    storeIds: ['S-DEL'],
    verifier: {
      hash: 'pbkdf2-sha256$600000$603f2d918cb0268aba9ecd76233717393b30423132dd32c1def055faaec41f8c',
      salt: '87d9a037cc241850e082e714d7dda4fd',
    },
  },
  {
    username: 'backoffice',
    password: 'backoffice123!',
    role: 'back_office',
    storeIds: null,
    verifier: {
      hash: 'pbkdf2-sha256$600000$cec75753ef5c339442064e1d76efbea586da1d413fc160c262440440fbe19aa3',
      salt: 'd77cecd9f3932fbe059f0d706ba0b85e',
    },
  },
  {
    username: 'admin',
    password: 'admin123!',
    role: 'admin',
    storeIds: null,
    verifier: {
      hash: 'pbkdf2-sha256$600000$7bb33432172999f9dc6488ba7ff69b003fd6016dec791f890878a19d04e62d60',
      salt: '7e1b50672e7d7e05d48b524270e6ab28',
    },
  },
];
