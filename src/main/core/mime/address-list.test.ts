import { describe, expect, it } from 'vitest'
import { readAddressList } from './address-list'

describe('readAddressList', () => {
  it.each([
    ['root', [{ address: 'root' }]],
    ['root (Cron Daemon)', [{ name: 'Cron Daemon', address: 'root' }]],
    ['Root User <root>', [{ name: 'Root User', address: 'root' }]],
    ['undisclosed-recipients:;', []],
    [
      'user@host, bob, "Q, R" <q@r.test>',
      [{ address: 'user@host' }, { address: 'bob' }, { name: 'Q, R', address: 'q@r.test' }],
    ],
    ['a@b.test c@d.test', [{ address: 'a@b.test' }, { address: 'c@d.test' }]],
    ['Jane Doe jane@x.test', [{ name: 'Jane Doe', address: 'jane@x.test' }]],
    ['=?UTF-8?Q?Smile_:)?= <a@b.test>', [{ name: 'Smile :)', address: 'a@b.test' }]],
    [
      '=?UTF-8?Q?Doe,_Jane?= <j@x.test>, k@x.test',
      [{ name: 'Doe, Jane', address: 'j@x.test' }, { address: 'k@x.test' }],
    ],
    ['=?utf-8?q?Zo?= =?utf-8?q?=C3=AB?= <z@x.test>', [{ name: 'Zoë', address: 'z@x.test' }]],
    ['"=?UTF-8?Q?Quoted_:)?=" <q@x.test>', [{ name: 'Quoted :)', address: 'q@x.test' }]],
    ['Dept: a@b.test, c;, d', [{ address: 'a@b.test' }, { address: 'c' }, { address: 'd' }]],
    ['<@route,@r2:a@b.test>', [{ address: 'a@b.test' }]],
    ['"john smith"@x.test', [{ address: '"john smith"@x.test' }]],
    ['<>, , ', []],
    ['bounce-x=y.test@list.test', [{ address: 'bounce-x=y.test@list.test' }]],
    ['CEO <=?UTF-8?Q?a=40b.test=2C_x=40evil.test?=>', []],
    ['"unterminated <a@b.test>', [{ address: 'unterminated <a@b.test>' }]],
  ])('reads %j', (value, expected) => {
    expect(readAddressList(value)).toEqual(expected)
  })
})
