// better-sqlite3-multiple-ciphers ships its typings without an "exports" condition for them, so
// TypeScript cannot find them; its API is better-sqlite3's, whose typings we borrow.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database = require('better-sqlite3');
  export = Database;
}
