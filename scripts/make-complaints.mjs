// Writes the simulated customers' recorded complaints into resources/complaints/: one short complaint per
// topic in each of the app's five UI languages, spoken by espeak-ng and encoded as Ogg Opus at 8 kbit/s mono
// with 20 ms frames (what the lab simulator sends as RTP, packet by packet, without re-encoding).
// `node scripts/make-complaints.mjs`; needs Debian's espeak-ng and opus-tools. The output is committed.
//
// The texts are written in each language, not translated word for word. espeak-ng has no Tagalog voice, so the
// Tagalog texts are read by its Indonesian voice (`id`): both Austronesian, spelled close to how they sound, and the
// result is understandable Tagalog with a foreign accent.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'complaints');

/** espeak-ng voice per UI language; `+f2`/`+m3` variants vary the callers. */
const VOICES = { en: 'en-us', nl: 'nl', da: 'da', nb: 'nb', tl: 'id' };

/** topic → the queue a customer with it would call. */
const QUEUE_OF = { billing: 'support', delivery: 'support', router: 'technical' };

const COMPLAINTS = [
  // English
  {
    lang: 'en',
    topic: 'billing',
    caller: 'Sarah Miller',
    variant: 'f2',
    text: 'Hello, I am calling about my bill for March. You charged me twice for the same subscription, forty-nine euros each time. I would like the extra payment back, please. I have been your customer for six years.',
  },
  {
    lang: 'en',
    topic: 'router',
    caller: 'James Carter',
    variant: 'm3',
    text: 'Hi. My router stopped working last night. All the lights are blinking orange and I have no internet at all. I already restarted it three times. I work from home, so I really need this fixed today.',
  },
  {
    lang: 'en',
    topic: 'delivery',
    caller: 'Emily Brooks',
    variant: 'f3',
    text: 'Good morning. I ordered a new phone two weeks ago and it still has not arrived. The tracking page says it was delivered, but nothing came. Where is my package?',
  },
  // Nederlands
  {
    lang: 'nl',
    topic: 'billing',
    caller: 'Sanne de Vries',
    variant: 'f2',
    text: 'Goedemiddag. Ik bel over mijn rekening van maart. U heeft mijn abonnement twee keer afgeschreven, twee keer negenenveertig euro. Dat geld wil ik graag terug. Ik ben al zes jaar klant bij u.',
  },
  {
    lang: 'nl',
    topic: 'router',
    caller: 'Pieter Jansen',
    variant: 'm3',
    text: 'Hallo. Mijn modem doet het sinds gisteravond niet meer. Alle lampjes knipperen oranje en ik heb helemaal geen internet. Ik heb hem al drie keer opnieuw opgestart. Ik werk thuis, dus het moet vandaag nog opgelost worden.',
  },
  {
    lang: 'nl',
    topic: 'delivery',
    caller: 'Fleur Bakker',
    variant: 'f3',
    text: 'Goedemorgen. Ik heb twee weken geleden een nieuwe telefoon besteld en die is nog steeds niet binnen. Volgens de track-and-trace is hij bezorgd, maar er is niks gekomen. Waar is mijn pakket?',
  },
  // Dansk
  {
    lang: 'da',
    topic: 'billing',
    caller: 'Mette Hansen',
    variant: 'f2',
    text: 'Goddag. Jeg ringer om min regning for marts. I har trukket mit abonnement to gange, to hundrede og niogfyrre kroner hver gang. Jeg vil gerne have pengene tilbage. Jeg har været kunde hos jer i seks år.',
  },
  {
    lang: 'da',
    topic: 'router',
    caller: 'Lars Nielsen',
    variant: 'm3',
    text: 'Hej. Min router holdt op med at virke i går aftes. Alle lamperne blinker orange, og jeg har slet ikke noget internet. Jeg har allerede genstartet den tre gange. Jeg arbejder hjemmefra, så det skal ordnes i dag.',
  },
  {
    lang: 'da',
    topic: 'delivery',
    caller: 'Sofie Jensen',
    variant: 'f3',
    text: 'Godmorgen. Jeg bestilte en ny telefon for to uger siden, og den er stadig ikke kommet. Ifølge sporingen er pakken leveret, men jeg har ikke fået noget. Hvor er min pakke?',
  },
  // Norsk bokmål
  {
    lang: 'nb',
    topic: 'billing',
    caller: 'Ingrid Berg',
    variant: 'f2',
    text: 'God dag. Jeg ringer angående regningen min for mars. Dere har trukket abonnementet mitt to ganger, to hundre og nittini kroner hver gang. Jeg vil gjerne ha pengene tilbake. Jeg har vært kunde hos dere i seks år.',
  },
  {
    lang: 'nb',
    topic: 'router',
    caller: 'Lars Haugen',
    variant: 'm3',
    text: 'Hei. Ruteren min sluttet å virke i går kveld. Alle lampene blinker oransje, og jeg har ikke noe internett i det hele tatt. Jeg har allerede startet den på nytt tre ganger. Jeg jobber hjemmefra, så dette må fikses i dag.',
  },
  {
    lang: 'nb',
    topic: 'delivery',
    caller: 'Kari Johansen',
    variant: 'f3',
    text: 'God morgen. Jeg bestilte en ny telefon for to uker siden, og den har fortsatt ikke kommet. Sporingen sier at pakken er levert, men jeg har ikke fått noe. Hvor er pakken min?',
  },
  // Tagalog
  {
    lang: 'tl',
    topic: 'billing',
    caller: 'Maria Santos',
    variant: 'f2',
    text: 'Magandang hapon po. Tumatawag po ako tungkol sa bill ko para sa Marso. Dalawang beses po ninyong siningil ang subscription ko, tig-apat na raan at siyamnapu’t siyam na piso. Gusto ko pong maibalik ang sobrang bayad. Anim na taon na po akong customer ninyo.',
  },
  {
    lang: 'tl',
    topic: 'router',
    caller: 'Jose Reyes',
    variant: 'm3',
    text: 'Hello po. Hindi na po gumagana ang router ko simula kagabi. Kumikislap po ng orange ang lahat ng ilaw at wala talaga akong internet. Tatlong beses ko na pong ni-restart. Sa bahay po ako nagtatrabaho, kaya kailangan po itong maayos ngayong araw.',
  },
  {
    lang: 'tl',
    topic: 'delivery',
    caller: 'Ana Cruz',
    variant: 'f3',
    text: 'Magandang umaga po. Umorder po ako ng bagong cellphone dalawang linggo na ang nakalipas, pero hanggang ngayon ay wala pa rin. Sabi po ng tracking ay na-deliver na, pero wala naman pong dumating. Nasaan po ang package ko?',
  },
];

