/** The demo's cast: who writes to the demo user, in which language. All addresses are .test ones. */

export interface Person {
  name: string
  address: string
  lang: Lang
}

export type Lang = 'en' | 'de' | 'fr' | 'es' | 'ja' | 'el' | 'ru' | 'ar' | 'zh'

export const ME: Person = { name: 'Sam Demo', address: 'demo@example.test', lang: 'en' }

export const PEOPLE: readonly Person[] = [
  { name: 'Priya Raman', address: 'priya@northwind.test', lang: 'en' },
  { name: 'Tom Becker', address: 'tom.becker@northwind.test', lang: 'en' },
  { name: 'Anna Schmidt', address: 'anna.schmidt@beispiel.test', lang: 'de' },
  { name: 'Jean Dupont', address: 'jean.dupont@exemple.test', lang: 'fr' },
  { name: 'María García', address: 'maria.garcia@ejemplo.test', lang: 'es' },
  { name: '山田 花子', address: 'hanako.yamada@rei.test', lang: 'ja' },
  { name: 'Γιώργος Παπαδόπουλος', address: 'giorgos@paradeigma.test', lang: 'el' },
  { name: 'Ольга Иванова', address: 'olga@primer.test', lang: 'ru' },
  { name: 'ليلى حسن', address: 'layla@mithal.test', lang: 'ar' },
  { name: '王伟', address: 'wang.wei@lizi.test', lang: 'zh' },
  { name: 'Grace Okafor', address: 'grace@northwind.test', lang: 'en' },
  { name: 'Lukas Novak', address: 'lukas@northwind.test', lang: 'en' },
]

export const SENDERS = {
  library: { name: 'Rivertown Library', address: 'news@rivertown-library.test', lang: 'en' },
  outdoor: { name: 'Trailhead Outdoor', address: 'hello@trailhead-shop.test', lang: 'en' },
  git: { name: 'Forge CI', address: 'noreply@forge.test', lang: 'en' },
  bank: { name: 'Harbor Bank', address: 'statements@harborbank.test', lang: 'en' },
  airline: { name: 'Skylark Air', address: 'booking@skylark-air.test', lang: 'en' },
  spam: { name: 'Prize Department', address: 'winner@lucky-prize.test', lang: 'en' },
} satisfies Record<string, Person>

/** Short personal notes, one set per language: subject and body. */
export const NOTES: Record<Lang, readonly [string, string][]> = {
  en: [
    ['Lunch on Thursday?', 'Are you free for lunch on Thursday? The new place by the river has a garden.'],
    [
      'Photos from the weekend',
      'Here are a few photos from the hike. The view from the top was worth the rain.',
    ],
    ['Book recommendation', 'I finished the novel you lent me. The last chapter surprised me completely.'],
  ],
  de: [
    [
      'Treffen nächste Woche',
      'Hallo Sam,\n\npasst dir Dienstag um 10 Uhr für unser Treffen? Ich bringe die Unterlagen mit.\n\nViele Grüße\nAnna',
    ],
    ['Grüße aus München', 'Liebe Grüße aus München! Das Wetter ist herrlich und der Biergarten voll.'],
    ['Rückfrage zur Rechnung', 'Könntest du mir die Rechnung vom März noch einmal schicken? Danke schön!'],
  ],
  fr: [
    [
      'Réunion de lundi',
      'Bonjour Sam,\n\nla réunion de lundi est déplacée à 14 h. Peux-tu confirmer ta présence ?\n\nCordialement,\nJean',
    ],
    ['Vacances en Bretagne', 'Nous sommes bien arrivés en Bretagne. La mer est froide mais magnifique !'],
    [
      'Merci pour ton aide',
      'Merci encore pour ton aide avec le déménagement. Le café est pour moi la prochaine fois.',
    ],
  ],
  es: [
    ['¿Cena el sábado?', 'Hola Sam, ¿te apetece cenar el sábado? Conozco un sitio de tapas estupendo.'],
    [
      'Documentos del proyecto',
      'Te envío los documentos revisados. Avísame si falta algo.\n\nUn abrazo,\nMaría',
    ],
    ['Feliz cumpleaños', '¡Feliz cumpleaños! Que pases un día maravilloso.'],
  ],
  ja: [
    [
      '来週の打ち合わせについて',
      'サムさん\n\n来週の打ち合わせは水曜日の午後三時でいかがでしょうか。\nよろしくお願いいたします。\n\n山田',
    ],
    ['京都の写真', '先週末に京都へ行ってきました。紅葉がとてもきれいでした。'],
    ['資料の送付', '昨日お話しした資料をお送りします。ご確認ください。'],
  ],
  el: [
    [
      'Καλημέρα από την Αθήνα',
      'Γεια σου Sam,\n\nσου στέλνω τα νέα από την Αθήνα. Ο καιρός είναι υπέροχος!\n\nΦιλικά,\nΓιώργος',
    ],
    ['Συνάντηση την Παρασκευή', 'Μπορούμε να συναντηθούμε την Παρασκευή στις 11 το πρωί;'],
  ],
  ru: [
    [
      'Встреча в пятницу',
      'Привет, Сэм!\n\nДавай встретимся в пятницу в кафе у парка. Тебе удобно в шесть?\n\nОльга',
    ],
    ['Отчёт за квартал', 'Отправляю отчёт за квартал. Посмотри, пожалуйста, раздел о расходах.'],
  ],
  ar: [
    [
      'موعد الاجتماع',
      'مرحباً سام،\n\nهل يناسبك موعد الاجتماع يوم الأحد في الساعة العاشرة صباحاً؟\n\nمع التحية،\nليلى',
    ],
    ['شكراً جزيلاً', 'شكراً جزيلاً على الهدية الجميلة. أتمنى أن نلتقي قريباً.'],
  ],
  zh: [
    ['周末聚会', '山姆你好，\n\n这个周末我们在公园聚会，你有空来吗？\n\n王伟'],
    ['项目进展', '附件是本周的项目进展报告，请查收。'],
  ],
}
