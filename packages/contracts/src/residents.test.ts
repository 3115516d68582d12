/** The format rules of the person record: ID numbers (GB 11643), phones, plates, and the staff-only split. */
import { describe, expect, it } from 'vitest';
import {
  CreateResidentBody,
  formatPhone,
  idBirthday,
  idChecksum,
  idGender,
  idNumberProblem,
  normaliseIdNumber,
  normalisePhone,
  normalisePlate,
  RESIDENT_STAFF_ONLY_KEYS,
  ResidentDetail,
  ResidentProfile,
} from './index.ts';

describe('ID numbers (18 digits, GB 11643 check character)', () => {
  it('accepts real-looking numbers, including an X check character', () => {
    // The standard's own example (北京市朝阳区, born 1949-12-31), and others with X and digit checks.
    for (const id of [
      '11010519491231002X',
      '44030519900101123X',
      '31010419851120345X',
      '510107197703150024',
      '110101199003070070',
      '330106198808080012',
    ])
      expect({ id, problem: idNumberProblem(id) }).toEqual({ id, problem: null });
    expect(idChecksum('11010519491231002')).toBe('X');
  });

  it('refuses a wrong check character, whichever digit was mistyped', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checksum');
    expect(idNumberProblem('11010519491231003X')).toBe('checksum');
    // Two digits swapped (a common slip) changes the weighted sum.
    expect(idNumberProblem('11010591491231002X')).not.toBeNull();
    expect(idNumberProblem('510107197703150025')).toBe('checksum');
  });

  it('refuses the legacy 15-digit numbers, wrong lengths and letters', () => {
    expect(idNumberProblem('110105491231002')).toBe('legacy');
    expect(idNumberProblem('11010519491231002')).toBe('format');
    expect(idNumberProblem('11010519491231002XX')).toBe('format');
    expect(idNumberProblem('1101051949123100A2')).toBe('format');
  });

  it('refuses an unknown province and an impossible or future birth date', () => {
    const withCheck = (first17: string) => first17 + idChecksum(first17);
    expect(idNumberProblem(withCheck('99010519491231002'))).toBe('region');
    expect(idNumberProblem(withCheck('11010519490230002'))).toBe('birth'); // 30 February
    expect(idNumberProblem(withCheck('11010518991231002'))).toBe('birth'); // before 1900
    expect(idNumberProblem(withCheck('11010520300101002'), '2026-11-22')).toBe('birth');
    expect(idNumberProblem(withCheck('11010520000229002'))).toBeNull(); // a leap day
  });

  it('reads the birthday and sex a number holds, and takes a lower-case x', () => {
    expect(idBirthday('11010519491231002X')).toBe('1949-12-31');
    expect(idGender('11010519491231002X')).toBe('female'); // 17th digit 2: even
    expect(idGender('44030519900101123X')).toBe('male'); // 3: odd
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
});

describe('phones', () => {
  it('normalises mainland mobiles, with or without the country code and separators', () => {
    expect(normalisePhone('13800138000')).toBe('13800138000');
    expect(normalisePhone('138 0013 8000')).toBe('13800138000');
    expect(normalisePhone('138-0013-8000')).toBe('13800138000');
    expect(normalisePhone('+86 138 0013 8000')).toBe('13800138000');
    expect(normalisePhone('008613800138000')).toBe('13800138000');
    expect(normalisePhone('8613800138000')).toBe('13800138000');
    expect(normalisePhone('19912345678')).toBe('19912345678');
  });

  it('keeps landlines with their area code as digits, and writes them with a dash', () => {
    expect(normalisePhone('0755-88886666')).toBe('075588886666');
    expect(normalisePhone('(010) 6552 9988')).toBe('01065529988');
    expect(normalisePhone('021-62345678')).toBe('02162345678');
    expect(normalisePhone('0898-6123456')).toBe('08986123456');
    expect(normalisePhone('+86 755 8888 6666')).toBe('075588886666');
    expect(formatPhone('075588886666')).toBe('0755-88886666');
    expect(formatPhone('01065529988')).toBe('010-65529988');
    expect(formatPhone('13800138000')).toBe('13800138000');
  });

  it('refuses what is neither', () => {
    for (const bad of [
      '12800138000', // no mobile starts 12
      '1380013800', // 10 digits
      '138001380001', // 12 digits
      '88886666', // a landline without area code
      '010-0123456', // a local number starting with 0
      '0755-8888', // too short
      '400-800-8888', // a hotline
      'abc',
      '',
    ])
      expect({ bad, value: normalisePhone(bad) }).toEqual({ bad, value: null });
  });
});

describe('plates', () => {
  it('normalises ordinary and new-energy plates and refuses the rest', () => {
    expect(normalisePlate('粤b 12345')).toBe('粤B12345');
    expect(normalisePlate('京A·88888')).toBe('京A88888');
    expect(normalisePlate('粤BD12345')).toBe('粤BD12345');
    expect(normalisePlate('沪A12345F')).toBe('沪A12345F');
    expect(normalisePlate('粤B1234学')).toBe('粤B1234学');
    for (const bad of ['粤B1234', 'AB12345', '粤I12345', '粤B123456', '港B12345'])
      expect({ bad, value: normalisePlate(bad) }).toEqual({ bad, value: null });
  });
});

describe('the create body', () => {
  it('names each bad field with its own message', () => {
    const r = CreateResidentBody.safeParse({
      estateId: 'e1',
      name: '张三',
      phones: ['13800138000', '12345', '138 0013 8000'],
      idNumber: '110105194912310021',
      vehicles: ['粤B1234'],
      emergencyContact: { name: '李四', phone: '110' },
    });
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath).toMatchObject({
      'phones.1': 'validation.phone',
      'phones.2': 'validation.repeated',
      idNumber: 'validation.idNumberChecksum',
      'vehicles.0': 'validation.plate',
      'emergencyContact.phone': 'validation.phone',
    });
  });

  it('gives the normalised values to the server', () => {
    const r = CreateResidentBody.parse({
      estateId: 'e1',
      name: ' 张三 ',
      phones: ['+86 138-0013-8000'],
      idNumber: '11010519491231002x',
      vehicles: ['粤b12345'],
    });
    expect(r).toMatchObject({
      name: '张三',
      phones: ['13800138000'],
      idNumber: '11010519491231002X',
      vehicles: ['粤B12345'],
    });
  });
});

describe('the staff-only part of a resident', () => {
  it('is stripped by the profile shape, so a portal answering with it cannot leak the grade', () => {
    const detail = {
      id: 'r1',
      estateId: 'e1',
      estateName: '阳光花园',
      name: '张三',
      gender: 'male',
      birthday: null,
      phones: ['138****8000'],
      idNumber: null,
      segment: null,
      vehicles: [],
      emergencyContact: null,
      moveInDate: null,
      units: [],
      authorisations: [],
      version: 1,
      createdAt: '2026-11-22T00:00:00.000Z',
      updatedAt: null,
      grade: 'D',
      gradeHistory: [],
      notes: '多次无效投诉',
      vipCard: null,
      pastUnits: [],
    };
    expect(ResidentDetail.parse(detail)).toEqual(detail);
    const profile = ResidentProfile.parse(detail) as Record<string, unknown>;
    for (const key of RESIDENT_STAFF_ONLY_KEYS) expect(profile).not.toHaveProperty(key);
    expect(RESIDENT_STAFF_ONLY_KEYS).toEqual(['grade', 'gradeHistory', 'notes', 'vipCard', 'pastUnits']);
  });
});
