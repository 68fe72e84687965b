import type { SqlPort } from '#shared/sql/port';

/** A path as one shell word, so the printed command can be pasted as it is. */
const shellWord = (text: string): string =>
  /^[\w./:@+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * What the hub says at start when nobody can sign in yet (a hub started without --demo): the
 * command that makes the first admin, for the database this hub uses. The URL is not repeated:
 * it may hold a password, and start-up lines end up in logs.
 */
export const firstAdminHint = (db: { databaseUrl?: string; dataDir: string }): string[] =>
  db.databaseUrl
    ? [
        'No users yet: nobody can sign in. Create the first admin (the hub may keep running):',
        '  npx counterfoil users create --role admin --username NAME --database-url <this hub’s URL>',
      ]
    : [
        'No users yet: nobody can sign in. Stop the hub (Ctrl-C), create the first admin, start it again',
        '(its embedded database serves one process at a time):',
        `  npx counterfoil users create --role admin --username NAME --data ${shellWord(db.dataDir)}`,
      ];

export const hasUsers = async (sql: SqlPort): Promise<boolean> =>
  (await sql.query('SELECT 1 AS one FROM users LIMIT 1')).length > 0;