function need(cmd) {
  try {
    execFileSync(cmd, ['--help'], { stdio: 'ignore' });
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error(`${cmd} not found: apt-get install -y espeak-ng opus-tools`);
  }
}
need('espeak-ng');
need('opusenc');

mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (f.endsWith('.opus')) unlinkSync(join(out, f));
const work = mkdtempSync(join(tmpdir(), 'warmline-complaints-'));
const manifest = [];
try {
  COMPLAINTS.forEach((c, i) => {
    const file = `${c.lang}-${c.topic}.opus`;
    const wav = join(work, `${c.lang}-${c.topic}.wav`);
    // -s 150: a little slower than espeak's default, closer to a caller on the phone.
    execFileSync('espeak-ng', ['-v', `${VOICES[c.lang]}+${c.variant}`, '-s', '150', '-w', wav, c.text]);
    // A fixed serial and no extra comments keep the output identical from run to run.
    execFileSync('opusenc', [
      '--quiet',
      '--bitrate',
      '8',
      '--framesize',
      '20',
      '--downmix-mono',
      '--serial',
      String(i + 1),
      wav,
      join(out, file),
    ]);
    manifest.push({ file, lang: c.lang, topic: c.topic, queue: QUEUE_OF[c.topic], caller: c.caller, text: c.text });
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeFileSync(join(out, 'complaints.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const total = manifest.reduce((sum, m) => sum + statSync(join(out, m.file)).size, 0);
console.log(`${manifest.length} complaints, ${(total / 1024).toFixed(0)} KiB in ${out}`);
