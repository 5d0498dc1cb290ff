// Creates a local staff account (or gives an existing one a new password with --reset):
//   npm run staff:add -- --name mila --role medewerker [--display-name "Mila de Vries"] [--generate] [--reset]
// Off-boarding: --disable (signing in stops, open sessions end at once) and --enable.
// Asks for the password on a terminal (empty = generate one); without a terminal, or with
// --generate, it generates one. A generated password is printed once and stored only as a hash.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { ROLES, staffRepo, type Role, type StaffDb } from '../server/db/staff-repo.js';
import { auditRepo } from '../server/db/audit-repo.js';
import { cryptoIds } from '../server/ids.js';
import { generatePassword, hashPassword } from '../server/staff/password.js';

const MIN_LENGTH = 12;

function fail(code: string, message: string): never {
  console.error(`${code}: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    role: { type: 'string' },
    'display-name': { type: 'string' },
    generate: { type: 'boolean' },
    reset: { type: 'boolean' },
    disable: { type: 'boolean' },
    enable: { type: 'boolean' },
  },
});
const toggle = values.disable ? false : values.enable ? true : undefined;
const name = values.name?.trim();
if (!name || !/^[a-z0-9._-]{2,60}$/i.test(name)) fail('staff-name-invalid', 'Give --name: 2–60 letters, digits, ".", "_" or "-".');
const role = values.role as Role | undefined;
if (!values.reset && toggle === undefined && (!role || !ROLES.includes(role)))
  fail('staff-role-invalid', `Give --role: one of ${ROLES.join(', ')}.`);

async function askPassword(): Promise<{ password: string; generated: boolean }> {
  if (values.generate || !process.stdin.isTTY) return { password: generatePassword(), generated: true };
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const typed = await rl.question(`Wachtwoord voor ${name} (leeg laten = laten maken): `);
  rl.close();
  if (!typed) return { password: generatePassword(), generated: true };
  if ([...typed].length < MIN_LENGTH)
    fail('staff-password-short', `Use at least ${MIN_LENGTH} characters, or leave it empty to get a generated one.`);
  return { password: typed, generated: false };
}

const db = await connect(process.env.DATABASE_URL ?? DEFAULTS.databaseUrl);
try {
  const kysely = db.kysely as unknown as StaffDb;
  const repo = staffRepo(kysely);
  const audit = auditRepo(kysely, cryptoIds.id);
  const existing = await repo.accountByName(name);
  if (toggle !== undefined) {
    if (!existing) fail('staff-unknown', `No account "${name}".`);
    await repo.setActive(name, toggle);
    await audit.write({
      at: new Date().toISOString(),
      accountId: null,
      role: null,
      action: toggle ? 'account.enable' : 'account.disable',
      targetKind: 'account',
      targetId: existing.id,
    });
    console.log(
      toggle ? `Account ${name} kan weer inloggen.` : `Account ${name} is uitgeschakeld: inloggen kan niet meer, open sessies stoppen nu.`,
    );
    process.exit(0);
  }
  if (values.reset ? !existing : existing)
    fail(
      values.reset ? 'staff-unknown' : 'staff-exists',
      values.reset ? `No account "${name}".` : `"${name}" exists already. Use --reset to give it a new password.`,
    );
  const { password, generated } = await askPassword();
  const hash = await hashPassword(password);
  const at = new Date().toISOString();
  if (values.reset) {
    await repo.setPassword(name, hash);
    await audit.write({
      at,
      accountId: existing!.id,
      role: null,
      action: 'account.password-reset',
      targetKind: 'account',
      targetId: existing!.id,
    });
  } else {
    const id = cryptoIds.id();
    await repo.addAccount(
      { id, name, displayName: values['display-name'] ?? name, role: role!, passwordHash: hash, oidcSubject: null },
      at,
    );
    await audit.write({ at, accountId: null, role: null, action: 'account.create', targetKind: 'account', targetId: id, detail: { role } });
  }
  console.log(`${values.reset ? 'Nieuw wachtwoord voor' : 'Account aangemaakt:'} ${name}${role ? ` (${role})` : ''}.`);
  if (generated) console.log(`Wachtwoord (wordt maar één keer getoond): ${password}`);
} finally {
  await db.close();
}
